-- The (meter, read date) index becomes a (meter) one: half the size, so an import that adds a
-- read to every meter of a cycle writes half the index pages (a meter's reads are sorted by date
-- when a query asks; there are a few dozen of them).
DROP INDEX `meter_reads_meter_date`;--> statement-breakpoint
CREATE INDEX `meter_reads_meter` ON `meter_reads` (`meter_id`);--> statement-breakpoint
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
--> statement-breakpoint
-- A snapshot also keeps each meter's facts as validation uses them (serial, register, status,
-- current account): a change to those, to the meter's accounts or to its location's cycle logs
-- the meter too, and the import looks it up again (it may have joined or left the cycle).
CREATE TRIGGER `meters_history_added` AFTER INSERT ON `meters`
BEGIN
	INSERT INTO `read_history_changes` (`meter_id`) VALUES (NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `meters_history_changed`
AFTER UPDATE OF `serial`, `dials`, `multiplier`, `unit`, `installed_on`, `status`, `location_id` ON `meters`
BEGIN
	INSERT INTO `read_history_changes` (`meter_id`) VALUES (OLD.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `meters_history_deleted` AFTER DELETE ON `meters`
BEGIN
	INSERT INTO `read_history_changes` (`meter_id`) VALUES (OLD.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `accounts_history_added` AFTER INSERT ON `accounts`
BEGIN
	INSERT INTO `read_history_changes` (`meter_id`) SELECT `id` FROM `meters` WHERE `location_id` = NEW.`location_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `accounts_history_changed`
AFTER UPDATE OF `account_number`, `location_id`, `status`, `opened_on` ON `accounts`
BEGIN
	INSERT INTO `read_history_changes` (`meter_id`) SELECT `id` FROM `meters` WHERE `location_id` IN (OLD.`location_id`, NEW.`location_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `accounts_history_deleted` AFTER DELETE ON `accounts`
BEGIN
	INSERT INTO `read_history_changes` (`meter_id`) SELECT `id` FROM `meters` WHERE `location_id` = OLD.`location_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `service_locations_history_cycle` AFTER UPDATE OF `cycle` ON `service_locations`
BEGIN
	INSERT INTO `read_history_changes` (`meter_id`) SELECT `id` FROM `meters` WHERE `location_id` = NEW.`id`;
END;
