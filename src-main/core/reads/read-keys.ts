/**
 * How meter_reads is searched (migration 0015). Its two indexes put the month first and the meter
 * second, so that a cycle's import appends to them instead of rewriting a meter-first index
 * whole (db/schema.ts). A meter's reads are then found month by month: a query names the months
 * its reads can be in as `… IN (SELECT value FROM json_each(@months))`, and SQLite looks each
 * (month, meter) pair up in the index — a dozen lookups for a year of a meter's reads.
 *
 * The months named must include every month a wanted read can have, or the read is missed:
 * these functions list every month from a lower bound to the newest read's month, both taken
 * from the index itself (min and max are one index lookup each).
 */
import type { Sqlite } from '../storage/database';
import { perConnection } from '../storage/prepared';

/** A read's billing period, exactly as index meter_reads_period_meter has it (NULL period on older rows: the read month). */
export const readPeriodSql = (alias: string) => `COALESCE(${alias}.period, substr(${alias}.read_date, 1, 7))`;

/** A read's month, exactly as index meter_reads_month_meter has it. */
export const readMonthSql = (alias: string) => `substr(${alias}.read_date, 1, 7)`;

/**
 * "The read is in one of these months": the clause that lets SQLite find a meter's reads in the
 * read-month index, `@param` holding readMonthsFrom's list. `alias` is the table's name in the query.
 */
export const inReadMonths = (alias: string, param = 'readMonths') => `${readMonthSql(alias)} IN (SELECT value FROM json_each(@${param}))`;

/** The same by billing period (index meter_reads_period_meter), `@param` holding readPeriodsBetween's list. */
export const inReadPeriods = (alias: string, param = 'periods') => `${readPeriodSql(alias)} IN (SELECT value FROM json_each(@${param}))`;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const statements = perConnection((db: Sqlite) => ({
  // Each of min and max in a query of its own: SQLite then reads it off the index's first or last
  // entry (together in one SELECT they make a scan of the whole index).
  monthRange: db.prepare<[], { first: string | null; last: string | null }>(
    `SELECT (SELECT min(${readMonthSql('r')}) FROM meter_reads r) AS first, (SELECT max(${readMonthSql('r')}) FROM meter_reads r) AS last`,
  ),
  periodRange: db.prepare<[], { first: string | null; last: string | null }>(
    `SELECT (SELECT min(${readPeriodSql('r')}) FROM meter_reads r) AS first, (SELECT max(${readPeriodSql('r')}) FROM meter_reads r) AS last`,
  ),
  // Only for a value that is not a "YYYY-MM" month (a hand-edited row): every distinct one, by a scan.
  distinctMonths: db.prepare<[], string>(`SELECT DISTINCT ${readMonthSql('r')} FROM meter_reads r`).pluck(),
  distinctPeriods: db.prepare<[], string>(`SELECT DISTINCT ${readPeriodSql('r')} FROM meter_reads r`).pluck(),
}));

/** "2026-11" → 2026 × 12 + 10. */
const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

/** Every month from `first` to `last`, both included ("2026-11", "2026-12", "2027-01"…); none when first is after last. */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  for (let index = monthIndex(first); index <= monthIndex(last); index += 1) months.push(monthOf(index));
  return months;
}

type Range = { first: string | null; last: string | null };

/** The range's months from `from` on (`from` null: all of them), or every distinct value when a stored one is not a month. */
function monthsOf(range: Range | undefined, from: string | null, distinct: () => string[]): string[] {
  if (!range || range.first === null || range.last === null) return [];
  if (!MONTH.test(range.first) || !MONTH.test(range.last)) return distinct().filter((value) => from === null || value >= from);
  const first = from !== null && from > range.first ? from : range.first;
  return monthsBetween(first, range.last);
}

/**
 * The read months (JSON, for json_each) a read dated on or after `fromDate` can have — every
 * read's, without it. A read's month is its date's first seven characters, so this is exact.
 */
export function readMonthsFrom(db: Sqlite, fromDate: string | null = null): string {
  const prepared = statements(db);
  return JSON.stringify(monthsOf(prepared.monthRange.get(), fromDate === null ? null : fromDate.slice(0, 7), () => prepared.distinctMonths.all()));
}

/** The billing periods (JSON, for json_each) from `fromPeriod` up to `toPeriod` (both included; null: no bound). */
export function readPeriodsBetween(db: Sqlite, fromPeriod: string | null, toPeriod: string | null): string {
  const prepared = statements(db);
  const periods = monthsOf(prepared.periodRange.get(), fromPeriod, () => prepared.distinctPeriods.all());
  return JSON.stringify(toPeriod === null ? periods : periods.filter((period) => period <= toPeriod));
}
