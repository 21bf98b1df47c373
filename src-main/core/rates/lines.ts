/**
 * Turning an exact amount into a bill line: rounded once to cents by the named rule, with its
 * explanation (structured terms for a screen, a sentence for the counter and the printed bill).
 */
import type { RateClass, ServiceKind } from '../../../src-shared/contract/accounts';
import type { BillLine, BillLineKind, ExplanationTerm, LineExplanation, RevenueGlCode } from '../../../src-shared/contract/rates';
import { roundToCents, type RoundingRule } from '../../../src-shared/money';
import type { PreparedSchedule } from './book';
import { dateOfDay } from './dates';
import { Big, exactText, formatCentsText, formatRate, plain, plainRate } from './decimal';
import { formatUsDate } from '../../../src-shared/dates';

/** What every line of one bill shares. */
export interface BillContext {
  periodFromDay: number;
  periodToDay: number;
  periodDays: number;
  rounding: RoundingRule;
  estimated: boolean;
}

export interface LineFields {
  kind: BillLineKind;
  service: ServiceKind | 'fee';
  serviceId: number | null;
  rateClass: RateClass | null;
  description: string;
  glCode: RevenueGlCode;
  fromDay: number;
  toDay: number;
  schedule: PreparedSchedule;
  estimated?: boolean;
}

export interface ExplanationDraft {
  terms: ExplanationTerm[];
  proration: LineExplanation['proration'];
  usageSplit: LineExplanation['usageSplit'];
  /** Receives the rounded amount ("$77.65") and returns the sentence. */
  sentence: (amountText: string) => string;
}

/** quantity × rate as a term (exact dollars). */
export function term(label: string, quantity: Big, unit: ExplanationTerm['unit'], rate: Big, amount: Big = quantity.times(rate)): ExplanationTerm {
  return { label, quantity: plain(quantity), unit, rate: plainRate(rate), amount: plain(amount) };
}

/**
 * A regular period: what a monthly read cycle gives (reads a month apart drift a few days with
 * weekends and holidays). One such period is one month of fixed charges, whatever its days.
 */
export const REGULAR_PERIOD_DAYS = { min: 26, max: 35 } as const;
/** Months per day, for a period that is not a regular one: a year's 12 months over its 365 days. */
const MONTHS_PER_YEAR = 12;
const DAYS_PER_YEAR = 365;

export const isRegularPeriod = (periodDays: number) => periodDays >= REGULAR_PERIOD_DAYS.min && periodDays <= REGULAR_PERIOD_DAYS.max;

/** "22/30 days × " or "62 days × 12/365 × " when prorated, "" for a whole month. */
export function prorationPrefix(proration: LineExplanation['proration']): string {
  if (proration === null) return '';
  return proration.perDay ? `${proration.days} days × ${MONTHS_PER_YEAR}/${DAYS_PER_YEAR} × ` : `${proration.days}/${proration.periodDays} days × `;
}

/**
 * The share of a month a fixed (monthly) charge is billed for. In a regular period: the days
 * served over the period's days (null: the whole period, one month). In a shorter or longer period
 * (a first bill after 62 days, a re-read 12 days later): the days served × 12/365, so a customer
 * pays each day of service at the same daily rate whatever the read dates.
 */
export function monthShare(context: BillContext, days: number): LineExplanation['proration'] {
  if (!isRegularPeriod(context.periodDays)) return { days, periodDays: context.periodDays, perDay: true };
  return days === context.periodDays ? null : { days, periodDays: context.periodDays };
}

/** The exact dollars of a monthly charge after proration. */
export function prorate(monthly: Big, proration: LineExplanation['proration']): Big {
  if (proration === null) return monthly;
  return proration.perDay ? monthly.times(proration.days).times(MONTHS_PER_YEAR).div(DAYS_PER_YEAR) : monthly.times(proration.days).div(proration.periodDays);
}

/** ", 06/09/2026 through 06/30/2026" for a line covering part of the period (as the bill prints it); "" otherwise. */
function partOfPeriod(context: BillContext, fromDay: number, toDay: number): string {
  if (fromDay === context.periodFromDay && toDay === context.periodToDay) return '';
  return `, ${formatUsDate(dateOfDay(fromDay))} through ${formatUsDate(dateOfDay(toDay - 1))}`;
}

export function finishLine(context: BillContext, fields: LineFields, exactDollars: Big, draft: ExplanationDraft): BillLine {
  const amountCents = roundToCents(exactDollars.times(100), context.rounding);
  return {
    kind: fields.kind,
    service: fields.service,
    serviceId: fields.serviceId,
    rateClass: fields.rateClass,
    description: `${fields.description}${partOfPeriod(context, fields.fromDay, fields.toDay)}`,
    glCode: fields.glCode,
    amountCents,
    fromDate: dateOfDay(fields.fromDay),
    toDate: dateOfDay(fields.toDay),
    scheduleEffectiveFrom: fields.schedule.effectiveFrom,
    estimated: fields.estimated ?? false,
    explanation: {
      sentence: draft.sentence(formatCentsText(amountCents)),
      terms: draft.terms,
      proration: draft.proration,
      usageSplit: draft.usageSplit,
      exactAmount: exactText(exactDollars),
      rounding: context.rounding,
      // Stored with the line (bill_lines keeps only the explanation), so a bill read back names both.
      scheduleEffectiveFrom: fields.schedule.effectiveFrom,
      estimated: fields.estimated ?? false,
    },
  };
}

export { formatRate, plain };
