/**
 * A cycle's read history in columns: for each meter, its newest reads (newest first, by read date
 * then id) in typed arrays, with the texts (dates, periods, usages) held once in dictionaries.
 * Pure: no database here (history-snapshot.ts loads and saves it).
 *
 * Why columns: validating a 50,000-meter cycle needs about 13 reads of each meter — 650,000 reads.
 * As JavaScript objects they cost more to make and to collect than the checks themselves; as
 * numbers in a dozen arrays they cost next to nothing, and the whole store saves to one BLOB and
 * loads back without parsing a row.
 *
 * What a meter's rows are: always a *suffix* of its history — every read from some read date on —
 * so "the newest N reads before the period" and "the reads dated in a window" are exact whenever
 * the window starts on or after the store's horizon. A meter whose rows are its whole history is
 * `complete`; one that is not, and whose newest reads before the period run out, is fetched again
 * (summarize returns null).
 */
import { parseHcfUnits } from './fixed';
import type { HistoryRead, HistorySummary } from './validate';

/**
 * One stored read as the history needs it: the period is COALESCE(period, the read date's month),
 * the reading its exact text. `id` orders reads of the same date (the newer first); the store keeps
 * order, not ids, so reads it gives back carry OLDER_THAN_ANY_NEW_READ — every read added to
 * meter_reads after a store was made has a larger id (AUTOINCREMENT).
 */
export interface StoredRead {
  id: number;
  readDate: string;
  period: string;
  reading: string;
  usageHcf: string;
  estimated: boolean;
  /** An install (baseline) read. */
  baseline: boolean;
}

/** The date windows a period's checks look at ("YYYY-MM-DD" month starts; history.ts parameters()). */
export interface HistoryWindows {
  period: string;
  periodStart: string;
  averageFrom: string;
  lastYearFrom: string;
  lastYearTo: string;
  recentFrom: string;
  /** The earliest of the three windows: nothing older counts, except as one of the newest reads. */
  from: string;
}

/** A meter's summary for a period, and the period (this one or later) it already has a read for. */
export interface MeterHistorySummary {
  summary: HistorySummary;
  readFor: string | null;
}

interface Slot {
  start: number;
  count: number;
  complete: boolean;
}

/** Texts stored once, referred to by number. */
class Dictionary {
  readonly values: string[];
  private codes: Map<string, number> | null = null;

  constructor(values: string[] = []) {
    this.values = values;
  }

  code(value: string): number {
    if (!this.codes) this.codes = new Map(this.values.map((text, index) => [text, index]));
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }
}

export const OLDER_THAN_ANY_NEW_READ = -1;

/** A date's place against a period's windows (HistoryStore.dateClasses). */
const BEFORE_WINDOWS = 1;
const IN_RECENT = 2;
const IN_AVERAGE = 4;
const IN_LAST_YEAR = 8;

interface Classified {
  windows: HistoryWindows;
  dates: Uint8Array;
  periods: Uint8Array;
}

const FLAG_ESTIMATED = 1;
const FLAG_BASELINE = 2;
/** A whole reading whose text is exactly the number's (no leading zeros, no fraction) and fits 31 bits: kept as a number. */
const PLAIN_WHOLE = /^(0|[1-9]\d{0,9})$/;
/** In `readings`: the reading's text is in readingTexts. */
const READING_IN_TEXTS = -1;
const MAGIC = 0x31534852; // "RHS1"
const FORMAT_VERSION = 1;

interface Columns {
  dates: Uint16Array;
  periods: Uint16Array;
  usages: Int32Array;
  /** The reading when PLAIN_WHOLE, else READING_IN_TEXTS. */
  readings: Int32Array;
  flags: Uint8Array;
}

function allocate(capacity: number): Columns {
  return {
    dates: new Uint16Array(capacity),
    periods: new Uint16Array(capacity),
    usages: new Int32Array(capacity),
    readings: new Int32Array(capacity),
    flags: new Uint8Array(capacity),
  };
}

export class HistoryStore {
  private readonly dateTexts: Dictionary;
  private readonly periodTexts: Dictionary;
  private readonly usageTexts: Dictionary;
  /** Per usage text: its ten-thousandths, and whether it counts toward benchmarks (the SQL `usage_hcf >= '0'`). */
  private readonly usageUnits: number[] = [];
  private readonly usageUsable: boolean[] = [];
  private columns: Columns;
  private size: number;
  private readonly readingTexts: Map<number, string>;
  private readonly slots = new Map<number, Slot>();
  private classified: Classified | null = null;
  /** What the saver kept beside the rows (history-snapshot.ts: the meters' facts), as decoded. */
  extra: unknown = undefined;

  private constructor(columns: Columns, size: number, dictionaries: Texts, readingTexts: Map<number, string>) {
    this.columns = columns;
    this.size = size;
    this.dateTexts = new Dictionary(dictionaries.dates);
    this.periodTexts = new Dictionary(dictionaries.periods);
    this.usageTexts = new Dictionary(dictionaries.usages);
    this.readingTexts = readingTexts;
    this.refreshUsages();
  }

  static empty(capacity = 1024): HistoryStore {
    return new HistoryStore(allocate(capacity), 0, { dates: [], periods: [], usages: [] }, new Map());
  }

  has(meterId: number): boolean {
    return this.slots.has(meterId);
  }

  meterIds(): IterableIterator<number> {
    return this.slots.keys();
  }

  delete(meterId: number): void {
    this.slots.delete(meterId);
  }

  isComplete(meterId: number): boolean {
    return this.slots.get(meterId)?.complete ?? false;
  }

  /** Sets a meter's rows (newest first); `complete` when they are its whole history. Replaces any it had. */
  setMeter(meterId: number, reads: readonly StoredRead[], complete: boolean): void {
    const start = this.size;
    this.reserve(reads.length);
    for (const read of reads) this.appendRow(read);
    this.slots.set(meterId, { start, count: reads.length, complete });
  }

  /** A meter's rows as objects, newest first (a merge; the hot paths never call it). */
  readsOf(meterId: number): StoredRead[] {
    const slot = this.slots.get(meterId);
    if (!slot) return [];
    const reads: StoredRead[] = [];
    for (let row = slot.start; row < slot.start + slot.count; row += 1) {
      reads.push({ id: OLDER_THAN_ANY_NEW_READ, ...new StoredHistoryRead(this, row).toJSON() });
    }
    return reads;
  }

  /**
   * The meter's summary for the windows' period, as validate.ts's summarizeHistory gives it over
   * the meter's whole history: the average and last year's use over the usable reads dated in
   * their windows, the newest `limit` reads before the period, and the newest period at or after
   * it read in the recent window. Undefined when the meter has no rows here; null when its rows
   * run out before `limit` reads before the period and they are not its whole history.
   */
  summarize(meterId: number, windows: HistoryWindows, limit: number): MeterHistorySummary | null | undefined {
    const slot = this.slots.get(meterId);
    if (!slot) return undefined;
    const { dates, periods, usages, flags } = this.columns;
    const dateClass = this.dateClasses(windows);
    const periodLater = this.laterPeriods(windows);
    const recent: HistoryRead[] = [];
    let readFor: string | null = null;
    let averageSum = 0;
    let averageCount = 0;
    let lastYearUnits: number | null = null;
    const end = slot.start + slot.count;
    for (let row = slot.start; row < end; row += 1) {
      const dateCode = dates[row] as number;
      const classes = dateClass[dateCode] as number;
      if ((classes & BEFORE_WINDOWS) !== 0 && recent.length >= limit) break;
      const periodCode = periods[row] as number;
      if (periodLater[periodCode] === 1) {
        const period = this.periodTexts.values[periodCode] as string;
        if ((classes & IN_RECENT) !== 0 && (readFor === null || period > readFor)) readFor = period;
        continue;
      }
      if (recent.length < limit) recent.push(new StoredHistoryRead(this, row));
      const usage = usages[row] as number;
      if ((classes & (IN_AVERAGE | IN_LAST_YEAR)) === 0 || !this.usageUsable[usage] || ((flags[row] as number) & FLAG_BASELINE) !== 0) continue;
      const units = this.usageUnits[usage] as number;
      if ((classes & IN_AVERAGE) !== 0) {
        averageSum += units;
        averageCount += 1;
      }
      if ((classes & IN_LAST_YEAR) !== 0 && (lastYearUnits === null || units > lastYearUnits)) lastYearUnits = units;
    }
    if (recent.length < limit && !slot.complete) return null;
    return { summary: { recent, averageSum, averageCount, lastYearUnits }, readFor };
  }

  /** Each date text's place against the windows, worked out once per text instead of per row. */
  private dateClasses(windows: HistoryWindows): Uint8Array {
    const texts = this.dateTexts.values;
    let cached = this.classified;
    if (!cached || cached.windows !== windows) {
      cached = { windows, dates: new Uint8Array(0), periods: new Uint8Array(0) };
      this.classified = cached;
    }
    if (cached.dates.length < texts.length) {
      const classes = new Uint8Array(texts.length);
      texts.forEach((date, code) => {
        const beforePeriod = date < windows.periodStart;
        classes[code] =
          (date < windows.from ? BEFORE_WINDOWS : 0) |
          (date >= windows.recentFrom ? IN_RECENT : 0) |
          (beforePeriod && date >= windows.averageFrom ? IN_AVERAGE : 0) |
          (beforePeriod && date >= windows.lastYearFrom && date < windows.lastYearTo ? IN_LAST_YEAR : 0);
      });
      cached.dates = classes;
    }
    return cached.dates;
  }

  /** 1 for each period text at or after the windows' period (reads for it or later are not history). */
  private laterPeriods(windows: HistoryWindows): Uint8Array {
    this.dateClasses(windows);
    const cached = this.classified as Classified;
    const texts = this.periodTexts.values;
    if (cached.periods.length < texts.length) cached.periods = Uint8Array.from(texts, (period) => (period >= windows.period ? 1 : 0));
    return cached.periods;
  }

  /**
   * The store as one BLOB, for the meters `keep` accepts: each meter's new read (`newest`, when
   * it has one; newer than every row here) first, then its rows, trimmed to those dated on or
   * after `horizonDate` but never fewer than `keepNewest` (a trimmed meter is no longer complete).
   * Only the texts still used are saved. Written as flat loops over the columns: it runs once per
   * import, before the JIT has warmed up, over some 650,000 rows.
   */
  encode(options: EncodeOptions): Buffer {
    const plan = this.planEncoding(options);
    const rows = plan.rowCount;
    const meters = plan.meterIds.length;
    const layout = new Layout();
    const meterIds = layout.int32(meters);
    const counts = layout.int32(meters);
    const usages = layout.int32(rows);
    const readings = layout.int32(rows);
    const dates = layout.uint16(rows);
    const periods = layout.uint16(rows);
    const complete = layout.uint8(meters);
    const flags = layout.uint8(rows);
    const buffer = layout.allocate();
    const columns = { meterIds: meterIds(buffer), counts: counts(buffer), usages: usages(buffer), readings: readings(buffer), dates: dates(buffer), periods: periods(buffer), complete: complete(buffer), flags: flags(buffer) };
    const texts = { dates: new Renumbering(this.dateTexts.values), periods: new Renumbering(this.periodTexts.values), usages: new Renumbering(this.usageTexts.values) };
    const readingTexts: [number, string][] = [];
    const source = this.columns;
    let at = 0;
    const copy = (row: number) => {
      columns.dates[at] = texts.dates.code(source.dates[row] as number);
      columns.periods[at] = texts.periods.code(source.periods[row] as number);
      columns.usages[at] = texts.usages.code(source.usages[row] as number);
      const reading = source.readings[row] as number;
      columns.readings[at] = reading;
      if (reading === READING_IN_TEXTS) readingTexts.push([at, this.readingTexts.get(row) as string]);
      columns.flags[at] = source.flags[row] as number;
      at += 1;
    };
    for (let index = 0; index < meters; index += 1) {
      columns.meterIds[index] = plan.meterIds[index] as number;
      columns.complete[index] = plan.complete[index] as number;
      const addedRow = plan.addedRows[index] as number;
      if (addedRow >= 0) copy(addedRow);
      const start = plan.starts[index] as number;
      const end = start + (plan.counts[index] as number);
      for (let row = start; row < end; row += 1) copy(row);
      columns.counts[index] = (plan.counts[index] as number) + (addedRow >= 0 ? 1 : 0);
    }
    const header: SnapshotHeader = { version: FORMAT_VERSION, meters, rows, dates: texts.dates.kept, periods: texts.periods.kept, usages: texts.usages.kept, readingTexts, extra: options.extra };
    return layout.withHeader(buffer, header);
  }

  /** Which rows each kept meter saves: its new read (appended here), then a newest-first run of its rows. */
  private planEncoding(options: EncodeOptions): { meterIds: number[]; starts: number[]; counts: number[]; addedRows: number[]; complete: number[]; rowCount: number } {
    const plan = { meterIds: [] as number[], starts: [] as number[], counts: [] as number[], addedRows: [] as number[], complete: [] as number[], rowCount: 0 };
    this.reserve(options.newest.size);
    for (const [meterId, original] of this.slots) {
      if (!options.keep(meterId)) continue;
      let slot = original;
      let addedRow = -1;
      const added = options.newest.get(meterId);
      if (added && slot.count > 0 && added.readDate < this.dateOf(slot.start)) {
        // A read dated before the meter's newest (a back-dated read): merged in order as the meter's rows.
        this.setMeter(meterId, [added, ...this.readsOf(meterId)].sort(newestFirst), slot.complete);
        slot = this.slots.get(meterId) as Slot;
      } else if (added) {
        addedRow = this.size;
        this.reserve(1);
        this.appendRow(added);
      }
      const kept = addedRow >= 0 ? 1 : 0;
      let count = slot.count;
      while (count > 0 && kept + count > options.keepNewest && this.dateOf(slot.start + count - 1) < options.horizonDate) count -= 1;
      plan.meterIds.push(meterId);
      plan.starts.push(slot.start);
      plan.counts.push(count);
      plan.addedRows.push(addedRow);
      plan.complete.push(slot.complete && count === slot.count ? 1 : 0);
      plan.rowCount += kept + count;
    }
    return plan;
  }

  /** A store from encode()'s BLOB (its arrays are views on the buffer until something is added). */
  static decode(blob: Buffer): HistoryStore {
    const buffer = blob.byteOffset % 8 === 0 ? blob : Buffer.from(blob);
    const { header, take } = Layout.read(buffer);
    const { meters, rows } = header;
    const meterIds = take((b, o, n) => new Int32Array(b, o, n), meters, 4);
    const counts = take((b, o, n) => new Int32Array(b, o, n), meters, 4);
    const usages = take((b, o, n) => new Int32Array(b, o, n), rows, 4);
    const readings = take((b, o, n) => new Int32Array(b, o, n), rows, 4);
    const dates = take((b, o, n) => new Uint16Array(b, o, n), rows, 2);
    const periods = take((b, o, n) => new Uint16Array(b, o, n), rows, 2);
    const complete = take((b, o, n) => new Uint8Array(b, o, n), meters, 1);
    const flags = take((b, o, n) => new Uint8Array(b, o, n), rows, 1);
    const store = new HistoryStore({ dates, periods, usages, readings, flags }, rows, header, new Map(header.readingTexts));
    let start = 0;
    for (let index = 0; index < meters; index += 1) {
      const count = counts[index] as number;
      store.slots.set(meterIds[index] as number, { start, count, complete: complete[index] === 1 });
      start += count;
    }
    if (start !== rows) throw new Error('read history snapshot rows do not add up');
    store.extra = header.extra;
    return store;
  }

  private reserve(extra: number): void {
    const needed = this.size + extra;
    const current = this.columns.dates.length;
    if (needed <= current) return;
    const grown = allocate(Math.max(needed, current * 2, 1024));
    grown.dates.set(this.columns.dates.subarray(0, this.size));
    grown.periods.set(this.columns.periods.subarray(0, this.size));
    grown.usages.set(this.columns.usages.subarray(0, this.size));
    grown.readings.set(this.columns.readings.subarray(0, this.size));
    grown.flags.set(this.columns.flags.subarray(0, this.size));
    this.columns = grown;
  }

  private appendRow(read: StoredRead): void {
    const at = this.size;
    const target = this.columns;
    target.dates[at] = sixteenBitCode(this.dateTexts, read.readDate);
    target.periods[at] = sixteenBitCode(this.periodTexts, read.period);
    const usagesBefore = this.usageTexts.values.length;
    target.usages[at] = this.usageTexts.code(read.usageHcf);
    if (this.usageTexts.values.length !== usagesBefore) this.refreshUsages();
    if (PLAIN_WHOLE.test(read.reading) && Number(read.reading) <= 0x7fffffff) {
      target.readings[at] = Number(read.reading);
    } else {
      target.readings[at] = READING_IN_TEXTS;
      this.readingTexts.set(at, read.reading);
    }
    target.flags[at] = (read.estimated ? FLAG_ESTIMATED : 0) | (read.baseline ? FLAG_BASELINE : 0);
    this.size += 1;
  }

  private refreshUsages(): void {
    for (let code = this.usageUnits.length; code < this.usageTexts.values.length; code += 1) {
      const text = this.usageTexts.values[code] as string;
      // As SQLite compares text: at or after '0' (a digit first), so a negative use never counts.
      this.usageUsable.push(text >= '0');
      this.usageUnits.push(text >= '0' ? parseHcfUnits(text) : 0);
    }
  }

  /** Row `row`'s fields (StoredHistoryRead reads them when a check asks). */
  dateOf(row: number): string {
    return this.dateTexts.values[this.columns.dates[row] as number] as string;
  }

  periodOf(row: number): string {
    return this.periodTexts.values[this.columns.periods[row] as number] as string;
  }

  readingOf(row: number): string {
    const reading = this.columns.readings[row] as number;
    return reading === READING_IN_TEXTS ? (this.readingTexts.get(row) as string) : String(reading);
  }

  usageOf(row: number): string {
    return this.usageTexts.values[this.columns.usages[row] as number] as string;
  }

  flagsOf(row: number): number {
    return this.columns.flags[row] as number;
  }


}

/**
 * One of a meter's newest reads as validate.ts reads it, looked up in the store when a check asks:
 * a summary holds a few per meter, and most checks read only the newest one's reading and date —
 * 50,000 meters' worth of texts made up front cost more than the checks.
 */
class StoredHistoryRead implements HistoryRead {
  constructor(
    private readonly store: HistoryStore,
    private readonly row: number,
  ) {}

  get period(): string {
    return this.store.periodOf(this.row);
  }

  get readDate(): string {
    return this.store.dateOf(this.row);
  }

  get reading(): string {
    return this.store.readingOf(this.row);
  }

  get usageHcf(): string {
    return this.store.usageOf(this.row);
  }

  get estimated(): boolean {
    return (this.store.flagsOf(this.row) & FLAG_ESTIMATED) !== 0;
  }

  get baseline(): boolean {
    return (this.store.flagsOf(this.row) & FLAG_BASELINE) !== 0;
  }

  /** As a plain HistoryRead (JSON, test comparisons). */
  toJSON(): HistoryRead {
    return { period: this.period, readDate: this.readDate, reading: this.reading, usageHcf: this.usageHcf, estimated: this.estimated, baseline: this.baseline };
  }
}

interface Texts {
  dates: string[];
  periods: string[];
  usages: string[];
}

interface EncodeOptions {
  /** Saved beside the rows as JSON (decode gives it back as `extra`). */
  extra?: unknown;
  keep: (meterId: number) => boolean;
  newest: ReadonlyMap<number, StoredRead>;
  horizonDate: string;
  keepNewest: number;
}

interface SnapshotHeader extends Texts {
  version: number;
  meters: number;
  rows: number;
  readingTexts: [number, string][];
  extra?: unknown;
}

/** Dates and periods are 16-bit codes: a cycle's 14 months hold a few hundred distinct ones at most. */
function sixteenBitCode(dictionary: Dictionary, text: string): number {
  const code = dictionary.code(text);
  if (code > 0xffff) throw new RangeError('more than 65,536 distinct dates or periods in one read history snapshot');
  return code;
}

/** Texts renumbered in the order a saved store first uses them, so only the used ones are saved. */
class Renumbering {
  readonly kept: string[] = [];
  private readonly codes: Int32Array;

  constructor(private readonly texts: readonly string[]) {
    this.codes = new Int32Array(texts.length).fill(-1);
  }

  code(old: number): number {
    let code = this.codes[old] as number;
    if (code < 0) {
      code = this.kept.length;
      this.codes[old] = code;
      this.kept.push(this.texts[old] as string);
    }
    return code;
  }
}

type View<T> = (buffer: Buffer) => T;

/**
 * The BLOB: "RHS1", the header's offset and length, the columns (each 8-byte aligned, so typed
 * arrays can view them in place), then the header as JSON (counts, texts, odd readings).
 */
class Layout {
  private offset = 16;

  int32(length: number): View<Int32Array> {
    return this.place(length, 4, (b, o) => new Int32Array(b.buffer, b.byteOffset + o, length));
  }

  uint16(length: number): View<Uint16Array> {
    return this.place(length, 2, (b, o) => new Uint16Array(b.buffer, b.byteOffset + o, length));
  }

  uint8(length: number): View<Uint8Array> {
    return this.place(length, 1, (b, o) => new Uint8Array(b.buffer, b.byteOffset + o, length));
  }

  allocate(): Buffer {
    return Buffer.alloc(this.offset);
  }

  withHeader(columns: Buffer, header: SnapshotHeader): Buffer {
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    columns.writeUInt32LE(MAGIC, 0);
    columns.writeUInt32LE(columns.length, 4);
    columns.writeUInt32LE(json.length, 8);
    return Buffer.concat([columns, json]);
  }

  static read(buffer: Buffer): { header: SnapshotHeader; take: <T>(make: (buffer: ArrayBufferLike, byteOffset: number, length: number) => T, length: number, bytes: number) => T } {
    if (buffer.length < 16 || buffer.readUInt32LE(0) !== MAGIC) throw new Error('not a read history snapshot');
    const headerAt = buffer.readUInt32LE(4);
    const headerLength = buffer.readUInt32LE(8);
    if (headerAt + headerLength !== buffer.length) throw new Error('read history snapshot is cut short');
    const header = JSON.parse(buffer.toString('utf8', headerAt, headerAt + headerLength)) as SnapshotHeader;
    if (header.version !== FORMAT_VERSION) throw new Error(`read history snapshot version ${header.version} is not ${FORMAT_VERSION}`);
    let offset = 16;
    const take = <T>(make: (buffer: ArrayBufferLike, byteOffset: number, length: number) => T, length: number, bytes: number): T => {
      if (offset + length * bytes > headerAt) throw new Error('read history snapshot is cut short');
      const array = make(buffer.buffer, buffer.byteOffset + offset, length);
      offset = align(offset + length * bytes, 8);
      return array;
    };
    return { header, take };
  }

  private place<T>(length: number, bytes: number, make: (buffer: Buffer, offset: number) => T): View<T> {
    const at = this.offset;
    this.offset = align(this.offset + length * bytes, 8);
    return (buffer) => make(buffer, at);
  }
}

const align = (value: number, to: number) => Math.ceil(value / to) * to;

/** Newest first: by read date, then by id. */
export function newestFirst(a: StoredRead, b: StoredRead): number {
  if (a.readDate !== b.readDate) return a.readDate < b.readDate ? 1 : -1;
  return b.id - a.id;
}

/** Settings a store can serve: its horizon is on or before every window, and it keeps at least `limit` newest reads. */
export function servesWindows(horizonDate: string, keptNewest: number, windows: HistoryWindows, limit: number): boolean {
  return horizonDate <= windows.from && keptNewest >= limit;
}
