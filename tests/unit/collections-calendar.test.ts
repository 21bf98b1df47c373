/**
 * Business days over weekends and the seeded holiday calendar (California + federal public
 * holidays from date-holidays). Every expected date below was counted by hand on a calendar.
 */
import { describe, expect, it } from 'vitest';
import { addBusinessDays, businessDaysBetween, isBusinessDay, type BusinessCalendar } from '../../src-main/core/collections/calendar';
import { seededHolidays } from '../../src-main/core/collections/holiday-seed';
import { SEEDED_YEARS } from '../../src-main/core/collections/holidays';

const seeded = seededHolidays(2026, 2027);
const calendar: BusinessCalendar = { closedDates: new Set(seeded.map((day) => day.date)), fromYear: 2026, toYear: 2027 };

describe('the seeded holidays', () => {
  it('are California public holidays plus Columbus Day, one per date, substitutes marked observed', () => {
    const in2026 = seeded.filter((day) => day.date.startsWith('2026')).map((day) => `${day.date} ${day.name}${day.observed ? ' *' : ''}`);
    expect(in2026).toEqual([
      "2026-01-01 New Year's Day",
      '2026-01-19 Martin Luther King Jr. Day',
      "2026-02-16 Presidents' Day",
      '2026-03-31 César Chávez Day',
      '2026-05-25 Memorial Day',
      '2026-06-19 Juneteenth',
      '2026-07-03 Independence Day (observed) *',
      '2026-07-04 Independence Day',
      '2026-09-07 Labor Day',
      '2026-10-12 Columbus Day',
      '2026-11-11 Veterans Day',
      '2026-11-26 Thanksgiving Day',
      '2026-11-27 Day after Thanksgiving Day',
      '2026-12-25 Christmas Day',
    ]);
    // 2027: Christmas and New Year's Day 2028 fall on Saturdays, so both are observed the Friday before.
    expect(seeded.filter((day) => day.observed && day.date.startsWith('2027')).map((day) => day.date)).toEqual(['2027-06-18', '2027-07-05', '2027-12-24', '2027-12-31']);
  });

  it('cover the span the migration seeds', () => {
    const all = seededHolidays(SEEDED_YEARS.fromYear, SEEDED_YEARS.toYear);
    expect(all[0]!.date).toBe(`${SEEDED_YEARS.fromYear}-01-01`);
    expect(all.at(-1)!.date.slice(0, 4)).toBe(String(SEEDED_YEARS.toYear));
  });
});

describe('business days', () => {
  it('skip Thanksgiving and the day after', () => {
    // Fri 20 Nov 2026 + 7: Mon 23, Tue 24, Wed 25, (Thu 26, Fri 27 closed), Mon 30, Tue 1, Wed 2, Thu 3 Dec.
    expect(addBusinessDays(calendar, '2026-11-20', 7)).toBe('2026-12-03');
    expect(businessDaysBetween(calendar, '2026-11-20', '2026-12-03')).toBe(7);
    expect(businessDaysBetween(calendar, '2026-11-20', '2026-12-02')).toBe(6);
    expect(isBusinessDay(calendar, '2026-11-26')).toBe(false);
    expect(isBusinessDay(calendar, '2026-11-27')).toBe(false);
  });

  it('skip Christmas and New Year (Christmas Eve is a working day)', () => {
    // Tue 22 Dec 2026 + 7: Wed 23, Thu 24, (Fri 25), Mon 28, Tue 29, Wed 30, Thu 31, (Fri 1 Jan), Mon 4 Jan 2027.
    expect(addBusinessDays(calendar, '2026-12-22', 7)).toBe('2027-01-04');
    expect(businessDaysBetween(calendar, '2026-12-22', '2027-01-04')).toBe(7);
    expect(isBusinessDay(calendar, '2026-12-24')).toBe(true);
    // 2027's Friday substitutes: Christmas (24 Dec) and New Year's Day 2028 (31 Dec).
    // Wed 22 Dec 2027 + 3: Thu 23, (Fri 24), Mon 27, Tue 28.
    expect(addBusinessDays(calendar, '2027-12-22', 3)).toBe('2027-12-28');
    expect(isBusinessDay(calendar, '2027-12-31')).toBe(false);
  });

  it('skip the substitute day Friday 3 July 2026 (the 4th is a Saturday)', () => {
    expect(isBusinessDay(calendar, '2026-07-03')).toBe(false);
    expect(isBusinessDay(calendar, '2026-07-02')).toBe(true);
    // Wed 1 Jul + 2: Thu 2, (Fri 3, Sat 4, Sun 5), Mon 6.
    expect(addBusinessDays(calendar, '2026-07-01', 2)).toBe('2026-07-06');
    // Tue 30 Jun + 5 (a final notice): Wed 1, Thu 2, Mon 6, Tue 7, Wed 8.
    expect(addBusinessDays(calendar, '2026-06-30', 5)).toBe('2026-07-08');
  });

  it('skip Columbus Day, which the district closes for though California does not', () => {
    expect(addBusinessDays(calendar, '2026-10-09', 1)).toBe('2026-10-13');
  });

  it('count from a weekend day without counting it; zero days is the day itself', () => {
    expect(addBusinessDays(calendar, '2026-11-28', 1)).toBe('2026-11-30');
    expect(addBusinessDays(calendar, '2026-11-28', 0)).toBe('2026-11-28');
    expect(businessDaysBetween(calendar, '2026-12-03', '2026-11-20')).toBe(0);
  });

  it('refuse a day outside the calendar and a count out of bounds', () => {
    expect(() => addBusinessDays(calendar, '2027-12-30', 3)).toThrow(/covers 2026–2027; 2028-01-0\d is outside it/);
    expect(() => addBusinessDays(calendar, '2026-01-05', -1)).toThrow(RangeError);
    expect(() => addBusinessDays(calendar, '2026-01-05', 1.5)).toThrow(RangeError);
  });
});
