-- Issue #15: the audit trail screen filters by user, operation, account and date. Each filter is
-- an index walk newest first (ORDER BY seq DESC LIMIT n), never a scan of the whole trail.
-- audit_log_accounts names the accounts each record touched (every "accountId" in its input and
-- result, at most 100 per record): it is derived from the chained record, not part of the chain,
-- and written in the same transaction as the record (core/audit/log.ts appendAudit).
-- Keyed by record (the page's accounts are looked up by seq); the account filter walks the index.
CREATE TABLE `audit_log_accounts` (
	`seq` integer NOT NULL,
	`account_id` integer NOT NULL,
	PRIMARY KEY(`seq`, `account_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `audit_log_accounts_account_seq` ON `audit_log_accounts` (`account_id`, `seq`);
--> statement-breakpoint
INSERT OR IGNORE INTO `audit_log_accounts` (`account_id`, `seq`)
SELECT DISTINCT t.value, a.seq FROM `audit_log` a, json_tree(a.input_json) t
WHERE t.key = 'accountId' AND t.type = 'integer' AND json_valid(a.input_json);
--> statement-breakpoint
INSERT OR IGNORE INTO `audit_log_accounts` (`account_id`, `seq`)
SELECT DISTINCT t.value, a.seq FROM `audit_log` a, json_tree(a.result_json) t
WHERE t.key = 'accountId' AND t.type = 'integer' AND json_valid(a.result_json);
--> statement-breakpoint
CREATE INDEX `audit_log_username_seq` ON `audit_log` (`username`, `seq`);
--> statement-breakpoint
CREATE INDEX `audit_log_operation_seq` ON `audit_log` (`operation`, `seq`);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);
