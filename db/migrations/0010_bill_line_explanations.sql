-- A bill line's explanation moves to its own content-addressed table (one row per distinct text):
-- accounts billed alike share it, and a 50,000-account run no longer writes 40 MB of copies.
-- Hand-written rebuild of bill_lines (SQLite cannot add a NOT NULL column to filled rows); the
-- existing lines keep their ids and point at their explanation's row.
CREATE TABLE `bill_line_explanations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`explanation_json` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bill_line_explanations_text` ON `bill_line_explanations` (`explanation_json`);
--> statement-breakpoint
INSERT OR IGNORE INTO `bill_line_explanations` (`explanation_json`) SELECT `explanation_json` FROM `bill_lines` ORDER BY `id`;
--> statement-breakpoint
CREATE TABLE `__new_bill_lines` (
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
	`explanation_id` integer NOT NULL,
	FOREIGN KEY (`bill_id`) REFERENCES `bills`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`gl_code`) REFERENCES `gl_accounts`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`explanation_id`) REFERENCES `bill_line_explanations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_bill_lines` (`id`, `bill_id`, `line_no`, `kind`, `service`, `rate_class`, `gl_code`, `description`, `amount_cents`, `from_date`, `to_date`, `explanation_id`)
SELECT l.`id`, l.`bill_id`, l.`line_no`, l.`kind`, l.`service`, l.`rate_class`, l.`gl_code`, l.`description`, l.`amount_cents`, l.`from_date`, l.`to_date`, e.`id`
FROM `bill_lines` l JOIN `bill_line_explanations` e ON e.`explanation_json` = l.`explanation_json`;
--> statement-breakpoint
DROP TABLE `bill_lines`;
--> statement-breakpoint
ALTER TABLE `__new_bill_lines` RENAME TO `bill_lines`;
--> statement-breakpoint
CREATE UNIQUE INDEX `bill_lines_bill_line` ON `bill_lines` (`bill_id`,`line_no`);
--> statement-breakpoint
CREATE TRIGGER bill_lines_no_update BEFORE UPDATE ON bill_lines BEGIN SELECT RAISE(ABORT, 'bill lines are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER bill_lines_no_delete BEFORE DELETE ON bill_lines WHEN (SELECT status FROM bills WHERE id = OLD.bill_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'only a draft bill''s lines can be deleted'); END;
--> statement-breakpoint
-- An explanation is shared by every line computed alike, in every run: it never changes or goes.
CREATE TRIGGER bill_line_explanations_no_update BEFORE UPDATE ON bill_line_explanations BEGIN SELECT RAISE(ABORT, 'bill line explanations are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER bill_line_explanations_no_delete BEFORE DELETE ON bill_line_explanations BEGIN SELECT RAISE(ABORT, 'bill line explanations are immutable'); END;
