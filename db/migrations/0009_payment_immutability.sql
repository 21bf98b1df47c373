-- Money taken is history: tenders and the accounts a receipt paid never change or vanish.
CREATE TRIGGER payment_tenders_no_update BEFORE UPDATE ON payment_tenders BEGIN SELECT RAISE(ABORT, 'payment tenders are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER payment_tenders_no_delete BEFORE DELETE ON payment_tenders BEGIN SELECT RAISE(ABORT, 'payment tenders are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER payment_accounts_no_update BEFORE UPDATE ON payment_accounts BEGIN SELECT RAISE(ABORT, 'the accounts a payment paid are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER payment_accounts_no_delete BEFORE DELETE ON payment_accounts BEGIN SELECT RAISE(ABORT, 'the accounts a payment paid are immutable'); END;
--> statement-breakpoint
-- A payment changes only by being voided or returned once (its entry reversed); its amounts never.
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
-- A closed drawer is locked: it only becomes deposited, once.
CREATE TRIGGER drawer_sessions_locked BEFORE UPDATE ON drawer_sessions
WHEN OLD.status = 'deposited'
  OR (OLD.status = 'closed' AND (NEW.status <> 'deposited' OR NEW.deposit_id IS NULL OR NEW.count_json IS NOT OLD.count_json
      OR NEW.over_short_cents IS NOT OLD.over_short_cents OR NEW.counted_cash_cents IS NOT OLD.counted_cash_cents
      OR NEW.reconciliation_json IS NOT OLD.reconciliation_json OR NEW.over_short_entry_id IS NOT OLD.over_short_entry_id
      OR NEW.float_cents IS NOT OLD.float_cents OR NEW.closed_at IS NOT OLD.closed_at))
  OR NEW.float_counts_json IS NOT OLD.float_counts_json OR NEW.float_cents IS NOT OLD.float_cents OR NEW.clerk_user_id IS NOT OLD.clerk_user_id
BEGIN SELECT RAISE(ABORT, 'a closed drawer is locked'); END;
--> statement-breakpoint
CREATE TRIGGER drawer_sessions_no_delete BEFORE DELETE ON drawer_sessions BEGIN SELECT RAISE(ABORT, 'drawer sessions are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER payment_batches_closed_locked BEFORE UPDATE ON payment_batches
WHEN OLD.status = 'closed' OR NEW.control_count IS NOT OLD.control_count OR NEW.control_total_cents IS NOT OLD.control_total_cents
BEGIN SELECT RAISE(ABORT, 'a closed batch is locked, and its control figures never change'); END;
--> statement-breakpoint
CREATE TRIGGER payment_batches_no_delete BEFORE DELETE ON payment_batches BEGIN SELECT RAISE(ABORT, 'batches are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER lockbox_imports_no_update BEFORE UPDATE ON lockbox_imports BEGIN SELECT RAISE(ABORT, 'lockbox imports are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER lockbox_imports_no_delete BEFORE DELETE ON lockbox_imports BEGIN SELECT RAISE(ABORT, 'lockbox imports are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER deposits_no_update BEFORE UPDATE ON deposits BEGIN SELECT RAISE(ABORT, 'deposits are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER deposits_no_delete BEFORE DELETE ON deposits BEGIN SELECT RAISE(ABORT, 'deposits are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER end_of_day_reports_no_update BEFORE UPDATE ON end_of_day_reports BEGIN SELECT RAISE(ABORT, 'a finalised end-of-day report is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER end_of_day_reports_no_delete BEFORE DELETE ON end_of_day_reports BEGIN SELECT RAISE(ABORT, 'a finalised end-of-day report is immutable'); END;
