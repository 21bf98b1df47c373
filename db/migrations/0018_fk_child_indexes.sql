-- Issue #14: foreign-key child columns that history makes expensive to leave unindexed.
-- bills.replaces_bill_id: deleting a draft bill (recompute) scanned every bill for ones replacing it
-- (16 s at 23,000 bills). bills.journal_entry_id: an account's open items (account page) found each
-- ledger line's bill by reading every bill. payments.return_entry_id: the end-of-day report read
-- every payment to find the day's returned checks. All partial: only rows with the key are indexed.
-- tests/integration/schema-fk-indexes.test.ts keeps every foreign key indexed or explained.
CREATE INDEX `bills_replaces` ON `bills` (`replaces_bill_id`) WHERE "bills"."replaces_bill_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `bills_journal_entry` ON `bills` (`journal_entry_id`) WHERE "bills"."journal_entry_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `payments_return_entry` ON `payments` (`return_entry_id`) WHERE "payments"."return_entry_id" IS NOT NULL;