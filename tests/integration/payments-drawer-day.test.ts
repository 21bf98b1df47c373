/**
 * A whole drawer day through the operations, every figure computed by hand:
 * float $200.00 ($195.00 bills, $5.00 coin); accounts A1 $120.00, A2 $180.00, A3 $95.50.
 *   P1 A1 $120.00, cash $140.00 → change $20.00
 *   P2 A2 $80.00, check 1043 (Valley Bank)
 *   P3 A3 $45.50, card ending 1111
 *   P4 one receipt: A2 $100.00 + A3 $50.00 = $150.00; check 2210 $60.00 + cash $100.00 → change $10.00
 *   P5 A1 $25.00 by money order MO-77 → A1 has a $25.00 credit
 *   P6 A2 $20.00 cash, voided (supervisor approval): A2 back to $0.00
 * Expected cash: 200 + (140 + 100) − (20 + 10) = $410.00; checks $140.00; money order $25.00; card $45.50.
 * Counted cash $405.00 ($400.00 bills, $5.00 coin): short $5.00 → 6900 debit $5.00.
 * Deposit: currency 400 − 195 = $205.00, coin 5 − 5 = $0.00, items $165.00 → $370.00 to 1030.
 * End of day: payments $420.50 = receipts $420.50; 420.50 − card 45.50 − short 5.00 = deposit 370.00.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyBooks } from '../../src-main/core/ledger/verify';
import { supervisorApproval, type TestOffice } from '../support/office';
import { accountsWithBalances, balanceOf, createTestOffice, DAY, FLOAT_200, glBalance } from './payments-support';

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

describe('a hand-computed drawer day', () => {
  it('opens, takes six payments, voids one, closes short, deposits and balances the end of day', async () => {
    office = await createTestOffice();
    const [a1, a2, a3] = accountsWithBalances(office, [12_000, 18_000, 9_550]) as [number, number, number];
    const clerk = office.as('clerk');
    const supervisor = office.as('supervisor');

    const opened = await clerk.must('drawer.open', { workstation: 'Counter 1', floatCounts: FLOAT_200 });
    expect(opened).toMatchObject({ status: 'open', businessDate: DAY, totals: { openingFloatCents: 20_000, expectedCashCents: 20_000 } });
    const again = await clerk.call('drawer.open', { workstation: 'Counter 2', floatCounts: FLOAT_200 });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const p1 = await clerk.must('payments.take', { paymentId: randomUUID(), accounts: [{ accountId: a1, amountCents: 12_000 }], tenders: [{ kind: 'cash', amountCents: 14_000 }] });
    expect(p1).toMatchObject({ receiptNumber: 'R0000001', changeCents: 2_000, paymentCents: 12_000, creditCents: 0, accounts: [{ accountId: a1, amountCents: 12_000, balanceAfterCents: 0 }] });
    const p2 = await clerk.must('payments.take', {
      paymentId: randomUUID(),
      accounts: [{ accountId: a2, amountCents: 8_000 }],
      tenders: [{ kind: 'check', amountCents: 8_000, checkNumber: '1043', bank: 'Valley Bank' }],
    });
    expect(p2.tenders[0]?.description).toBe('Check 1043 (Valley Bank) $80.00');
    const p3 = await clerk.must('payments.take', {
      paymentId: randomUUID(),
      accounts: [{ accountId: a3, amountCents: 4_550 }],
      tenders: [{ kind: 'card', amountCents: 4_550, lastFour: '1111', authorizationCode: '0a12b' }],
    });
    expect(p3.tenders[0]).toMatchObject({ cardLastFour: '1111', cardAuthorization: '0A12B', description: 'Card ending 1111, auth 0A12B $45.50' });
    const p4 = await clerk.must('payments.take', {
      paymentId: randomUUID(),
      accounts: [
        { accountId: a2, amountCents: 10_000 },
        { accountId: a3, amountCents: 5_000 },
      ],
      tenders: [
        { kind: 'check', amountCents: 6_000, checkNumber: '2210', bank: 'First Bank' },
        { kind: 'cash', amountCents: 10_000 },
      ],
    });
    expect(p4).toMatchObject({ amountCents: 15_000, tenderedCents: 16_000, changeCents: 1_000, paymentCents: 15_000 });
    expect(p4.accounts.map((line) => [line.amountCents, line.balanceAfterCents])).toEqual([[10_000, 0], [5_000, 0]]);
    const p5 = await clerk.must('payments.take', {
      paymentId: randomUUID(),
      accounts: [{ accountId: a1, amountCents: 2_500 }],
      tenders: [{ kind: 'money_order', amountCents: 2_500, serialNumber: 'MO-77', issuer: 'USPS' }],
    });
    expect(p5.accounts[0]?.balanceAfterCents).toBe(-2_500);
    const p6 = await clerk.must('payments.take', { paymentId: randomUUID(), accounts: [{ accountId: a2, amountCents: 2_000 }], tenders: [{ kind: 'cash', amountCents: 2_000 }] });
    expect(balanceOf(office, a2)).toBe(-2_000);

    // A void needs a supervisor: refused without approval, done with it, by reversal.
    const unapproved = await clerk.call('payments.void', { paymentId: p6.paymentId, entryId: randomUUID(), reason: 'Keyed to the wrong account' });
    expect(unapproved).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED' } });
    const voidEntryId = randomUUID();
    const voided = await clerk.must('payments.void', { paymentId: p6.paymentId, entryId: voidEntryId, reason: 'Keyed to the wrong account' }, { approval: supervisorApproval });
    expect(voided).toMatchObject({ status: 'voided', voided: { by: 'Carla Clerk', approvedBy: 'Sofia Supervisor', reason: 'Keyed to the wrong account', entryId: voidEntryId } });
    expect(balanceOf(office, a2)).toBe(0);

    const current = await clerk.must('drawer.current', {});
    expect(current?.totals).toEqual({
      openingFloatCents: 20_000,
      cashInCents: 24_000,
      changeOutCents: 3_000,
      expectedCashCents: 41_000,
      checkCents: 14_000,
      moneyOrderCents: 2_500,
      cardCents: 4_550,
      paymentCount: 5,
      voidedCount: 1,
    });

    const count = {
      cash: { bill_100: 2, bill_50: 1, bill_20: 5, bill_10: 3, bill_5: 2, bill_1: 10, coin_25: 16, coin_10: 5, coin_5: 6, coin_1: 20 },
      items: [
        { kind: 'check' as const, number: '1043', amountCents: 8_000 },
        { kind: 'check' as const, number: '2210', amountCents: 6_000 },
        { kind: 'money_order' as const, number: 'MO-77', amountCents: 2_500 },
      ],
      cardBatchTotalCents: 4_550,
    };
    const preview = await clerk.must('drawer.closePreview', { drawerId: opened.drawerId, count });
    expect(preview).toMatchObject({ countedCashCents: 40_500, overShortCents: -500, balanced: false });
    expect(preview.findings).toEqual(['Cash is short $5.00: counted $405.00, expected $410.00 (float $200.00 + cash in $240.00 − change $30.00).']);
    const noReason = await clerk.call('drawer.close', { drawerId: opened.drawerId, count, entryId: randomUUID() });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'overShortReason' } });
    const closed = await clerk.must('drawer.close', { drawerId: opened.drawerId, count, entryId: randomUUID(), overShortReason: 'Change error suspected' });
    expect(closed).toMatchObject({ status: 'closed', overShortReason: 'Change error suspected', reconciliation: { overShortCents: -500 } });
    // The drawer is locked: no more payments, no void.
    const late = await clerk.call('payments.take', { paymentId: randomUUID(), accounts: [{ accountId: a1, amountCents: 100 }], tenders: [{ kind: 'cash', amountCents: 100 }] });
    expect(late).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const lateVoid = await supervisor.call('payments.void', { paymentId: p1.paymentId, entryId: randomUUID(), reason: 'too late' });
    expect(lateVoid).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const beforeDeposit = await supervisor.must('endOfDay.report', { businessDate: DAY });
    expect(beforeDeposit.balanced).toBe(false);
    expect(beforeDeposit.assertions.find((line) => !line.ok)?.detail).toContain('closed but not deposited');
    const refused = await supervisor.call('endOfDay.finalise', { businessDate: DAY });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const clerkDeposit = await clerk.call('deposit.create', { depositId: randomUUID(), drawerIds: [opened.drawerId] });
    expect(clerkDeposit).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const slip = await supervisor.must('deposit.create', { depositId: randomUUID(), drawerIds: [opened.drawerId] });
    expect(slip).toMatchObject({ currencyCents: 20_500, coinCents: 0, itemsCents: 16_500, totalCents: 37_000, drawerIds: [opened.drawerId] });
    expect(slip.items.map((item) => [item.kind, item.number, item.drawnOn, item.amountCents])).toEqual([
      ['check', '1043', 'Valley Bank', 8_000],
      ['check', '2210', 'First Bank', 6_000],
      ['money_order', 'MO-77', 'USPS', 2_500],
    ]);

    expect([glBalance(office, '1000'), glBalance(office, '1010'), glBalance(office, '1020'), glBalance(office, '1030'), glBalance(office, '6900')]).toEqual([0, 0, 4_550, 37_000, 500]);
    expect([balanceOf(office, a1), balanceOf(office, a2), balanceOf(office, a3)]).toEqual([-2_500, 0, 0]);

    const report = await supervisor.must('endOfDay.finalise', { businessDate: DAY });
    expect(report.balanced).toBe(true);
    expect(report.finalised?.by).toBe('Sofia Supervisor');
    expect(report.paymentRegisterCents).toBe(42_050);
    expect(report.receiptRegisterCents).toBe(42_050);
    expect(report.changeCents).toBe(3_000);
    expect(report.overShortCents).toBe(-500);
    expect(report.byTender).toEqual([
      { tender: 'cash', count: 2, amountCents: 24_000 },
      { tender: 'check', count: 2, amountCents: 14_000 },
      { tender: 'card', count: 1, amountCents: 4_550 },
      { tender: 'money_order', count: 1, amountCents: 2_500 },
    ]);
    expect(report.voids).toEqual([{ receiptNumber: p6.receiptNumber, amountCents: 2_000, reason: 'Keyed to the wrong account', by: 'Carla Clerk', approvedBy: 'Sofia Supervisor' }]);
    expect(report.postingsByGl.map((line) => [line.glCode, line.debitCents, line.creditCents])).toEqual([
      ['1000', 23_000, 23_000],
      ['1010', 16_500, 16_500],
      ['1020', 4_550, 0],
      ['1030', 37_000, 0],
      ['1100', 2_000, 44_050],
      ['6900', 500, 0],
    ]);
    expect(report.byDrawer).toEqual([
      { drawerId: opened.drawerId, clerk: 'Carla Clerk', workstation: 'Counter 1', status: 'deposited', paymentCount: 5, paymentCents: 42_050, overShortCents: -500, overShortReason: 'Change error suspected', depositId: slip.depositId, nothingToDeposit: false },
    ]);
    const twice = await supervisor.call('endOfDay.finalise', { businessDate: DAY });
    expect(twice).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const books = verifyBooks(office.runtime.database.sqlite, '2026-11-02T18:00:00.000Z');
    expect(books.checks.filter((check) => !check.ok)).toEqual([]);

    const reprint = await clerk.must('payments.reprint', { paymentId: p4.paymentId });
    expect(reprint).toMatchObject({ reprint: true, receiptNumber: p4.receiptNumber, changeCents: 1_000 });
    const byNumber = await clerk.must('payments.receipt', { receiptNumber: p4.receiptNumber.toLowerCase() });
    expect(byNumber.paymentId).toBe(p4.paymentId);
  });
});
