/**
 * Finding a past payment and returning its check days later (issue #5 item 4), through the
 * operations, every figure by hand. Opening balances: A $150.00, B $80.00, C $50.00.
 * Monday 2026-11-02, drawer 1 (no float):
 *   R0000001  A $120.00 by check 0457 (Valley Bank)        → A $30.00
 *   R0000002  B  $80.00 cash                               → B $0.00
 *   R0000003  C  $30.00 by check 1043 (First Bank)         → C $20.00
 *   closed: cash $80.00, checks 0457 $120.00 + 1043 $30.00; deposited: $230.00 to 1030.
 * Monday 2026-11-09, drawer 2:
 *   R0000004  A  $30.00 cash                               → A $0.00
 *   R0000005  C  $20.00 by money order MO-77 (USPS)        → C $0.00
 * The bank returns check 0457: A = 0 + $120.00 + $25.00 fee = $145.00; 1030 = 230 − 120 = $110.00;
 * 4300 fee revenue −$25.00 (a credit).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src-main/core/clock';
import type { InputOf } from '../../src-shared/contract';
import { supervisorApproval, type Caller, type TestOffice } from '../support/office';
import { accountsWithBalances, balanceOf, createTestOffice, glBalance } from './payments-support';

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

/** A clock the test moves from one business day to the next. */
function movableClock(startIso: string): Clock & { moveTo(iso: string): void } {
  let now = startIso;
  return { nowIso: () => now, today: () => now.slice(0, 10), moveTo: (iso) => (now = iso) };
}

const MONDAY = '2026-11-02';
const NEXT_MONDAY = '2026-11-09';

interface Day {
  office: TestOffice;
  clerk: Caller;
  accounts: { a: number; b: number; c: number };
  paymentIds: string[];
}

async function pay(clerk: Caller, accountId: number, amountCents: number, tender: InputOf<'payments.take'>['tenders'][number]) {
  return clerk.must('payments.take', { paymentId: randomUUID(), accounts: [{ accountId, amountCents }], tenders: [tender] });
}

/** The two days above: Monday's drawer closed and deposited, the next Monday's still open. */
async function twoDays(): Promise<Day> {
  const clock = movableClock(`${MONDAY}T17:00:00.000Z`);
  office = await createTestOffice({ clock });
  const [a, b, c] = accountsWithBalances(office, [15_000, 8_000, 5_000]) as [number, number, number];
  const clerk = office.as('clerk');
  const monday = await clerk.must('drawer.open', { workstation: 'Counter 1', floatCounts: {} });
  const r1 = await pay(clerk, a, 12_000, { kind: 'check', amountCents: 12_000, checkNumber: '0457', bank: 'Valley Bank' });
  const r2 = await pay(clerk, b, 8_000, { kind: 'cash', amountCents: 8_000 });
  const r3 = await pay(clerk, c, 3_000, { kind: 'check', amountCents: 3_000, checkNumber: '1043', bank: 'First Bank' });
  const items = [
    { kind: 'check' as const, number: '0457', amountCents: 12_000 },
    { kind: 'check' as const, number: '1043', amountCents: 3_000 },
  ];
  await clerk.must('drawer.close', { drawerId: monday.drawerId, entryId: randomUUID(), count: { cash: { bill_50: 1, bill_20: 1, bill_10: 1 }, items } });
  await office.as('supervisor').must('deposit.create', { depositId: randomUUID(), drawerIds: [monday.drawerId] });

  clock.moveTo(`${NEXT_MONDAY}T16:30:00.000Z`);
  await clerk.must('drawer.open', { workstation: 'Counter 1', floatCounts: {} });
  const r4 = await pay(clerk, a, 3_000, { kind: 'cash', amountCents: 3_000 });
  const r5 = await pay(clerk, c, 2_000, { kind: 'money_order', amountCents: 2_000, serialNumber: 'MO-77', issuer: 'USPS' });
  return { office, clerk, accounts: { a, b, c }, paymentIds: [r1, r2, r3, r4, r5].map((receipt) => receipt.paymentId) };
}

const receiptsOf = async (clerk: Caller, input: InputOf<'payments.search'>) => (await clerk.must('payments.search', input)).map((receipt) => receipt.receiptNumber);

describe('payments.search', () => {
  it('finds exactly the receipts each filter names, newest first', async () => {
    const { clerk, accounts } = await twoDays();
    expect(await receiptsOf(clerk, { receiptNumber: 'R0000001' })).toEqual(['R0000001']);
    expect(await receiptsOf(clerk, { receiptNumber: ' r4 ' })).toEqual(['R0000004']);
    expect(await receiptsOf(clerk, { receiptNumber: 'R0000099' })).toEqual([]);
    // Check numbers: leading zeros do not matter; money-order serials match too, in any case.
    expect(await receiptsOf(clerk, { checkNumber: '457' })).toEqual(['R0000001']);
    expect(await receiptsOf(clerk, { checkNumber: '0457' })).toEqual(['R0000001']);
    expect(await receiptsOf(clerk, { checkNumber: '1043' })).toEqual(['R0000003']);
    expect(await receiptsOf(clerk, { checkNumber: 'mo-77' })).toEqual(['R0000005']);
    expect(await receiptsOf(clerk, { checkNumber: '45' })).toEqual([]);
    expect(await receiptsOf(clerk, { accountId: accounts.a })).toEqual(['R0000004', 'R0000001']);
    expect(await receiptsOf(clerk, { accountId: accounts.c })).toEqual(['R0000005', 'R0000003']);
    expect(await receiptsOf(clerk, { fromDate: NEXT_MONDAY })).toEqual(['R0000005', 'R0000004']);
    expect(await receiptsOf(clerk, { toDate: MONDAY })).toEqual(['R0000003', 'R0000002', 'R0000001']);
    expect(await receiptsOf(clerk, { fromDate: '2026-11-03', toDate: '2026-11-08' })).toEqual([]);
    expect(await receiptsOf(clerk, { fromDate: MONDAY, toDate: NEXT_MONDAY })).toEqual(['R0000005', 'R0000004', 'R0000003', 'R0000002', 'R0000001']);
    // Filters combine; the limit keeps the newest.
    expect(await receiptsOf(clerk, { accountId: accounts.a, toDate: MONDAY })).toEqual(['R0000001']);
    expect(await receiptsOf(clerk, { accountId: accounts.a, checkNumber: '1043' })).toEqual([]);
    expect(await receiptsOf(clerk, { accountId: accounts.c, limit: 1 })).toEqual(['R0000005']);
    const [found] = await clerk.must('payments.search', { checkNumber: '457' });
    expect(found).toMatchObject({ businessDate: MONDAY, status: 'posted', amountCents: 12_000, tenders: [{ kind: 'check', itemNumber: '0457', drawnOn: 'Valley Bank' }] });
  });

  it('refuses a search without a filter, a backwards or overlong range, a bad receipt number and an unknown account', async () => {
    const { clerk } = await twoDays();
    expect(await clerk.call('payments.search', {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'receiptNumber', message: expect.stringContaining('Enter a receipt number, a check number, an account or a date range') },
    });
    expect(await clerk.call('payments.search', { fromDate: NEXT_MONDAY, toDate: MONDAY })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'toDate', message: expect.stringContaining('The range ends (2026-11-02) before it starts (2026-11-09)') },
    });
    expect(await clerk.call('payments.search', { fromDate: '2025-01-01', toDate: '2026-01-03' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'toDate', message: expect.stringContaining('at most 367 days') } });
    expect(await clerk.call('payments.search', { receiptNumber: 'X12' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'receiptNumber', message: expect.stringContaining('like R0000123') } });
    expect(await clerk.call('payments.search', { fromDate: '2026-02-30' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'fromDate' } });
    expect(await clerk.call('payments.search', { accountId: 9_999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'accountId', message: 'Account 9999 was not found' } });
  });
});

describe('returning a check found days later', () => {
  it('returns an earlier day’s deposited check: payment reversed, $25.00 fee, note; never twice; cash and money orders refused', async () => {
    const { office, clerk, accounts, paymentIds } = await twoDays();
    expect(balanceOf(office, accounts.a)).toBe(0);
    expect(glBalance(office, '1030')).toBe(23_000);
    const [bounced] = await clerk.must('payments.search', { checkNumber: '457', toDate: MONDAY });
    expect(bounced?.receiptNumber).toBe('R0000001');

    const returnIt = (paymentId: string) => clerk.call('payments.returnCheck', { paymentId, entryId: randomUUID(), feeEntryId: randomUUID(), reason: 'NSF' }, { approval: supervisorApproval });
    const returned = await returnIt(bounced?.paymentId ?? '');
    expect(returned).toMatchObject({ ok: true, value: { receiptNumber: 'R0000001', businessDate: MONDAY, status: 'returned', returned: { reason: 'NSF', feeCents: 2_500, at: `${NEXT_MONDAY}T16:30:00.000Z` } } });
    expect(balanceOf(office, accounts.a)).toBe(12_000 + 2_500);
    expect([glBalance(office, '1030'), glBalance(office, '4300')]).toEqual([23_000 - 12_000, -2_500]);
    const [note] = await clerk.must('contacts.list', { accountId: accounts.a });
    expect(note).toMatchObject({
      subject: 'Returned check: receipt R0000001',
      notes: 'The bank returned check 0457 (Valley Bank) for $120.00: NSF. The payment of $120.00 was reversed and the returned-check fee of $25.00 charged. Ask for certified funds next time.',
    });
    // The search shows it returned; today's report lists it.
    expect((await clerk.must('payments.search', { receiptNumber: 'R1' }))[0]).toMatchObject({ status: 'returned' });
    expect((await clerk.must('endOfDay.report', { businessDate: NEXT_MONDAY })).returnedChecks).toEqual([{ receiptNumber: 'R0000001', amountCents: 12_000, feeCents: 2_500, reason: 'NSF' }]);

    expect(await returnIt(paymentIds[0] as string)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'Receipt R0000001 is already returned' } });
    expect(await returnIt(paymentIds[1] as string)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'Receipt R0000002 was not paid by check' } });
    expect(await returnIt(paymentIds[4] as string)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'Receipt R0000005 was not paid by check' } });
    // Nothing more moved: A as after the return, B and C paid off, one fee.
    expect([balanceOf(office, accounts.a), balanceOf(office, accounts.b), balanceOf(office, accounts.c)]).toEqual([14_500, 0, 0]);
    expect(glBalance(office, '4300')).toBe(-2_500);
  });
});
