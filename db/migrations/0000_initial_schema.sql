CREATE TABLE `account_balances` (
	`account_id` integer PRIMARY KEY NOT NULL,
	`balance_cents` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `account_services` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`service` text NOT NULL,
	`rate_class` text NOT NULL,
	`dwelling_units` integer DEFAULT 1 NOT NULL,
	`fire_line_size_inches` integer,
	`started_on` text NOT NULL,
	`ended_on` text,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `account_services_account` ON `account_services` (`account_id`);--> statement-breakpoint
CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_number` text NOT NULL,
	`customer_id` integer NOT NULL,
	`location_id` integer NOT NULL,
	`status` text NOT NULL,
	`opened_on` text NOT NULL,
	`closed_on` text,
	`deposit_held_cents` integer DEFAULT 0 NOT NULL,
	`autopay` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`location_id`) REFERENCES `service_locations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_account_number_unique` ON `accounts` (`account_number`);--> statement-breakpoint
CREATE INDEX `accounts_customer` ON `accounts` (`customer_id`);--> statement-breakpoint
CREATE INDEX `accounts_location` ON `accounts` (`location_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`user_id` integer,
	`username` text NOT NULL,
	`operation` text NOT NULL,
	`idempotency_key` text,
	`input_hash` text NOT NULL,
	`input_json` text NOT NULL,
	`result_json` text NOT NULL,
	`approved_by_user_id` integer,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_log_idempotency_key` ON `audit_log` (`idempotency_key`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`at` text NOT NULL,
	`user_id` integer NOT NULL,
	`channel` text NOT NULL,
	`contact_name` text DEFAULT '' NOT NULL,
	`subject` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`follow_up_due` text,
	`follow_up_done_at` text,
	`follow_up_done_by_user_id` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`follow_up_done_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contacts_account_at` ON `contacts` (`account_id`,`at`);--> statement-breakpoint
CREATE INDEX `contacts_follow_up` ON `contacts` (`follow_up_due`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`first_name` text DEFAULT '' NOT NULL,
	`last_name` text DEFAULT '' NOT NULL,
	`business_name` text DEFAULT '' NOT NULL,
	`primary_phone` text DEFAULT '' NOT NULL,
	`alt_phone` text DEFAULT '' NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`mailing_street` text NOT NULL,
	`mailing_city` text NOT NULL,
	`mailing_state` text NOT NULL,
	`mailing_zip` text NOT NULL,
	`preferred_language` text DEFAULT 'en' NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `gl_accounts` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `journal_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`posted_at` text NOT NULL,
	`effective_date` text NOT NULL,
	`kind` text NOT NULL,
	`memo` text NOT NULL,
	`created_by_user_id` integer,
	`approved_by_user_id` integer,
	`reverses_entry_id` text,
	`content_hash` text NOT NULL,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reverses_entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `journal_entries_reverses_unique` ON `journal_entries` (`reverses_entry_id`);--> statement-breakpoint
CREATE INDEX `journal_entries_effective_date` ON `journal_entries` (`effective_date`);--> statement-breakpoint
CREATE TABLE `journal_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`gl_code` text NOT NULL,
	`account_id` integer,
	`amount_cents` integer NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`gl_code`) REFERENCES `gl_accounts`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "journal_lines_amount_nonzero" CHECK("journal_lines"."amount_cents" <> 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `journal_lines_entry_line` ON `journal_lines` (`entry_id`,`line_no`);--> statement-breakpoint
CREATE INDEX `journal_lines_account_amount` ON `journal_lines` (`account_id`,`id`,`amount_cents`);--> statement-breakpoint
CREATE INDEX `journal_lines_gl_amount` ON `journal_lines` (`gl_code`,`amount_cents`);--> statement-breakpoint
CREATE TABLE `meter_reads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meter_id` integer NOT NULL,
	`account_id` integer,
	`read_date` text NOT NULL,
	`reading` integer NOT NULL,
	`usage_hcf` text NOT NULL,
	`estimated` integer DEFAULT false NOT NULL,
	`source` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`meter_id`) REFERENCES `meters`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meter_reads_meter_date` ON `meter_reads` (`meter_id`,`read_date`);--> statement-breakpoint
CREATE INDEX `meter_reads_account_date` ON `meter_reads` (`account_id`,`read_date`);--> statement-breakpoint
CREATE TABLE `meters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`serial` text NOT NULL,
	`size` text NOT NULL,
	`dials` integer NOT NULL,
	`multiplier` text DEFAULT '1' NOT NULL,
	`unit` text NOT NULL,
	`installed_on` text NOT NULL,
	`removed_on` text,
	`status` text NOT NULL,
	`location_id` integer,
	FOREIGN KEY (`location_id`) REFERENCES `service_locations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meters_serial_unique` ON `meters` (`serial`);--> statement-breakpoint
CREATE INDEX `meters_location` ON `meters` (`location_id`);--> statement-breakpoint
CREATE TABLE `service_locations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`street` text NOT NULL,
	`unit` text DEFAULT '' NOT NULL,
	`city` text NOT NULL,
	`state` text NOT NULL,
	`zip` text NOT NULL,
	`parcel_number` text DEFAULT '' NOT NULL,
	`route` text NOT NULL,
	`sequence` integer NOT NULL,
	`cycle` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `service_locations_cycle_route` ON `service_locations` (`cycle`,`route`,`sequence`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value_json` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`last_login_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);