/**
 * Open items: what an account still owes, charge by charge, replayed from its receivable ledger
 * with credits applied by the district's rule. Account M-1 of the five-meter cycle
 * (reads-support.ts), the office's day 2026-11-12:
 *   October bill (bill date 2026-10-12, due 2026-11-01: past due), 10 HCF: $38.55 + $51.45 = $90.00
 *   November bill (bill date 2026-11-12, due 2026-12-02: current), 11 HCF: $100.03
 *   LATE fee 2026-11-12 on a $20.00 base: the $5.00 minimum (a penalty)
 *   then a $60.00 credit.
 * Oldest first: the October bill takes all $60 (open $30.00 + $100.03 + $5.00).
 * Penalties, past due, current: the fee $5.00, then October $55.00 (open $35.00 + $100.03).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src-main/core/clock';
import { createTestOffice, type TestOffice } from '../support/office';
import { PERIOD, createCycle, importRows, row, type CycleFixture } from './reads-support';

const RATES = readFileSync(resolve(__dirname, '../../src-main/core/rates/samples/valle-verde.json'), 'utf8');
let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

async function accountWithCharges(): Promise<{ office: TestOffice; fixture: CycleFixture; accountId: number }> {
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
  return { office, fixture, accountId };
}

const shape = (items: { description: string; bucket: string; openCents: number }[]) => items.map((item) => [item.description.split(':')[0], item.bucket, item.openCents]);

describe('open items', () => {
  it('oldest first (the default): the credit pays the oldest bill', async () => {
    const { office: o, accountId } = await accountWithCharges();
    const open = await o.as('clerk').must('billing.openItems', { accountId });
    expect(open).toMatchObject({ rule: 'oldest_first', pastDueCents: 3_000, currentCents: 10_003, penaltyCents: 500, creditCents: 0, balanceCents: 13_503 });
    expect(shape(open.items)).toEqual([
      [expect.stringMatching(/^Bill \d+$/), 'past_due', 3_000],
      [expect.stringMatching(/^Bill \d+$/), 'current', 10_003],
      ['Late charge', 'penalty', 500],
    ]);
  });

  it('penalties, then past due, then current: the fee is paid first', async () => {
    const { office: o, accountId } = await accountWithCharges();
    const clerkTry = await o.as('clerk').call('billing.setApplicationRule', { rule: 'penalties_past_due_current' });
    expect(clerkTry.ok || clerkTry.error.code).toBe('FORBIDDEN');
    await o.as('supervisor').must('billing.setApplicationRule', { rule: 'penalties_past_due_current' });
    const open = await o.as('clerk').must('billing.openItems', { accountId });
    expect(open).toMatchObject({ rule: 'penalties_past_due_current', pastDueCents: 3_500, currentCents: 10_003, penaltyCents: 0, creditCents: 0, balanceCents: 13_503 });
  });

  it('a credit larger than everything owed waits on the account and pays the next charge', async () => {
    const { office: o, accountId } = await accountWithCharges();
    await o.as('supervisor').must('ledger.adjust', { entryId: randomUUID(), accountId, amountCents: -20_000, reason: 'overpaid' });
    let open = await o.as('clerk').must('billing.openItems', { accountId });
    expect(open).toMatchObject({ items: [], creditCents: 20_000 - 13_503, balanceCents: -(20_000 - 13_503) });
    await o.as('technician').must('billing.chargeFee', { accountId, code: 'SETUP' });
    open = await o.as('clerk').must('billing.openItems', { accountId });
    expect(open).toMatchObject({ items: [], creditCents: 20_000 - 13_503 - 3_500, balanceCents: -(20_000 - 13_503 - 3_500) });
  });
});
