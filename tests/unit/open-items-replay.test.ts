/**
 * The bounded open-items replay (issue #14) against the full one, on random receivable ledgers:
 * bills, fees, debit and credit adjustments, payments in full, partial payments, overpayments,
 * several lines on one day — under each application rule. `replayStart` may start the replay
 * late only where the result cannot change; the full replay from the first row is the oracle.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAYMENT_APPLICATION_RULES, type PaymentApplicationRule } from '../../src-shared/contract/payments';
import { FROM_FIRST_ROW, replayOpenItems, replayStart, type ReplayRow } from '../../src-main/core/payments/open-items';

type Event =
  | { kind: 'bill' | 'fee' | 'adjustment'; days: number; amountCents: number; dueDays: number }
  | { kind: 'payment'; days: number; amountCents: number }
  | { kind: 'payoff'; days: number; extraCents: number };

const days = fc.integer({ min: 0, max: 40 }).map((value) => (value > 30 ? 0 : value)); // often the same day
const event: fc.Arbitrary<Event> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom('bill' as const, 'fee' as const, 'adjustment' as const), days, amountCents: fc.integer({ min: 1, max: 20_000 }), dueDays: fc.integer({ min: 0, max: 30 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('payment' as const), days, amountCents: fc.integer({ min: 1, max: 25_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('payoff' as const), days, extraCents: fc.integer({ min: -3_000, max: 3_000 }) }) },
);

const dateAfter = (day: number) => new Date(Date.UTC(2021, 0, 1 + day)).toISOString().slice(0, 10);

/** The events as receivable rows in replay order, and each charge's due date. */
function ledgerOf(events: readonly Event[]): { rows: ReplayRow[]; dueDates: Map<number, string> } {
  const rows: ReplayRow[] = [];
  const dueDates = new Map<number, string>();
  let day = 0;
  let balanceCents = 0;
  events.forEach((item, index) => {
    day += item.days;
    let amountCents: number;
    if (item.kind === 'payment') amountCents = -item.amountCents;
    else if (item.kind === 'payoff') amountCents = -(balanceCents + item.extraCents); // pays what is owed, a little more or less
    else amountCents = item.amountCents;
    if (amountCents === 0) return;
    const kind = item.kind === 'payoff' ? 'payment' : item.kind;
    const lineId = index + 1;
    if (item.kind === 'bill' || item.kind === 'fee' || item.kind === 'adjustment') dueDates.set(lineId, dateAfter(day + item.dueDays));
    rows.push({ entryId: `E${String(index).padStart(3, '0')}`, kind, memo: kind, effectiveDate: dateAfter(day), amountCents, lineId });
    balanceCents += amountCents;
  });
  return { rows, dueDates };
}

describe('the bounded open-items replay', () => {
  it('gives exactly the full replay for every rule, on random ledgers', () => {
    const starts = { fromFirstRow: 0, afterOwingNothing: 0, carried: 0 };
    fc.assert(
      fc.property(fc.array(event, { minLength: 0, maxLength: 60 }), fc.constantFrom(...PAYMENT_APPLICATION_RULES), (events, rule: PaymentApplicationRule) => {
        const { rows, dueDates } = ledgerOf(events);
        const detailOf = (row: ReplayRow) => ({ billId: row.kind === 'bill' ? row.lineId : null, dueDate: dueDates.get(row.lineId) ?? null });
        const full = replayOpenItems(rows, rule, FROM_FIRST_ROW, detailOf);
        const start = replayStart(rows, rule);
        const bounded = replayOpenItems(rows, rule, start, detailOf);
        starts[start.carriedCents > 0 ? 'carried' : start.index > 0 ? 'afterOwingNothing' : 'fromFirstRow'] += 1;
        expect(bounded).toEqual(full);
        // The result adds up to the balance, both ways.
        const balanceCents = rows.reduce((total, row) => total + row.amountCents, 0);
        expect(bounded.items.reduce((total, item) => total + item.openCents, 0) - bounded.unappliedCents).toBe(balanceCents);
      }),
      { numRuns: 2_000 },
    );
    // Each way of starting was tried many times, not only the trivial one.
    expect(Math.min(starts.afterOwingNothing, starts.carried)).toBeGreaterThan(100);
  });

  it('starts after the last day the account owed nothing', () => {
    const rows: ReplayRow[] = [
      { entryId: 'A', kind: 'bill', memo: '', effectiveDate: '2021-01-12', amountCents: 9_000, lineId: 1 },
      { entryId: 'B', kind: 'payment', memo: '', effectiveDate: '2021-01-20', amountCents: -9_500, lineId: 2 }, // $5.00 over
      { entryId: 'C', kind: 'bill', memo: '', effectiveDate: '2021-02-12', amountCents: 8_000, lineId: 3 },
      { entryId: 'D', kind: 'payment', memo: '', effectiveDate: '2021-02-20', amountCents: -3_000, lineId: 4 },
    ];
    for (const rule of PAYMENT_APPLICATION_RULES) expect(replayStart(rows, rule)).toEqual({ index: 2, creditCents: 500, carriedCents: 0, carriedDate: null });
    const result = replayOpenItems(rows, 'oldest_first', replayStart(rows, 'oldest_first'), () => ({ billId: null, dueDate: null }));
    // $80.00 − the $5.00 credit − $30.00.
    expect(result.items.map((item) => [item.entryId, item.openCents])).toEqual([['C', 4_500]]);
  });

  it('oldest first: starts at a change of date once the later credits cover what was owed before it', () => {
    // Always a month behind: the balance never reaches zero.
    const rows: ReplayRow[] = [];
    for (let month = 1; month <= 12; month += 1) {
      const mm = String(month).padStart(2, '0');
      rows.push({ entryId: `B${mm}`, kind: 'bill', memo: '', effectiveDate: `2021-${mm}-12`, amountCents: 10_000, lineId: month * 2 - 1 });
      if (month > 1) rows.push({ entryId: `P${mm}`, kind: 'payment', memo: '', effectiveDate: `2021-${mm}-20`, amountCents: -10_000, lineId: month * 2 });
    }
    // Before December's bill the account owed November's $100.00; December's payment covers it.
    expect(replayStart(rows, 'oldest_first')).toEqual({ index: rows.length - 2, creditCents: 0, carriedCents: 10_000, carriedDate: '2021-11-20' });
    expect(replayStart(rows, 'penalties_past_due_current').index).toBe(0);
    const detailOf = () => ({ billId: null, dueDate: null });
    const bounded = replayOpenItems(rows, 'oldest_first', replayStart(rows, 'oldest_first'), detailOf);
    expect(bounded.items.map((item) => [item.entryId, item.openCents])).toEqual([['B12', 10_000]]);
    expect(bounded).toEqual(replayOpenItems(rows, 'oldest_first', FROM_FIRST_ROW, detailOf));
  });

  it('refuses a start whose carried charges the later credits do not pay (a bug, never a result)', () => {
    const rows: ReplayRow[] = [
      { entryId: 'A', kind: 'bill', memo: '', effectiveDate: '2021-01-12', amountCents: 9_000, lineId: 1 },
      { entryId: 'B', kind: 'payment', memo: '', effectiveDate: '2021-02-20', amountCents: -1_000, lineId: 2 },
    ];
    expect(() => replayOpenItems(rows, 'oldest_first', { index: 1, creditCents: 0, carriedCents: 9_000, carriedDate: '2021-01-12' }, () => ({ billId: null, dueDate: null }))).toThrow(/were paid by the later credits/);
  });
});
