-- Fewer pages written per payment (a counter payment's commit wrote about 24 pages; each costs
-- the clerk time at the fsync). Hand-written: openDatabase runs migrations with foreign keys off
-- (SQLite's procedure for rebuilding a table others refer to) and checks them all afterwards.
--   * no index of payment_accounts by account: an account's payments are found through its
--     journal lines (journal_lines_account_amount) and the entry id, which is the payment's UUID.
--   * journal entries by date: payments' entries left out (found by day through their payments).
--   * gl_balances: GL totals kept by a trigger on journal_lines, instead of an index by GL code
--     that every posting wrote two or three pages of. Backfilled from the lines.
--   * payments without AUTOINCREMENT (ids come out the same: payments are never deleted), the
--     receipt number checked to be the id's instead of a unique index, and one index for the
--     business day and the drawer instead of two.
--   * audit_log without AUTOINCREMENT (sqlite_sequence is no longer rewritten by every write) and
--     with hash_version: records from now on are chained by a cheaper hash (audit/log.ts).
CREATE TABLE `gl_balances` (
	`gl_code` text PRIMARY KEY NOT NULL,
	`balance_cents` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`gl_code`) REFERENCES `gl_accounts`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `gl_balances` (`gl_code`, `balance_cents`) SELECT `code`, (SELECT COALESCE(SUM(`amount_cents`), 0) FROM `journal_lines` WHERE `gl_code` = `code`) FROM `gl_accounts`;
--> statement-breakpoint
CREATE TRIGGER journal_lines_gl_balance AFTER INSERT ON journal_lines BEGIN
  INSERT INTO gl_balances (gl_code, balance_cents) VALUES (NEW.gl_code, NEW.amount_cents)
  ON CONFLICT(gl_code) DO UPDATE SET balance_cents = balance_cents + excluded.balance_cents;
END;
--> statement-breakpoint
DROP INDEX `journal_lines_gl_amount`;
--> statement-breakpoint
DROP INDEX `payment_accounts_account`;
--> statement-breakpoint
DROP INDEX `journal_entries_effective_date`;
--> statement-breakpoint
CREATE INDEX `journal_entries_effective_date` ON `journal_entries` (`effective_date`) WHERE "journal_entries"."kind" <> 'payment';
--> statement-breakpoint
CREATE TABLE `__new_payments` (
	`id` integer PRIMARY KEY NOT NULL,
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
	FOREIGN KEY (`return_entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payments_receipt_number_of_id" CHECK(receipt_number = printf('R%07d', id))
);
--> statement-breakpoint
INSERT INTO `__new_payments`("id", "payment_uid", "receipt_number", "channel", "drawer_id", "batch_id", "lockbox_import_id", "source_line", "clerk_user_id", "business_date", "received_at", "payer_name", "amount_cents", "tendered_cents", "change_cents", "credit_cents", "payment_cents", "content_hash", "journal_entry_id", "status", "voided_at", "voided_by_user_id", "void_approved_by_user_id", "void_reason", "void_entry_id", "returned_at", "returned_by_user_id", "return_reason", "return_entry_id", "return_fee_cents") SELECT "id", "payment_uid", "receipt_number", "channel", "drawer_id", "batch_id", "lockbox_import_id", "source_line", "clerk_user_id", "business_date", "received_at", "payer_name", "amount_cents", "tendered_cents", "change_cents", "credit_cents", "payment_cents", "content_hash", "journal_entry_id", "status", "voided_at", "voided_by_user_id", "void_approved_by_user_id", "void_reason", "void_entry_id", "returned_at", "returned_by_user_id", "return_reason", "return_entry_id", "return_fee_cents" FROM `payments` ORDER BY `id`;
--> statement-breakpoint
DROP TABLE `payments`;
--> statement-breakpoint
ALTER TABLE `__new_payments` RENAME TO `payments`;
--> statement-breakpoint
DELETE FROM sqlite_sequence WHERE name = 'payments';
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_payment_uid_unique` ON `payments` (`payment_uid`);
--> statement-breakpoint
CREATE INDEX `payments_day_drawer` ON `payments` (`business_date`,`drawer_id`);
--> statement-breakpoint
CREATE INDEX `payments_batch` ON `payments` (`batch_id`) WHERE "payments"."batch_id" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX `payments_lockbox` ON `payments` (`lockbox_import_id`) WHERE "payments"."lockbox_import_id" IS NOT NULL;
--> statement-breakpoint
CREATE TRIGGER payments_posted_immutable BEFORE UPDATE ON payments
WHEN OLD.status <> 'posted' OR NEW.status NOT IN ('voided', 'returned')
  OR NEW.payment_uid IS NOT OLD.payment_uid OR NEW.receipt_number IS NOT OLD.receipt_number OR NEW.channel IS NOT OLD.channel
  OR NEW.drawer_id IS NOT OLD.drawer_id OR NEW.batch_id IS NOT OLD.batch_id OR NEW.lockbox_import_id IS NOT OLD.lockbox_import_id
  OR NEW.clerk_user_id IS NOT OLD.clerk_user_id OR NEW.business_date IS NOT OLD.business_date OR NEW.received_at IS NOT OLD.received_at
  OR NEW.amount_cents IS NOT OLD.amount_cents OR NEW.tendered_cents IS NOT OLD.tendered_cents OR NEW.change_cents IS NOT OLD.change_cents
  OR NEW.credit_cents IS NOT OLD.credit_cents OR NEW.payment_cents IS NOT OLD.payment_cents OR NEW.journal_entry_id IS NOT OLD.journal_entry_id
  OR NEW.content_hash IS NOT OLD.content_hash
BEGIN SELECT RAISE(ABORT, 'a posted payment is immutable; void it or record the returned check'); END;
--> statement-breakpoint
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments BEGIN SELECT RAISE(ABORT, 'payments are never deleted; void one instead'); END;
--> statement-breakpoint
CREATE TABLE `__new_audit_log` (
	`seq` integer PRIMARY KEY NOT NULL,
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
	`hash` text NOT NULL,
	`hash_version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_audit_log`("seq", "at", "user_id", "username", "operation", "idempotency_key", "input_hash", "input_json", "result_json", "approved_by_user_id", "prev_hash", "hash", "hash_version") SELECT "seq", "at", "user_id", "username", "operation", "idempotency_key", "input_hash", "input_json", "result_json", "approved_by_user_id", "prev_hash", "hash", 1 FROM `audit_log` ORDER BY `seq`;
--> statement-breakpoint
DROP TABLE `audit_log`;
--> statement-breakpoint
ALTER TABLE `__new_audit_log` RENAME TO `audit_log`;
--> statement-breakpoint
DELETE FROM sqlite_sequence WHERE name = 'audit_log';
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_log_idempotency_key` ON `audit_log` (`idempotency_key`);
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
--> statement-breakpoint
-- Foreign keys are off while migrations run; this fails the migration (and rolls it all back) if
-- the rebuild left a payment's tenders or accounts pointing at no payment.
CREATE TABLE `__foreign_key_guard` (`violations` integer NOT NULL CHECK (`violations` = 0));
--> statement-breakpoint
INSERT INTO `__foreign_key_guard`
SELECT (SELECT count(*) FROM pragma_foreign_key_check('payment_tenders') WHERE "table" = 'payment_tenders' AND parent = 'payments')
     + (SELECT count(*) FROM pragma_foreign_key_check('payment_accounts') WHERE "table" = 'payment_accounts' AND parent = 'payments');
--> statement-breakpoint
DROP TABLE `__foreign_key_guard`;
