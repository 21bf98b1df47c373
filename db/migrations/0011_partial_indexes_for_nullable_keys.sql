DROP INDEX `journal_entries_reverses_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `journal_entries_reverses_unique` ON `journal_entries` (`reverses_entry_id`) WHERE "journal_entries"."reverses_entry_id" IS NOT NULL;--> statement-breakpoint
DROP INDEX `payments_batch`;--> statement-breakpoint
DROP INDEX `payments_lockbox`;--> statement-breakpoint
CREATE INDEX `payments_batch` ON `payments` (`batch_id`) WHERE "payments"."batch_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `payments_lockbox` ON `payments` (`lockbox_import_id`) WHERE "payments"."lockbox_import_id" IS NOT NULL;