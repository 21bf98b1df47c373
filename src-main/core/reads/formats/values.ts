/**
 * Field checks shared by every format. Each returns the clean value, or a `problem` phrase that
 * starts with the value as written and ends with what to do ("\"12a4\" is not a number. ...").
 * No floats: readings stay the decimal strings the file wrote.
 */
import { METER_UNITS, type MeterUnit } from '../../../../src-shared/contract/accounts';
import { shown } from './problems';

/**
 * Why a field was refused: a phrase that starts with the value as written and ends with what to
 * do. A check returns its clean value, or one of these (a success allocates nothing: the checks
 * run once per field of up to 500,000 rows).
 */
export class FieldProblem {
  constructor(readonly problem: string) {}
}

export type Checked<T> = T | FieldProblem;

const ok = <T>(value: T): Checked<T> => value;
const bad = (problem: string): FieldProblem => new FieldProblem(problem);
export const isProblem = <T>(checked: Checked<T>): checked is FieldProblem => checked instanceof FieldProblem;

// ---------------------------------------------------------------------------------------------
// Numbers

/** A register reading: digits with an optional decimal part, as the contract's readingText. */
export const READING_PATTERN = /^\d{1,12}(\.\d{1,6})?$/;
const HOW_TO_WRITE = 'Readings are written with digits and at most one decimal point, like 1234 or 1234.5.';

export type DecimalKind = 'reading' | 'leak rate' | 'multiplier';

/** Checks a (trimmed) reading or other non-negative decimal; returns it exactly as written. */
export function checkDecimal(text: string, kind: DecimalKind = 'reading'): Checked<string> {
  if (READING_PATTERN.test(text)) return ok(text);
  if (text === '') return bad(`is empty. ${HOW_TO_WRITE}`);
  const value = shown(text);
  if (/^-\s*\d/.test(text)) {
    return bad(kind === 'reading' ? `${value} is negative; a register never reads below zero. Check the reading.` : `${value} is negative; a ${kind} cannot be below zero.`);
  }
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return bad(`${value} has a thousands separator. Write it without commas (1234, not 1,234).`);
  if (/^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$/.test(text)) return bad(`${value} is in scientific notation. Write the full number (1000, not 1e3); in Excel, format the column as Number before saving.`);
  if (/^\d+(\.\d+)?$/.test(text)) return bad(`${value} has too many digits (at most 12 before the decimal point and 6 after).`);
  return bad(`${value} is not a number. ${HOW_TO_WRITE}`);
}

/** A whole number in a range (dial count). */
export function checkWhole(text: string, min: number, max: number): Checked<number> {
  if (/^\d{1,3}$/.test(text)) {
    const value = Number(text);
    if (value >= min && value <= max) return ok(value);
  }
  return bad(`${shown(text)} is not a whole number from ${min} to ${max}.`);
}

// ---------------------------------------------------------------------------------------------
// Dates and times

/** Date layouts a CSV mapping profile can name. "ISO" is an ISO 8601 date or date-time. */
export const CSV_DATE_FORMATS = ['YYYY-MM-DD', 'MM/DD/YYYY', 'M/D/YYYY', 'YYYYMMDD', 'YYMMDD', 'ISO'] as const;
export type CsvDateFormat = (typeof CSV_DATE_FORMATS)[number];

const DATE_EXAMPLES: Record<CsvDateFormat, string> = {
  'YYYY-MM-DD': '2026-03-01',
  'MM/DD/YYYY': '03/01/2026',
  'M/D/YYYY': '3/1/2026',
  YYYYMMDD: '20260301',
  YYMMDD: '260301',
  ISO: '2026-03-01T06:30:00',
};

const DATE_PATTERNS: Record<Exclude<CsvDateFormat, 'ISO'>, { pattern: RegExp; order: 'ymd' | 'mdy' }> = {
  'YYYY-MM-DD': { pattern: /^(\d{4})-(\d{2})-(\d{2})$/, order: 'ymd' },
  'MM/DD/YYYY': { pattern: /^(\d{2})\/(\d{2})\/(\d{4})$/, order: 'mdy' },
  'M/D/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: 'mdy' },
  YYYYMMDD: { pattern: /^(\d{4})(\d{2})(\d{2})$/, order: 'ymd' },
  YYMMDD: { pattern: /^(\d{2})(\d{2})(\d{2})$/, order: 'ymd' },
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Reads are dated from 1900 to 2099; anything else is a typing or export mistake. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2099;

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** "YYYY-MM-DD" when the parts make a real calendar date, else why not. */
function calendarDate(text: string, year: number, month: number, day: number): Checked<string> {
  if (year < FIRST_YEAR || year > LAST_YEAR) return bad(`${shown(text)} has the year ${year}; read dates run from ${FIRST_YEAR} to ${LAST_YEAR}.`);
  if (month < 1 || month > 12) return bad(`${shown(text)} is not a real date (there is no month ${month}).`);
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return bad(`${shown(text)} is not a real date (${MONTHS[month - 1]} ${year} has ${days} days).`);
  // Most files write ISO dates: reuse the text instead of building the same string again.
  if (text.length >= 10 && text[4] === '-' && text[7] === '-' && (text.length === 10 || text[10] === 'T' || text[10] === ' ')) return ok(text.slice(0, 10));
  return ok(`${year}-${pad2(month)}-${pad2(day)}`);
}

/** A date in one of the CSV layouts (for "ISO", the date part of a date-time). */
export function checkDate(text: string, format: CsvDateFormat): Checked<string> {
  if (format === 'ISO') {
    const stamp = checkIsoTimestamp(text);
    return isProblem(stamp) ? stamp : stamp.date;
  }
  const { pattern, order } = DATE_PATTERNS[format];
  const match = pattern.exec(text);
  if (!match) {
    return bad(text === '' ? `is empty; every read needs its date (${format}, like ${DATE_EXAMPLES[format]}).` : `${shown(text)} is not a date in the form ${format} (like ${DATE_EXAMPLES[format]}).`);
  }
  const [a, b, c] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (order === 'mdy') return calendarDate(text, c, a, b);
  return calendarDate(text, format === 'YYMMDD' ? 2000 + a : a, b, c);
}

export interface Timestamp {
  /** "YYYY-MM-DD" as written (no time-zone conversion). */
  date: string;
  /** "YYYY-MM-DDTHH:MM:SS" plus the offset when the file gives one; null for a bare date. */
  at: string | null;
}

/** A time of day: "HH:MM", "HH:MM:SS", or 12-hour with AM/PM. Returns "HH:MM:SS". */
export function checkTime(text: string): Checked<string> {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?$/.exec(text);
  if (!match) return bad(`${shown(text)} is not a time of day (like 06:30, 06:30:15 or 6:30 AM).`);
  let hour = Number(match[1]);
  const minute = Number(match[2]);
  const second = match[3] === undefined ? 0 : Number(match[3]);
  const half = match[4]?.toUpperCase();
  if (half !== undefined) {
    if (hour < 1 || hour > 12) return bad(`${shown(text)} is not a time of day (a 12-hour clock runs from 1 to 12).`);
    hour = (hour % 12) + (half === 'P' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return bad(`${shown(text)} is not a time of day.`);
  return ok(`${pad2(hour)}:${pad2(minute)}:${pad2(second)}`);
}

const ISO_TAIL = /^(?:\.\d{1,9})?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** The number written by `count` digits at `start`, or -1 when any is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i += 1) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

function notIso(text: string): FieldProblem {
  return bad(text === '' ? 'is empty; every read needs its date.' : `${shown(text)} is not an ISO date or date-time (like 2026-03-01 or 2026-03-01T06:30:00).`);
}

/**
 * ISO 8601 date or date-time ("2026-03-01", "2026-03-01T06:30:00Z", "2026-03-01 06:30",
 * "2026-03-01T06:30:00.000-08:00"). Read by character positions: this runs once per row.
 */
export function checkIsoTimestamp(text: string): Checked<Timestamp> {
  const length = text.length;
  if (length < 10 || text[4] !== '-' || text[7] !== '-') return notIso(text);
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 0 || day < 0) return notIso(text);
  const date = calendarDate(text, year, month, day);
  if (isProblem(date)) return date;
  if (length === 10) return ok({ date, at: null });

  const separator = text[10];
  if ((separator !== 'T' && separator !== ' ') || length < 16 || text[13] !== ':') return notIso(text);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  let second = 0;
  let tailStart = 16;
  if (length >= 19 && text[16] === ':') {
    second = digitsAt(text, 17, 2);
    tailStart = 19;
  }
  if (hour < 0 || minute < 0 || second < 0) return notIso(text);
  if (hour > 23 || minute > 59 || second > 59) return bad(`${shown(text)} has an impossible time of day.`);
  let offset = '';
  if (tailStart < length) {
    const tail = ISO_TAIL.exec(text.slice(tailStart));
    if (!tail) return notIso(text);
    if (tail[1] !== undefined) {
      offset = tail[1] === 'Z' ? 'Z' : `${tail[1].slice(0, 3)}:${tail[1].slice(-2)}`;
      if (offset !== 'Z' && (Number(offset.slice(1, 3)) > 14 || Number(offset.slice(4)) > 59)) return bad(`${shown(text)} has an impossible time-zone offset.`);
    }
  }
  // The common shapes reuse the text ("…T06:30:00" as is, "… 06:30:00" with the T put in).
  let at: string;
  if (length === 19 && tailStart === 19) at = separator === 'T' ? text : `${date}T${text.slice(11)}`;
  else at = `${date}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}${offset}`;
  return ok({ date, at });
}

const US_STAMP = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(.+))?$/;

/**
 * A head-end export's timestamp: ISO 8601 as above, or the US layout "M/D/YYYY" with an optional
 * time ("3/1/2026 6:30", "03/01/2026 06:30:15 PM"). Month before day, as California systems write.
 */
export function checkVendorTimestamp(text: string): Checked<Timestamp> {
  if (text === '' || text[4] === '-') return checkIsoTimestamp(text);
  const match = US_STAMP.exec(text);
  if (!match) return bad(`${shown(text)} is not a date and time (like 2026-03-01 06:30:00 or 3/1/2026 6:30 AM).`);
  const date = calendarDate(text, Number(match[3]), Number(match[1]), Number(match[2]));
  if (isProblem(date)) return date;
  if (match[4] === undefined) return ok({ date, at: null });
  const time = checkTime(match[4].trim());
  if (isProblem(time)) return bad(`${shown(text)} has an impossible time of day.`);
  return ok({ date, at: `${date}T${time}` });
}

function notCmep(text: string): FieldProblem {
  return bad(text === '' ? 'is empty; every reading needs its date and time (CCYYMMDDHHMM).' : `${shown(text)} is not a CMEP date-time (12 digits CCYYMMDDHHMM, like 202603010630).`);
}

/** Sensus CMEP's "CCYYMMDDHHMM" (local time of the head-end). */
export function checkCmepTimestamp(text: string): Checked<Timestamp> {
  if (text.length !== 12) return notCmep(text);
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 4, 2);
  const day = digitsAt(text, 6, 2);
  const hour = digitsAt(text, 8, 2);
  const minute = digitsAt(text, 10, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0) return notCmep(text);
  const date = calendarDate(text, year, month, day);
  if (isProblem(date)) return date;
  if (hour > 23 || minute > 59) return bad(`${shown(text)} has an impossible time of day.`);
  return ok({ date, at: `${date}T${text.slice(8, 10)}:${text.slice(10, 12)}:00` });
}

// ---------------------------------------------------------------------------------------------
// Units and flags

/** Unit codes the files write, mapped to the office's meter units (case is ignored). */
export const UNIT_CODES: ReadonlyMap<string, MeterUnit> = new Map<string, MeterUnit>([
  ['CF', 'CF'],
  ['CUFT', 'CF'],
  ['FT3', 'CF'],
  ['HCF', 'HCF'],
  ['CCF', 'HCF'],
  ['GAL', 'GAL'],
  ['GALLON', 'GAL'],
  ['GALLONS', 'GAL'],
  ['KGAL', 'KGAL'],
  ['TGAL', 'KGAL'],
]);

export function checkUnit(text: string): Checked<MeterUnit> {
  const unit = UNIT_CODES.get(text) ?? UNIT_CODES.get(text.toUpperCase());
  if (unit !== undefined) return ok(unit);
  return bad(
    text === ''
      ? `is empty; write the unit (${METER_UNITS.join(', ')}; CCF means HCF).`
      : `${shown(text)} is not a unit this office reads (CF, CCF/HCF, GAL or KGAL). Check the unit setting of the reading system's export.`,
  );
}

/** The values of a yes/no column: those meaning yes, and (optionally) the only ones meaning no. */
export class FlagValues {
  private readonly yes: Set<string>;
  private readonly no: Set<string> | null;

  constructor(
    readonly trueValues: readonly string[],
    readonly falseValues?: readonly string[],
  ) {
    this.yes = new Set(trueValues.map((value) => value.trim().toUpperCase()));
    this.no = falseValues === undefined ? null : new Set(falseValues.map((value) => value.trim().toUpperCase()));
  }

  /** True for a yes value, false for a no value (case and spaces ignored); without a no list, anything else is no. */
  check(text: string): Checked<boolean> {
    const value = text.trim().toUpperCase();
    if (this.yes.has(value)) return ok(true);
    if (this.no === null || this.no.has(value)) return ok(false);
    const list = (values: readonly string[]) => values.map((v) => (v === '' ? '(empty)' : `"${v}"`)).join(', ');
    return bad(`${shown(text)} is neither yes (${list(this.trueValues)}) nor no (${list(this.falseValues ?? [])}).`);
  }
}
