/**
 * Lockbox files: the good samples read to exact payments, and each malformed file refused with
 * the line (and field) of its first problem, nothing imported. Samples: tests/fixtures/lockbox,
 * the same as docs/formats/lockbox.md shows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src-main/core/hashing';
import { parseLockboxFile, type LockboxParseResult } from '../../src-main/core/payments';

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/lockbox', name));
const text = (name: string) => fixture(name).toString('utf8');
const bytes = (content: string) => Buffer.from(content, 'utf8');
/** [line, field] of each problem, in order. */
const where = (result: LockboxParseResult) => result.problems.map((problem) => [problem.line, problem.field ?? null]);
/** The good BAI2 sample with one line replaced (1-based). */
const bai2With = (line: number, replacement: string | null) => {
  const lines = text('lockbox-good.bai').split('\n');
  if (replacement === null) lines.splice(line - 1, 1);
  else lines[line - 1] = replacement;
  return bytes(lines.join('\n'));
};
const csvWith = (line: number, replacement: string | null) => {
  const lines = text('lockbox-good.csv').split('\n');
  if (replacement === null) lines.splice(line - 1, 1);
  else lines[line - 1] = replacement;
  return bytes(lines.join('\n'));
};

const GOOD_ITEMS = [
  { accountNumber: '001234-01', amountCents: 12_659, checkNumber: '4417', depositDate: '2026-03-05' },
  { accountNumber: '001877-01', amountCents: 8_000, checkNumber: null, depositDate: '2026-03-05' },
  { accountNumber: '000452-02', amountCents: 21_175, checkNumber: '10293', depositDate: '2026-03-05' },
];

describe('lockbox CSV profile', () => {
  it('reads every payment with its line, cents, check number and ISO date; the SHA-256 is of the bytes', () => {
    const content = fixture('lockbox-good.csv');
    const result = parseLockboxFile(content, 'lockbox-csv');
    expect(result.problems).toEqual([]);
    expect(result.items).toEqual(GOOD_ITEMS.map((item, index) => ({ line: index + 2, bankReference: null, ...item })));
    expect([result.itemCount, result.itemTotalCents]).toEqual([3, 41_834]);
    expect(result.fileSha256).toBe(sha256Hex(content));
    expect(result.fileSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads the same payments from a CRLF file with a byte-order mark, columns reordered and in any case', () => {
    const content = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      bytes('deposit_date , CHECK_NUMBER,Amount,Account_Number,Remitter\r\n2026-03-05,4417,126.59,001234-01,"Garcia, M"\r\n2026-03-05,,80,001877-01,\r\n03/05/2026,10293,211.75,000452-02,Okafor\r\ntrailer,3,418.34\r\n'),
    ]);
    const result = parseLockboxFile(content, 'lockbox-csv');
    expect(result.problems).toEqual([]);
    expect(result.items.map(({ line, accountNumber, amountCents, checkNumber, depositDate }) => ({ line, accountNumber, amountCents, checkNumber, depositDate }))).toEqual(
      GOOD_ITEMS.map((item, index) => ({ line: index + 2, ...item })),
    );
    expect(result.fileSha256).not.toBe(sha256Hex(fixture('lockbox-good.csv')));
  });

  it('refuses a bad amount at its line and column, and checks the trailer total only when every amount read', () => {
    const result = parseLockboxFile(csvWith(3, '001877-01,80.0O,,2026-03-05'), 'lockbox-csv');
    expect(where(result)).toEqual([[3, 'Amount']]);
    expect(result.problems[0]?.message).toBe('Line 3, Amount: "80.0O" is not an amount; amounts are dollars and cents, like 126.59');
    expect(result.items.map((item) => item.line)).toEqual([2, 4]);
  });

  it('says why an amount is refused: sign, dollar sign and commas, three decimals, zero', () => {
    const messages = ['-80.00', '$1,080.00', '80.005', '0.00'].map((amount) => parseLockboxFile(csvWith(3, `001877-01,"${amount}",,2026-03-05`), 'lockbox-csv').problems[0]?.message);
    expect(messages).toEqual([
      'Line 3, Amount: "-80.00" is negative; a lockbox file lists payments received, which are positive. Returned items come from the bank separately.',
      'Line 3, Amount: "$1,080.00": write amounts without "$" or thousands commas, like 1234.56',
      'Line 3, Amount: "80.005" has more than two decimals; amounts are dollars and cents, like 126.59',
      'Line 3, Amount: "0.00" is zero, which is not a payment',
    ]);
  });

  it('refuses a bad date, account number and check number, each at its column', () => {
    const result = parseLockboxFile(csvWith(2, '0012 34/01,126.59,44#17,2026-02-30'), 'lockbox-csv');
    expect(where(result)).toEqual([
      [2, 'Account_Number'],
      [2, 'Check_Number'],
      [2, 'Deposit_Date'],
    ]);
    expect(result.problems[2]?.message).toBe('Line 2, Deposit_Date: "2026-02-30" is not a real date');
  });

  it('refuses a file cut off in the middle of a row (truncated), at that row', () => {
    const result = parseLockboxFile(bytes('Account_Number,Amount,Check_Number,Deposit_Date\n001234-01,126.59,4417,2026-03-05\n001877-01,80.0'), 'lockbox-csv');
    expect(where(result)).toEqual([
      [3, null],
      [3, null],
    ]);
    expect(result.problems[0]?.message).toBe('Line 3: the file ends in the middle of this row (2 of 4 fields): it is truncated. Ask the bank to send the file again.');
    expect(result.problems[1]?.message).toContain('without its TRAILER row');
  });

  it('refuses a file cut off at a line break: the trailer is missing', () => {
    const result = parseLockboxFile(csvWith(5, null), 'lockbox-csv');
    expect(where(result)).toEqual([[4, null]]);
    expect(result.problems[0]?.message).toBe(
      'Line 4: the file ends here without its TRAILER row (item count and total), so it may be cut short (truncated). Ask the bank to send the whole file.',
    );
  });

  it('accepts a file without a trailer when the profile says so, with a note to compare totals', () => {
    const result = parseLockboxFile(csvWith(5, null), 'lockbox-csv', { csv: { requireTrailer: false } });
    expect(result.problems).toEqual([]);
    expect(result.itemTotalCents).toBe(41_834);
    expect(result.notes).toEqual(['The file has no TRAILER row: compare the count and total with the bank’s deposit advice before importing.']);
  });

  it('refuses a trailer total that is not the sum of the rows', () => {
    const result = parseLockboxFile(csvWith(5, 'TRAILER,3,418.43'), 'lockbox-csv');
    expect(where(result)).toEqual([[5, 'total']]);
    expect(result.problems[0]?.message).toBe('Line 5, total: the trailer total is $418.43 but the payments add up to $418.34. Ask the bank to send the file again.');
  });

  it('refuses a trailer count that is not the number of rows (a row missing)', () => {
    const result = parseLockboxFile(csvWith(3, null), 'lockbox-csv');
    expect(where(result)).toEqual([
      [4, 'item count'],
      [4, 'total'],
    ]);
    expect(result.problems[0]?.message).toBe('Line 4, item count: the trailer counts 3 payments but the file has 2. Rows are missing or extra; ask the bank to send the file again.');
  });

  it('refuses a header without a required column, and rows after the trailer', () => {
    expect(where(parseLockboxFile(csvWith(1, 'Account_Number,Amount,Check_Number,Date'), 'lockbox-csv'))).toEqual([[1, 'Deposit_Date']]);
    const after = parseLockboxFile(bytes(`${text('lockbox-good.csv')}001999-01,5.00,1,2026-03-05\n`), 'lockbox-csv');
    expect(where(after)).toEqual([[6, null]]);
  });

  it('refuses a row with a wrong number of fields, and an unclosed quote, at their lines', () => {
    expect(where(parseLockboxFile(csvWith(3, '001877-01,80.00,,2026-03-05,extra'), 'lockbox-csv'))).toEqual([[3, null]]);
    const stray = parseLockboxFile(csvWith(3, '"001877-01,80.00,,2026-03-05'), 'lockbox-csv');
    expect(where(stray)).toEqual([[4, null]]);
    expect(stray.problems[0]?.message).toContain('a quoted field is followed by other characters');
    const unclosed = parseLockboxFile(bytes('Account_Number,Amount,Check_Number,Deposit_Date\n001234-01,126.59,4417,2026-03-05\n"001877-01,80.00,,2026-03-05\nTRAILER,2,206.59\n'), 'lockbox-csv');
    expect(unclosed.problems).toEqual([
      { line: 3, message: 'Line 3: a quoted field starts here and is never closed: the file is cut off (truncated) or a quote is missing. Ask the bank to send the file again.' },
    ]);
    expect(unclosed.items).toEqual([]);
  });
});

describe('BAI2', () => {
  it('reads the 116 items: cents, check number from the customer reference, account from the text (continued on an 88), as-of date', () => {
    const result = parseLockboxFile(fixture('lockbox-good.bai'), 'bai2');
    expect(result.problems).toEqual([]);
    expect(result.items).toEqual([
      { line: 5, bankReference: 'LBX0305-001', ...GOOD_ITEMS[0] },
      { line: 6, bankReference: 'LBX0305-002', ...GOOD_ITEMS[1] },
      { line: 7, bankReference: 'LBX0305-003', ...GOOD_ITEMS[2] },
    ]);
    expect(result.header).toEqual({ senderId: 'DISTBANK', receiverId: 'VALLEYWATER', createdDate: '2026-03-05', fileId: '1' });
    expect(result.notes).toEqual(["The bank's lockbox deposit record (115) total $418.34, the same as the payments."]);
    expect(result.fileSha256).toBe(sha256Hex(fixture('lockbox-good.bai')));
  });

  it('reads funds types V and S, a continued 03, several accounts and groups, CRLF and space-padded records', () => {
    // Account 1: 03 amounts 100000 + 2500; 16s 2500. Total 105000; records 03, 88, 16, 49 = 4.
    // Account 2: 16s 1000 + 1500 (S with 3 distribution amounts). Total 2500; records 4.
    // Group 1: 107500, 2 accounts, 02 + 4 + 4 + 98 = 10. Group 2: one account of 700 (3 records): 700, 1, 5.
    // File: 108200, 2 groups, 01 + 10 + 5 + 99 = 17.
    const file = [
      '01,BANK,DISTRICT,260306,0700,7,,,2/',
      '02,DISTRICT,BANK,1,260306,,USD,2/',
      '03,111,USD,010,100000,,/',
      '88,110,2500,1,0/',
      '16,116,2500,V,260307,0900,REF-1,501,001234-01/',
      '49,105000,4/',
      '03,222,,,,,/',
      '16,116,1000,0,REF-2,502,001877-01 PAID IN FULL, THANKS/',
      '16,116,1500,S,500,500,500,REF-3,,000452-02/',
      '49,2500,4/',
      '98,107500,2,10/',
      '02,DISTRICT,BANK,1,260309,,,2/',
      '03,111,USD/',
      '16,116,700,Z,REF-4,503,002001-01/',
      '49,700,3/',
      '98,700,1,5/',
      '99,108200,2,17/',
    ].map((line) => line.padEnd(80, ' '));
    const result = parseLockboxFile(bytes(`${file.join('\r\n')}\r\n`), 'bai2');
    expect(result.problems).toEqual([]);
    expect(result.items).toEqual([
      { line: 5, accountNumber: '001234-01', amountCents: 2_500, checkNumber: '501', depositDate: '2026-03-06', bankReference: 'REF-1' },
      { line: 8, accountNumber: '001877-01', amountCents: 1_000, checkNumber: '502', depositDate: '2026-03-06', bankReference: 'REF-2' },
      { line: 9, accountNumber: '000452-02', amountCents: 1_500, checkNumber: null, depositDate: '2026-03-06', bankReference: 'REF-3' },
      { line: 14, accountNumber: '002001-01', amountCents: 700, checkNumber: '503', depositDate: '2026-03-09', bankReference: 'REF-4' },
    ]);
    expect(result.itemTotalCents).toBe(5_700);
  });

  it('takes other item type codes when the bank uses them', () => {
    const result = parseLockboxFile(fixture('lockbox-good.bai'), 'bai2', { bai2: { itemTypeCodes: ['115', '116'] } });
    expect(result.problems).toEqual([]);
    expect(result.items.map((item) => item.amountCents)).toEqual([41_834, 12_659, 8_000, 21_175]);
  });

  it('refuses a bad amount at its line, without a second report of the totals it throws off', () => {
    const result = parseLockboxFile(bai2With(6, '16,116,80.00,0,LBX0305-002,,001877-01/'), 'bai2');
    expect(where(result)).toEqual([[6, 'amount']]);
    expect(result.problems[0]?.message).toBe('Line 6, amount: "80.00" is not a BAI2 amount: whole cents as digits only, no sign or decimal point (12659 is $126.59)');
  });

  it('refuses a file that ends before its trailers (truncated), at its last line', () => {
    const lines = text('lockbox-good.bai').split('\n').slice(0, 6);
    const result = parseLockboxFile(bytes(lines.join('\n')), 'bai2');
    expect(where(result)).toEqual([[6, null]]);
    expect(result.problems[0]?.message).toBe(
      'Line 6: the file ends here, inside the account that starts on line 3, without its trailer records (49, 98, 99): it is truncated. Ask the bank to send the whole file again.',
    );
  });

  it('refuses an account trailer whose control total is not the sum of the 03 and 16 amounts, once', () => {
    const result = parseLockboxFile(bai2With(9, '49,5125501,7/'), 'bai2');
    expect(where(result)).toEqual([[9, 'control total']]);
    expect(result.problems[0]?.message).toBe('Line 9, control total: the account 4012345678 control total is $51,255.01 but its 03 and 16 amounts add up to $51,255.02. Ask the bank to send the file again.');
  });

  it('refuses a changed item amount at the account trailer (the group and file agree with the account trailer)', () => {
    const result = parseLockboxFile(bai2With(6, '16,116,8100,0,LBX0305-002,,001877-01/'), 'bai2');
    expect(where(result)).toEqual([[9, 'control total']]);
  });

  it('refuses group and file control totals that disagree', () => {
    expect(where(parseLockboxFile(bai2With(10, '98,5125503,1,9/'), 'bai2'))).toEqual([[10, 'control total']]);
    expect(where(parseLockboxFile(bai2With(11, '99,5125503,1,11/'), 'bai2'))).toEqual([[11, 'control total']]);
  });

  it('refuses a wrong record count (a detail dropped), at the account trailer', () => {
    // Dropping line 6 also drops $80.00 from the account: both show at the 49, now line 8.
    const dropped = parseLockboxFile(bai2With(6, null), 'bai2');
    expect(where(dropped)).toEqual([
      [8, 'control total'],
      [8, 'number of records'],
    ]);
    expect(dropped.problems[1]?.message).toBe(
      'Line 8, number of records: the trailer says 7 but the file has 6 records (03 to 49, continuations included) in account 4012345678. Records are missing or extra; ask the bank to send the file again.',
    );
  });

  it('refuses wrong counts in the group and file trailers', () => {
    expect(where(parseLockboxFile(bai2With(9, '49,5125502,6/'), 'bai2'))).toEqual([[9, 'number of records']]);
    expect(where(parseLockboxFile(bai2With(10, '98,5125502,1,8/'), 'bai2'))).toEqual([[10, 'number of records']]);
    expect(where(parseLockboxFile(bai2With(10, '98,5125502,2,9/'), 'bai2'))).toEqual([[10, 'number of accounts']]);
    expect(where(parseLockboxFile(bai2With(11, '99,5125502,1,12/'), 'bai2'))).toEqual([[11, 'number of records']]);
    expect(where(parseLockboxFile(bai2With(11, '99,5125502,2,11/'), 'bai2'))).toEqual([[11, 'number of groups']]);
  });

  it('refuses records out of order, unknown records, other versions and test groups, naming the line', () => {
    expect(where(parseLockboxFile(bai2With(3, '16,116,100,0,R,1,001234-01/'), 'bai2'))).toEqual([[3, 'record code']]);
    expect(where(parseLockboxFile(bai2With(5, '17,116,12659,0,LBX0305-001,4417,001234-01/'), 'bai2'))).toEqual([[5, 'record code']]);
    expect(where(parseLockboxFile(bai2With(1, '01,DISTBANK,VALLEYWATER,260305,0615,1,80,,3/'), 'bai2'))).toEqual([[1, 'version number']]);
    expect(where(parseLockboxFile(bai2With(2, '02,VALLEYWATER,121000358,4,260305,0600,USD,2/'), 'bai2'))).toEqual([[2, 'group status']]);
    expect(where(parseLockboxFile(bytes(`${text('lockbox-good.bai')}02,X,Y,1,260305,,USD,2/\n`), 'bai2'))).toEqual([[12, 'record code']]);
    expect(where(parseLockboxFile(bytes(`88,more\n${text('lockbox-good.bai')}`), 'bai2'))).toEqual([[1, 'record code']]);
  });

  it('refuses an item without an account number, and a bad as-of date', () => {
    expect(where(parseLockboxFile(bai2With(6, '16,116,8000,0,LBX0305-002,,/'), 'bai2'))).toEqual([[6, 'text (account number)']]);
    expect(where(parseLockboxFile(bai2With(2, '02,VALLEYWATER,121000358,1,261305,0600,USD,2/'), 'bai2'))).toEqual([[2, 'as-of date']]);
  });
});

describe('any lockbox file', () => {
  it('refuses an empty file, a binary file and one that is not UTF-8, naming the line', () => {
    expect(parseLockboxFile(bytes('  \n'), 'bai2').problems).toEqual([{ line: 0, message: 'The file is empty: there are no payments in it. Check that you picked the right file.' }]);
    expect(where(parseLockboxFile(Buffer.from('01,A\n02,\u0000B\n'), 'bai2'))).toEqual([[2, null]]);
    expect(where(parseLockboxFile(Buffer.concat([bytes('Account_Number,Amount\n'), Buffer.from([0x41, 0xe9, 0x0a])]), 'lockbox-csv'))).toEqual([[2, null]]);
  });

  it('reads a 500-payment file of either format in well under a second', () => {
    const csvRows = Array.from({ length: 500 }, (_, index) => `${String(100_000 + index).padStart(6, '0')}-01,${(index % 300) + 1}.25,${5_000 + index},2026-03-05`);
    const csvTotalCents = Array.from({ length: 500 }, (_, index) => ((index % 300) + 1) * 100 + 25).reduce((a, b) => a + b, 0);
    const csv = bytes(`Account_Number,Amount,Check_Number,Deposit_Date\n${csvRows.join('\n')}\nTRAILER,500,${Math.floor(csvTotalCents / 100)}.${String(csvTotalCents % 100).padStart(2, '0')}\n`);
    const details = Array.from({ length: 500 }, (_, index) => `16,116,${((index % 300) + 1) * 100 + 25},0,R${index},${5_000 + index},${String(100_000 + index).padStart(6, '0')}-01/`);
    const bai2 = bytes(
      ['01,B,D,260305,0600,1,,,2/', '02,D,B,1,260305,,USD,2/', '03,1,USD/', ...details, `49,${csvTotalCents},502/`, `98,${csvTotalCents},1,504/`, `99,${csvTotalCents},1,506/`].join('\n'),
    );
    for (const [content, format] of [
      [csv, 'lockbox-csv'],
      [bai2, 'bai2'],
    ] as const) {
      const started = performance.now();
      const result = parseLockboxFile(content, format);
      const elapsedMs = performance.now() - started;
      expect(result.problems).toEqual([]);
      expect([result.itemCount, result.itemTotalCents]).toEqual([500, csvTotalCents]);
      expect(elapsedMs).toBeLessThan(1_000);
    }
  });
});
