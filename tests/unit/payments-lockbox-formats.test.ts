/**
 * Issue #13, lockbox part: a BAI2 file cut inside a record says it is truncated (not what the cut
 * did to a field); the BAI lockbox transmission format (records 1 2 5 6 4 7 8 9) read from a
 * fixture written by hand from the layout in docs/formats/lockbox.md, each total, count and
 * sequence checked at its line and field; the type codes as options.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BAI_LOCKBOX_LAYOUT, parseLockboxFile, type LockboxParseResult } from '../../src-main/core/payments';

const text = (name: string) => readFileSync(join(__dirname, '../fixtures/lockbox', name), 'utf8');
const bytes = (content: string) => Buffer.from(content, 'utf8');
const where = (result: LockboxParseResult) => result.problems.map((problem) => [problem.line, problem.field ?? null]);
const messages = (result: LockboxParseResult) => result.problems.map((problem) => problem.message);

const BAI2 = text('lockbox-good.bai');
const LBX = text('lockbox-good-bai-lockbox.txt');
/** The BAI lockbox sample's records (80 characters each), without the final line break. */
const lbxLines = () => LBX.split('\n').slice(0, -1);
/** The BAI lockbox sample with record `line` (1-based) changed at 1-based `position`. */
const lbxWith = (line: number, position: number, replacement: string) => {
  const lines = lbxLines();
  const record = lines[line - 1] as string;
  lines[line - 1] = record.slice(0, position - 1) + replacement + record.slice(position - 1 + replacement.length);
  return bytes(`${lines.join('\n')}\n`);
};
const truncated = (line: number, type: string, trailers: string) =>
  `Line ${line}: the file ends in the middle of record ${type} on line ${line}${trailers ? `; its trailer records (${trailers}) are missing` : ''}: it is truncated. Ask the bank to send the whole file again.`;

describe('BAI2 cut in the middle of a record (item 2)', () => {
  it('says the file is truncated, not what the cut did to the funds type (the issue’s file)', () => {
    // The issue: a 16 with distributed availability (D) cut right after the D.
    const lines = BAI2.split('\n').slice(0, 4);
    const cut = `${lines.join('\n')}\n16,116,12659,D,`;
    const result = parseLockboxFile(bytes(cut), 'bai2');
    expect(messages(result)).toEqual([truncated(5, '16', '49, 98, 99')]);
  });

  it('says so wherever the last record is cut: inside an amount, a header, a trailer, the 99', () => {
    const cutAt = (marker: string, keep: number) => {
      const at = BAI2.indexOf(marker) + keep;
      return parseLockboxFile(bytes(BAI2.slice(0, at)), 'bai2');
    };
    expect(messages(cutAt('16,116,12659', 10))).toEqual([truncated(5, '16', '49, 98, 99')]);
    expect(messages(cutAt('02,VALLEYWATER', 14))).toEqual([truncated(2, '02', '98, 99')]);
    expect(messages(cutAt('49,5125502', 7))).toEqual([truncated(9, '49', '49, 98, 99')]);
    expect(messages(cutAt('98,5125502', 5))).toEqual([truncated(10, '98', '98, 99')]);
    // "99,5125502,1,1": a record count of 1 would otherwise be reported as wrong.
    expect(messages(cutAt('99,5125502,1,11/', 14))).toEqual([truncated(11, '99', '')]);
    // Cut inside the record code itself.
    expect(messages(cutAt('49,5125502', 1))).toEqual(['Line 9: the file ends in the middle of a record on line 9; its trailer records (49, 98, 99) are missing: it is truncated. Ask the bank to send the whole file again.']);
  });

  it('says so when the continuation (88) holding the account number is lost at a line end', () => {
    const lines = BAI2.split('\n').slice(0, 7);
    const result = parseLockboxFile(bytes(`${lines.join('\n')}\n`), 'bai2');
    expect(where(result)).toEqual([[7, null]]);
    expect(messages(result)).toEqual([truncated(7, '16', '49, 98, 99')]);
  });

  it('still reports a wrong field when the trailers follow it, and a whole file cut at a line end as before', () => {
    const lines = BAI2.split('\n');
    lines[4] = '16,116,12659,D,';
    expect(where(parseLockboxFile(bytes(lines.join('\n')), 'bai2'))).toEqual([[5, 'funds type']]);
    const atLineEnd = parseLockboxFile(bytes(`${BAI2.split('\n').slice(0, 6).join('\n')}\n`), 'bai2');
    expect(messages(atLineEnd)).toEqual([
      'Line 6: the file ends here, inside the account that starts on line 3, without its trailer records (49, 98, 99): it is truncated. Ask the bank to send the whole file again.',
    ]);
  });
});

describe('BAI2 type codes (item 5)', () => {
  it('reads payments and deposit totals from the codes given, and names them in the notes', () => {
    const with117 = bytes(BAI2.replace(/^16,116,/gm, '16,117,').replace('16,115,', '16,105,'));
    const byDefault = parseLockboxFile(with117, 'bai2');
    expect(byDefault.items).toEqual([]);
    expect(byDefault.notes).toEqual(['4 other detail records (not type 116, 115) counted in the control totals but not imported.']);
    const read = parseLockboxFile(with117, 'bai2', { bai2: { itemTypeCodes: ['117'], depositTypeCodes: ['105'] } });
    expect(read.problems).toEqual([]);
    expect(read.items.map((item) => [item.accountNumber, item.amountCents])).toEqual([
      ['001234-01', 12_659],
      ['001877-01', 8_000],
      ['000452-02', 21_175],
    ]);
    expect(read.notes).toEqual(["The bank's lockbox deposit record (105) total $418.34, the same as the payments."]);
  });
});

describe('BAI lockbox transmission format (item 6)', () => {
  it('reads the hand-written sample: each 6 record a payment with the scan-line account, check number, batch deposit date', () => {
    const result = parseLockboxFile(bytes(LBX), 'bai-lockbox');
    expect(result.problems).toEqual([]);
    expect(result.notes).toEqual([]);
    expect(result.items).toEqual([
      { line: 4, accountNumber: '001234-01', amountCents: 12_659, checkNumber: '4417', depositDate: '2026-03-05', bankReference: '1234567-001-001' },
      { line: 5, accountNumber: '001877-01', amountCents: 8_000, checkNumber: null, depositDate: '2026-03-05', bankReference: '1234567-001-002' },
      { line: 10, accountNumber: '000452-02', amountCents: 21_175, checkNumber: '10293', depositDate: '2026-03-05', bankReference: '1234567-002-001' },
    ]);
    expect(result.itemTotalCents).toBe(41_834);
  });

  it('reads records whose trailing blanks were stripped, and CRLF line ends', () => {
    const stripped = lbxLines().map((line) => line.trimEnd()).join('\r\n');
    expect(parseLockboxFile(bytes(stripped), 'bai-lockbox').items.map((item) => item.amountCents)).toEqual([12_659, 8_000, 21_175]);
  });

  it('refuses a batch total that is not its payments, once (the lockbox total agrees with the batch totals)', () => {
    const result = parseLockboxFile(lbxWith(8, 24, '0000020660'), 'bai-lockbox');
    expect(where(result)).toEqual([[8, 'batch total (positions 24-33)']]);
    expect(messages(result)).toEqual(["Line 8, batch total (positions 24-33): the batch total is $206.60 but batch 001's payments add up to $206.59. Ask the bank to send the file again."]);
  });

  it('refuses a changed payment amount at its batch total', () => {
    expect(where(parseLockboxFile(lbxWith(5, 8, '0000008100'), 'bai-lockbox'))).toEqual([[8, 'batch total (positions 24-33)']]);
  });

  it('refuses a lockbox total and count that disagree with the batches', () => {
    expect(messages(parseLockboxFile(lbxWith(12, 25, '0000041835'), 'bai-lockbox'))).toEqual([
      "Line 12, lockbox total (positions 25-34): the lockbox total is $418.35 but lockbox 1234567's payments add up to $418.34. Ask the bank to send the file again.",
    ]);
    expect(where(parseLockboxFile(lbxWith(12, 21, '0004'), 'bai-lockbox'))).toEqual([[12, 'number of payments (positions 21-24)']]);
  });

  it('refuses a batch count that is not its 6 records, and a trailer record count that is not the file’s', () => {
    expect(messages(parseLockboxFile(lbxWith(11, 21, '002'), 'bai-lockbox'))).toEqual([
      'Line 11, number of payments (positions 21-23): the batch total counts 2 payments but batch 002 has 1 detail (6) record. Records are missing or extra; ask the bank to send the file again.',
    ]);
    expect(messages(parseLockboxFile(lbxWith(13, 2, '000014'), 'bai-lockbox'))).toEqual([
      'Line 13, number of records (positions 2-7): the trailer says 14 records but the file has 13 (1 to 9, overflow records included). Records are missing or extra; ask the bank to send the file again.',
    ]);
  });

  it('refuses bad fields at their positions: an amount with a decimal point, a missing account, a bad deposit date', () => {
    expect(where(parseLockboxFile(lbxWith(4, 8, '00000126.5'), 'bai-lockbox'))).toEqual([[4, 'remittance amount (positions 8-17)']]);
    expect(where(parseLockboxFile(lbxWith(10, 47, ' '.repeat(20)), 'bai-lockbox'))).toEqual([[10, 'remitter account (scan line) (positions 47-66)']]);
    expect(where(parseLockboxFile(lbxWith(3, 15, '261305'), 'bai-lockbox'))).toEqual([[3, 'deposit date (positions 15-20)']]);
  });

  it('refuses items out of sequence, overflow out of sequence, a batch number that is not its header’s', () => {
    expect(where(parseLockboxFile(lbxWith(5, 5, '003'), 'bai-lockbox'))).toEqual([
      [5, 'item number (positions 5-7)'],
      [6, 'item number (positions 5-7)'],
      [7, 'item number (positions 5-7)'],
    ]);
    expect(where(parseLockboxFile(lbxWith(7, 9, '03'), 'bai-lockbox'))).toEqual([[7, 'overflow sequence number (positions 9-10)']]);
    expect(where(parseLockboxFile(lbxWith(10, 2, '003'), 'bai-lockbox'))).toEqual([[10, 'batch number (positions 2-4)']]);
  });

  it('refuses an overflow that promised more when none follows, and records out of order', () => {
    // Line 7's indicator says more follow (0) but the batch total comes next.
    expect(where(parseLockboxFile(lbxWith(7, 11, '0'), 'bai-lockbox'))).toEqual([[8, 'record type (position 1)']]);
    const swapped = lbxLines();
    [swapped[7], swapped[8]] = [swapped[8] as string, swapped[7] as string];
    expect(where(parseLockboxFile(bytes(swapped.join('\n')), 'bai-lockbox'))).toEqual([[8, 'record type (position 1)']]);
  });

  it('refuses a file cut inside a record, or at a line end, as truncated, naming the missing trailers', () => {
    const cutAt = (offset: number) => messages(parseLockboxFile(bytes(LBX.slice(0, offset)), 'bai-lockbox'));
    expect(cutAt(81 * 3 + 20)).toEqual([truncated(4, '6', '7, 8, 9')]);
    expect(cutAt(81 * 11 + 30)).toEqual([truncated(12, '8', '8, 9')]);
    expect(cutAt(81 * 12 + 4)).toEqual([truncated(13, '9', '')]);
    // A whole count that is wrong, at the end of a file without a final line break, is a wrong count.
    expect(where(parseLockboxFile(bytes(LBX.slice(0, 81 * 12) + '9000012'), 'bai-lockbox'))).toEqual([[13, 'number of records (positions 2-7)']]);
    expect(cutAt(81 * 8)).toEqual(['Line 8: the file ends here, after record 7, without its trailer records (8, 9): it is truncated. Ask the bank to send the whole file again.']);
  });

  it('reads two lockboxes in one file, and refuses a batch of another lockbox before the first one’s total (8)', () => {
    const lines = lbxLines();
    const second = lines.slice(2, 12).map((line) => (line[0] === '6' || line[0] === '4' ? line : `${line.slice(0, 7)}7654321${line.slice(14)}`));
    const two = [...lines.slice(0, 12), ...second, `9${'000023'}`.padEnd(80)];
    const result = parseLockboxFile(bytes(two.join('\n')), 'bai-lockbox');
    expect(result.problems).toEqual([]);
    expect(result.items.map((item) => item.bankReference)).toEqual(['1234567-001-001', '1234567-001-002', '1234567-002-001', '7654321-001-001', '7654321-001-002', '7654321-002-001']);
    const mixed = lbxLines();
    mixed[8] = `${(mixed[8] as string).slice(0, 7)}7654321${(mixed[8] as string).slice(14)}`;
    expect(where(parseLockboxFile(bytes(mixed.join('\n')), 'bai-lockbox'))).toEqual([[9, 'lockbox number (positions 8-14)']]);
  });

  it('refuses a line longer than 80 characters and an unknown record type; says when the file looks like another format', () => {
    expect(where(parseLockboxFile(lbxWith(4, 80, 'XY'), 'bai-lockbox'))).toEqual([[4, null]]);
    const asBai2 = parseLockboxFile(bytes(LBX), 'bai2');
    expect(where(asBai2)).toEqual([[1, 'record code']]);
    expect(asBai2.notes).toEqual(['This file looks like BAI lockbox transmission (80-character records 1, 2, 5, 6, 4, 7, 8, 9), not BAI2 (bank lockbox detail): check the format chosen.']);
    const bai2AsLbx = parseLockboxFile(bytes(BAI2), 'bai-lockbox');
    expect(where(bai2AsLbx)).toEqual([[1, 'record type (position 1)']]);
    expect(bai2AsLbx.notes).toEqual(['This file looks like BAI2 (bank lockbox detail), not BAI lockbox transmission (80-character records 1, 2, 5, 6, 4, 7, 8, 9): check the format chosen.']);
  });
});

describe('BAI lockbox speed', () => {
  it('reads a 500-payment file (5 batches of 100) in well under a second', () => {
    const pad = (value: number, width: number) => String(value).padStart(width, '0');
    const lines = ['101VALLEYWTR 121000358 2603050615', '2VALLEYWTR 121000358 LBX0305   40008008001'];
    for (let batch = 1; batch <= 5; batch += 1) {
      lines.push(`5${pad(batch, 3)}0001234567260305`);
      for (let item = 1; item <= 100; item += 1) lines.push(`6${pad(batch, 3)}${pad(item, 3)}${pad(1_000 + item, 10)}122000661001234567800${pad(item, 8)}001234-01`);
      lines.push(`7${pad(batch, 3)}1001234567260305100${pad(100 * 1_000 + 5_050, 10)}`);
    }
    lines.push(`800000012345672603050500${pad(5 * (100 * 1_000 + 5_050), 10)}`);
    lines.push(`9${pad(lines.length + 1, 6)}`);
    const started = performance.now();
    const result = parseLockboxFile(bytes(lines.map((line) => line.padEnd(80)).join('\n')), 'bai-lockbox');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result.problems).toEqual([]);
    expect([result.itemCount, result.itemTotalCents]).toEqual([500, 5 * (100 * 1_000 + 5_050)]);
  });
});

describe('docs/formats/lockbox.md is the layout read', () => {
  const doc = readFileSync(join(__dirname, '../../docs/formats/lockbox.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## BAI lockbox transmission'), doc.indexOf('## What the import does'));

  it('shows the fixture as its sample', () => {
    const sample = (section.split('```\n')[1] ?? '').trimEnd();
    expect(sample).toBe(lbxLines().map((line) => line.trimEnd()).join('\n'));
  });

  it('gives every field the reader takes at the positions it takes it from', () => {
    const tables: Record<keyof typeof BAI_LOCKBOX_LAYOUT, string> = {
      header: 'Record **1**',
      service: 'Record **2**',
      batchHeader: 'Record **5**',
      detail: 'Record **6**',
      overflow: 'Record **4**',
      batchTotal: 'Record **7**',
      lockboxTotal: 'Record **8**',
      trailer: 'Record **9**',
    };
    for (const [record, fields] of Object.entries(BAI_LOCKBOX_LAYOUT) as [keyof typeof BAI_LOCKBOX_LAYOUT, Record<string, { from: number; length: number }>][]) {
      const start = section.indexOf(tables[record]);
      const table = section.slice(start, section.indexOf('\n\n', section.indexOf('|', start)));
      for (const field of Object.values(fields)) {
        const positions = field.length === 1 ? `${field.from}` : `${field.from}–${field.from + field.length - 1}`;
        expect(table, `${record} ${positions}`).toContain(`| ${positions} | ${field.length} |`);
      }
    }
  });
});
