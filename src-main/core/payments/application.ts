/**
 * Applying a payment to an account's open charges, by the district's rule (a setting):
 * - `oldest_first` (default): the oldest charge first, whatever its kind;
 * - `penalties_past_due_current`: penalties and fees first, then past-due charges, then current.
 * Within a group charges go oldest first. "Oldest" is the charge date, then the due date, then the
 * charge id (numbers in numeric order, before text ids in code-unit order), so the same inputs
 * always give the same allocation. A charge is past due when its due date is before the as-of
 * date (the payment's date); a penalty counts as a penalty whatever its due date.
 *
 * Each charge takes min(its open amount, what is left of the payment); exact integer cents, no
 * rounding anywhere. What is left after every charge is paid becomes a credit on the account.
 */
import { z } from 'zod';
import { DEFAULT_PAYMENT_APPLICATION_RULE, paymentApplicationRule, type PaymentApplicationRule } from '../../../src-shared/contract/payments';
import { isoDate } from '../../../src-shared/contract/fields';
import { assertInvariant, OfficeError } from '../errors';
import { parseInput, requireCents } from './validate';

export type { PaymentApplicationRule };
export { DEFAULT_PAYMENT_APPLICATION_RULE, PAYMENT_APPLICATION_RULES } from '../../../src-shared/contract/payments';

export const CHARGE_KINDS = ['penalty', 'charge'] as const;
/** `penalty`: late charges, penalties and fees; `charge`: everything billed for service. */
export type ChargeKind = (typeof CHARGE_KINDS)[number];
export type ChargeBucket = 'penalty' | 'past_due' | 'current';

export interface OpenCharge {
  /** The charge's id (a bill line, a fee); unique among the charges given. */
  chargeId: number | string;
  kind: ChargeKind;
  /** When it was billed or assessed, "YYYY-MM-DD". */
  chargeDate: string;
  /** When it is due, "YYYY-MM-DD". */
  dueDate: string;
  /** What is still owed on it, more than zero. */
  openCents: number;
}

export interface Allocation {
  chargeId: number | string;
  bucket: ChargeBucket;
  openBeforeCents: number;
  appliedCents: number;
  openAfterCents: number;
}

export interface PaymentApplication {
  rule: PaymentApplicationRule;
  paymentCents: number;
  /** Charges that received money, in the order they were paid. */
  allocations: Allocation[];
  /** Sum of allocations: min(payment, everything open). */
  appliedCents: number;
  /** What is left after every open charge is paid: a credit balance on the account. */
  creditCents: number;
}

export interface ApplyPaymentInput {
  paymentCents: number;
  charges: readonly OpenCharge[];
  /** The district's setting; oldest first when not given. */
  rule?: PaymentApplicationRule;
  /** The payment's date, "YYYY-MM-DD": charges due before it are past due. */
  asOfDate: string;
}

/** A bound on one account's open charges (years of monthly bills with fees). */
export const MAX_OPEN_CHARGES = 10_000;

const openChargeSchema = z.object({
  chargeId: z.union([z.number().int('A charge id is a whole number or text'), z.string().min(1, 'A charge id is required').max(100)]),
  kind: z.enum(CHARGE_KINDS, { error: 'A charge is a penalty or a charge' }),
  chargeDate: isoDate,
  dueDate: isoDate,
  openCents: z.number().int('Amounts are whole cents').positive('An open charge has more than $0.00 open').max(Number.MAX_SAFE_INTEGER),
});
const chargesSchema = z.array(openChargeSchema).max(MAX_OPEN_CHARGES, `At most ${MAX_OPEN_CHARGES} open charges on one account`);

/** Spreads a payment over the open charges by the rule. Throws INVALID_INPUT naming the bad field. */
export function applyPayment(input: ApplyPaymentInput): PaymentApplication {
  const paymentCents = requireCents(input.paymentCents, 'paymentCents', { min: 1 });
  const rule = parseInput(paymentApplicationRule, input.rule ?? DEFAULT_PAYMENT_APPLICATION_RULE, 'rule');
  const asOfDate = parseInput(isoDate, input.asOfDate, 'asOfDate');
  const charges = parseInput(chargesSchema, input.charges, 'charges');
  refuseDuplicateIds(charges);

  const ordered = charges
    .map((charge) => ({ charge, bucket: bucketOf(charge, asOfDate) }))
    .sort((a, b) => (rule === 'oldest_first' ? 0 : BUCKET_ORDER[a.bucket] - BUCKET_ORDER[b.bucket]) || compareAge(a.charge, b.charge));

  const allocations: Allocation[] = [];
  let leftCents = paymentCents;
  for (const { charge, bucket } of ordered) {
    if (leftCents === 0) break;
    const appliedCents = Math.min(charge.openCents, leftCents);
    leftCents -= appliedCents;
    allocations.push({ chargeId: charge.chargeId, bucket, openBeforeCents: charge.openCents, appliedCents, openAfterCents: charge.openCents - appliedCents });
  }
  const appliedCents = paymentCents - leftCents;
  assertInvariant(allocations.reduce((sum, line) => sum + line.appliedCents, 0) === appliedCents, 'allocations sum to what was applied');
  return { rule, paymentCents, allocations, appliedCents, creditCents: leftCents };
}

const BUCKET_ORDER: Record<ChargeBucket, number> = { penalty: 0, past_due: 1, current: 2 };

export function bucketOf(charge: Pick<OpenCharge, 'kind' | 'dueDate'>, asOfDate: string): ChargeBucket {
  if (charge.kind === 'penalty') return 'penalty';
  // ISO dates compare correctly as text.
  return charge.dueDate < asOfDate ? 'past_due' : 'current';
}

function compareAge(a: OpenCharge, b: OpenCharge): number {
  return compareText(a.chargeDate, b.chargeDate) || compareText(a.dueDate, b.dueDate) || compareIds(a.chargeId, b.chargeId);
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareIds(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return compareText(a, b);
}

function refuseDuplicateIds(charges: readonly OpenCharge[]): void {
  const seen = new Set<string>();
  charges.forEach((charge, index) => {
    const key = `${typeof charge.chargeId}:${charge.chargeId}`;
    if (seen.has(key)) {
      throw new OfficeError('INVALID_INPUT', `charges.${index}.chargeId: charge ${String(charge.chargeId)} is listed twice`, `charges.${index}.chargeId`);
    }
    seen.add(key);
  });
}
