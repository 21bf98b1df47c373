/**
 * Receivable aging as of any date (issue #16 item 2): open items by how long past their due date,
 * with payments applied by the district's rule, by rate class and service; credit balances apart;
 * the total checked against the receivable control account (GL 1100) as of the same date.
 */
import { z } from 'zod';
import type { PaymentApplicationRule } from './payments';
import { defineOperation } from './define';
import { isoDate } from './fields';

/** What an open charge was for, from the revenue lines of its journal entry. */
export const AGING_SERVICES = ['water', 'wastewater', 'fire', 'fees', 'other'] as const;
export type AgingService = (typeof AGING_SERVICES)[number];
export const AGING_SERVICE_LABELS: Record<AgingService, string> = {
  water: 'Water',
  wastewater: 'Wastewater',
  fire: 'Private fire',
  fees: 'Fees and penalties',
  other: 'Other (opening balances, adjustments, returned payments)',
};

/** An account's rate class (its water service's, else its first service's); `none` without a service. */
export const AGING_RATE_CLASSES = ['residential', 'multi_family', 'commercial', 'irrigation', 'none'] as const;
export type AgingRateClass = (typeof AGING_RATE_CLASSES)[number];
export const AGING_RATE_CLASS_LABELS: Record<AgingRateClass, string> = {
  residential: 'Residential',
  multi_family: 'Multi-family',
  commercial: 'Commercial',
  irrigation: 'Irrigation',
  none: 'No service',
};

/** Where each past-due bucket starts, in days past due (the first bucket, "current", is 0 days or not yet due). */
export const DEFAULT_AGING_BUCKET_STARTS = [1, 31, 61, 91] as const;
export const MAX_AGING_BUCKETS = 8;
/** The drill-down's `accountsIn` for credit balances. */
export const CREDIT_BUCKET_KEY = 'credit';

export interface AgingBucket {
  /** "current", "1-30", …, "91+" (the key the drill-down names). */
  key: string;
  /** "Current", "1–30", …, "Over 90". */
  label: string;
  fromDays: number;
  /** Inclusive; null for the last bucket. */
  toDays: number | null;
}

export interface AgingRow {
  rateClass: AgingRateClass;
  service: AgingService;
  /** Open cents per bucket, in `buckets` order. */
  bucketCents: number[];
  totalCents: number;
}

export interface AgingCredit {
  rateClass: AgingRateClass;
  accountCount: number;
  creditCents: number;
}

export interface AgingControl {
  glCode: string;
  /** All open items, every class and service (the filters do not apply here). */
  openItemsCents: number;
  /** All credit balances, as a positive amount. */
  creditBalancesCents: number;
  /** openItems − credits: what the customers owe net. */
  netCents: number;
  /** The control account's balance as of the date, summed from its journal lines. */
  controlAccountCents: number;
  /** Always true in a returned report: the operation refuses to answer when they differ. */
  agrees: boolean;
}

export interface AgingAccount {
  accountId: number;
  accountNumber: string;
  name: string;
  rateClass: AgingRateClass;
  /** What the account has in the chosen bucket (under the class and service filters); for `credit`, its credit. */
  bucketCents: number;
  /** All its open items, every bucket. */
  openCents: number;
  /** Days past due of its oldest open item (0 when none is past due). */
  oldestDaysPastDue: number;
}

export interface AgingReport {
  asOf: string;
  rule: PaymentApplicationRule;
  buckets: AgingBucket[];
  filter: { rateClass: AgingRateClass | null; service: AgingService | null; accountsIn: string | null };
  /** One row per class and service with anything open, under the filters. */
  rows: AgingRow[];
  bucketTotalsCents: number[];
  openTotalCents: number;
  /** Accounts with anything open under the filters. */
  openAccountCount: number;
  /** Credit balances by class (the class filter applies; a credit has no service). */
  credits: AgingCredit[];
  creditTotalCents: number;
  control: AgingControl;
  /** The drill-down, when `accountsIn` is given: largest first. */
  accounts: AgingAccount[] | null;
  /** How the report was computed, for the curious: accounts replayed from a recent window vs their whole history. */
  computation: { windowDays: number; accountsFromWindow: number; accountsFromFullHistory: number; elapsedMs: number };
}

export const collectionsAging = defineOperation<AgingReport>()({
  name: 'collections.aging',
  summary: 'Receivable aging as of a date: open items by days past due, by rate class and service, credit balances, checked against the control account',
  // Read-only, and nothing a clerk cannot already see account by account: every role may view it.
  role: 'clerk',
  writes: false,
  input: z.object({
    asOf: isoDate,
    rateClass: z.enum(AGING_RATE_CLASSES, { error: 'Rate class is residential, multi_family, commercial, irrigation or none' }).optional(),
    service: z.enum(AGING_SERVICES, { error: 'Service is water, wastewater, fire, fees or other' }).optional(),
    /** A bucket's key (or "credit"): list the accounts in it. */
    accountsIn: z.string().min(1).max(20).optional(),
  }),
});

export interface AgingBucketSetting {
  starts: number[];
  buckets: AgingBucket[];
}

export const collectionsAgingBuckets = defineOperation<AgingBucketSetting>()({
  name: 'collections.agingBuckets',
  summary: 'Where the aging buckets start, in days past due',
  role: 'clerk',
  writes: false,
  input: z.object({}),
});

export const collectionsSetAgingBuckets = defineOperation<AgingBucketSetting>()({
  name: 'collections.setAgingBuckets',
  summary: 'Set where the aging buckets start, in days past due (e.g. 1, 31, 61, 91, 121 adds "over 120") (supervisor)',
  role: 'supervisor',
  writes: true,
  input: z.object({
    starts: z
      .array(z.number().int('Days are whole numbers').min(1, 'A bucket starts at least 1 day past due').max(3650, 'A bucket starts within 10 years'))
      .min(1, 'At least one past-due bucket')
      .max(MAX_AGING_BUCKETS, `At most ${MAX_AGING_BUCKETS} past-due buckets`)
      .refine((starts) => starts.every((day, index) => index === 0 || day > starts[index - 1]!), 'Bucket starts go up, each larger than the one before'),
  }),
});

/** The buckets from their starts: current, then one per start, the last open-ended. */
export function agingBuckets(starts: readonly number[]): AgingBucket[] {
  const buckets: AgingBucket[] = [{ key: 'current', label: 'Current', fromDays: 0, toDays: 0 }];
  starts.forEach((fromDays, index) => {
    const next = starts[index + 1];
    if (next === undefined) buckets.push({ key: `${fromDays}+`, label: `Over ${fromDays - 1}`, fromDays, toDays: null });
    else buckets.push({ key: `${fromDays}-${next - 1}`, label: `${fromDays}–${next - 1}`, fromDays, toDays: next - 1 });
  });
  return buckets;
}

/** Index of the bucket for a number of days past due (≤ 0: current). */
export function bucketIndexOf(starts: readonly number[], daysPastDue: number): number {
  let index = 0;
  while (index < starts.length && daysPastDue >= starts[index]!) index += 1;
  return index;
}
