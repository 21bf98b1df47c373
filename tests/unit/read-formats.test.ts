/**
 * Meter-read file formats: each good sample file read to exact rows, and each malformed file
 * refused with the exact line and field. Samples live in tests/fixtures/reads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_PROFILES,
  csvMappingProfileSchema,
  parseReadFile,
  type CsvMappingProfileInput,
  type ParseResult,
  type ReadFileProfile,
} from '../../src-main/core/reads/formats';

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/reads', name));
const BADGER: ReadFileProfile = { kind: 'badger-beacon' };
const ITRON: ReadFileProfile = { kind: 'itron-register' };
const SENSUS: ReadFileProfile = { kind: 'sensus-cmep', crosswalk: { '177-2231': 'SNS-1005' } };

/** [line, field] of each problem, in order. */
const where = (result: ParseResult) => result.problems.map((p) => [p.line, p.field ?? null]);

describe('Badger BEACON export', () => {
  it('reads every row with its line, units (CCF is HCF), estimates, leak rate and dials', () => {
    const result = parseReadFile(fixture('badger-beacon.csv'), BADGER);
    expect(result.problems).toEqual([]);
    expect(result.format).toBe('badger-beacon');
    expect(result.rows).toEqual([
      { line: 2, meterSerial: 'BDG-40017', accountNumber: '100231', readDate: '2026-03-02', readAt: '2026-03-02T06:41:00', reading: '001234.5', unit: 'HCF', multiplier: null, estimated: false, faulted: false, leakFlag: false, dials: 6 },
      { line: 3, meterSerial: 'BDG-40018', accountNumber: '100232', readDate: '2026-03-02', readAt: '2026-03-02T06:42:10', reading: '87.25', unit: 'KGAL', multiplier: null, estimated: false, faulted: false, leakFlag: false, dials: 6 },
      { line: 4, meterSerial: 'BDG-40019', accountNumber: '100233', readDate: '2026-03-02', readAt: '2026-03-02T06:43:00', reading: '45210', unit: 'CF', multiplier: null, estimated: true, faulted: false, leakFlag: false, dials: 5 },
      { line: 5, meterSerial: 'BDG-40020', accountNumber: '100234', readDate: '2026-03-02', readAt: '2026-03-02T06:44:00', reading: '1003456', unit: 'GAL', multiplier: null, estimated: false, faulted: false, leakFlag: true, dials: 7 },
      { line: 6, meterSerial: 'BDG-40021', accountNumber: null, readDate: '2026-03-02', readAt: null, reading: '0', unit: 'HCF', multiplier: null, estimated: false, faulted: false, leakFlag: false, dials: null },
    ]);
  });

  it('accepts a UTF-8 byte-order mark, CRLF line ends, quoted fields and US 12-hour times', () => {
    const result = parseReadFile(fixture('badger-beacon-bom-crlf.csv'), BADGER);
    expect(result.problems).toEqual([]);
    expect(result.rows.map((r) => [r.line, r.meterSerial, r.reading, r.unit, r.readAt])).toEqual([
      [2, 'BDG-40017', '1240', 'HCF', '2026-03-02T06:41:00'],
      [3, 'BDG-40018', '88', 'KGAL', '2026-03-02T18:42:00'],
    ]);
  });

  it('refuses an Estimated_Flag it does not know, a bad leak rate and an impossible dial count', () => {
    const file = Buffer.from(
      'Account_ID,Meter_ID,Read,Read_Unit,Read_Time,Estimated_Flag,Current_Leak_Rate,Dials,Register_Resolution\n' +
        '1,M-1,10,CCF,2026-03-02,maybe,0,6,1\n' +
        '2,M-2,10,CCF,2026-03-02,N,-0.5,6,1\n' +
        '3,M-3,10,CCF,2026-03-02,N,0,12,1\n',
    );
    const result = parseReadFile(file, BADGER);
    expect(where(result)).toEqual([
      [2, 'Estimated_Flag'],
      [3, 'Current_Leak_Rate'],
      [4, 'Dials'],
    ]);
    expect(result.problems[1]?.message).toBe('Line 3, Current_Leak_Rate: "-0.5" is negative; a leak rate cannot be below zero.');
    expect(result.rows).toEqual([]);
  });
});

describe('Itron register reads', () => {
  it('reads CF_WAT/GAL_WAT/ccf_wat units, offsets and US dates, and flags both fault sentinels', () => {
    const result = parseReadFile(fixture('itron-register.csv'), ITRON);
    expect(result.problems).toEqual([]);
    expect(result.rows.map((r) => [r.line, r.meterSerial, r.reading, r.unit, r.readDate, r.readAt, r.faulted, r.accountNumber])).toEqual([
      [2, 'ITR-70001', '0045210', 'CF', '2026-03-02', '2026-03-02T07:00:00', false, null],
      [3, 'ITR-70002', '1234567', 'GAL', '2026-03-02', '2026-03-02T07:00:00-08:00', false, null],
      [4, 'ITR-70003', '4294967294', 'CF', '2026-03-02', '2026-03-02T07:15:00Z', true, null],
      [5, 'ITR-70004', '4294967295', 'GAL', '2026-03-02', '2026-03-02T07:30:00', true, null],
      [6, 'ITR-70005', '812.5', 'HCF', '2026-03-02', '2026-03-02T07:45:00', false, null],
    ]);
  });

  it('flags a sentinel written with leading zeros or a decimal part, and not its neighbours', () => {
    const file = Buffer.from(
      'Timestamp,Read_Value,Meter_Serial_Number,EndpointID,Location_ID,Read_Units\n' +
        '2026-03-02,04294967294.0,A,E,L,CF_WAT\n2026-03-02,4294967293,B,E,L,CF_WAT\n2026-03-02,4294967296,C,E,L,CF_WAT\n',
    );
    expect(parseReadFile(file, ITRON).rows.map((r) => r.faulted)).toEqual([true, false, false]);
  });
});

describe('Sensus CMEP MEPMD01', () => {
  it('keeps the latest reading of each record, with its quality, multiplier and crosswalked serial', () => {
    const result = parseReadFile(fixture('sensus-cmep.txt'), SENSUS);
    expect(result.problems).toEqual([]);
    expect(result.format).toBe('sensus-cmep');
    expect(result.rows.map((r) => [r.line, r.meterSerial, r.reading, r.unit, r.multiplier, r.readDate, r.readAt, r.estimated, r.accountNumber])).toEqual([
      [1, 'SNS-1001', '45210', 'CF', '1.0', '2026-03-02', '2026-03-02T06:00:00', false, null],
      [2, 'SNS-1002', '36330', 'GAL', '1.0', '2026-03-02', '2026-03-02T06:00:00', true, null],
      // Reading 2 of line 3 is N (no reading): the latest actual reading is 05:00.
      [3, 'SNS-1003', '512.4', 'HCF', '10', '2026-03-02', '2026-03-02T05:00:00', false, null],
      // Line 4 is interval usage (CF every hour), not a register reading: skipped.
      [5, 'SNS-1005', '12.345', 'KGAL', '1.0', '2026-03-02', '2026-03-02T06:00:00', true, null],
    ]);
    expect(result.notes).toEqual([
      '1 interval-usage record(s) (units without REG, with an interval) were skipped: only register reads are imported.',
      '1 reading(s) marked N (no reading) were skipped.',
      // SNS-1003's constant 10 (line 3).
      "1 record(s) carry a calculation constant other than 1: their use is multiplied by it. Where it is not the meter's multiplier on file, the read goes to review (meter changed).",
      '2 earlier reading(s) in multi-reading records were not kept: the latest reading of each record is its read.',
    ]);
  });

  it('gives one read per reading with readsPerRecord "all"', () => {
    const result = parseReadFile(fixture('sensus-cmep.txt'), { ...SENSUS, readsPerRecord: 'all' });
    expect(result.problems).toEqual([]);
    expect(result.rows.filter((r) => r.line === 2).map((r) => [r.reading, r.readAt, r.estimated])).toEqual([
      ['36318', '2026-03-02T04:00:00', false],
      ['36328', '2026-03-02T05:00:00', false],
      ['36330', '2026-03-02T06:00:00', true],
    ]);
    expect(result.rows).toHaveLength(6); // line 3's N reading is not a read
  });

  it('uses the meter id as the serial without a crosswalk, or another field when told', () => {
    const plain = parseReadFile(fixture('sensus-cmep.txt'), { kind: 'sensus-cmep' });
    expect(plain.rows.map((r) => r.meterSerial)).toEqual(['SNS-1001', 'SNS-1002', 'SNS-1003', '177-2231']);
    const odd = parseReadFile(Buffer.from('MEPMD01,1,S,S,1,B,202603021458,constructor,OK,W,CFREG,1,,1,202603020600,R0,5\n'), SENSUS);
    expect(odd.rows.map((r) => r.meterSerial)).toEqual(['constructor']);
    const byReceiver = parseReadFile(fixture('sensus-cmep.txt'), { kind: 'sensus-cmep', meterIdField: 'receiverCustomerId' });
    expect(byReceiver.rows.map((r) => r.meterSerial)).toEqual(['B72842123', 'B72842124', 'B72842125', 'B72842127']);
  });

  it('refuses malformed records with the line and the field', () => {
    const head = 'MEPMD01,20080501,SENSUS,SPS,15173624,B1,202603021458';
    const file = Buffer.from(
      [
        `${head},M-1,OK,W,CFREG,1.0,00000000,2,202603020600,R0,10`,
        `${head},M-2,OK,E,KWHREG,1.0,00000000,1,202603020600,R0,10`,
        `${head},M-3,OK,W,CFREG,1.0,00000000,1,202602300600,X9,1e3`,
        `${head},,OK,W,CFREG,0,00000000,1,202603020600,R0,10`,
        `MEPAD01,20080501,SENSUS`,
        `${head},M-6,OK,W,CFREG,1.0,00000000,2,202603020500,R0,9,202603020600,R0,1,5`,
      ].join('\n') + '\n',
    );
    const result = parseReadFile(file, { kind: 'sensus-cmep' });
    expect(where(result)).toEqual([
      [1, 'count'],
      [2, 'commodity'],
      [2, 'units'],
      [3, 'reading date-time'],
      [3, 'reading quality'],
      [3, 'reading value'],
      [4, 'calculation constant'],
      [4, 'meter id'],
      [5, 'record type'],
      [6, 'count'],
    ]);
    expect(result.problems[0]?.message).toBe('Line 1, count: the record says it carries 2 readings but has 17 fields; 2 readings take 20 (14 + 3 per reading).');
    expect(result.problems[3]?.message).toBe('Line 3, reading date-time: "202602300600" is not a real date (February 2026 has 28 days).');
  });

  it('says so when the file has interval usage only', () => {
    const file = Buffer.from('MEPMD01,20080501,SENSUS,SPS,1,B1,202603021458,M-1,OK,W,CF,1.0,00000100,1,202603020600,R0,3\n');
    const result = parseReadFile(file, { kind: 'sensus-cmep' });
    expect(result.rows).toEqual([]);
    expect(result.problems).toEqual([
      { line: 0, message: 'The file has only interval usage (units such as CF with an interval), no register reads. Export register reads (CFREG, GALREG...) from the head-end.' },
    ]);
  });
});

describe('generic CSV by a mapping profile', () => {
  const byHeader: CsvMappingProfileInput = {
    name: 'North Valley route book',
    skipLines: 2,
    dateFormat: 'YYYY-MM-DD',
    columns: { meterSerial: 'Meter No', accountNumber: 'account', reading: 'Reading', readDate: 'Read Date', readTime: 'Read Time', unit: 'Unit' },
    estimated: { column: 'Est', trueValues: ['E', 'Y'], falseValues: ['N', ''] },
    leak: { column: 'Leak', trueValues: ['L'] },
  };

  it('maps columns by header name (case ignored), skips title lines, keeps quoted commas and line breaks', () => {
    const result = parseReadFile(fixture('csv-by-header.csv'), { kind: 'csv', mapping: byHeader });
    expect(result.problems).toEqual([]);
    expect(result.format).toBe('csv:North Valley route book');
    expect(result.rows).toEqual([
      { line: 4, meterSerial: 'MTR-0001', accountNumber: 'A-1001', readDate: '2026-03-01', readAt: '2026-03-01T06:30:00', reading: '001234', unit: 'CF', multiplier: null, estimated: false, faulted: false, leakFlag: false, dials: null },
      { line: 5, meterSerial: 'MTR-0002', accountNumber: 'A-1002', readDate: '2026-03-01', readAt: '2026-03-01T18:45:00', reading: '98765.5', unit: 'GAL', multiplier: null, estimated: true, faulted: false, leakFlag: true, dials: null },
      // The address of line 6 spans two lines inside quotes; the next record starts on line 8.
      { line: 6, meterSerial: 'MTR-0003', accountNumber: 'A-1003', readDate: '2026-03-01', readAt: null, reading: '400', unit: 'HCF', multiplier: null, estimated: false, faulted: false, leakFlag: false, dials: null },
      { line: 8, meterSerial: 'MTR-0004', accountNumber: null, readDate: '2026-03-01', readAt: '2026-03-01T07:00:30', reading: '12.5', unit: 'KGAL', multiplier: null, estimated: false, faulted: false, leakFlag: false, dials: null },
    ]);
  });

  it('maps columns by number without a header, MM/DD/YYYY dates, a fixed unit and a strict flag', () => {
    const mapping: CsvMappingProfileInput = {
      name: 'Handheld',
      delimiter: ';',
      hasHeader: false,
      dateFormat: 'MM/DD/YYYY',
      columns: { meterSerial: 1, readDate: 2, reading: 3 },
      fixedUnit: 'CF',
      estimated: { column: 4, trueValues: ['1'], falseValues: ['0'] },
    };
    const result = parseReadFile(fixture('csv-by-index.csv'), { kind: 'csv', mapping });
    expect(result.problems).toEqual([]);
    expect(result.rows.map((r) => [r.line, r.meterSerial, r.readDate, r.reading, r.unit, r.estimated, r.readAt])).toEqual([
      [1, 'MTR-0101', '2026-03-01', '5510', 'CF', true, null],
      [2, 'MTR-0102', '2026-02-28', '0', 'CF', false, null],
      [4, 'MTR-0103', '2026-03-01', '17.25', 'CF', true, null],
    ]);
  });

  it('reads each documented date format, and refuses a date in another', () => {
    const cases: [CsvMappingProfileInput['dateFormat'], string, string | null][] = [
      ['YYYY-MM-DD', '2026-03-01', null],
      ['MM/DD/YYYY', '03/01/2026', null],
      ['M/D/YYYY', '3/1/2026', null],
      ['YYYYMMDD', '20260301', null],
      ['YYMMDD', '260301', null],
      ['ISO', '2026-03-01T06:30:00Z', '2026-03-01T06:30:00Z'],
    ];
    for (const [dateFormat, written, readAt] of cases) {
      const mapping: CsvMappingProfileInput = { name: 'x', hasHeader: false, dateFormat, columns: { meterSerial: 1, reading: 2, readDate: 3 } };
      const result = parseReadFile(Buffer.from(`M-1,10,${written}\n`), { kind: 'csv', mapping });
      expect(result.problems, dateFormat).toEqual([]);
      expect([result.rows[0]?.readDate, result.rows[0]?.readAt]).toEqual(['2026-03-01', readAt]);
    }
    const strict: CsvMappingProfileInput = { name: 'x', hasHeader: false, dateFormat: 'MM/DD/YYYY', columns: { meterSerial: 1, reading: 2, readDate: 3 } };
    const result = parseReadFile(Buffer.from('M-1,10,3/1/2026\n'), { kind: 'csv', mapping: strict });
    expect(result.problems).toEqual([
      { line: 1, field: 'column 3 (read date)', message: 'Line 1, column 3 (read date): "3/1/2026" is not a date in the form MM/DD/YYYY (like 03/01/2026).' },
    ]);
  });

  it('names a missing mapped header column', () => {
    const result = parseReadFile(Buffer.from('Meter No,Reading,Date\nM-1,1,2026-03-01\n'), {
      kind: 'csv',
      mapping: { name: 'x', dateFormat: 'YYYY-MM-DD', columns: { meterSerial: 'Meter No', reading: 'Reading', readDate: 'Read Date' } },
    });
    expect(result.problems).toEqual([
      { line: 1, field: 'Read Date', message: 'Line 1, Read Date: the header has no column "Read Date" (the profile\'s read date). The header has: Meter No, Reading, Date.' },
    ]);
  });

  it('validates the profile itself, with messages for the person defining it', () => {
    const parsed = csvMappingProfileSchema.safeParse({
      name: 'x',
      hasHeader: false,
      dateFormat: 'ISO',
      columns: { meterSerial: 'Meter', reading: 2, readDate: 3, readTime: 4, unit: 5 },
      fixedUnit: 'GAL',
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['fixedUnit', 'Choose a unit column or a fixed unit, not both'],
      ['columns.readTime', 'An ISO date-time already carries the time; remove the time column'],
      ['columns.meterSerial', 'Without a header line, give the column number, not a name'],
    ]);
    const defaults = csvMappingProfileSchema.parse({ name: ' Route ', dateFormat: 'YYYYMMDD', columns: { meterSerial: 1, reading: 2, readDate: 3 } });
    expect(defaults).toEqual({ name: 'Route', delimiter: ',', hasHeader: true, skipLines: 0, dateFormat: 'YYYYMMDD', columns: { meterSerial: 1, reading: 2, readDate: 3 } });
    const result = parseReadFile(Buffer.from('a\n'), { kind: 'csv', mapping: { name: 'x', dateFormat: 'DD.MM.YYYY', columns: { meterSerial: 1, reading: 2, readDate: 3 } } as never });
    expect(where(result)).toEqual([[0, 'profile.mapping.dateFormat']]);
  });
});

describe('malformed files: refused with the line and the field', () => {
  it('a truncated last line', () => {
    const result = parseReadFile(fixture('bad-truncated.csv'), BADGER);
    expect(result.problems).toEqual([{ line: 3, message: 'Line 3: the last line is cut short (3 of 9 fields): the file looks truncated. Export it again.' }]);
  });

  it('a quote that is never closed, reported where it opens', () => {
    const result = parseReadFile(fixture('bad-unterminated-quote.csv'), BADGER);
    expect(where(result)).toEqual([[3, null]]);
    expect(result.problems[0]?.message).toMatch(/^Line 3: a quoted field starts here and its closing quote \(".*\) never comes/);
  });

  it('a stray quote inside a field', () => {
    const result = parseReadFile(Buffer.from('Timestamp,Read_Value,Meter_Serial_Number,Read_Units\n2026-03-02,1,A,CF\n2026-03-02,2,5/8" meter,CF\n'), ITRON);
    expect(where(result)).toEqual([[3, null]]);
    expect(result.problems[0]?.message).toContain('a quote (") in the middle of a field');
  });

  it('a wrong column count, either way', () => {
    const result = parseReadFile(fixture('bad-column-count.csv'), BADGER);
    expect(result.problems).toEqual([
      { line: 2, message: 'Line 2: 10 fields, but the header has 9. A value may contain the delimiter without quotes around it (write 1234, not 1,234).' },
      { line: 4, message: 'Line 4: 8 fields, but the header has 9. A value or a delimiter is missing.' },
    ]);
    expect(result.rows.map((r) => r.line)).toEqual([3]);
  });

  it('a missing required header column', () => {
    const result = parseReadFile(fixture('bad-missing-header.csv'), ITRON);
    expect(result.problems).toEqual([
      {
        line: 1,
        field: 'Read_Value',
        message: 'Line 1, Read_Value: the header has no column "Read_Value". The header has: Timestamp, Value, Meter_Serial_Number, EndpointID, Location_ID. Is the file really an Itron register read export? Choose the file\'s format.',
      },
      { line: 1, field: 'Read_Units', message: 'Line 1, Read_Units: the header has no column "Read_Units".' },
    ]);
  });

  it('bad numbers: letters, thousands separators, exponents, NaN, negatives, empty, too long', () => {
    const result = parseReadFile(fixture('bad-numbers.csv'), ITRON);
    expect(result.problems.map((p) => p.message)).toEqual([
      'Line 2, Read_Value: "12a4" is not a number. Readings are written with digits and at most one decimal point, like 1234 or 1234.5.',
      'Line 3, Read_Value: "1,234" has a thousands separator. Write it without commas (1234, not 1,234).',
      'Line 4, Read_Value: "1e3" is in scientific notation. Write the full number (1000, not 1e3); in Excel, format the column as Number before saving.',
      'Line 5, Read_Value: "NaN" is not a number. Readings are written with digits and at most one decimal point, like 1234 or 1234.5.',
      'Line 6, Read_Value: "-5" is negative; a register never reads below zero. Check the reading.',
      'Line 7, Read_Value: is empty. Readings are written with digits and at most one decimal point, like 1234 or 1234.5.',
      'Line 8, Read_Value: "1234567890123" has too many digits (at most 12 before the decimal point and 6 after).',
    ]);
    expect(where(result).every(([, field]) => field === 'Read_Value')).toBe(true);
    expect(result.rows.map((r) => [r.line, r.reading])).toEqual([[9, '1234.5']]);
  });

  it('bad and impossible dates', () => {
    const result = parseReadFile(fixture('bad-dates.csv'), ITRON);
    expect(result.problems.map((p) => p.message)).toEqual([
      'Line 2, Timestamp: "2026-02-30T07:00:00" is not a real date (February 2026 has 28 days).',
      'Line 3, Timestamp: "2026-13-01T07:00:00" is not a real date (there is no month 13).',
      'Line 4, Timestamp: "2026-03-02T25:00:00" has an impossible time of day.',
      'Line 5, Timestamp: "yesterday" is not a date and time (like 2026-03-01 06:30:00 or 3/1/2026 6:30 AM).',
      'Line 6, Timestamp: "2/29/2025 7:00" is not a real date (February 2025 has 28 days).',
    ]);
    expect(result.rows.map((r) => [r.line, r.readDate])).toEqual([[7, '2024-02-29']]);
  });

  it('unknown units and empty serials', () => {
    const result = parseReadFile(fixture('bad-units-and-serials.csv'), ITRON);
    expect(result.problems).toEqual([
      { line: 2, field: 'Read_Units', message: 'Line 2, Read_Units: "M3" is not a unit this office reads (CF, CCF/HCF, GAL or KGAL). Check the unit setting of the reading system\'s export.' },
      { line: 3, field: 'Read_Units', message: 'Line 3, Read_Units: "KWH_ELEC" is not a water unit (Itron writes water units as CF_WAT, GAL_WAT, CCF_WAT or KGAL_WAT).' },
      { line: 4, field: 'Meter_Serial_Number', message: 'Line 4, Meter_Serial_Number: is empty; every read needs its meter serial (Meter_Serial_Number).' },
      { line: 5, field: 'Read_Units', message: 'Line 5, Read_Units: is empty; write the unit (CF, HCF, GAL, KGAL; CCF means HCF).' },
    ]);
  });

  it('text that is not UTF-8: one problem at the first bad line', () => {
    const result = parseReadFile(fixture('bad-latin1.csv'), BADGER);
    expect(result.problems).toEqual([
      {
        line: 4,
        message:
          'Line 4: the file is not UTF-8 text (byte 0xE9 at character 11 after "100233,Caf", often an accented letter saved as Windows-1252 or Latin-1). Save the file as UTF-8 ("CSV UTF-8" in Excel) and import it again.',
      },
    ]);
    expect(result.rows).toEqual([]);
  });

  it('UTF-16 text, with or without a byte-order mark', () => {
    const message = 'UTF-16 ("Unicode") text';
    const withBom = parseReadFile(fixture('bad-utf16.csv'), BADGER);
    expect(withBom.problems).toHaveLength(1);
    expect(withBom.problems[0]).toMatchObject({ line: 0 });
    expect(withBom.problems[0]?.message).toContain(message);
    const withoutBom = parseReadFile(fixture('bad-utf16.csv').subarray(2), BADGER);
    expect(withoutBom.problems[0]?.message).toContain(message);
  });

  it('an empty file and a header-only file: no reads in the file', () => {
    expect(parseReadFile(fixture('bad-empty.csv'), BADGER).problems).toEqual([
      { line: 0, message: 'The file is empty: there are no reads in it. Check that you picked the right file.' },
    ]);
    expect(parseReadFile(Buffer.from('\ufeff \r\n\r\n'), BADGER).problems[0]?.message).toMatch(/^The file is empty/);
    expect(parseReadFile(fixture('bad-header-only.csv'), BADGER).problems).toEqual([
      { line: 0, message: 'The file has no reads in it (only a header line). Check that you picked the right file and format.' },
    ]);
  });

  it('a NUL byte in otherwise plain text', () => {
    const result = parseReadFile(Buffer.from('Timestamp,Read_Value,Meter_Serial_Number,Read_Units\n2026-03-02,1,A\u0000,CF\n'), ITRON);
    expect(result.problems).toEqual([{ line: 2, message: 'Line 2: the file contains a NUL byte, so it is not a text file (or it is damaged). Export the reads again as a CSV text file.' }]);
  });

  it('the wrong format chosen: the header problem says so', () => {
    const result = parseReadFile(fixture('itron-register.csv'), BADGER);
    expect(result.rows).toEqual([]);
    expect(result.problems[0]?.message).toContain('Is the file really a Badger BEACON export?');
  });
});

describe('built-in profiles', () => {
  it('lists the three vendor formats with labels and descriptions', () => {
    expect(BUILT_IN_PROFILES.map((p) => p.name)).toEqual(['badger-beacon', 'itron-register', 'sensus-cmep']);
    for (const profile of BUILT_IN_PROFILES) {
      expect(profile.label.length).toBeGreaterThan(5);
      expect(profile.description.length).toBeGreaterThan(40);
    }
  });
});
