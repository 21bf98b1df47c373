/**
 * The fixed-width bill file: a header record, one detail record per bill, a trailer record, every
 * record the same length, lines ending CRLF. A detail record is a record type ("D"), then the
 * published 253-character usage layout unchanged (REFERENCE.md "Bill runs"), then the money and
 * message fields a bill needs. docs/formats/bill-print.md lists every field with its position.
 */
import { CITY_WIDTH, COUNTRY_NAME_WIDTH, NAME_WIDTH, POSTAL_CODE_WIDTH, REGION_WIDTH, STREET_WIDTH, printedAddress, type PrintedAddress } from './address';
import { centsField, decimalField, flagField, numberField, parseCentsField, textField, usageParts, wholeReading, yymmdd, zipDigits } from './fields';
import { registerFigures } from './register';
import type { ControlTotals, PrintLine, PrintRecord, PrintRun } from './records';

export type FieldType = 'text' | 'number' | 'decimal (6 places)' | 'signed cents' | 'date YYMMDD' | 'flag Y/N' | 'filler' | 'constant';

export interface FieldSpec<Source> {
  name: string;
  length: number;
  type: FieldType;
  description: string;
  /** `record` names the record in a refusal ("account 000004-01 (bill 12)"). */
  value: (source: Source, record: string) => string;
}

/** Charge-line slots in a detail record; a bill with more lines sums the rest into the last slot. */
export const LINE_SLOTS = 8;
const LINE_DESCRIPTION_LENGTH = 30;
const AMOUNT_LENGTH = 11;
const TOTAL_LENGTH = 15;
/** BP02 (issue #13) is BP01 with fields appended after position 698: see the changelog in bill-print.md. */
export const LAYOUT_ID = 'BP02';

const text = <S>(name: string, length: number, description: string, pick: (source: S) => string | null): FieldSpec<S> => ({
  name, length, type: 'text', description, value: (source) => textField(pick(source), length),
});
const number = <S>(name: string, length: number, description: string, pick: (source: S) => number | bigint | null): FieldSpec<S> => ({
  name, length, type: 'number', description, value: (source, record) => numberField(pick(source), length, { field: name, record }),
});
const cents = <S>(name: string, length: number, description: string, pick: (source: S) => number): FieldSpec<S> => ({
  name, length, type: 'signed cents', description, value: (source, record) => centsField(pick(source), length, { field: name, record }),
});
const decimal = <S>(name: string, length: number, description: string, pick: (source: S) => string | null): FieldSpec<S> => ({
  name, length, type: 'decimal (6 places)', description, value: (source, record) => decimalField(pick(source), length, { field: name, record }),
});
const date = <S>(name: string, description: string, pick: (source: S) => string | null): FieldSpec<S> => ({
  name, length: 6, type: 'date YYMMDD', description, value: (source) => yymmdd(pick(source)),
});
const flag = <S>(name: string, description: string, pick: (source: S) => boolean): FieldSpec<S> => ({
  name, length: 1, type: 'flag Y/N', description, value: (source) => flagField(pick(source)),
});
const constant = <S>(name: string, value: string, description: string): FieldSpec<S> => ({
  name, length: value.length, type: 'constant', description, value: () => value,
});
const filler = <S>(name: string, length: number, description: string): FieldSpec<S> => ({
  name, length, type: 'filler', description, value: () => ' '.repeat(length),
});

const slotsCache = new WeakMap<readonly PrintLine[], PrintLine[]>();

/** lineSlots, worked out once per bill although sixteen fields ask. */
function slotsOf(lines: readonly PrintLine[]): PrintLine[] {
  let slots = slotsCache.get(lines);
  if (!slots) {
    slots = lineSlots(lines);
    slotsCache.set(lines, slots);
  }
  return slots;
}

/** The charge lines as the slots carry them: the first LINE_SLOTS − 1, then the rest summed. */
export function lineSlots(lines: readonly PrintLine[]): PrintLine[] {
  if (lines.length <= LINE_SLOTS) return [...lines];
  const rest = lines.slice(LINE_SLOTS - 1);
  const restCents = rest.reduce((sum, line) => sum + line.amountCents, 0);
  return [...lines.slice(0, LINE_SLOTS - 1), { description: `Other charges (${rest.length} lines)`, amountCents: restCents }];
}

const hasCode = (record: PrintRecord, code: PrintRecord['messageCodes'][number]) => record.messageCodes.includes(code);
const address = (record: PrintRecord): PrintedAddress => printedAddress(record);
const READING_LENGTH = 18;

/**
 * Some of the name or an address was left out by the shortening rule (its line ends "..."): the
 * same in both files, which carry those lines alike. (A charge description longer than its field
 * is cut by the same rule in this file only; the CSV keeps it whole.)
 */
export const detailShortened = (record: PrintRecord): boolean => address(record).shortened;

/** Positions 2–254: the published usage layout, field for field. */
const PUBLISHED: FieldSpec<PrintRecord>[] = [
  text('account', 10, 'Account number', (r) => r.accountNumber),
  text('name', NAME_WIDTH, 'Customer name as mailed (First Last, or the business name): its first line', (r) => address(r).name.folded[0] ?? null),
  text('serviceStreet', STREET_WIDTH, 'Service address street (with unit): its first line', (r) => address(r).serviceStreet.folded[0] ?? null),
  text('mailingStreet', STREET_WIDTH, 'Mailing street: its first line', (r) => address(r).mailingStreet.folded[0] ?? null),
  text('mailingCity', CITY_WIDTH, 'Mailing city', (r) => address(r).mailingCity.folded[0] ?? null),
  text('mailingState', 2, 'Mailing state (blank for an address outside the US)', (r) => address(r).usState),
  text('mailingZip', 9, 'Mailing ZIP or ZIP+4, digits only (blank outside the US)', (r) => zipDigits(address(r).usZip)),
  text('meter', 15, 'Meter serial (blank when the bill has no read)', (r) => r.meterSerial),
  date('currentReadDate', 'Current read date', (r) => r.readDate),
  number('currentReading', 7, 'Current reading, whole register units (blank: no read)', (r) => wholeReading(r.reading)),
  date('previousReadDate', 'Previous read date', (r) => r.priorReadDate),
  number('previousReading', 7, 'Previous reading, whole register units (blank: no read)', (r) => wholeReading(r.priorReading)),
  number('unitsUsed', 7, 'Usage in whole HCF, rounded half-up (exact usage: usageTenThousandthsHcf)', (r) => usageParts(r.usageHcf).wholeHcf),
  text('route', 9, 'Meter route', (r) => r.route),
  number('sequence', 10, 'Sequence on the route', (r) => r.sequence),
  filler('reserved', 55, 'The rest of the published 253 characters (not described in our source): spaces'),
];

/** Positions 699 on, added by BP02: second lines, the country, the register behind the usage. */
function appendedFields(): FieldSpec<PrintRecord>[] {
  return [
    text('nameLine2', NAME_WIDTH, 'Customer name: second line (blank when the name fits the first)', (r) => address(r).name.folded[1] ?? null),
    text('serviceStreetLine2', STREET_WIDTH, 'Service address street: second line (the unit, or the words that did not fit)', (r) => address(r).serviceStreet.folded[1] ?? null),
    text('mailingStreetLine2', STREET_WIDTH, 'Mailing street: second line (the unit, or the words that did not fit)', (r) => address(r).mailingStreet.folded[1] ?? null),
    text('mailingCountry', 2, 'Mailing country, ISO 3166-1 code (US at home)', (r) => address(r).country),
    text('mailingRegion', REGION_WIDTH, 'Mailing state or province as written (the state for a US address)', (r) => address(r).region.folded[0] ?? null),
    text('mailingPostalCode', POSTAL_CODE_WIDTH, 'Mailing ZIP or postal code as written (letters and spaces kept)', (r) => address(r).postalCode),
    text('mailingCountryName', COUNTRY_NAME_WIDTH, 'Country name for the last line of a foreign address (blank in the US)', (r) => address(r).countryName.folded[0] ?? null),
    text('registerUnit', 4, 'Unit the meter register counts: CF, HCF, GAL or KGAL (blank: no read)', (r) => registerFigures(r).unit),
    decimal('registerMultiplier', 12, 'Register multiplier: register units x multiplier = meter units (blank: no read)', (r) => registerFigures(r).multiplier),
    number('registerDials', 2, 'Dials on the register: it rolls over after 10^dials units (blank: no read)', (r) => registerFigures(r).dials),
    decimal('previousReadingExact', READING_LENGTH, 'Previous reading exactly as read, in register units (blank: no read)', (r) => r.priorReading),
    decimal('currentReadingExact', READING_LENGTH, 'Current reading exactly as read, in register units (blank: no read)', (r) => r.reading),
    decimal('registerUnitsUsed', READING_LENGTH, 'Current - previous reading in register units, + 10^dials after a rollover (blank: not comparable)', (r) => registerFigures(r).unitsUsed),
    flag('rollover', 'Y: the register passed its last dial between the reads', (r) => registerFigures(r).rolledOver),
    flag('usageFromRegister', 'Y: registerUnitsUsed x multiplier, in HCF (4 places, half-up), is the usage billed', (r) => registerFigures(r).usageFromRegister),
    flag('shortened', 'Y: the name or an address was shortened (a line of it ends ...)', detailShortened),
  ];
}

function lineFields(): FieldSpec<PrintRecord>[] {
  const fields: FieldSpec<PrintRecord>[] = [];
  for (let slot = 1; slot <= LINE_SLOTS; slot += 1) {
    const at = (r: PrintRecord) => slotsOf(r.lines)[slot - 1];
    fields.push(text(`line${slot}Description`, LINE_DESCRIPTION_LENGTH, `Charge line ${slot}: description (blank when unused)`, (r) => at(r)?.description ?? null));
    fields.push({
      name: `line${slot}Amount`, length: AMOUNT_LENGTH, type: 'signed cents', description: `Charge line ${slot}: amount (spaces when unused)`,
      value: (r, record) => {
        const line = at(r);
        return line ? centsField(line.amountCents, AMOUNT_LENGTH, { field: `line${slot}Amount`, record }) : ' '.repeat(AMOUNT_LENGTH);
      },
    });
  }
  return fields;
}

export const DETAIL_FIELDS: FieldSpec<PrintRecord>[] = [
  constant('recordType', 'D', 'Record type: D (detail, one bill)'),
  ...PUBLISHED,
  number('billId', 10, 'Bill number (the office\'s bill id)', (r) => r.billId),
  date('billDate', 'Bill date', (r) => r.billDate),
  date('dueDate', 'Due date', (r) => r.dueDate),
  date('periodFrom', 'Service period: first day', (r) => r.fromDate),
  date('periodTo', 'Service period: read day that ends it', (r) => r.toDate),
  number('usageTenThousandthsHcf', 11, 'Exact usage in ten-thousandths of an HCF (12.5 HCF = 125000)', (r) => usageParts(r.usageHcf).tenThousandths),
  cents('previousBalance', AMOUNT_LENGTH, 'Balance before this bill (a credit is negative)', (r) => r.previousBalanceCents),
  cents('currentCharges', AMOUNT_LENGTH, 'This bill\'s charges (sum of its lines)', (r) => r.currentChargesCents),
  cents('amountDue', AMOUNT_LENGTH, 'Amount due = previous balance + current charges', (r) => r.amountDueCents),
  flag('finalBill', 'Message FINAL: closing bill', (r) => hasCode(r, 'FINAL')),
  flag('autopay', 'Message AUTOPAY: paid by automatic debit, do not pay', (r) => hasCode(r, 'AUTOPAY')),
  flag('pastDue', 'Message PAST_DUE: a balance was owed when the bill was computed', (r) => hasCode(r, 'PAST_DUE')),
  flag('estimated', 'Message ESTIMATED: billed on an estimated read', (r) => hasCode(r, 'ESTIMATED')),
  flag('firstBill', 'Message FIRST: first bill of a new account', (r) => hasCode(r, 'FIRST')),
  flag('suppressReturnEnvelope', 'Y for autopay: insert no return envelope', (r) => r.suppressReturnEnvelope),
  text('serviceCity', CITY_WIDTH, 'Service address city', (r) => address(r).serviceCity.folded[0] ?? null),
  number('replacesBillId', 10, 'For a rebill: the bill it replaces (zeros otherwise)', (r) => r.replacesBillId ?? 0),
  number('lineCount', 2, 'How many charge lines the bill has (may exceed the slots)', (r) => r.lines.length),
  ...lineFields(),
  ...appendedFields(),
];

export const RECORD_LENGTH = DETAIL_FIELDS.reduce((sum, field) => sum + field.length, 0);

export interface HeaderSource {
  run: PrintRun;
  districtName: string;
  createdAtIso: string;
}

export const HEADER_FIELDS: FieldSpec<HeaderSource>[] = [
  constant('recordType', 'H', 'Record type: H (header)'),
  constant('layout', LAYOUT_ID, `Layout version: ${LAYOUT_ID}`),
  number('recordLength', 5, 'Length of every record, without the line ending', () => RECORD_LENGTH),
  text('districtName', 40, 'District name', (h) => h.districtName),
  number('runId', 10, 'Bill run number', (h) => h.run.runId),
  number('cycle', 2, 'Billing cycle', (h) => h.run.cycle),
  text('period', 6, 'Billing period YYYYMM', (h) => h.run.period.replace('-', '')),
  date('billDate', 'Run bill date', (h) => h.run.billDate),
  date('dueDate', 'Run due date', (h) => h.run.dueDate),
  date('createdDate', 'Day the file was written (UTC)', (h) => h.createdAtIso.slice(0, 10)),
  text('createdTime', 6, 'Time the file was written, HHMMSS UTC', (h) => h.createdAtIso.slice(11, 19).replaceAll(':', '')),
];

export interface TrailerSource {
  run: PrintRun;
  totals: ControlTotals;
}

export const TRAILER_FIELDS: FieldSpec<TrailerSource>[] = [
  constant('recordType', 'T', 'Record type: T (trailer)'),
  number('runId', 10, 'Bill run number', (t) => t.run.runId),
  number('recordCount', 9, 'Detail records in the file', (t) => t.totals.recordCount),
  cents('currentChargesTotal', TOTAL_LENGTH, 'Sum of currentCharges of the detail records', (t) => t.totals.currentChargesCents),
  cents('amountDueTotal', TOTAL_LENGTH, 'Sum of amountDue of the detail records', (t) => t.totals.amountDueCents),
];

/** One record: its fields in order, padded with spaces to the record length. */
export function formatRecord<S>(fields: readonly FieldSpec<S>[], source: S, record: string): string {
  let line = '';
  for (const field of fields) line += field.value(source, record);
  if (line.length > RECORD_LENGTH) throw new Error(`Invariant violated: a record of ${line.length} characters exceeds ${RECORD_LENGTH}`);
  return line.padEnd(RECORD_LENGTH, ' ');
}

/** Where each field starts (1-based), for reading a record back and for the documentation. */
export function positions<S>(fields: readonly FieldSpec<S>[]): Map<string, { start: number; length: number }> {
  const result = new Map<string, { start: number; length: number }>();
  let start = 1;
  for (const field of fields) {
    result.set(field.name, { start, length: field.length });
    start += field.length;
  }
  return result;
}

const DETAIL_POSITIONS = positions(DETAIL_FIELDS);

/** A field of a written detail record, by name. */
export function detailField(line: string, name: string): string {
  const at = DETAIL_POSITIONS.get(name);
  if (!at) throw new Error(`Invariant violated: no detail field ${name}`);
  return line.slice(at.start - 1, at.start - 1 + at.length);
}

/** The totals of the detail records as written: what the vendor will count and add up. */
export function totalsOfDetails(detailLines: readonly string[]): ControlTotals {
  let currentChargesCents = 0;
  let amountDueCents = 0;
  for (const line of detailLines) {
    currentChargesCents += parseCentsField(detailField(line, 'currentCharges'));
    amountDueCents += parseCentsField(detailField(line, 'amountDue'));
  }
  return { recordCount: detailLines.length, currentChargesCents, amountDueCents };
}
