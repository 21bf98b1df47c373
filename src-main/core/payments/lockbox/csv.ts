/**
 * The Billing Office lockbox CSV profile (docs/formats/lockbox.md):
 *
 *   Account_Number,Amount,Check_Number,Deposit_Date
 *   001234-01,126.59,4417,2026-03-05
 *   001877-01,80.00,,2026-03-05
 *   TRAILER,2,206.59
 *
 * RFC 4180 CSV (csv-parse), comma-delimited, a header row naming the columns in any order (case
 * and surrounding spaces ignored; other columns are ignored), one payment per row, and a final
 * TRAILER row with the item count and the total in dollars, which must agree with the rows. The
 * trailer is what shows a file cut short at a line break; `requireTrailer: false` accepts files
 * without one (the preview's count and total must then be compared with the bank's advice).
 */
import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { formatCents } from '../../../../src-shared/money';
import { shown, type ProblemList } from '../../reads/formats/problems';
import { LOCKBOX_LIMITS } from './limits';
import type { LockboxItem } from './types';
import { accountNumber, checkNumber, csvDate, paymentDollars, wholeCount, type Checked } from './values';

export interface LockboxCsvOptions {
  /** Refuse a file without a TRAILER row (default true). */
  requireTrailer?: boolean;
}

export const LOCKBOX_CSV_COLUMNS = {
  accountNumber: 'Account_Number',
  amount: 'Amount',
  checkNumber: 'Check_Number',
  depositDate: 'Deposit_Date',
} as const;
type ColumnKey = keyof typeof LOCKBOX_CSV_COLUMNS;
export const LOCKBOX_CSV_TRAILER = 'TRAILER';

interface CsvRecord {
  fields: string[];
  line: number;
}

interface Trailer {
  line: number;
  count: Checked<number>;
  total: Checked<number>;
}

export function parseLockboxCsv(text: string, problems: ProblemList, options: LockboxCsvOptions = {}): { items: LockboxItem[]; notes: string[] } {
  const records = readCsvRecords(text, problems);
  if (records === null) return { items: [], notes: [] };
  const [header, ...rows] = records;
  if (!header) {
    problems.at(1, undefined, 'the file has no header row. The first line must name the columns: Account_Number,Amount,Check_Number,Deposit_Date.');
    return { items: [], notes: [] };
  }
  const columns = findColumns(header, problems);
  if (columns === null) return { items: [], notes: [] };

  const items: LockboxItem[] = [];
  let trailer: Trailer | null = null;
  let dataRows = 0;
  let amountsComplete = true;
  let rowTotalCents = 0;
  const endsWithLineBreak = /[\r\n]$/.test(text);
  for (const [index, record] of rows.entries()) {
    if (problems.full) break;
    const isLast = index === rows.length - 1;
    if (trailer !== null) {
      problems.at(record.line, undefined, `there is a row after the TRAILER row (line ${trailer.line}). The trailer must be the last line; ask the bank to send the file again.`);
      break;
    }
    if ((record.fields[0] ?? '').trim().toUpperCase() === LOCKBOX_CSV_TRAILER) {
      trailer = { line: record.line, count: wholeCount(record.fields[1] ?? ''), total: paymentDollarsOrZero(record.fields[2] ?? '') };
      continue;
    }
    dataRows += 1;
    if (dataRows > LOCKBOX_LIMITS.maxItems) {
      problems.at(record.line, undefined, `the file has more than ${LOCKBOX_LIMITS.maxItems.toLocaleString('en-US')} payments, the most one import takes. Ask the bank for one file per deposit.`);
      break;
    }
    if (record.fields.length !== header.fields.length) {
      const cut = isLast && !endsWithLineBreak && record.fields.length < header.fields.length;
      problems.at(
        record.line,
        undefined,
        cut
          ? `the file ends in the middle of this row (${record.fields.length} of ${header.fields.length} fields): it is truncated. Ask the bank to send the file again.`
          : `the row has ${record.fields.length} fields but the header has ${header.fields.length}. A field containing a comma must be in double quotes.`,
      );
      amountsComplete = false;
      continue;
    }
    const item = readRow(record, columns, problems);
    if (item === null) amountsComplete = false;
    else {
      items.push(item);
      rowTotalCents += item.amountCents;
    }
  }
  checkTrailer(trailer, { dataRows, rowTotalCents, amountsComplete, lastLine: rows.at(-1)?.line ?? header.line }, problems, options.requireTrailer ?? true);
  return { items, notes: trailer === null ? ['The file has no TRAILER row: compare the count and total with the bank’s deposit advice before importing.'] : [] };
}

/** The trailer's total may be 0.00 (an empty deposit); anything else must be a dollar amount. */
function paymentDollarsOrZero(text: string): Checked<number> {
  return /^\s*0+(\.0{1,2})?\s*$/.test(text) ? { ok: true, value: 0 } : paymentDollars(text);
}

function readCsvRecords(text: string, problems: ProblemList): CsvRecord[] | null {
  const records: CsvRecord[] = [];
  let lastEndLine = 0;
  try {
    parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (fields: string[], context) => {
        // context.lines is where the record ends; a quoted line break moves its start up.
        const inner = fields.reduce((sum, field) => sum + (field.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
        lastEndLine = context.lines;
        if (!fields.every((field) => field.trim() === '')) records.push({ fields, line: context.lines - inner });
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // An unclosed quote swallows the rest of the file: it opened on the record after the last whole one.
    const line = error.code === 'CSV_QUOTE_NOT_CLOSED' ? lastEndLine + 1 : ((error as unknown as { lines?: number }).lines ?? 1);
    problems.at(line, undefined, csvProblem(error));
    return null;
  }
  return records;
}

function csvProblem(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field starts here and is never closed: the file is cut off (truncated) or a quote is missing. Ask the bank to send the file again.';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted field is followed by other characters before the next comma. A field with quotes inside must be wholly in quotes, each inner quote doubled ("").';
    case 'INVALID_OPENING_QUOTE':
      return 'a quote (") in the middle of a field. A field with quotes inside must be wholly in quotes, each inner quote doubled ("").';
    default:
      return `the line cannot be read as CSV (${error.message}).`;
  }
}

function findColumns(header: CsvRecord, problems: ProblemList): Record<ColumnKey, number> | null {
  const names = header.fields.map((name) => name.trim().toUpperCase());
  const positions = {} as Record<ColumnKey, number>;
  const missing: string[] = [];
  for (const [key, name] of Object.entries(LOCKBOX_CSV_COLUMNS) as [ColumnKey, string][]) {
    const at = names.indexOf(name.toUpperCase());
    if (at === -1) missing.push(name);
    else if (names.indexOf(name.toUpperCase(), at + 1) !== -1) problems.at(header.line, name, `the header names ${name} twice.`);
    else positions[key] = at;
  }
  if (missing.length > 0) {
    const found = header.fields.map((name) => shown(name.trim())).join(', ');
    problems.at(header.line, missing[0], `the header lacks ${missing.join(', ')}. It names ${found}; a lockbox CSV needs Account_Number, Amount, Check_Number and Deposit_Date.`);
  }
  return missing.length > 0 || problems.count > 0 ? null : positions;
}

function readRow(record: CsvRecord, columns: Record<ColumnKey, number>, problems: ProblemList): LockboxItem | null {
  const field = (key: ColumnKey) => record.fields[columns[key]] ?? '';
  const account = accountNumber(field('accountNumber'));
  const amount = paymentDollars(field('amount'));
  const check = checkNumber(field('checkNumber'));
  const date = csvDate(field('depositDate'));
  const report = (key: ColumnKey, checked: Checked<unknown>) => {
    if (!checked.ok) problems.at(record.line, LOCKBOX_CSV_COLUMNS[key], checked.problem);
  };
  report('accountNumber', account);
  report('amount', amount);
  report('checkNumber', check);
  report('depositDate', date);
  if (!account.ok || !amount.ok || !check.ok || !date.ok) return null;
  return { line: record.line, accountNumber: account.value, amountCents: amount.value, checkNumber: check.value, depositDate: date.value, bankReference: null };
}

function checkTrailer(
  trailer: Trailer | null,
  found: { dataRows: number; rowTotalCents: number; amountsComplete: boolean; lastLine: number },
  problems: ProblemList,
  required: boolean,
): void {
  if (trailer === null) {
    if (required) {
      problems.at(found.lastLine, undefined, `the file ends here without its TRAILER row (item count and total), so it may be cut short (truncated). Ask the bank to send the whole file.`);
    }
    return;
  }
  if (!trailer.count.ok) problems.at(trailer.line, 'item count', trailer.count.problem);
  else if (trailer.count.value !== found.dataRows) {
    problems.at(trailer.line, 'item count', `the trailer counts ${trailer.count.value} payments but the file has ${found.dataRows}. Rows are missing or extra; ask the bank to send the file again.`);
  }
  if (!trailer.total.ok) problems.at(trailer.line, 'total', trailer.total.problem);
  else if (found.amountsComplete && trailer.total.value !== found.rowTotalCents) {
    problems.at(trailer.line, 'total', `the trailer total is ${formatCents(trailer.total.value)} but the payments add up to ${formatCents(found.rowTotalCents)}. Ask the bank to send the file again.`);
  }
}
