/**
 * payments.search: finding a past payment — the check that bounces next week, after its drawer
 * was closed and deposited and the counter's receipt list has moved on. Filters: receipt number,
 * check or money-order number, account, business-day range; all given must match; newest first.
 *
 * Indexes used: the primary key (a receipt number is its payment's id), journal_lines_account_amount
 * and payments_payment_uid_unique (account), payments_day_drawer (range). A check number alone scans payment_tenders (EXPLAIN: "SCAN t"): no index
 * serves it. `CREATE INDEX payment_tenders_item ON payment_tenders (upper(ltrim(item_number, '0')))
 * WHERE kind IN ('check', 'money_order')` would (the lead owns migrations).
 * Leading zeros of check numbers do not matter ("0457" finds "457"), as at the drawer close.
 */
import type { PaymentSearch, Receipt } from '../../../src-shared/contract/payments';
import { notFound } from '../errors';
import { perConnection } from '../storage/prepared';
import type { Sqlite } from '../storage/database';
import { PAYMENT_SELECT, paymentIdOfReceipt, receiptNumberOf, receiptOf, type PaymentRow } from './receipts';

type FilterName = 'receiptNumber' | 'checkNumber' | 'accountId' | 'fromDate' | 'toDate';
const FILTER_ORDER: readonly FilterName[] = ['receiptNumber', 'checkNumber', 'accountId', 'fromDate', 'toDate'];

/** Each filter's condition, with its one named parameter. */
const CONDITIONS: Record<FilterName, string> = {
  // The receipt number's id (null when it cannot be one: nothing matches) and the exact number.
  receiptNumber: 'p.id = @receiptId AND p.receipt_number = @receiptNumber',
  checkNumber: `p.id IN (SELECT t.payment_id FROM payment_tenders t
                 WHERE t.kind IN ('check', 'money_order') AND upper(ltrim(t.item_number, '0')) = upper(ltrim(@checkNumber, '0')))`,
  // Through the account's journal lines: a payment's entry id is its UUID (no index of
  // payment_accounts by account is written at every payment).
  accountId: 'p.payment_uid IN (SELECT l.entry_id FROM journal_lines l WHERE l.account_id = @accountId)',
  fromDate: 'p.business_date >= @fromDate',
  toDate: 'p.business_date <= @toDate',
};

interface SearchStatements {
  accountExists: ReturnType<Sqlite['prepare']>;
  /** One statement per combination of filters (at most 31), prepared when first used. */
  byFilters: Map<string, ReturnType<Sqlite['prepare']>>;
}

const statements = perConnection(
  (db: Sqlite): SearchStatements => ({
    accountExists: db.prepare('SELECT 1 FROM accounts WHERE id = ?').pluck(),
    byFilters: new Map(),
  }),
);

function statementFor(db: Sqlite, filters: readonly FilterName[]) {
  const key = filters.join(',');
  const cached = statements(db).byFilters.get(key);
  if (cached) return cached;
  const where = filters.map((filter) => CONDITIONS[filter]).join(' AND ');
  const statement = db.prepare(`${PAYMENT_SELECT} WHERE ${where} ORDER BY p.business_date DESC, p.id DESC LIMIT @limit`);
  statements(db).byFilters.set(key, statement);
  return statement;
}

/** The payment rows matching every given filter, newest business day first (then newest taken). */
export function searchPaymentRows(db: Sqlite, search: PaymentSearch): PaymentRow[] {
  if (search.accountId !== undefined && !statements(db).accountExists.get(search.accountId)) throw notFound(`Account ${search.accountId}`, 'accountId');
  const filters = FILTER_ORDER.filter((filter) => search[filter] !== undefined);
  const params: Record<string, string | number> = { limit: search.limit };
  for (const filter of filters) params[filter] = search[filter] as string | number;
  if (search.receiptNumber !== undefined) {
    const id = paymentIdOfReceipt(search.receiptNumber);
    params.receiptId = id ?? -1;
    params.receiptNumber = id === null ? '' : receiptNumberOf(id);
  }
  return statementFor(db, filters).all(params) as PaymentRow[];
}

/** payments.search: the receipts, as the counter shows them. */
export function searchPayments(db: Sqlite, search: PaymentSearch): Receipt[] {
  return searchPaymentRows(db, search).map((row) => receiptOf(db, row));
}
