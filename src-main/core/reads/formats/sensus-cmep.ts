/**
 * Sensus FlexNet CMEP export: California Metering Exchange Protocol "MEPMD01" (metering data
 * type 1) records, comma-separated, one record per line, no header:
 *
 *   0 MEPMD01  1 record version (CCYYMMDD)  2 sender id  3 sender customer id  4 receiver id
 *   5 receiver customer id  6 record date-time (CCYYMMDDHHMM)  7 meter id  8 purpose (OK, RESEND...)
 *   9 commodity (W = water)  10 units  11 calculation constant (multiplier)
 *   12 interval (MMDDHHMM; 00000000 or empty = none)  13 count of readings
 *   14... count triplets: date-time (CCYYMMDDHHMM), quality (protocol text), value
 *
 * Units ending in REG (CFREG, GALREG, CCFREG, KGALREG) are register reads. Plain units (CF, GAL...)
 * are register reads only when the record has no interval; with an interval they are usage per
 * interval, which is not a register reading: such records are skipped and counted in a note.
 * Quality: R or A (or empty) = actual, E = estimate, N = no reading (skipped).
 *
 * A record can carry several readings. By default (readsPerRecord "last") the latest reading of
 * each record is the read: a FlexNet register channel sends a reading every hour, and billing
 * wants one read per meter, the newest; the others would flood the review with same-day
 * duplicates. With "all", every reading is a read (for files of one daily read per triplet).
 * CMEP carries no account number; the meter id is mapped to a serial by the profile's crosswalk.
 */
import { checkId, fieldAt, noReads, ReadRows, RowCheck } from './columns';
import type { CmepMeterIdField, CmepReadsPerRecord } from './profiles';
import { shown, WHOLE_FILE, type ProblemList } from './problems';
import { readRecords } from './records';
import type { ParsedReadRow } from './types';
import { checkCmepTimestamp, checkDecimal, checkUnit, FieldProblem, type Checked, type Timestamp } from './values';

export interface CmepOptions {
  crosswalk?: Readonly<Record<string, string>>;
  meterIdField: CmepMeterIdField;
  readsPerRecord: CmepReadsPerRecord;
}

const FIXED_FIELDS = 14;
const METER_ID_POSITION: Record<CmepMeterIdField, { index: number; name: string }> = {
  meterId: { index: 7, name: 'meter id' },
  receiverCustomerId: { index: 5, name: 'receiver customer id' },
  receiverId: { index: 4, name: 'receiver id' },
};
const MAX_READINGS_PER_RECORD = 1_000;
/** A calculation constant has the shape of a meter's multiplier on file (src-shared/contract/accounts.ts). */
const CONSTANT_PATTERN = /^\d{1,6}(\.\d{1,6})?$/;

type Quality = 'actual' | 'estimated' | 'none';

interface TripletLabels {
  dateTime: string;
  quality: string;
  value: string;
}

const SINGLE_LABELS: TripletLabels = { dateTime: 'reading date-time', quality: 'reading quality', value: 'reading value' };
const NUMBERED_LABELS: TripletLabels[] = [];

/** How problems name the fields of triplet `index` ("reading 2 value"); built once per position. */
function tripletLabels(index: number, count: number): TripletLabels {
  if (count === 1) return SINGLE_LABELS;
  while (NUMBERED_LABELS.length <= index) {
    const n = NUMBERED_LABELS.length + 1;
    NUMBERED_LABELS.push({ dateTime: `reading ${n} date-time`, quality: `reading ${n} quality`, value: `reading ${n} value` });
  }
  return NUMBERED_LABELS[index] as TripletLabels;
}

function checkQuality(text: string): Checked<Quality> {
  const code = text.trim().charAt(0).toUpperCase();
  if (code === '' || code === 'R' || code === 'A') return 'actual';
  if (code === 'E') return 'estimated';
  if (code === 'N') return 'none';
  return new FieldProblem(`${shown(text)} is not a quality code this import knows (R or A = actual, E = estimate, N = no reading).`);
}

interface Reading {
  stamp: Timestamp;
  value: string;
  estimated: boolean;
}

export interface CmepResult {
  rows: ParsedReadRow[];
  notes: string[];
}

export function parseSensusCmep(text: string, options: CmepOptions, problems: ProblemList): CmepResult {
  const reads = new ReadRows();
  const idField = METER_ID_POSITION[options.meterIdField];
  const check = new RowCheck(problems);
  // A Map, not the object: a meter id such as "constructor" must not find Object's properties.
  const crosswalk = new Map(Object.entries(options.crosswalk ?? {}));
  let intervalRecords = 0;
  let noReadingTriplets = 0;
  let readingsNotKept = 0;
  let emptyRecords = 0;
  let constantRecords = 0;

  readRecords(text, { delimiter: ',' }, problems, (fields, line, cutShort) => {
    check.start(line);

    if (fieldAt(fields, 0).toUpperCase() !== 'MEPMD01') {
      check.fail('record type', `${shown(fieldAt(fields, 0))} is not a CMEP meter data record (MEPMD01). Choose the file's format, or export the MEPMD01 register reads alone.`);
      return !problems.full;
    }
    if (fields.length < FIXED_FIELDS) {
      check.fail(undefined, cutShort ? `the last record is cut short (${fields.length} fields): the file looks truncated. Export it again.` : `a MEPMD01 record has ${FIXED_FIELDS} fields before its readings; this one has ${fields.length}.`);
      return !problems.full;
    }
    const countText = fieldAt(fields, 13);
    if (!/^\d{1,4}$/.test(countText) || Number(countText) > MAX_READINGS_PER_RECORD) {
      check.fail('count', `${shown(countText)} is not a count of readings (a whole number up to ${MAX_READINGS_PER_RECORD}).`);
      return !problems.full;
    }
    const count = Number(countText);
    const carried = (fields.length - FIXED_FIELDS) / 3;
    if (carried !== count) {
      check.fail(
        'count',
        cutShort && carried < count
          ? `the last record is cut short (count says ${count} readings, ${Math.floor(carried)} are there): the file looks truncated. Export it again.`
          : `the record says it carries ${count} readings but has ${fields.length} fields; ${count} readings take ${FIXED_FIELDS + 3 * count} (${FIXED_FIELDS} + 3 per reading).`,
      );
      return !problems.full;
    }
    if (cutShort) {
      // CMEP has no trailer or record count: a file cut inside its last value would still have
      // the right number of fields. A complete export ends every record with a line break.
      check.fail(undefined, 'the last record does not end with a line break, so the file may be cut short inside its last value (CMEP has no trailer to tell). Export the file again; a complete export ends every record with a line break.');
      return !problems.full;
    }
    const commodity = fieldAt(fields, 9);
    if (commodity.toUpperCase() !== 'W') {
      check.fail('commodity', `${shown(commodity)} is not water (W). This record is for another commodity (E = electric, G = gas); export water meters only.`);
    }
    const unitsText = fieldAt(fields, 10);
    const register = /REG$/i.test(unitsText);
    const unit = check.take('units', checkUnit(register ? unitsText.slice(0, -3) : unitsText));
    const intervalText = fieldAt(fields, 12);
    if (intervalText !== '' && !/^\d{8}$/.test(intervalText)) check.fail('interval', `${shown(intervalText)} is not a CMEP interval (8 digits MMDDHHMM, like 00000100 for hourly).`);
    const constantText = fieldAt(fields, 11);
    let multiplier: string | null = null;
    if (constantText !== '') {
      multiplier = check.take('calculation constant', checkDecimal(constantText, 'multiplier')) ?? null;
      if (multiplier !== null && !/[1-9]/.test(multiplier)) check.fail('calculation constant', `${shown(constantText)} is zero; a multiplier must be above zero.`);
      else if (multiplier !== null && !CONSTANT_PATTERN.test(multiplier.replace(/^0+(?=\d)/, ''))) {
        check.fail('calculation constant', `${shown(constantText)} is larger than any register multiplier (at most 6 digits before the decimal point, like 1, 10 or 100).`);
      }
    }
    const meterId = fieldAt(fields, idField.index);
    const mapped = crosswalk.get(meterId) ?? meterId;
    const meterSerial = check.take(idField.name, checkId(mapped, true, `meter id (${idField.name})`));

    if (!register && /[1-9]/.test(intervalText) && unit !== undefined) {
      // Usage per interval, not a register reading: not imported (and so not checked further).
      intervalRecords += 1;
      return !problems.full;
    }

    const readings: Reading[] = [];
    for (let i = 0; i < count; i += 1) {
      const at = FIXED_FIELDS + 3 * i;
      const label = tripletLabels(i, count);
      const stamp = check.take(label.dateTime, checkCmepTimestamp(fieldAt(fields, at)));
      const quality = check.take(label.quality, checkQuality(fieldAt(fields, at + 1)));
      if (quality === 'none') {
        noReadingTriplets += 1;
        continue;
      }
      const value = check.take(label.value, checkDecimal(fieldAt(fields, at + 2)));
      if (stamp !== undefined && quality !== undefined && value !== undefined) readings.push({ stamp, value, estimated: quality === 'estimated' });
    }
    if (!check.good || meterSerial == null || unit === undefined) return !problems.full;

    if (count === 0) emptyRecords += 1;
    const kept = options.readsPerRecord === 'all' ? readings : latest(readings);
    if (multiplier !== null && kept.length > 0 && !isOne(multiplier)) constantRecords += 1;
    readingsNotKept += readings.length - kept.length;
    for (const reading of kept) {
      const row: ParsedReadRow = {
        line,
        meterSerial,
        accountNumber: null,
        readDate: reading.stamp.date,
        readAt: reading.stamp.at,
        reading: reading.value,
        unit,
        multiplier,
        estimated: reading.estimated,
        faulted: false,
        leakFlag: false,
        dials: null,
      };
      if (!reads.push(row, problems)) return false;
    }
    return !problems.full;
  });

  const notes: string[] = [];
  if (intervalRecords > 0) notes.push(`${intervalRecords} interval-usage record(s) (units without REG, with an interval) were skipped: only register reads are imported.`);
  if (noReadingTriplets > 0) notes.push(`${noReadingTriplets} reading(s) marked N (no reading) were skipped.`);
  if (emptyRecords > 0) notes.push(`${emptyRecords} record(s) carried no readings.`);
  if (constantRecords > 0) {
    notes.push(
      `${constantRecords} record(s) carry a calculation constant other than 1: their use is multiplied by it. Where it is not the meter's multiplier on file, the read goes to review (meter changed).`,
    );
  }
  if (readingsNotKept > 0) notes.push(`${readingsNotKept} earlier reading(s) in multi-reading records were not kept: the latest reading of each record is its read.`);

  if (reads.rows.length === 0 && problems.count === 0) {
    if (intervalRecords > 0) {
      problems.add(WHOLE_FILE, undefined, 'The file has only interval usage (units such as CF with an interval), no register reads. Export register reads (CFREG, GALREG...) from the head-end.');
    } else {
      noReads(problems, noReadingTriplets > 0 ? ' (every reading is marked N, no reading)' : '');
    }
  }
  return { rows: reads.rows, notes };
}

/** "1", "1.0", "001.000": a constant of one, which multiplies by nothing. */
function isOne(constant: string): boolean {
  return /^0*1(\.0*)?$/.test(constant);
}

/** The reading with the latest date-time (the later one in the record on a tie). */
function latest(readings: Reading[]): Reading[] {
  let best: Reading | undefined;
  for (const reading of readings) {
    if (best === undefined || (reading.stamp.at ?? '') >= (best.stamp.at ?? '')) best = reading;
  }
  return best === undefined ? [] : [best];
}
