-- Hand-written: what drizzle's schema cannot express.
-- 1. The journal and the audit trail are append-only: corrections are reversing entries.
CREATE TRIGGER journal_entries_no_update BEFORE UPDATE ON journal_entries BEGIN SELECT RAISE(ABORT, 'posted journal entries are immutable; post a reversal instead'); END;
--> statement-breakpoint
CREATE TRIGGER journal_entries_no_delete BEFORE DELETE ON journal_entries BEGIN SELECT RAISE(ABORT, 'posted journal entries are immutable; post a reversal instead'); END;
--> statement-breakpoint
CREATE TRIGGER journal_lines_no_update BEFORE UPDATE ON journal_lines BEGIN SELECT RAISE(ABORT, 'posted journal entries are immutable; post a reversal instead'); END;
--> statement-breakpoint
CREATE TRIGGER journal_lines_no_delete BEFORE DELETE ON journal_lines BEGIN SELECT RAISE(ABORT, 'posted journal entries are immutable; post a reversal instead'); END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
--> statement-breakpoint
-- 2. Account search: FTS5, rowid = accounts.id, maintained by core/accounts.
CREATE VIRTUAL TABLE account_search USING fts5(account_number, customer_name, service_address, meter_serials, phones, tokenize = 'unicode61', prefix = '2 3');
--> statement-breakpoint
-- 3. The chart of accounts (mirrors src-main/core/ledger/chart.ts; a test keeps them equal).
INSERT INTO gl_accounts (code, name, type) VALUES
  ('1000', 'Cash on hand (drawers)', 'asset'),
  ('1010', 'Checks on hand', 'asset'),
  ('1020', 'Card clearing', 'asset'),
  ('1030', 'Deposits in transit', 'asset'),
  ('1040', 'Bank: operating account', 'asset'),
  ('1100', 'Accounts receivable: customers (control)', 'asset'),
  ('1150', 'Petty cash', 'asset'),
  ('2100', 'Customer deposits held', 'liability'),
  ('3900', 'Opening balances (conversion)', 'equity'),
  ('4000', 'Water sales', 'revenue'),
  ('4100', 'Wastewater charges', 'revenue'),
  ('4200', 'Private fire service', 'revenue'),
  ('4300', 'Fees and penalties', 'revenue'),
  ('4900', 'Billing adjustments', 'revenue'),
  ('4910', 'Leak adjustments', 'revenue'),
  ('6900', 'Cash over/short', 'expense'),
  ('6950', 'Bad debt written off', 'expense');
