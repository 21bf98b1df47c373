/**
 * Business days: Monday to Friday, less the days in the district's holiday calendar
 * (holidays.ts). SB 998 counts its notice periods in business days ("at least 7 business days
 * after the written notice"), so a wrong holiday moves a lawful shut-off date.
 *
 * Pure: the caller passes the closed days (a Set of "YYYY-MM-DD") and the span of years the
 * calendar covers; a date outside that span is refused rather than guessed.
 */
import { dateOfDay, dayNumber } from '../rates/dates';

/** A bound on any business-day count (a year and a half of notice is never a real period). */
export const MAX_BUSINESS_DAYS = 400;

export interface BusinessCalendar {
  /** Dates the office is closed besides weekends. */
  readonly closedDates: ReadonlySet<string>;
  /** First and last year the holiday list covers. */
  readonly fromYear: number;
  readonly toYear: number;
}

export class OutsideCalendarError extends RangeError {
  constructor(readonly date: string, calendar: BusinessCalendar) {
    super(`The holiday calendar covers ${calendar.fromYear}–${calendar.toYear}; ${date} is outside it, so its business days cannot be counted`);
    this.name = 'OutsideCalendarError';
  }
}

function checkCovered(calendar: BusinessCalendar, date: string): void {
  const year = Number(date.slice(0, 4));
  if (year < calendar.fromYear || year > calendar.toYear) throw new OutsideCalendarError(date, calendar);
}

/** 1970-01-01 (day 0) was a Thursday: day + 4 mod 7 gives 0 for Sunday … 6 for Saturday. */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isBusinessDay(calendar: BusinessCalendar, date: string): boolean {
  checkCovered(calendar, date);
  const dow = weekday(dayNumber(date));
  return dow !== 0 && dow !== 6 && !calendar.closedDates.has(date);
}

/**
 * The `count`-th business day after `date` (the day itself never counts, whether or not it is a
 * business day): a notice mailed on Friday 20 Nov 2026 + 7 business days = Thursday 3 Dec 2026,
 * Thanksgiving and the day after being closed.
 */
export function addBusinessDays(calendar: BusinessCalendar, date: string, count: number): string {
  if (!Number.isInteger(count) || count < 0 || count > MAX_BUSINESS_DAYS) throw new RangeError(`Business days must be a whole number from 0 to ${MAX_BUSINESS_DAYS}`);
  let day = dayNumber(date);
  for (let added = 0; added < count; ) {
    day += 1;
    if (isBusinessDay(calendar, dateOfDay(day))) added += 1;
  }
  return dateOfDay(day);
}

/**
 * Business days after `from` up to and including `to` (0 when `to` ≤ `from`), so
 * businessDaysBetween(d, addBusinessDays(d, n)) = n.
 */
export function businessDaysBetween(calendar: BusinessCalendar, from: string, to: string): number {
  const last = dayNumber(to);
  let count = 0;
  for (let day = dayNumber(from) + 1; day <= last; day += 1) {
    if (isBusinessDay(calendar, dateOfDay(day))) count += 1;
  }
  return count;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}
