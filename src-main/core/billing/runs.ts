/**
 * A cycle's bill run: draft (bills computed and stored, no ledger effect, recomputed at will) →
 * approved by a supervisor → posted (one journal entry per bill, all in the caller's single
 * transaction: a crash mid-post leaves nothing posted) — or cancelled before posting.
 * Every account of the cycle is recorded as billed, held or blocked; a run with a blocked or
 * unaccounted account cannot be approved or posted.
 */
import { noProgress, type Progress } from '../progress';
import type { BillRunSummary } from '../../../src-shared/contract/billing';
import { perConnection } from '../storage/prepared';
import { OfficeError, notFound } from '../errors';
import { GL } from '../ledger/chart';
import { postEntryInTransaction, type PostingLine } from '../ledger/journal';
import type { Sqlite } from '../storage/database';
import { decide, type PlannedBill, type RunContext } from './draft';
import { loadCycleFacts } from './facts';
import { currentRates } from './rate-store';

export interface Actor {
  userId: number;
  nowIso: string;
}

interface RunRow {
  runId: number;
  cycle: number;
  period: string;
  status: BillRunSummary['status'];
  billDate: string;
  dueDate: string;
  rateBookId: number;
  computedAt: string;
  approvedAt: string | null;
}

const statements = perConnection((db: Sqlite) => ({
  run: db.prepare<[number], RunRow>(
    `SELECT id AS runId, cycle, period, status, bill_date AS billDate, due_date AS dueDate, rate_book_id AS rateBookId, computed_at AS computedAt, approved_at AS approvedAt
     FROM bill_runs WHERE id = ?`,
  ),
  liveRun: db.prepare<[number, string], { runId: number; status: string }>(
    `SELECT id AS runId, status FROM bill_runs WHERE cycle = ? AND period = ? AND status <> 'cancelled'`,
  ),
  insertRun: db.prepare(
    `INSERT INTO bill_runs (cycle, period, status, rate_book_id, bill_date, due_date, created_at, created_by_user_id, computed_at)
     VALUES (@cycle, @period, 'draft', @rateBookId, @billDate, @dueDate, @at, @userId, @at)`,
  ),
  // Positional parameters: this runs once per bill of a 50,000-account run, and binding by name costs more.
  insertBill: db.prepare(
    `INSERT INTO bills (run_id, account_id, kind, status, period, from_date, to_date, period_days, read_id, prior_read_id, usage_hcf, estimated,
       total_cents, previous_balance_cents, amount_due_cents, message_codes, summary, rate_book_id, created_at, replaces_bill_id)
     VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  insertLine: db.prepare(
    `INSERT INTO bill_lines (bill_id, line_no, kind, service, rate_class, gl_code, description, amount_cents, from_date, to_date, explanation_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  explanationId: db.prepare<[string], number>('SELECT id FROM bill_line_explanations WHERE explanation_json = ?').pluck(),
  insertExplanation: db.prepare<[string]>('INSERT INTO bill_line_explanations (explanation_json) VALUES (?)'),
  insertDisposition: db.prepare('INSERT INTO bill_run_accounts (run_id, account_id, disposition, reason) VALUES (?, ?, ?, ?)'),
  billedDispositions: db.prepare<[number]>(
    `INSERT INTO bill_run_accounts (run_id, account_id, disposition, reason) SELECT run_id, account_id, 'billed', '' FROM bills WHERE run_id = ? AND status = 'draft'`,
  ),
  deleteLines: db.prepare(`DELETE FROM bill_lines WHERE bill_id IN (SELECT id FROM bills WHERE run_id = ? AND status = 'draft')`),
  deleteBills: db.prepare(`DELETE FROM bills WHERE run_id = ? AND status = 'draft'`),
  deleteDispositions: db.prepare('DELETE FROM bill_run_accounts WHERE run_id = ?'),
  setTotals: db.prepare(
    `UPDATE bill_runs SET bill_count = (SELECT count(*) FROM bills WHERE run_id = @runId AND status <> 'cancelled'),
       total_cents = (SELECT ifnull(sum(total_cents), 0) FROM bills WHERE run_id = @runId AND status <> 'cancelled'),
       computed_at = @at, rate_book_id = @rateBookId, status = 'draft', approved_at = NULL, approved_by_user_id = NULL
     WHERE id = @runId`,
  ),
  approve: db.prepare(`UPDATE bill_runs SET status = 'approved', approved_at = ?, approved_by_user_id = ?, note = ? WHERE id = ?`),
  cancel: db.prepare(`UPDATE bill_runs SET status = 'cancelled', cancelled_at = ?, note = ? WHERE id = ?`),
  cancelBills: db.prepare(`UPDATE bills SET status = 'cancelled', cancelled_at = ?, cancelled_by_user_id = ?, cancel_reason = ? WHERE run_id = ? AND status = 'draft'`),
  billLines: db.prepare<[number], { glCode: string; amountCents: number }>('SELECT gl_code AS glCode, amount_cents AS amountCents FROM bill_lines WHERE bill_id = ? ORDER BY line_no'),
  balance: db.prepare<[number], number>('SELECT balance_cents FROM account_balances WHERE account_id = ?').pluck(),
  markPosted: db.prepare<[string | null, number, number, number]>(
    `UPDATE bills SET status = 'posted', journal_entry_id = ?, previous_balance_cents = ?, amount_due_cents = ? WHERE id = ?`,
  ),
  markRunPosted: db.prepare(
    `UPDATE bills SET status = 'posted',
       journal_entry_id = CASE WHEN id IN (SELECT value FROM json_each(@withoutEntry)) THEN NULL ELSE ${BILL_ENTRY_ID_SQL} END,
       amount_due_cents = ifnull((SELECT balance_cents FROM account_balances ab WHERE ab.account_id = bills.account_id), 0),
       previous_balance_cents = ifnull((SELECT balance_cents FROM account_balances ab WHERE ab.account_id = bills.account_id), 0) - total_cents
     WHERE run_id = @runId AND status = 'draft'`,
  ),
  // Each draft bill of the run with its lines packed ("4000 5139,4100 5492"): one row per bill. The
  // lines come in the (bill_id, line_no) index's order; the entry's lines follow their first GL code.
  runBills: db
    .prepare<[number], [billId: number, accountId: number, totalCents: number, lines: string | null]>(
      `SELECT b.id, b.account_id, b.total_cents, (SELECT group_concat(l.gl_code || ' ' || l.amount_cents) FROM bill_lines l WHERE l.bill_id = b.id)
       FROM bills b WHERE b.run_id = ? AND b.status = 'draft' ORDER BY b.id`,
    )
    .raw(),
  runPosted: db.prepare(`UPDATE bill_runs SET status = 'posted', posted_at = ?, posted_by_user_id = ? WHERE id = ?`),
  blockedCount: db.prepare<[number], number>(`SELECT count(*) FROM bill_run_accounts WHERE run_id = ? AND disposition = 'blocked'`).pluck(),
  changesSince: db.prepare<{ cycle: number; period: string; at: string }, number>(
    `SELECT (SELECT count(*) FROM read_imports WHERE cycle = @cycle AND period = @period AND imported_at > @at)
          + (SELECT count(*) FROM read_exceptions WHERE cycle = @cycle AND period = @period AND (created_at > @at OR resolved_at > @at))`,
  ).pluck(),
  storedOutcomes: db.prepare<[number], { accountId: number; disposition: string; totalCents: number | null }>(
    `SELECT x.account_id AS accountId, x.disposition, b.total_cents AS totalCents
     FROM bill_run_accounts x LEFT JOIN bills b ON b.run_id = x.run_id AND b.account_id = x.account_id AND b.status = 'draft' WHERE x.run_id = ?`,
  ),
  newestRates: db.prepare<[], number>('SELECT max(id) FROM rate_books').pluck(),
}));

export function getRunRow(db: Sqlite, runId: number): RunRow {
  const run = statements(db).run.get(runId);
  if (!run) throw notFound(`Bill run ${runId}`, 'runId');
  return run;
}

/** Where a stored bill belongs: its run (none for a rebill), period and rate version. */
export interface BillHome {
  runId: number | null;
  period: string;
  rateBookId: number;
  /**
   * Explanation ids already stored in this transaction, by explanation object (bills computed
   * alike share theirs). Never kept past the transaction: a rollback takes the rows with it.
   */
  explanationIds?: Map<object, number>;
}

/**
 * A bill's journal entry id: UUID-shaped, derived from the bill id so a retried post finds it, and
 * computable in SQL (BILL_ENTRY_ID_SQL) so a whole run is marked posted in one statement.
 */
export const billEntryId = (billId: number) => `b111e000-0000-5000-8000-${billId.toString(16).padStart(12, '0')}`;
const BILL_ENTRY_ID_SQL = `printf('b111e000-0000-5000-8000-%012x', id)`;

/** The stored explanation's id: found by its text, or stored once (explanations are content-addressed). */
function explanationId(db: Sqlite, home: BillHome, explanation: object): number {
  const known = home.explanationIds?.get(explanation);
  if (known !== undefined) return known;
  const prepared = statements(db);
  const text = JSON.stringify(explanation);
  const id = prepared.explanationId.get(text) ?? Number(prepared.insertExplanation.run(text).lastInsertRowid);
  home.explanationIds?.set(explanation, id);
  return id;
}

/** Stores a computed bill as a draft with its lines; returns its id. */
export function storeBill(db: Sqlite, home: BillHome, accountId: number, balanceCents: number, bill: PlannedBill, at: string, replacesBillId: number | null = null): number {
  const prepared = statements(db);
  const { computed } = bill;
  const billId = Number(
    prepared.insertBill.run(
      home.runId, accountId, bill.kind, home.period, computed.fromDate, computed.toDate, computed.periodDays, bill.readId, bill.priorReadId,
      computed.usageHcf, computed.estimated ? 1 : 0, computed.totalCents, balanceCents, balanceCents + computed.totalCents,
      `,${bill.messageCodes.join(',')}${bill.messageCodes.length ? ',' : ''}`, computed.summary, home.rateBookId, at, replacesBillId,
    ).lastInsertRowid,
  );
  computed.lines.forEach((line, index) => {
    prepared.insertLine.run(
      billId, index + 1, line.kind, line.service, line.rateClass, line.glCode, line.description, line.amountCents, line.fromDate, line.toDate,
      explanationId(db, home, line.explanation),
    );
  });
  return billId;
}

/** Computes (or recomputes) every account of the run's cycle into draft bills and dispositions. */
function computeRun(db: Sqlite, run: RunRow, actor: Actor, progress: Progress): void {
  const rates = currentRates(db);
  const prepared = statements(db);
  prepared.deleteLines.run(run.runId);
  prepared.deleteBills.run(run.runId);
  prepared.deleteDispositions.run(run.runId);
  const context: RunContext = { cycle: run.cycle, period: run.period, billDate: run.billDate, rates: rates.book, computed: new Map() };
  const home: BillHome = { runId: run.runId, period: run.period, rateBookId: rates.rateBookId, explanationIds: new Map() };
  const cycleFacts = loadCycleFacts(db, run.cycle, run.period, { winterClasses: rates.winterClasses });
  for (const [index, facts] of cycleFacts.entries()) {
    progress.step(index, cycleFacts.length);
    const decision = decide(facts, context);
    if (decision.bill) storeBill(db, home, facts.accountId, facts.balanceCents, decision.bill, actor.nowIso);
    else prepared.insertDisposition.run(run.runId, facts.accountId, decision.disposition, decision.reason);
  }
  progress.step(cycleFacts.length, cycleFacts.length);
  // Every billed account at once: its bill is its disposition.
  prepared.billedDispositions.run(run.runId);
  prepared.setTotals.run({ runId: run.runId, at: actor.nowIso, rateBookId: rates.rateBookId });
}

export function createRun(db: Sqlite, actor: Actor, input: { cycle: number; period: string; billDate: string; dueDate: string }, progress: Progress = noProgress): number {
  if (input.dueDate <= input.billDate) throw new OfficeError('INVALID_INPUT', 'The due date must come after the bill date', 'dueDate');
  const live = statements(db).liveRun.get(input.cycle, input.period);
  if (live) {
    throw new OfficeError('CONFLICT', `Cycle ${input.cycle} already has a ${live.status} run for ${input.period} (run ${live.runId}); open it, or cancel it first`, 'period');
  }
  const rates = currentRates(db);
  const runId = Number(statements(db).insertRun.run({ ...input, rateBookId: rates.rateBookId, at: actor.nowIso, userId: actor.userId }).lastInsertRowid);
  computeRun(db, getRunRow(db, runId), actor, progress);
  return runId;
}

function requireStatus(run: RunRow, allowed: readonly RunRow['status'][], doing: string): void {
  if (!allowed.includes(run.status)) throw new OfficeError('CONFLICT', `Run ${run.runId} is ${run.status}; only a ${allowed.join(' or ')} run can be ${doing}`, 'runId');
}

export function recomputeRun(db: Sqlite, actor: Actor, runId: number, progress: Progress = noProgress): void {
  const run = getRunRow(db, runId);
  requireStatus(run, ['draft', 'approved'], 'recomputed');
  computeRun(db, run, actor, progress);
}

/**
 * Accounts whose bill would now come out differently (a read corrected, a hold placed, an account
 * opened, the rates changed): the run was computed from facts that no longer hold.
 */
export function driftedAccounts(db: Sqlite, run: RunRow, progress: Progress = noProgress): string[] {
  const rates = currentRates(db);
  if (rates.rateBookId !== run.rateBookId) return ['the rates in force changed'];
  const stored = new Map(statements(db).storedOutcomes.all(run.runId).map((row) => [row.accountId, row]));
  const context: RunContext = { cycle: run.cycle, period: run.period, billDate: run.billDate, rates: rates.book, computed: new Map() };
  const drifted: string[] = [];
  const cycleFacts = loadCycleFacts(db, run.cycle, run.period, { winterClasses: rates.winterClasses });
  for (const [index, facts] of cycleFacts.entries()) {
    progress.step(index, cycleFacts.length);
    const decision = decide(facts, context);
    const before = stored.get(facts.accountId);
    if (!before || before.disposition !== decision.disposition || before.totalCents !== (decision.bill?.computed.totalCents ?? null)) {
      drifted.push(facts.accountNumber);
    }
  }
  progress.step(cycleFacts.length, cycleFacts.length);
  return drifted;
}

/** Changes to the cycle's reads since an instant (cheap: the imports and exception actions of the cycle). */
function readsChangedSince(db: Sqlite, run: RunRow, sinceIso: string): boolean {
  return statements(db).changesSince.get({ cycle: run.cycle, period: run.period, at: sinceIso })! > 0 || statements(db).newestRates.get() !== run.rateBookId;
}

/** What stops approval: blocked or unaccounted accounts. */
export function approvalBlockers(db: Sqlite, run: RunRow, unaccounted: number): string[] {
  const blockers: string[] = [];
  const blockedCount = statements(db).blockedCount.get(run.runId)!;
  if (blockedCount > 0) blockers.push(`${blockedCount} account${blockedCount === 1 ? ' is' : 's are'} blocked: resolve the reads, or hold the accounts, then recompute`);
  if (unaccounted > 0) blockers.push(`${unaccounted} account${unaccounted === 1 ? ' of the cycle is' : 's of the cycle are'} not accounted for (opened after the run was computed): recompute`);
  return blockers;
}

/** A supervisor approves a draft whose every account is billed or held, and whose bills still match the facts. */
export function approveRun(db: Sqlite, actor: Actor, runId: number, note: string, unaccounted: number, progress: Progress = noProgress): void {
  const run = getRunRow(db, runId);
  requireStatus(run, ['draft'], 'approved');
  const blockers = approvalBlockers(db, run, unaccounted);
  const drifted = blockers.length === 0 ? driftedAccounts(db, run, progress) : [];
  if (drifted.length > 0) {
    blockers.push(`${drifted.length} account${drifted.length === 1 ? '' : 's'} would bill differently now (${drifted.slice(0, 5).join(', ')}${drifted.length > 5 ? '…' : ''}): recompute the run`);
  }
  if (blockers.length > 0) throw new OfficeError('CONFLICT', `Run ${runId} cannot be approved: ${blockers.join('; ')}`, 'runId');
  statements(db).approve.run(actor.nowIso, actor.userId, note, runId);
}

/** The bill's journal entry: receivable up by the total, each revenue account credited by its lines. */
function billPosting(bill: { accountId: number; totalCents: number }, revenueByGl: ReadonlyMap<string, number>): PostingLine[] {
  const lines: PostingLine[] = [];
  if (bill.totalCents !== 0) lines.push({ glCode: GL.accountsReceivable, accountId: bill.accountId, amountCents: bill.totalCents });
  for (const [glCode, amountCents] of revenueByGl) if (amountCents !== 0) lines.push({ glCode, amountCents: -amountCents });
  return lines;
}

export interface EntryDetails {
  effectiveDate: string;
  memo: string;
  approvedByUserId?: number | null;
}

/**
 * Posts one draft bill: its journal entry (none for a zero bill), the balance before it, the
 * amount then due. Runs inside the caller's transaction, which any failure abandons whole.
 */
function postDraftBill(
  db: Sqlite,
  actor: Actor,
  bill: { billId: number; accountId: number; totalCents: number },
  revenueByGl: ReadonlyMap<string, number>,
  entry: EntryDetails,
): void {
  const prepared = statements(db);
  const previousBalanceCents = prepared.balance.get(bill.accountId) ?? 0;
  const lines = billPosting(bill, revenueByGl);
  const entryId = lines.length > 0 ? billEntryId(bill.billId) : null;
  if (entryId) {
    postEntryInTransaction(db, actor.nowIso, {
      entryId, effectiveDate: entry.effectiveDate, kind: 'bill', memo: entry.memo, lines, createdByUserId: actor.userId, approvedByUserId: entry.approvedByUserId ?? null,
    });
  }
  prepared.markPosted.run(entryId, previousBalanceCents, previousBalanceCents + bill.totalCents, bill.billId);
}

/** Posts one draft bill outside a run (a rebill). */
export function postBill(db: Sqlite, actor: Actor, bill: { billId: number; accountId: number; totalCents: number }, entry: EntryDetails): void {
  const revenueByGl = new Map<string, number>();
  for (const line of statements(db).billLines.all(bill.billId)) revenueByGl.set(line.glCode, (revenueByGl.get(line.glCode) ?? 0) + line.amountCents);
  postDraftBill(db, actor, bill, revenueByGl, entry);
}

interface RunBill {
  billId: number;
  accountId: number;
  totalCents: number;
  revenueByGl: Map<string, number>;
}

/** Every draft bill of the run with its revenue by GL account (one row per bill, its lines packed). */
function draftBillsOfRun(db: Sqlite, runId: number): RunBill[] {
  return statements(db)
    .runBills.all(runId)
    .map(([billId, accountId, totalCents, packedLines]) => {
      const revenueByGl = new Map<string, number>();
      for (const line of packedLines === null ? [] : packedLines.split(',')) {
        const space = line.indexOf(' ');
        const glCode = line.slice(0, space);
        revenueByGl.set(glCode, (revenueByGl.get(glCode) ?? 0) + Number(line.slice(space + 1)));
      }
      return { billId, accountId, totalCents, revenueByGl };
    });
}

/** Posts every draft bill of an approved run. The caller's transaction makes it all or nothing. */
export function postRun(db: Sqlite, actor: Actor, runId: number, unaccounted: number, progress: Progress = noProgress): void {
  const run = getRunRow(db, runId);
  requireStatus(run, ['approved'], 'posted');
  const blockers = approvalBlockers(db, run, unaccounted);
  if (readsChangedSince(db, run, run.approvedAt ?? run.computedAt)) blockers.push('reads or rates of the cycle changed after approval: recompute and approve again');
  if (blockers.length > 0) throw new OfficeError('CONFLICT', `Run ${runId} cannot be posted: ${blockers.join('; ')}`, 'runId');
  const prepared = statements(db);
  const withoutEntry: number[] = [];
  const bills = draftBillsOfRun(db, runId);
  for (const [index, bill] of bills.entries()) {
    progress.step(index, bills.length);
    const lines = billPosting(bill, bill.revenueByGl);
    if (lines.length === 0) {
      withoutEntry.push(bill.billId);
      continue;
    }
    postEntryInTransaction(
      db,
      actor.nowIso,
      { entryId: billEntryId(bill.billId), effectiveDate: run.billDate, kind: 'bill', memo: `Bill ${bill.billId}: cycle ${run.cycle}, ${run.period}`, lines, createdByUserId: actor.userId },
      { fresh: true },
    );
  }
  progress.step(bills.length, bills.length);
  // Every bill of the run in one statement. An account has one bill per run, so the balance it
  // had before its bill is its balance now less the bill.
  prepared.markRunPosted.run({ runId, withoutEntry: JSON.stringify(withoutEntry) });
  prepared.runPosted.run(actor.nowIso, actor.userId, runId);
}

/** Two statements, nothing to count: its one step (0 of 0) is where a cancel asked before it can stop it. */
export function cancelRun(db: Sqlite, actor: Actor, runId: number, reason: string, progress: Progress = noProgress): void {
  const run = getRunRow(db, runId);
  requireStatus(run, ['draft', 'approved'], 'cancelled');
  progress.step(0, 0);
  statements(db).cancelBills.run(actor.nowIso, actor.userId, reason, runId);
  statements(db).cancel.run(actor.nowIso, reason, runId);
}
