/**
 * An account's open items: which of its charges are still unpaid, derived from the receivable
 * ledger by replaying it in date order — each charge (a bill, a fee, an opening balance, a debit
 * adjustment, a returned payment) opens an item; each credit (a payment, a credit adjustment, a
 * deposit applied) is applied to the items open at its date by the district's rule (setting
 * `paymentApplicationRule`, application.ts), and what it does not use waits as a credit for the
 * next charge. A reversed entry and its reversal are left out together. The result always adds
 * up to the account's balance: open items − unapplied credit = balance.
 *
 * Bounded (issue #14): the replay starts at the newest point where what came before is known
 * without replaying it (`replayStart`), so an account's years of settled history cost one light
 * row per line (date, amount) instead of a bill lookup and an application per line.
 * `accountOpenItemsByFullReplay` replays everything from the first line; tests hold the two equal.
 */
import type { OpenItem, OpenItems } from '../../../src-shared/contract/billing';
import { DEFAULT_PAYMENT_APPLICATION_RULE, PAYMENT_APPLICATION_RULES, type PaymentApplicationRule } from '../../../src-shared/contract/payments';
import { assertInvariant, notFound } from '../errors';
import { GL } from '../ledger/chart';
import type { Sqlite } from '../storage/database';
import { perConnection } from '../storage/prepared';
import { getSetting } from '../storage/settings';
import { applyPayment, type OpenCharge } from './application';

/** Entry kinds whose receivable debits are penalties and fees (paid first under the penalties rule). */
const PENALTY_KINDS = new Set(['fee']);

/** One receivable line as the replay needs it: a charge (amount > 0) or a credit (amount < 0). */
export interface ReplayRow {
  entryId: string;
  kind: string;
  memo: string;
  effectiveDate: string;
  amountCents: number;
  lineId: number;
}

/** A charge line's bill, when it is one. */
interface ChargeDetail {
  billId: number | null;
  dueDate: string | null;
}

type LedgerRow = ReplayRow & ChargeDetail;

// The account's receivable lines, leaving out every reversed entry and every reversal, in replay order.
const RECEIVABLE_LINES = `FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id`;
const RECEIVABLE_WHERE = `WHERE l.account_id = ? AND l.gl_code = ? AND e.reverses_entry_id IS NULL
       AND NOT EXISTS (SELECT 1 FROM journal_entries x WHERE x.reverses_entry_id = e.id)
     ORDER BY e.effective_date, e.posted_at, l.id`;
const BILL_OF_ENTRY = `LEFT JOIN bill_runs r ON r.id = b.run_id
     LEFT JOIN bills ob ON ob.id = b.replaces_bill_id LEFT JOIN bill_runs o ON o.id = ob.run_id`;

const statements = perConnection((db: Sqlite) => ({
  account: db.prepare<[number], number>('SELECT id FROM accounts WHERE id = ?').pluck(),
  balance: db.prepare<[number], number>('SELECT balance_cents FROM account_balances WHERE account_id = ?').pluck(),
  // Every line with its bill: the full replay (the oracle).
  lines: db.prepare<[number, string], LedgerRow>(
    `SELECT e.id AS entryId, e.kind, e.memo, e.effective_date AS effectiveDate, l.amount_cents AS amountCents, l.id AS lineId,
            b.id AS billId, COALESCE(r.due_date, o.due_date) AS dueDate
     ${RECEIVABLE_LINES} LEFT JOIN bills b ON b.journal_entry_id = e.id ${BILL_OF_ENTRY}
     ${RECEIVABLE_WHERE}`,
  ),
  // Every line without its bill: what the bounded replay reads whole.
  replayRows: db.prepare<[number, string], ReplayRow>(
    `SELECT e.id AS entryId, e.kind, e.memo, e.effective_date AS effectiveDate, l.amount_cents AS amountCents, l.id AS lineId
     ${RECEIVABLE_LINES} ${RECEIVABLE_WHERE}`,
  ),
  // A replayed charge's bill (migration 0018's bills_journal_entry).
  chargeDetail: db.prepare<[string], ChargeDetail>(
    `SELECT b.id AS billId, COALESCE(r.due_date, o.due_date) AS dueDate FROM bills b ${BILL_OF_ENTRY} WHERE b.journal_entry_id = ?`,
  ),
}));

export function paymentApplicationRuleSetting(db: Sqlite): PaymentApplicationRule {
  const stored = getSetting(db, 'paymentApplicationRule');
  return (PAYMENT_APPLICATION_RULES as readonly string[]).includes(stored) ? (stored as PaymentApplicationRule) : DEFAULT_PAYMENT_APPLICATION_RULE;
}

function describe(row: ReplayRow, billId: number | null): string {
  if (row.kind === 'bill') return `Bill ${billId ?? ''}`.trim();
  return row.memo;
}

/** Applies `credit` cents to the open items by the rule as of `asOf`; returns what is left over. */
function applyCredit(items: Map<string, OpenItem>, creditCents: number, asOf: string, rule: PaymentApplicationRule): number {
  const charges: OpenCharge[] = [...items.values()]
    .filter((item) => item.openCents > 0)
    .map((item) => ({ chargeId: item.chargeId, kind: item.penalty ? 'penalty' : 'charge', chargeDate: item.chargeDate, dueDate: item.dueDate, openCents: item.openCents }));
  const application = applyPayment({ paymentCents: creditCents, charges, rule, asOfDate: asOf });
  for (const allocation of application.allocations) items.get(String(allocation.chargeId))!.openCents = allocation.openAfterCents;
  return application.creditCents;
}

/**
 * Where a replay of `rows` (in replay order) may start, and with what, so that it ends exactly as
 * the replay from the first row does. Walked back from the newest row, `prefixCents` is what the
 * account owed just before row `index`:
 * - **owed nothing** (≤ 0): every rule has then paid every earlier charge (a credit is left over
 *   only when nothing is open), so the replay starts empty with `creditCents` = −prefix;
 * - **oldest first**, at a change of date, when the later credits add up to at least the prefix:
 *   whatever was open then is older than every later charge, so each later credit paid it first,
 *   and all of it was paid. One item of `carriedCents`, dated `carriedDate` (before every later
 *   charge), stands for it and must be paid by the end of the replay.
 * The penalties rule has no second case: a later fee is paid before an older bill, so what was
 * open before matters item by item.
 */
export interface ReplayStart {
  index: number;
  creditCents: number;
  carriedCents: number;
  carriedDate: string | null;
}

export function replayStart(rows: readonly Pick<ReplayRow, 'amountCents' | 'effectiveDate'>[], rule: PaymentApplicationRule): ReplayStart {
  let prefixCents = rows.reduce((total, row) => total + row.amountCents, 0);
  let laterCreditCents = 0;
  for (let index = rows.length - 1; index >= 0; index -= 1) {
    const row = rows[index]!;
    prefixCents -= row.amountCents;
    if (row.amountCents < 0) laterCreditCents -= row.amountCents;
    if (prefixCents <= 0) return { index, creditCents: prefixCents < 0 ? -prefixCents : 0, carriedCents: 0, carriedDate: null };
    const before = rows[index - 1];
    if (rule === 'oldest_first' && before !== undefined && before.effectiveDate < row.effectiveDate && laterCreditCents >= prefixCents) {
      return { index, creditCents: 0, carriedCents: prefixCents, carriedDate: before.effectiveDate };
    }
  }
  return { index: 0, creditCents: 0, carriedCents: 0, carriedDate: null };
}

const CARRIED_ID = 'carried';

export interface ReplayResult {
  /** Items still open, in replay order. */
  items: OpenItem[];
  unappliedCents: number;
}

/** Replays `rows` from `start` (the full replay: `FROM_FIRST_ROW`); `detailOf` gives a charge's bill. */
export function replayOpenItems(rows: readonly ReplayRow[], rule: PaymentApplicationRule, start: ReplayStart, detailOf: (row: ReplayRow) => ChargeDetail): ReplayResult {
  const items = new Map<string, OpenItem>();
  if (start.carriedCents > 0) {
    const date = start.carriedDate!;
    items.set(CARRIED_ID, {
      chargeId: CARRIED_ID, entryId: CARRIED_ID, billId: null, description: 'earlier charges', penalty: false,
      chargeDate: date, dueDate: date, originalCents: start.carriedCents, openCents: start.carriedCents, bucket: 'current',
    });
  }
  let unappliedCents = start.creditCents;
  for (const row of rows.slice(start.index)) {
    if (row.amountCents > 0) {
      const chargeId = `${row.entryId}:${row.lineId}`;
      const detail = detailOf(row);
      items.set(chargeId, {
        chargeId, entryId: row.entryId, billId: detail.billId, description: describe(row, detail.billId), penalty: PENALTY_KINDS.has(row.kind),
        chargeDate: row.effectiveDate, dueDate: detail.dueDate ?? row.effectiveDate, originalCents: row.amountCents, openCents: row.amountCents, bucket: 'current',
      });
      // A credit waiting on the account pays the new charge at once.
      if (unappliedCents > 0) unappliedCents = applyCredit(items, unappliedCents, row.effectiveDate, rule);
    } else {
      unappliedCents = applyCredit(items, unappliedCents - row.amountCents, row.effectiveDate, rule);
    }
  }
  const carried = items.get(CARRIED_ID);
  assertInvariant(carried === undefined || carried.openCents === 0, `the charges before ${start.carriedDate} were paid by the later credits`);
  items.delete(CARRIED_ID);
  return { items: [...items.values()].filter((item) => item.openCents > 0), unappliedCents };
}

export const FROM_FIRST_ROW: ReplayStart = { index: 0, creditCents: 0, carriedCents: 0, carriedDate: null };

function summarize(db: Sqlite, accountId: number, asOf: string, rule: PaymentApplicationRule, { items: open, unappliedCents }: ReplayResult): OpenItems {
  for (const item of open) item.bucket = item.penalty ? 'penalty' : item.dueDate < asOf ? 'past_due' : 'current';
  const sum = (bucket: OpenItem['bucket']) => open.filter((item) => item.bucket === bucket).reduce((total, item) => total + item.openCents, 0);
  const balanceCents = statements(db).balance.get(accountId) ?? 0;
  const openCents = open.reduce((total, item) => total + item.openCents, 0);
  assertInvariant(openCents - unappliedCents === balanceCents, `open items of account ${accountId} (${openCents} − ${unappliedCents}) equal its balance ${balanceCents}`);
  return { accountId, asOf, rule, items: open, penaltyCents: sum('penalty'), pastDueCents: sum('past_due'), currentCents: sum('current'), creditCents: unappliedCents, balanceCents };
}

function requireAccount(db: Sqlite, accountId: number): void {
  if (statements(db).account.get(accountId) === undefined) throw notFound(`Account ${accountId}`, 'accountId');
}

export function accountOpenItems(db: Sqlite, accountId: number, asOf: string): OpenItems {
  requireAccount(db, accountId);
  const rule = paymentApplicationRuleSetting(db);
  const rows = statements(db).replayRows.all(accountId, GL.accountsReceivable);
  const detailOf = (row: ReplayRow) => statements(db).chargeDetail.get(row.entryId) ?? { billId: null, dueDate: null };
  return summarize(db, accountId, asOf, rule, replayOpenItems(rows, rule, replayStart(rows, rule), detailOf));
}

/** The same from the account's first line: the oracle the bounded replay is tested against. */
export function accountOpenItemsByFullReplay(db: Sqlite, accountId: number, asOf: string): OpenItems {
  requireAccount(db, accountId);
  const rule = paymentApplicationRuleSetting(db);
  const rows = statements(db).lines.all(accountId, GL.accountsReceivable);
  return summarize(db, accountId, asOf, rule, replayOpenItems(rows, rule, FROM_FIRST_ROW, (row) => row as LedgerRow));
}
