/**
 * Days as whole numbers: a "YYYY-MM-DD" date ↔ its day number since 1970-01-01 (UTC, so a bill
 * is the same in every time zone). Periods are half-open [from, to): read date to read date, the
 * day of a read belonging to the period it starts.
 */
const MILLIS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_REMEMBERED_DATES = 4096;

/** Date text → day number, remembered: a bill run checks the same few dozen dates 50,000 times. */
const dayNumbers = new Map<string, number | null>();

/** The day number of a real calendar date, or null ("2026-02-30" is not one). */
export function dayNumberOrNull(date: string): number | null {
  const known = dayNumbers.get(date);
  if (known !== undefined) return known;
  const day = parseDayNumber(date);
  if (typeof date === 'string' && date.length === 10) {
    if (dayNumbers.size >= MAX_REMEMBERED_DATES) dayNumbers.clear();
    dayNumbers.set(date, day);
  }
  return day;
}

function parseDayNumber(date: string): number | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const millis = Date.UTC(year, month - 1, day);
  const check = new Date(millis);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return millis / MILLIS_PER_DAY;
}

/** The day number of a date already validated (schedule documents, checked inputs). */
export function dayNumber(date: string): number {
  const day = dayNumberOrNull(date);
  if (day === null) throw new RangeError(`Not a calendar date: ${date}`);
  return day;
}

/** Day → date text, remembered: a bill run asks for the same few dozen days 50,000 times. */
const dateTexts = new Map<number, string>();

export function dateOfDay(day: number): string {
  let text = dateTexts.get(day);
  if (text === undefined) {
    text = new Date(day * MILLIS_PER_DAY).toISOString().slice(0, 10);
    if (dateTexts.size >= MAX_REMEMBERED_DATES) dateTexts.clear();
    dateTexts.set(day, text);
  }
  return text;
}
