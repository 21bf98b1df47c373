/**
 * Properties of bill runs over random uses and random cancel/rebill choices, on the five-meter
 * cycle (reads-support.ts): every bill equals an independent computation of the published tiers
 * (2026-07-01 schedule, 5/8" residential: $38.55 + $5.145 to 10 HCF + $10.0275 to 30 + $11.76
 * above, usage rounded half-up once), every bill's total is the sum of its lines, each account's
 * balance is the sum of its bills that stand, and the books verify after every sequence.
 */
import Big from 'big.js';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src-main/core/clock';
import { verifyBooks } from '../../src-main/core/ledger/verify';
import { createTestOffice, supervisorApproval } from '../support/office';
import { PERIOD, SERIALS, createCycle, importRows, row } from './reads-support';

const RATES = readFileSync(resolve(__dirname, '../../src-main/core/rates/samples/valle-verde.json'), 'utf8');

/** The oracle: the published schedule computed directly. */
function expectedCents(usageHundredths: number): number {
  const usage = new Big(usageHundredths).div(100);
  const tier = (from: number, to: number | null, rate: string) => {
    const upper = to === null ? usage : Big(Math.min(to, Number(usage.toFixed(2))));
    const quantity = upper.minus(from);
    return quantity.gt(0) ? quantity.times(rate) : new Big(0);
  };
  const usageDollars = tier(0, 10, '5.145').plus(tier(10, 30, '10.0275')).plus(tier(30, null, '11.76'));
  return 3_855 + Number(usageDollars.round(2, Big.roundHalfUp).times(100).toFixed(0));
}

describe('bill run properties', () => {
  it('bills match the published tiers, lines add up, balances are the bills that stand, the books verify', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 6_000 }), { minLength: 5, maxLength: 5 }),
        fc.array(fc.constantFrom<'keep' | 'cancel' | 'rebill'>('keep', 'cancel', 'rebill'), { minLength: 5, maxLength: 5 }),
        async (usesHundredths, fates) => {
          const office = await createTestOffice({ clock: fixedClock('2026-11-12T17:00:00.000Z') });
          try {
            const fixture = await createCycle(office);
            await office.as('supervisor').must('rates.import', { documentJson: RATES });
            // Latest reading 130 on 2026-10-09; the new reading carries the use (hundredths on a 4-dial register).
            importRows(office, SERIALS.map((serial, index) => row(index + 2, serial, new Big(130).plus(new Big(usesHundredths[index]!).div(100)).toFixed())));
            const tech = office.as('technician');
            const open = (await tech.must('reads.exceptions', { cycle: 1, period: PERIOD, statuses: ['open'] })).rows.map((item) => item.exceptionId);
            if (open.length > 0) await tech.must('reads.bulkAccept', { exceptionIds: open, reason: 'property test' });
            const { run } = await tech.must('billing.createRun', { cycle: 1, period: PERIOD, billDate: '2026-11-12', dueDate: '2026-12-02' });
            expect(run).toMatchObject({ billCount: 5, blockedCount: 0 });
            await office.as('supervisor').must('billing.approve', { runId: run.runId });
            await tech.must('billing.post', { runId: run.runId });
            const bills = (await tech.must('billing.bills', { runId: run.runId })).rows;
            const standing = new Map<number, number>();
            for (const [index, serial] of SERIALS.entries()) {
              const bill = bills.find((item) => item.accountNumber === fixture.accountNumbers[serial])!;
              expect(bill.totalCents).toBe(expectedCents(usesHundredths[index]!));
              const view = await tech.must('billing.bill', { billId: bill.billId });
              expect(view.computed.lines.reduce((sum, line) => sum + line.amountCents, 0)).toBe(view.computed.totalCents);
              const fate = fates[index]!;
              if (fate === 'keep') standing.set(fixture.accountIds[serial]!, bill.totalCents);
              else {
                const after = await tech.must('billing.cancelBill', { billId: bill.billId, reason: 'property test', rebill: fate === 'rebill' }, { approval: supervisorApproval });
                standing.set(fixture.accountIds[serial]!, fate === 'rebill' ? after.computed.totalCents : 0);
                if (fate === 'rebill') expect(after.computed.totalCents).toBe(bill.totalCents);
              }
            }
            for (const [accountId, cents] of standing) {
              expect((await office.as('clerk').must('accounts.get', { accountId })).balanceCents).toBe(cents);
            }
            expect(verifyBooks(office.runtime.database.sqlite, '2026-11-12T18:00:00.000Z').checks.filter((check) => !check.ok)).toEqual([]);
          } finally {
            office.cleanup();
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 240_000);
});
