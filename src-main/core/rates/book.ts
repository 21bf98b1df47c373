/**
 * A rate book: a validated rate document prepared for billing. Decimal strings become Big once,
 * schedules are ordered by date and each knows the day it stops applying, so computing 50,000
 * bills parses no rate text again.
 */
import type { MeterSize, RateClass } from '../../../src-shared/contract/accounts';
import type {
  FeeRate, RateDocument, RateSchedule, WastewaterMethod,
} from '../../../src-shared/contract/rates';
import { OfficeError } from '../errors';
import { dateOfDay, dayNumber } from './dates';
import { Big } from './decimal';

export interface PreparedTier {
  /** Cumulative upper bound in HCF; null = no upper bound. */
  upToHcf: Big | null;
  ratePerHcf: Big;
}

export interface PreparedWaterClass {
  tiers: readonly PreparedTier[];
  tierWidthsPerDwellingUnit: boolean;
  monthlyMinimum: Big | null;
}

export interface PreparedWastewaterClass {
  method: WastewaterMethod;
  monthlyChargePerUnit: Big | null;
  winterAverage: { monthlyBaseCharge: Big; ratePerHcf: Big; capHcf: Big | null } | null;
  monthlyMinimum: Big | null;
}

export interface PreparedSchedule {
  readonly source: RateSchedule;
  readonly effectiveFrom: string;
  /** Day number of effectiveFrom. */
  readonly fromDay: number;
  /** First day number it no longer applies (exclusive); Infinity when open-ended. */
  readonly untilDay: number;
  readonly serviceCharge: ReadonlyMap<MeterSize, Big>;
  readonly water: ReadonlyMap<RateClass, PreparedWaterClass>;
  readonly wastewater: ReadonlyMap<RateClass, PreparedWastewaterClass>;
  readonly fireByLineSize: ReadonlyMap<number, Big>;
  readonly fees: ReadonlyMap<string, FeeRate>;
}

export interface RateBook {
  readonly document: RateDocument;
  /** Ordered by effectiveFrom; no two cover the same day. */
  readonly schedules: readonly PreparedSchedule[];
}

/** One stretch of days [fromDay, toDay) under one schedule. */
export interface ScheduleSegment {
  schedule: PreparedSchedule;
  fromDay: number;
  toDay: number;
}

const big = (text: string | undefined): Big | null => (text === undefined ? null : new Big(text));

function mapOf<K extends string, V, R>(record: Partial<Record<K, V>> | undefined, convert: (value: V) => R): Map<K, R> {
  const map = new Map<K, R>();
  for (const [key, value] of Object.entries(record ?? {}) as [K, V | undefined][]) {
    if (value !== undefined) map.set(key, convert(value));
  }
  return map;
}

function prepareSchedule(source: RateSchedule, untilDay: number): PreparedSchedule {
  return {
    source,
    effectiveFrom: source.effectiveFrom,
    fromDay: dayNumber(source.effectiveFrom),
    untilDay,
    serviceCharge: mapOf(source.water.monthlyServiceCharge, (text) => new Big(text)),
    water: mapOf(source.water.classes, (rates) => ({
      tiers: rates.tiers.map((tier) => ({ upToHcf: big(tier.upToHcf ?? undefined), ratePerHcf: new Big(tier.ratePerHcf) })),
      tierWidthsPerDwellingUnit: rates.tierWidthsPerDwellingUnit ?? false,
      monthlyMinimum: big(rates.monthlyMinimum),
    })),
    wastewater: mapOf(source.wastewater, (rates) => ({
      method: rates.method,
      monthlyChargePerUnit: big(rates.monthlyChargePerUnit),
      winterAverage: rates.winterAverage
        ? {
            monthlyBaseCharge: new Big(rates.winterAverage.monthlyBaseCharge),
            ratePerHcf: new Big(rates.winterAverage.ratePerHcf),
            capHcf: big(rates.winterAverage.capHcf),
          }
        : null,
      monthlyMinimum: big(rates.monthlyMinimum),
    })),
    fireByLineSize: new Map(
      Object.entries(source.privateFire?.monthlyChargeByLineSize ?? {}).flatMap(([inches, text]) =>
        text === undefined ? [] : [[Number(inches), new Big(text)] as const],
      ),
    ),
    fees: new Map(Object.entries(source.fees ?? {})),
  };
}

/**
 * Prepares a document that has passed `rateDocument` validation (parseRateDocument does both).
 * A schedule without effectiveThrough runs until the next one starts.
 */
export function createRateBook(document: RateDocument): RateBook {
  const ordered = [...document.schedules].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  const schedules = ordered.map((schedule, index) => {
    const next = ordered[index + 1];
    const nextDay = next ? dayNumber(next.effectiveFrom) : Number.POSITIVE_INFINITY;
    const throughDay = schedule.effectiveThrough === undefined ? Number.POSITIVE_INFINITY : dayNumber(schedule.effectiveThrough) + 1;
    return prepareSchedule(schedule, Math.min(nextDay, throughDay));
  });
  return { document, schedules };
}

/** Describes a schedule at the start of a message: `The schedule effective 2026-07-01 ("FY 2026-27")`. */
export const scheduleLabel = (schedule: PreparedSchedule) => `The schedule effective ${schedule.effectiveFrom} ("${schedule.source.name}")`;

/**
 * The schedules covering [fromDay, toDay), cut at every effective date inside it. Refuses a range
 * with a day no schedule covers, naming that day.
 */
export function segmentsOf(book: RateBook, fromDay: number, toDay: number, field?: string): ScheduleSegment[] {
  const segments: ScheduleSegment[] = [];
  let day = fromDay;
  for (const schedule of book.schedules) {
    if (day >= toDay) break;
    if (schedule.untilDay <= day) continue;
    if (schedule.fromDay > day) break;
    const end = Math.min(schedule.untilDay, toDay);
    segments.push({ schedule, fromDay: day, toDay: end });
    day = end;
  }
  if (day < toDay) {
    throw new OfficeError('INVALID_INPUT', `No rate schedule is in effect on ${dateOfDay(day)}: add or extend a schedule that covers it`, field);
  }
  return segments;
}

/** The one schedule in effect on a day. */
export function scheduleOn(book: RateBook, day: number, field?: string): PreparedSchedule {
  const [segment] = segmentsOf(book, day, day + 1, field);
  return segment!.schedule;
}
