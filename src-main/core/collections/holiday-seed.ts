/**
 * The holidays migration 0021 seeds, from the maintained `date-holidays` package. Kept apart
 * from holidays.ts because the package takes over a second to load: the running office reads
 * the table, and only the seeding (and its test) needs the package.
 */
import Holidays from 'date-holidays';

export interface SeededHoliday {
  date: string;
  name: string;
  observed: boolean;
}

/**
 * California's public holidays (`new Holidays('US', 'CA')`, type public) plus the federal public
 * holidays it lacks — Columbus Day / Indigenous Peoples' Day, which the district closes for.
 * One row per date: where both lists name a day (Presidents' Day / Washington's Birthday) the
 * California name is kept. A weekend holiday's weekday substitute is a row of its own, observed.
 */
export function seededHolidays(fromYear: number, toYear: number): SeededHoliday[] {
  const byDate = new Map<string, SeededHoliday>();
  for (const country of [new Holidays('US', 'CA'), new Holidays('US')]) {
    for (let year = fromYear; year <= toYear; year += 1) {
      for (const holiday of country.getHolidays(year)) {
        if (holiday.type !== 'public') continue;
        const date = holiday.date.slice(0, 10);
        if (byDate.has(date)) continue;
        const observed = holiday.substitute === true;
        byDate.set(date, { date, name: observed ? holiday.name.replace(' (substitute day)', ' (observed)') : holiday.name, observed });
      }
    }
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}
