-- Issue #14: the foreign key bills.replaces_bill_id -> bills.id gets an index, so deleting a draft
-- bill (recompute) no longer scans every bill for ones that replace it (16 s at 23,000 bills).
-- Partial: only rebills carry the key. tests/integration/schema-fk-indexes.test.ts keeps every
-- foreign key indexed or explained.
CREATE INDEX `bills_replaces` ON `bills` (`replaces_bill_id`) WHERE "bills"."replaces_bill_id" IS NOT NULL;