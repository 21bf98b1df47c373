/**
 * Mail batches as a keyer works them (issue #15, item 12): a check needs no bank; an entry keyed
 * wrong is corrected while the batch is open, by its keyer, with no supervisor (the old receipt
 * voided, naming the one that replaces it); after the batch closes only a void with approval
 * changes it. The rules live in the main process, so the CLI and a hostile renderer meet them too.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { supervisorApproval, type TestOffice } from '../support/office';
import { accountsWithBalances, balanceOf, createTestOffice, glBalance, secondClerk } from './payments-support';

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

const check = (checkNumber: string, amountCents: number) => ({ kind: 'check' as const, amountCents, checkNumber });

describe('a check without its bank', () => {
  it('is taken, listed without empty brackets and expected in the drawer by number and amount', async () => {
    office = await createTestOffice();
    const [accountId] = accountsWithBalances(office, [4_200]) as [number];
    const clerk = office.as('clerk');
    const drawer = await clerk.must('drawer.open', { workstation: 'Counter 1', floatCounts: {} });
    const receipt = await clerk.must('payments.take', { paymentId: randomUUID(), accounts: [{ accountId, amountCents: 4_200 }], tenders: [check('1043', 4_200)] });
    expect(receipt.tenders.map((tender) => tender.description)).toEqual(['Check 1043 $42.00']);
    const closed = await clerk.must('drawer.close', { drawerId: drawer.drawerId, entryId: randomUUID(), count: { cash: {}, items: [{ kind: 'check', number: '1043', amountCents: 4_200 }] } });
    expect(closed.reconciliation).toMatchObject({ balanced: true, overShortCents: 0 });
  });
});

describe('correcting a batch entry', () => {
  it('replaces an entry keyed wrong while the batch is open, without approval, and the batch then closes', async () => {
    office = await createTestOffice();
    const [right, wrong] = accountsWithBalances(office, [6_000, 9_000]) as [number, number];
    const clerk = office.as('clerk');
    await clerk.must('drawer.open', { workstation: 'Counter 1', floatCounts: {} });
    const batch = await clerk.must('batches.open', { channel: 'mail', controlCount: 1, controlTotalCents: 6_000 });
    // Keyed to the wrong account and $5.00 short.
    const keyed = await clerk.must('payments.take', { paymentId: randomUUID(), channel: 'mail', batchId: batch.batchId, accounts: [{ accountId: wrong, amountCents: 5_500 }], tenders: [check('311', 5_500)] });
    expect(balanceOf(office, wrong)).toBe(3_500);

    const corrected = await clerk.must('batches.correctEntry', {
      paymentId: keyed.paymentId,
      entryId: randomUUID(),
      newPaymentId: randomUUID(),
      accounts: [{ accountId: right, amountCents: 6_000 }],
      tenders: [check('311', 6_000)],
    });
    expect(corrected).toMatchObject({ status: 'posted', channel: 'mail', batchId: batch.batchId, amountCents: 6_000 });
    expect(corrected.receiptNumber).not.toBe(keyed.receiptNumber);
    const old = await clerk.must('payments.receipt', { paymentId: keyed.paymentId });
    expect(old).toMatchObject({ status: 'voided', voided: { approvedBy: null, reason: `keyed wrong; corrected as receipt ${corrected.receiptNumber} while batch ${batch.batchId} was open` } });
    expect([balanceOf(office, wrong), balanceOf(office, right)]).toEqual([9_000, 0]);
    expect(glBalance(office, '1010')).toBe(6_000);
    expect(await clerk.must('batches.get', { batchId: batch.batchId })).toMatchObject({ entryCount: 1, entryTotalCents: 6_000, countDifference: 0, totalDifferenceCents: 0 });
    expect(await clerk.must('batches.close', { batchId: batch.batchId })).toMatchObject({ status: 'closed' });
    const verified = await office.as('supervisor').must('system.verify', {});
    expect(verified.ok).toBe(true);
  });

  it('refuses once the batch is closed (a void with approval still works), for another clerk, and for a counter payment', async () => {
    office = await createTestOffice();
    const [accountId] = accountsWithBalances(office, [20_000]) as [number];
    const clerk = office.as('clerk');
    await clerk.must('drawer.open', { workstation: 'Counter 1', floatCounts: {} });
    const batch = await clerk.must('batches.open', { channel: 'mail', controlCount: 1, controlTotalCents: 1_000 });
    const entry = await clerk.must('payments.take', { paymentId: randomUUID(), channel: 'mail', batchId: batch.batchId, accounts: [{ accountId, amountCents: 1_000 }], tenders: [check('7', 1_000)] });
    const correction = () => ({ paymentId: entry.paymentId, entryId: randomUUID(), newPaymentId: randomUUID(), accounts: [{ accountId, amountCents: 1_100 }], tenders: [check('7', 1_100)] });

    const cruz = await secondClerk(office);
    await cruz.must('drawer.open', { workstation: 'Counter 2', floatCounts: {} });
    expect(await cruz.call('batches.correctEntry', correction())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'paymentId' } });

    await clerk.must('batches.close', { batchId: batch.batchId });
    expect(await clerk.call('batches.correctEntry', correction())).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', field: 'paymentId', message: `Batch ${batch.batchId} is closed, so receipt ${entry.receiptNumber} can no longer be corrected here; void it with a supervisor's approval and key it again` },
    });
    expect(balanceOf(office, accountId)).toBe(19_000);

    const counter = await clerk.must('payments.take', { paymentId: randomUUID(), accounts: [{ accountId, amountCents: 500 }], tenders: [{ kind: 'cash', amountCents: 500 }] });
    expect(await clerk.call('batches.correctEntry', { ...correction(), paymentId: counter.paymentId })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'paymentId' } });
    expect(await clerk.call('payments.void', { paymentId: entry.paymentId, entryId: randomUUID(), reason: 'Keyed twice' })).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED' } });
    await clerk.must('payments.void', { paymentId: entry.paymentId, entryId: randomUUID(), reason: 'Keyed twice' }, { approval: supervisorApproval });
    expect(balanceOf(office, accountId)).toBe(20_000 - 500);
  });

  it('refuses to correct an entry twice and a new id that is already a receipt', async () => {
    office = await createTestOffice();
    const [accountId] = accountsWithBalances(office, [20_000]) as [number];
    const clerk = office.as('clerk');
    await clerk.must('drawer.open', { workstation: 'Counter 1', floatCounts: {} });
    const batch = await clerk.must('batches.open', { channel: 'dropbox', controlCount: 2, controlTotalCents: 3_000 });
    const take = (amountCents: number) => clerk.must('payments.take', { paymentId: randomUUID(), channel: 'dropbox', batchId: batch.batchId, accounts: [{ accountId, amountCents }], tenders: [check('9', amountCents)] });
    const first = await take(1_000);
    const second = await take(2_000);
    const reused = await clerk.call('batches.correctEntry', { paymentId: first.paymentId, entryId: randomUUID(), newPaymentId: second.paymentId, accounts: [{ accountId, amountCents: 2_000 }], tenders: [check('9', 2_000)] });
    expect(reused).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'newPaymentId' } });
    await clerk.must('batches.correctEntry', { paymentId: first.paymentId, entryId: randomUUID(), newPaymentId: randomUUID(), accounts: [{ accountId, amountCents: 1_000 }], tenders: [check('19', 1_000)] });
    const again = await clerk.call('batches.correctEntry', { paymentId: first.paymentId, entryId: randomUUID(), newPaymentId: randomUUID(), accounts: [{ accountId, amountCents: 1_000 }], tenders: [check('19', 1_000)] });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: `Receipt ${first.receiptNumber} is already voided; correct the entry that replaced it` } });
    expect(await clerk.must('batches.get', { batchId: batch.batchId })).toMatchObject({ entryCount: 2, entryTotalCents: 3_000 });
    expect(balanceOf(office, accountId)).toBe(17_000);
  });
});
