/**
 * What validation needs to know of a meter's past, per meter of a cycle, in two queries: its
 * newest few reads before the period however old (prior reading, repeated use, estimates in a
 * row — the same reads validateRead takes from a whole history), the sum and count of its usable
 * reads dated in the N months before the period (the average), its use in the same period last
 * year, and whether it already has a read for the period. SQLite computes the sums and picks the
 * rows; JavaScript receives 50,000 short rows instead of 650,000 reads.
 */
import type { MeterUnit } from '../../../src-shared/contract/accounts';
import type { ReadValidationSettings } from '../../../src-shared/contract/reads';
import { perConnection } from '../storage/prepared';
import type { Sqlite } from '../storage/database';
import { parseHcfUnits } from './fixed';
import { periodMinusMonths, type HistoryRead, type HistorySummary, type MeterFacts } from './validate';

export interface CycleMeter extends MeterFacts {
  meterId: number;
  serial: string;
  status: string;
  accountId: number | null;
  accountNumber: string | null;
  accountActive: boolean;
  summary: HistorySummary;
  /** The period (this one or later) the meter already has a read for, if any. */
  readFor: string | null;
}

/** Newest reads kept per meter: enough for the repeated-use and consecutive-estimate checks. */
export const recentCount = (settings: ReadValidationSettings) => Math.max(settings.repeatedUsePeriods - 1, settings.maxConsecutiveEstimates, 1) + 1;

/**
 * Rows come back packed into one text value each: better-sqlite3 spends more time turning each
 * column into a JavaScript value than SQLite spends finding the row, so 50,000 rows of one value
 * are read in about half the time of 50,000 rows of eleven.
 */
type Packed = [string];

const METERS_SQL = (filter: string) => `
  SELECT m.id || ',' || m.dials || ',' || m.unit || ',' || m.installed_on || ',' || m.status || ',' || ifnull(a.id, '') || ','
         || ifnull(a.status, '') || ',' || ifnull(a.opened_on, '') || ',' || m.multiplier || ',' || ifnull(a.account_number, '') || ',' || m.serial
  FROM service_locations l JOIN meters m ON m.location_id = l.id LEFT JOIN accounts a ON a.location_id = l.id
  WHERE ${filter}`;

/**
 * One range scan of the (meter, read date) index per cycle, grouped by meter — plain column
 * comparisons only, because per-row expressions over 650,000 reads cost more than the scan:
 * "meterId,sum,count,lastYear:recent" where sum and count are of the usable reads dated in the
 * N months before the period (not install baselines, not negative uses), lastYear the use read
 * in the same month a year before (the larger as a number if read twice: LAST_YEAR_KEY), and
 * recent the newest few months' reads packed
 * "period,date,reading,usage,EB,id;…" (E estimated, B baseline) — which gives the prior read,
 * repeated use, estimates in a row and any read already there for the period.
 * SQLite sums the usage strings as doubles: each has at most 4 decimals and a window holds at
 * most 24 of them, so the error is far below half a ten-thousandth and rounding the sum × 10,000
 * recovers the exact integer (true while a window's total stays under 10^11 HCF).
 */
// A read labelled for this period or later never counts toward its own benchmarks, even when it
// was dated before the period began (a cycle read late in the month before, a re-read's original).
const USABLE = `r.usage_hcf >= '0' AND r.source <> 'install' AND (r.period IS NULL OR r.period < @period)`;
/**
 * Last year's use when the month was read twice is the larger one, as validate.ts's
 * summarizeHistory takes it. max() of the TEXT column would rank '9' above '12', so each candidate
 * is keyed by its value as a fixed-width number — zero-padded, 4 places, so the text order is the
 * numeric order — followed by a space and the stored text, which is what the import uses (the key
 * is dropped). The key goes through a double: a usage has at most 4 decimals, and below 10^11 HCF
 * the double is within far less than half a ten-thousandth of it, so '%.4f' prints it exactly and
 * two different usages never share a key. Only the rows of that one month evaluate it.
 */
const LAST_YEAR_KEY = `printf('%020.4f', r.usage_hcf) || ' ' || r.usage_hcf`;
const SUMMARY_SQL = (meterFilter: string) => `
  SELECT r.meter_id || ','
    || ifnull(sum(CASE WHEN r.read_date >= @averageFrom AND r.read_date < @periodStart AND ${USABLE} THEN r.usage_hcf END), '') || ','
    || count(CASE WHEN r.read_date >= @averageFrom AND r.read_date < @periodStart AND ${USABLE} THEN 1 END) || ','
    || ifnull(max(CASE WHEN r.read_date >= @lastYearFrom AND r.read_date < @lastYearTo AND ${USABLE} THEN ${LAST_YEAR_KEY} END), '') || ':'
    || ifnull(group_concat(CASE WHEN r.read_date >= @recentFrom THEN
         COALESCE(r.period, substr(r.read_date, 1, 7)) || ',' || r.read_date || ',' || COALESCE(r.reading_text, r.reading) || ','
         || r.usage_hcf || ',' || r.estimated || (r.source = 'install') || ',' || r.id END, ';'), '')
  FROM meter_reads r WHERE ${meterFilter} AND r.read_date >= @from
  GROUP BY r.meter_id`;

const CYCLE_METER_IDS = 'r.meter_id IN (SELECT m.id FROM meters m JOIN service_locations l ON l.id = m.location_id WHERE l.cycle = @cycle)';

const statements = perConnection((db: Sqlite) => ({
  cycleMeters: db.prepare<{ cycle: number }, Packed>(METERS_SQL('l.cycle = @cycle')).raw(),
  meter: db.prepare<{ meterId: number }, Packed>(METERS_SQL('m.id = @meterId')).raw(),
  cycleSummaries: db.prepare<Record<string, unknown>, Packed>(SUMMARY_SQL(CYCLE_METER_IDS)).raw(),
  meterSummary: db.prepare<Record<string, unknown>, Packed>(SUMMARY_SQL('r.meter_id = @meterId')).raw(),
  // For a meter with fewer than recentCount reads in the window (new, or read with gaps): its newest reads before the period.
  olderRecent: db
    .prepare<[number, string, number], [string]>(
      `SELECT COALESCE(r.period, substr(r.read_date, 1, 7)) || ',' || r.read_date || ',' || COALESCE(r.reading_text, r.reading) || ',' || r.usage_hcf || ','
              || r.estimated || (r.source = 'install') || ',' || r.id
       FROM meter_reads r WHERE r.meter_id = ? AND COALESCE(r.period, substr(r.read_date, 1, 7)) < ? ORDER BY r.read_date DESC, r.id DESC LIMIT ?`,
    )
    .raw(),
}));

const monthStart = (period: string) => `${period}-01`;

function parameters(period: string, settings: ReadValidationSettings): Record<string, unknown> {
  const averageFrom = monthStart(periodMinusMonths(period, settings.averagePeriods));
  const lastYearFrom = monthStart(periodMinusMonths(period, 12));
  const recentFrom = monthStart(periodMinusMonths(period, recentCount(settings)));
  return {
    period,
    periodStart: monthStart(period),
    averageFrom,
    lastYearFrom,
    lastYearTo: monthStart(periodMinusMonths(period, 11)),
    // The newest reads: a few months before the period, and any already in or after it.
    recentFrom,
    from: [averageFrom, lastYearFrom, recentFrom].sort()[0],
  };
}

interface Entry {
  text: string;
  readDate: string;
  id: number;
}

const toRead = (entry: string): HistoryRead => {
  const [period, readDate, reading, usageHcf, flags] = entry.split(',') as [string, string, string, string, string];
  return { period, readDate, reading, usageHcf, estimated: flags.charCodeAt(0) === 49, baseline: flags.charCodeAt(1) === 49 };
};

/** Newest first, by read date then id. */
function unpack(entries: readonly string[]): HistoryRead[] {
  // The index scan hands each meter's reads over oldest first, so reversing is usually enough;
  // group_concat's order is not promised, so check it and sort when it is not so.
  const keyed: Entry[] = entries.map((text) => {
    const dateStart = text.indexOf(',') + 1;
    return { text, readDate: text.slice(dateStart, dateStart + 10), id: Number(text.slice(text.lastIndexOf(',') + 1)) };
  });
  let ascending = true;
  for (let index = 1; index < keyed.length && ascending; index += 1) {
    const before = keyed[index - 1] as Entry;
    const after = keyed[index] as Entry;
    ascending = before.readDate < after.readDate || (before.readDate === after.readDate && before.id < after.id);
  }
  if (ascending) keyed.reverse();
  else keyed.sort((a, b) => (a.readDate === b.readDate ? b.id - a.id : a.readDate < b.readDate ? 1 : -1));
  return keyed.map((entry) => toRead(entry.text));
}

type MeterWithTenure = CycleMeter & { openedOn: string | null };

/** "id,dials,unit,installed,status,accountId,accountStatus,openedOn,multiplier,accountNumber,serial" (serial last: it may hold commas). */
function toMeter([packed]: Packed): MeterWithTenure {
  const fields = packed.split(',');
  const serial = fields.slice(10).join(',');
  const [id, dials, unit, installedOn, status, accountId, accountStatus, openedOn, multiplier, accountNumber] = fields as [string, string, string, string, string, string, string, string, string, string];
  return {
    meterId: Number(id),
    serial,
    dials: Number(dials),
    multiplier,
    unit: unit as MeterUnit,
    installedOn,
    status,
    accountId: accountId === '' ? null : Number(accountId),
    accountNumber: accountNumber === '' ? null : accountNumber,
    accountActive: accountStatus === 'active',
    openedOn: openedOn === '' ? null : openedOn,
    summary: { recent: [], averageSum: 0, averageCount: 0, lastYearUnits: null },
    readFor: null,
  };
}

/** "meterId,sum,count,lastYear" (sum a double of exact 4-place decimals: rounded back to the integer; lastYear "key usage"). */
function applyAverage(meter: CycleMeter, fields: readonly string[]): void {
  const [, sum, count, lastYear] = fields as [string, string, string, string];
  meter.summary.averageSum = sum === '' ? 0 : Math.round(Number(sum) * 10_000);
  meter.summary.averageCount = Number(count);
  // "key usage" (LAST_YEAR_KEY): the stored usage text follows the space.
  meter.summary.lastYearUnits = lastYear === '' ? null : parseHcfUnits(lastYear.slice(lastYear.indexOf(' ') + 1));
}

/** Splits the newest reads into the period already read (if any) and the recent reads before it. */
function applyRecent(meter: CycleMeter, packed: string, period: string, limit: number): void {
  const reads = unpack(packed.split(';'));
  const before: HistoryRead[] = [];
  for (const read of reads) {
    if (read.period >= period) {
      if (meter.readFor === null || read.period > meter.readFor) meter.readFor = read.period;
    } else if (before.length < limit) {
      before.push(read);
    }
  }
  meter.summary.recent = before;
}

/** "meterId,sum,count,lastYear:recent" → the meter id, the average fields, the packed recent reads. */
function summaryParts([packed]: Packed): { meterId: number; fields: string[]; recent: string } {
  const colon = packed.indexOf(':');
  const fields = packed.slice(0, colon).split(',');
  return { meterId: Number(fields[0]), fields, recent: packed.slice(colon + 1) };
}

/** Applies one summary row to its meter. */
function applySummary(meter: CycleMeter, parts: { fields: string[]; recent: string }, period: string, limit: number): void {
  applyAverage(meter, parts.fields);
  if (parts.recent !== '') applyRecent(meter, parts.recent, period, limit);
}

/** A location's current account: the active one, else the one opened last. */
function better(candidate: CycleMeter & { openedOn: string | null }, current: (CycleMeter & { openedOn: string | null }) | undefined): boolean {
  if (!current) return true;
  if (candidate.accountActive !== current.accountActive) return candidate.accountActive;
  return (candidate.openedOn ?? '') > (current.openedOn ?? '');
}

/** Every meter of the cycle (any status) with its account and history summary, by meter id. */
export function loadCycleMeters(db: Sqlite, cycle: number, period: string, settings: ReadValidationSettings): Map<number, CycleMeter> {
  const prepared = statements(db);
  const meters = new Map<number, MeterWithTenure>();
  for (const row of prepared.cycleMeters.iterate({ cycle })) {
    const meter = toMeter(row);
    if (better(meter, meters.get(meter.meterId))) meters.set(meter.meterId, meter);
  }
  const limit = recentCount(settings);
  const parameterValues = { ...parameters(period, settings), cycle };
  for (const row of prepared.cycleSummaries.iterate(parameterValues)) {
    const parts = summaryParts(row);
    const meter = meters.get(parts.meterId);
    if (meter) applySummary(meter, parts, period, limit);
  }
  for (const meter of meters.values()) fillOlderRecent(db, meter, period, limit);
  return meters;
}

/**
 * The newest `limit` reads before the period are the newest whatever their dates. The summary
 * query sees only the last few months' reads; a meter with fewer than `limit` of them there (read
 * with gaps, read early in the window's first month, or new) takes them from its whole history
 * instead, one index seek — a cycle read every month has them all in the window and asks nothing.
 */
function fillOlderRecent(db: Sqlite, meter: CycleMeter, period: string, limit: number): void {
  if (meter.summary.recent.length >= limit) return;
  meter.summary.recent = unpack(statements(db).olderRecent.all(meter.meterId, period, limit).map((row) => row[0]));
}

/** One meter's summary (for a correction or estimate outside an import). */
export function loadMeter(db: Sqlite, meterId: number, period: string, settings: ReadValidationSettings): CycleMeter | undefined {
  const prepared = statements(db);
  let best: MeterWithTenure | undefined;
  for (const row of prepared.meter.iterate({ meterId })) {
    const meter = toMeter(row);
    if (better(meter, best)) best = meter;
  }
  if (!best) return undefined;
  const limit = recentCount(settings);
  const parameterValues = { ...parameters(period, settings), meterId };
  const summary = prepared.meterSummary.get(parameterValues);
  if (summary) applySummary(best, summaryParts(summary), period, limit);
  fillOlderRecent(db, best, period, limit);
  return best;
}
