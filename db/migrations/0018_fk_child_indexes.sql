-- Issue #14. bills.replaces_bill_id -> bills.id gets an index, so deleting a draft bill (recompute)
-- no longer scans every bill for ones that replace it (16 s at 23,000 bills). payments.return_entry_id
-- gets one so the end-of-day report finds the day's returned checks without reading every payment
-- ever taken. Both partial: only rebills and returned checks carry the key.
-- tests/integration/schema-fk-indexes.test.ts keeps every foreign key indexed or explained.
CREATE INDEX `bills_replaces` ON `bills` (`replaces_bill_id`) WHERE "bills"."replaces_bill_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `payments_return_entry` ON `payments` (`return_entry_id`) WHERE "payments"."return_entry_id" IS NOT NULL;