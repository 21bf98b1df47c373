/**
 * An import (the cycle-wide summary query) and a single meter (validateRead over the meter's whole
 * history; loadMeter as corrections and re-reads use it) must judge a read the same way. Cycle
 * fixture: 13 monthly reads of 10 HCF, 2025-10 … 2026-10 (latest reading 130), reads for 2026-11.
 * Defaults: high > +50%, low < −50%, average of 12 months, same use 3 periods, more than 3 estimates.
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
    const results = validateThreeWays(db, 1, PERIOD, [row(2, 'M-1', '149'), row(3, 'M-2', '134.9'), row(4, 'M-3', '135')], getReadValidationSettings(db));

    // M-1: 149 − 130 = 19 HCF. Benchmarks: prior 10, last year 12, average of the 13 reads dated
    // 2025-11 … 2026-10 (9 + 12 + 11 × 10) / 13 = 131/13 = 10.077. Expected range: lowest 10 × 50% = 5
    // to highest 12 × 150% = 18; 19 is above it: +7/12 = +58.3% → +58 against last year. (Had 9 been
    // taken for last year, the highest would be the average: 15.12, and +89% against it.)
    const m1 = expectAgreement(results, 'M-1');
    expect(summary(m1)).toEqual([['high_usage', 'last_year', 58]]);
    expect(m1.findings[0]?.message).toBe('High: 19 HCF against 12 HCF the same period last year (+58%; expected 5–18 HCF)');
    expect([m1.lastYearHcf, m1.averageHcf, m1.expectedLowHcf, m1.expectedHighHcf]).toEqual(['12', '10.08', '5', '18']);

    // M-2: 4.9 HCF. With last year 12 the lowest benchmark is the prior 10: range from 5, so 4.9 is
    // low, (4.9 − 10)/10 = −51%. (With 9 for last year the range would start at 4.5: no finding.)
    const m2 = expectAgreement(results, 'M-2');
    expect(summary(m2)).toEqual([['low_usage', 'prior', -51]]);
    expect(m2.findings[0]?.message).toBe('Low: 4.9 HCF against 10 HCF last period (-51%; expected 5–18 HCF)');

    // M-3: 5 HCF, inside. Its range tops out at the exact 12.3456 × 150% = 18.5184 → 18.52 (the shown
    // 12.35 would give 18.525 → 18.53).
    const m3 = expectAgreement(results, 'M-3');
    expect(summary(m3)).toEqual([]);
    expect(m3.expectedHighHcf).toBe('18.52');
    expect(m3.lastYearHcf).toBe('12.35');
  });
});

describe('the newest reads before the period count, however far apart they are', () => {
  /** A meter installed 2025-12-01 (install read 0), read only 2026-02-09, 2026-06-09 and 2026-09-09: 9, 5 and 2 months before 2026-11. */
  async function gapMeter(serial: string, usages: readonly [string, string, string], estimated: boolean): Promise<void> {
    const created = await office!.as('clerk').must('accounts.create', {
      customer: { kind: 'person', firstName: 'Gap', lastName: serial, primaryPhone: '209-555-0100', mailing: { street: '9 Gap Rd', city: 'Valle Verde', state: 'CA', zip: '95350' } },
      location: { street: `${serial} Gap Rd`, city: 'Valle Verde', zip: '95350', route: 'R3', sequence: 1, cycle: 1 },
      meter: { serial, size: '5/8', dials: 4, unit: 'HCF', installedOn: '2025-12-01', initialReading: 0 },
      services: [{ service: 'water', rateClass: 'residential' }],
      openedOn: '2025-12-01',
    });
    const insert = office!.runtime.database.sqlite.prepare(
      `INSERT INTO meter_reads (meter_id, account_id, read_date, reading, usage_hcf, estimated, source, created_at) VALUES (?, ?, ?, ?, ?, ?, 'amr', ?)`,
    );
    let reading = 0;
    for (const [index, readDate] of ['2026-02-09', '2026-06-09', '2026-09-09'].entries()) {
      const usage = usages[index] as string;
      reading += Number(usage);
      insert.run(created.meters[0]!.meterId, created.accountId, readDate, reading, usage, estimated ? 1 : 0, `${readDate}T20:00:00.000Z`);
    }
  }

  it('same use again after reads 2, 5 and 9 months ago is repeated use; a fourth estimate in a row is one too many', async () => {
    office = await createTestOffice();
    await createCycle(office);
    await gapMeter('G-1', ['10', '10', '10'], false);
    await gapMeter('G-2', ['8', '10', '12'], true);
    const db = office.runtime.database.sqlite;
    const results = validateThreeWays(db, 1, PERIOD, [row(2, 'G-1', '40'), row(3, 'G-2', '41', { estimated: true })], getReadValidationSettings(db));

    // G-1: 40 − 30 = 10 HCF, as the two reads before it (2026-09 and 2026-06): the same use 3 periods in a row.
    // Prior 10 and average 30/3 = 10 are both 0%; no read last year. Only the reads of the last 4 months
    // (2026-07 on) would hold one read, too few to see the repeat.
    const g1 = expectAgreement(results, 'G-1');
    expect(summary(g1)).toEqual([['repeated_use', 'history', null]]);
    expect(g1.findings[0]?.message).toBe('The same use (10 HCF) 3 periods in a row: check the reading is real');

    // G-2: 41 − 30 = 11 HCF, estimated, after three estimated reads (2026-09, -06, -02): 4 in a row, more than 3.
    // Prior 12: −8%; average 30/3 = 10: +10%; 11 is not the prior 12, so no repeat.
    const g2 = expectAgreement(results, 'G-2');
    expect(summary(g2)).toEqual([['consecutive_estimates', 'history', null]]);
    expect(g2.findings[0]?.message).toBe('4 estimates in a row (more than 3): the meter needs an actual read');
  });
});
