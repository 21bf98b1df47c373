/**
 * Random read histories for the property tests of the read-history paths: reads months apart or
 * twice in a month, decimal, zero and negative uses, estimates, install reads, reads labelled
 * with a period, and thresholds.
 */
import fc from 'fast-check';
import type { Sqlite } from '../../src-main/core/storage/database';
import { periodMinusMonths } from '../../src-main/core/reads/validate';
import { insertBareAccounts } from '../support/fixtures';
import { PERIOD } from './reads-support';

export const METER_COUNT = 5;
const USAGES = ['0', '9', '10', '12', '12.3456', '9.5', '20', '-3'] as const;

export interface GeneratedRead {
  monthsBack: number;
  day: number;
  usageHcf: string;
  estimated: boolean;
  install: boolean;
  /** Labelled with its own month, the month after (read late for the next period), or not at all. */
  label: 'none' | 'same' | 'next';
}

export const readArbitrary: fc.Arbitrary<GeneratedRead> = fc.record({
  monthsBack: fc.integer({ min: 1, max: 26 }),
  day: fc.integer({ min: 1, max: 28 }),
  usageHcf: fc.constantFrom(...USAGES),
  estimated: fc.boolean(),
  install: fc.integer({ min: 0, max: 9 }).map((value) => value === 0),
  label: fc.constantFrom('none' as const, 'same' as const, 'next' as const),
});

export const meterArbitrary = fc.record({
  reads: fc.array(readArbitrary, { maxLength: 9 }),
  usageNow: fc.integer({ min: 0, max: 40 }),
  estimatedNow: fc.boolean(),
});

export const settingsArbitrary = fc.record({
  averagePeriods: fc.constantFrom(2, 6, 12, 24),
  repeatedUsePeriods: fc.integer({ min: 2, max: 5 }),
  maxConsecutiveEstimates: fc.integer({ min: 1, max: 5 }),
});

/** METER_COUNT meters "P-0"… on cycle 1 (4-dial HCF registers), each on its own bare account. */
export function insertPropertyMeters(db: Sqlite): number[] {
  const accountIds = insertBareAccounts(db, METER_COUNT);
  const insertMeter = db.prepare(
    `INSERT INTO meters (serial, size, dials, multiplier, unit, installed_on, status, location_id)
     VALUES (?, '5/8', 4, '1', 'HCF', '2020-01-01', 'active', (SELECT location_id FROM accounts WHERE id = ?))`,
  );
  return accountIds.map((accountId, index) => Number(insertMeter.run(`P-${index}`, accountId).lastInsertRowid));
}

/** Stores a meter's generated history (oldest first, readings running on from 1000) and returns its latest reading. */
export function storeHistory(db: Sqlite, meterId: number, reads: readonly GeneratedRead[]): number {
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
