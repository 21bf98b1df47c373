/**
 * The account page's "Take payment", the receipt's link to its account and back, a voided
 * receipt's words, and the ledger's reversal lines said once (issue #15, items 5 and 11).
 */
import { describe, expect, it } from 'vitest';
import type { AccountDetail } from '../../src-shared/contract/accounts';
import { ledgerLineMemo, ledgerLineType } from '../../src-renderer/accounts/format';
import { accountFromReceiptPath, accountOfCounterPath, hitFromAccount, receiptUndoneText, takePaymentPath } from '../../src-renderer/cash/cashFormat';
import { pathParts } from '../../src-renderer/app/router';
import { humanize } from '../../src-renderer/ui/format';

describe('the counter opened for one account', () => {
  it('names the account in the counter path, and reads it back', () => {
    expect(takePaymentPath(42)).toBe('/cash/counter/account/42');
    expect(accountOfCounterPath(pathParts(takePaymentPath(42)).slice(1))).toBe(42);
    expect(accountOfCounterPath(['counter'])).toBeUndefined();
    expect(accountOfCounterPath(['counter', 'account', 'x1'])).toBeUndefined();
    expect(accountOfCounterPath(['batches', 'account', '42'])).toBeUndefined();
  });

  it('puts the account on the payment as a found one: number, name, address, balance owed', () => {
    const account = {
      accountId: 7,
      accountNumber: '000154-02',
      status: 'active',
      balanceCents: 8_423,
      customer: { displayName: 'Smith, Donna', primaryPhone: '209-555-0134' },
      location: { street: '12 Oak St', unit: '', city: 'Valle Verde', state: 'CA', zip: '95350' },
      meters: [{ serial: 'M-1' }],
    } as unknown as AccountDetail;
    expect(hitFromAccount(account)).toEqual({
      accountId: 7,
      accountNumber: '000154-02',
      customerName: 'Smith, Donna',
      serviceAddress: '12 Oak St, Valle Verde, CA 95350',
      status: 'active',
      balanceCents: 8_423,
      meterSerials: ['M-1'],
      phone: '209-555-0134',
    });
  });
});

describe('a receipt and its account', () => {
  it('links to the account ledger with the way back to the receipt', () => {
    expect(accountFromReceiptPath(7, 'a1b2')).toBe('/accounts/7/ledger/receipt/a1b2');
    expect(pathParts(accountFromReceiptPath(7, 'a1b2'))).toEqual(['accounts', '7', 'ledger', 'receipt', 'a1b2']);
  });

  it('says a void once, with when, by whom and who approved; nothing for a receipt that stands', () => {
    const at = (iso: string) => `at ${iso}`;
    const voided = { at: '2026-11-02T17:05:00.000Z', by: 'Carla Clerk', approvedBy: 'Sofia Supervisor', reason: 'wrong account' };
    expect(receiptUndoneText({ voided, returned: null }, at)).toEqual({ headline: 'Voided at 2026-11-02T17:05:00.000Z by Carla Clerk, approved by Sofia Supervisor', reason: 'wrong account' });
    expect(receiptUndoneText({ voided: { ...voided, approvedBy: null }, returned: null }, at)?.headline).toBe('Voided at 2026-11-02T17:05:00.000Z by Carla Clerk');
    expect(receiptUndoneText({ voided: null, returned: { at: 'T', by: 'Sofia Supervisor', reason: 'NSF' } }, at)).toEqual({ headline: 'Check returned, recorded at T by Sofia Supervisor', reason: 'NSF' });
    expect(receiptUndoneText({ voided: null, returned: null }, at)).toBeNull();
  });
});

describe('ledger lines', () => {
  const reversal = { kind: 'reversal', memo: 'Reversal of payment: Customer paid twice', reversesEntryId: 'e1' };
  it('call a reversal "Reversal" once, and say what it undid in the memo', () => {
    expect(ledgerLineType(reversal, humanize)).toBe('Reversal');
    expect(ledgerLineMemo(reversal, humanize)).toBe('Undoes a payment — Customer paid twice');
    expect(ledgerLineMemo({ ...reversal, memo: 'Reversal of adjustment: keyed twice' }, humanize)).toBe('Undoes an adjustment — keyed twice');
    expect(ledgerLineMemo({ ...reversal, memo: 'Reversal of late_fee: ' }, humanize)).toBe('Undoes a late fee');
  });

  it('leave other lines as they are', () => {
    const payment = { kind: 'payment', memo: 'Payment R0000001', reversesEntryId: null };
    expect(ledgerLineType(payment, humanize)).toBe('Payment');
    expect(ledgerLineMemo(payment, humanize)).toBe('Payment R0000001');
    // A reversal whose memo was written another way is shown as written.
    expect(ledgerLineMemo({ ...reversal, memo: 'Void of receipt R0000002' }, humanize)).toBe('Void of receipt R0000002');
  });
});
