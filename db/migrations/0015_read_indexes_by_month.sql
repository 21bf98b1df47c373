-- meter_reads is found by month first, then meter (db/schema.ts says why): a cycle's import
-- appends its reads to the end of both indexes instead of rewriting a meter-first index whole.
-- The expressions are the ones the queries name (core/reads/read-keys.ts).
DROP INDEX `meter_reads_meter`;--> statement-breakpoint
CREATE INDEX `meter_reads_period_meter` ON `meter_reads` (COALESCE("period", substr("read_date", 1, 7)), `meter_id`);--> statement-breakpoint
CREATE INDEX `meter_reads_month_meter` ON `meter_reads` (substr("read_date", 1, 7), `meter_id`);
