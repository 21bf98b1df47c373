CREATE TABLE `deposits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deposit_uid` text NOT NULL,
	`business_date` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by_user_id` integer NOT NULL,
	`currency_cents` integer NOT NULL,
	`coin_cents` integer NOT NULL,
	`items_cents` integer NOT NULL,
	`item_count` integer NOT NULL,
	`total_cents` integer NOT NULL,
	`slip_json` text NOT NULL,
	`journal_entry_id` text NOT NULL,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`journal_entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deposits_deposit_uid_unique` ON `deposits` (`deposit_uid`);--> statement-breakpoint
CREATE TABLE `drawer_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`clerk_user_id` integer NOT NULL,
	`workstation` text NOT NULL,
	`business_date` text NOT NULL,
	`status` text NOT NULL,
	`opened_at` text NOT NULL,
	`float_counts_json` text NOT NULL,
	`float_cents` integer NOT NULL,
	`float_currency_cents` integer NOT NULL,
	`float_coin_cents` integer NOT NULL,
	`closed_at` text,
	`closed_by_user_id` integer,
	`count_json` text,
	`counted_cash_cents` integer,
	`counted_currency_cents` integer,
	`counted_coin_cents` integer,
	`counted_items_cents` integer,
	`reconciliation_json` text,
	`over_short_cents` integer,
	`over_short_reason` text,
	`over_short_entry_id` text,
	`deposit_id` integer,
	FOREIGN KEY (`clerk_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`over_short_entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deposit_id`) REFERENCES `deposits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `drawer_sessions_one_open_per_clerk` ON `drawer_sessions` (`clerk_user_id`) WHERE "drawer_sessions"."status" = 'open';--> statement-breakpoint
CREATE INDEX `drawer_sessions_date` ON `drawer_sessions` (`business_date`,`status`);--> statement-breakpoint
CREATE TABLE `end_of_day_reports` (
	`business_date` text PRIMARY KEY NOT NULL,
	`finalised_at` text NOT NULL,
	`finalised_by_user_id` integer NOT NULL,
	`report_json` text NOT NULL,
	FOREIGN KEY (`finalised_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `lockbox_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_name` text NOT NULL,
	`format` text NOT NULL,
	`file_sha256` text NOT NULL,
	`item_count` integer NOT NULL,
	`total_cents` integer NOT NULL,
	`business_date` text NOT NULL,
	`imported_at` text NOT NULL,
	`imported_by_user_id` integer NOT NULL,
	FOREIGN KEY (`imported_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lockbox_imports_file_sha256_unique` ON `lockbox_imports` (`file_sha256`);--> statement-breakpoint
CREATE TABLE `payment_accounts` (
	`payment_id` integer NOT NULL,
	`line_no` integer NOT NULL,
	`account_id` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`balance_after_cents` integer NOT NULL,
	PRIMARY KEY(`payment_id`, `line_no`),
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payment_accounts_account` ON `payment_accounts` (`account_id`);--> statement-breakpoint
CREATE TABLE `payment_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`drawer_id` integer NOT NULL,
	`channel` text NOT NULL,
	`control_count` integer NOT NULL,
	`control_total_cents` integer NOT NULL,
	`status` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`opened_at` text NOT NULL,
	`opened_by_user_id` integer NOT NULL,
	`closed_at` text,
	FOREIGN KEY (`drawer_id`) REFERENCES `drawer_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`opened_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payment_batches_drawer` ON `payment_batches` (`drawer_id`);--> statement-breakpoint
CREATE TABLE `payment_tenders` (
	`payment_id` integer NOT NULL,
	`line_no` integer NOT NULL,
	`kind` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`item_number` text,
	`drawn_on` text,
	`card_last_four` text,
	`card_authorization` text,
	PRIMARY KEY(`payment_id`, `line_no`),
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`payment_uid` text NOT NULL,
	`receipt_number` text NOT NULL,
	`channel` text NOT NULL,
	`drawer_id` integer,
	`batch_id` integer,
	`lockbox_import_id` integer,
	`source_line` integer,
	`clerk_user_id` integer NOT NULL,
	`business_date` text NOT NULL,
	`received_at` text NOT NULL,
	`payer_name` text DEFAULT '' NOT NULL,
	`amount_cents` integer NOT NULL,
	`tendered_cents` integer NOT NULL,
	`change_cents` integer NOT NULL,
	`credit_cents` integer NOT NULL,
	`payment_cents` integer NOT NULL,
	`content_hash` text NOT NULL,
	`journal_entry_id` text NOT NULL,
	`status` text NOT NULL,
	`voided_at` text,
	`voided_by_user_id` integer,
	`void_approved_by_user_id` integer,
	`void_reason` text,
	`void_entry_id` text,
	`returned_at` text,
	`returned_by_user_id` integer,
	`return_reason` text,
	`return_entry_id` text,
	`return_fee_cents` integer,
	FOREIGN KEY (`drawer_id`) REFERENCES `drawer_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `payment_batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lockbox_import_id`) REFERENCES `lockbox_imports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`clerk_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`journal_entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`voided_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`void_approved_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`void_entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`returned_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`return_entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_payment_uid_unique` ON `payments` (`payment_uid`);--> statement-breakpoint
CREATE UNIQUE INDEX `payments_receipt_number_unique` ON `payments` (`receipt_number`);--> statement-breakpoint
CREATE INDEX `payments_drawer` ON `payments` (`drawer_id`);--> statement-breakpoint
CREATE INDEX `payments_batch` ON `payments` (`batch_id`);--> statement-breakpoint
CREATE INDEX `payments_date` ON `payments` (`business_date`);--> statement-breakpoint
CREATE INDEX `payments_lockbox` ON `payments` (`lockbox_import_id`);