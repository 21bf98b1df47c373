-- Fewer pages written per posting (a counter payment's commit wrote 22 pages; each costs the clerk
-- time at the fsync). Hand-written rebuilds: journal_lines without AUTOINCREMENT (lines are never
-- deleted, so ids come out the same, and sqlite_sequence is no longer rewritten by every posting);
-- payment_tenders and payment_accounts WITHOUT ROWID (their (payment, line) key is the table, no
-- separate key index). Rows, ids, indexes and the immutability triggers are all kept.
CREATE TABLE `__new_journal_lines` (
	`id` integer PRIMARY KEY NOT NULL,
	`entry_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`gl_code` text NOT NULL,
	`account_id` integer,
	`amount_cents` integer NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`gl_code`) REFERENCES `gl_accounts`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "journal_lines_amount_nonzero" CHECK(`amount_cents` <> 0)
);
--> statement-breakpoint
INSERT INTO `__new_journal_lines` (`id`, `entry_id`, `line_no`, `gl_code`, `account_id`, `amount_cents`)
SELECT `id`, `entry_id`, `line_no`, `gl_code`, `account_id`, `amount_cents` FROM `journal_lines` ORDER BY `id`;
--> statement-breakpoint
DROP TABLE `journal_lines`;
--> statement-breakpoint
ALTER TABLE `__new_journal_lines` RENAME TO `journal_lines`;
--> statement-breakpoint
DELETE FROM sqlite_sequence WHERE name = 'journal_lines';
--> statement-breakpoint
CREATE UNIQUE INDEX `journal_lines_entry_line` ON `journal_lines` (`entry_id`,`line_no`);
--> statement-breakpoint
CREATE INDEX `journal_lines_account_amount` ON `journal_lines` (`account_id`,`id`,`amount_cents`);
--> statement-breakpoint
CREATE INDEX `journal_lines_gl_amount` ON `journal_lines` (`gl_code`,`amount_cents`);
--> statement-breakpoint
CREATE TRIGGER journal_lines_no_update BEFORE UPDATE ON journal_lines BEGIN SELECT RAISE(ABORT, 'posted journal entries are immutable; post a reversal instead'); END;
--> statement-breakpoint
CREATE TRIGGER journal_lines_no_delete BEFORE DELETE ON journal_lines BEGIN SELECT RAISE(ABORT, 'posted journal entries are immutable; post a reversal instead'); END;
--> statement-breakpoint
CREATE TABLE `__new_payment_tenders` (
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
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_payment_tenders` SELECT `payment_id`, `line_no`, `kind`, `amount_cents`, `item_number`, `drawn_on`, `card_last_four`, `card_authorization` FROM `payment_tenders`;
--> statement-breakpoint
DROP TABLE `payment_tenders`;
--> statement-breakpoint
ALTER TABLE `__new_payment_tenders` RENAME TO `payment_tenders`;
--> statement-breakpoint
CREATE TRIGGER payment_tenders_no_update BEFORE UPDATE ON payment_tenders BEGIN SELECT RAISE(ABORT, 'payment tenders are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER payment_tenders_no_delete BEFORE DELETE ON payment_tenders BEGIN SELECT RAISE(ABORT, 'payment tenders are immutable'); END;
--> statement-breakpoint
CREATE TABLE `__new_payment_accounts` (
	`payment_id` integer NOT NULL,
	`line_no` integer NOT NULL,
	`account_id` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`balance_after_cents` integer NOT NULL,
	PRIMARY KEY(`payment_id`, `line_no`),
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_payment_accounts` SELECT `payment_id`, `line_no`, `account_id`, `amount_cents`, `balance_after_cents` FROM `payment_accounts`;
--> statement-breakpoint
DROP TABLE `payment_accounts`;
--> statement-breakpoint
ALTER TABLE `__new_payment_accounts` RENAME TO `payment_accounts`;
--> statement-breakpoint
CREATE INDEX `payment_accounts_account` ON `payment_accounts` (`account_id`);
--> statement-breakpoint
CREATE TRIGGER payment_accounts_no_update BEFORE UPDATE ON payment_accounts BEGIN SELECT RAISE(ABORT, 'the accounts a payment paid are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER payment_accounts_no_delete BEFORE DELETE ON payment_accounts BEGIN SELECT RAISE(ABORT, 'the accounts a payment paid are immutable'); END;
