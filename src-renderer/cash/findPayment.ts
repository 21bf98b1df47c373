/**
 * Pure helpers of the Find payment page (FindPaymentPage.tsx): the search form → the
 * payments.search input, and whether a found receipt can be returned as a bounced check.
 */
import type { PaymentSearchInput, Receipt, TenderView } from '../../src-shared/contract/payments';

export interface FindForm {
  checkNumber: string;
  receiptNumber: string;
  /** An account number or name, as typed; resolved to an id before the search. */
  account: string;
  fromDate: string;
  toDate: string;
}

export const EMPTY_FIND_FORM: FindForm = { checkNumber: '', receiptNumber: '', account: '', fromDate: '', toDate: '' };

/** Newest this many; the page says so when a search fills it. */
export const FIND_LIMIT = 50;

/** The operation's input: blank boxes are left out (the main process refuses a search with none). */
export function searchInputOf(form: FindForm, accountId: number | null): PaymentSearchInput {
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const input: PaymentSearchInput = { limit: FIND_LIMIT };
  const receiptNumber = text(form.receiptNumber);
  const checkNumber = text(form.checkNumber);
  const fromDate = text(form.fromDate);
  const toDate = text(form.toDate);
  if (receiptNumber !== undefined) input.receiptNumber = receiptNumber;
  if (checkNumber !== undefined) input.checkNumber = checkNumber;
  if (accountId !== null) input.accountId = accountId;
  if (fromDate !== undefined) input.fromDate = fromDate;
  if (toDate !== undefined) input.toDate = toDate;
  return input;
}

/**
 * Why a receipt cannot be recorded as a returned check, or null when it can. The rule is the
 * main process's (payments.returnCheck): a posted payment made wholly by check.
 */
export function returnCheckBlockedBy(receipt: Pick<Receipt, 'status' | 'tenders'>): string | null {
  if (receipt.status === 'voided') return 'This payment was voided.';
  if (receipt.status === 'returned') return 'Its check was already returned.';
  if (!receipt.tenders.some((tender) => tender.kind === 'check')) return 'It was not paid by check.';
  if (receipt.tenders.some((tender) => tender.kind !== 'check')) return 'It was paid partly by other tenders: record the returned check with an account adjustment.';
  return null;
}

/** The next row index for ↑/↓ (clamped at both ends), or null for any other key. */
export function movedIndex(key: string, index: number, count: number): number | null {
  const step = key === 'ArrowDown' ? 1 : key === 'ArrowUp' ? -1 : key === 'Home' ? -count : key === 'End' ? count : 0;
  if (step === 0 || count === 0) return null;
  return Math.min(count - 1, Math.max(0, index + step));
}

/** A tender in a few words for the results table ("Check 1043", "Card …1111"); the receipt has the rest. */
export function shortTender(tender: Pick<TenderView, 'kind' | 'itemNumber' | 'cardLastFour'>): string {
  switch (tender.kind) {
    case 'cash':
      return 'Cash';
    case 'check':
      return tender.itemNumber ? `Check ${tender.itemNumber}` : 'Check';
    case 'money_order':
      return tender.itemNumber ? `Money order ${tender.itemNumber}` : 'Money order';
    case 'card':
      return tender.cardLastFour ? `Card …${tender.cardLastFour}` : 'Card';
  }
}
