/**
 * Rate schedules: the district's published rates as an effective-dated document (the JSON the
 * office imports and exports, docs/formats/rates.md), and the shape of a computed bill line with
 * its explanation (what the counter shows when a customer asks "why is my bill this much?").
 *
 * Every rate and amount is a decimal string kept at its full published precision ("4.9000",
 * "0.003271"): a JSON number would pass through a float and could lose digits. Quantities of water
 * are HCF (100 cubic feet) with at most 4 decimal places, the precision of a billed usage.
 * All charges are monthly: a regular bill charges one month; first, final and rate-change bills
 * prorate by days (src-main/core/rates/README.md).
 */
import { z } from 'zod';
import { METER_SIZES, RATE_CLASSES, type RateClass, type ServiceKind } from './accounts';
import { isoDate, safeText } from './fields';

export const RATE_DOCUMENT_FORMAT = 'billing-office-rates' as const;
/** The version of the document layout this build reads and writes. */
export const RATE_DOCUMENT_VERSION = 1 as const;
/** A bound on everything: more schedules than this in one document is a mistake, not history. */
export const MAX_SCHEDULES = 200;
export const MAX_TIERS = 12;
export const MAX_FEES = 100;
/** Fire service lines are 1" to 12" (accountServices.fireLineSizeInches). */
export const FIRE_LINE_SIZES_INCHES = ['1', '2', '3', '4', '6', '8', '10', '12'] as const;
export const WASTEWATER_METHODS = ['flat_per_unit', 'winter_average'] as const;
export type WastewaterMethod = (typeof WASTEWATER_METHODS)[number];

// ---------------------------------------------------------------------------------------------
// Decimal fields

const DOLLARS_PATTERN = /^\d{1,7}(\.\d{1,6})?$/;
const HCF_PATTERN = /^\d{1,7}(\.\d{1,4})?$/;
const PERCENT_PATTERN = /^\d{1,3}(\.\d{1,4})?$/;

/** A string-only field whose wrong type gets a sentence rather than zod's "expected string". */
function decimalString(example: string, pattern: RegExp, what: string) {
  return z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `${what} is required`
          : `${what} must be a decimal string in quotes, like "${example}" (a JSON number could lose digits)`,
    })
    // An empty box in the rate form: "is required" says more than the pattern would.
    .min(1, { error: `${what} is required`, abort: true })
    .regex(pattern, `${what} must be a non-negative decimal like "${example}"`);
}

/** Dollars at full published precision: up to 7 whole digits and 6 decimals ("0.003271"). */
export const rateDollars = decimalString('4.9000', DOLLARS_PATTERN, 'A rate in dollars').describe(
  'dollars, up to 6 decimal places',
);
/** Hundreds of cubic feet, up to 4 decimals. */
export const hcfQuantity = decimalString('10', HCF_PATTERN, 'A quantity in HCF');
const percentString = decimalString('10', PERCENT_PATTERN, 'A percentage');

// ---------------------------------------------------------------------------------------------
// The schedule

/**
 * One inclining tier: usage above the previous tier's `upToHcf` and up to this one's is charged
 * `ratePerHcf`. The last tier has `upToHcf: null` (no upper bound).
 */
export const rateTier = z.strictObject({
  upToHcf: hcfQuantity.nullable(),
  ratePerHcf: rateDollars,
});
export type RateTier = z.infer<typeof rateTier>;

export const waterClassRates = z
  .strictObject({
    tiers: z.array(rateTier).min(1, 'At least one tier is needed').max(MAX_TIERS, `At most ${MAX_TIERS} tiers`),
    /** Multi-family: each tier's width is multiplied by the service's dwelling units. */
    tierWidthsPerDwellingUnit: z.boolean().optional(),
    /** When the month's water charges (service charge + usage) come to less, a line makes up the difference. */
    monthlyMinimum: rateDollars.optional(),
  })
  .superRefine((rates, context) => checkTiers(rates.tiers, context));
export type WaterClassRates = z.infer<typeof waterClassRates>;

function checkTiers(tiers: readonly RateTier[], context: z.RefinementCtx): void {
  let previous = -1;
  tiers.forEach((tier, index) => {
    const last = index === tiers.length - 1;
    if (tier.upToHcf === null) {
      if (!last) context.addIssue({ code: 'custom', path: ['tiers', index, 'upToHcf'], message: 'Only the last tier can be open-ended (null)' });
      return;
    }
    if (last) context.addIssue({ code: 'custom', path: ['tiers', index, 'upToHcf'], message: 'The last tier must be open-ended: "upToHcf": null' });
    // Comparing as numbers is exact here: at most 7 digits and 4 decimals.
    const bound = Number(tier.upToHcf);
    if (bound <= previous || bound === 0) {
      context.addIssue({ code: 'custom', path: ['tiers', index, 'upToHcf'], message: `Tier bounds must rise: ${tier.upToHcf} is not above the tier before` });
    }
    previous = bound;
  });
}

export const waterRates = z.strictObject({
  /** Fixed monthly service charge by meter size (the spellings of meters.size: "5/8", "3/4", "1-1/2"...). */
  monthlyServiceCharge: z.partialRecord(z.enum(METER_SIZES), rateDollars),
  /** Volumetric tiers per rate class. A class with water service must be listed. */
  classes: z.partialRecord(z.enum(RATE_CLASSES), waterClassRates),
});
export type WaterRates = z.infer<typeof waterRates>;

export const winterAverageRates = z.strictObject({
  monthlyBaseCharge: rateDollars,
  ratePerHcf: rateDollars,
  /** Most HCF a month billed on the winter average (absent: no cap). */
  capHcf: hcfQuantity.optional(),
});

/**
 * Wastewater for one rate class: a flat monthly charge per dwelling unit (or EDU: a business's
 * equivalent dwelling units, kept in the service's dwelling units), and/or a charge on the
 * winter-average water use. `method` is the class's default; a service may name the other.
 */
export const wastewaterClassRates = z
  .strictObject({
    method: z.enum(WASTEWATER_METHODS),
    monthlyChargePerUnit: rateDollars.optional(),
    winterAverage: winterAverageRates.optional(),
    monthlyMinimum: rateDollars.optional(),
  })
  .superRefine((rates, context) => {
    if (rates.method === 'flat_per_unit' && rates.monthlyChargePerUnit === undefined) {
      context.addIssue({ code: 'custom', path: ['monthlyChargePerUnit'], message: 'The flat_per_unit method needs monthlyChargePerUnit' });
    }
    if (rates.method === 'winter_average' && rates.winterAverage === undefined) {
      context.addIssue({ code: 'custom', path: ['winterAverage'], message: 'The winter_average method needs winterAverage rates' });
    }
  });
export type WastewaterClassRates = z.infer<typeof wastewaterClassRates>;

export const privateFireRates = z.strictObject({
  /** Monthly charge by fire line size in whole inches ("2", "4", "6"...). */
  monthlyChargeByLineSize: z.partialRecord(z.enum(FIRE_LINE_SIZES_INCHES), rateDollars),
});

const feeCode = z.string().regex(/^[A-Z][A-Z0-9_]{1,23}$/, 'A fee code is capitals, digits and _ like "RETURNED_CHECK"');

export const flatFee = z.strictObject({
  description: safeText('Fee description').min(1, 'A fee needs a description').max(80),
  kind: z.literal('flat'),
  amount: rateDollars,
});
/** A percentage of a base the caller gives (a late charge on the past-due balance), with a floor. */
export const percentFee = z.strictObject({
  description: safeText('Fee description').min(1, 'A fee needs a description').max(80),
  kind: z.literal('percent'),
  percent: percentString,
  minimumAmount: rateDollars.optional(),
});
export const feeRate = z.discriminatedUnion('kind', [flatFee, percentFee]);
export type FeeRate = z.infer<typeof feeRate>;

export const rateSchedule = z
  .strictObject({
    /** First day the schedule applies. */
    effectiveFrom: isoDate,
    /** Last day it applies; absent: until the day before the next schedule (or open-ended). */
    effectiveThrough: isoDate.optional(),
    name: safeText('Schedule name').min(1, 'A schedule needs a name').max(120),
    /** Resolution, hearing date... what made it law. */
    adoptedBy: safeText('Adopted by').max(200).optional(),
    water: waterRates,
    wastewater: z.partialRecord(z.enum(RATE_CLASSES), wastewaterClassRates).optional(),
    privateFire: privateFireRates.optional(),
    fees: z
      .record(feeCode, feeRate)
      .refine((fees) => Object.keys(fees).length <= MAX_FEES, `At most ${MAX_FEES} fees`)
      .optional(),
  })
  .superRefine((schedule, context) => {
    if (schedule.effectiveThrough !== undefined && schedule.effectiveThrough < schedule.effectiveFrom) {
      context.addIssue({ code: 'custom', path: ['effectiveThrough'], message: `Ends before it starts (${schedule.effectiveFrom})` });
    }
  });
export type RateSchedule = z.infer<typeof rateSchedule>;

export const rateDocument = z
  .strictObject({
    format: z.literal(RATE_DOCUMENT_FORMAT, { error: `format must be "${RATE_DOCUMENT_FORMAT}"` }),
    version: z.literal(RATE_DOCUMENT_VERSION, {
      error: (issue) => `This build reads rate documents of version ${RATE_DOCUMENT_VERSION}; this one says ${JSON.stringify(issue.input)}`,
    }),
    district: safeText('District').max(120).optional(),
    schedules: z.array(rateSchedule).min(1, 'A rate document needs at least one schedule').max(MAX_SCHEDULES, `At most ${MAX_SCHEDULES} schedules`),
  })
  .superRefine((document, context) => checkOverlaps(document.schedules, context));
export type RateDocument = z.infer<typeof rateDocument>;

/** Two schedules in effect on the same day are refused, naming the later one. */
function checkOverlaps(schedules: readonly RateSchedule[], context: z.RefinementCtx): void {
  const order = schedules.map((schedule, index) => ({ schedule, index })).sort((a, b) => compareText(a.schedule.effectiveFrom, b.schedule.effectiveFrom));
  for (let position = 1; position < order.length; position += 1) {
    const earlier = order[position - 1]!;
    const later = order[position]!;
    const earlierThrough = earlier.schedule.effectiveThrough;
    const same = earlier.schedule.effectiveFrom === later.schedule.effectiveFrom;
    if (same || (earlierThrough !== undefined && earlierThrough >= later.schedule.effectiveFrom)) {
      const span = same ? `also starts ${later.schedule.effectiveFrom}` : `runs through ${earlierThrough}`;
      context.addIssue({
        code: 'custom',
        path: ['schedules', later.index, 'effectiveFrom'],
        message: `Overlaps schedule ${earlier.index} ("${earlier.schedule.name}"), which ${span}`,
      });
    }
  }
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// ---------------------------------------------------------------------------------------------
// A computed bill (core/rates computeBill): lines with their arithmetic

/** Revenue accounts of the chart (src-main/core/ledger/chart.ts) a bill line credits. */
export type RevenueGlCode = '4000' | '4100' | '4200' | '4300';
export type BillLineKind = 'service_charge' | 'usage' | 'wastewater' | 'fire_service' | 'minimum' | 'fee';

/** One multiplication of an explanation: quantity × rate = amount (exact dollars). */
export interface ExplanationTerm {
  label: string;
  /** Exact decimal: HCF, dwelling units, months... */
  quantity: string;
  unit: 'HCF' | 'month' | 'dwelling unit' | 'percent' | 'dollars';
  /** Dollars per unit at full precision. */
  rate: string;
  /** quantity × rate, exact dollars (may be negative: "less charges above"). */
  amount: string;
}

export interface LineExplanation {
  /** For the counter and the printed bill: "13 HCF: 10 × $4.90 + 3 × $9.55 = $77.65". */
  sentence: string;
  terms: ExplanationTerm[];
  /**
   * When the line charges other than one month: the sum of the terms × days / periodDays (part of
   * a regular period), or, with `perDay`, × days × 12 / 365 (a period shorter or longer than a
   * regular month: core/rates/README.md, "Periods that are not a month").
   */
  proration: { days: number; periodDays: number; perDay?: true } | null;
  /** For usage split across a rate change: this part's HCF = wholeUsageHcf × days / servedDays. */
  usageSplit: { wholeUsageHcf: string; days: number; servedDays: number } | null;
  /** Exact dollars before rounding (10 decimal places at most). */
  exactAmount: string;
  rounding: 'half-up' | 'half-even';
  /** The rate schedule the line was charged under (its effective date); bills before it was stored derive it. */
  scheduleEffectiveFrom?: string;
  /** The line charges an estimated read's use (trued up by the next actual read). */
  estimated?: boolean;
}

export interface BillLine {
  kind: BillLineKind;
  service: ServiceKind | 'fee';
  /** The caller's id of the account service the line charges (null for fees). */
  serviceId: number | null;
  rateClass: RateClass | null;
  /** "Water service charge, 3/4\" meter". */
  description: string;
  glCode: RevenueGlCode;
  amountCents: number;
  /** The days this line covers: [fromDate, toDate). */
  fromDate: string;
  toDate: string;
  /** effectiveFrom of the schedule whose rates the line uses. */
  scheduleEffectiveFrom: string;
  estimated: boolean;
  explanation: LineExplanation;
}

export interface ComputedBill {
  /** The billing period [fromDate, toDate): read date to read date. */
  fromDate: string;
  toDate: string;
  periodDays: number;
  usageHcf: string;
  estimated: boolean;
  lines: BillLine[];
  /** Sum of the lines' amountCents. */
  totalCents: number;
  rounding: 'half-up' | 'half-even';
  /** "Total $126.59 = $48.94 service charge + $77.65 usage". */
  summary: string;
}

