/**
 * The district's holiday calendar (table `holidays`): California's public holidays and the
 * federal ones California's list lacks, from the maintained `date-holidays` package (holiday-seed.ts), seeded by
 * migration 0021 for SEEDED_YEARS; the district adds its own closures and removes a seeded day
 * it works. Rows are never deleted: removing a day dates the row (removed_at), so the audit
 * trail and the calendar agree on what was closed when.
 */
import type { Holiday } from '../../../src-shared/contract/collections';
import { OfficeError, notFound } from '../errors';
import type { Sqlite } from '../storage/database';
import { perConnection } from '../storage/prepared';
import type { BusinessCalendar } from './calendar';

/** The years migration 0021 seeds (a test checks the migration holds exactly seededHolidays() of them, holiday-seed.ts). */
export const SEEDED_YEARS = { fromYear: 2015, toYear: 2045 } as const;

interface HolidayRow {
  holidayId: number;
  date: string;
  name: string;
  source: 'seeded' | 'district';
  observed: number;
  removedAt: string | null;
}

const statements = perConnection((db: Sqlite) => ({
  closed: db.prepare<[], string>('SELECT DISTINCT date FROM holidays WHERE removed_at IS NULL').pluck(),
  span: db.prepare<[], { fromYear: number | null; toYear: number | null }>(
    "SELECT CAST(substr(MIN(date), 1, 4) AS INTEGER) AS fromYear, CAST(substr(MAX(date), 1, 4) AS INTEGER) AS toYear FROM holidays WHERE source = 'seeded'",
  ),
  list: db.prepare<{ from: string; to: string; removed: number }, HolidayRow>(
    `SELECT id AS holidayId, date, name, source, observed, removed_at AS removedAt FROM holidays
     WHERE date >= @from AND date <= @to AND (@removed = 1 OR removed_at IS NULL) ORDER BY date, id`,
  ),
  one: db.prepare<[number], HolidayRow>('SELECT id AS holidayId, date, name, source, observed, removed_at AS removedAt FROM holidays WHERE id = ?'),
  sameDay: db.prepare<[string], number>('SELECT id FROM holidays WHERE date = ? AND removed_at IS NULL').pluck(),
  insert: db.prepare(
    "INSERT INTO holidays (date, name, source, observed, created_at, created_by_user_id) VALUES (@date, @name, 'district', 0, @nowIso, @userId)",
  ),
  remove: db.prepare('UPDATE holidays SET removed_at = @nowIso, removed_by_user_id = @userId WHERE id = @holidayId AND removed_at IS NULL'),
}));

const toHoliday = (row: HolidayRow): Holiday => ({ ...row, observed: row.observed === 1 });

/** The calendar business-day arithmetic runs on, read once per operation. */
export function loadBusinessCalendar(db: Sqlite): BusinessCalendar {
  const span = statements(db).span.get();
  return {
    closedDates: new Set(statements(db).closed.all()),
    fromYear: span?.fromYear ?? SEEDED_YEARS.fromYear,
    toYear: span?.toYear ?? SEEDED_YEARS.toYear,
  };
}

export function listHolidays(db: Sqlite, filter: { fromDate: string; toDate: string; includeRemoved: boolean }): Holiday[] {
  return statements(db).list.all({ from: filter.fromDate, to: filter.toDate, removed: filter.includeRemoved ? 1 : 0 }).map(toHoliday);
}

export function addDistrictHoliday(db: Sqlite, nowIso: string, userId: number, input: { date: string; name: string }): Holiday {
  const calendar = loadBusinessCalendar(db);
  const year = Number(input.date.slice(0, 4));
  if (year < calendar.fromYear || year > calendar.toYear) {
    throw new OfficeError('INVALID_INPUT', `The holiday calendar covers ${calendar.fromYear}–${calendar.toYear}; choose a date in those years`, 'date');
  }
  if (statements(db).sameDay.get(input.date) !== undefined) {
    throw new OfficeError('CONFLICT', `${input.date} is already a holiday; the office is closed that day`, 'date');
  }
  try {
    const info = statements(db).insert.run({ ...input, nowIso, userId });
    return toHoliday(statements(db).one.get(Number(info.lastInsertRowid))!);
  } catch (error) {
    // A day removed earlier under the same name: the unique (date, name) pair refuses a second row.
    if (error instanceof Error && /UNIQUE/.test(error.message)) {
      throw new OfficeError('CONFLICT', `${input.name} on ${input.date} was removed earlier; add it under another name`, 'name');
    }
    throw error;
  }
}

export function removeHoliday(db: Sqlite, nowIso: string, userId: number, holidayId: number): Holiday {
  const row = statements(db).one.get(holidayId);
  if (!row) throw notFound(`Holiday ${holidayId}`, 'holidayId');
  if (row.removedAt !== null) throw new OfficeError('CONFLICT', `${row.name} on ${row.date} was already removed`, 'holidayId');
  statements(db).remove.run({ nowIso, userId, holidayId });
  return toHoliday(statements(db).one.get(holidayId)!);
}
