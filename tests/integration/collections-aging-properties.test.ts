/**
 * Aging as of a date = what accountOpenItems said on that date, and it reconciles to the control
 * account (issue #16: "aging reconciling to the control account at random dates").
 *
 * A random ledger of three accounts is written day by day (bills with due dates, payments, fees,
 * credit and debit adjustments, reversals of any of them, under either application rule). At the
 * end of random days `accountOpenItems` — the full replay, the oracle — is asked for every
 * account: the ledger then holds exactly the lines dated up to that day. When the whole history is
 * written, the aging is asked as of each of those days, with a random look-back window (0 to 60
 * days, so both the window's restart and the whole-history fallback run), and must give every
 * account the same open items (charge, amount, due date) and the same credit; the report's net
 * must equal the sum of the receivable lines dated up to the day.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsAgingAsOf, agingReport } from '../../src-main/core/collections/aging';
import { fixedClock } from '../../src-main/core/clock';
import { accountOpenItems } from '../../src-main/core/payments/open-items';
import { setSetting } from '../../src-main/core/storage/settings';
import { AgingLedger } from '../support/aging-ledger';
import { createTestOffice, type TestOffice } from '../support/office';

const ACCOUNTS = 3;
const START_DAY = Date.parse('2026-01-05T00:00:00Z');
const isoDay = (offset: number) => new Date(START_DAY + offset * 86_400_000).toISOString().slice(0, 10);

const eventArb = fc.record({
  gapDays: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 25 })),
  account: fc.integer({ min: 0, max: ACCOUNTS - 1 }),
  kind: fc.constantFrom('bill', 'bill', 'payment', 'payment', 'fee', 'credit', 'debit', 'reverse'),
  cents: fc.integer({ min: 1, max: 20_000 }),
  split: fc.integer({ min: 0, max: 100 }),
  dueInDays: fc.integer({ min: 0, max: 30 }),
  pick: fc.nat(),
});

interface Snapshot {
  day: string;
  perAccount: Map<number, { items: [string, number, string][]; creditCents: number }>;
  receivableCents: number;
}

// One office for every run (creating one costs seconds): each run writes accounts of its own.
let office: TestOffice;
let runNumber = 0;
beforeAll(async () => {
  office = await createTestOffice({ clock: fixedClock('2026-01-05T17:00:00.000Z') });
});
afterAll(() => office.cleanup());

describe('aging as of a date', () => {
  it('equals accountOpenItems on the ledger of that day, for every account and both rules, and nets to the control account', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('oldest_first', 'penalties_past_due_current'),
        fc.array(eventArb, { minLength: 5, maxLength: 45 }),
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 3, maxLength: 3 }),
        async (rule, events, windows) => {
          runNumber += 1;
          const db = office.runtime.database.sqlite;
          setSetting(db, 'paymentApplicationRule', rule);
          const ledger = new AgingLedger(db);
          const accountIds = Array.from({ length: ACCOUNTS }, (_, index) => ledger.addAccount(`T${runNumber}-${index}`, index === 2 ? 'commercial' : 'residential'));
          const reversible: string[] = [];
          const snapshots: Snapshot[] = [];
          const snapshot = (day: string) => {
            const perAccount = new Map<number, Snapshot['perAccount'] extends Map<number, infer V> ? V : never>();
            for (const accountId of accountIds) {
              const open = accountOpenItems(db, accountId, day);
              perAccount.set(accountId, { items: open.items.map((item) => [item.chargeId, item.openCents, item.dueDate] as [string, number, string]).sort(), creditCents: open.creditCents });
            }
            const receivableCents = db.prepare(`SELECT COALESCE(SUM(l.amount_cents), 0) FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id WHERE l.gl_code = '1100' AND e.effective_date <= ?`).pluck().get(day) as number;
            snapshots.push({ day, perAccount, receivableCents });
          };
          let dayOffset = 0;
          for (const [index, event] of events.entries()) {
            if (event.gapDays > 0 && index > 0) snapshot(isoDay(dayOffset));
            dayOffset += event.gapDays;
            const day = isoDay(dayOffset);
            const accountId = accountIds[event.account]!;
            if (event.kind === 'bill') {
              const water = Math.floor((event.cents * event.split) / 100);
              const runId = ledger.addRun(day, isoDay(dayOffset + event.dueInDays));
              reversible.push(ledger.addBill(runId, accountId, day, water, event.cents - water));
            } else if (event.kind === 'payment') reversible.push(ledger.addPayment(accountId, day, event.cents));
            else if (event.kind === 'fee') reversible.push(ledger.addFee(accountId, day, Math.min(event.cents, 5_000)));
            else if (event.kind === 'credit') reversible.push(ledger.addAdjustment(accountId, day, -event.cents));
            else if (event.kind === 'debit') reversible.push(ledger.addAdjustment(accountId, day, event.cents));
            else if (reversible.length > 0) ledger.reverse(reversible.splice(event.pick % reversible.length, 1)[0]!, day);
          }
          snapshot(isoDay(dayOffset));
          // A day before anything was posted: nothing open, nothing owed.
          expect(accountsAgingAsOf(db, isoDay(-1))).toEqual([]);

          for (const [index, shot] of snapshots.entries()) {
            const aging = accountsAgingAsOf(db, shot.day, windows[index % windows.length]);
            for (const accountId of accountIds) {
              const found = aging.find((account) => account.accountId === accountId);
              const items = (found?.items ?? []).map((item) => [item.chargeId, item.openCents, item.dueDate] as [string, number, string]).sort();
              expect({ day: shot.day, accountId, items, creditCents: found?.creditCents ?? 0 }).toEqual({ day: shot.day, accountId, ...shot.perAccount.get(accountId)! });
            }
            const report = agingReport(db, { asOf: shot.day });
            expect(report.control.netCents).toBe(shot.receivableCents);
            expect(report.control.controlAccountCents).toBe(shot.receivableCents);
            expect(report.openTotalCents).toBe(report.control.openItemsCents);
            expect(report.creditTotalCents).toBe(report.control.creditBalancesCents);
            // Every row adds up across its buckets, and the buckets across the rows.
            for (const row of report.rows) expect(row.bucketCents.reduce((sum, cents) => sum + cents, 0)).toBe(row.totalCents);
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 240_000);
});
