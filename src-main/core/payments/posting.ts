/**
 * Posting payments: one receipt → one payment row, its tenders and accounts, and one journal
 * entry whose id is the client's payment UUID (so a double click, a retry or a resend after a
 * crash finds the first posting and never posts twice). Voids and returned checks.
 *
 * The entry: debit what came in by tender — cash kept (cash tendered − change) to 1000, checks and
 * money orders to 1010, card to 1020, a lockbox item to the bank (1040) — and credit receivable
 * (1100) per account. Change is netted from cash; a tender excess kept on the account is in the
 * account's credit, so an overpayment leaves a credit balance.
 */
import type { ParsedInputOf } from '../../../src-shared/contract';
import type { PaymentChannel, Receipt, Tender } from '../../../src-shared/contract/payments';
import { formatCents } from '../../../src-shared/money';
import { perConnection } from '../storage/prepared';
import { addContact } from '../accounts/contacts';
import { currentRates } from '../billing/rate-store';
import { OfficeError, assertInvariant, notFound } from '../errors';
import { hashOf } from '../hashing';
import { GL } from '../ledger/chart';
import { postEntry, postEntryInTransaction, reverseEntry, type PostingLine } from '../ledger/journal';
import { computeFee } from '../rates';
import type { Sqlite } from '../storage/database';
import type { Actor } from './actor';
import {
  receiptAccountOf,
  receiptFrom,
  receiptNumberOf,
  receiptOf,
  requirePaymentRow,
  tenderRowOf,
  tenderRowsOf,
  type PaymentRow,
  type ReceiptAccount,
  type TenderRow,
} from './receipts';
import { settleTenders, type TenderSettlement } from './tenders';


/** The district's returned-check fee when the rates in force name none (REFERENCE: $25). */
export const DEFAULT_RETURNED_CHECK_FEE_CENTS = 2_500;
export const RETURNED_CHECK_FEE_SETTING = 'payments.returnedCheckFeeCents';
export const RETURNED_CHECK_FEE_CODE = 'RETURNED_CHECK';

const statements = perConnection((db: Sqlite) => ({
  openDrawer: db.prepare<[number], OpenDrawer>(
    `SELECT d.id, d.business_date AS businessDate, d.workstation, u.display_name AS clerk
     FROM drawer_sessions d JOIN users u ON u.id = d.clerk_user_id WHERE d.clerk_user_id = ? AND d.status = 'open'`,
  ),
  drawer: db.prepare<[number], { id: number; status: string; clerkUserId: number }>('SELECT id, status, clerk_user_id AS clerkUserId FROM drawer_sessions WHERE id = ?'),
  batch: db.prepare<[number], { id: number; drawerId: number; status: string; channel: string }>(
    'SELECT id, drawer_id AS drawerId, status, channel FROM payment_batches WHERE id = ?',
  ),
  balance: db.prepare<[number], number>('SELECT balance_cents FROM account_balances WHERE account_id = ?').pluck(),
  contentHashOf: db.prepare<[string], string>('SELECT content_hash FROM payments WHERE payment_uid = ?').pluck(),
  nextId: db.prepare<[], number>('SELECT COALESCE(MAX(id), 0) + 1 FROM payments').pluck(),
  insertPayment: db.prepare(
    `INSERT INTO payments (id, payment_uid, receipt_number, channel, drawer_id, batch_id, lockbox_import_id, source_line, clerk_user_id,
       business_date, received_at, payer_name, amount_cents, tendered_cents, change_cents, credit_cents, payment_cents, content_hash,
       journal_entry_id, status)
     VALUES (@id, @paymentUid, @receiptNumber, @channel, @drawerId, @batchId, @lockboxImportId, @sourceLine, @clerkUserId,
       @businessDate, @receivedAt, @payerName, @amountCents, @tenderedCents, @changeCents, @creditCents, @paymentCents, @contentHash,
       @journalEntryId, 'posted')`,
  ),
  insertTender: db.prepare(
    `INSERT INTO payment_tenders (payment_id, line_no, kind, amount_cents, item_number, drawn_on, card_last_four, card_authorization)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  insertAccount: db.prepare('INSERT INTO payment_accounts (payment_id, line_no, account_id, amount_cents, balance_after_cents) VALUES (?, ?, ?, ?, ?)'),
  accountLines: db.prepare<[number], { accountId: number; amountCents: number }>(
    'SELECT account_id AS accountId, amount_cents AS amountCents FROM payment_accounts WHERE payment_id = ? ORDER BY line_no',
  ),
  markVoided: db.prepare(
    "UPDATE payments SET status = 'voided', voided_at = ?, voided_by_user_id = ?, void_approved_by_user_id = ?, void_reason = ?, void_entry_id = ? WHERE id = ?",
  ),
  markReturned: db.prepare(
    "UPDATE payments SET status = 'returned', returned_at = ?, returned_by_user_id = ?, return_reason = ?, return_entry_id = ?, return_fee_cents = ? WHERE id = ?",
  ),
  setting: db.prepare<[string], string>('SELECT value_json FROM settings WHERE key = ?').pluck(),
}));

/** What a payment pays and how it came in, ready to store and post. */
export interface PreparedPayment {
  paymentUid: string;
  channel: PaymentChannel;
  drawerId: number | null;
  batchId: number | null;
  lockboxImportId: number | null;
  sourceLine: number | null;
  payerName: string;
  settlement: TenderSettlement;
  /** Per account, what posts to its receivable (its amount, plus any tender credit). */
  accounts: { accountId: number; amountCents: number }[];
  contentHash: string;
  /** The asset account non-cash tenders go to: the drawer's (1010/1020), or the bank for lockbox. */
  bankDirect: boolean;
}

/** A clerk's open drawer, with what a receipt shows of it. */
export interface OpenDrawer {
  id: number;
  businessDate: string;
  workstation: string;
  /** The clerk's display name. */
  clerk: string;
}

/** The drawer a clerk is taking payments in today; refuses when none is open or it is a past day's. */
export function requireOpenDrawer(db: Sqlite, actor: Actor): OpenDrawer {
  const drawer = statements(db).openDrawer.get(actor.userId);
  if (!drawer) throw new OfficeError('CONFLICT', 'Open your cash drawer first (count the starting float), then take the payment');
  if (drawer.businessDate !== actor.today) {
    throw new OfficeError('CONFLICT', `Your open drawer is from ${drawer.businessDate}: close it and open today's drawer before taking payments`);
  }
  return drawer;
}

function requireBatchFor(db: Sqlite, batchId: number | undefined, channel: PaymentChannel, drawerId: number): number | null {
  if (channel === 'counter') {
    if (batchId !== undefined) throw new OfficeError('INVALID_INPUT', 'batchId: a counter payment is not part of a batch; choose the mail or drop-box channel', 'batchId');
    return null;
  }
  if (batchId === undefined) throw new OfficeError('INVALID_INPUT', `batchId: a ${channel === 'mail' ? 'mail' : 'drop-box'} payment is keyed into a batch; open one with its control count and total`, 'batchId');
  const batch = statements(db).batch.get(batchId);
  if (!batch) throw notFound(`Batch ${batchId}`, 'batchId');
  if (batch.drawerId !== drawerId) throw new OfficeError('CONFLICT', `Batch ${batchId} belongs to another drawer`, 'batchId');
  if (batch.status !== 'open') throw new OfficeError('CONFLICT', `Batch ${batchId} is closed; open a new batch`, 'batchId');
  if (batch.channel !== channel) throw new OfficeError('INVALID_INPUT', `channel: batch ${batchId} is a ${batch.channel} batch`, 'channel');
  return batchId;
}

/** The receipt's accounts as it will show them; refuses an account named twice or not found. */
function receiptAccountsOf(db: Sqlite, accounts: readonly { accountId: number }[]): ReceiptAccount[] {
  const seen = new Set<number>();
  return accounts.map((line, index) => {
    if (seen.has(line.accountId)) throw new OfficeError('INVALID_INPUT', `accounts.${index}.accountId: account ${line.accountId} is on the receipt twice; enter its amount once`, `accounts.${index}.accountId`);
    seen.add(line.accountId);
    const account = receiptAccountOf(db, line.accountId);
    if (!account) throw notFound(`Account ${line.accountId}`, `accounts.${index}.accountId`);
    return account;
  });
}

/** Spreads the settlement over the accounts (tender credit to the chosen account). */
function spreadOverAccounts(
  accounts: readonly { accountId: number; amountCents: number }[],
  settlement: TenderSettlement,
  creditAccountId: number | undefined,
): { accountId: number; amountCents: number }[] {
  const creditIndex = creditAccountId === undefined ? 0 : accounts.findIndex((line) => line.accountId === creditAccountId);
  if (creditIndex < 0) throw new OfficeError('INVALID_INPUT', `creditAccountId: account ${creditAccountId} is not on this receipt`, 'creditAccountId');
  return accounts.map((line, index) => ({ accountId: line.accountId, amountCents: line.amountCents + (index === creditIndex ? settlement.creditCents : 0) }));
}

const sumOf = (lines: readonly { amountCents: number }[]) => lines.reduce((sum, line) => sum + line.amountCents, 0);

function counterContentHash(input: ParsedInputOf<'payments.take'>, batchId: number | null, settlement: TenderSettlement): string {
  return hashOf({ channel: input.channel, batchId, accounts: input.accounts, tenders: settlement.tenders, changeAsCredit: input.changeAsCredit, creditAccountId: input.creditAccountId ?? null, payerName: input.payerName });
}

function requireSameContent(existing: PaymentRow, contentHash: string): void {
  if (existing.contentHash !== contentHash) {
    throw new OfficeError('IDEMPOTENCY_CONFLICT', `Payment ${existing.paymentUid} was already taken with other amounts or tenders (receipt ${existing.receiptNumber}); nothing was changed`, 'paymentId');
  }
}

/** A counter payment ready to post, with what its receipt shows of the drawer and the accounts. */
export interface PreparedCounterPayment extends PreparedPayment {
  drawer: OpenDrawer;
  receiptAccounts: ReceiptAccount[];
}

/** Validates a counter, mail or drop-box payment against the clerk's open drawer. */
export function prepareCounterPayment(db: Sqlite, actor: Actor, input: ParsedInputOf<'payments.take'>): PreparedCounterPayment {
  const drawer = requireOpenDrawer(db, actor);
  const batchId = requireBatchFor(db, input.batchId, input.channel, drawer.id);
  const settlement = settleTenders({ amountCents: sumOf(input.accounts), tenders: input.tenders, changeAsCredit: input.changeAsCredit });
  const receiptAccounts = receiptAccountsOf(db, input.accounts);
  const accounts = spreadOverAccounts(input.accounts, settlement, input.creditAccountId);
  return {
    drawer,
    receiptAccounts,
    paymentUid: input.paymentId,
    channel: input.channel,
    drawerId: drawer.id,
    batchId,
    lockboxImportId: null,
    sourceLine: null,
    payerName: input.payerName,
    settlement,
    accounts,
    contentHash: counterContentHash(input, batchId, settlement),
    bankDirect: false,
  };
}

function postingLines(payment: PreparedPayment): PostingLine[] {
  const { tenderedByKind, cashKeptCents } = payment.settlement;
  const assets: PostingLine[] = payment.bankDirect
    ? [{ glCode: GL.bankOperating, amountCents: payment.settlement.paymentCents }]
    : [
        { glCode: GL.cashOnHand, amountCents: cashKeptCents },
        { glCode: GL.checksOnHand, amountCents: tenderedByKind.check + tenderedByKind.money_order },
        { glCode: GL.cardClearing, amountCents: tenderedByKind.card },
      ];
  const receivable = payment.accounts.map((line) => ({ glCode: GL.accountsReceivable, accountId: line.accountId, amountCents: -line.amountCents }));
  return [...assets, ...receivable].filter((line) => line.amountCents !== 0);
}

/** Stores a payment's tenders; returns the rows written. */
function insertTenders(db: Sqlite, paymentRowId: number, tenders: readonly Tender[]): TenderRow[] {
  return tenders.map((tender, index) => {
    const row = tenderRowOf(paymentRowId, index + 1, tender);
    statements(db).insertTender.run(row.paymentId, row.lineNo, row.kind, row.amountCents, row.itemNumber, row.drawnOn, row.cardLastFour, row.cardAuthorization);
    return row;
  });
}

/** A new payment's row as inserted (status 'posted'). */
type StoredPaymentFields = Pick<
  PaymentRow,
  | 'id' | 'paymentUid' | 'receiptNumber' | 'channel' | 'drawerId' | 'batchId' | 'lockboxImportId' | 'clerkUserId' | 'businessDate' | 'receivedAt'
  | 'payerName' | 'amountCents' | 'tenderedCents' | 'changeCents' | 'creditCents' | 'paymentCents' | 'contentHash' | 'journalEntryId'
> & { sourceLine: number | null };

/** What storing a payment wrote: its row, its tenders, each account's balance after. */
interface StoredPayment {
  fields: StoredPaymentFields;
  tenderRows: TenderRow[];
  balancesAfterCents: number[];
}

/**
 * Stores and posts a prepared payment, or finds it already posted (same UUID, same content:
 * the first receipt, `replayed`; same UUID, other content: refused).
 */
export function recordPayment(db: Sqlite, actor: Actor, payment: PreparedPayment): PaymentRow {
  // One light look-up (the hash only) on the hot path; the full row only for a replay.
  const existingHash = statements(db).contentHashOf.get(payment.paymentUid);
  if (existingHash !== undefined) {
    const existing = requirePaymentRow(db, payment.paymentUid);
    requireSameContent(existing, payment.contentHash);
    return existing;
  }
  storePayment(db, actor, payment);
  return requirePaymentRow(db, payment.paymentUid);
}

/** Stores and posts a payment whose UUID the caller found unused. */
function storePayment(db: Sqlite, actor: Actor, payment: PreparedPayment): StoredPayment {
  const id = statements(db).nextId.get() as number;
  const receiptNumber = receiptNumberOf(id);
  const lines = postingLines(payment);
  assertInvariant(lines.reduce((sum, line) => sum + line.amountCents, 0) === 0, 'a payment entry balances');
  // Always inside the dispatcher's one transaction, which an error abandons whole: no savepoint.
  postEntryInTransaction(db, actor.nowIso, {
    entryId: payment.paymentUid,
    effectiveDate: actor.today,
    kind: 'payment',
    memo: `Receipt ${receiptNumber} (${payment.channel})`,
    createdByUserId: actor.userId,
    lines,
  });
  const { settlement } = payment;
  const fields: StoredPaymentFields = {
    id,
    paymentUid: payment.paymentUid,
    receiptNumber,
    channel: payment.channel,
    drawerId: payment.drawerId,
    batchId: payment.batchId,
    lockboxImportId: payment.lockboxImportId,
    sourceLine: payment.sourceLine,
    clerkUserId: actor.userId,
    businessDate: actor.today,
    receivedAt: actor.nowIso,
    payerName: payment.payerName,
    amountCents: settlement.amountCents,
    tenderedCents: settlement.tenderedCents,
    changeCents: settlement.changeCents,
    creditCents: settlement.creditCents,
    paymentCents: settlement.paymentCents,
    contentHash: payment.contentHash,
    journalEntryId: payment.paymentUid,
  };
  statements(db).insertPayment.run(fields);
  const tenderRows = insertTenders(db, id, settlement.tenders);
  const balancesAfterCents = payment.accounts.map((line, index) => {
    const balanceAfter = statements(db).balance.get(line.accountId) ?? 0;
    statements(db).insertAccount.run(id, index + 1, line.accountId, line.amountCents, balanceAfter);
    return balanceAfter;
  });
  return { fields, tenderRows, balancesAfterCents };
}

/** The receipt of a counter payment just stored, from what was written (no read-back). */
function receiptOfNewPayment(payment: PreparedCounterPayment, stored: StoredPayment): Receipt {
  const { fields } = stored;
  // Spelled out, not spread: a spread of this many fields builds a slow dictionary object, and
  // this is the counter's hot path.
  const row: PaymentRow = {
    id: fields.id,
    paymentUid: fields.paymentUid,
    receiptNumber: fields.receiptNumber,
    channel: fields.channel,
    status: 'posted',
    drawerId: fields.drawerId,
    batchId: fields.batchId,
    lockboxImportId: fields.lockboxImportId,
    clerkUserId: fields.clerkUserId,
    businessDate: fields.businessDate,
    receivedAt: fields.receivedAt,
    payerName: fields.payerName,
    amountCents: fields.amountCents,
    tenderedCents: fields.tenderedCents,
    changeCents: fields.changeCents,
    creditCents: fields.creditCents,
    paymentCents: fields.paymentCents,
    contentHash: fields.contentHash,
    journalEntryId: fields.journalEntryId,
    voidedAt: null,
    voidReason: null,
    voidEntryId: null,
    voidedBy: null,
    voidApprovedBy: null,
    returnedAt: null,
    returnReason: null,
    returnEntryId: null,
    returnFeeCents: null,
    returnedBy: null,
    clerk: payment.drawer.clerk,
    workstation: payment.drawer.workstation,
  };
  const accountRows = payment.accounts.map((line, index) => ({
    ...(payment.receiptAccounts[index] as ReceiptAccount),
    paymentId: stored.fields.id,
    amountCents: line.amountCents,
    balanceAfterCents: stored.balancesAfterCents[index] as number,
  }));
  return receiptFrom(row, accountRows, stored.tenderRows);
}

/** payments.take: a counter, mail or drop-box payment in the clerk's open drawer. */
export function takePayment(db: Sqlite, actor: Actor, input: ParsedInputOf<'payments.take'>): Receipt {
  // A resend of a payment already posted is answered from what was posted, even when the
  // drawer has closed since; anything else is validated against the open drawer.
  if (statements(db).contentHashOf.get(input.paymentId) !== undefined) {
    const existing = requirePaymentRow(db, input.paymentId);
    const settlement = settleTenders({ amountCents: sumOf(input.accounts), tenders: input.tenders, changeAsCredit: input.changeAsCredit });
    requireSameContent(existing, counterContentHash(input, input.batchId ?? null, settlement));
    return receiptOf(db, existing, { replayed: true });
  }
  const payment = prepareCounterPayment(db, actor, input);
  return receiptOfNewPayment(payment, storePayment(db, actor, payment));
}

/** payments.void: the same day, drawer still open, by reversal, with a supervisor's approval (a batch's entry even after the batch closed). */
export function voidPayment(db: Sqlite, actor: Actor, input: ParsedInputOf<'payments.void'>): Receipt {
  const row = requirePaymentRow(db, input.paymentId);
  if (row.status !== 'posted') throw new OfficeError('CONFLICT', `Receipt ${row.receiptNumber} is already ${row.status}`, 'paymentId');
  if (row.businessDate !== actor.today) {
    throw new OfficeError('CONFLICT', `Receipt ${row.receiptNumber} was taken on ${row.businessDate}; only a same-day payment can be voided (use an adjustment, or record a returned check)`, 'paymentId');
  }
  if (row.drawerId !== null) {
    const drawer = statements(db).drawer.get(row.drawerId);
    if (drawer?.status !== 'open') throw new OfficeError('CONFLICT', `Receipt ${row.receiptNumber} is in drawer ${row.drawerId}, which is closed; a counted drawer cannot change`, 'paymentId');
  }
  // An entry of a closed batch may be voided too (with the approval every void needs): while the
  // batch is open its keyer corrects entries without one (batches.correctEntry).
  reverseAndMarkVoided(db, actor, row, input.entryId, input.reason);
  return receiptOf(db, requirePaymentRow(db, input.paymentId));
}

/** Reverses a posted payment's entry and marks it voided (the caller has checked it may be). */
export function reverseAndMarkVoided(db: Sqlite, actor: Actor, row: PaymentRow, entryId: string, reason: string): void {
  reverseEntry(db, actor.nowIso, {
    entryId,
    originalEntryId: row.journalEntryId,
    reason: `void of receipt ${row.receiptNumber}: ${reason}`,
    effectiveDate: actor.today,
    createdByUserId: actor.userId,
    approvedByUserId: actor.approvedByUserId ?? null,
  });
  statements(db).markVoided.run(actor.nowIso, actor.userId, actor.approvedByUserId ?? null, reason, entryId, row.id);
}

/** The returned-check fee: RETURNED_CHECK from the rates in force, else the district setting, else $25.00. */
export function returnedCheckFeeCents(db: Sqlite, date: string): number {
  try {
    return computeFee(currentRates(db).book, { code: RETURNED_CHECK_FEE_CODE, date }).amountCents;
  } catch (error) {
    if (!(error instanceof OfficeError)) throw error;
  }
  const stored = statements(db).setting.get(RETURNED_CHECK_FEE_SETTING);
  const value = stored === undefined ? DEFAULT_RETURNED_CHECK_FEE_CENTS : (JSON.parse(stored) as unknown);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new OfficeError('CONFLICT', `The setting ${RETURNED_CHECK_FEE_SETTING} is not a whole number of cents; correct it`);
  }
  return value;
}

/** Where a check's money sits now: still in the drawer, sent to the bank in a deposit, or paid by the bank (lockbox). */
function checkAssetGl(db: Sqlite, row: PaymentRow): string {
  if (row.channel === 'lockbox') return GL.bankOperating;
  const drawer = row.drawerId === null ? undefined : statements(db).drawer.get(row.drawerId);
  return drawer?.status === 'deposited' ? GL.depositsInTransit : GL.checksOnHand;
}

/**
 * payments.returnCheck: the bank returned a check. The payment comes off the accounts (debit
 * receivable as it was credited; credit where the check's money sits now), the district's
 * returned-check fee is charged to the first account, and a note goes in its contact log.
 * Only a payment made wholly by check can be returned this way.
 */
export function returnCheck(db: Sqlite, actor: Actor, input: ParsedInputOf<'payments.returnCheck'>): Receipt {
  const row = requirePaymentRow(db, input.paymentId);
  if (row.status !== 'posted') throw new OfficeError('CONFLICT', `Receipt ${row.receiptNumber} is already ${row.status}`, 'paymentId');
  const tenders = tenderRowsOf(db, row.id);
  const checks = tenders.filter((tender) => tender.kind === 'check');
  if (checks.length === 0) throw new OfficeError('CONFLICT', `Receipt ${row.receiptNumber} was not paid by check`, 'paymentId');
  if (checks.length !== tenders.length) {
    throw new OfficeError('CONFLICT', `Receipt ${row.receiptNumber} was paid partly by other tenders; record the returned check with an account adjustment`, 'paymentId');
  }
  const accountLines = statements(db).accountLines.all(row.id);
  const first = accountLines[0];
  assertInvariant(first !== undefined, `payment ${row.receiptNumber} names an account`);
  postEntry(db, actor.nowIso, {
    entryId: input.entryId,
    effectiveDate: actor.today,
    kind: 'returned_check',
    memo: `Returned check on receipt ${row.receiptNumber}: ${input.reason}`,
    createdByUserId: actor.userId,
    approvedByUserId: actor.approvedByUserId ?? null,
    lines: [
      ...accountLines.map((line) => ({ glCode: GL.accountsReceivable, accountId: line.accountId, amountCents: line.amountCents })),
      { glCode: checkAssetGl(db, row), amountCents: -row.paymentCents },
    ],
  });
  const feeCents = returnedCheckFeeCents(db, actor.today);
  if (feeCents > 0) {
    postEntry(db, actor.nowIso, {
      entryId: input.feeEntryId,
      effectiveDate: actor.today,
      kind: 'fee',
      memo: `Returned-check fee, receipt ${row.receiptNumber}`,
      createdByUserId: actor.userId,
      approvedByUserId: actor.approvedByUserId ?? null,
      lines: [
        { glCode: GL.accountsReceivable, accountId: first.accountId, amountCents: feeCents },
        { glCode: GL.feeRevenue, amountCents: -feeCents },
      ],
    });
  }
  statements(db).markReturned.run(actor.nowIso, actor.userId, input.reason, input.entryId, feeCents, row.id);
  const checkText = checks.map((check) => `check ${check.itemNumber ?? '(no number)'}${check.drawnOn ? ` (${check.drawnOn})` : ''} for ${formatCents(check.amountCents)}`).join(', ');
  addContact(db, actor.nowIso, actor.userId, {
    accountId: first.accountId,
    channel: 'letter',
    contactName: row.payerName,
    subject: `Returned check: receipt ${row.receiptNumber}`,
    notes: `The bank returned ${checkText}: ${input.reason}. The payment of ${formatCents(row.paymentCents)} was reversed${feeCents > 0 ? ` and the returned-check fee of ${formatCents(feeCents)} charged` : ''}. Ask for certified funds next time.`,
  });
  return receiptOf(db, requirePaymentRow(db, input.paymentId));
}
