/**
 * `verify`: proves the books from the lines themselves, the way an auditor would.
 *  1. every entry has at least two lines and sums to zero;
 *  2. receivable lines (and only they) name a customer account;
 *  3. each cached customer balance equals the sum of that account's lines;
 *  4. the customer balances add up to the receivable control account;
 *  5. every reversal mirrors its original exactly;
 *  6. the audit trail's chain is intact (keyed records checked with the office's audit key);
 *  7. the key is on this PC, so every keyed record could be checked;
 *  8. every seal of the chain's head (end-of-day reports, the key file) is still in the chain;
 *  9–13. payments, receipts, posted bills, drawer closes and money-moving audit records agree
 *     with the journal (cross-checks.ts).
 *
 * `verifyOffice` is what the operation runs: incremental when a sealed checkpoint of an earlier
 * passing verify allows it (verify-checkpoint.ts) — each check then reads only the rows made or
 * changed after it, and the totals go on from the checkpoint's — and full otherwise; a verify that
 * passes leaves a new checkpoint. `verifyBooks` is always the full pass.
 */
import type { VerifyCheck, VerifyReport, VerifyScope } from '../../../src-shared/contract/system';
import { formatCents } from '../../../src-shared/money';
import { checkAuditChain, type AuditChainReport } from '../audit/log';
import { knownSeals, sealProblem } from '../audit/seal';
import type { Sqlite } from '../storage/database';
import type { OfficeKey } from '../audit/keys';
import { GL } from './chart';
import { checkAuditAgainstJournal, checkBillsAgainstJournal, checkDrawerClosesAgainstPayments, checkPaymentsAgainstJournal, checkReceiptsAgainstPayments } from './cross-checks';
import { balancesDigest, fullVerifyDue, loadCheckpoint, measureBooks, storeCheckpoint, type VerifyCheckpoint } from './verify-checkpoint';
import { countOf, dropScope, NEW_ENTRIES, prepareScope, type VerifySince } from './verify-scope';

const LIST_AT_MOST = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

function listIds(ids: readonly (string | number)[]): string {
  const shown = ids.slice(0, LIST_AT_MOST).join(', ');
  return ids.length > LIST_AT_MOST ? `${shown} and ${ids.length - LIST_AT_MOST} more` : shown;
}

function checkEntriesBalance(db: Sqlite): VerifyCheck {
  const entryCount = (db.prepare('SELECT COUNT(*) AS n FROM journal_entries').get() as { n: number }).n;
  const bad = db
    .prepare(
      `SELECT e.id FROM journal_entries e LEFT JOIN journal_lines l ON l.entry_id = e.id
       GROUP BY e.id HAVING COUNT(l.id) < 2 OR COALESCE(SUM(l.amount_cents), 0) <> 0`,
    )
    .pluck()
    .all() as string[];
  return {
    name: 'Every journal entry balances',
    ok: bad.length === 0,
    detail: bad.length === 0 ? `${entryCount} entries, each sums to zero` : `Out of balance: ${listIds(bad)}`,
  };
}

function checkSubledgerLines(db: Sqlite): VerifyCheck {
  const bad = db
    .prepare(
      `SELECT id FROM journal_lines
       WHERE (gl_code = @ar AND account_id IS NULL) OR (gl_code <> @ar AND account_id IS NOT NULL)`,
    )
    .pluck()
    .all({ ar: GL.accountsReceivable }) as number[];
  return {
    name: 'Receivable lines name a customer account',
    ok: bad.length === 0,
    detail: bad.length === 0 ? 'All receivable lines carry an account; no other line does' : `Lines at fault: ${listIds(bad)}`,
  };
}

/** The keys whose cached balance differs from the sum of their lines (`derivedSql` sums them by `key`). */
function cacheMismatches(db: Sqlite, derivedSql: string, cacheTable: string, key: string): (string | number)[] {
  return db
    .prepare(
      `WITH derived AS (${derivedSql})
       SELECT COALESCE(d.${key}, b.${key}) FROM derived d
       FULL OUTER JOIN ${cacheTable} b ON b.${key} = d.${key}
       WHERE COALESCE(d.total, 0) <> COALESCE(b.balance_cents, 0)`,
    )
    .pluck()
    .all() as (string | number)[];
}

function checkCachedBalances(db: Sqlite): VerifyCheck {
  const derived = 'SELECT account_id, SUM(amount_cents) AS total FROM journal_lines WHERE account_id IS NOT NULL GROUP BY account_id';
  const mismatched = cacheMismatches(db, derived, 'account_balances', 'account_id');
  return {
    name: 'Customer balances equal their ledger lines',
    ok: mismatched.length === 0,
    detail: mismatched.length === 0 ? 'Every account balance matches its lines' : `Accounts that differ: ${listIds(mismatched)}`,
  };
}

function checkGlBalances(db: Sqlite): VerifyCheck {
  const mismatched = cacheMismatches(db, 'SELECT gl_code, SUM(amount_cents) AS total FROM journal_lines GROUP BY gl_code', 'gl_balances', 'gl_code');
  return {
    name: 'GL balances equal their ledger lines',
    ok: mismatched.length === 0,
    detail: mismatched.length === 0 ? 'Every GL account balance matches its lines' : `GL accounts that differ: ${listIds(mismatched)}`,
  };
}

function checkControlAccount(db: Sqlite): VerifyCheck {
  const control = (db.prepare('SELECT COALESCE(SUM(amount_cents), 0) AS total FROM journal_lines WHERE gl_code = ?').get(GL.accountsReceivable) as { total: number }).total;
  const customers = (db.prepare('SELECT COALESCE(SUM(balance_cents), 0) AS total FROM account_balances').get() as { total: number }).total;
  return {
    name: 'Customer balances add up to the receivable control account',
    ok: control === customers,
    detail: `Control account ${formatCents(control)}; sum of customer balances ${formatCents(customers)}`,
  };
}

/**
 * Every reversal is the exact negative of its original, line by line. `since`: only the entries
 * made after the last verify's checkpoint (the routine verify); otherwise every entry.
 */
function checkReversals(db: Sqlite, scope: 'all' | 'since' = 'all'): VerifyCheck {
  const entries = scope === 'since' ? `${NEW_ENTRIES} n JOIN journal_entries r ON r.id = n.id` : 'journal_entries r';
  const bad = db
    .prepare(
      `SELECT r.id FROM ${entries}
       WHERE r.reverses_entry_id IS NOT NULL AND EXISTS (
         SELECT 1 FROM journal_lines rl
         LEFT JOIN journal_lines ol ON ol.entry_id = r.reverses_entry_id AND ol.line_no = rl.line_no
         WHERE rl.entry_id = r.id AND (ol.id IS NULL OR ol.amount_cents <> -rl.amount_cents OR ol.gl_code <> rl.gl_code
               OR COALESCE(ol.account_id, 0) <> COALESCE(rl.account_id, 0))
       )`,
    )
    .pluck()
    .all() as string[];
  const which = scope === 'since' ? 'Every reversal since the last verify' : 'Every reversal';
  return {
    name: 'Reversals mirror their originals',
    ok: bad.length === 0,
    detail: bad.length === 0 ? `${which} is the exact negative of its original` : `Reversals at fault: ${listIds(bad)}`,
  };
}

/* ---- The same six journal checks, from a checkpoint: new rows, and totals carried on from it. ---- */

function checkNewEntriesBalance(db: Sqlite): VerifyCheck {
  const bad = db
    .prepare(
      `SELECT n.id FROM ${NEW_ENTRIES} n LEFT JOIN journal_lines l ON l.entry_id = n.id
       GROUP BY n.id HAVING COUNT(l.id) < 2 OR COALESCE(SUM(l.amount_cents), 0) <> 0`,
    )
    .pluck()
    .all() as string[];
  return {
    name: 'Every journal entry balances',
    ok: bad.length === 0,
    detail: bad.length === 0 ? `${countOf(db, NEW_ENTRIES)} entries since the last verify, each sums to zero` : `Out of balance: ${listIds(bad)}`,
  };
}

function checkNewSubledgerLines(db: Sqlite, since: VerifySince): VerifyCheck {
  const bad = db
    .prepare(
      `SELECT id FROM journal_lines
       WHERE id > @line AND ((gl_code = @ar AND account_id IS NULL) OR (gl_code <> @ar AND account_id IS NOT NULL))`,
    )
    .pluck()
    .all({ ar: GL.accountsReceivable, line: since.lineId }) as number[];
  return {
    name: 'Receivable lines name a customer account',
    ok: bad.length === 0,
    detail: bad.length === 0 ? 'Every receivable line since the last verify carries an account; no other line does' : `Lines at fault: ${listIds(bad)}`,
  };
}

/**
 * Each account's cached balance, less its lines since the checkpoint, must give back the balances
 * the checkpoint proved (compared through their digest: the checkpoint holds no list of accounts).
 * Reads every account's balance once — the number of accounts, not the years of lines.
 */
function checkBalancesFromCheckpoint(db: Sqlite, checkpoint: VerifyCheckpoint): VerifyCheck {
  const rows = db
    .prepare(
      `WITH delta AS (SELECT account_id, SUM(amount_cents) AS cents FROM journal_lines WHERE id > @line AND account_id IS NOT NULL GROUP BY account_id)
       SELECT accountId, cents FROM (
         SELECT b.account_id AS accountId, b.balance_cents - COALESCE(d.cents, 0) AS cents FROM account_balances b LEFT JOIN delta d ON d.account_id = b.account_id
         UNION ALL
         SELECT d.account_id, -d.cents FROM delta d WHERE NOT EXISTS (SELECT 1 FROM account_balances b WHERE b.account_id = d.account_id))
       ORDER BY accountId`,
    )
    .iterate({ line: checkpoint.journalLineId }) as IterableIterator<{ accountId: number; cents: number }>;
  const ok = balancesDigest(rows) === checkpoint.accountBalancesDigest;
  return {
    name: 'Customer balances equal their ledger lines',
    ok,
    detail: ok
      ? 'Every account balance matches the balances proven at the last verify plus the lines posted since'
      : 'The account balances are not the balances proven at the last verify plus the lines posted since; run a full verify to name the accounts',
  };
}

function newLineTotals(db: Sqlite, since: VerifySince): Map<string, number> {
  const rows = db.prepare('SELECT gl_code AS code, SUM(amount_cents) AS cents FROM journal_lines WHERE id > ? GROUP BY gl_code').all(since.lineId) as { code: string; cents: number }[];
  return new Map(rows.map((row) => [row.code, row.cents]));
}

function checkGlFromCheckpoint(db: Sqlite, checkpoint: VerifyCheckpoint, added: Map<string, number>): VerifyCheck {
  const cached = new Map((db.prepare('SELECT gl_code AS code, balance_cents AS cents FROM gl_balances').all() as { code: string; cents: number }[]).map((row) => [row.code, row.cents]));
  const codes = new Set([...cached.keys(), ...added.keys(), ...Object.keys(checkpoint.glCents)]);
  const mismatched = [...codes].sort().filter((code) => (checkpoint.glCents[code] ?? 0) + (added.get(code) ?? 0) !== (cached.get(code) ?? 0));
  return {
    name: 'GL balances equal their ledger lines',
    ok: mismatched.length === 0,
    detail: mismatched.length === 0 ? 'Every GL account balance matches its balance at the last verify plus the lines since' : `GL accounts that differ: ${listIds(mismatched)}`,
  };
}

function checkControlFromCheckpoint(db: Sqlite, checkpoint: VerifyCheckpoint, added: Map<string, number>): VerifyCheck {
  const control = checkpoint.receivableCents + (added.get(GL.accountsReceivable) ?? 0);
  const customers = (db.prepare('SELECT COALESCE(SUM(balance_cents), 0) AS total FROM account_balances').get() as { total: number }).total;
  return {
    name: 'Customer balances add up to the receivable control account',
    ok: control === customers,
    detail: `Control account ${formatCents(control)}; sum of customer balances ${formatCents(customers)}`,
  };
}

function checkChain(chain: AuditChainReport): VerifyCheck {
  const keyed = chain.keyedRecords > 0 ? ` (${chain.keyedRecords} of them keyed with the office's audit key)` : '';
  return {
    name: 'Audit trail hash chain is intact',
    ok: chain.brokenAtSeq === null,
    detail: chain.brokenAtSeq === null ? `${chain.records} audit records chained${keyed}` : `The chain breaks at audit record ${chain.brokenAtSeq}: ${chain.brokenReason}`,
  };
}

const KEY_CHECK = 'The audit key is on this PC';

/** Says plainly when keyed records cannot be checked here: a missing key must never pass silently. */
function checkKey(db: Sqlite, chain: AuditChainReport): VerifyCheck {
  const keyring = chain.keyring;
  if (!keyring) {
    const keyedCount = db.prepare('SELECT COUNT(*) FROM audit_log WHERE hash_version >= 3').pluck().get() as number;
    return keyedCount === 0
      ? { name: KEY_CHECK, ok: true, detail: 'No record is keyed yet; the office’s key is made at its next write' }
      : { name: KEY_CHECK, ok: false, detail: `${keyedCount} audit records are keyed, but this database names no audit key (its office id was removed), so none of them can be checked` };
  }
  const problems: string[] = [];
  for (const key of keyring.unreadable) problems.push(`key ${key.keyId} in ${keyring.location} cannot be opened here: ${key.reason}`);
  if (keyring.keys.length === 0 && keyring.unreadable.length === 0) problems.push(`the office's key file ${keyring.location} is not on this PC`);
  if (chain.uncheckable) {
    const { count, firstSeq, lastSeq } = chain.uncheckable;
    problems.push(
      `${count} keyed audit records (${firstSeq}–${lastSeq}) were written with a key this PC does not hold, so changes to them cannot be detected here; import the office's key from the PC this database came from (billing-office audit-key export there, audit-key import here)`,
    );
  }
  return problems.length === 0
    ? { name: KEY_CHECK, ok: true, detail: `Office key file ${keyring.location}; ${whereKeysAre(keyring.keys)}` }
    : { name: KEY_CHECK, ok: false, detail: `${problems.join('; ')}.` };
}

function whereKeysAre(keys: OfficeKey[]): string {
  const current = keys.at(-1);
  if (!current) return 'no key yet';
  return current.protection === 'os-keystore'
    ? 'the key itself is in the OS key store'
    : `the key itself is in that file, protected by its permissions${current.fileBecause ? ` (${current.fileBecause})` : ''}`;
}

/** Every sealed head still in the chain with the same hash; no end-of-day report lost its seal. */
function checkSeals(db: Sqlite, chain: AuditChainReport, finalisedSince?: string): VerifyCheck {
  const seals = knownSeals(db, finalisedSince);
  const problems = seals.flatMap(({ source, seal }) => {
    const problem = sealProblem(db, seal);
    return problem ? [`${source} sealed audit record ${seal.seq}, but ${problem}`] : [];
  });
  const keyedSince = chain.keyring?.keyedSince;
  const since = keyedSince && finalisedSince && finalisedSince > keyedSince ? finalisedSince : keyedSince;
  if (since) {
    const unsealed = db
      .prepare("SELECT business_date FROM end_of_day_reports WHERE finalised_at >= ? AND json_extract(report_json, '$.auditSeal') IS NULL ORDER BY business_date")
      .pluck()
      .all(since) as string[];
    if (unsealed.length > 0) problems.push(`the end-of-day reports of ${listIds(unsealed)} were finalised with a seal that is no longer there`);
  }
  return {
    name: 'Sealed audit heads are still in the chain',
    ok: problems.length === 0,
    detail: problems.length === 0 ? (seals.length === 0 ? 'No seal made yet (end of day, backup, closing the app)' : `${seals.length} seals checked`) : `${problems.join('; ')}.`,
  };
}

const FULL_ASKED: VerifyScope = { kind: 'full', reason: 'a full verify', fromAuditSeq: null, checkpointAt: null, lastFullAt: null };

/** The full verify: every check over every row of the books. */
export function verifyBooks(db: Sqlite, checkedAtIso: string, scope: VerifyScope = FULL_ASKED): VerifyReport {
  const checks = fullChecks(db);
  const ok = checks.every((check) => check.ok);
  return { ok, checkedAt: checkedAtIso, checks, scope: { ...scope, lastFullAt: ok ? checkedAtIso : scope.lastFullAt } };
}

function fullChecks(db: Sqlite): VerifyCheck[] {
  const chain = checkAuditChain(db);
  return [
    checkEntriesBalance(db),
    checkSubledgerLines(db),
    checkCachedBalances(db),
    checkGlBalances(db),
    checkControlAccount(db),
    checkReversals(db),
    checkChain(chain),
    checkKey(db, chain),
    checkSeals(db, chain),
    checkPaymentsAgainstJournal(db),
    checkReceiptsAgainstPayments(db),
    checkBillsAgainstJournal(db),
    checkDrawerClosesAgainstPayments(db),
    checkAuditAgainstJournal(db),
  ];
}

/** The same fourteen checks, over what came after `checkpoint` (verify-scope.ts). */
function incrementalChecks(db: Sqlite, checkpoint: VerifyCheckpoint): VerifyCheck[] {
  const since = prepareScope(db, checkpoint);
  try {
    const chain = checkAuditChain(db, checkpoint.audit);
    const added = newLineTotals(db, since);
    return [
      checkNewEntriesBalance(db),
      checkNewSubledgerLines(db, since),
      checkBalancesFromCheckpoint(db, checkpoint),
      checkGlFromCheckpoint(db, checkpoint, added),
      checkControlFromCheckpoint(db, checkpoint, added),
      checkReversals(db, 'since'),
      { ...checkChain(chain), detail: chain.brokenAtSeq === null ? `${Math.max(chain.records - 1, 0)} audit records since record ${checkpoint.audit.seq} chained from it (that record rechecked too)` : checkChain(chain).detail },
      checkKey(db, chain),
      // A day before the checkpoint: an end of day stamped just before it may have committed just after its snapshot.
      checkSeals(db, chain, new Date(Date.parse(checkpoint.madeAt) - DAY_MS).toISOString()),
      checkPaymentsAgainstJournal(db, since),
      checkReceiptsAgainstPayments(db, since),
      checkBillsAgainstJournal(db, since),
      checkDrawerClosesAgainstPayments(db, since),
      checkAuditAgainstJournal(db, since),
    ];
  } finally {
    dropScope(db);
  }
}

const CHECKPOINT_CHECK = 'The last verify’s checkpoint is genuine';

/**
 * Verify as the office runs it: incremental from the last passing verify's sealed checkpoint
 * when there is a genuine one and the last full pass is recent enough (setting
 * `fullVerifyEveryDays`), full otherwise or when `full` is asked for. All of it reads one
 * snapshot of the database; a verify that passes then stores a new checkpoint at that snapshot
 * (a full one's lastFullAt is now; an incremental one keeps the last full one's).
 * A checkpoint whose seal does not match is refused: the verify is full, and says so as a failed check.
 */
export function verifyOffice(db: Sqlite, checkedAtIso: string, options: { full?: boolean } = {}): VerifyReport {
  const run = () => {
    const stored = loadCheckpoint(db);
    const checkpoint = 'mac' in stored ? stored : null;
    const due = checkpoint ? fullVerifyDue(db, checkpoint, checkedAtIso) : null;
    const lastFullAt = checkpoint?.lastFullAt ?? null;
    let report: VerifyReport;
    if (checkpoint && !options.full && due === null) {
      const checks = incrementalChecks(db, checkpoint);
      const scope: VerifyScope = {
        kind: 'incremental',
        reason: 'only what came after the last verify that passed',
        fromAuditSeq: checkpoint.audit.seq,
        checkpointAt: checkpoint.madeAt,
        lastFullAt,
      };
      report = { ok: checks.every((check) => check.ok), checkedAt: checkedAtIso, checks, scope };
    } else {
      const reason = options.full ? 'a full verify was asked for' : (due ?? ('reason' in stored ? stored.reason : 'a full verify'));
      report = verifyBooks(db, checkedAtIso, { kind: 'full', reason, fromAuditSeq: null, checkpointAt: null, lastFullAt });
      if ('forged' in stored && stored.forged) {
        report = { ...report, ok: false, checks: [...report.checks, { name: CHECKPOINT_CHECK, ok: false, detail: `${stored.reason}.` }] };
      }
    }
    const nextFullAt = report.scope.kind === 'full' ? checkedAtIso : lastFullAt ?? checkedAtIso;
    // Measured in the same snapshot as the checks; stored only if every check but the checkpoint's own passed.
    const passedBooks = report.checks.every((check) => check.ok || check.name === CHECKPOINT_CHECK);
    return { report, body: passedBooks ? measureBooks(db, checkedAtIso, nextFullAt) : null };
  };
  // One read transaction: every check, and the checkpoint's marks and totals, see the same books.
  const { report, body } = db.inTransaction ? run() : db.transaction(run).deferred();
  if (body) storeCheckpoint(db, body);
  return report;
}
