/**
 * Property: for any small history — reads months apart or twice in a month, decimal, zero and
 * negative uses, estimates, install reads, reads labelled with a period — and any thresholds, an
 * import judges each meter's read exactly as the single-meter path does (validateRead over the
 * meter's whole history, and loadMeter's summary).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_VALIDATION_DEFAULTS } from '../../src-main/core/reads/settings';
import { periodMinusMonths } from '../../src-main/core/reads/validate';
import { insertBareAccounts } from '../support/fixtures';
import { createTestOffice, type TestOffice } from '../support/office';
import { validateThreeWays } from './reads-paths-support';
import { PERIOD, row } from './reads-support';

const METER_COUNT = 5;
const USAGES = ['0', '9', '10', '12', '12.3456', '9.5', '20', '-3'] as const;

interface GeneratedRead {
  monthsBack: number;
  day: number;
  usageHcf: string;
  estimated: boolean;
  install: boolean;
  /** Labelled with its own month, the month after (read late for the next period), or not at all. */
  label: 'none' | 'same' | 'next';
}

const readArbitrary: fc.Arbitrary<GeneratedRead> = fc.record({
  monthsBack: fc.integer({ min: 1, max: 26 }),
  day: fc.integer({ min: 1, max: 28 }),
  usageHcf: fc.constantFrom(...USAGES),
  estimated: fc.boolean(),
  install: fc.integer({ min: 0, max: 9 }).map((value) => value === 0),
  label: fc.constantFrom('none' as const, 'same' as const, 'next' as const),
});

const meterArbitrary = fc.record({
  reads: fc.array(readArbitrary, { maxLength: 9 }),
  usageNow: fc.integer({ min: 0, max: 40 }),
  estimatedNow: fc.boolean(),
});

const settingsArbitrary = fc.record({
  averagePeriods: fc.constantFrom(2, 6, 12, 24),
  repeatedUsePeriods: fc.integer({ min: 2, max: 5 }),
  maxConsecutiveEstimates: fc.integer({ min: 1, max: 5 }),
});

let office: TestOffice;
let meterIds: number[];
beforeAll(async () => {
  office = await createTestOffice();
  const db = office.runtime.database.sqlite;
  const accountIds = insertBareAccounts(db, METER_COUNT);
  const insertMeter = db.prepare(
    `INSERT INTO meters (serial, size, dials, multiplier, unit, installed_on, status, location_id)
     VALUES (?, '5/8', 4, '1', 'HCF', '2020-01-01', 'active', (SELECT location_id FROM accounts WHERE id = ?))`,
  );
  meterIds = accountIds.map((accountId, index) => Number(insertMeter.run(`P-${index}`, accountId).lastInsertRowid));
});
afterAll(() => office.cleanup());

/** Stores a meter's generated history (oldest first, readings running on from 1000) and returns its latest reading. */
function storeHistory(meterId: number, reads: readonly GeneratedRead[]): number {
  const db = office.runtime.database.sqlite;
  const insert = db.prepare(
    `INSERT INTO meter_reads (meter_id, account_id, read_date, reading, usage_hcf, estimated, source, created_at, period)
     VALUES (?, NULL, ?, ?, ?, ?, ?, '2026-01-01T00:00:00.000Z', ?)`,
  );
  const dated = reads.map((read) => {
    const month = periodMinusMonths(PERIOD, read.monthsBack);
    const label = read.label === 'none' ? null : read.label === 'same' ? month : periodMinusMonths(PERIOD, read.monthsBack - 1);
    return { ...read, readDate: `${month}-${String(read.day).padStart(2, '0')}`, label };
  });
  dated.sort((a, b) => (a.readDate < b.readDate ? -1 : a.readDate > b.readDate ? 1 : 0));
  let reading = 1000;
  for (const read of dated) {
    const usage = read.install ? '0' : read.usageHcf;
    reading = Math.max(0, reading + Math.floor(Number(usage)));
    insert.run(meterId, read.readDate, reading, usage, read.estimated && !read.install ? 1 : 0, read.install ? 'install' : 'amr', read.label);
  }
  return reading;
}

describe('an import and a single meter judge a read alike', () => {
  it('gives the same usage, findings and benchmarks for every meter, whatever its history', () => {
    const db = office.runtime.database.sqlite;
    fc.assert(
      fc.property(fc.array(meterArbitrary, { minLength: METER_COUNT, maxLength: METER_COUNT }), settingsArbitrary, (meters, thresholds) => {
        db.prepare(`DELETE FROM meter_reads WHERE meter_id IN (${meterIds.join(',')})`).run();
        const rows = meters.map((meter, index) => {
          const latest = storeHistory(meterIds[index] as number, meter.reads);
          return row(index + 2, `P-${index}`, String((latest + meter.usageNow) % 10_000), { estimated: meter.estimatedNow });
        });
        const results = validateThreeWays(db, 1, PERIOD, rows, { ...READ_VALIDATION_DEFAULTS, ...thresholds });
        for (const paths of results.values()) {
          expect(paths.history).toEqual(paths.bulk);
          expect(paths.loadMeter).toEqual(paths.bulk);
        }
      }),
      { numRuns: 100 },
    );
  });
});
