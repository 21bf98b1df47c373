/**
 * Property: a valid CMEP (MEPMD01) file with one record cut in the middle, or one record
 * duplicated, is refused through the operations with the line of that record, and nothing is
 * imported. A record removed cannot be detected (CMEP has no trailer or record count — see
 * docs/formats/reads.md, "What the import can and cannot detect in a CMEP file"); a test says so. Files are
 * built from the published MEPMD01 layout: 14 fields, then count × (date-time, quality, value).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOffice, type TestOffice } from '../support/office';
import { PERIOD, SERIALS, count, createCycle } from './reads-support';

let office: TestOffice;
beforeAll(async () => {
  office = await createTestOffice();
  await createCycle(office);
}, 60_000);
afterAll(() => office?.cleanup());

interface Reading {
  minute: number;
  quality: string;
  value: number;
}

const readingArb = fc.record({ minute: fc.integer({ min: 0, max: 59 }), quality: fc.constantFrom('R0', 'A0', 'E0', ''), value: fc.integer({ min: 131, max: 160 }) });

/** One record for a meter: its readings at 04:mm, 05:mm, 06:mm (increasing), register units in HCF. */
function record(serial: string, units: string, constant: string, readings: readonly Reading[]): string {
  const triplets = readings.map((reading, index) => `20261109${String(4 + index).padStart(2, '0')}${String(reading.minute).padStart(2, '0')},${reading.quality},${reading.value}`);
  return ['MEPMD01', '19970819', 'SENSUS', 'SPS:130000', '15173624', 'B72842123', '202611091458', serial, 'OK', 'W', units, constant, '00000000', String(readings.length), ...triplets].join(',');
}

const fileArb = fc
  .record({
    meters: fc.shuffledSubarray([...SERIALS], { minLength: 1 }),
    units: fc.constantFrom('CCFREG', 'HCFREG'),
    constant: fc.constantFrom('1.0', '1', ''),
    readings: fc.array(readingArb, { minLength: 1, maxLength: 3 }),
    lineEnd: fc.constantFrom('\n', '\r\n'),
  })
  .map(({ meters, units, constant, readings, lineEnd }) => ({ records: meters.map((serial) => record(serial, units, constant, readings)), lineEnd }));

const request = (content: string) => ({ fileName: 'cmep.txt', contentBase64: Buffer.from(content).toString('base64'), profile: { kind: 'sensus-cmep' as const }, cycle: 1, period: PERIOD });
const join = (records: readonly string[], lineEnd: string) => records.map((text) => text + lineEnd).join('');

/** The preview refuses the file at `line`, and the import stores nothing. */
async function refusedAt(content: string, line: number): Promise<void> {
  const tech = office.as('technician');
  const preview = await tech.must('reads.preview', request(content));
  expect(preview.canImport).toBe(false);
  expect(preview.problems[0]?.line).toBe(line);
  expect(preview.blockedReason).toMatch(new RegExp(`first: Line ${line}[,:]`));
  const imported = await tech.call('reads.import', request(content));
  expect(imported.ok).toBe(false);
  expect(count(office, `SELECT COUNT(*) FROM meter_reads WHERE period = '${PERIOD}'`)).toBe(0);
  expect(count(office, 'SELECT COUNT(*) FROM read_imports')).toBe(0);
}

describe('a CMEP file cut or with a record twice', () => {
  it('the valid files themselves import (so a refusal below is the mutation’s doing)', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb, async ({ records, lineEnd }) => {
        const preview = await office.as('technician').must('reads.preview', request(join(records, lineEnd)));
        expect(preview).toMatchObject({ problems: [], readCount: records.length, canImport: true });
      }),
      { numRuns: 15 },
    );
  });

  it('a file cut anywhere inside a record is refused at that record’s line', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb, fc.nat(), fc.nat(), async ({ records, lineEnd }, pickRecord, pickCut) => {
        const index = pickRecord % records.length;
        const text = records[index] as string;
        // Keep 1 … all of the record's characters, never its line break: the file ends inside it.
        const cut = 1 + (pickCut % text.length);
        await refusedAt(join(records.slice(0, index), lineEnd) + text.slice(0, cut), index + 1);
      }),
      { numRuns: 40 },
    );
  });

  it('a record removed is NOT detected (CMEP has no trailer or count): the rest imports and the meter stays unread — as docs/formats/reads.md says', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb.filter(({ records }) => records.length > 1), fc.nat(), async ({ records, lineEnd }, pickRecord) => {
        const index = pickRecord % records.length;
        const preview = await office.as('technician').must('reads.preview', request(join([...records.slice(0, index), ...records.slice(index + 1)], lineEnd)));
        expect(preview).toMatchObject({ problems: [], canImport: true, readCount: records.length - 1 });
      }),
      { numRuns: 10 },
    );
  });

  it('a record repeated anywhere later in the file is refused at the repeat’s line', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb, fc.nat(), fc.nat(), async ({ records, lineEnd }, pickRecord, pickPlace) => {
        const index = pickRecord % records.length;
        const at = index + 1 + (pickPlace % (records.length - index));
        const withRepeat = [...records.slice(0, at), records[index] as string, ...records.slice(at)];
        await refusedAt(join(withRepeat, lineEnd), at + 1);
      }),
      { numRuns: 30 },
    );
  });
});
