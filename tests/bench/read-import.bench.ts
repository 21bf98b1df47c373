/**
 * Importing and validating a 50,000-read cycle file against 13 months of history: 50,000
 * active meters in one cycle, each with 13 monthly reads (650,000 rows), then one file of
 * 50,000 reads for the next period (about 11% abnormal: high, low, zero, rollovers, misreads,
 * faulted registers, estimates) as a Badger BEACON CSV (about 2.9 MB): previewed, then parsed,
 * matched, validated and stored in one transaction, as reads.preview and reads.import do (the
 * import screen always previews first). Each run uses a fresh copy of the district. Target: the
 * import's median of three under 1 s; the preview and the parts are reported beside it.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, fsyncSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseReadFile } from '../../src-main/core/reads/formats';
import type { ParsedReadRow } from '../../src-main/core/reads/formats/types';
import { analyzeImport, commitImport, previewOf } from '../../src-main/core/reads/import';
import { parseUpload } from '../../src-main/core/reads/parse';
import { getReadValidationSettings } from '../../src-main/core/reads/settings';
import { periodMinusMonths } from '../../src-main/core/reads/validate';
import { closeDatabase, openDatabase, type Sqlite } from '../../src-main/core/storage/database';
import { createUser } from '../../src-main/core/users/users';
import { median, type Bench, type BenchRow } from './harness';
import { runDeferredWork, withoutAutomaticCheckpoint } from '../../src-main/core/storage/checkpoints';

const METERS = 50_000;
const HISTORY_MONTHS = 13;
const PERIOD = '2026-12';
const RUNS = 3;
const TARGET_MS = 1000;
const NOW = '2026-12-10T17:00:00.000Z';
const DIALS = 6;

/** A small deterministic generator (the numbers only need to look like a district's). */
function lcg(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

const HEADER = 'Account_ID,Meter_ID,Read,Read_Unit,Read_Time,Estimated_Flag,Current_Leak_Rate,Dials,Register_Resolution';

/** The rows as a Badger BEACON export (readings in CCF, the meters' own unit). */
export function beaconFile(rows: readonly ParsedReadRow[]): Buffer {
  const lines = rows.map((row) => `${row.accountNumber},${row.meterSerial},${row.reading},CCF,${row.readDate} 07:00:00,${row.estimated ? 'Y' : 'N'},0,${DIALS},1`);
  return Buffer.from(`${HEADER}\r\n${lines.join('\r\n')}\r\n`);
}

/**
 * The district: 50,000 meters with 13 months of reads. The first 12 months are written directly;
 * the 13th (the month before the benchmark's) comes in through the import itself, as every month
 * does in the office, so it leaves the cycle's history snapshot an import starts from. That first
 * import has no snapshot to start from (as the first after installing): its time is logged as the
 * cold case.
 */
export async function buildDistrict(path: string, log: (line: string) => void = () => undefined): Promise<{ rows: ParsedReadRow[]; userId: number }> {
  const database = await openDatabase(path);
  const db = database.sqlite;
  const random = lcg(2026);
  const rows: ParsedReadRow[] = [];
  const previousRows: ParsedReadRow[] = [];
  let userId = 0;
  db.transaction(() => {
    userId = createUser(db, NOW, { username: 'tech', displayName: 'Bench Technician', role: 'technician', password: 'bench-password' }).userId;
    const customer = db.prepare(
      `INSERT INTO customers (kind, last_name, first_name, mailing_street, mailing_city, mailing_state, mailing_zip, created_at)
       VALUES ('person', ?, 'Bench', '1 Main St', 'Valle Verde', 'CA', '95350', '2020-01-01T00:00:00Z')`,
    );
    const location = db.prepare(`INSERT INTO service_locations (street, city, state, zip, route, sequence, cycle) VALUES (?, 'Valle Verde', 'CA', '95350', ?, ?, 1)`);
    const account = db.prepare(
      `INSERT INTO accounts (account_number, customer_id, location_id, status, opened_on, created_at) VALUES (?, ?, ?, 'active', '2020-01-01', '2020-01-01T00:00:00Z')`,
    );
    const meter = db.prepare(`INSERT INTO meters (serial, size, dials, multiplier, unit, installed_on, status, location_id) VALUES (?, '5/8', ${DIALS}, '1', 'HCF', '2020-01-01', 'active', ?)`);
    const read = db.prepare(
      `INSERT INTO meter_reads (meter_id, account_id, read_date, reading, usage_hcf, estimated, source, created_at) VALUES (?, ?, ?, ?, ?, ?, 'amr', ?)`,
    );
    for (let index = 0; index < METERS; index += 1) {
      const customerId = Number(customer.run(`Customer${index}`).lastInsertRowid);
      const locationId = Number(location.run(`${100 + index} Oak St`, `R${String(Math.floor(index / 350)).padStart(3, '0')}`, index % 350).lastInsertRowid);
      const accountNumber = `${String(customerId).padStart(6, '0')}-01`;
      const accountId = Number(account.run(accountNumber, customerId, locationId).lastInsertRowid);
      const serial = `BM${String(index).padStart(7, '0')}`;
      const meterId = Number(meter.run(serial, locationId).lastInsertRowid);
      const base = 8 + Math.floor(random() * 18);
      let reading = Math.floor(random() * 900_000);
      for (let month = HISTORY_MONTHS; month >= 1; month -= 1) {
        const period = periodMinusMonths(PERIOD, month);
        const usage = base + Math.floor(random() * 7) - 3;
        reading = (reading + usage) % 10 ** DIALS;
        const estimated = random() < 0.015;
        if (month > 1) {
          read.run(meterId, accountId, `${period}-09`, reading, String(usage), estimated ? 1 : 0, `${period}-09T20:00:00.000Z`);
        } else {
          previousRows.push({ ...fileRow(index, serial, accountNumber, `${period}-09`, String(reading)), estimated });
        }
      }
      // This period's read: mostly normal, some abnormal, as a real cycle file.
      const roll = random();
      let usage = base + Math.floor(random() * 7) - 3;
      let faulted = false;
      if (roll < 0.02) usage = base * 4;
      else if (roll < 0.03) usage = 0;
      else if (roll < 0.04) usage = Math.floor(base / 4);
      else if (roll < 0.045) usage = -3;
      else if (roll < 0.05) faulted = true;
      const current = (reading + usage + 10 ** DIALS) % 10 ** DIALS;
      rows.push({ ...fileRow(index, serial, accountNumber, `${PERIOD}-09`, faulted ? '4294967294' : String(current)), estimated: roll > 0.99, faulted });
    }
  })();
  const started = performance.now();
  const previous = importFile(db, beaconFile(previousRows), 'cycle1-previous.csv', periodMinusMonths(PERIOD, 1), userId);
  log(`the 13th month imported without a snapshot (the cold case): ${((performance.now() - started) / 1000).toFixed(2)} s, history from ${previous.source}`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  closeDatabase(database);
  return { rows, userId };
}

function fileRow(index: number, serial: string, accountNumber: string, readDate: string, reading: string): ParsedReadRow {
  return { line: index + 2, meterSerial: serial, accountNumber, readDate, readAt: null, reading, unit: 'HCF', multiplier: null, estimated: false, faulted: false, leakFlag: false, dials: DIALS };
}

/** Parses, checks and stores one file as reads.import does; returns where its history came from and its parts' times. */
function importFile(db: Sqlite, bytes: Buffer, fileName: string, period: string, userId: number) {
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  const parsed = parseUpload(db, bytes, { kind: 'badger-beacon' });
  const parsedAt = performance.now();
  if (parsed.problems.length > 0) throw new Error(`bench file has problems: ${parsed.problems[0]?.message}`);
  const analysis = analyzeImport(db, { fileName, bytes, cycle: 1, period, skipUnmatched: false }, parsed, getReadValidationSettings(db));
  const analyzedAt = performance.now();
  // As reads.import runs (a bulk write): its checkpoint waits for idle time.
  const result = withoutAutomaticCheckpoint(db, () => db.transaction(() => commitImport(db, analysis, userId, NOW))());
  const done = performance.now();
  const cpu = process.cpuUsage(cpuStarted);
  // What the office does once the technician has the result: the snapshot for the next import, at idle time.
  runDeferredWork(db);
  const snapshotMs = performance.now() - done;
  return { exceptions: result.exceptionCount, source: analysis.history?.source ?? 'none', parseMs: parsedAt - started, analyzeMs: analyzedAt - parsedAt, commitMs: done - analyzedAt, snapshotMs, totalMs: done - started, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** A copy of the district, flushed to disk first (setup: the import's commit does not pay for writing it). */
function freshCopy(template: string, path: string): string {
  copyFileSync(template, path);
  const descriptor = openSync(path, 'r+');
  fsyncSync(descriptor);
  closeSync(descriptor);
  return path;
}

/** buildDistrict in a child process (read-import-district.ts): this one's heap stays as an office's would. */
function buildDistrictApart(folder: string, template: string, log: (line: string) => void): { bytes: Buffer; userId: number } {
  const filePath = join(folder, 'cycle1.csv');
  const factsPath = join(folder, 'district.json');
  const script = join(dirname(fileURLToPath(import.meta.url)), 'read-import-district.ts');
  const child = spawnSync(process.execPath, ['--import', 'tsx', script, template, filePath, factsPath], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  for (const line of child.stdout.split('\n').filter(Boolean)) log(line);
  if (child.status !== 0) throw new Error(`building the district failed (exit ${child.status}): ${child.stderr.slice(-2000)}`);
  const facts = JSON.parse(readFileSync(factsPath, 'utf8')) as { userId: number };
  return { bytes: readFileSync(filePath), userId: facts.userId };
}

export const bench: Bench = {
  name: 'read-import',
  async run(log) {
    const folder = mkdtempSync(join(tmpdir(), 'billing-office-bench-reads-'));
    try {
      const template = join(folder, 'template.sqlite');
      const setupStarted = performance.now();
      const { bytes, userId } = buildDistrictApart(folder, template, log);
      const setupMs = performance.now() - setupStarted;
      log(`district: ${METERS} meters × ${HISTORY_MONTHS} months of reads built in ${(setupMs / 1000).toFixed(1)} s (in a process of its own)`);
      const rows = parseReadFile(bytes, { kind: 'badger-beacon' }).rows;
      log(`file: ${rows.length} reads, ${(bytes.length / 1024 / 1024).toFixed(1)} MB`);
      const timings: number[] = [];
      // CPU time of this process beside the wall clock: on a shared machine the wall clock also
      // counts the time other processes held the 2 cores.
      const cpuTimings: number[] = [];
      const parts = { parse: [] as number[], analyze: [] as number[], commit: [] as number[], snapshot: [] as number[] };
      const previews: number[] = [];
      let exceptions = 0;
      for (let run = 1; run <= RUNS; run += 1) {
        const database = await openDatabase(freshCopy(template, join(folder, `run${run}.sqlite`)));
        const db = database.sqlite;
        try {
          // As in the office: the technician sees the file's preview, then imports it (reads.preview, then reads.import).
          const previewStarted = performance.now();
          const preview = previewOf(analyzeImport(db, { fileName: 'cycle1.csv', bytes, cycle: 1, period: PERIOD, skipUnmatched: false }, parseUpload(db, bytes, { kind: 'badger-beacon' }), getReadValidationSettings(db)));
          previews.push(performance.now() - previewStarted);
          if (!preview.canImport) throw new Error(`the benchmark file cannot be imported: ${preview.blockedReason}`);
          const result = importFile(db, bytes, 'cycle1.csv', PERIOD, userId);
          const wallMs = result.totalMs;
          if (result.source !== 'snapshot') throw new Error(`the benchmark import read its history from ${result.source}, not the cycle's snapshot`);
          exceptions = result.exceptions;
          cpuTimings.push(result.cpuMs);
          timings.push(wallMs);
          parts.parse.push(result.parseMs);
          parts.analyze.push(result.analyzeMs);
          parts.commit.push(result.commitMs);
          parts.snapshot.push(result.snapshotMs);
          log(
            `run ${run}: preview ${(previews[previews.length - 1] as number).toFixed(0)} ms, then the import ${wallMs.toFixed(0)} ms, CPU ${result.cpuMs.toFixed(0)} ms (parse ${result.parseMs.toFixed(0)}, match + validate ${result.analyzeMs.toFixed(0)}, store ${result.commitMs.toFixed(0)}; ${exceptions} exceptions; then the snapshot for the next import ${result.snapshotMs.toFixed(0)} at idle)`,
          );
        } finally {
          closeDatabase(database);
        }
      }
      // For information: the import with no preview before it (the CLI's `reads import` without
      // --dry-run), on fresh copies, in this process now that its code has run a few times.
      const unpreviewed: number[] = [];
      for (let run = 1; run <= RUNS; run += 1) {
        const database = await openDatabase(freshCopy(template, join(folder, `alone${run}.sqlite`)));
        try {
          const result = importFile(database.sqlite, bytes, 'cycle1.csv', PERIOD, userId);
          unpreviewed.push(result.totalMs);
          log(`import without a preview ${run}: ${result.totalMs.toFixed(0)} ms (parse ${result.parseMs.toFixed(0)}, match + validate ${result.analyzeMs.toFixed(0)}, store ${result.commitMs.toFixed(0)})`);
        } finally {
          closeDatabase(database);
        }
      }
      // The floor: the same 50,000 rows written by a bare better-sqlite3 loop into the same table
      // and indexes, one transaction, synchronous=FULL — what storing alone costs on this machine.
      const floors: number[] = [];
      for (let run = 1; run <= RUNS; run += 1) {
        const path = join(folder, `floor${run}.sqlite`);
        copyFileSync(template, path);
        const database = await openDatabase(path);
        try {
          const insert = database.sqlite.prepare(
            `INSERT INTO meter_reads (meter_id, account_id, read_date, reading, usage_hcf, estimated, source, created_at, reading_text, period, cycle, import_id, status)
             VALUES (?, ?, ?, ?, ?, ?, 'badger-beacon', ?, ?, ?, 1, NULL, 'ok')`,
          );
          const started = performance.now();
          database.sqlite.transaction(() => {
            rows.forEach((row, index) => insert.run(index + 1, index + 1, row.readDate, Number(row.reading) % 1_000_000, '12', row.estimated ? 1 : 0, NOW, row.reading, PERIOD));
          })();
          floors.push(performance.now() - started);
        } finally {
          closeDatabase(database);
        }
      }
      log(`floor (bare insert of the same rows): ${floors.map((value) => value.toFixed(0)).join(', ')} ms`);
      const result: BenchRow[] = [
        { benchmark: 'read-import', measure: `${METERS}-read Badger file, 13 months history, median of ${RUNS}`, value: median(timings), unit: 'ms', targetBelow: TARGET_MS },
        { benchmark: 'read-import', measure: 'slowest run', value: Math.max(...timings), unit: 'ms' },
        { benchmark: 'read-import', measure: 'the preview before it (parse + match + validate, median)', value: median(previews), unit: 'ms' },
        { benchmark: 'read-import', measure: 'the first preview, in a process that had not run it yet', value: previews[0] as number, unit: 'ms' },
        { benchmark: 'read-import', measure: 'an import with no preview before it (CLI, median)', value: median(unpreviewed), unit: 'ms' },
        { benchmark: 'read-import', measure: 'CPU time of the process (median)', value: median(cpuTimings), unit: 'ms' },
        { benchmark: 'read-import', measure: 'parse (median)', value: median(parts.parse), unit: 'ms' },
        { benchmark: 'read-import', measure: 'match + validate (median)', value: median(parts.analyze), unit: 'ms' },
        { benchmark: 'read-import', measure: 'store (median)', value: median(parts.commit), unit: 'ms' },
        { benchmark: 'read-import', measure: 'exceptions found', value: exceptions, unit: 'count' },
        { benchmark: 'read-import', measure: 'after it, at idle: the snapshot for the next import (median)', value: median(parts.snapshot), unit: 'ms' },
        { benchmark: 'read-import', measure: 'floor: bare better-sqlite3 insert of the same rows (median)', value: median(floors), unit: 'ms' },
      ];
      return result;
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
