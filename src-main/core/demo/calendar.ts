/** Calendar arithmetic on "YYYY-MM-DD" dates, in UTC so the demo is the same in every time zone. */

const MILLIS_PER_DAY = 86_400_000;

function toUtc(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day);
}

const fromUtc = (millis: number) => new Date(millis).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * MILLIS_PER_DAY);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / MILLIS_PER_DAY);
}

/** The same day of the month `months` later (or earlier); days past a month's end are clamped. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(day, lastDay)));
}

/** 1–12 */
export const monthOf = (date: string) => Number(date.slice(5, 7));

/**
 * The last `count` monthly read dates of a cycle that reads on `readDay`, oldest first, none
 * after `today`.
 */
export function monthlyReadDates(today: string, readDay: number, count: number): string[] {
  const thisMonth = `${today.slice(0, 8)}${String(readDay).padStart(2, '0')}`;
  const latest = thisMonth <= today ? thisMonth : addMonths(thisMonth, -1);
  return Array.from({ length: count }, (_, index) => addMonths(latest, index - count + 1));
}
