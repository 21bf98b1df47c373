-- Wrong passwords per user name, shared by every process on the file (core/users/login-throttle.ts):
-- the lock-out no longer lives in one process's memory, where the CLI could bypass it and 10,000
-- throwaway names cleared it.
CREATE TABLE `login_throttle` (
	`username` text PRIMARY KEY NOT NULL,
	`failure_count` integer NOT NULL,
	`window_ends_at` text NOT NULL,
	`locked_until` text
);
--> statement-breakpoint
CREATE INDEX `login_throttle_window_ends_at` ON `login_throttle` (`window_ends_at`);