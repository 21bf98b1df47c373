/**
 * Reading a file's text and records: the split fast path and csv-parse agree on every quote-free
 * file; line numbers survive CRLF and quoted line breaks; every limit is enforced and named.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseReadFile, READ_FILE_LIMITS, type CsvMappingProfileInput } from '../../src-main/core/reads/formats';
import { ProblemList } from '../../src-main/core/reads/formats/problems';
import { readRecords } from '../../src-main/core/reads/formats/records';
import { decodeReadFile } from '../../src-main/core/reads/formats/text';
import { checkCmepTimestamp, checkIsoTimestamp, checkTime, checkVendorTimestamp, isProblem } from '../../src-main/core/reads/formats/values';

function records(text: string, options: { delimiter?: string; skipLines?: number; forceCsvParse?: boolean } = {}) {
  const problems = new ProblemList();
  const seen: [number, string[], boolean][] = [];
  readRecords(text, { delimiter: options.delimiter ?? ',', skipLines: options.skipLines, forceCsvParse: options.forceCsvParse }, problems, (fields, line, cutShort) => {
    seen.push([line, fields, cutShort]);
  });
  return { seen, problems: problems.items };
}

const byIndex: CsvMappingProfileInput = { name: 'Index', hasHeader: false, dateFormat: 'YYYYMMDD', columns: { meterSerial: 1, reading: 2, readDate: 3 } };

describe('records', () => {
  it('the split fast path gives exactly what csv-parse gives for any file without quotes', () => {
    const cell = fc.stringMatching(/^[a-z0-9 .;|\t-]{0,6}$/);
    const line = fc.array(cell, { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(line, { minLength: 0, maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.constantFrom(',', ';', '\t', '|'), (lines, eol, trailing, delimiter) => {
        const text = lines.map((fields) => fields.join(delimiter)).join(eol) + (trailing ? eol : '');
        const fast = records(text, { delimiter });
        const parsed = records(text, { delimiter, forceCsvParse: true });
        expect(fast).toEqual(parsed);
      }),
      { numRuns: 400 },
    );
  });

  it('numbers lines physically: CRLF, blank lines, and line breaks inside quotes', () => {
    const text = 'a,b\r\n\r\n1,"x\r\ny"\r\n2,z\r\n   \r\n3,"p,q"';
    expect(records(text).seen).toEqual([
      [1, ['a', 'b'], false],
      [3, ['1', 'x\ny'], false],
      [5, ['2', 'z'], false],
      [7, ['3', 'p,q'], true],
    ]);
  });

  it('reads old-Mac files (CR only)', () => {
    expect(records('a,b\r1,2\r').seen.map(([line, fields]) => [line, fields])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
    ]);
  });

  it('skips title lines before parsing them, so a quote in a title does no harm', () => {
    expect(records('Report "March\nPrinted today\nh1,h2\n1,2\n', { skipLines: 2 }).seen.map(([line]) => line)).toEqual([3, 4]);
  });
});

describe('timestamps', () => {
  const at = (checked: ReturnType<typeof checkIsoTimestamp>) => (isProblem(checked) ? checked.problem : `${checked.date} ${checked.at}`);

  it('reads the ISO shapes head-ends write, keeping an offset as written', () => {
    expect(at(checkIsoTimestamp('2026-03-01'))).toBe('2026-03-01 null');
    expect(at(checkIsoTimestamp('2026-03-01T06:30:00'))).toBe('2026-03-01 2026-03-01T06:30:00');
    expect(at(checkIsoTimestamp('2026-03-01 06:30:00'))).toBe('2026-03-01 2026-03-01T06:30:00');
    expect(at(checkIsoTimestamp('2026-03-01 06:30'))).toBe('2026-03-01 2026-03-01T06:30:00');
    expect(at(checkIsoTimestamp('2026-03-01T06:30  Z'))).toBe('2026-03-01 2026-03-01T06:30:00Z');
    expect(at(checkIsoTimestamp('2026-03-01T06:30:00.250-0800'))).toBe('2026-03-01 2026-03-01T06:30:00-08:00');
    expect(at(checkIsoTimestamp('2026-03-01T06:30:00+15:00'))).toBe('"2026-03-01T06:30:00+15:00" has an impossible time-zone offset.');
    expect(at(checkIsoTimestamp('2026-03-01T06:3'))).toMatch(/is not an ISO date or date-time/);
    expect(at(checkIsoTimestamp('2024-02-29T23:59:59'))).toBe('2024-02-29 2024-02-29T23:59:59');
    expect(at(checkIsoTimestamp('1899-12-31'))).toBe('"1899-12-31" has the year 1899; read dates run from 1900 to 2099.');
  });

  it('reads US dates with 12- and 24-hour times, and CMEP date-times', () => {
    expect(at(checkVendorTimestamp('3/1/2026 12:05 AM'))).toBe('2026-03-01 2026-03-01T00:05:00');
    expect(at(checkVendorTimestamp('03/01/2026 12:05:09 p.m.'))).toBe('2026-03-01 2026-03-01T12:05:09');
    expect(at(checkVendorTimestamp('3/1/2026'))).toBe('2026-03-01 null');
    expect(at(checkVendorTimestamp('3/1/2026 13:05 PM'))).toBe('"3/1/2026 13:05 PM" has an impossible time of day.');
    expect(at(checkCmepTimestamp('202603010630'))).toBe('2026-03-01 2026-03-01T06:30:00');
    expect(at(checkCmepTimestamp('202603012400'))).toBe('"202603012400" has an impossible time of day.');
    expect(at(checkCmepTimestamp('2026030106'))).toBe('"2026030106" is not a CMEP date-time (12 digits CCYYMMDDHHMM, like 202603010630).');
    expect(checkTime('6:30 pm')).toBe('18:30:00');
  });
});

describe('limits', () => {
  it('refuses a file over the size limit before reading it', () => {
    const result = decodeReadFile(Buffer.alloc(READ_FILE_LIMITS.maxFileBytes + 1, 0x41));
    expect(result).toEqual({ ok: false, problem: { line: 0, message: 'The file is larger than the 50 MB limit (52,428,801 bytes). Split it (by route or cycle) and import the parts.' } });
  });

  it('refuses a line longer than the limit, naming the line', () => {
    const long = `M-2,${'1'.repeat(READ_FILE_LIMITS.maxLineChars)},20260301`;
    const result = parseReadFile(Buffer.from(`M-1,1,20260301\n${long}\nM-3,1,20260301\n`), { kind: 'csv', mapping: byIndex });
    expect(result.problems).toEqual([
      { line: 2, message: 'Line 2: the line is 16,397 characters long; the limit is 16,384. This is not a read file of the chosen format, or its line breaks are missing.' },
    ]);
  });

  it('stops listing problems after the limit and says where', () => {
    const text = Array.from({ length: 300 }, (_, i) => `M-${i},x,20260301`).join('\n');
    const result = parseReadFile(Buffer.from(text), { kind: 'csv', mapping: byIndex });
    expect(result.problems).toHaveLength(READ_FILE_LIMITS.maxProblems + 1);
    expect(result.problems.at(-1)).toEqual({ line: 101, message: 'More than 100 problems: the list stops here, at line 101. Fix these and check the file again.' });
  });

  it('refuses more reads than one import takes', { timeout: 60_000 }, () => {
    const rows = READ_FILE_LIMITS.maxReads + 1;
    const text = 'M,1,20260301\n'.repeat(rows);
    const result = parseReadFile(Buffer.from(text), { kind: 'csv', mapping: byIndex });
    expect(result.problems).toEqual([
      { line: rows, message: 'Line 500001: the file has more than 500,000 reads, the most one import takes. Split it (by route or cycle) and import the parts.' },
    ]);
    expect(result.rows).toHaveLength(READ_FILE_LIMITS.maxReads);
  });
});
