/**
 * Seals of the audit chain's head. A seal says "the chain's last record was `seq`, with hash
 * `hash`" and carries an HMAC with the office's key, so nobody without the key can make one for
 * a shortened chain. Seals are kept where a file editor of the database cannot take them back:
 * printed on each finalised end-of-day report (and stored with it), written into each backup's
 * manifest, and the newest one in the office's key file. Verify checks that every seal it can
 * find still matches the chain: deleting records a seal covers is detected.
 */
import type { Sqlite } from '../storage/database';
import { auditHead } from './log';
import Database from 'better-sqlite3';
import { forgetKeyring, forgetSeal, loadKeyring, officeIdOf, recordSeal, sealOf, writingKey, type AuditSeal } from './keys';

export type { AuditSeal } from './keys';

/**
 * Seals the chain's current head and records the seal in the key file. Call it inside the
 * transaction whose result carries the seal (end of day), or after a restore.
 * `purpose` says what the seal is for ("end of day 2026-11-02", "restore from …").
 */
export function sealAuditHead(db: Sqlite, purpose: string, nowIso: string): AuditSeal {
  return sealHead(db, auditHead(db), purpose, nowIso);
}

/**
 * Seals a given head of this office's chain with the office's key and records the seal in the key
 * file. A backup seals its snapshot's own last record (writes that land while it is taken are not
 * in it); the live chain holds the same record.
 */
export function sealHead(db: Sqlite, head: { seq: number; hash: string }, purpose: string, nowIso: string): AuditSeal {
  const key = writingKey(db, head.seq, nowIso);
  const seal: AuditSeal = { seq: head.seq, hash: head.hash, seal: sealOf(key.key, head.seq, head.hash), keyId: key.keyId };
  recordSeal(db, { ...seal, at: nowIso, purpose });
  return seal;
}

/**
 * Before a restore copies `backupPath` into the (closed) database at `databasePath`: the key file's
 * seal for that database becomes the backup's own head. The backup was taken from this office's
 * chain, so both the books now and the restored ones hold that record, and a crash at any point of
 * the copy-in leaves a seal that matches whichever survive (a later seal, of records the restore
 * takes away, would otherwise read as deleted records). A backup of another office, or with no
 * audit record, leaves no seal for the database until the restore's own seal after it.
 */
export function sealBeforeRestore(databasePath: string, backupPath: string, purpose: string, nowIso: string): void {
  const live = new Database(databasePath, { readonly: true, fileMustExist: true });
  const backup = new Database(backupPath, { readonly: true, fileMustExist: true });
  try {
    const keyring = loadKeyring(live);
    const key = keyring?.keys.at(-1);
    if (!keyring || !key) return;
    const head = auditHead(backup);
    if (head.seq === 0 || officeIdOf(backup) !== keyring.officeId) return forgetSeal(live);
    const seal: AuditSeal = { seq: head.seq, hash: head.hash, seal: sealOf(key.key, head.seq, head.hash), keyId: key.keyId };
    recordSeal(live, { ...seal, at: nowIso, purpose });
  } finally {
    forgetKeyring(live);
    live.close();
    backup.close();
  }
}

/**
 * What is wrong with a backup's sealed head (from its manifest) against the backup file itself, or
 * null when the backup's chain still holds the sealed record — or when this PC does not hold the
 * key it was sealed with (nothing to check it by; verify says so after a restore). A backup whose
 * tail was cut, or whose manifest was rewritten without the key, is caught here before a restore.
 */
export function backupSealProblem(backupPath: string, seal: AuditSeal): string | null {
  const backup = new Database(backupPath, { readonly: true, fileMustExist: true });
  try {
    if (!loadKeyring(backup)?.keys.some((key) => key.keyId === seal.keyId)) return null;
    return sealProblem(backup, seal);
  } finally {
    forgetKeyring(backup);
    backup.close();
  }
}

/**
 * Seals the head into the key file when the app closes, if the office has a key here: deleting
 * records written before the close is then found even when no end of day or backup followed.
 * Never makes a key, never throws (closing must not fail over it).
 */
export function sealHeadOnClose(db: Sqlite, nowIso: string): void {
  try {
    if (!db.open || !loadKeyring(db)?.keys.length) return;
    sealAuditHead(db, 'app closed', nowIso);
  } catch (error) {
    process.emitWarning(`The audit trail's head could not be sealed at close: ${(error as Error).message}`);
  }
}

/** Where a seal to check came from, for the message ("the end-of-day report of 2026-11-02"). */
export interface SealToCheck {
  source: string;
  seal: AuditSeal;
}

/** What is wrong with a seal against this database, or null when the chain still holds it. */
export function sealProblem(db: Sqlite, seal: AuditSeal): string | null {
  const keyring = loadKeyring(db);
  const key = keyring?.keys.find((candidate) => candidate.keyId === seal.keyId);
  if (!key) return `it was sealed with audit key ${seal.keyId}, which this PC does not hold, so it cannot be checked`;
  if (sealOf(key.key, seal.seq, seal.hash) !== seal.seal) return 'its seal is not genuine (altered, or not made by this office)';
  if (seal.seq === 0) return null;
  const stored = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(seal.seq) as string | undefined;
  if (stored === undefined) return 'that record is no longer in the trail (records were deleted)';
  if (stored !== seal.hash) return 'that record has changed since';
  return null;
}

/**
 * Every seal this database and this PC know of: the key file's newest, and each finalised end of
 * day's — or, given `finalisedSince` (an incremental verify), the end of days finalised since then
 * (older ones were checked by the verify that passed at that point; the row is read without its
 * report until then, so this stays quick over years of days).
 */
export function knownSeals(db: Sqlite, finalisedSince?: string): SealToCheck[] {
  const seals: SealToCheck[] = [];
  // Read the key file afresh: another process (or a backup's own connection) may have sealed since.
  forgetKeyring(db);
  const lastSeal = loadKeyring(db)?.lastSeal;
  if (lastSeal) seals.push({ source: `the seal kept in the office's key file (${lastSeal.purpose}, ${lastSeal.at})`, seal: lastSeal });
  const days = db
    .prepare(
      `SELECT business_date AS date, json_extract(report_json, '$.auditSeal') AS sealJson FROM end_of_day_reports
       WHERE finalised_at >= @since ORDER BY business_date`,
    )
    .all({ since: finalisedSince ?? '' }) as { date: string; sealJson: string | null }[];
  for (const day of days) {
    if (day.sealJson === null) continue;
    seals.push({ source: `the end-of-day report of ${day.date}`, seal: JSON.parse(day.sealJson) as AuditSeal });
  }
  return seals;
}
