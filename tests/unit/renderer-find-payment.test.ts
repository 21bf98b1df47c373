/** The Find payment page's pure helpers (src-renderer/cash/findPayment.ts). */
import { describe, expect, it } from 'vitest';
import type { TenderView } from '../../src-shared/contract/payments';
import { paymentSearchInput } from '../../src-shared/contract/payments';
import { EMPTY_FIND_FORM, FIND_LIMIT, movedIndex, returnCheckBlockedBy, searchInputOf, shortTender } from '../../src-renderer/cash/findPayment';

const tender = (kind: TenderView['kind']): TenderView => ({
  lineNo: 1,
  kind,
  amountCents: 1_000,
  description: kind,
  itemNumber: null,
  drawnOn: null,
  cardLastFour: null,
  cardAuthorization: null,
});

describe('searchInputOf', () => {
  it('sends only the boxes filled in, trimmed, with the account id and the limit', () => {
    expect(searchInputOf({ ...EMPTY_FIND_FORM, checkNumber: ' 0457 ', account: 'Garcia' }, 12)).toEqual({ limit: FIND_LIMIT, checkNumber: '0457', accountId: 12 });
    expect(searchInputOf({ ...EMPTY_FIND_FORM, receiptNumber: '123', fromDate: '2026-11-02', toDate: '2026-11-09' }, null)).toEqual({
      limit: FIND_LIMIT,
      receiptNumber: '123',
      fromDate: '2026-11-02',
      toDate: '2026-11-09',
    });
    // An empty form is left for the main process to refuse, naming what to enter.
    expect(paymentSearchInput.safeParse(searchInputOf(EMPTY_FIND_FORM, null)).error?.issues[0]?.message).toBe('Enter a receipt number, a check number, an account or a date range to search by');
    expect(paymentSearchInput.parse(searchInputOf({ ...EMPTY_FIND_FORM, receiptNumber: 'r00123' }, null)).receiptNumber).toBe('R0000123');
  });
});

describe('returnCheckBlockedBy', () => {
  it('allows a posted payment made wholly by check, and says why not otherwise', () => {
    expect(returnCheckBlockedBy({ status: 'posted', tenders: [tender('check'), tender('check')] })).toBeNull();
    expect(returnCheckBlockedBy({ status: 'returned', tenders: [tender('check')] })).toBe('Its check was already returned.');
    expect(returnCheckBlockedBy({ status: 'voided', tenders: [tender('check')] })).toBe('This payment was voided.');
    expect(returnCheckBlockedBy({ status: 'posted', tenders: [tender('cash')] })).toBe('It was not paid by check.');
    expect(returnCheckBlockedBy({ status: 'posted', tenders: [tender('money_order')] })).toBe('It was not paid by check.');
    expect(returnCheckBlockedBy({ status: 'posted', tenders: [tender('check'), tender('cash')] })).toMatch(/^It was paid partly by other tenders/);
  });
});

describe('movedIndex', () => {
  it('moves with the arrows, Home and End, clamped to the rows', () => {
    expect([movedIndex('ArrowDown', 0, 3), movedIndex('ArrowDown', 2, 3), movedIndex('ArrowUp', 0, 3), movedIndex('ArrowUp', 2, 3)]).toEqual([1, 2, 0, 1]);
    expect([movedIndex('Home', 2, 3), movedIndex('End', 0, 3)]).toEqual([0, 2]);
    expect([movedIndex('Enter', 1, 3), movedIndex('ArrowDown', 0, 0)]).toEqual([null, null]);
  });
});

describe('shortTender', () => {
  it('names a tender by kind and number only', () => {
    expect(shortTender({ kind: 'check', itemNumber: '0457', cardLastFour: null })).toBe('Check 0457');
    expect(shortTender({ kind: 'check', itemNumber: null, cardLastFour: null })).toBe('Check');
    expect(shortTender({ kind: 'money_order', itemNumber: 'MO-77', cardLastFour: null })).toBe('Money order MO-77');
    expect(shortTender({ kind: 'card', itemNumber: null, cardLastFour: '1111' })).toBe('Card …1111');
    expect(shortTender({ kind: 'cash', itemNumber: null, cardLastFour: null })).toBe('Cash');
  });
});
