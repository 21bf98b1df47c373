/**
 * Tenders: what a customer hands over at the counter, and what becomes of it.
 *
 * The clerk enters the amount the customer is paying (across every account on the receipt) and
 * one or more tenders. The rules, in integer cents:
 * - the tenders must cover the amount (a partial payment of the balance is fine; a payment
 *   the tenders do not cover is not);
 * - only cash gives change, and never more than the cash tendered;
 * - when checks, cards and money orders alone exceed the amount (a $100.00 check for an $80.00
 *   payment) the excess cannot be handed back: the district's choice is to credit it to the
 *   account (default) or to refuse and ask for a new amount;
 * - the customer may leave the cash change on the account instead (`changeAsCredit`);
 * - whatever is not handed back is the payment: `paymentCents = amountCents + creditCents`.
 * What the payment then pays, and what is left as a credit balance, is application.ts.
 *
 * Card tenders carry the last four digits and the authorisation code only; anything that looks
 * like a full card number is refused by the contract schema (src-shared/contract/payments.ts).
 */
import {
  TENDER_KINDS,
  tenderSettlementInput,
  type Tender,
  type TenderKind,
  type TenderSettlementInput,
} from '../../../src-shared/contract/payments';
import { formatCents } from '../../../src-shared/money';
import { assertInvariant, OfficeError } from '../errors';
import { parseInput } from './validate';

export type { Tender, TenderKind, TenderSettlementInput };
export type CentsByTender = Record<TenderKind, number>;

export interface TenderSettlement {
  /** The amount the clerk entered: what the customer said they are paying. */
  amountCents: number;
  /** The tenders as validated (trimmed; authorisation codes upper case). */
  tenders: Tender[];
  /** Sum of all tenders. */
  tenderedCents: number;
  tenderedByKind: CentsByTender;
  /** Cash handed back. Never more than the cash tendered; zero when no cash was tendered. */
  changeCents: number;
  /** Tendered minus change: what posts to the account(s). Equals amountCents + creditCents. */
  paymentCents: number;
  /** Tender excess kept by the district and credited to the account (non-cash excess, or change left on account). */
  creditCents: number;
  /** Cash tendered minus change: the drawer's net cash from this payment. */
  cashKeptCents: number;
}

/** Sum of tenders per kind; every kind present, zero when unused. */
export function totalsByKind(tenders: readonly Tender[]): CentsByTender {
  const totals = Object.fromEntries(TENDER_KINDS.map((kind) => [kind, 0])) as CentsByTender;
  for (const tender of tenders) totals[tender.kind] += tender.amountCents;
  return totals;
}

/**
 * Settles one receipt's tenders against the amount being paid. Throws INVALID_INPUT naming the
 * field (for example `tenders.1.lastFour`) for a malformed tender, a card number, tenders that do
 * not cover the amount, or (with `nonCashExcess: 'refuse'`) a check larger than the amount.
 */
export function settleTenders(input: TenderSettlementInput): TenderSettlement {
  const { amountCents, tenders, changeAsCredit, nonCashExcess } = parseInput(tenderSettlementInput, input);
  const tenderedByKind = totalsByKind(tenders);
  const tenderedCents = tenders.reduce((sum, tender) => sum + tender.amountCents, 0);
  const cashCents = tenderedByKind.cash;
  const nonCashCents = tenderedCents - cashCents;

  if (tenderedCents < amountCents) {
    throw new OfficeError(
      'INVALID_INPUT',
      `tenders: the tenders total ${formatCents(tenderedCents)}, ${formatCents(amountCents - tenderedCents)} short of the ${formatCents(amountCents)} payment. Add a tender or lower the amount.`,
      'tenders',
    );
  }
  // Non-cash tenders beyond the amount can never come back as change.
  const nonCashExcessCents = Math.max(0, nonCashCents - amountCents);
  if (nonCashExcessCents > 0 && nonCashExcess === 'refuse') {
    throw new OfficeError(
      'INVALID_INPUT',
      `tenders: the check, card and money order tenders (${formatCents(nonCashCents)}) are more than the ${formatCents(amountCents)} payment, and only cash gives change. Make the payment ${formatCents(nonCashCents)} or lower a tender.`,
      'tenders',
    );
  }
  const excessCents = tenderedCents - amountCents;
  const changeableCents = Math.min(excessCents, cashCents);
  const changeCents = changeAsCredit ? 0 : changeableCents;
  const creditCents = excessCents - changeCents;
  const settlement: TenderSettlement = {
    amountCents,
    tenders,
    tenderedCents,
    tenderedByKind,
    changeCents,
    paymentCents: tenderedCents - changeCents,
    creditCents,
    cashKeptCents: cashCents - changeCents,
  };
  assertSettlement(settlement);
  return settlement;
}

function assertSettlement(settlement: TenderSettlement): void {
  const { changeCents, creditCents, paymentCents, amountCents, tenderedCents, tenderedByKind } = settlement;
  assertInvariant(changeCents >= 0 && changeCents <= tenderedByKind.cash, 'change is cash, at most the cash tendered');
  assertInvariant(creditCents >= 0, 'tender credit is never negative');
  assertInvariant(paymentCents === amountCents + creditCents, 'payment = amount + credit');
  assertInvariant(paymentCents + changeCents === tenderedCents, 'tendered = payment + change');
}

/** One line per tender for a receipt: "Cash $100.00", "Check 1043 (Valley Bank) $52.00" ("Check 1043 $52.00" without a bank), "Card ending 1111, auth 0A12B $20.00". */
export function describeTender(tender: Tender): string {
  const amount = formatCents(tender.amountCents);
  switch (tender.kind) {
    case 'cash':
      return `Cash ${amount}`;
    case 'check':
      // The bank is optional (a mail keyer may leave it out): no empty brackets then.
      return `Check ${tender.checkNumber}${tender.bank === '' ? '' : ` (${tender.bank})`} ${amount}`;
    case 'card':
      return `Card ending ${tender.lastFour}, auth ${tender.authorizationCode} ${amount}`;
    case 'money_order':
      return `Money order ${tender.serialNumber}${tender.issuer === '' ? '' : ` (${tender.issuer})`} ${amount}`;
  }
}
