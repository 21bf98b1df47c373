-- Issue #12: the audit chain is keyed (hash_version 3, HMAC with the office's key, core/audit).
-- This migration marks the schema as needing that code: an app from before it refuses to open the
-- database (it is newer than the app knows), so it can never append an unkeyed record after keyed
-- ones, which verify would report as a break in the chain.
-- The trigger says the same inside the database: a record's hash version never goes below the one
-- before it (looked up by seq, the rowid, so it costs one b-tree step per record).
CREATE TRIGGER audit_log_hash_version_locked BEFORE INSERT ON audit_log
WHEN NEW.hash_version < COALESCE((SELECT hash_version FROM audit_log ORDER BY seq DESC LIMIT 1), 0)
BEGIN SELECT RAISE(ABORT, 'the audit trail is keyed: a record cannot use an older hash than the one before it'); END;
