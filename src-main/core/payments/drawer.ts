/**
 * Closing a drawer: what the system expects in it, what the clerk counted, and the over/short.
 *
 * Expected, per tender, from the drawer's payments (voided ones left out: a same-day void hands
 * the tenders back, so they are not in the drawer):
 * - cash = opening float + cash tendered − change given;
 * - checks and money orders: each one listed (number, amount, receipt), and their sums;
 * - card: the sum of card tenders (not in the drawer; compared with the terminal's batch total
 *   when the clerk enters it).
 * Counted: cash by denomination, every check and money order listed, the card batch total.
 * Over/short = counted − expected (over positive, short negative) for what is physically in the
 * drawer (cash, checks, money orders); it posts to the cash over/short GL account with a reason.
 * A card difference is reported apart: it is a keying or terminal matter, not drawer cash.
 */
import {
  drawerCloseCount,
  TENDER_KIND_LABELS,
  type DrawerCloseCountInput,
  type ListedItem,
  type Tender,
  type TenderKind,
} from '../../../src-shared/contract/payments';
import { formatCents } from '../../../src-shared/money';
import { assertInvariant, OfficeError } from '../errors';
import { countCash, type CashCount } from './denominations';
import { parseInput, requireCents } from './validate';

/** One receipt taken in the drawer, as settled (tenders.ts) and stored. */
export interface DrawerPayment {
  receiptNumber: string;
  /** Voided the same day: the tenders went back to the customer. */
  voided: boolean;
  tenders: readonly Tender[];
  /** Cash handed back on this receipt. */
  changeCents: number;
}

/** A check or money order the drawer should hold. */
export interface ExpectedItem {
  kind: 'check' | 'money_order';
  number: string;
  amountCents: number;
  receiptNumber: string;
  /** Bank of a check, issuer of a money order ("" when none was given). */
  drawnOn: string;
}

export interface DrawerExpectation {
  openingFloatCents: number;
  cashInCents: number;
  changeOutCents: number;
  /** openingFloatCents + cashInCents − changeOutCents. */
  cashCents: number;
  checkCents: number;
  moneyOrderCents: number;
  cardCents: number;
  /** Checks and money orders, in receipt order. */
  items: ExpectedItem[];
  /** Receipts counted in (not voided) and left out (voided). */
  paymentCount: number;
  voidedCount: number;
}

/** Limits: a drawer is one clerk's day. */
export const MAX_PAYMENTS_PER_DRAWER = 100_000;

/** What the drawer should hold after these payments. Throws INVALID_INPUT naming a bad payment. */
export function expectDrawer(openingFloatCents: number, payments: readonly DrawerPayment[]): DrawerExpectation {
  requireCents(openingFloatCents, 'openingFloatCents', { min: 0 });
  if (payments.length > MAX_PAYMENTS_PER_DRAWER) {
    throw new OfficeError('INVALID_INPUT', `payments: a drawer holds at most ${MAX_PAYMENTS_PER_DRAWER} receipts`, 'payments');
  }
  const expectation: DrawerExpectation = {
    openingFloatCents,
    cashInCents: 0,
    changeOutCents: 0,
    cashCents: 0,
    checkCents: 0,
    moneyOrderCents: 0,
    cardCents: 0,
    items: [],
    paymentCount: 0,
    voidedCount: 0,
  };
  payments.forEach((payment, index) => addPayment(expectation, payment, `payments.${index}`));
  expectation.cashCents = openingFloatCents + expectation.cashInCents - expectation.changeOutCents;
  assertInvariant(expectation.cashCents >= 0, 'a drawer never holds negative cash');
  return expectation;
}

function addPayment(expectation: DrawerExpectation, payment: DrawerPayment, field: string): void {
  if (payment.voided) {
    expectation.voidedCount += 1;
    return;
  }
  let cashCents = 0;
  payment.tenders.forEach((tender, index) => {
    requireCents(tender.amountCents, `${field}.tenders.${index}.amountCents`, { min: 1 });
    if (tender.kind === 'cash') cashCents += tender.amountCents;
    else if (tender.kind === 'card') expectation.cardCents += tender.amountCents;
    else if (tender.kind === 'check') {
      expectation.checkCents += tender.amountCents;
      expectation.items.push({ kind: 'check', number: tender.checkNumber, amountCents: tender.amountCents, receiptNumber: payment.receiptNumber, drawnOn: tender.bank });
    } else {
      expectation.moneyOrderCents += tender.amountCents;
      expectation.items.push({ kind: 'money_order', number: tender.serialNumber, amountCents: tender.amountCents, receiptNumber: payment.receiptNumber, drawnOn: tender.issuer });
    }
  });
  requireCents(payment.changeCents, `${field}.changeCents`, { min: 0 });
  if (payment.changeCents > cashCents) {
    throw new OfficeError('INVALID_INPUT', `${field}.changeCents: receipt ${payment.receiptNumber} gave ${formatCents(payment.changeCents)} change from ${formatCents(cashCents)} cash; change never exceeds the cash tendered`, `${field}.changeCents`);
  }
  expectation.cashInCents += cashCents;
  expectation.changeOutCents += payment.changeCents;
  expectation.paymentCount += 1;
}

export interface TenderComparison {
  tender: TenderKind;
  expectedCents: number;
  /** Null for card when no batch total was entered. */
  countedCents: number | null;
  /** counted − expected: over positive, short negative; null when not counted. */
  overShortCents: number | null;
}

export interface MatchedItem {
  expected: ExpectedItem;
  counted: ListedItem;
}

export interface DrawerReconciliation {
  cash: CashCount;
  /** Cash, check, money order, card: expected vs counted. */
  comparisons: TenderComparison[];
  items: { matched: MatchedItem[]; missing: ExpectedItem[]; unexpected: ListedItem[] };
  /** Over (+) or short (−) of cash, checks and money orders together. */
  overShortCents: number;
  /** Card batch total minus card tenders; null when no batch total was entered. */
  cardDifferenceCents: number | null;
  /** Nothing over or short, every item matched, and the card batch (if entered) agrees. */
  balanced: boolean;
  /** Sentences for the close screen, one per difference, in the order of `comparisons`. */
  findings: string[];
}

/** Compares the clerk's count with the expectation. Throws INVALID_INPUT naming a bad count field. */
export function reconcileDrawer(expectation: DrawerExpectation, countInput: DrawerCloseCountInput): DrawerReconciliation {
  const count = parseInput(drawerCloseCount, countInput);
  const cash = countCash(count.cash, 'cash');
  const counted = (kind: ListedItem['kind']) => count.items.filter((item) => item.kind === kind).reduce((sum, item) => sum + item.amountCents, 0);
  const compare = (tender: TenderKind, expectedCents: number, countedCents: number | null): TenderComparison => ({
    tender,
    expectedCents,
    countedCents,
    overShortCents: countedCents === null ? null : countedCents - expectedCents,
  });
  const comparisons = [
    compare('cash', expectation.cashCents, cash.totalCents),
    compare('check', expectation.checkCents, counted('check')),
    compare('money_order', expectation.moneyOrderCents, counted('money_order')),
    compare('card', expectation.cardCents, count.cardBatchTotalCents),
  ];
  const items = matchItems(expectation.items, count.items);
  const overShortCents = comparisons.slice(0, 3).reduce((sum, line) => sum + (line.overShortCents ?? 0), 0);
  const cardDifferenceCents = comparisons[3]?.overShortCents ?? null;
  const balanced = comparisons.every((line) => (line.overShortCents ?? 0) === 0) && items.missing.length === 0 && items.unexpected.length === 0;
  return { cash, comparisons, items, overShortCents, cardDifferenceCents, balanced, findings: describeFindings(expectation, comparisons, items) };
}

/** "001043" and "1043" are the same check number. */
const itemKey = (kind: string, number: string) => `${kind}:${number.trim().toUpperCase().replace(/^0+(?=.)/, '')}`;

/** Pairs each expected item with a listed one of the same kind, number and amount (each used once). */
function matchItems(expected: readonly ExpectedItem[], listed: readonly ListedItem[]): DrawerReconciliation['items'] {
  const unused = listed.map((item) => ({ item, key: itemKey(item.kind, item.number), used: false }));
  const matched: MatchedItem[] = [];
  const missing: ExpectedItem[] = [];
  for (const item of expected) {
    const key = itemKey(item.kind, item.number);
    const partner = unused.find((candidate) => !candidate.used && candidate.key === key && candidate.item.amountCents === item.amountCents);
    if (partner) {
      partner.used = true;
      matched.push({ expected: item, counted: partner.item });
    } else {
      missing.push(item);
    }
  }
  return { matched, missing, unexpected: unused.filter((candidate) => !candidate.used).map((candidate) => candidate.item) };
}

const COMPARISON_SUBJECTS: Record<TenderKind, string> = {
  cash: 'Cash is',
  check: 'Checks are',
  money_order: 'Money orders are',
  card: 'The card batch total is',
};

function describeFindings(expectation: DrawerExpectation, comparisons: readonly TenderComparison[], items: DrawerReconciliation['items']): string[] {
  const findings: string[] = [];
  for (const line of comparisons) {
    if (line.overShortCents === null || line.overShortCents === 0 || line.countedCents === null) continue;
    const direction = line.overShortCents > 0 ? 'over' : 'short';
    const basis =
      line.tender === 'cash'
        ? ` (float ${formatCents(expectation.openingFloatCents)} + cash in ${formatCents(expectation.cashInCents)} − change ${formatCents(expectation.changeOutCents)})`
        : '';
    findings.push(`${COMPARISON_SUBJECTS[line.tender]} ${direction} ${formatCents(Math.abs(line.overShortCents))}: counted ${formatCents(line.countedCents)}, expected ${formatCents(line.expectedCents)}${basis}.`);
  }
  for (const item of items.missing) {
    const sameNumber = items.unexpected.find((listed) => itemKey(listed.kind, listed.number) === itemKey(item.kind, item.number));
    const what = `${TENDER_KIND_LABELS[item.kind]} ${item.number} for ${formatCents(item.amountCents)} (receipt ${item.receiptNumber})`;
    findings.push(sameNumber ? `${what} is listed at ${formatCents(sameNumber.amountCents)}: check the amount keyed on the receipt or the count.` : `${what} is not in the drawer.`);
  }
  for (const item of items.unexpected) {
    const sameNumber = items.missing.some((missing) => itemKey(missing.kind, missing.number) === itemKey(item.kind, item.number));
    if (!sameNumber) findings.push(`${TENDER_KIND_LABELS[item.kind]} ${item.number} for ${formatCents(item.amountCents)} is in the drawer but on no receipt.`);
  }
  return findings;
}

/**
 * A closed drawer whose count leaves nothing for the bank: its cash is exactly its float (which
 * stays for tomorrow) and it holds no check or money order — a clerk who took only cards, or
 * nothing. It is settled for the day without a deposit (deposit.create would refuse an empty
 * slip), so end of day counts it as done and the deposit screen does not offer it.
 */
export function closedWithNothingToDeposit(drawer: { status: string; floatCents: number; countedCashCents: number | null; countedItemsCents: number | null }): boolean {
  return drawer.status === 'closed' && drawer.countedCashCents === drawer.floatCents && drawer.countedItemsCents === 0;
}
