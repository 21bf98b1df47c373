/**
 * Pure helpers for the account page's billing actions: the fees of the schedule in force, the
 * amount a fee will charge (for display only: the main process computes the charge itself), and
 * the words for a move-out's outcome. Money stays integer cents; rates stay decimal strings.
 */
import Big from 'big.js';
import type { MoveOutResult } from '../../src-shared/contract/billing';
import type { FeeRate, RateDocument } from '../../src-shared/contract/rates';
import { ROUNDING_RULE, formatCents, roundToCents } from '../../src-shared/money';
import { scheduleInForce } from '../billing/billingFormat';

export interface FeeInForce {
  code: string;
  fee: FeeRate;
  /** The schedule the fee comes from ("2026-27 rates (5% increase)"). */
  scheduleName: string;
}

/** The fee table of the schedule in force on `onDate`, in the document's order; empty when none is. */
export function feesInForce(document: RateDocument, onDate: string): FeeInForce[] {
  const schedule = scheduleInForce(document.schedules, onDate);
  if (!schedule?.fees) return [];
  return Object.entries(schedule.fees).map(([code, fee]) => ({ code, fee, scheduleName: schedule.name }));
}

/** Dollars at published precision as cents, rounded by the district's rule ("35.00" → 3500). */
const dollarsToCents = (dollars: string) => roundToCents(new Big(dollars).times(100), ROUNDING_RULE);

/** "Account set-up — $35.00" or "Late charge — 10% (minimum $5.00)": how a fee reads in a list. */
export function feeTerms(fee: FeeRate): string {
  if (fee.kind === 'flat') return formatCents(dollarsToCents(fee.amount));
  const minimum = fee.minimumAmount === undefined ? '' : ` (minimum ${formatCents(dollarsToCents(fee.minimumAmount))})`;
  return `${fee.percent}% of an amount${minimum}`;
}

/**
 * What charging `fee` will come to, in cents: a flat fee's amount, or `percent` of `baseCents`
 * raised to the minimum, rounded half-up like core/rates/fees.ts. Null when a percentage fee has
 * no base yet. For the confirmation only: the main process decides the amount posted.
 */
export function feeAmountCents(fee: FeeRate, baseCents: number | null): number | null {
  if (fee.kind === 'flat') return dollarsToCents(fee.amount);
  if (baseCents === null) return null;
  const percentCents = new Big(baseCents).times(fee.percent).div(100);
  const floorCents = fee.minimumAmount === undefined ? null : new Big(fee.minimumAmount).times(100);
  const exactCents = floorCents !== null && percentCents.lt(floorCents) ? floorCents : percentCents;
  return roundToCents(exactCents, ROUNDING_RULE);
}

/** How a move-out left the account, in the words the counter says to the customer. */
export function moveOutOutcome(result: Pick<MoveOutResult, 'balanceCents' | 'refundDueCents'>): { label: string; amountCents: number; kind: 'due' | 'refund' | 'settled' } {
  if (result.refundDueCents > 0) return { label: 'REFUND DUE to the customer', amountCents: result.refundDueCents, kind: 'refund' };
  if (result.balanceCents > 0) return { label: 'Balance due from the customer', amountCents: result.balanceCents, kind: 'due' };
  return { label: 'Nothing owed either way', amountCents: 0, kind: 'settled' };
}
