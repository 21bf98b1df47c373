-- Rate versions are history: a bill names the version it used.
CREATE TRIGGER rate_books_no_update BEFORE UPDATE ON rate_books BEGIN SELECT RAISE(ABORT, 'saved rates are immutable; save a new version instead'); END;
--> statement-breakpoint
CREATE TRIGGER rate_books_no_delete BEFORE DELETE ON rate_books BEGIN SELECT RAISE(ABORT, 'saved rates are immutable; save a new version instead'); END;
--> statement-breakpoint
-- A posted bill changes only by being cancelled (its entry reversed); a cancelled one not at all.
CREATE TRIGGER bills_posted_immutable BEFORE UPDATE ON bills
WHEN OLD.status = 'cancelled'
  OR (OLD.status = 'posted' AND (NEW.status <> 'cancelled' OR NEW.total_cents IS NOT OLD.total_cents OR NEW.account_id IS NOT OLD.account_id
      OR NEW.journal_entry_id IS NOT OLD.journal_entry_id OR NEW.from_date IS NOT OLD.from_date OR NEW.to_date IS NOT OLD.to_date
      OR NEW.usage_hcf IS NOT OLD.usage_hcf OR NEW.amount_due_cents IS NOT OLD.amount_due_cents))
BEGIN SELECT RAISE(ABORT, 'a posted bill is immutable; cancel it (reversing its entry) and rebill'); END;
--> statement-breakpoint
CREATE TRIGGER bills_no_delete BEFORE DELETE ON bills WHEN OLD.status <> 'draft'
BEGIN SELECT RAISE(ABORT, 'only a draft bill can be deleted'); END;
--> statement-breakpoint
CREATE TRIGGER bill_lines_no_update BEFORE UPDATE ON bill_lines BEGIN SELECT RAISE(ABORT, 'bill lines are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER bill_lines_no_delete BEFORE DELETE ON bill_lines WHEN (SELECT status FROM bills WHERE id = OLD.bill_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'only a draft bill''s lines can be deleted'); END;
