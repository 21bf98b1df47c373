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
import { historyTokens, meterHistory, openCycleHistory, recentCount, windowsOf, type CycleHistory, type HistoryTokens } from './history-snapshot';
import { HistoryStore, type MeterHistorySummary } from './history-store';
import type { HistorySummary, MeterFacts } from './validate';

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
  meterInCycle: db.prepare<{ meterId: number; cycle: number }, Packed>(METERS_SQL('m.id = @meterId AND l.cycle = @cycle')).raw(),
}));

/** More changed meters than this since the snapshot: the cycle's facts are read in one query instead of one each. */
const FACTS_LOOKUP_LIMIT = 2_000;

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
  /** The same meters in one array, and each one's place in it by upper-case serial (files name meters by serial, in any case). */
  list: CycleMeter[];
  placeBySerial: Map<string, number>;
  history: CycleHistory;
}

/**
 * The last cycle loaded on each connection, with where meter_reads and the change log stood: the
 * import screen previews a file and then imports it, and when nothing was written in between the
 * import checks its reads against the meters and summaries the preview loaded. Any read added,
 * any history column or meter fact changed (the triggers of migration 0014) moves the tokens, and
 * the cycle is loaded again; an import forgets it (forgetLoadedCycle) as it writes.
 */
const lastLoaded = new WeakMap<Sqlite, { key: string; tokens: HistoryTokens; value: CycleMeters }>();

/** Every meter of the cycle (any status) with its account and history summary, by meter id. */
export function loadCycleMeters(db: Sqlite, cycle: number, period: string, settings: ReadValidationSettings): CycleMeters {
  const key = JSON.stringify([cycle, period, settings]);
  const tokens = historyTokens(db);
  const loaded = lastLoaded.get(db);
  if (loaded && loaded.key === key && loaded.tokens.throughReadId === tokens.throughReadId && loaded.tokens.throughChangeId === tokens.throughChangeId) return loaded.value;
  const history = openCycleHistory(db, cycle, period, settings);
  const meters = cycleFacts(db, cycle, history);
  const list: CycleMeter[] = [];
  const placeBySerial = new Map<string, number>();
  for (const meter of meters.values()) {
    applySummary(meter, history.summaryOf(meter.meterId));
    placeBySerial.set(meter.serial.toUpperCase(), list.length);
    list.push(meter);
  }
  const value = { meters, list, placeBySerial, history };
  lastLoaded.set(db, { key, tokens, value });
  return value;
}

/** Drops the connection's loaded cycle (an import writing its reads). */
export function forgetLoadedCycle(db: Sqlite): void {
  lastLoaded.delete(db);
}

/**
 * The cycle's meters with their current accounts: as the snapshot kept them, with the meters
 * changed since looked up again (one may have joined or left the cycle) — or in one query.
 */
function cycleFacts(db: Sqlite, cycle: number, history: CycleHistory): Map<number, CycleMeter> {
  const saved = history.source === 'snapshot' ? factArrays(history.store.extra) : null;
  if (!saved || history.changedMeters.length > FACTS_LOOKUP_LIMIT) return queryCycleFacts(db, cycle);
  const meters = metersFromFacts(saved);
  for (const meterId of history.changedMeters) {
    meters.delete(meterId);
    const fresh = currentAccountRow(statements(db).meterInCycle.iterate({ meterId, cycle }));
    if (fresh) meters.set(meterId, fresh);
  }
  return meters;
}

function queryCycleFacts(db: Sqlite, cycle: number): Map<number, CycleMeter> {
  const meters = new Map<number, MeterWithTenure>();
  for (const row of statements(db).cycleMeters.iterate({ cycle })) {
    const meter = toMeter(row);
    if (better(meter, meters.get(meter.meterId))) meters.set(meter.meterId, meter);
  }
  return meters;
}

/** A meter's row with its location's current account (a location may have had several). */
function currentAccountRow(rows: Iterable<Packed>): MeterWithTenure | undefined {
  let best: MeterWithTenure | undefined;
  for (const row of rows) {
    const meter = toMeter(row);
    if (better(meter, best)) best = meter;
  }
  return best;
}

/**
 * The meters' facts as the snapshot keeps them, column by column: the numbers as base64 of typed
 * arrays (JSON would parse 300,000 numbers one by one), the serials and account numbers as text,
 * and the texts of unit, install date, status, account status and multiplier held once in
 * `texts` with five codes per meter.
 */
export interface FactsColumns {
  /** Int32 meter ids. */
  meterIds: string;
  /** Int32 account ids, 0 for none. */
  accountIds: string;
  /** Uint8 dials. */
  dials: string;
  /** Int32 codes into `texts`, FACT_TEXTS per meter. */
  codes: string;
  serials: string[];
  accountNumbers: (string | null)[];
  texts: string[];
}

const FACT_TEXTS = 5;

const base64Of = (array: Int32Array | Uint8Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');

/** The facts of the cycle's meters, for the snapshot an import leaves. */
export function factsColumns(meters: ReadonlyMap<number, CycleMeter>): FactsColumns {
  const count = meters.size;
  const meterIds = new Int32Array(count);
  const accountIds = new Int32Array(count);
  const dials = new Uint8Array(count);
  const codes = new Int32Array(count * FACT_TEXTS);
  const columns: FactsColumns = { meterIds: '', accountIds: '', dials: '', codes: '', serials: [], accountNumbers: [], texts: [] };
  const textCodes = new Map<string, number>();
  const code = (text: string) => {
    let value = textCodes.get(text);
    if (value === undefined) {
      value = columns.texts.length;
      columns.texts.push(text);
      textCodes.set(text, value);
    }
    return value;
  };
  let index = 0;
  for (const meter of meters.values()) {
    meterIds[index] = meter.meterId;
    accountIds[index] = meter.accountId ?? 0;
    dials[index] = meter.dials;
    const at = index * FACT_TEXTS;
    codes[at] = code(meter.unit);
    codes[at + 1] = code(meter.installedOn);
    codes[at + 2] = code(meter.status);
    codes[at + 3] = code(meter.accountActive ? 'active' : 'inactive');
    codes[at + 4] = code(meter.multiplier);
    columns.serials.push(meter.serial);
    columns.accountNumbers.push(meter.accountNumber);
    index += 1;
  }
  return { ...columns, meterIds: base64Of(meterIds), accountIds: base64Of(accountIds), dials: base64Of(dials), codes: base64Of(codes) };
}

/** The columns' arrays, if `value` has their shape and lengths (a snapshot from another version has not). */
function factArrays(value: unknown): { columns: FactsColumns; meterIds: Int32Array; accountIds: Int32Array; dials: Uint8Array; codes: Int32Array } | null {
  const columns = value as Partial<FactsColumns> | undefined;
  if (typeof columns?.meterIds !== 'string' || typeof columns.accountIds !== 'string' || typeof columns.dials !== 'string' || typeof columns.codes !== 'string') return null;
  if (!Array.isArray(columns.serials) || !Array.isArray(columns.accountNumbers) || !Array.isArray(columns.texts)) return null;
  const int32 = (text: string) => {
    const bytes = Buffer.from(text, 'base64');
    return new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength - (bytes.byteLength % 4)));
  };
  const meterIds = int32(columns.meterIds);
  const accountIds = int32(columns.accountIds);
  const dials = new Uint8Array(Buffer.from(columns.dials, 'base64'));
  const codes = int32(columns.codes);
  const count = meterIds.length;
  const fits = accountIds.length === count && dials.length === count && codes.length === count * FACT_TEXTS && columns.serials.length === count && columns.accountNumbers.length === count;
  return fits ? { columns: columns as FactsColumns, meterIds, accountIds, dials, codes } : null;
}

function metersFromFacts(arrays: NonNullable<ReturnType<typeof factArrays>>): Map<number, CycleMeter> {
  const meters = new Map<number, CycleMeter>();
  const { columns, meterIds, accountIds, dials, codes } = arrays;
  const { texts } = columns;
  for (let index = 0; index < meterIds.length; index += 1) {
    const at = index * FACT_TEXTS;
    const meterId = meterIds[index] as number;
    const accountId = accountIds[index] as number;
    meters.set(meterId, {
      meterId,
      serial: columns.serials[index] as string,
      dials: dials[index] as number,
      unit: texts[codes[at] as number] as MeterUnit,
      installedOn: texts[codes[at + 1] as number] as string,
      status: texts[codes[at + 2] as number] as string,
      accountActive: texts[codes[at + 3] as number] === 'active',
      multiplier: texts[codes[at + 4] as number] as string,
      accountId: accountId === 0 ? null : accountId,
      accountNumber: columns.accountNumbers[index] ?? null,
      summary: NO_SUMMARY,
      readFor: null,
    });
  }
  return meters;
}

const NO_SUMMARY: HistorySummary = { recent: [], averageSum: 0, averageCount: 0, lastYearUnits: null };

/** One meter's summary from its own reads (a correction or estimate outside an import). */
export function loadMeter(db: Sqlite, meterId: number, period: string, settings: ReadValidationSettings): CycleMeter | undefined {
  const best = currentAccountRow(statements(db).meter.iterate({ meterId }));
  if (!best) return undefined;
  const store = HistoryStore.empty(64);
  store.setMeter(meterId, meterHistory(db, meterId), true);
  applySummary(best, store.summarize(meterId, windowsOf(period, settings), recentCount(settings)) as MeterHistorySummary);
  return best;
}
