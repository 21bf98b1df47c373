/**
 * Reading stored payments back as receipts (the receipt, its reprint, the drawer and batch lists,
 * the end-of-day report all start here). One query per part, statements prepared once.
 */
import type { PaymentChannel, PaymentStatus, Receipt, ReceiptAccountLine, TenderView } from '../../../src-shared/contract/payments';
import type { Tender } from '../../../src-shared/contract/payments';
import { formatCents } from '../../../src-shared/money';
import { perConnection } from '../storage/prepared';
import { displayName, formatServiceAddress } from '../accounts/format';
import { notFound } from '../errors';
import type { Sqlite } from '../storage/database';
import { describeTender } from './tenders';

export interface PaymentRow {
  id: number;
  paymentUid: string;
  receiptNumber: string;
  channel: PaymentChannel;
  status: PaymentStatus;
  drawerId: number | null;
  batchId: number | null;
  lockboxImportId: number | null;
  clerkUserId: number;
  businessDate: string;
  receivedAt: string;
  payerName: string;
  amountCents: number;
  tenderedCents: number;
  changeCents: number;
  creditCents: number;
  paymentCents: number;
  contentHash: string;
  journalEntryId: string;
  voidedAt: string | null;
  voidReason: string | null;
  voidEntryId: string | null;
  voidedBy: string | null;
  voidApprovedBy: string | null;
  returnedAt: string | null;
  returnReason: string | null;
  returnEntryId: string | null;
  returnFeeCents: number | null;
  returnedBy: string | null;
  clerk: string;
  workstation: string | null;
}

export interface TenderRow {
  paymentId: number;
  lineNo: number;
  kind: Tender['kind'];
  amountCents: number;
  itemNumber: string | null;
  drawnOn: string | null;
  cardLastFour: string | null;
  cardAuthorization: string | null;
}

export interface AccountLineRow {
  paymentId: number;
  accountId: number;
  accountNumber: string;
  amountCents: number;
  balanceAfterCents: number;
  kind: 'person' | 'business';
  firstName: string;
  lastName: string;
  businessName: string;
  street: string;
  unit: string;
  city: string;
}

export const PAYMENT_SELECT = `
  SELECT p.id, p.payment_uid AS paymentUid, p.receipt_number AS receiptNumber, p.channel, p.status, p.drawer_id AS drawerId,
         p.batch_id AS batchId, p.lockbox_import_id AS lockboxImportId, p.clerk_user_id AS clerkUserId, p.business_date AS businessDate,
         p.received_at AS receivedAt, p.payer_name AS payerName, p.amount_cents AS amountCents, p.tendered_cents AS tenderedCents,
         p.change_cents AS changeCents, p.credit_cents AS creditCents, p.payment_cents AS paymentCents, p.content_hash AS contentHash,
         p.journal_entry_id AS journalEntryId, p.voided_at AS voidedAt, p.void_reason AS voidReason, p.void_entry_id AS voidEntryId,
         vu.display_name AS voidedBy, va.display_name AS voidApprovedBy, p.returned_at AS returnedAt, p.return_reason AS returnReason,
         p.return_entry_id AS returnEntryId, p.return_fee_cents AS returnFeeCents, ru.display_name AS returnedBy,
         cu.display_name AS clerk, d.workstation
  FROM payments p
  JOIN users cu ON cu.id = p.clerk_user_id
  LEFT JOIN users vu ON vu.id = p.voided_by_user_id
  LEFT JOIN users va ON va.id = p.void_approved_by_user_id
  LEFT JOIN users ru ON ru.id = p.returned_by_user_id
  LEFT JOIN drawer_sessions d ON d.id = p.drawer_id`;

const statements = perConnection((db: Sqlite) => ({
  byUid: db.prepare<[string], PaymentRow>(`${PAYMENT_SELECT} WHERE p.payment_uid = ?`),
  // By id: a receipt number is its payment's id (the table checks it), and has no index of its own.
  byReceipt: db.prepare<[number, string], PaymentRow>(`${PAYMENT_SELECT} WHERE p.id = ? AND p.receipt_number = ?`),
  tenders: db.prepare<[number], TenderRow>(
    `SELECT payment_id AS paymentId, line_no AS lineNo, kind, amount_cents AS amountCents, item_number AS itemNumber, drawn_on AS drawnOn,
            card_last_four AS cardLastFour, card_authorization AS cardAuthorization
     FROM payment_tenders WHERE payment_id = ? ORDER BY line_no`,
  ),
  accountOnReceipt: db.prepare<[number], ReceiptAccount>(
    `SELECT a.id AS accountId, a.account_number AS accountNumber, c.kind, c.first_name AS firstName, c.last_name AS lastName,
            c.business_name AS businessName, l.street, l.unit, l.city
     FROM accounts a JOIN customers c ON c.id = a.customer_id JOIN service_locations l ON l.id = a.location_id WHERE a.id = ?`,
  ),
  accounts: db.prepare<[number], AccountLineRow>(
    `SELECT pa.payment_id AS paymentId, pa.account_id AS accountId, a.account_number AS accountNumber, pa.amount_cents AS amountCents,
            pa.balance_after_cents AS balanceAfterCents, c.kind, c.first_name AS firstName, c.last_name AS lastName,
            c.business_name AS businessName, l.street, l.unit, l.city
     FROM payment_accounts pa JOIN accounts a ON a.id = pa.account_id JOIN customers c ON c.id = a.customer_id
     JOIN service_locations l ON l.id = a.location_id
     WHERE pa.payment_id = ? ORDER BY pa.line_no`,
  ),
}));

/** What a receipt shows of an account it pays (name, service address), before the payment's amounts. */
export type ReceiptAccount = Omit<AccountLineRow, 'paymentId' | 'amountCents' | 'balanceAfterCents'>;

/** An account as a receipt will show it, or undefined when there is no such account. */
export function receiptAccountOf(db: Sqlite, accountId: number): ReceiptAccount | undefined {
  return statements(db).accountOnReceipt.get(accountId);
}

/** The tender row a payment stores for one of its tenders (line numbers from 1). */
export function tenderRowOf(paymentId: number, lineNo: number, tender: Tender): TenderRow {
  const row = { paymentId, lineNo, kind: tender.kind, amountCents: tender.amountCents, itemNumber: null, drawnOn: null, cardLastFour: null, cardAuthorization: null };
  switch (tender.kind) {
    case 'cash':
      return row;
    case 'check':
      return { ...row, itemNumber: tender.checkNumber === '' ? null : tender.checkNumber, drawnOn: tender.bank };
    case 'card':
      return { ...row, cardLastFour: tender.lastFour, cardAuthorization: tender.authorizationCode };
    case 'money_order':
      return { ...row, itemNumber: tender.serialNumber, drawnOn: tender.issuer };
  }
}

/** A stored tender as the contract's Tender (for describeTender and the drawer expectation). */
export function tenderOf(row: Pick<TenderRow, 'kind' | 'amountCents' | 'itemNumber' | 'drawnOn' | 'cardLastFour' | 'cardAuthorization'>): Tender {
  switch (row.kind) {
    case 'cash':
      return { kind: 'cash', amountCents: row.amountCents };
    case 'check':
      return { kind: 'check', amountCents: row.amountCents, checkNumber: row.itemNumber ?? '', bank: row.drawnOn ?? '' };
    case 'card':
      return { kind: 'card', amountCents: row.amountCents, lastFour: row.cardLastFour ?? '', authorizationCode: row.cardAuthorization ?? '' };
    case 'money_order':
      return { kind: 'money_order', amountCents: row.amountCents, serialNumber: row.itemNumber ?? '', issuer: row.drawnOn ?? '' };
  }
}

export function tenderRowsOf(db: Sqlite, paymentId: number): TenderRow[] {
  return statements(db).tenders.all(paymentId);
}

function tenderView(row: TenderRow): TenderView {
  // A lockbox item without a check number is described without one.
  const description = row.kind === 'check' && !row.itemNumber ? `Check (no number${row.drawnOn ? `, ${row.drawnOn}` : ''}) ${formatCents(row.amountCents)}` : describeTender(tenderOf(row));
  return {
    lineNo: row.lineNo,
    kind: row.kind,
    amountCents: row.amountCents,
    description,
    itemNumber: row.itemNumber,
    drawnOn: row.drawnOn,
    cardLastFour: row.cardLastFour,
    cardAuthorization: row.cardAuthorization,
  };
}

function accountLine(row: AccountLineRow): ReceiptAccountLine {
  return {
    accountId: row.accountId,
    accountNumber: row.accountNumber,
    customerName: displayName(row),
    serviceAddress: formatServiceAddress(row),
    amountCents: row.amountCents,
    balanceAfterCents: row.balanceAfterCents,
  };
}

export function receiptOf(db: Sqlite, row: PaymentRow, flags: { reprint?: boolean; replayed?: boolean } = {}): Receipt {
  return receiptFrom(row, statements(db).accounts.all(row.id), statements(db).tenders.all(row.id), flags);
}

/**
 * A receipt from its rows: read back (receiptOf) or, for a payment just taken, the rows it was
 * written from — the same receipt either way (tests/integration/payments-receipt-in-memory).
 */
export function receiptFrom(
  row: PaymentRow,
  accountRows: readonly AccountLineRow[],
  tenderRows: readonly TenderRow[],
  flags: { reprint?: boolean; replayed?: boolean } = {},
): Receipt {
  return {
    paymentId: row.paymentUid,
    receiptNumber: row.receiptNumber,
    channel: row.channel,
    status: row.status,
    businessDate: row.businessDate,
    receivedAt: row.receivedAt,
    clerk: row.clerk,
    drawerId: row.drawerId,
    workstation: row.workstation,
    batchId: row.batchId,
    lockboxImportId: row.lockboxImportId,
    payerName: row.payerName,
    accounts: accountRows.map(accountLine),
    tenders: tenderRows.map(tenderView),
    amountCents: row.amountCents,
    tenderedCents: row.tenderedCents,
    changeCents: row.changeCents,
    creditCents: row.creditCents,
    paymentCents: row.paymentCents,
    journalEntryId: row.journalEntryId,
    voided:
      row.status === 'voided' && row.voidedAt && row.voidEntryId
        ? { at: row.voidedAt, by: row.voidedBy ?? '', approvedBy: row.voidApprovedBy, reason: row.voidReason ?? '', entryId: row.voidEntryId }
        : null,
    returned:
      row.status === 'returned' && row.returnedAt && row.returnEntryId
        ? { at: row.returnedAt, by: row.returnedBy ?? '', reason: row.returnReason ?? '', entryId: row.returnEntryId, feeCents: row.returnFeeCents ?? 0 }
        : null,
    reprint: flags.reprint === true,
    replayed: flags.replayed === true,
  };
}

export function findPaymentRow(db: Sqlite, paymentUid: string): PaymentRow | undefined {
  return statements(db).byUid.get(paymentUid);
}

export function requirePaymentRow(db: Sqlite, paymentUid: string): PaymentRow {
  const row = findPaymentRow(db, paymentUid);
  if (!row) throw notFound(`Payment ${paymentUid}`, 'paymentId');
  return row;
}

/** Receipt numbers: "R" and seven digits of the payment's row number (grows a digit past 9,999,999). */
export const receiptNumberOf = (paymentRowId: number) => `R${String(paymentRowId).padStart(7, '0')}`;

/** The payment row id a receipt number names ("r0000042 " → 42), or null when it cannot be one. */
export function paymentIdOfReceipt(receiptNumber: string): number | null {
  const match = /^R(\d{7,15})$/.exec(receiptNumber.trim().toUpperCase());
  return match ? Number(match[1]) : null;
}

export function receiptByNumber(db: Sqlite, receiptNumber: string): Receipt {
  const id = paymentIdOfReceipt(receiptNumber);
  const row = id === null ? undefined : statements(db).byReceipt.get(id, receiptNumberOf(id));
  if (!row) throw notFound(`Receipt ${receiptNumber}`, 'receiptNumber');
  return receiptOf(db, row);
}

export function receiptByUid(db: Sqlite, paymentUid: string, flags: { reprint?: boolean; replayed?: boolean } = {}): Receipt {
  return receiptOf(db, requirePaymentRow(db, paymentUid), flags);
}

export interface PaymentListFilter {
  drawerId?: number;
  batchId?: number;
  businessDate?: string;
  limit: number;
}

export function listPaymentRows(db: Sqlite, filter: PaymentListFilter): PaymentRow[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  // The drawer's business date too: payments_day_drawer is keyed by both.
  if (filter.drawerId !== undefined) (where.push('p.business_date = (SELECT business_date FROM drawer_sessions WHERE id = ?) AND p.drawer_id = ?'), params.push(filter.drawerId, filter.drawerId));
  if (filter.batchId !== undefined) (where.push('p.batch_id = ?'), params.push(filter.batchId));
  if (filter.businessDate !== undefined) (where.push('p.business_date = ?'), params.push(filter.businessDate));
  const clause = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
  return db.prepare(`${PAYMENT_SELECT} ${clause} ORDER BY p.id LIMIT ?`).all(...params, filter.limit) as PaymentRow[];
}
