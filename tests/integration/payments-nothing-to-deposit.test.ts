/**
 * A drawer closed with nothing for the bank settles the day without a deposit (issue #15's
 * end-of-day bug: deposit.create refused "nothing to deposit" while the end of day wanted every
 * drawer deposited, so a card-only clerk blocked finalising).
 *   Carla: float $200.00, one card payment $45.50 → closes with cash $200.00 (= float), no items.
 *   Dana: float $200.00, took nothing → closes with cash $200.00.
 *   Cruz: float $200.00, cash payment $30.00 → closes with $230.00; deposit $30.00 currency.
 * End of day: payments $75.50 = receipts $75.50; 75.50 − card 45.50 − over/short 0 = deposit 30.00.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestOffice } from '../support/office';
import { accountsWithBalances, createTestOffice, DAY, FLOAT_200, glBalance, secondClerk } from './payments-support';

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

const floatOnly = (cardBatchTotalCents: number) => ({ cash: FLOAT_200, items: [], cardBatchTotalCents });

describe('a drawer closed with nothing to deposit', () => {
  it('is settled for the day, is refused as a deposit, and the day finalises once the others are deposited', async () => {
    office = await createTestOffice();
    const [a1, a2] = accountsWithBalances(office, [4_550, 3_000]) as [number, number];
    const carla = office.as('clerk');
    const supervisor = office.as('supervisor');
    const cruz = await secondClerk(office, 'cruz');
    const dana = await secondClerk(office, 'dana');

    const cardOnly = await carla.must('drawer.open', { workstation: 'Counter 1', floatCounts: FLOAT_200 });
    const cashDrawer = await cruz.must('drawer.open', { workstation: 'Counter 2', floatCounts: FLOAT_200 });
    const idle = await dana.must('drawer.open', { workstation: 'Counter 3', floatCounts: FLOAT_200 });
    await carla.must('payments.take', { paymentId: randomUUID(), accounts: [{ accountId: a1, amountCents: 4_550 }], tenders: [{ kind: 'card', amountCents: 4_550, lastFour: '1111', authorizationCode: 'A1' }] });
    await cruz.must('payments.take', { paymentId: randomUUID(), accounts: [{ accountId: a2, amountCents: 3_000 }], tenders: [{ kind: 'cash', amountCents: 3_000 }] });

    // An open drawer has something still to come: not settled.
    expect(cardOnly.nothingToDeposit).toBe(false);
    const closedCard = await carla.must('drawer.close', { drawerId: cardOnly.drawerId, count: floatOnly(4_550), entryId: randomUUID() });
    const closedIdle = await dana.must('drawer.close', { drawerId: idle.drawerId, count: floatOnly(0), entryId: randomUUID() });
    const closedCash = await cruz.must('drawer.close', { drawerId: cashDrawer.drawerId, count: { cash: { ...FLOAT_200, bill_10: 8 }, items: [], cardBatchTotalCents: 0 }, entryId: randomUUID() });
    expect([closedCard.nothingToDeposit, closedIdle.nothingToDeposit, closedCash.nothingToDeposit]).toEqual([true, true, false]);
    expect([closedCard.reconciliation?.balanced, closedIdle.reconciliation?.balanced, closedCash.reconciliation?.balanced]).toEqual([true, true, true]);

    // Only Cruz's drawer keeps the day from finalising.
    const before = await supervisor.must('endOfDay.report', { businessDate: DAY });
    const settled = before.assertions.find((line) => line.name === 'Every drawer closed and deposited');
    expect(settled).toMatchObject({ ok: false, leftCents: 2, rightCents: 3 });
    expect(settled?.detail).toBe(`drawer ${cashDrawer.drawerId} (Cruz Clerk, Counter 2) is closed but not deposited`);
    expect(before.byDrawer.map((row) => [row.drawerId, row.status, row.nothingToDeposit])).toEqual([
      [cardOnly.drawerId, 'closed', true],
      [cashDrawer.drawerId, 'closed', false],
      [idle.drawerId, 'closed', true],
    ]);

    // Not a deposit candidate, alone or beside a drawer that has money for the bank.
    const alone = await supervisor.call('deposit.preview', { drawerIds: [cardOnly.drawerId] });
    expect(alone).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'drawerIds.0' } });
    if (!alone.ok) expect(alone.error.message).toContain('has nothing to deposit');
    const mixed = await supervisor.call('deposit.create', { depositId: randomUUID(), drawerIds: [cashDrawer.drawerId, idle.drawerId] });
    expect(mixed).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'drawerIds.1' } });
    expect(glBalance(office, '1030')).toBe(0);

    const slip = await supervisor.must('deposit.create', { depositId: randomUUID(), drawerIds: [cashDrawer.drawerId] });
    expect(slip).toMatchObject({ currencyCents: 3_000, coinCents: 0, itemsCents: 0, totalCents: 3_000 });

    const report = await supervisor.must('endOfDay.finalise', { businessDate: DAY });
    expect(report.balanced).toBe(true);
    expect(report.paymentRegisterCents).toBe(7_550);
    expect(report.assertions.find((line) => line.name === 'Drawer payments = deposit + card + short − over')).toMatchObject({ ok: true, leftCents: 7_550, rightCents: 7_550 });
    expect(report.byDrawer.map((row) => [row.status, row.depositId, row.nothingToDeposit])).toEqual([
      ['closed', null, true],
      ['deposited', slip.depositId, false],
      ['closed', null, true],
    ]);
  });

  it('a drawer counted short of its float still needs a supervisor: it is not settled', async () => {
    office = await createTestOffice();
    const carla = office.as('clerk');
    const supervisor = office.as('supervisor');
    const opened = await carla.must('drawer.open', { workstation: 'Counter 1', floatCounts: FLOAT_200 });
    const closed = await carla.must('drawer.close', {
      drawerId: opened.drawerId,
      count: { cash: { ...FLOAT_200, bill_1: 14 }, items: [], cardBatchTotalCents: 0 },
      entryId: randomUUID(),
      overShortReason: 'A dollar missing',
    });
    expect(closed.nothingToDeposit).toBe(false);
    const report = await supervisor.must('endOfDay.report', { businessDate: DAY });
    expect(report.balanced).toBe(false);
    expect(report.assertions.find((line) => !line.ok)?.detail).toContain('closed but not deposited');
  });
});
