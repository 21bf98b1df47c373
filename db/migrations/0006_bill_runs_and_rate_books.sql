CREATE TABLE `bill_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bill_id` integer NOT NULL,
	`line_no` integer NOT NULL,
	`kind` text NOT NULL,
	`service` text NOT NULL,
	`rate_class` text,
	`gl_code` text NOT NULL,
	`description` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`explanation_json` text NOT NULL,
	FOREIGN KEY (`bill_id`) REFERENCES `bills`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`gl_code`) REFERENCES `gl_accounts`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bill_lines_bill_line` ON `bill_lines` (`bill_id`,`line_no`);--> statement-breakpoint
CREATE TABLE `bill_run_accounts` (
	`run_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`disposition` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`run_id`, `account_id`),
	FOREIGN KEY (`run_id`) REFERENCES `bill_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `bill_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cycle` integer NOT NULL,
	`period` text NOT NULL,
	`status` text NOT NULL,
	`rate_book_id` integer NOT NULL,
	`bill_date` text NOT NULL,
	`due_date` text NOT NULL,
	`bill_count` integer DEFAULT 0 NOT NULL,
	`total_cents` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`created_by_user_id` integer NOT NULL,
	`computed_at` text NOT NULL,
	`approved_at` text,
	`approved_by_user_id` integer,
	`posted_at` text,
	`posted_by_user_id` integer,
	`cancelled_at` text,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`rate_book_id`) REFERENCES `rate_books`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`posted_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bill_runs_cycle_period` ON `bill_runs` (`cycle`,`period`);--> statement-breakpoint
CREATE UNIQUE INDEX `bill_runs_live` ON `bill_runs` (`cycle`,`period`) WHERE "bill_runs"."status" <> 'cancelled';--> statement-breakpoint
CREATE TABLE `bills` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer,
	`account_id` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`period` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`period_days` integer NOT NULL,
	`read_id` integer,
	`prior_read_id` integer,
	`usage_hcf` text NOT NULL,
	`estimated` integer DEFAULT false NOT NULL,
	`total_cents` integer NOT NULL,
	`previous_balance_cents` integer DEFAULT 0 NOT NULL,
	`amount_due_cents` integer DEFAULT 0 NOT NULL,
	`message_codes` text DEFAULT ',' NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`journal_entry_id` text,
	`rate_book_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`cancelled_at` text,
	`cancelled_by_user_id` integer,
	`cancel_reason` text,
	`cancel_entry_id` text,
	`replaces_bill_id` integer,
	FOREIGN KEY (`run_id`) REFERENCES `bill_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`read_id`) REFERENCES `meter_reads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`prior_read_id`) REFERENCES `meter_reads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`journal_entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rate_book_id`) REFERENCES `rate_books`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cancelled_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cancel_entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`replaces_bill_id`) REFERENCES `bills`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bills_run` ON `bills` (`run_id`,`account_id`);--> statement-breakpoint
CREATE INDEX `bills_account` ON `bills` (`account_id`,`to_date`);--> statement-breakpoint
CREATE TABLE `rate_books` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_json` text NOT NULL,
	`sha256` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`saved_at` text NOT NULL,
	`saved_by_user_id` integer,
	FOREIGN KEY (`saved_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `accounts` ADD `bill_hold_reason` text;