/**
 * What validation needs to know of each meter of a cycle: its facts and current account (one
 * query), and a summary of its past — the newest few reads before the period however old (prior
 * reading, repeated use, estimates in a row), the sum and count of its usable reads dated in the N
 * months before the period (the average), its use in the same period last year, and whether it
 * already has a read for the period. The reads come from the cycle's history snapshot
 * (history-snapshot.ts, history-store.ts); a single meter's from its own reads.
 */
import type { MeterUnit } from '../../../src-shared/contract/accounts';
import type { ReadValidationSettings } from '../../../src-shared/contract/reads';
import { perConnection } from '../storage/prepared';
import type { Sqlite } from '../storage/database';
import { CycleHistory, meterHistory, openCycleHistory, recentCount, windowsOf } from './history-snapshot';
import { HistoryStore, type MeterHistorySummary } from './history-store';
import type { HistorySummary, MeterFacts } from './validate';

export { recentCount };

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

const statements = perConnection((db: Sqlite) => ({
  cycleMeters: db.prepare<{ cycle: number }, Packed>(METERS_SQL('l.cycle = @cycle')).raw(),
  meter: db.prepare<{ meterId: number }, Packed>(METERS_SQL('m.id = @meterId')).raw(),
}));

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

/** A location's current account: the active one, else the one opened last. */
function better(candidate: CycleMeter & { openedOn: string | null }, current: (CycleMeter & { openedOn: string | null }) | undefined): boolean {
  if (!current) return true;
  if (candidate.accountActive !== current.accountActive) return candidate.accountActive;
  return (candidate.openedOn ?? '') > (current.openedOn ?? '');
}

function applySummary(meter: CycleMeter, summary: MeterHistorySummary): void {
  meter.summary = summary.summary;
  meter.readFor = summary.readFor;
}

/** The meters of a cycle with their summaries, and the history they came from (an import saves it on). */
export interface CycleMeters {
  meters: Map<number, CycleMeter>;
  history: CycleHistory;
}

/** Every meter of the cycle (any status) with its account and history summary, by meter id. */
export function loadCycleMeters(db: Sqlite, cycle: number, period: string, settings: ReadValidationSettings): CycleMeters {
  const meters = new Map<number, MeterWithTenure>();
  for (const row of statements(db).cycleMeters.iterate({ cycle })) {
    const meter = toMeter(row);
    if (better(meter, meters.get(meter.meterId))) meters.set(meter.meterId, meter);
  }
  const history = openCycleHistory(db, cycle, period, settings);
  for (const meter of meters.values()) applySummary(meter, history.summaryOf(meter.meterId));
  return { meters, history };
}

/** One meter's summary from its own reads (a correction or estimate outside an import). */
export function loadMeter(db: Sqlite, meterId: number, period: string, settings: ReadValidationSettings): CycleMeter | undefined {
  let best: MeterWithTenure | undefined;
  for (const row of statements(db).meter.iterate({ meterId })) {
    const meter = toMeter(row);
    if (better(meter, best)) best = meter;
  }
  if (!best) return undefined;
  const store = HistoryStore.empty(64);
  store.setMeter(meterId, meterHistory(db, meterId), true);
  applySummary(best, store.summarize(meterId, windowsOf(period, settings), recentCount(settings)) as MeterHistorySummary);
  return best;
}
