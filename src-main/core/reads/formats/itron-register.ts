/**
 * Itron register read export (CSV with a header). Columns used: Timestamp, Read_Value,
 * Meter_Serial_Number, Read_Units. EndpointID and Location_ID are expected in the export but not
 * needed (the serial identifies the meter). Units are written with the commodity: CF_WAT, GAL_WAT.
 * A Read_Value of 4294967294 or 4294967295 (0xFFFFFFFE / 0xFFFFFFFF: the endpoint could not read
 * the register) marks a faulted register: the row is kept, flagged `faulted`, for the core to
 * turn into an exception and never into a read.
 */
import { checkFieldCount, checkId, fieldAt, findColumns, noReads, ReadRows, RowCheck } from './columns';
import type { MeterUnit } from '../../../../src-shared/contract/accounts';
import { shown, type ProblemList } from './problems';
import { readRecords } from './records';
import type { ParsedReadRow } from './types';
import { checkDecimal, checkUnit, checkVendorTimestamp, FieldProblem, type Checked } from './values';

export const ITRON_COLUMNS = {
  timestamp: { name: 'Timestamp', required: true },
  readValue: { name: 'Read_Value', required: true },
  meterSerialNumber: { name: 'Meter_Serial_Number', required: true },
  endpointId: { name: 'EndpointID', required: false },
  locationId: { name: 'Location_ID', required: false },
  readUnits: { name: 'Read_Units', required: true },
} as const;

/** Register values an Itron endpoint writes when it could not read the register. */
export const ITRON_FAULT_SENTINELS = ['4294967294', '4294967295'] as const;

/** True when a (valid decimal) value equals a sentinel: "4294967294", "04294967294.0" alike. */
export function isItronFaultValue(value: string): boolean {
  const whole = value.replace(/^0+(?=\d)/, '').replace(/\.0*$/, '');
  return (ITRON_FAULT_SENTINELS as readonly string[]).includes(whole);
}

/** "CF_WAT" → "CF": Itron names the commodity after the unit; only water (_WAT) is read here. */
function checkItronUnit(text: string): Checked<MeterUnit> {
  const commodity = /_([A-Za-z]+)$/.exec(text);
  if (commodity && commodity[1]?.toUpperCase() !== 'WAT') {
    return new FieldProblem(`${shown(text)} is not a water unit (Itron writes water units as CF_WAT, GAL_WAT, CCF_WAT or KGAL_WAT).`);
  }
  return checkUnit(commodity ? text.slice(0, -commodity[0].length) : text);
}

export function parseItronRegister(text: string, problems: ProblemList): ParsedReadRow[] {
  const reads = new ReadRows();
  const check = new RowCheck(problems);
  let columns: Record<keyof typeof ITRON_COLUMNS, number | undefined> | null = null;
  let width = 0;

  readRecords(text, { delimiter: ',' }, problems, (fields, line, cutShort) => {
    if (columns === null) {
      columns = findColumns(fields, line, ITRON_COLUMNS, 'an Itron register read export', problems);
      width = fields.length;
      return columns !== null;
    }
    if (!checkFieldCount(fields, width, line, cutShort, 'the header', problems)) return !problems.full;

    check.start(line);
    const stamp = check.take('Timestamp', checkVendorTimestamp(fieldAt(fields, columns.timestamp)));
    const reading = check.take('Read_Value', checkDecimal(fieldAt(fields, columns.readValue)));
    const meterSerial = check.take('Meter_Serial_Number', checkId(fieldAt(fields, columns.meterSerialNumber), true, 'meter serial (Meter_Serial_Number)'));
    const unit = check.take('Read_Units', checkItronUnit(fieldAt(fields, columns.readUnits)));

    if (check.good && stamp !== undefined && reading !== undefined && meterSerial && unit !== undefined) {
      const kept = reads.push(
        {
          line,
          meterSerial,
          accountNumber: null,
          readDate: stamp.date,
          readAt: stamp.at,
          reading,
          unit,
          multiplier: null,
          estimated: false,
          faulted: isItronFaultValue(reading),
          leakFlag: false,
          dials: null,
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
