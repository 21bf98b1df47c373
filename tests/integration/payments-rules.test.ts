/**
 * Payments' reliability and rules through the operations: the same payment twice posts once
 * (same request id, or same payment UUID with a new request id); roles; a supervisor sees every
 * open drawer; mail batches close only when they match; a returned check reverses the payment,
 * charges the fee and notes the account.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { supervisorApproval, type TestOffice } from '../support/office';
import { accountsWithBalances, balanceOf, createTestOffice, FLOAT_200, glBalance, secondClerk } from './payments-support';

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

const countRows = (office: TestOffice, sql: string) => office.runtime.database.sqlite.prepare(sql).pluck().get() as number;

describe('duplicate submission', () => {
  it('posts a payment once whether the request id or only the payment id repeats', async () => {
    office = await createTestOffice();
    const [accountId] = accountsWithBalances(office, [5_000]) as [number];
    const clerk = office.as('clerk');
    await clerk.must('drawer.open', { workstation: 'Counter 1', floatCounts: FLOAT_200 });
    const paymentId = randomUUID();
    const input = { paymentId, accounts: [{ accountId, amountCents: 5_000 }], tenders: [{ kind: 'cash' as const, amountCents: 6_000 }] };
    const requestId = randomUUID();
    const first = await clerk.must('payments.take', input, { idempotencyKey: requestId });
    const doubleClick = await clerk.must('payments.take', input, { idempotencyKey: requestId });
    const resend = await clerk.must('payments.take', input, { idempotencyKey: randomUUID() });
    expect(first.replayed).toBe(false);
    expect(doubleClick.receiptNumber).toBe(first.receiptNumber);
    expect(resend).toMatchObject({ receiptNumber: first.receiptNumber, replayed: true, changeCents: 1_000 });
    expect(countRows(office, 'SELECT COUNT(*) FROM payments')).toBe(1);
    expect(countRows(office, "SELECT COUNT(*) FROM journal_entries WHERE kind = 'payment'")).toBe(1);
    expect(balanceOf(office, accountId)).toBe(0);
    const changed = await clerk.call('payments.take', { ...input, tenders: [{ kind: 'cash', amountCents: 7_000 }] });
    expect(changed).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY_CONFLICT', field: 'paymentId' } });
  });
});

describe('refusals and roles', () => {
  it('refuses a payment without a drawer, short tenders, a card number, and work outside the role', async () => {
    office = await createTestOffice();
    const [accountId] = accountsWithBalances(office, [5_000]) as [number];
    const clerk = office.as('clerk');
    const noDrawer = await clerk.call('payments.take', { paymentId: randomUUID(), accounts: [{ accountId, amountCents: 100 }], tenders: [{ kind: 'cash', amountCents: 100 }] });
    expect(noDrawer).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'Open your cash drawer first (count the starting float), then take the payment' } });
    await clerk.must('drawer.open', { workstation: 'Counter 1', floatCounts: FLOAT_200 });
    const short = await clerk.call('payments.take', { paymentId: randomUUID(), accounts: [{ accountId, amountCents: 5_000 }], tenders: [{ kind: 'cash', amountCents: 4_000 }] });
    expect(short).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'tenders', message: 'tenders: the tenders total $40.00, $10.00 short of the $50.00 payment. Add a tender or lower the amount.' } });
    const cardNumber = await clerk.call('payments.take', {
      paymentId: randomUUID(),
      accounts: [{ accountId, amountCents: 100 }],
      tenders: [{ kind: 'card', amountCents: 100, lastFour: '4111 1111 1111 1111', authorizationCode: 'A1' }],
    });
    expect(cardNumber.ok).toBe(false);
    expect(JSON.stringify(cardNumber)).not.toContain('4111 1111');
    const unknownAccount = await clerk.call('payments.take', { paymentId: randomUUID(), accounts: [{ accountId: 9_999, amountCents: 100 }], tenders: [{ kind: 'cash', amountCents: 100 }] });
    expect(unknownAccount).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'accounts.0.accountId' } });
    expect(countRows(office, 'SELECT COUNT(*) FROM payments')).toBe(0);

    expect(await clerk.call('endOfDay.finalise', { businessDate: '2026-11-02' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await clerk.call('lockbox.import', { format: 'lockbox-csv', fileName: 'x.csv', contentBase64: 'eA==' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await clerk.call('payments.returnCheck', { paymentId: randomUUID(), entryId: randomUUID(), feeEntryId: randomUUID(), reason: 'NSF' })).toMatchObject({
      ok: false,
      error: { code: 'APPROVAL_REQUIRED' },
    });
  });

  it('shows a clerk their own drawer and a supervisor every open drawer', async () => {
    office = await createTestOffice();
    const carla = office.as('clerk');
    const cruz = await secondClerk(office);
    const first = await carla.must('drawer.open', { workstation: 'Counter 1', floatCounts: FLOAT_200 });
    const taken = await cruz.call('drawer.open', { workstation: 'Counter 1', floatCounts: FLOAT_200 });
    expect(taken).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'workstation' } });
    const second = await cruz.must('drawer.open', { workstation: 'Counter 2', floatCounts: { bill_20: 5 } });
    expect((await carla.must('drawer.list', {})).map((drawer) => drawer.drawerId)).toEqual([first.drawerId]);
    expect(await cruz.call('drawer.get', { drawerId: first.drawerId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const all = await office.as('supervisor').must('drawer.list', { status: 'open' });
    expect(all.map((drawer) => [drawer.drawerId, drawer.clerk, drawer.workstation, drawer.totals.openingFloatCents])).toEqual([
      [first.drawerId, 'Carla Clerk', 'Counter 1', 20_000],
      [second.drawerId, 'Cruz Clerk', 'Counter 2', 10_000],
    ]);
  });
});

describe('mail batches', () => {
  it('keys the control figures first and closes only when the entries match', async () => {
    office = await createTestOffice();
    const [a1, a2] = accountsWithBalances(office, [10_000, 5_000]) as [number, number];
    const clerk = office.as('clerk');
    const drawer = await clerk.must('drawer.open', { workstation: 'Back office', floatCounts: {} });
    const batch = await clerk.must('batches.open', { channel: 'mail', controlCount: 2, controlTotalCents: 15_000 });
    const counterInBatch = await clerk.call('payments.take', { paymentId: randomUUID(), batchId: batch.batchId, accounts: [{ accountId: a1, amountCents: 100 }], tenders: [{ kind: 'cash', amountCents: 100 }] });
    expect(counterInBatch).toMatchObject({ ok: false, error: { field: 'batchId' } });
    const check = (number: string, amountCents: number) => ({ kind: 'check' as const, amountCents, checkNumber: number, bank: 'Valley Bank' });
    await clerk.must('payments.take', { paymentId: randomUUID(), channel: 'mail', batchId: batch.batchId, accounts: [{ accountId: a1, amountCents: 10_000 }], tenders: [check('501', 10_000)] });
    const early = await clerk.call('batches.close', { batchId: batch.batchId });
    expect(early).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: `Batch ${batch.batchId} cannot close: 1 entries keyed against a control count of 2 (1 missing); entries total $100.00 against a control total of $150.00 (short by $50.00). Find the envelope or correct the entry.` },
    });
    const closeDrawerEarly = await clerk.call('drawer.close', { drawerId: drawer.drawerId, entryId: randomUUID(), count: { cash: {}, items: [] } });
    expect(closeDrawerEarly).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await clerk.must('payments.take', { paymentId: randomUUID(), channel: 'mail', batchId: batch.batchId, accounts: [{ accountId: a2, amountCents: 5_000 }], tenders: [check('7', 5_000)] });
    expect(await clerk.must('batches.close', { batchId: batch.batchId })).toMatchObject({ status: 'closed', entryCount: 2, entryTotalCents: 15_000, countDifference: 0, totalDifferenceCents: 0 });
    const closed = await clerk.must('drawer.close', {
      drawerId: drawer.drawerId,
      entryId: randomUUID(),
      count: { cash: {}, items: [{ kind: 'check', number: '501', amountCents: 10_000 }, { kind: 'check', number: '0007', amountCents: 5_000 }] },
    });
    expect(closed.reconciliation).toMatchObject({ balanced: true, overShortCents: 0 });
  });
});

describe('a returned check', () => {
  it('reverses the payment from deposits in transit, charges the $25.00 fee and notes the account', async () => {
    office = await createTestOffice();
    const [accountId] = accountsWithBalances(office, [8_000]) as [number];
    const clerk = office.as('clerk');
    const supervisor = office.as('supervisor');
    const drawer = await clerk.must('drawer.open', { workstation: 'Counter 1', floatCounts: {} });
    const paid = await clerk.must('payments.take', {
      paymentId: randomUUID(),
      payerName: 'M. Garcia',
      accounts: [{ accountId, amountCents: 8_000 }],
      tenders: [{ kind: 'check', amountCents: 8_000, checkNumber: '1043', bank: 'Valley Bank' }],
    });
    await clerk.must('drawer.close', { drawerId: drawer.drawerId, entryId: randomUUID(), count: { cash: {}, items: [{ kind: 'check', number: '1043', amountCents: 8_000 }] } });
    await supervisor.must('deposit.create', { depositId: randomUUID(), drawerIds: [drawer.drawerId] });
    expect(glBalance(office, '1030')).toBe(8_000);
    const returned = await clerk.must('payments.returnCheck', { paymentId: paid.paymentId, entryId: randomUUID(), feeEntryId: randomUUID(), reason: 'NSF' }, { approval: supervisorApproval });
    expect(returned).toMatchObject({ status: 'returned', returned: { reason: 'NSF', feeCents: 2_500 } });
    expect(balanceOf(office, accountId)).toBe(8_000 + 2_500);
    expect([glBalance(office, '1030'), glBalance(office, '4300')]).toEqual([0, -2_500]);
    const contacts = await clerk.must('contacts.list', { accountId });
    expect(contacts[0]).toMatchObject({
      subject: `Returned check: receipt ${paid.receiptNumber}`,
      notes: 'The bank returned check 1043 (Valley Bank) for $80.00: NSF. The payment of $80.00 was reversed and the returned-check fee of $25.00 charged. Ask for certified funds next time.',
    });
    const again = await supervisor.call('payments.returnCheck', { paymentId: paid.paymentId, entryId: randomUUID(), feeEntryId: randomUUID(), reason: 'NSF' });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('money taken is history', () => {
  it('refuses to change or delete a payment, its tenders, or a closed drawer', async () => {
    office = await createTestOffice();
    const [accountId] = accountsWithBalances(office, [5_000]) as [number];
    const clerk = office.as('clerk');
    const drawer = await clerk.must('drawer.open', { workstation: 'Counter 1', floatCounts: {} });
    await clerk.must('payments.take', { paymentId: randomUUID(), accounts: [{ accountId, amountCents: 5_000 }], tenders: [{ kind: 'cash', amountCents: 5_000 }] });
    await clerk.must('drawer.close', { drawerId: drawer.drawerId, entryId: randomUUID(), count: { cash: { bill_50: 1 }, items: [] } });
    const db = office.runtime.database.sqlite;
    expect(() => db.prepare('UPDATE payments SET amount_cents = 1').run()).toThrow('a posted payment is immutable');
    expect(() => db.prepare('DELETE FROM payments').run()).toThrow('payments are never deleted');
    expect(() => db.prepare('UPDATE payment_tenders SET amount_cents = 1').run()).toThrow('payment tenders are immutable');
    expect(() => db.prepare('UPDATE payment_accounts SET amount_cents = 1').run()).toThrow('immutable');
    expect(() => db.prepare('UPDATE drawer_sessions SET over_short_cents = 0, status = ?').run('open')).toThrow('a closed drawer is locked');
  });
});
