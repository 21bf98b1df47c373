/**
 * An import (the cycle-wide summary query) and a single meter (validateRead over the meter's whole
 * history; loadMeter as corrections and re-reads use it) must judge a read the same way. Cycle
 * fixture: 13 monthly reads of 10 HCF, 2025-10 … 2026-10 (latest reading 130), reads for 2026-11.
 * Defaults: high > +50%, low < −50%, average of 12 months.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { getReadValidationSettings } from '../../src-main/core/reads/settings';
import { createTestOffice, type TestOffice } from '../support/office';
import { validateThreeWays, type PathResults } from './reads-paths-support';
import { PERIOD, createCycle, row, type CycleFixture } from './reads-support';

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

const summary = (result: PathResults['bulk']) => result.findings.map((item) => [item.type, item.basis, item.deviationPercent]);

/** The three paths agree, and each gives `expected`. */
function expectAgreement(results: Map<string, PathResults>, serial: string): PathResults['bulk'] {
  const paths = results.get(serial);
  if (!paths) throw new Error(`meter ${serial} was not validated`);
  expect(paths.history).toEqual(paths.bulk);
  expect(paths.loadMeter).toEqual(paths.bulk);
  return paths.bulk;
}

describe('last year read twice in the month: the larger use, compared as a number', () => {
  /** Meter's 2025-11-09 read (the same month last year) becomes `first`, and a second read of that month, `second`, is added on 2025-11-24. */
  function readTwiceLastYear(fixture: CycleFixture, serial: string, first: string, second: string) {
    const db = office!.runtime.database.sqlite;
    const meterId = fixture.meterIds[serial];
    db.prepare(`UPDATE meter_reads SET usage_hcf = ? WHERE meter_id = ? AND read_date = '2025-11-09'`).run(first, meterId);
    db.prepare(
      `INSERT INTO meter_reads (meter_id, account_id, read_date, reading, usage_hcf, estimated, source, created_at) VALUES (?, ?, '2025-11-24', 29, ?, 0, 'amr', '2025-11-24T20:00:00.000Z')`,
    ).run(meterId, fixture.accountIds[serial], second);
  }

  it("uses 12 HCF, not '9' (which sorts after '12' as text), in the import and for one meter", async () => {
    office = await createTestOffice();
    const fixture = await createCycle(office);
    readTwiceLastYear(fixture, 'M-1', '9', '12');
    readTwiceLastYear(fixture, 'M-2', '9', '12');
    readTwiceLastYear(fixture, 'M-3', '9', '12.3456');
    const db = office.runtime.database.sqlite;
    const results = validateThreeWays(db, 1, PERIOD, [row(2, 'M-1', '149'), row(3, 'M-2', '135'), row(4, 'M-3', '135')], getReadValidationSettings(db));

    // M-1: 149 − 130 = 19 HCF. Prior 10: +90%. Last year 12: 7/12 = +58.3% → +58 (against 9 it would be +111%).
    // Average of the 13 reads dated 2025-11 … 2026-10: (9 + 12 + 11 × 10) / 13 = 131/13 = 10.077: 116/131 = +88.5% → +89.
    const m1 = expectAgreement(results, 'M-1');
    expect(summary(m1)).toEqual([['high_usage', 'prior', 90], ['high_usage', 'last_year', 58], ['high_usage', 'average', 89]]);
    expect(m1.findings[1]?.message).toBe('High: 19 HCF against 12 HCF the same period last year (+58%)');
    expect([m1.lastYearHcf, m1.averageHcf]).toEqual(['12', '10.08']);

    // M-2: 5 HCF. Prior 10: −50%, not below. Last year 12: −7/12 = −58.3% → −58, low (against 9: −44%, no finding).
    // Average 131/13: (65 − 131)/131 = −50.4% → −50, not below.
    const m2 = expectAgreement(results, 'M-2');
    expect(summary(m2)).toEqual([['low_usage', 'last_year', -58]]);
    expect(m2.findings[0]?.message).toBe('Low: 5 HCF against 12 HCF the same period last year (-58%)');

    // M-3: 5 HCF against the exact 12.3456 (shown 12.35): −7.3456/12.3456 = −59.4997% → −59.
    // Average (9 + 12.3456 + 110)/13 = 131.3456/13: (65 − 131.3456)/131.3456 = −50.51% → −51, low.
    const m3 = expectAgreement(results, 'M-3');
    expect(summary(m3)).toEqual([['low_usage', 'last_year', -59], ['low_usage', 'average', -51]]);
    expect(m3.lastYearHcf).toBe('12.35');
  });
});
