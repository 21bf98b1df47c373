/**
 * The cash drawer screens' pure helpers: drawer counts typed per denomination, tender rows as
 * typed into operation input, the change-due preview, and how over/short and the end-of-day
 * checks read. The main process decides everything again; these only show it while typing.
 */
import {
  DENOMINATIONS,
  TENDER_KIND_LABELS,
  type DenominationCode,
  type DenominationCounts,
  type EndOfDayAssertion,
  type ListedItem,
  type TenderInput,
  type TenderKind,
  type TenderView,
} from '../../src-shared/contract/payments';
import type { AccountDetail, AccountSearchHit } from '../../src-shared/contract/accounts';
import { formatCents, parseDollars } from '../../src-shared/money';
import { formatServiceAddress } from '../accounts/format';

/** What the clerk has typed in each denomination's box (blank = none). */
export type CountTexts = Partial<Record<DenominationCode, string>>;

export interface CountResult {
  counts: DenominationCounts;
  currencyCents: number;
  coinCents: number;
  totalCents: number;
  /** Denominations whose box is not a whole number 0 or more, in sheet order. */
  invalid: DenominationCode[];
}

/** A count box: blank is 0; otherwise a whole number of pieces (or null when it is not one). */
export function parseCount(text: string | undefined): number | null {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return 0;
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : null;
}

/** The typed count as operation input, with its totals (what the screen shows under the sheet). */
export function countCash(texts: CountTexts): CountResult {
  const counts: DenominationCounts = {};
  const invalid: DenominationCode[] = [];
  let currencyCents = 0;
  let coinCents = 0;
  for (const denomination of DENOMINATIONS) {
    const pieces = parseCount(texts[denomination.code]);
    if (pieces === null) {
      invalid.push(denomination.code);
      continue;
    }
    if (pieces === 0) continue;
    counts[denomination.code] = pieces;
    if (denomination.kind === 'currency') currencyCents += pieces * denomination.valueCents;
    else coinCents += pieces * denomination.valueCents;
  }
  return { counts, currencyCents, coinCents, totalCents: currencyCents + coinCents, invalid };
}

/** One tender row as typed: every kind's fields, only the chosen kind's are sent. */
export interface TenderDraft {
  kind: TenderKind;
  amountText: string;
  checkNumber: string;
  bank: string;
  lastFour: string;
  authorizationCode: string;
  serialNumber: string;
  issuer: string;
}

export const blankTender = (kind: TenderKind = 'cash', amountText = ''): TenderDraft => ({
  kind,
  amountText,
  checkNumber: '',
  bank: '',
  lastFour: '',
  authorizationCode: '',
  serialNumber: '',
  issuer: '',
});

/**
 * The tender row the next envelope of a batch starts with: the last entry's kind, and for a
 * check its bank (a run of one payer's checks), with the amount and number left to type.
 */
export function nextTenders(last: readonly TenderDraft[]): TenderDraft[] {
  const first = last[0];
  if (!first) return [blankTender('check')];
  return [{ ...blankTender(first.kind), bank: first.kind === 'check' ? first.bank : '', issuer: first.kind === 'money_order' ? first.issuer : '' }];
}

/** A stored receipt's tenders as rows to edit (correcting a batch entry). */
export function draftsOfReceipt(tenders: readonly TenderView[]): TenderDraft[] {
  return tenders.map((tender) => {
    const draft = blankTender(tender.kind, (tender.amountCents / 100).toFixed(2));
    const number = tender.itemNumber ?? '';
    if (tender.kind === 'check') return { ...draft, checkNumber: number, bank: tender.drawnOn ?? '' };
    if (tender.kind === 'money_order') return { ...draft, serialNumber: number, issuer: tender.drawnOn ?? '' };
    if (tender.kind === 'card') return { ...draft, lastFour: tender.cardLastFour ?? '', authorizationCode: tender.cardAuthorization ?? '' };
    return draft;
  });
}

export type Parsed<Value> = { ok: true; value: Value } | { ok: false; field: string; message: string };

/** Tender rows as operation input; the first row that is not an amount is named ("tenders.1.amountCents"). */
export function tendersInput(drafts: readonly TenderDraft[]): Parsed<TenderInput[]> {
  const tenders: TenderInput[] = [];
  for (const [index, draft] of drafts.entries()) {
    const amountCents = parseDollars(draft.amountText);
    if (amountCents === null || amountCents <= 0) {
      return { ok: false, field: `tenders.${index}.amountCents`, message: `Enter the ${draft.kind === 'cash' ? 'cash handed over' : 'amount'} in dollars, e.g. 40 or 52.75` };
    }
    tenders.push(tenderOf(draft, amountCents));
  }
  return { ok: true, value: tenders };
}

function tenderOf(draft: TenderDraft, amountCents: number): TenderInput {
  switch (draft.kind) {
    case 'cash':
      return { kind: 'cash', amountCents };
    case 'check':
      return { kind: 'check', amountCents, checkNumber: draft.checkNumber.trim(), bank: draft.bank.trim() };
    case 'card':
      return { kind: 'card', amountCents, lastFour: draft.lastFour.trim(), authorizationCode: draft.authorizationCode.trim() };
    case 'money_order':
      return { kind: 'money_order', amountCents, serialNumber: draft.serialNumber.trim(), issuer: draft.issuer.trim() };
  }
}

export interface ChangePreview {
  tenderedCents: number;
  /** Cash handed back: only cash gives change, never more than the cash tendered. */
  changeCents: number;
  /** Non-cash tendered beyond the amount: left on the account as a credit. */
  creditCents: number;
  /** What the tenders still lack (0 when they cover the amount). */
  shortCents: number;
}

/** The change due as the clerk types (the same rule as core/payments/tenders.ts settleTenders). */
export function previewChange(amountCents: number, tenders: readonly { kind: TenderKind; amountCents: number }[]): ChangePreview {
  const tenderedCents = tenders.reduce((sum, tender) => sum + tender.amountCents, 0);
  const cashCents = tenders.filter((tender) => tender.kind === 'cash').reduce((sum, tender) => sum + tender.amountCents, 0);
  const excessCents = Math.max(0, tenderedCents - amountCents);
  const changeCents = Math.min(excessCents, cashCents);
  return { tenderedCents, changeCents, creditCents: excessCents - changeCents, shortCents: Math.max(0, amountCents - tenderedCents) };
}

/**
 * The tender and what becomes of it, in one sentence, when part of it stays on the account as a
 * credit: "Check $200.00: pays $133.49, leaves a credit of $66.51". Null when nothing is credited
 * (the change box says it all then).
 */
export function creditSentence(amountCents: number, tenders: readonly { kind: TenderKind; amountCents: number }[], change: ChangePreview, changeAsCredit: boolean): string | null {
  const creditCents = change.creditCents + (changeAsCredit ? change.changeCents : 0);
  if (creditCents <= 0 || change.shortCents > 0) return null;
  const only = tenders.length === 1 ? tenders[0] : undefined;
  const tendered = only ? `${TENDER_KIND_LABELS[only.kind]} ${formatCents(only.amountCents)}` : `Tendered ${formatCents(change.tenderedCents)}`;
  return `${tendered}: pays ${formatCents(amountCents)}, leaves a credit of ${formatCents(creditCents)}`;
}

/** The amounts typed per tender, skipping rows not yet amounts (for the live preview). */
export function typedTenderAmounts(drafts: readonly TenderDraft[]): { kind: TenderKind; amountCents: number }[] {
  return drafts.flatMap((draft) => {
    const amountCents = parseDollars(draft.amountText);
    return amountCents !== null && amountCents > 0 ? [{ kind: draft.kind, amountCents }] : [];
  });
}

/**
 * The account Enter adds: the one whose number was typed exactly (an owner's accounts 000154-01
 * and 000154-02 both match "000154-02"), else the highlighted hit once the clerk has moved it,
 * else the first.
 */
export function pickHit<Hit extends { accountNumber: string }>(hits: readonly Hit[], query: string, highlight: number): Hit | undefined {
  const typed = query.trim().toUpperCase();
  const exact = hits.find((hit) => hit.accountNumber.toUpperCase() === typed);
  return exact ?? hits[highlight] ?? hits[0];
}

/** An account opened by its page ("Take payment") as the payment form holds a found one. */
export function hitFromAccount(account: AccountDetail): AccountSearchHit {
  return {
    accountId: account.accountId,
    accountNumber: account.accountNumber,
    customerName: account.customer.displayName,
    serviceAddress: formatServiceAddress(account.location),
    status: account.status,
    balanceCents: account.balanceCents,
    meterSerials: account.meters.map((meter) => meter.serial),
    phone: account.customer.primaryPhone,
  };
}

/** The counter's address for taking a payment on one account (the account page's button). */
export const takePaymentPath = (accountId: number) => `/cash/counter/account/${accountId}`;

/** The account a counter path names ("/cash/counter/account/12" → 12), or undefined. */
export function accountOfCounterPath(rest: readonly string[]): number | undefined {
  if (rest[0] !== 'counter' || rest[1] !== 'account' || !/^\d{1,12}$/.test(rest[2] ?? '')) return undefined;
  return Number(rest[2]);
}

/**
 * Why a receipt no longer counts, said once with who did it and when:
 * "Voided 11/02/2026 9:05 AM by Carla Clerk, approved by Sofia Supervisor: wrong account".
 * Null for a receipt that stands.
 */
export function receiptUndoneText(
  receipt: { voided: { at: string; by: string; approvedBy: string | null; reason: string } | null; returned: { at: string; by: string; reason: string } | null },
  formatDateTime: (iso: string) => string,
): { headline: string; reason: string } | null {
  if (receipt.voided) {
    const approved = receipt.voided.approvedBy ? `, approved by ${receipt.voided.approvedBy}` : '';
    return { headline: `Voided ${formatDateTime(receipt.voided.at)} by ${receipt.voided.by}${approved}`, reason: receipt.voided.reason };
  }
  if (receipt.returned) return { headline: `Check returned, recorded ${formatDateTime(receipt.returned.at)} by ${receipt.returned.by}`, reason: receipt.returned.reason };
  return null;
}

/** The account page as reached from a receipt: its ledger, with the way back to the receipt. */
export const accountFromReceiptPath = (accountId: number, paymentId: string) => `/accounts/${accountId}/ledger/receipt/${paymentId}`;

/** What to suggest paying on an account: its balance when it owes, otherwise nothing. */
export const suggestedAmountText = (balanceCents: number) => (balanceCents > 0 ? (balanceCents / 100).toFixed(2) : '');

/** "Over $2.00", "Short $5.00", "Even". */
export function overShortText(cents: number | null): string {
  if (cents === null) return '—';
  if (cents === 0) return 'Even';
  return cents > 0 ? `Over ${formatCents(cents)}` : `Short ${formatCents(-cents)}`;
}

/** The drawer check compares numbers of drawers (carried in its cents fields), not money. */
export function assertionFigure(assertion: Pick<EndOfDayAssertion, 'name'>, value: number): string {
  return assertion.name.startsWith('Every drawer') ? `${value} drawer${value === 1 ? '' : 's'}` : formatCents(value);
}

/** A check or money order typed at close. */
export interface ItemDraft {
  kind: 'check' | 'money_order';
  number: string;
  amountText: string;
}

/** The close's listed items as input; blank rows are ignored, a bad amount is named. */
export function itemsInput(drafts: readonly ItemDraft[]): Parsed<ListedItem[]> {
  const items: ListedItem[] = [];
  for (const [index, draft] of drafts.entries()) {
    if (draft.number.trim() === '' && draft.amountText.trim() === '') continue;
    const amountCents = parseDollars(draft.amountText);
    if (amountCents === null || amountCents <= 0) return { ok: false, field: `count.items.${index}.amountCents`, message: `Item ${index + 1}: enter its amount in dollars` };
    items.push({ kind: draft.kind, number: draft.number.trim(), amountCents });
  }
  return { ok: true, value: items };
}

/** Base64 of a PDF answer as a downloadable blob. */
export const pdfBlob = (base64: string) => new Blob([Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))], { type: 'application/pdf' });
