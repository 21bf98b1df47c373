/**
 * Badger Meter BEACON AMA export (CSV with a header). Columns used:
 *   Account_ID (optional value), Meter_ID, Read, Read_Unit, Read_Time, Estimated_Flag,
 *   Current_Leak_Rate, Dials. Register_Resolution is accepted and not used: Read is already in
 *   Read_Unit. Other columns are ignored. CCF is the office's HCF.
 */
import { checkFieldCount, checkId, fieldAt, findColumns, noReads, ReadRows, RowCheck } from './columns';
import type { ProblemList } from './problems';
import { readRecords } from './records';
import type { ParsedReadRow } from './types';
import { checkDecimal, checkUnit, checkVendorTimestamp, checkWhole, FlagValues } from './values';

export const BADGER_COLUMNS = {
  accountId: { name: 'Account_ID', required: true },
  meterId: { name: 'Meter_ID', required: true },
  read: { name: 'Read', required: true },
  readUnit: { name: 'Read_Unit', required: true },
  readTime: { name: 'Read_Time', required: true },
  estimatedFlag: { name: 'Estimated_Flag', required: true },
  currentLeakRate: { name: 'Current_Leak_Rate', required: true },
  dials: { name: 'Dials', required: false },
  registerResolution: { name: 'Register_Resolution', required: false },
} as const;

/** Estimated_Flag values: yes and no, as BEACON exports and spreadsheets write them. */
export const BADGER_ESTIMATED_TRUE = ['Y', 'YES', 'TRUE', 'T', '1', 'E'] as const;
export const BADGER_ESTIMATED_FALSE = ['', 'N', 'NO', 'FALSE', 'F', '0', 'A'] as const;

const ESTIMATED_FLAG = new FlagValues(BADGER_ESTIMATED_TRUE, BADGER_ESTIMATED_FALSE);

export function parseBadgerBeacon(text: string, problems: ProblemList): ParsedReadRow[] {
  const reads = new ReadRows();
  const check = new RowCheck(problems);
  let columns: Record<keyof typeof BADGER_COLUMNS, number | undefined> | null = null;
  let width = 0;

  readRecords(text, { delimiter: ',' }, problems, (fields, line, cutShort) => {
    if (columns === null) {
      columns = findColumns(fields, line, BADGER_COLUMNS, 'a Badger BEACON export', problems);
      width = fields.length;
      return columns !== null;
    }
    if (!checkFieldCount(fields, width, line, cutShort, 'the header', problems)) return !problems.full;

    check.start(line);
    const meterSerial = check.take('Meter_ID', checkId(fieldAt(fields, columns.meterId), true, 'meter number (Meter_ID)'));
    const accountNumber = check.take('Account_ID', checkId(fieldAt(fields, columns.accountId), false, 'account number'));
    const reading = check.take('Read', checkDecimal(fieldAt(fields, columns.read)));
    const unit = check.take('Read_Unit', checkUnit(fieldAt(fields, columns.readUnit)));
    const stamp = check.take('Read_Time', checkVendorTimestamp(fieldAt(fields, columns.readTime)));
    const estimated = check.take('Estimated_Flag', ESTIMATED_FLAG.check(fieldAt(fields, columns.estimatedFlag)));
    const leakText = fieldAt(fields, columns.currentLeakRate);
    const leakRate = leakText === '' ? '0' : check.take('Current_Leak_Rate', checkDecimal(leakText, 'leak rate'));
    const dialsText = fieldAt(fields, columns.dials);
    const dials = dialsText === '' ? null : check.take('Dials', checkWhole(dialsText, 3, 9));

    if (check.good && meterSerial && reading !== undefined && unit !== undefined && stamp !== undefined && estimated !== undefined && leakRate !== undefined) {
      const kept = reads.push(
        {
          line,
          meterSerial,
          accountNumber: accountNumber ?? null,
          readDate: stamp.date,
          readAt: stamp.at,
          reading,
          unit,
          multiplier: null,
          estimated,
          faulted: false,
          // A non-negative decimal is above zero exactly when it has a non-zero digit.
          leakFlag: /[1-9]/.test(leakRate),
          dials: dials ?? null,
        },
        problems,
      );
      if (!kept) return false;
    }
    return !problems.full;
  });

  if (reads.rows.length === 0 && problems.count === 0) noReads(problems, columns === null ? '' : ' (only a header line)');
  return reads.rows;
}
