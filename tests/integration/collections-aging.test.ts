/**
 * Aging through the operation, hand-computed on account M-1 of the five-meter cycle
 * (reads-support.ts; the same ledger as billing-open-items.test.ts), office day 2026-11-12:
 *   October bill 2026-10-12, due 2026-11-01: water service charge $38.55 + water use $51.45 = $90.00
 *   (M-1 has water only: every bill cent is water revenue, GL 4000)
 *   November bill 2026-11-12, due 2026-12-02: $100.03
 *   LATE fee 2026-11-12: $5.00 (due the day it is charged); then a $60.00 credit the same day.
 * Oldest first, as of 2026-11-12: October $30.00 open, 11 days past due (1–30), all water;
 * current $100.03 (water) + $5.00 (fees) = $105.03. Control account: $135.03.
 * The split of a partly paid bill over several services is hand-checked on `splitByService` below.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src-main/core/clock';
import { splitByService } from '../../src-main/core/collections/aging';
import { createTestOffice, type TestOffice } from '../support/office';
import { PERIOD, createCycle, importRows, row } from './reads-support';

const RATES = readFileSync(resolve(__dirname, '../../src-main/core/rates/samples/valle-verde.json'), 'utf8');
let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

async function ledger(): Promise<{ office: TestOffice; accountId: number }> {
  office = await createTestOffice({ clock: fixedClock('2026-11-12T17:00:00.000Z') });
  const fixture = await createCycle(office);
  const boss = office.as('supervisor');
  const tech = office.as('technician');
  await boss.must('rates.import', { documentJson: RATES });
  for (const serial of ['M-2', 'M-3', 'M-4', 'M-5'] as const) await tech.must('billing.setHold', { accountId: fixture.accountIds[serial]!, reason: 'not in this test' });
  const october = await tech.must('billing.createRun', { cycle: 1, period: '2026-10', billDate: '2026-10-12', dueDate: '2026-11-01' });
  await boss.must('billing.approve', { runId: october.run.runId });
  await tech.must('billing.post', { runId: october.run.runId });
  importRows(office, [row(2, 'M-1', '141')]);
  const november = await tech.must('billing.createRun', { cycle: 1, period: PERIOD, billDate: '2026-11-12', dueDate: '2026-12-02' });
  await boss.must('billing.approve', { runId: november.run.runId });
  await tech.must('billing.post', { runId: november.run.runId });
  const accountId = fixture.accountIds['M-1']!;
  await tech.must('billing.chargeFee', { accountId, code: 'LATE', baseCents: 2_000 });
  await boss.must('ledger.adjust', { entryId: randomUUID(), accountId, amountCents: -6_000, reason: 'payment received by phone' });
  return { office, accountId };
}

const cell = (report: { rows: { rateClass: string; service: string; bucketCents: number[] }[] }, service: string) => report.rows.find((entry) => entry.service === service)?.bucketCents;

describe('splitByService', () => {
  const bill = [
    { glCode: '1100', amountCents: 9_000 },
    { glCode: '4000', amountCents: -3_855 },
    { glCode: '4100', amountCents: -5_145 },
  ];
  it('splits a partly paid bill in proportion to its services, rounding down, the rest to the largest', () => {
    // ⌊3000 × 3855 / 9000⌋ = 1285, ⌊3000 × 5145 / 9000⌋ = 1715 (exact).
    expect(splitByService(3_000, bill)).toEqual([1_285, 1_715, 0, 0, 0]);
    // ⌊1 × 3855 / 9000⌋ = 0, ⌊1 × 5145 / 9000⌋ = 0: the cent goes to wastewater, the larger.
    expect(splitByService(1, bill)).toEqual([0, 1, 0, 0, 0]);
    // Water, wastewater and fire alike: 33 each, the 1 left to the first of the largest (water).
    expect(splitByService(100, [{ glCode: '4000', amountCents: -500 }, { glCode: '4100', amountCents: -500 }, { glCode: '4200', amountCents: -500 }])).toEqual([34, 33, 33, 0, 0]);
  });
  it('puts what has no revenue line (an opening balance, a returned payment) under other', () => {
    expect(splitByService(2_500, [{ glCode: '1100', amountCents: 2_500 }, { glCode: '3900', amountCents: -2_500 }])).toEqual([0, 0, 0, 0, 2_500]);
    expect(splitByService(2_500, [{ glCode: '1100', amountCents: 2_500 }, { glCode: '1010', amountCents: -2_500 }])).toEqual([0, 0, 0, 0, 2_500]);
    // A bill with a credit line (a leak adjustment on 4910) weighs only what it charged.
    expect(splitByService(1_000, [{ glCode: '4000', amountCents: -3_000 }, { glCode: '4910', amountCents: 1_000 }])).toEqual([1_000, 0, 0, 0, 0]);
  });
});

describe('collections.aging', () => {
  it('ages the hand-computed ledger at three dates, by service, checked against the control account', async () => {
    const { office: o, accountId } = await ledger();
    const clerk = o.as('clerk');
    const today = await clerk.must('collections.aging', { asOf: '2026-11-12' });
    expect(today.buckets.map((bucket) => bucket.label)).toEqual(['Current', '1–30', '31–60', '61–90', 'Over 90']);
    expect(today.bucketTotalsCents).toEqual([10_503, 3_000, 0, 0, 0]);
    expect(today.control).toEqual({ glCode: '1100', openItemsCents: 13_503, creditBalancesCents: 0, netCents: 13_503, controlAccountCents: 13_503, agrees: true });
    expect(cell(today, 'water')).toEqual([10_003, 3_000, 0, 0, 0]);
    expect(cell(today, 'wastewater')).toBeUndefined();
    expect(cell(today, 'fees')).toEqual([500, 0, 0, 0, 0]);
    expect(today.rows.every((entry) => entry.rateClass === today.rows[0]!.rateClass)).toBe(true);

    // The day before: only October's $90.00, 10 days past due.
    const before = await clerk.must('collections.aging', { asOf: '2026-11-11' });
    expect(before.bucketTotalsCents).toEqual([0, 9_000, 0, 0, 0]);
    expect(cell(before, 'water')).toEqual([0, 9_000, 0, 0, 0]);
    expect(before.control.controlAccountCents).toBe(9_000);

    // 2026-12-20: October 49 days (31–60), the fee 38 days (31–60), November 18 days (1–30).
    const later = await clerk.must('collections.aging', { asOf: '2026-12-20', accountsIn: '31-60' });
    expect(later.bucketTotalsCents).toEqual([0, 10_003, 3_500, 0, 0]);
    expect(later.accounts).toEqual([expect.objectContaining({ accountId, bucketCents: 3_500, openCents: 13_503, oldestDaysPastDue: 49 })]);
    const feesOnly = await clerk.must('collections.aging', { asOf: '2026-12-20', service: 'fees' });
    expect(feesOnly.bucketTotalsCents).toEqual([0, 0, 500, 0, 0]);
    // The check line is over everything, whatever the filter.
    expect(feesOnly.control.netCents).toBe(13_503);
  });

  it('penalties first: the credit pays the fee, then October', async () => {
    const { office: o } = await ledger();
    await o.as('supervisor').must('billing.setApplicationRule', { rule: 'penalties_past_due_current' });
    const report = await o.as('clerk').must('collections.aging', { asOf: '2026-11-12' });
    expect(report.rule).toBe('penalties_past_due_current');
    expect(report.bucketTotalsCents).toEqual([10_003, 3_500, 0, 0, 0]);
    expect(cell(report, 'fees')).toBeUndefined();
  });

  it('a credit balance is shown apart, and the buckets are a supervisor\'s setting', async () => {
    const { office: o, accountId } = await ledger();
    await o.as('supervisor').must('ledger.adjust', { entryId: randomUUID(), accountId, amountCents: -20_000, reason: 'overpaid' });
    const credit = await o.as('clerk').must('collections.aging', { asOf: '2026-11-12', accountsIn: 'credit' });
    expect(credit.openTotalCents).toBe(0);
    expect(credit.creditTotalCents).toBe(20_000 - 13_503);
    expect(credit.accounts).toEqual([expect.objectContaining({ accountId, bucketCents: 6_497 })]);
    expect(credit.control.netCents).toBe(-6_497);

    const refused = await o.as('technician').call('collections.setAgingBuckets', { starts: [1, 31, 61, 91, 121] });
    expect(refused.ok || refused.error.code).toBe('FORBIDDEN');
    const descending = await o.as('supervisor').call('collections.setAgingBuckets', { starts: [1, 61, 31] });
    expect(descending.ok || [descending.error.code, descending.error.field]).toEqual(['INVALID_INPUT', 'starts']);
    const set = await o.as('supervisor').must('collections.setAgingBuckets', { starts: [1, 31, 61, 91, 121] });
    expect(set.buckets.map((bucket) => bucket.key)).toEqual(['current', '1-30', '31-60', '61-90', '91-120', '121+']);
    const report = await o.as('clerk').must('collections.aging', { asOf: '2027-03-15' });
    expect(report.buckets.at(-1)!.label).toBe('Over 120');
    expect(report.bucketTotalsCents).toHaveLength(6);
    const unknown = await o.as('clerk').call('collections.aging', { asOf: '2026-11-12', accountsIn: '90+' });
    expect(unknown.ok || [unknown.error.code, unknown.error.field]).toEqual(['INVALID_INPUT', 'accountsIn']);
    const badDate = await o.as('clerk').call('collections.aging', { asOf: '2026-13-01' });
    expect(badDate.ok || badDate.error.code).toBe('INVALID_INPUT');
  });
});
