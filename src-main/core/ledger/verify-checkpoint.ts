/**
 * The sealed checkpoint of `verify` (issue #14): what a passing verify proved, and up to where,
 * so that the next routine verify reads only what came after it and its cost stays flat however
 * many years the database holds.
 *
 * A checkpoint names the audit chain's position (record and hash) and the high-water marks of the
 * journal, payments, bills, bill runs and drawers at that moment, with the control totals proven
 * there: every GL balance, the receivable control account, and a digest of every customer
 * balance. It is HMAC'd with the office's audit key (core/audit/keys.ts), which is not in the
 * database: a file editor can delete the checkpoint (the next verify is then a full one) or put an
 * older genuine one back (it then checks more), but cannot write one that skips anything.
 *
 * Kept in `settings` under `verifyCheckpoint` (like `auditOfficeId`, outside the typed settings:
 * nobody edits it). Written only after a verify that passed, in its own short transaction.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '../hashing';
import { loadKeyring, officeIdOf } from '../audit/keys';
import type { Sqlite } from '../storage/database';
import { getSetting } from '../storage/settings';
import { GL } from './chart';

const CHECKPOINT_SETTING = 'verifyCheckpoint';
const FORMAT = 'billing-office verify checkpoint 1';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Where the books were proven up to, and the totals proven there. */
export interface CheckpointBody {
  officeId: string;
  /** The database's schema version (PRAGMA user_version): after a migration, the next verify is a full one. */
  schemaVersion: number;
  /** When the verify that made this checkpoint ran, and when the last full one did. */
  madeAt: string;
  lastFullAt: string;
  audit: { seq: number; hash: string };
  /** Largest journal_lines.id; largest journal_entries rowid; largest payment and bill id. */
  journalLineId: number;
  journalEntryRowid: number;
  paymentId: number;
  billId: number;
  /** The first bill run and the first drawer that could still change (draft or approved; open). */
  billRunFromId: number;
  drawerFromId: number;
  /** Each GL account's balance, by code (zero balances left out). */
  glCents: Record<string, number>;
  receivableCents: number;
  /** SHA-256 of every non-zero customer balance, in account order (balancesDigest). */
  accountBalancesDigest: string;
}

export interface VerifyCheckpoint extends CheckpointBody {
  keyId: string;
  mac: string;
}

/** Why a stored checkpoint cannot be used, and whether that is a finding (a forged one) or just a reason for a full pass. */
export type CheckpointRefusal = { forged: boolean; reason: string };

const macOf = (key: Buffer, body: CheckpointBody) => createHmac('sha256', key).update(`${FORMAT}\n${canonicalJson(body)}`).digest('hex');

export const schemaVersionOf = (db: Sqlite) => db.pragma('user_version', { simple: true }) as number;

/** Customer balances as `account:cents` lines in account order, zero ones left out (a missing row and a zero row are the same balance). */
export function balancesDigest(rows: Iterable<{ accountId: number; cents: number }>): string {
  const digest = createHash('sha256');
  for (const row of rows) if (row.cents !== 0) digest.update(`${row.accountId}:${row.cents}\n`);
  return digest.digest('hex');
}

/** The high-water marks and totals of the books as they are now (call in the same read transaction as the verify that proved them). */
export function measureBooks(db: Sqlite, nowIso: string, lastFullAt: string): CheckpointBody | null {
  const officeId = officeIdOf(db);
  const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  if (officeId === null || !head) return null;
  const max = (sql: string) => (db.prepare(sql).pluck().get() as number | null) ?? 0;
  const glCents: Record<string, number> = {};
  for (const row of db.prepare('SELECT gl_code AS code, balance_cents AS cents FROM gl_balances WHERE balance_cents <> 0 ORDER BY gl_code').all() as { code: string; cents: number }[]) glCents[row.code] = row.cents;
  // Iterated last: an open iterator keeps the connection busy for any other statement.
  const balances = () => db.prepare('SELECT account_id AS accountId, balance_cents AS cents FROM account_balances ORDER BY account_id').iterate() as IterableIterator<{ accountId: number; cents: number }>;
  return {
    officeId,
    schemaVersion: schemaVersionOf(db),
    madeAt: nowIso,
    lastFullAt,
    audit: head,
    journalLineId: max('SELECT MAX(id) FROM journal_lines'),
    journalEntryRowid: max('SELECT MAX(rowid) FROM journal_entries'),
    paymentId: max('SELECT MAX(id) FROM payments'),
    billId: max('SELECT MAX(id) FROM bills'),
    billRunFromId: max("SELECT COALESCE(MIN(id), (SELECT COALESCE(MAX(id), 0) + 1 FROM bill_runs)) FROM bill_runs WHERE status NOT IN ('posted', 'cancelled')"),
    drawerFromId: max("SELECT COALESCE(MIN(id), (SELECT COALESCE(MAX(id), 0) + 1 FROM drawer_sessions)) FROM drawer_sessions WHERE status = 'open'"),
    glCents,
    receivableCents: glCents[GL.accountsReceivable] ?? 0,
    accountBalancesDigest: balancesDigest(balances()),
  };
}

/** Seals `body` with the office's current audit key and stores it; no key here, no checkpoint (every verify is then a full one). */
export function storeCheckpoint(db: Sqlite, body: CheckpointBody): VerifyCheckpoint | null {
  const key = loadKeyring(db)?.keys.at(-1);
  if (!key) return null;
  const checkpoint: VerifyCheckpoint = { ...body, keyId: key.keyId, mac: macOf(key.key, body) };
  // Two processes verifying at once: the last to finish wins. An earlier point than the other's is
  // still a proven one (the next verify reads a little more), so no comparison is needed.
  db.transaction(() => {
    db.prepare('INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json').run(
      CHECKPOINT_SETTING,
      JSON.stringify(checkpoint),
    );
  }).immediate();
  return checkpoint;
}

function readStored(db: Sqlite): Partial<VerifyCheckpoint> | null {
  const json = db.prepare('SELECT value_json FROM settings WHERE key = ?').pluck().get(CHECKPOINT_SETTING) as string | undefined;
  if (json === undefined) return null;
  try {
    return JSON.parse(json) as Partial<VerifyCheckpoint>;
  } catch {
    return {};
  }
}

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The stored checkpoint when it is genuine and usable for this database now, or why not. Forged:
 * its seal does not match its contents under the key it names (edited, or not made by this office).
 */
export function loadCheckpoint(db: Sqlite): VerifyCheckpoint | CheckpointRefusal {
  const stored = readStored(db);
  if (stored === null) return { forged: false, reason: 'no verify has passed on this database yet' };
  const { keyId, mac, ...body } = stored;
  const key = loadKeyring(db)?.keys.find((candidate) => candidate.keyId === keyId);
  if (!key) return { forged: false, reason: `the last verify’s checkpoint was sealed with audit key ${String(keyId)}, which this PC does not hold` };
  if (typeof mac !== 'string' || !sameHex(macOf(key.key, body as CheckpointBody), mac)) {
    return { forged: true, reason: 'the stored checkpoint of the last verify does not match its seal (altered, or not made by this office), so it was not used' };
  }
  const checkpoint = stored as VerifyCheckpoint;
  if (checkpoint.officeId !== officeIdOf(db)) return { forged: true, reason: 'the stored checkpoint of the last verify was made for another office' };
  if (checkpoint.schemaVersion !== schemaVersionOf(db)) return { forged: false, reason: 'the database was upgraded since the last verify' };
  return checkpoint;
}

/** Why the last full verify is too old to go on from (the setting fullVerifyEveryDays), or null. */
export function fullVerifyDue(db: Sqlite, checkpoint: VerifyCheckpoint, nowIso: string): string | null {
  const everyDays = getSetting(db, 'fullVerifyEveryDays');
  const ageMs = Date.parse(nowIso) - Date.parse(checkpoint.lastFullAt);
  if (!(ageMs >= 0)) return `the last full verify (${checkpoint.lastFullAt}) is dated after now`;
  return ageMs >= everyDays * DAY_MS ? `the last full verify was on ${checkpoint.lastFullAt.slice(0, 10)}, ${everyDays} or more days ago` : null;
}

/** Drops the checkpoint (tests; a tool that rewrites money rows must call it so the next verify is a full one). */
export function forgetCheckpoint(db: Sqlite): void {
  db.prepare('DELETE FROM settings WHERE key = ?').run(CHECKPOINT_SETTING);
}
