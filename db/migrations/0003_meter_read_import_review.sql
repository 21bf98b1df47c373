CREATE TABLE `read_exception_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`exception_id` integer NOT NULL,
	`at` text NOT NULL,
	`user_id` integer,
	`action` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`detail` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`exception_id`) REFERENCES `read_exceptions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `read_exception_actions_exception` ON `read_exception_actions` (`exception_id`);--> statement-breakpoint
CREATE TABLE `read_exceptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cycle` integer NOT NULL,
	`period` text NOT NULL,
	`meter_id` integer NOT NULL,
	`account_id` integer,
	`read_id` integer,
	`import_id` integer,
	`type` text NOT NULL,
	`types` text NOT NULL,
	`severity` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`resolution` text,
	`message` text NOT NULL,
	`findings_json` text NOT NULL,
	`reading_text` text,
	`read_date` text,
	`usage_hcf` text,
	`prior_usage_hcf` text,
	`last_year_usage_hcf` text,
	`average_usage_hcf` text,
	`expected_low_hcf` text,
	`expected_high_hcf` text,
	`created_at` text NOT NULL,
	`resolved_by_user_id` integer,
	`resolved_at` text,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`meter_id`) REFERENCES `meters`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`read_id`) REFERENCES `meter_reads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `read_imports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `read_exceptions_cycle_period` ON `read_exceptions` (`cycle`,`period`,`status`);--> statement-breakpoint
CREATE INDEX `read_exceptions_read` ON `read_exceptions` (`read_id`);--> statement-breakpoint
CREATE INDEX `read_exceptions_meter_period` ON `read_exceptions` (`meter_id`,`period`);--> statement-breakpoint
CREATE TABLE `read_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`format` text NOT NULL,
	`cycle` integer NOT NULL,
	`period` text NOT NULL,
	`row_count` integer NOT NULL,
	`read_count` integer NOT NULL,
	`exception_count` integer NOT NULL,
	`unmatched_count` integer NOT NULL,
	`unmatched_json` text DEFAULT '[]' NOT NULL,
	`imported_by_user_id` integer NOT NULL,
	`imported_at` text NOT NULL,
	FOREIGN KEY (`imported_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `read_imports_sha256_unique` ON `read_imports` (`sha256`);--> statement-breakpoint
CREATE TABLE `read_profiles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`definition_json` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by_user_id` integer NOT NULL,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `read_profiles_name_unique` ON `read_profiles` (`name`);--> statement-breakpoint
CREATE TABLE `work_orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`type` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`account_id` integer,
	`meter_id` integer,
	`exception_id` integer,
	`notes` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`created_by_user_id` integer NOT NULL,
	`closed_at` text,
	`closed_by_user_id` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meter_id`) REFERENCES `meters`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`exception_id`) REFERENCES `read_exceptions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `work_orders_status` ON `work_orders` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `work_orders_exception` ON `work_orders` (`exception_id`);--> statement-breakpoint
ALTER TABLE `meter_reads` ADD `reading_text` text;--> statement-breakpoint
ALTER TABLE `meter_reads` ADD `period` text;--> statement-breakpoint
ALTER TABLE `meter_reads` ADD `cycle` integer;--> statement-breakpoint
ALTER TABLE `meter_reads` ADD `import_id` integer REFERENCES read_imports(id);--> statement-breakpoint
ALTER TABLE `meter_reads` ADD `status` text DEFAULT 'ok' NOT NULL;--> statement-breakpoint
ALTER TABLE `meter_reads` ADD `original_reading_text` text;--> statement-breakpoint
ALTER TABLE `meter_reads` ADD `original_usage_hcf` text;--> statement-breakpoint
ALTER TABLE `meter_reads` ADD `resolved_by_user_id` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `meter_reads` ADD `resolved_at` text;--> statement-breakpoint
CREATE INDEX `meter_reads_cycle_period` ON `meter_reads` (`cycle`,`period`,`meter_id`);