CREATE TABLE `read_history_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meter_id` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `read_history_snapshots` (
	`cycle` integer PRIMARY KEY NOT NULL,
	`horizon_date` text NOT NULL,
	`kept_newest` integer NOT NULL,
	`through_read_id` integer NOT NULL,
	`through_change_id` integer NOT NULL,
	`built_at` text NOT NULL,
	`data` blob NOT NULL
);
--> statement-breakpoint
-- A changed or deleted read makes its meter's row in any older read history snapshot stale
-- (core/reads/history-snapshot.ts reads such meters again). New reads need no trigger: their ids
-- are above the snapshot's through_read_id (meter_reads is AUTOINCREMENT), and an import's own
-- bulk insert stays as cheap as before. Only the columns the history holds count, so accepting
-- or resolving a read (status, resolved_*) logs nothing.
CREATE TRIGGER `meter_reads_history_changed`
AFTER UPDATE OF `meter_id`, `read_date`, `reading`, `reading_text`, `usage_hcf`, `estimated`, `source`, `period` ON `meter_reads`
BEGIN
	INSERT INTO `read_history_changes` (`meter_id`) VALUES (OLD.`meter_id`);
	INSERT INTO `read_history_changes` (`meter_id`) SELECT NEW.`meter_id` WHERE NEW.`meter_id` <> OLD.`meter_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `meter_reads_history_deleted`
AFTER DELETE ON `meter_reads`
BEGIN
	INSERT INTO `read_history_changes` (`meter_id`) VALUES (OLD.`meter_id`);
END;
