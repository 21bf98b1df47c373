/**
 * A CMEP (MEPMD01) record's calculation constant (field 11), by the one rule of
 * docs/formats/reads.md "Calculation constant": no constant or 1 = the meter's multiplier on file;
 * a constant equal to it = that multiplier; any other constant is applied and the read goes to
 * review (meter_changed) so it is not billed unseen. Figures computed by hand: every meter of the
 * cycle read 130 last month (10 HCF in October, 9 in September).
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestOffice, type TestOffice } from '../support/office';
import { PERIOD, count, createCycle } from './reads-support';

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

const fixture = readFileSync(new URL('../fixtures/reads/cmep-constants.txt', import.meta.url));
const request = (content: Buffer | string) => ({
  fileName: 'cmep-constants.txt',
  contentBase64: Buffer.from(content).toString('base64'),
  profile: { kind: 'sensus-cmep' as const },
  cycle: 1,
  period: PERIOD,
});

async function cycleWithMultiplierTen(): Promise<TestOffice> {
  office = await createTestOffice();
  await createCycle(office);
  const db = office.runtime.database.sqlite;
  // M-4 and M-5 register ×10 on file (the history stays 10 HCF a month: 1 register unit × 10).
  db.prepare("UPDATE meters SET multiplier = '10' WHERE serial IN ('M-4', 'M-5')").run();
  // September used 9, so 10 HCF now is not "the same use three periods in a row".
  db.prepare("UPDATE meter_reads SET usage_hcf = '9' WHERE read_date = '2026-09-09'").run();
  return office;
}

describe('the CMEP calculation constant', () => {
  it('applies the constant: 10 with the register advanced by 1 is 10 HCF, and a constant the meter does not have goes to review', async () => {
    const o = await cycleWithMultiplierTen();
    const tech = o.as('technician');
    const preview = await tech.must('reads.preview', request(fixture));
    expect(preview).toMatchObject({ format: 'sensus-cmep', readCount: 5, matchedCount: 5, problems: [], canImport: true, exceptionCount: 1 });
    expect(preview.exceptions).toEqual([
      expect.objectContaining({
        meterSerial: 'M-1',
        type: 'meter_changed',
        types: ['meter_changed'],
        reading: '131',
        usageHcf: '10',
        message:
          "The file's calculation constant is 10 but this meter's multiplier on file is 1. Use is measured with the file's 10: 10 HCF (1 HCF with the meter's 1). If the register really multiplies by 10, change the meter's multiplier; otherwise correct this read",
      }),
    ]);
    expect(preview.notes).toContain(
      "2 record(s) carry a calculation constant other than 1: their use is multiplied by it. Where it is not the meter's multiplier on file, the read goes to review (meter changed).",
    );

    await tech.must('reads.import', request(fixture));
    const usage = o.runtime.database.sqlite
      .prepare("SELECT m.serial, r.reading_text, r.usage_hcf FROM meter_reads r JOIN meters m ON m.id = r.meter_id WHERE r.period = ? ORDER BY m.serial")
      .raw()
      .all(PERIOD);
    // M-1: (131 − 130) × 10 (the file's constant) = 10; M-2: 1.0 = none, 140 − 130 = 10; M-3: no constant, 10;
    // M-4: constant 10 = multiplier 10, 1 × 10 = 10; M-5: constant 1, the meter's 10 applies, 1 × 10 = 10.
    expect(usage).toEqual([
      ['M-1', '131', '10'],
      ['M-2', '140', '10'],
      ['M-3', '140', '10'],
      ['M-4', '131', '10'],
      ['M-5', '131', '10'],
    ]);
    // The conflict is an open exception: the cycle is not ready to bill until someone looks.
    const status = await o.as('clerk').must('reads.cycleStatus', { cycle: 1, period: PERIOD });
    expect(status).toMatchObject({ openExceptions: 1, readyToBill: false });
  });

  it('a constant above the meter multiplier on file is applied too, with both figures for the reviewer', async () => {
    const o = await cycleWithMultiplierTen();
    const line = 'MEPMD01,19970819,SENSUS,SPS:130000,15173627,B72842126,202611091458,M-4,OK,W,CCFREG,100,00000000,1,202611090615,R0,131\n';
    const preview = await o.as('technician').must('reads.preview', request(line));
    // (131 − 130) × 100 = 100 HCF against 10 HCF a month: very high as well as the conflict.
    expect(preview.exceptions).toEqual([expect.objectContaining({ meterSerial: 'M-4', usageHcf: '100', types: ['very_high_usage', 'meter_changed'] })]);
    const detail = preview.exceptions[0]!;
    expect(detail.type).toBe('very_high_usage');
    await o.as('technician').must('reads.import', request(line));
    const { rows } = await o.as('clerk').must('reads.exceptions', { cycle: 1, period: PERIOD });
    expect(rows).toEqual([expect.objectContaining({ meterSerial: 'M-4', status: 'open', usageHcf: '100', types: ['very_high_usage', 'meter_changed'] })]);
  });

  it('refuses a constant of zero or one no register has, at its line, and imports nothing', async () => {
    const o = await cycleWithMultiplierTen();
    const lines = fixture.toString('utf8').split('\n');
    lines[1] = lines[1]!.replace(',CCFREG,1.0,', ',CCFREG,0,');
    lines[2] = lines[2]!.replace(',CCFREG,,', ',CCFREG,10000000,');
    const refused = await o.as('technician').call('reads.import', request(lines.join('\n')));
    expect(refused.ok || refused.error.code).toBe('INVALID_INPUT');
    const preview = await o.as('technician').must('reads.preview', request(lines.join('\n')));
    expect(preview.problems.map((problem) => [problem.line, problem.field])).toEqual([
      [2, 'calculation constant'],
      [3, 'calculation constant'],
    ]);
    expect(preview.problems[1]!.message).toBe(
      'Line 3, calculation constant: "10000000" is larger than any register multiplier (at most 6 digits before the decimal point, like 1, 10 or 100).',
    );
    expect(count(o, `SELECT COUNT(*) FROM meter_reads WHERE period = '${PERIOD}'`)).toBe(0);
  });
});
