/**
 * Read import: match a parsed file's rows to the cycle's meters, validate each read against the
 * meter's history, and either describe the result (preview) or store it (import) — one code
 * path, so the preview shows exactly what the import would do. Committing is all-or-nothing
 * (the caller's transaction); the same file (SHA-256 of its bytes) is refused the second time.
 *
 * Speed: the cycle's meters with a summary of their history are loaded in one query (history.ts), reads
 * and exceptions are written 50 rows to an INSERT in the caller's transaction (insertInBatches;
 * figures: docs/performance.md).
 */
import type { MeterUnit } from '../../../src-shared/contract/accounts';
import { problemText } from '../../../src-shared/file-problems';
import { sha256Hex } from '../hashing';
import type {
  FileProblemView,
  PreviewException,
  ReadExceptionType,
  ReadFinding,
  ReadImportPreview,
  ReadImportResult,
  ReadValidationSettings,
  UnmatchedRead,
} from '../../../src-shared/contract/reads';
import { perConnection } from '../storage/prepared';
import { OfficeError, assertInvariant } from '../errors';
import type { Sqlite } from '../storage/database';
import type BetterSqlite3 from 'better-sqlite3';
import { Big, WHOLE_DIGITS, unitFactor, wholeReading } from './decimal';
import type { ParseResult, ParsedReadRow } from './formats/types';
import { factsColumns, forgetLoadedCycle, loadCycleMeters, type CycleMeter } from './history';
import { historyTokens, saveCycleHistory, type CycleHistory } from './history-snapshot';
import { forgetParsedUpload } from './parse';
import { deferUntilIdle } from '../storage/checkpoints';
import type { StoredRead } from './history-store';
import { applyReRead, pendingReviewOf, type PendingReview } from './reread';
import { SEVERITY, primaryFinding, typesColumn, uniqueTypes, validateWithSummary, type ValidationResult } from './validate';

/** Most rows one file may hold: a whole district's cycle with room to spare. */
export const MAX_READ_ROWS = 200_000;
/** Exceptions shown in a preview (all are counted). */
const PREVIEW_EXCEPTION_SAMPLE = 500;

interface PlannedRead {
  row: ParsedReadRow;
  meter: CycleMeter;
  reading: string;
  validation: ValidationResult;
  /** A re-read: the period's read under review that this one replaces (reread.ts). */
  replaces: PendingReview | null;
}

interface PlannedFault {
  row: ParsedReadRow;
  meter: CycleMeter;
}

export interface ImportAnalysis {
  fileName: string;
  sha256: string;
  format: string;
  cycle: number;
  period: string;
  skipUnmatched: boolean;
  rowCount: number;
  reads: PlannedRead[];
  faults: PlannedFault[];
  unmatched: UnmatchedRead[];
  problems: FileProblemView[];
  /** The parser's remarks that do not stop the import (records skipped on purpose...). */
  notes: string[];
  duplicateOf: ReadImportPreview['duplicateOf'];
  /** The cycle's history the reads were checked against (saved on with them as the cycle's snapshot), and its meters. */
  history: CycleHistory | null;
  cycleMeters: ReadonlyMap<number, CycleMeter>;
}

const statements = perConnection((db: Sqlite) => ({
  meterBySerial: db
    .prepare<[string], [number, string, number | null]>(
      `SELECT m.id, m.serial, l.cycle FROM meters m LEFT JOIN service_locations l ON l.id = m.location_id WHERE m.serial = ? COLLATE NOCASE`,
    )
    .raw(),
  importBySha: db.prepare<[string], { importId: number; importedAt: string; importedBy: string; fileName: string }>(
    `SELECT i.id AS importId, i.imported_at AS importedAt, u.display_name AS importedBy, i.file_name AS fileName
     FROM read_imports i JOIN users u ON u.id = i.imported_by_user_id WHERE i.sha256 = ?`,
  ),
  insertImport: db.prepare(
    `INSERT INTO read_imports (file_name, sha256, format, cycle, period, row_count, read_count, exception_count, unmatched_count, unmatched_json, imported_by_user_id, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  importCommitted: db.prepare<[number, string], number>(`SELECT 1 FROM read_imports WHERE id = ? AND sha256 = ?`).pluck(),
  lastExceptionId: db.prepare<[], number>(`SELECT ifnull(max(id), 0) FROM read_exceptions`).pluck(),
  // Exceptions written after `after` whose read is this import's read of the same meter (commitImport's check).
  linkedExceptions: db
    .prepare<{ after: number; importId: number }, number>(
      `SELECT count(*) FROM read_exceptions e JOIN meter_reads r ON r.id = e.read_id
       WHERE e.id > @after AND r.import_id = @importId AND r.meter_id = e.meter_id`,
    )
    .pluck(),
  openNoReads: db.prepare<[number, string], { id: number; meterId: number }>(
    `SELECT id, meter_id AS meterId FROM read_exceptions WHERE cycle = ? AND period = ? AND type = 'no_read' AND status <> 'resolved'`,
  ),
  resolveNoRead: db.prepare<[string, number, number]>(
    `UPDATE read_exceptions SET status = 'resolved', resolution = 'read_received', resolved_at = ?, resolved_by_user_id = ? WHERE id = ?`,
  ),
  insertAction: db.prepare(`INSERT INTO read_exception_actions (exception_id, at, user_id, action, reason, detail) VALUES (?, ?, ?, ?, ?, ?)`),
}));


function unmatched(row: ParsedReadRow, reason: UnmatchedRead['reason'], message: string): UnmatchedRead {
  return { line: row.line, meterSerial: row.meterSerial, accountNumber: row.accountNumber, reason, message: `Line ${row.line}: ${message}` };
}

/** Matches, converts and validates every row. Reads the database; writes nothing. */
export function analyzeImport(
  db: Sqlite,
  request: { fileName: string; bytes: Buffer; cycle: number; period: string; skipUnmatched: boolean },
  parsed: ParseResult,
  settings: ReadValidationSettings,
): ImportAnalysis {
  const { cycle, period } = request;
  const sha256 = sha256Hex(request.bytes);
  const analysis: ImportAnalysis = {
    fileName: request.fileName,
    sha256,
    format: parsed.format,
    cycle,
    period,
    skipUnmatched: request.skipUnmatched,
    rowCount: parsed.rows.length,
    reads: [],
    faults: [],
    unmatched: [],
    problems: parsed.problems.map((problem) => ({ ...problem })),
    notes: [...(parsed.notes ?? [])],
    duplicateOf: statements(db).importBySha.get(sha256) ?? null,
    history: null,
    cycleMeters: new Map(),
  };
  if (parsed.rows.length > MAX_READ_ROWS) {
    analysis.problems.push({ line: 1, message: `The file has ${parsed.rows.length} reads; at most ${MAX_READ_ROWS} can be imported at once. Split it by route.` });
    return analysis;
  }
  const { meters: cycleMeters, list, placeBySerial, history } = loadCycleMeters(db, cycle, period, settings);
  analysis.history = history;
  analysis.cycleMeters = cycleMeters;
  // The line each meter was first read on, by its place in `list` (0: not yet; lines start at 1).
  const seenOnLine = new Int32Array(list.length);

  for (const row of parsed.rows) {
    const place = placeBySerial.get(row.meterSerial.toUpperCase());
    const meter = place === undefined ? undefined : list[place];
    if (place === undefined || !meter) {
      const elsewhere = statements(db).meterBySerial.get(row.meterSerial);
      analysis.unmatched.push(
        elsewhere
          ? unmatched(row, 'other_cycle', `meter ${elsewhere[1]} is in cycle ${elsewhere[2] ?? '—'}, not cycle ${cycle}`)
          : unmatched(row, 'unknown_meter', `there is no meter ${row.meterSerial} in the office; check the serial or add the meter`),
      );
      continue;
    }
    if (meter.status !== 'active') {
      analysis.unmatched.push(unmatched(row, 'inactive_meter', `meter ${meter.serial} is ${meter.status}, not in service`));
      continue;
    }
    if (row.accountNumber !== null && meter.accountNumber !== null && row.accountNumber.trim() !== meter.accountNumber) {
      analysis.unmatched.push(
        unmatched(row, 'account_mismatch', `the file puts meter ${meter.serial} on account ${row.accountNumber}, but it serves account ${meter.accountNumber}`),
      );
      continue;
    }
    const firstLine = seenOnLine[place] as number;
    if (firstLine !== 0) {
      analysis.problems.push({ line: row.line, field: 'meter', message: `Meter ${meter.serial} is read twice in this file (lines ${firstLine} and ${row.line})` });
      continue;
    }
    seenOnLine[place] = row.line;
    const replaces = meter.readFor === null ? null : alreadyRead(db, analysis, row, meter, period);
    if (replaces === undefined) continue;
    if (row.faulted) {
      if (replaces) {
        analysis.unmatched.push(unmatched(row, 'already_read', `the re-read of meter ${meter.serial} is a faulted register; the read under review stays`));
        continue;
      }
      analysis.faults.push({ row, meter });
      continue;
    }
    // Nearly every file reads in the meter's own unit: no conversion factor (a big.js object) per read then.
    const otherUnit = row.unit !== null && row.unit !== meter.unit ? row.unit : null;
    const factor = otherUnit === null ? null : unitFactor(otherUnit, meter.unit);
    if (otherUnit !== null && factor === null) {
      analysis.problems.push({
        line: row.line,
        field: 'unit',
        message: `The reading is in ${row.unit}, but meter ${meter.serial} registers ${meter.unit}; these units cannot be converted exactly`,
      });
      continue;
    }
    const reading = readingInMeterUnits(row.reading, factor);
    const validation = validateWithSummary(
      {
        reading,
        readDate: row.readDate,
        period,
        estimated: row.estimated,
        leakFlag: row.leakFlag,
        fileMultiplier: row.multiplier,
      },
      meter,
      meter.accountActive,
      meter.summary,
      settings,
    );
    analysis.reads.push({ row, meter, reading, validation, replaces });
  }
  return analysis;
}

/**
 * A meter already read for the period: a re-read when that read is waiting on review (returns
 * what it replaces), otherwise skipped as already read (returns undefined).
 */
function alreadyRead(db: Sqlite, analysis: ImportAnalysis, row: ParsedReadRow, meter: CycleMeter, period: string): PendingReview | undefined {
  const pending = meter.readFor === period ? pendingReviewOf(db, meter.meterId, period) : undefined;
  if (!pending) {
    // Only a read under review is replaced by a re-read; an accepted or passing one stands.
    const why = meter.readFor === period ? ' that is not under review' : '';
    analysis.unmatched.push(unmatched(row, 'already_read', `meter ${meter.serial} already has a read for ${meter.readFor}${why}`));
  }
  return pending;
}

function faultFinding(row: ParsedReadRow): ReadFinding {
  return {
    type: 'faulted_register',
    severity: SEVERITY.faulted_register,
    basis: null,
    benchmarkHcf: null,
    deviationPercent: null,
    message: `The register reported a fault (value ${row.reading}), not a reading: order a re-read or estimate`,
  };
}

/** Why the analysed file cannot be imported, or null when it can. */
export function blockedReason(analysis: ImportAnalysis): string | null {
  const { duplicateOf, problems, unmatched: skipped } = analysis;
  if (duplicateOf) {
    return `This file was already imported on ${duplicateOf.importedAt.slice(0, 10)} by ${duplicateOf.importedBy} (import ${duplicateOf.importId}, ${duplicateOf.fileName}); nothing was imported again`;
  }
  const first = problems[0];
  if (first) {
    const located = problemText(first);
    return `The file has ${problems.length} problem${problems.length === 1 ? '' : 's'} (first: ${located}); nothing was imported. Fix the file and import it again.`;
  }
  if (skipped.length > 0 && !analysis.skipUnmatched) {
    return `${skipped.length} read${skipped.length === 1 ? ' does' : 's do'} not match a meter of cycle ${analysis.cycle} for ${analysis.period} (first: ${skipped[0]?.message}). Fix the meters, or import with "skip unmatched reads" to import the rest.`;
  }
  if (analysis.reads.length + analysis.faults.length === 0) return `The file has no reads for cycle ${analysis.cycle}`;
  return null;
}

export function previewOf(analysis: ImportAnalysis): ReadImportPreview {
  const byType: Partial<Record<ReadExceptionType, number>> = {};
  const exceptions: PreviewException[] = [];
  const note = (row: ParsedReadRow, findings: ReadFinding[], reading: string | null, usageHcf: string | null) => {
    const primary = primaryFinding(findings);
    byType[primary.type] = (byType[primary.type] ?? 0) + 1;
    if (exceptions.length < PREVIEW_EXCEPTION_SAMPLE) {
      exceptions.push({
        line: row.line,
        meterSerial: row.meterSerial,
        accountNumber: row.accountNumber,
        type: primary.type,
        types: uniqueTypes(findings),
        severity: primary.severity,
        reading,
        usageHcf,
        message: primary.message,
      });
    }
  };
  for (const fault of analysis.faults) note(fault.row, [faultFinding(fault.row)], null, null);
  for (const read of analysis.reads) {
    if (read.validation.findings.length > 0) note(read.row, read.validation.findings, read.reading, read.validation.usageHcf);
  }
  const reReadCount = analysis.reads.filter((read) => read.replaces !== null).length;
  const reason = blockedReason(analysis);
  return {
    fileName: analysis.fileName,
    sha256: analysis.sha256,
    format: analysis.format,
    cycle: analysis.cycle,
    period: analysis.period,
    rowCount: analysis.rowCount,
    readCount: analysis.reads.length,
    reReadCount,
    matchedCount: analysis.reads.length + analysis.faults.length,
    unmatched: analysis.unmatched,
    estimatedCount: analysis.reads.filter((read) => read.row.estimated).length,
    faultedCount: analysis.faults.length,
    exceptionCount: Object.values(byType).reduce((sum, count) => sum + count, 0),
    exceptionsByType: byType,
    exceptions,
    problems: analysis.problems,
    notes: analysis.notes,
    duplicateOf: analysis.duplicateOf,
    canImport: reason === null,
    blockedReason: reason,
  };
}



/**
 * Rows per INSERT statement. One statement per read made the store of a 50,000-read file cost
 * about 0.74 s here; 50 rows to a statement, the columns every row of the import shares bound
 * once per statement, about 0.41–0.47 s (prototype, 2026-11-26) — most of a statement's cost is
 * running it, not its rows. 50 × 16 values stays far below SQLite's 32,766 parameters.
 */
const ROWS_PER_INSERT = 50;

/** A multi-row INSERT: the `?` per row, then the import's shared columns as named parameters bound once. */
interface MultiRowInsert {
  head: string;
  tuple: string;
}

const READ_INSERT: MultiRowInsert = {
  head: `INSERT INTO meter_reads (meter_id, account_id, read_date, reading, usage_hcf, estimated, reading_text, status, source, created_at, period, cycle, import_id) VALUES `,
  tuple: '(?, ?, ?, ?, ?, ?, ?, ?, @source, @createdAt, @period, @cycle, @importId)',
};

const EXCEPTION_INSERT: MultiRowInsert = {
  head: `INSERT INTO read_exceptions (meter_id, account_id, read_id, type, types, severity, message, findings_json, reading_text, read_date, usage_hcf,
    prior_usage_hcf, last_year_usage_hcf, average_usage_hcf, expected_low_hcf, expected_high_hcf, cycle, period, import_id, status, created_at) VALUES `,
  tuple: `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, @cycle, @period, @importId, 'open', @createdAt)`,
};

/** One batch: the rows' `?` values in one array, the shared named values in one object. */
type BatchStatement = BetterSqlite3.Statement<[unknown[], Record<string, unknown>]>;

/** The statement for `rows` tuples, prepared once per connection (a full batch, and each shorter last batch met). */
const multiRowStatements = perConnection((db: Sqlite) => {
  const cache = new Map<string, BatchStatement>();
  return (insert: MultiRowInsert, rows: number): BatchStatement => {
    const key = `${rows}|${insert.head}`;
    let statement = cache.get(key);
    if (!statement) {
      statement = db.prepare<[unknown[], Record<string, unknown>]>(insert.head + Array.from({ length: rows }, () => insert.tuple).join(', '));
      cache.set(key, statement);
    }
    return statement;
  };
});

/**
 * Inserts `count` rows ROWS_PER_INSERT to a statement; `push(index, values)` appends row
 * `index`'s `?` values, `shared` holds the named ones. Returns each row's rowid.
 *
 * Why the ids are lastInsertRowid − n + 1 … lastInsertRowid: one INSERT statement writes its
 * VALUES rows one after another, and each new row of a rowid table (AUTOINCREMENT here) gets the
 * largest rowid so far + 1; the caller's transaction holds SQLite's only write lock, and no
 * trigger writes these tables, so nothing else takes an id between them. SQLite does not promise
 * the VALUES order in writing (nor RETURNING's order), so commitImport checks the ids it used.
 */
function insertInBatches(db: Sqlite, insert: MultiRowInsert, count: number, shared: Record<string, unknown>, push: (index: number, values: unknown[]) => void): number[] {
  const ids: number[] = new Array<number>(count);
  const values: unknown[] = [];
  for (let start = 0; start < count; start += ROWS_PER_INSERT) {
    const rows = Math.min(ROWS_PER_INSERT, count - start);
    values.length = 0;
    for (let index = start; index < start + rows; index += 1) push(index, values);
    const result = multiRowStatements(db)(insert, rows).run(values, shared);
    assertInvariant(result.changes === rows, `a ${rows}-row insert wrote ${rows} rows, not ${result.changes}`);
    const firstId = Number(result.lastInsertRowid) - rows + 1;
    for (let offset = 0; offset < rows; offset += 1) ids[start + offset] = firstId + offset;
  }
  return ids;
}

/**
 * A file reading in the meter's register units: exactly as written ("0012" stays "0012", as the
 * register shows it) when the file is in those units; converted exactly when it is not ("001234"
 * KGAL on a gallon register → "1234000"). `factor` null: already in them.
 */
function readingInMeterUnits(reading: string, factor: Big | null): string {
  if (factor === null || factor.eq(1)) return reading;
  return new Big(reading).times(factor).toFixed();
}

/** The `?` values of each exception (EXCEPTION_INSERT): flagged reads in file order, then faulted registers. */
function exceptionRows(reads: readonly PlannedRead[], readIds: readonly number[], faults: readonly PlannedFault[]): unknown[][] {
  const rows: unknown[][] = [];
  reads.forEach(({ row, meter, reading, validation }, index) => {
    if (validation.findings.length === 0) return;
    const primary = primaryFinding(validation.findings);
    rows.push([
      meter.meterId, meter.accountId, readIds[index], primary.type, typesColumn(uniqueTypes(validation.findings)), primary.severity, primary.message,
      JSON.stringify(validation.findings), reading, row.readDate, validation.usageHcf, validation.priorHcf, validation.lastYearHcf, validation.averageHcf,
      validation.expectedLowHcf, validation.expectedHighHcf,
    ]);
  });
  for (const { row, meter } of faults) {
    const fault = faultFinding(row);
    rows.push([
      meter.meterId, meter.accountId, null, fault.type, typesColumn([fault.type]), fault.severity, fault.message, JSON.stringify([fault]), row.reading,
      row.readDate, null, null, null, null, null, null,
    ]);
  }
  return rows;
}

/** Applies the file's re-reads (reread.ts) and returns the reads that are new. */
function applyReReads(db: Sqlite, analysis: ImportAnalysis, importId: number, actor: { userId: number; nowIso: string }): PlannedRead[] {
  const newReads: PlannedRead[] = [];
  for (const read of analysis.reads) {
    const { row, reading, validation, replaces } = read;
    if (!replaces) {
      newReads.push(read);
      continue;
    }
    const reRead = { reading, wholeReading: wholeReading(reading), readDate: row.readDate, estimated: row.estimated, validation, source: `import ${importId} (${analysis.fileName})` };
    applyReRead(db, replaces, reRead, actor, '');
  }
  return newReads;
}

/** Writes the new reads and an exception per flagged read or faulted register; returns the reads' ids. */
function storeReads(db: Sqlite, analysis: ImportAnalysis, newReads: readonly PlannedRead[], shared: { source: string; createdAt: string; period: string; cycle: number; importId: number }): number[] {
  const readIds = insertInBatches(db, READ_INSERT, newReads.length, shared, (index, values) => {
    const { row, meter, reading, validation } = newReads[index] as PlannedRead;
    values.push(
      meter.meterId, meter.accountId, row.readDate, wholeReading(reading), validation.usageHcf, row.estimated ? 1 : 0, reading,
      validation.findings.length > 0 ? 'review' : 'ok',
    );
  });
  const exceptions = exceptionRows(newReads, readIds, analysis.faults);
  const prepared = statements(db);
  const exceptionsBefore = prepared.lastExceptionId.get() ?? 0;
  insertInBatches(db, EXCEPTION_INSERT, exceptions.length, shared, (index, values) => {
    for (const value of exceptions[index] as unknown[]) values.push(value);
  });
  // The read ids were worked out, not read back (insertInBatches): every exception of a read must
  // name this import's read of its own meter (a file reads a meter once), or nothing is stored.
  const readExceptions = exceptions.length - analysis.faults.length;
  const linked = prepared.linkedExceptions.get({ after: exceptionsBefore, importId: shared.importId });
  assertInvariant(linked === readExceptions, `${readExceptions} exceptions of import ${shared.importId} name its reads of their meters, not ${linked}`);
  return readIds;
}

/**
 * Leaves the cycle's history with this import's reads as the cycle's snapshot
 * (history-snapshot.ts), so the next import starts from it. Where the database stands is taken
 * now, inside the import's transaction; the snapshot itself is built and saved at idle time
 * (storage/checkpoints.ts): the technician has the import's result without waiting for it.
 */
function leaveHistorySnapshot(db: Sqlite, analysis: ImportAnalysis, importId: number, newReads: readonly PlannedRead[], readIds: readonly number[], nowIso: string): void {
  const history = analysis.history;
  if (!history) return;
  const tokens = historyTokens(db);
  const reRead = new Set(analysis.reads.filter((read) => read.replaces !== null).map((read) => read.meter.meterId));
  deferUntilIdle(db, () => {
    // Only after the import's transaction committed: a rolled-back import left no reads to describe.
    if (statements(db).importCommitted.get(importId, analysis.sha256) === undefined) return;
    const stored = new Map<number, StoredRead>();
    newReads.forEach(({ row, meter, reading, validation }, index) => {
      stored.set(meter.meterId, { id: readIds[index] as number, readDate: row.readDate, period: analysis.period, reading, usageHcf: validation.usageHcf, estimated: row.estimated, baseline: false });
    });
    const cycleMeterIds = new Set(analysis.cycleMeters.keys());
    const facts = factsColumns(analysis.cycleMeters);
    db.transaction(() => saveCycleHistory(db, history, { cycle: analysis.cycle, cycleMeterIds, newReads: stored, changed: reRead, facts, tokens, nowIso })).immediate();
  });
}

/** A read arriving for a meter with an open no-read exception closes it. */
function closeNoReads(db: Sqlite, analysis: ImportAnalysis, readMeters: ReadonlySet<number>, importId: number, actor: { userId: number; nowIso: string }): void {
  const prepared = statements(db);
  for (const open of prepared.openNoReads.all(analysis.cycle, analysis.period)) {
    if (!readMeters.has(open.meterId)) continue;
    prepared.resolveNoRead.run(actor.nowIso, actor.userId, open.id);
    prepared.insertAction.run(open.id, actor.nowIso, actor.userId, 'read_received', '', `read received in import ${importId} (${analysis.fileName})`);
  }
}

/**
 * Stores the analysed file: the import record, every read, an exception per abnormal read or
 * faulted register, and closes the no-read exceptions of meters now read. Must run inside the
 * caller's transaction (the dispatcher's), so a failure stores nothing.
 */
export function commitImport(db: Sqlite, analysis: ImportAnalysis, userId: number, nowIso: string): ReadImportResult {
  assertInvariant(db.inTransaction, 'a read import runs inside a transaction');
  const preview = previewOf(analysis);
  if (!preview.canImport) {
    const code = analysis.duplicateOf || (analysis.unmatched.length > 0 && analysis.problems.length === 0) ? 'CONFLICT' : 'INVALID_INPUT';
    const first = analysis.problems[0];
    throw new OfficeError(code, preview.blockedReason ?? 'The file cannot be imported', first && code === 'INVALID_INPUT' ? `line ${first.line}${first.field ? ` ${first.field}` : ''}` : undefined);
  }
  forgetLoadedCycle(db);
  forgetParsedUpload(db);
  const prepared = statements(db);
  const importId = Number(
    prepared.insertImport.run(
      analysis.fileName, analysis.sha256, analysis.format, analysis.cycle, analysis.period, analysis.rowCount, analysis.reads.length,
      preview.exceptionCount, analysis.unmatched.length, JSON.stringify(analysis.unmatched), userId, nowIso,
    ).lastInsertRowid,
  );
  const newReads = applyReReads(db, analysis, importId, { userId, nowIso });
  const readIds = storeReads(db, analysis, newReads, { source: analysis.format, createdAt: nowIso, period: analysis.period, cycle: analysis.cycle, importId });
  leaveHistorySnapshot(db, analysis, importId, newReads, readIds, nowIso);
  closeNoReads(db, analysis, new Set(newReads.map((read) => read.meter.meterId)), importId, { userId, nowIso });
  return { ...preview, importId };
}
