/**
 * Where a cycle stands for a period: the unread meters (active meters of active accounts with
 * no read stored for the period), no-read exceptions raised for them, whether the cycle is
 * ready to bill, and the route file sent to the handheld / AMR software before reading (written
 * by the shared CSV writer, core/files/delimited.ts: RFC 4180 and OWASP's formula rule).
 */
import { noProgress, type Progress } from '../progress';
import type { CycleStatus, CycleSummary, ReadExceptionStatus, UnreadMeter } from '../../../src-shared/contract/reads';
import { displayName, formatServiceAddress } from '../accounts/format';
import { csvFile, decimalCell, type Cell, type DecimalCell } from '../files/delimited';
import { perConnection } from '../storage/prepared';
import type { Sqlite } from '../storage/database';
import { Big, hcfToRegisterUnits } from './decimal';
import { loadCycleMeters, loadMeter } from './history';
import { inReadMonths, inReadPeriods, readMonthsFrom, readPeriodsBetween } from './read-keys';
import { typesColumn } from './validate';
import { getReadValidationSettings } from './settings';
import type { BenchmarkFigures, MeterFacts } from './validate';
import { benchmarkFigures, expectedRangeFromSummary, periodMinusMonths, SEVERITY } from './validate';

interface UnreadDbRow {
  meterId: number;
  meterSerial: string;
  accountId: number;
  accountNumber: string;
  kind: 'person' | 'business';
  firstName: string;
  lastName: string;
  businessName: string;
  street: string;
  unit: string;
  city: string;
  route: string;
  sequence: number;
  size: string;
  dials: number;
  multiplier: string;
  meterUnit: MeterFacts['unit'];
  installedOn: string;
  lastReadDate: string | null;
  lastReading: string | null;
  exceptionId: number | null;
  exceptionStatus: ReadExceptionStatus | null;
}

/**
 * Active meters of the cycle's active accounts with no read for the period, and the newest
 * no-read exception still open or held on each (x). The one rule for "unread": the report lists
 * these rows, the cycle status counts them.
 */
const UNREAD_FROM = (withRoute: boolean, withLastRead = false) => `
  FROM service_locations l
  JOIN meters m ON m.location_id = l.id AND m.status = 'active'
  JOIN accounts a ON a.location_id = l.id AND a.status = 'active'
  JOIN customers c ON c.id = a.customer_id
  LEFT JOIN read_exceptions x ON x.id = (
    SELECT y.id FROM read_exceptions y WHERE y.meter_id = m.id AND y.period = @period AND y.read_id IS NULL AND y.status <> 'resolved'
    ORDER BY y.id DESC LIMIT 1)
  ${withLastRead ? LAST_READ_JOIN : ''}
  WHERE l.cycle = @cycle ${withRoute ? 'AND l.route = @route' : ''}
    AND NOT EXISTS (SELECT 1 FROM meter_reads r WHERE r.meter_id = m.id AND COALESCE(r.period, substr(r.read_date, 1, 7)) = @period)`;

/** The meter's newest read (the report shows its date and reading), looked up month by month (read-keys.ts). */
const LAST_READ_JOIN = `
  LEFT JOIN meter_reads last ON last.id = (
    SELECT r.id FROM meter_reads r WHERE ${inReadMonths('r')} AND r.meter_id = m.id
    ORDER BY r.read_date DESC, r.id DESC LIMIT 1)`;

/** The unread meters in route order, with what the report and the route file show. */
const UNREAD_SQL = (withRoute: boolean) => `
  SELECT m.id AS meterId, m.serial AS meterSerial, a.id AS accountId, a.account_number AS accountNumber,
         c.kind, c.first_name AS firstName, c.last_name AS lastName, c.business_name AS businessName,
         l.street, l.unit, l.city, l.route, l.sequence, m.size, m.dials, m.multiplier, m.unit AS meterUnit, m.installed_on AS installedOn,
         last.read_date AS lastReadDate, COALESCE(last.reading_text, CAST(last.reading AS TEXT)) AS lastReading,
         x.id AS exceptionId, x.status AS exceptionStatus
  ${UNREAD_FROM(withRoute, true)}
  ORDER BY l.route, l.sequence, m.id`;

const statements = perConnection((db: Sqlite) => ({
  unread: db.prepare<{ cycle: number; period: string; readMonths: string }, UnreadDbRow>(UNREAD_SQL(false)),
  unreadRoute: db.prepare<{ cycle: number; period: string; route: string; readMonths: string }, UnreadDbRow>(UNREAD_SQL(true)),
  // Counting only: the status needs no names, addresses or last readings (a tenth of the time).
  unreadCounts: db.prepare<{ cycle: number; period: string }, { unread: number; held: number }>(
    `SELECT COUNT(*) AS unread, COALESCE(SUM(x.status = 'held'), 0) AS held ${UNREAD_FROM(false)}`,
  ),
  activeMeters: db.prepare<[number], number>(
    `SELECT COUNT(*) FROM service_locations l JOIN meters m ON m.location_id = l.id AND m.status = 'active'
     JOIN accounts a ON a.location_id = l.id AND a.status = 'active' WHERE l.cycle = ?`,
  ).pluck(),
  exceptionCounts: db.prepare<[number, string], { status: ReadExceptionStatus; count: number }>(
    `SELECT status, COUNT(*) AS count FROM read_exceptions WHERE cycle = ? AND period = ? GROUP BY status`,
  ),
  insertNoRead: db.prepare(
    `INSERT INTO read_exceptions (cycle, period, meter_id, account_id, type, types, severity, status, message, findings_json,
       prior_usage_hcf, last_year_usage_hcf, average_usage_hcf, expected_low_hcf, expected_high_hcf, created_at)
     VALUES (@cycle, @period, @meterId, @accountId, 'no_read', @types, @severity, 'open', @message, @findingsJson,
       @priorHcf, @lastYearHcf, @averageHcf, @expectedLowHcf, @expectedHighHcf, @nowIso)`,
  ),
}));

function toUnread(row: UnreadDbRow): UnreadMeter {
  return {
    meterId: row.meterId,
    meterSerial: row.meterSerial,
    accountId: row.accountId,
    accountNumber: row.accountNumber,
    customerName: displayName(row),
    serviceAddress: formatServiceAddress(row),
    route: row.route,
    sequence: row.sequence,
    lastReadDate: row.lastReadDate,
    lastReading: row.lastReading,
    exceptionId: row.exceptionId,
    exceptionStatus: row.exceptionStatus,
  };
}

function unreadRows(db: Sqlite, cycle: number, period: string, route?: string): UnreadDbRow[] {
  const prepared = statements(db);
  const readMonths = readMonthsFrom(db);
  return route ? prepared.unreadRoute.all({ cycle, period, route, readMonths }) : prepared.unread.all({ cycle, period, readMonths });
}

export function unreadMeters(db: Sqlite, cycle: number, period: string, route?: string): { rows: UnreadMeter[]; total: number } {
  const rows = unreadRows(db, cycle, period, route).map(toUnread);
  return { rows, total: rows.length };
}

const NO_FIGURES: BenchmarkFigures = { priorHcf: null, lastYearHcf: null, averageHcf: null, expectedLowHcf: null, expectedHighHcf: null };

/**
 * Raises a no_read exception for each unread meter that has no open or held one yet, with the
 * meter's prior, last-year and average use (one small history query per meter flagged).
 */
export function flagUnread(db: Sqlite, nowIso: string, cycle: number, period: string, route?: string, progress: Progress = noProgress): { flagged: number; alreadyFlagged: number } {
  let flagged = 0;
  let alreadyFlagged = 0;
  const settings = getReadValidationSettings(db);
  const finding = {
    type: 'no_read' as const,
    severity: SEVERITY.no_read,
    basis: null,
    benchmarkHcf: null,
    deviationPercent: null,
    message: `No read for ${period}: order a re-read, estimate it, or hold it`,
  };
  const rows = unreadRows(db, cycle, period, route);
  for (const [index, row] of rows.entries()) {
    progress.step(index, rows.length);
    if (row.exceptionId !== null) {
      alreadyFlagged += 1;
      continue;
    }
    const meter = loadMeter(db, row.meterId, period, settings);
    const figures = meter ? benchmarkFigures(meter.summary, settings) : NO_FIGURES;
    statements(db).insertNoRead.run({
      cycle,
      period,
      meterId: row.meterId,
      accountId: row.accountId,
      types: typesColumn(['no_read']),
      severity: finding.severity,
      message: finding.message,
      findingsJson: JSON.stringify([finding]),
      ...figures,
      nowIso,
    });
    flagged += 1;
  }
  progress.step(rows.length, rows.length);
  return { flagged, alreadyFlagged };
}

export function cycleStatus(db: Sqlite, cycle: number, period: string): CycleStatus {
  const prepared = statements(db);
  const activeMeters = prepared.activeMeters.get(cycle) ?? 0;
  const unread = prepared.unreadCounts.get({ cycle, period }) ?? { unread: 0, held: 0 };
  const unreadCount = unread.unread - unread.held;
  const counts: Record<ReadExceptionStatus, number> = { open: 0, held: 0, resolved: 0 };
  for (const { status, count } of prepared.exceptionCounts.all(cycle, period)) counts[status] = count;
  const reasons: string[] = [];
  if (activeMeters === 0) reasons.push(`Cycle ${cycle} has no active meters`);
  const many = (count: number) => count.toLocaleString('en-US');
  if (unreadCount > 0) reasons.push(`${many(unreadCount)} meter${unreadCount === 1 ? ' is' : 's are'} not read yet (see the unread report)`);
  if (counts.open > 0) reasons.push(`${many(counts.open)} abnormal read${counts.open === 1 ? ' is' : 's are'} still open on the worklist`);
  return {
    cycle,
    period,
    activeMeters,
    readMeters: activeMeters - unread.unread,
    unreadCount,
    openExceptions: counts.open,
    heldExceptions: counts.held,
    resolvedExceptions: counts.resolved,
    readyToBill: reasons.length === 0,
    reasons,
  };
}

const ROUTE_EXPORT_COLUMNS = [
  'Route', 'Sequence', 'Account', 'Customer', 'Service_Address', 'Meter_Serial', 'Meter_Size', 'Dials', 'Unit', 'Multiplier',
  'Prior_Read_Date', 'Prior_Reading', 'Expected_Low_Reading', 'Expected_High_Reading',
] as const;

/** Reading after `usageHcf` more use from `prior`, wrapped at the register's capacity. */
function readingAfter(prior: string, usageHcf: Big, meter: MeterFacts): string {
  const capacity = new Big(10).pow(meter.dials);
  let reading = new Big(prior).plus(hcfToRegisterUnits(usageHcf, meter.unit, meter.multiplier));
  if (reading.gte(capacity)) reading = reading.minus(capacity);
  return reading.toFixed();
}

/**
 * The route file: one line per meter still to read, in walking order, with the prior reading
 * and the reading range the office expects (the expected range of validate.ts, the same the
 * worklist shows), so the handheld can question a reading outside it on the spot.
 */
export function routeExport(db: Sqlite, cycle: number, period: string, route?: string): { fileName: string; csv: string; rowCount: number } {
  const settings = getReadValidationSettings(db);
  const { meters } = loadCycleMeters(db, cycle, period, settings);
  const lines: Cell[][] = [[...ROUTE_EXPORT_COLUMNS]];
  const rows = unreadRows(db, cycle, period, route);
  for (const row of rows) {
    const meter: MeterFacts = { dials: row.dials, multiplier: row.multiplier, unit: row.meterUnit, installedOn: row.installedOn };
    const summary = meters.get(row.meterId)?.summary;
    let low: DecimalCell | null = null;
    let high: DecimalCell | null = null;
    const range = row.lastReading !== null && summary ? expectedRangeFromSummary(summary, settings) : null;
    if (row.lastReading !== null && range) {
      low = decimalCell(readingAfter(row.lastReading, new Big(range.lowHundredths).div(100), meter));
      high = decimalCell(readingAfter(row.lastReading, new Big(range.highHundredths).div(100), meter));
    }
    // Names, addresses, serials and the reading as read are text (neutralised when they would start
    // a formula); sequence, dials, multiplier and the expected range are the office's own numbers.
    lines.push([
      row.route, row.sequence, row.accountNumber, displayName(row), formatServiceAddress(row), row.meterSerial, row.size, row.dials, row.meterUnit,
      decimalCell(row.multiplier), row.lastReadDate, row.lastReading, low, high,
    ]);
  }
  const fileName = `route-export-cycle${cycle}-${period}${route ? `-route-${route.replace(/[^A-Za-z0-9_-]/g, '_')}` : ''}.csv`;
  return { fileName, csv: csvFile(lines), rowCount: rows.length };
}


/** Months back the read day is looked for when a cycle is not read yet for the period. */
const READ_DAY_LOOKBACK_MONTHS = 12;
/**
 * Meters per cycle whose newest read gives the read day. A sample, so the picker costs the same
 * for 5,000 meters as for 50,000 (a scan of every read took 0.25 s at 10,000 accounts); 400
 * reads show the day a cycle is read as surely as all of them.
 */
const READ_DAY_SAMPLE_METERS = 400;

const cycleStatements = perConnection((db: Sqlite) => ({
  cycles: db.prepare<[], number>(`SELECT DISTINCT cycle FROM service_locations ORDER BY cycle`).pluck(),
  // The sample's newest read (up to the period; install baselines and office estimates are not
  // read days), counted per cycle, month and day. Meter ids follow route order, so the sample is
  // taken in a scrambled id order to spread it over every route of the cycle.
  readDays: db.prepare<{ periods: string; sample: number }, { cycle: number; readPeriod: string; day: number; reads: number }>(
    `SELECT q.cycle, COALESCE(r.period, substr(r.read_date, 1, 7)) AS readPeriod, CAST(substr(r.read_date, 9, 2) AS INTEGER) AS day, COUNT(*) AS reads
     FROM (
       SELECT s.cycle, (SELECT r.id FROM meter_reads r
                        WHERE ${inReadPeriods('r')}
                          AND r.meter_id = s.meterId AND r.source NOT IN ('install', 'estimate')
                        ORDER BY r.read_date DESC, r.id DESC LIMIT 1) AS readId
       FROM (SELECT l.cycle, m.id AS meterId, ROW_NUMBER() OVER (PARTITION BY l.cycle ORDER BY (m.id * 40503) % 65536, m.id) AS n
             FROM meters m JOIN service_locations l ON l.id = m.location_id WHERE m.status = 'active') AS s
       WHERE s.n <= @sample) AS q
     JOIN meter_reads r ON r.id = q.readId
     GROUP BY q.cycle, readPeriod, day`,
  ),
}));

interface ReadDay {
  readDay: number;
  readDayPeriod: string;
}

/** Each cycle's read day: the most common day of its newest month (up to `period`) with reads. */
function readDays(db: Sqlite, period: string): Map<number, ReadDay> {
  const best = new Map<number, ReadDay & { reads: number }>();
  for (const row of cycleStatements(db).readDays.all({ periods: readPeriodsBetween(db, periodMinusMonths(period, READ_DAY_LOOKBACK_MONTHS), period), sample: READ_DAY_SAMPLE_METERS })) {
    const current = best.get(row.cycle);
    const newer = !current || row.readPeriod > current.readDayPeriod;
    const sameMonthMore = current !== undefined && row.readPeriod === current.readDayPeriod && (row.reads > current.reads || (row.reads === current.reads && row.day < current.readDay));
    if (newer || sameMonthMore) best.set(row.cycle, { readDay: row.day, readDayPeriod: row.readPeriod, reads: row.reads });
  }
  return new Map([...best].map(([cycle, { readDay, readDayPeriod }]) => [cycle, { readDay, readDayPeriod }]));
}

/**
 * Every cycle the district has (its service locations' cycles) for a period, with the counts and
 * the ready-to-bill rule of cycleStatus, and the day each cycle is read.
 */
export function cycleSummaries(db: Sqlite, period: string): CycleSummary[] {
  const days = readDays(db, period);
  return cycleStatements(db).cycles.all().map((cycle) => {
    const day = days.get(cycle);
    return { ...cycleStatus(db, cycle, period), readDay: day?.readDay ?? null, readDayPeriod: day?.readDayPeriod ?? null };
  });
}
