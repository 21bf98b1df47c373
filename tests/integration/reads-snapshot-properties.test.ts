/**
 * Property: an import that starts from the cycle's history snapshot judges every read exactly as
 * the single-meter path does over the meter's whole history, and analyses the file exactly as it
 * would without a snapshot — whatever happened after the snapshot was left: reads corrected,
 * deleted, added by hand (dated anywhere, even before the snapshot's horizon) or only resolved
 * (which changes nothing the history holds); an account closed, a meter removed, given another
 * multiplier or moved to another cycle.
 *
 * Each case: a random history; an import for the month before (leaving the snapshot, some of its
 * reads back-dated); random changes; then the month's reads validated three ways
 * (reads-paths-support.ts). The average sometimes widens to 24 months between the two imports,
 * which the snapshot cannot serve, so the import reads meter_reads instead and must still agree.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetLoadedCycle } from '../../src-main/core/reads/history';
import { openCycleHistory } from '../../src-main/core/reads/history-snapshot';
import { analyzeImport, commitImport, previewOf } from '../../src-main/core/reads/import';
import { READ_VALIDATION_DEFAULTS } from '../../src-main/core/reads/settings';
import { periodMinusMonths } from '../../src-main/core/reads/validate';
import { runDeferredWork } from '../../src-main/core/storage/checkpoints';
import type { ReadValidationSettings } from '../../src-shared/contract/reads';
import { createTestOffice, type TestOffice } from '../support/office';
import { METER_COUNT, insertPropertyMeters, meterArbitrary, settingsArbitrary, storeHistory } from './reads-paths-generators';
import { validateThreeWays } from './reads-paths-support';
import { PERIOD, parsed, row } from './reads-support';

const PREVIOUS = periodMinusMonths(PERIOD, 1);

type Change =
  | { kind: 'correct'; pick: number; usageHcf: string; reading: number }
  | { kind: 'resolve'; pick: number }
  | { kind: 'delete'; pick: number }
  | { kind: 'add'; meter: number; monthsBack: number; day: number; usageHcf: string; estimated: boolean }
  | { kind: 'close-account' | 'remove-meter' | 'move-to-cycle-2' | 'multiplier-10'; meter: number };

const changeArbitrary: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('correct' as const), pick: fc.nat(), usageHcf: fc.constantFrom('0', '7', '11.25', '30', '-2'), reading: fc.integer({ min: 0, max: 9_999 }) }),
  fc.record({ kind: fc.constant('resolve' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('add' as const),
    meter: fc.nat({ max: METER_COUNT - 1 }),
    monthsBack: fc.integer({ min: 1, max: 30 }),
    day: fc.integer({ min: 1, max: 28 }),
    usageHcf: fc.constantFrom('0', '8', '10', '12.5'),
    estimated: fc.boolean(),
  }),
  fc.record({ kind: fc.constantFrom('close-account' as const, 'remove-meter' as const, 'move-to-cycle-2' as const, 'multiplier-10' as const), meter: fc.nat({ max: METER_COUNT - 1 }) }),
);

let office: TestOffice;
let meterIds: number[];
let userId: number;
beforeAll(async () => {
  office = await createTestOffice();
  const db = office.runtime.database.sqlite;
  meterIds = insertPropertyMeters(db);
  userId = db.prepare("SELECT id FROM users WHERE username = 'tomas'").pluck().get() as number;
});
afterAll(() => office.cleanup());

/**
 * Imports last month's reads (some dated before a meter's newest) and leaves the cycle's snapshot;
 * false when every meter already has a read for that month (nothing to import, no snapshot).
 */
function importPreviousMonth(latest: readonly number[], days: readonly number[], settings: ReadValidationSettings, caseNumber: number): boolean {
  const db = office.runtime.database.sqlite;
  const rows = latest.map((reading, index) => row(index + 2, `P-${index}`, String((reading + 5) % 10_000), { readDate: `${PREVIOUS}-${String(days[index]).padStart(2, '0')}` }));
  const analysis = analyzeImport(db, { fileName: `previous-${caseNumber}.csv`, bytes: Buffer.from(`case ${caseNumber} ${Math.random()}`), cycle: 1, period: PREVIOUS, skipUnmatched: true }, parsed(rows), settings);
  if (!previewOf(analysis).canImport) return false;
  db.transaction(() => commitImport(db, analysis, userId, '2026-10-10T17:00:00.000Z'))();
  runDeferredWork(db);
  return true;
}

function applyChange(change: Change): void {
  const db = office.runtime.database.sqlite;
  const readIds = db.prepare<[], number>(`SELECT id FROM meter_reads WHERE meter_id IN (${meterIds.join(',')}) ORDER BY id`).pluck().all();
  const picked = readIds.length > 0 && 'pick' in change ? (readIds[change.pick % readIds.length] as number) : null;
  switch (change.kind) {
    case 'correct':
      if (picked !== null) db.prepare('UPDATE meter_reads SET usage_hcf = ?, reading = ?, reading_text = NULL WHERE id = ?').run(change.usageHcf, change.reading, picked);
      return;
    case 'resolve':
      if (picked !== null) db.prepare("UPDATE meter_reads SET status = 'accepted', resolved_at = '2026-11-01T00:00:00Z' WHERE id = ?").run(picked);
      return;
    case 'delete':
      if (picked === null) return;
      db.prepare('DELETE FROM read_exceptions WHERE read_id = ?').run(picked);
      db.prepare('DELETE FROM meter_reads WHERE id = ?').run(picked);
      return;
    case 'add': {
      const month = periodMinusMonths(PERIOD, change.monthsBack);
      db.prepare(
        `INSERT INTO meter_reads (meter_id, account_id, read_date, reading, usage_hcf, estimated, source, created_at) VALUES (?, NULL, ?, 1500, ?, ?, 'manual', '2026-11-01T00:00:00Z')`,
      ).run(meterIds[change.meter], `${month}-${String(change.day).padStart(2, '0')}`, change.usageHcf, change.estimated ? 1 : 0);
      return;
    }
    case 'close-account':
      db.prepare("UPDATE accounts SET status = 'closed' WHERE location_id = (SELECT location_id FROM meters WHERE id = ?)").run(meterIds[change.meter]);
      return;
    case 'remove-meter':
      db.prepare("UPDATE meters SET status = 'removed' WHERE id = ?").run(meterIds[change.meter]);
      return;
    case 'move-to-cycle-2':
      db.prepare('UPDATE service_locations SET cycle = 2 WHERE id = (SELECT location_id FROM meters WHERE id = ?)').run(meterIds[change.meter]);
      return;
    case 'multiplier-10':
      db.prepare("UPDATE meters SET multiplier = '10' WHERE id = ?").run(meterIds[change.meter]);
  }
}

/** The meters and accounts as each case starts: active, multiplier 1, cycle 1. */
function resetFacts(): void {
  const db = office.runtime.database.sqlite;
  const ids = meterIds.join(',');
  db.exec(`UPDATE meters SET status = 'active', multiplier = '1' WHERE id IN (${ids});
    UPDATE accounts SET status = 'active' WHERE location_id IN (SELECT location_id FROM meters WHERE id IN (${ids}));
    UPDATE service_locations SET cycle = 1 WHERE id IN (SELECT location_id FROM meters WHERE id IN (${ids}));`);
}

/** This month's file analysed as reads.import would, from whatever history the cycle has. */
function analyzeThisMonth(rows: ReturnType<typeof row>[], settings: ReadValidationSettings, caseNumber: number) {
  const db = office.runtime.database.sqlite;
  const analysis = analyzeImport(db, { fileName: `this-${caseNumber}.csv`, bytes: Buffer.from(`this ${caseNumber}`), cycle: 1, period: PERIOD, skipUnmatched: true }, parsed(rows), settings);
  return {
    source: analysis.history?.source,
    result: { preview: previewOf(analysis), validations: analysis.reads.map((read) => [read.meter.meterId, read.validation, read.meter.accountActive, read.meter.multiplier]) },
  };
}

describe('an import starting from the history snapshot', () => {
  it('judges every read as the whole history does, whatever changed since the snapshot', () => {
    const db = office.runtime.database.sqlite;
    let caseNumber = 0;
    fc.assert(
      fc.property(
        fc.array(meterArbitrary, { minLength: METER_COUNT, maxLength: METER_COUNT }),
        fc.array(fc.integer({ min: 1, max: 28 }), { minLength: METER_COUNT, maxLength: METER_COUNT }),
        settingsArbitrary,
        fc.array(changeArbitrary, { maxLength: 6 }),
        fc.boolean(),
        (meters, days, thresholds, changes, widen) => {
          caseNumber += 1;
          db.exec(`DELETE FROM read_exceptions; DELETE FROM meter_reads WHERE meter_id IN (${meterIds.join(',')}); DELETE FROM read_history_snapshots;`);
          resetFacts();
          const settings = { ...READ_VALIDATION_DEFAULTS, ...thresholds };
          const latest = meters.map((meter, index) => storeHistory(db, meterIds[index] as number, meter.reads));
          const leftSnapshot = importPreviousMonth(latest, days, settings, caseNumber);
          for (const change of changes) applyChange(change);
          // 24 months of average reach back past the horizon a 2–12 month snapshot keeps.
          const widened = widen && settings.averagePeriods < 24;
          const now = widened ? { ...settings, averagePeriods: 24 } : settings;
          const expectedSource = leftSnapshot && !widened ? 'snapshot' : 'meter_reads';
          expect(openCycleHistory(db, 1, PERIOD, now).source).toBe(expectedSource);
          const rows = meters.map((meter, index) => row(index + 2, `P-${index}`, String((latest[index]! + 5 + meter.usageNow) % 10_000), { estimated: meter.estimatedNow }));
          for (const paths of validateThreeWays(db, 1, PERIOD, rows, now).values()) {
            expect(paths.history).toEqual(paths.bulk);
            expect(paths.loadMeter).toEqual(paths.bulk);
          }
          // The whole analysis — which meters are in the cycle, active, matched — as without the snapshot.
          const fromSnapshot = analyzeThisMonth(rows, now, caseNumber);
          expect(fromSnapshot.source).toBe(expectedSource);
          // Without the snapshot, and without the cycle this connection loaded from it.
          db.exec('DELETE FROM read_history_snapshots');
          forgetLoadedCycle(db);
          const fromReads = analyzeThisMonth(rows, now, caseNumber);
          expect(fromReads.source).toBe('meter_reads');
          expect(fromReads.result).toEqual(fromSnapshot.result);
        },
      ),
      { numRuns: 60 },
    );
  });
});
