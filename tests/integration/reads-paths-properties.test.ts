/**
 * Property: for any small history — reads months apart or twice in a month, decimal, zero and
 * negative uses, estimates, install reads, reads labelled with a period — and any thresholds, an
 * import judges each meter's read exactly as the single-meter path does (validateRead over the
 * meter's whole history, and loadMeter's summary). No snapshot here: the import reads the cycle
 * from meter_reads (reads-snapshot-properties.test.ts covers the snapshot path).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_VALIDATION_DEFAULTS } from '../../src-main/core/reads/settings';
import { createTestOffice, type TestOffice } from '../support/office';
import { METER_COUNT, insertPropertyMeters, meterArbitrary, settingsArbitrary, storeHistory } from './reads-paths-generators';
import { validateThreeWays } from './reads-paths-support';
import { PERIOD, row } from './reads-support';

let office: TestOffice;
let meterIds: number[];
beforeAll(async () => {
  office = await createTestOffice();
  meterIds = insertPropertyMeters(office.runtime.database.sqlite);
});
afterAll(() => office.cleanup());

describe('an import and a single meter judge a read alike', () => {
  it('gives the same usage, findings and benchmarks for every meter, whatever its history', () => {
    const db = office.runtime.database.sqlite;
    fc.assert(
      fc.property(fc.array(meterArbitrary, { minLength: METER_COUNT, maxLength: METER_COUNT }), settingsArbitrary, (meters, thresholds) => {
        db.prepare(`DELETE FROM meter_reads WHERE meter_id IN (${meterIds.join(',')})`).run();
        const rows = meters.map((meter, index) => {
          const latest = storeHistory(db, meterIds[index] as number, meter.reads);
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
