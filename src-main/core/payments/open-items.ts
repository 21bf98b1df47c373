/**
 * An account's open items: which of its charges are still unpaid, derived from the receivable
 * ledger by replaying it in date order — each charge (a bill, a fee, an opening balance, a debit
 * adjustment, a returned payment) opens an item; each credit (a payment, a credit adjustment, a
 * deposit applied) is applied to the items open at its date by the district's rule (setting
 * `paymentApplicationRule`, application.ts), and what it does not use waits as a credit for the
 * next charge. A reversed entry and its reversal are left out together. The result always adds
 * up to the account's balance: open items − unapplied credit = balance.
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

interface LedgerRow {
  entryId: string;
  kind: string;
  memo: string;
  effectiveDate: string;
  amountCents: number;
  lineId: number;
  billId: number | null;
  dueDate: string | null;
}

const statements = perConnection((db: Sqlite) => ({
  account: db.prepare<[number], number>('SELECT id FROM accounts WHERE id = ?').pluck(),
  balance: db.prepare<[number], number>('SELECT balance_cents FROM account_balances WHERE account_id = ?').pluck(),
  // The account's receivable lines, leaving out every reversed entry and every reversal.
  lines: db.prepare<[number, string], LedgerRow>(
    `SELECT e.id AS entryId, e.kind, e.memo, e.effective_date AS effectiveDate, l.amount_cents AS amountCents, l.id AS lineId,
            b.id AS billId, COALESCE(r.due_date, o.due_date) AS dueDate
     FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
     LEFT JOIN bills b ON b.journal_entry_id = e.id LEFT JOIN bill_runs r ON r.id = b.run_id
     LEFT JOIN bills ob ON ob.id = b.replaces_bill_id LEFT JOIN bill_runs o ON o.id = ob.run_id
     WHERE l.account_id = ? AND l.gl_code = ? AND e.reverses_entry_id IS NULL
       AND NOT EXISTS (SELECT 1 FROM journal_entries x WHERE x.reverses_entry_id = e.id)
     ORDER BY e.effective_date, e.posted_at, l.id`,
  ),
}));

export function paymentApplicationRuleSetting(db: Sqlite): PaymentApplicationRule {
  const stored = getSetting(db, 'paymentApplicationRule');
  return (PAYMENT_APPLICATION_RULES as readonly string[]).includes(stored) ? (stored as PaymentApplicationRule) : DEFAULT_PAYMENT_APPLICATION_RULE;
}

function describe(row: LedgerRow): string {
  if (row.kind === 'bill') return `Bill ${row.billId ?? ''}`.trim();
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

export function accountOpenItems(db: Sqlite, accountId: number, asOf: string): OpenItems {
  if (statements(db).account.get(accountId) === undefined) throw notFound(`Account ${accountId}`, 'accountId');
  const rule = paymentApplicationRuleSetting(db);
  const items = new Map<string, OpenItem>();
  let unappliedCents = 0;
  for (const row of statements(db).lines.all(accountId, GL.accountsReceivable)) {
    if (row.amountCents > 0) {
      const chargeId = `${row.entryId}:${row.lineId}`;
      const item: OpenItem = {
        chargeId, entryId: row.entryId, billId: row.billId, description: describe(row), penalty: PENALTY_KINDS.has(row.kind),
        chargeDate: row.effectiveDate, dueDate: row.dueDate ?? row.effectiveDate, originalCents: row.amountCents, openCents: row.amountCents, bucket: 'current',
      };
      items.set(chargeId, item);
      // A credit waiting on the account pays the new charge at once.
      if (unappliedCents > 0) unappliedCents = applyCredit(items, unappliedCents, row.effectiveDate, rule);
    } else {
      unappliedCents = applyCredit(items, unappliedCents - row.amountCents, row.effectiveDate, rule);
    }
  }
  const open = [...items.values()].filter((item) => item.openCents > 0);
  for (const item of open) item.bucket = item.penalty ? 'penalty' : item.dueDate < asOf ? 'past_due' : 'current';
  const sum = (bucket: OpenItem['bucket']) => open.filter((item) => item.bucket === bucket).reduce((total, item) => total + item.openCents, 0);
  const balanceCents = statements(db).balance.get(accountId) ?? 0;
  const openCents = open.reduce((total, item) => total + item.openCents, 0);
  assertInvariant(openCents - unappliedCents === balanceCents, `open items of account ${accountId} (${openCents} − ${unappliedCents}) equal its balance ${balanceCents}`);
  return { accountId, asOf, rule, items: open, penaltyCents: sum('penalty'), pastDueCents: sum('past_due'), currentCents: sum('current'), creditCents: unappliedCents, balanceCents };
}
