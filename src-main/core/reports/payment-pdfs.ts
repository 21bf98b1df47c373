/**
 * The cash drawer's printed documents: a receipt (half a letter page, or the 80 mm roll of a
 * receipt printer), the bank deposit slip and the end-of-day report. Each reads its data now,
 * synchronously and formatted (the templates in payment-templates.ts hold no logic), and renders
 * later outside any transaction, like bill-pdf.ts.
 */
import type { DepositSlip, EndOfDayReport, Receipt, TenderView } from '../../../src-shared/contract/payments';
import { TENDER_KIND_LABELS } from '../../../src-shared/contract/payments';
import { formatCents } from '../../../src-shared/money';
import { longDate } from '../billing/print/bill-pdf';
import { accountBalanceCents } from '../ledger/queries';
import { endOfDayReport, getDeposit, receiptByUid } from '../payments';
import type { Sqlite } from '../storage/database';
import { getSetting } from '../storage/settings';
import { renderPdf, type PaperSize } from './renderer';
import { DEPOSIT_TEMPLATE, END_OF_DAY_TEMPLATE, RECEIPT_LETTER_TEMPLATE, RECEIPT_ROLL_TEMPLATE } from './payment-templates';

export type ReceiptLayout = 'letter' | 'roll80';

export interface PdfJob {
  fileName: string;
  render: () => Promise<Buffer>;
}

const CHANNEL_LABELS: Record<Receipt['channel'], string> = { counter: 'Counter', mail: 'Mail', dropbox: 'Drop box', lockbox: 'Bank lockbox' };

function district(db: Sqlite) {
  return {
    name: getSetting(db, 'districtName'),
    addressLines: getSetting(db, 'districtAddress').split('\n').map((line) => line.trim()).filter(Boolean),
    phone: getSetting(db, 'districtPhone'),
  };
}

/** A balance as a customer reads it: "Credit $25.00" when the district owes them. */
export const balanceText = (cents: number) => (cents < 0 ? `Credit ${formatCents(-cents)}` : formatCents(cents));

/** "2026-11-02T17:05:00.000Z" → "Nov 2, 2026 9:05 AM" in the office computer's time zone. */
export function dateTimeText(isoTimestamp: string): string {
  const at = new Date(isoTimestamp);
  if (Number.isNaN(at.getTime())) return isoTimestamp;
  const day = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
  return `${longDate(day)} ${at.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' })}`;
}

/** The detail after the tender's kind: "No. 1043, Valley Bank", "ending 1111, auth 0A12B". */
export function tenderDetail(tender: TenderView): string {
  switch (tender.kind) {
    case 'cash':
      return '';
    case 'check':
      return `No. ${tender.itemNumber ?? ''}${tender.drawnOn ? `, ${tender.drawnOn}` : ''}`;
    case 'card':
      return `ending ${tender.cardLastFour ?? ''}, auth ${tender.cardAuthorization ?? ''}`;
    case 'money_order':
      return `No. ${tender.itemNumber ?? ''}${tender.drawnOn ? `, ${tender.drawnOn}` : ''}`;
  }
}

/** Why this copy is not an ordinary receipt, in capitals on it (or null): what happened, when, by whom, why. */
export function receiptBanner(receipt: Receipt): string | null {
  if (receipt.voided) {
    const approved = receipt.voided.approvedBy ? `, approved by ${receipt.voided.approvedBy}` : '';
    return `VOIDED ${dateTimeText(receipt.voided.at)} by ${receipt.voided.by}${approved} — ${receipt.voided.reason}`;
  }
  if (receipt.returned) return `CHECK RETURNED ${dateTimeText(receipt.returned.at)}, recorded by ${receipt.returned.by} — ${receipt.returned.reason}`;
  return receipt.reprint ? 'REPRINT' : null;
}

/**
 * The PDF's title (what a viewer's title bar and a print queue show): "Receipt R0000123 — Smith,
 * Donna", "and 2 more" when one receipt pays several accounts.
 */
export function receiptTitle(receipt: Pick<Receipt, 'receiptNumber' | 'accounts' | 'status'>): string {
  const [first, ...others] = receipt.accounts;
  const who = first ? ` — ${first.customerName}${others.length > 0 ? ` and ${others.length} more` : ''}` : '';
  const status = receipt.status === 'voided' ? ' (voided)' : receipt.status === 'returned' ? ' (check returned)' : '';
  return `Receipt ${receipt.receiptNumber}${who}${status}`;
}

/**
 * Each account's balance as the receipt prints it. A fresh receipt: the balance just after the
 * payment ("Balance now"). A reprint: that same figure, named for what it is. A voided or
 * returned payment no longer counts, so its balance after would be wrong: the balance today.
 */
function receiptBalances(db: Sqlite, receipt: Receipt): { heading: string; centsOf: (line: Receipt['accounts'][number]) => number } {
  if (receipt.status !== 'posted') return { heading: 'Balance today', centsOf: (line) => accountBalanceCents(db, line.accountId) };
  return { heading: receipt.reprint ? 'Balance after payment' : 'Balance now', centsOf: (line) => line.balanceAfterCents };
}

/** Everything a receipt prints, formatted. */
export function receiptDocument(db: Sqlite, paymentId: string, reprint: boolean) {
  const receipt = receiptByUid(db, paymentId, { reprint });
  const balances = receiptBalances(db, receipt);
  return {
    title: receiptTitle(receipt),
    district: district(db),
    receiptNumber: receipt.receiptNumber,
    banner: receiptBanner(receipt),
    receivedAt: dateTimeText(receipt.receivedAt),
    channel: CHANNEL_LABELS[receipt.channel],
    clerk: receipt.clerk,
    workstation: receipt.workstation ?? '',
    payerName: receipt.payerName,
    accounts: receipt.accounts.map((line) => ({
      accountNumber: line.accountNumber,
      customerName: line.customerName,
      serviceAddress: line.serviceAddress,
      amount: formatCents(line.amountCents),
      balanceAfter: balanceText(line.balanceAfterCents),
      balance: balanceText(balances.centsOf(line)),
    })),
    balanceHeading: balances.heading,
    tenders: receipt.tenders.map((tender) => ({ kind: TENDER_KIND_LABELS[tender.kind], detail: tenderDetail(tender), amount: formatCents(tender.amountCents) })),
    amount: formatCents(receipt.amountCents),
    tendered: formatCents(receipt.tenderedCents),
    change: formatCents(receipt.changeCents),
    credit: receipt.creditCents > 0 ? formatCents(receipt.creditCents) : null,
    multipleAccounts: receipt.accounts.length > 1,
  };
}

/** Millimetres of roll a receipt needs: a fixed head and foot, plus a few per line. */
export function rollHeightMm(accountCount: number, tenderCount: number, hasBanner: boolean, hasCredit: boolean): number {
  return 92 + accountCount * 17 + tenderCount * 9 + (hasBanner ? 12 : 0) + (hasCredit ? 5 : 0);
}

export function receiptPdf(db: Sqlite, paymentId: string, layout: ReceiptLayout, reprint: boolean): PdfJob {
  const document = receiptDocument(db, paymentId, reprint);
  const fileName = `receipt-${document.receiptNumber}${layout === 'roll80' ? '-80mm' : ''}.pdf`;
  if (layout === 'letter') return { fileName, render: () => renderPdf(RECEIPT_LETTER_TEMPLATE, document) };
  const paper: PaperSize = {
    width: '80mm',
    height: `${rollHeightMm(document.accounts.length, document.tenders.length, document.banner !== null, document.credit !== null)}mm`,
  };
  return { fileName, render: () => renderPdf(RECEIPT_ROLL_TEMPLATE, document, paper) };
}

const ITEM_KIND_LABELS = { check: 'Check', money_order: 'Money order' } as const;

export function depositDocument(db: Sqlite, depositId: number) {
  const slip: DepositSlip = getDeposit(db, depositId);
  return {
    title: `Deposit slip ${slip.depositId} — ${longDate(slip.businessDate)}`,
    district: district(db),
    depositId: slip.depositId,
    businessDate: longDate(slip.businessDate),
    createdAt: dateTimeText(slip.createdAt),
    createdBy: slip.createdBy,
    drawers: slip.drawerIds.map((id) => `#${id}`).join(', '),
    currency: formatCents(slip.currencyCents),
    coin: formatCents(slip.coinCents),
    cash: formatCents(slip.currencyCents + slip.coinCents),
    items: slip.items.map((item, index) => ({
      line: index + 1,
      kind: ITEM_KIND_LABELS[item.kind],
      number: item.number,
      drawnOn: item.drawnOn,
      receiptNumber: item.receiptNumber,
      amount: formatCents(item.amountCents),
    })),
    itemCount: slip.items.length,
    itemsTotal: formatCents(slip.itemsCents),
    total: formatCents(slip.totalCents),
  };
}

export function depositPdf(db: Sqlite, depositId: number): PdfJob {
  const document = depositDocument(db, depositId);
  return { fileName: `deposit-${depositId}.pdf`, render: () => renderPdf(DEPOSIT_TEMPLATE, document) };
}

const signed = (cents: number | null) => (cents === null ? '—' : cents > 0 ? `over ${formatCents(cents)}` : cents < 0 ? `short ${formatCents(-cents)}` : 'even');

/** The drawer assertion compares counts of drawers (in its cents fields), not money. */
export const assertionFigure = (name: string, value: number) => (name.startsWith('Every drawer') ? `${value} drawer${value === 1 ? '' : 's'}` : formatCents(value));

export function endOfDayDocument(db: Sqlite, businessDate: string) {
  const report: EndOfDayReport = endOfDayReport(db, businessDate);
  return {
    title: `End-of-day report — ${longDate(report.businessDate)}${report.finalised ? '' : ' (not finalised)'}`,
    district: district(db),
    businessDate: longDate(report.businessDate),
    state: report.finalised
      ? { kind: 'final', text: `Finalised by ${report.finalised.by}, ${dateTimeText(report.finalised.at)}` }
      : report.balanced
        ? { kind: 'draft', text: 'Balances — not yet finalised' }
        : { kind: 'fails', text: 'DOES NOT BALANCE — cannot be finalised until the checks marked below agree' },
    seal: report.finalised?.auditSeal ?? null,
    byTender: report.byTender.map((row) => ({ tender: TENDER_KIND_LABELS[row.tender], count: row.count, amount: formatCents(row.amountCents) })),
    tenderTotal: formatCents(report.byTender.reduce((sum, row) => sum + row.amountCents, 0)),
    change: formatCents(report.changeCents),
    byDrawer: report.byDrawer.map((row) => ({
      drawerId: row.drawerId,
      clerk: row.clerk,
      workstation: row.workstation,
      status: row.status,
      paymentCount: row.paymentCount,
      payments: formatCents(row.paymentCents),
      overShort: signed(row.overShortCents),
      reason: row.overShortReason ?? '',
      deposit: row.depositId !== null ? `#${row.depositId}` : row.nothingToDeposit ? 'nothing to deposit' : 'not deposited',
    })),
    byBatch: report.byBatch.map((row) => ({
      batchId: row.batchId,
      channel: row.channel === 'mail' ? 'Mail' : 'Drop box',
      status: row.status,
      control: `${row.controlCount} / ${formatCents(row.controlTotalCents)}`,
      entries: `${row.entryCount} / ${formatCents(row.entryTotalCents)}`,
    })),
    lockbox: report.lockbox.map((row) => ({ importId: row.importId, fileName: row.fileName, itemCount: row.itemCount, total: formatCents(row.totalCents) })),
    voids: report.voids.map((row) => ({ receiptNumber: row.receiptNumber, amount: formatCents(row.amountCents), reason: row.reason, by: row.by, approvedBy: row.approvedBy ?? '' })),
    returnedChecks: report.returnedChecks.map((row) => ({ receiptNumber: row.receiptNumber, amount: formatCents(row.amountCents), fee: formatCents(row.feeCents), reason: row.reason })),
    overShort: signed(report.overShortCents),
    deposits: report.deposits.map((row) => ({ depositId: row.depositId, currency: formatCents(row.currencyCents), coin: formatCents(row.coinCents), items: formatCents(row.itemsCents), total: formatCents(row.totalCents) })),
    postings: report.postingsByGl.map((row) => ({ glCode: row.glCode, glName: row.glName, debit: formatCents(row.debitCents), credit: formatCents(row.creditCents), net: formatCents(row.netCents) })),
    paymentRegister: formatCents(report.paymentRegisterCents),
    receiptRegister: formatCents(report.receiptRegisterCents),
    assertions: report.assertions.map((row) => ({ name: row.name, ok: row.ok, left: assertionFigure(row.name, row.leftCents), right: assertionFigure(row.name, row.rightCents), detail: row.detail })),
  };
}

export function endOfDayPdf(db: Sqlite, businessDate: string): PdfJob {
  const document = endOfDayDocument(db, businessDate);
  return { fileName: `end-of-day-${businessDate}.pdf`, render: () => renderPdf(END_OF_DAY_TEMPLATE, document) };
}
