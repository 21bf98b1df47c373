/**
 * A cycle's read history for validation (history-store.ts), from the snapshot the cycle's last
 * import saved, brought up to date, or from meter_reads when there is none.
 *
 * How a snapshot stays exact: it records the newest read id and the newest change id it saw.
 *   - Reads added since (ids above through_read_id: meter_reads is AUTOINCREMENT, so ids only
 *     grow) are merged into their meters' rows.
 *   - Reads changed or deleted since are logged by triggers (read_history_changes, migration
 *     0014); their meters are dropped from the store and read again from meter_reads if needed.
 *   - A meter the store lacks, or whose kept rows run out, is read from meter_reads whole.
 * A snapshot that cannot serve the period's windows (settings widened, an older period) is not
 * used: the cycle is read from meter_reads in one range scan, as it always was before snapshots.
 */
import type { ReadValidationSettings } from '../../../src-shared/contract/reads';
import { perConnection } from '../storage/prepared';
import { inReadMonths, readMonthsFrom } from './read-keys';
import type { Sqlite } from '../storage/database';
import { HistoryStore, newestFirst, servesWindows, type HistoryWindows, type MeterHistorySummary, type StoredRead } from './history-store';
import { periodMinusMonths } from './validate';

/** id, read date, period, reading, usage, estimated, baseline — a StoredRead as SQLite gives it. */
type ReadRow = [number, string, string, string | number, string, number, number];
type MeterReadRow = [number, ...ReadRow];

const READ_COLUMNS = `r.id, r.read_date, COALESCE(r.period, substr(r.read_date, 1, 7)), COALESCE(r.reading_text, r.reading), r.usage_hcf, r.estimated, r.source = 'install'`;

const statements = perConnection((db: Sqlite) => ({
  snapshot: db.prepare<[number], { horizonDate: string; keptNewest: number; throughReadId: number; throughChangeId: number; data: Buffer }>(
    `SELECT horizon_date AS horizonDate, kept_newest AS keptNewest, through_read_id AS throughReadId, through_change_id AS throughChangeId, data
     FROM read_history_snapshots WHERE cycle = ?`,
  ),
  changedMeters: db.prepare<[number], number>(`SELECT DISTINCT meter_id FROM read_history_changes WHERE id > ?`).pluck(),
  readsSince: db.prepare<[number], MeterReadRow>(`SELECT r.meter_id, ${READ_COLUMNS} FROM meter_reads r WHERE r.id > ? ORDER BY r.id`).raw(),
  // Month by month (read-keys.ts): @readMonths lists every read month.
  meterReads: db
    .prepare<{ meterId: number; readMonths: string }, ReadRow>(
      `SELECT ${READ_COLUMNS} FROM meter_reads r WHERE ${inReadMonths('r')} AND r.meter_id = @meterId
       ORDER BY r.read_date DESC, r.id DESC`,
    )
    .raw(),
  // One pass over the read-month index from the horizon's month on (every cycle's reads of those
  // months, the other cycles' skipped), in index order; loadFromReads sorts each meter's reads.
  cycleReads: db
    .prepare<{ cycle: number; horizonDate: string }, MeterReadRow>(
      `SELECT r.meter_id, ${READ_COLUMNS} FROM meter_reads r
       WHERE substr(r.read_date, 1, 7) >= substr(@horizonDate, 1, 7) AND r.read_date >= @horizonDate
         AND r.meter_id IN (SELECT m.id FROM meters m JOIN service_locations l ON l.id = m.location_id WHERE l.cycle = @cycle)`,
    )
    .raw(),
  // The AUTOINCREMENT counters, not max(id): a counter never goes back, even when the newest row
  // is deleted (a read) or pruned (the change log), so "the same counter" means "nothing added".
  newestReadId: db.prepare<[], number>(`SELECT ifnull((SELECT seq FROM sqlite_sequence WHERE name = 'meter_reads'), 0)`).pluck(),
  newestChangeId: db.prepare<[], number>(`SELECT ifnull((SELECT seq FROM sqlite_sequence WHERE name = 'read_history_changes'), 0)`).pluck(),
  save: db.prepare(
    `INSERT OR REPLACE INTO read_history_snapshots (cycle, horizon_date, kept_newest, through_read_id, through_change_id, built_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ),
  // Changes every snapshot has seen are of no further use.
  prune: db.prepare(`DELETE FROM read_history_changes WHERE id <= (SELECT ifnull(min(through_change_id), 0) FROM read_history_snapshots)`),
}));

/** Newest reads kept per meter: enough for the repeated-use and consecutive-estimate checks. */
export const recentCount = (settings: ReadValidationSettings) => Math.max(settings.repeatedUsePeriods - 1, settings.maxConsecutiveEstimates, 1) + 1;

const monthStart = (period: string) => `${period}-01`;

/** The date windows of a period's checks. */
export function windowsOf(period: string, settings: ReadValidationSettings): HistoryWindows {
  const averageFrom = monthStart(periodMinusMonths(period, settings.averagePeriods));
  const lastYearFrom = monthStart(periodMinusMonths(period, 12));
  const recentFrom = monthStart(periodMinusMonths(period, recentCount(settings)));
  return {
    period,
    periodStart: monthStart(period),
    averageFrom,
    lastYearFrom,
    lastYearTo: monthStart(periodMinusMonths(period, 11)),
    recentFrom,
    from: [averageFrom, lastYearFrom, recentFrom].sort()[0] as string,
  };
}

const toStoredRead = (row: ReadRow | MeterReadRow, at: number): StoredRead => ({
  id: row[at] as number,
  readDate: row[at + 1] as string,
  period: row[at + 2] as string,
  reading: String(row[at + 3]),
  usageHcf: row[at + 4] as string,
  estimated: row[at + 5] === 1,
  baseline: row[at + 6] === 1,
});

/** Every read of one meter, newest first. */
export function meterHistory(db: Sqlite, meterId: number): StoredRead[] {
  return statements(db).meterReads.all({ meterId, readMonths: readMonthsFrom(db) }).map((row) => toStoredRead(row, 0));
}

/** One cycle's history for one period's checks. */
export class CycleHistory {
  constructor(
    private readonly db: Sqlite,
    readonly store: HistoryStore,
    readonly windows: HistoryWindows,
    readonly limit: number,
    /** Where the history came from, for the benchmark and the logs. */
    readonly source: 'snapshot' | 'meter_reads',
    /** Meters whose reads or facts changed since the snapshot (history.ts looks their facts up again). */
    readonly changedMeters: readonly number[] = [],
  ) {}

  /** The meter's summary; a meter the store lacks (or cannot summarise) is read from meter_reads whole. */
  summaryOf(meterId: number): MeterHistorySummary {
    const summary = this.store.summarize(meterId, this.windows, this.limit);
    if (summary) return summary;
    this.store.setMeter(meterId, meterHistory(this.db, meterId), true);
    return this.store.summarize(meterId, this.windows, this.limit) as MeterHistorySummary;
  }
}

/** The cycle's history as its snapshot has it (brought up to date), or read from meter_reads. */
export function openCycleHistory(db: Sqlite, cycle: number, period: string, settings: ReadValidationSettings): CycleHistory {
  const windows = windowsOf(period, settings);
  const limit = recentCount(settings);
  const snapshot = statements(db).snapshot.get(cycle);
  if (snapshot && servesWindows(snapshot.horizonDate, snapshot.keptNewest, windows, limit)) {
    const store = decodeOrNull(snapshot.data);
    if (store) {
      const changed = catchUp(db, store, snapshot);
      return new CycleHistory(db, store, windows, limit, 'snapshot', changed);
    }
  }
  return new CycleHistory(db, loadFromReads(db, cycle, windows.from), windows, limit, 'meter_reads');
}

/** A snapshot that does not decode is only a cache: the history is read from meter_reads instead. */
function decodeOrNull(data: Buffer): HistoryStore | null {
  try {
    return HistoryStore.decode(data);
  } catch {
    return null;
  }
}

/** Brings a decoded snapshot up to date: drops meters changed since (returned), merges reads added since. */
function catchUp(db: Sqlite, store: HistoryStore, snapshot: { horizonDate: string; throughReadId: number; throughChangeId: number }): number[] {
  const prepared = statements(db);
  const changed = prepared.changedMeters.all(snapshot.throughChangeId);
  for (const meterId of changed) store.delete(meterId);
  const added = new Map<number, StoredRead[]>();
  for (const row of prepared.readsSince.iterate(snapshot.throughReadId)) {
    const meterId = row[0];
    if (!store.has(meterId)) continue;
    const reads = added.get(meterId) ?? [];
    reads.push(toStoredRead(row, 1));
    added.set(meterId, reads);
  }
  for (const [meterId, reads] of added) {
    // A read dated before the horizon belongs to the part of the history a trimmed meter no longer holds.
    if (!store.isComplete(meterId) && reads.some((read) => read.readDate < snapshot.horizonDate)) {
      store.delete(meterId);
      continue;
    }
    store.setMeter(meterId, [...store.readsOf(meterId), ...reads].sort(newestFirst), store.isComplete(meterId));
  }
  return changed;
}

/** The cycle's reads dated on or after `horizonDate`, each meter's newest first (as setMeter takes them). */
function loadFromReads(db: Sqlite, cycle: number, horizonDate: string): HistoryStore {
  const byMeter = new Map<number, StoredRead[]>();
  for (const row of statements(db).cycleReads.iterate({ cycle, horizonDate })) {
    const reads = byMeter.get(row[0]);
    if (reads) reads.push(toStoredRead(row, 1));
    else byMeter.set(row[0], [toStoredRead(row, 1)]);
  }
  const store = HistoryStore.empty(1 << 16);
  for (const [meterId, reads] of byMeter) store.setMeter(meterId, reads.sort(newestFirst), false);
  return store;
}

/** Where meter_reads and their change log stand: taken inside an import's transaction, saved with the snapshot it leaves. */
export interface HistoryTokens {
  throughReadId: number;
  throughChangeId: number;
}

export function historyTokens(db: Sqlite): HistoryTokens {
  const prepared = statements(db);
  return { throughReadId: prepared.newestReadId.get() ?? 0, throughChangeId: prepared.newestChangeId.get() ?? 0 };
}

/**
 * Saves the cycle's snapshot after an import (in its own transaction, at idle time): the history
 * as the import loaded (and completed) it plus each meter's new read, for the meters still in the
 * cycle whose reads the import did not change (`changed`: re-reads; read again next time). The
 * tokens were taken at the end of the import's transaction, so anything written after it is
 * newer than the snapshot says it covers and is caught up next time.
 */
export function saveCycleHistory(
  db: Sqlite,
  history: CycleHistory,
  options: {
    cycle: number;
    cycleMeterIds: ReadonlySet<number>;
    newReads: ReadonlyMap<number, StoredRead>;
    changed: ReadonlySet<number>;
    /** The cycle's meters' facts (history.ts), kept beside the reads. */
    facts: unknown;
    tokens: HistoryTokens;
    nowIso: string;
  },
): void {
  const prepared = statements(db);
  const data = history.store.encode({
    extra: options.facts,
    keep: (meterId) => options.cycleMeterIds.has(meterId) && !options.changed.has(meterId),
    newest: options.newReads,
    horizonDate: history.windows.from,
    keepNewest: history.limit,
  });
  prepared.save.run(options.cycle, history.windows.from, history.limit, options.tokens.throughReadId, options.tokens.throughChangeId, options.nowIso, data);
  prepared.prune.run();
}
