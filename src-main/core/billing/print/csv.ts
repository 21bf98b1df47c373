/**
 * The CSV bill file: a header row of column names, one row per bill ("D"), then one trailer row
 * ("T") with the record count and the control totals. UTF-8, CRLF, RFC 4180 quoting and OWASP's
 * formula rule (core/files/delimited.ts): text cells that would start a formula get a leading
 * quote; amounts, usage, ids and counts are numeric cells, written as they are. Amounts are
 * decimal dollars ("-12.50"), dates ISO (2026-11-12). docs/formats/bill-print.md lists the columns.
 */
import { centsToDecimalString } from '../../../../src-shared/money';
import { csvFile, decimalCell, type Cell, type DecimalCell } from '../../files/delimited';
import { printedAddress } from './address';
import { LAYOUT_ID, LINE_SLOTS, detailShortened, lineSlots } from './fixed-width';
import { registerFigures } from './register';
import type { ControlTotals, PrintRecord, PrintRun } from './records';

interface Column {
  name: string;
  description: string;
  value: (record: PrintRecord) => Cell;
}

/** An amount the office formatted: a number to the vendor's program, so never quoted or prefixed. */
const dollars = (amountCents: number): DecimalCell => decimalCell(centsToDecimalString(amountCents));
const yesNo = (on: boolean): string => (on ? 'Y' : 'N');
/** A line of the laid-out address (address.ts): the same words on the same lines as the fixed-width file, as written. */
const line = (text: { lines: string[] }, index: number): string | null => text.lines[index] ?? null;
const decimalOrNull = (value: string | null): DecimalCell | null => (value === null ? null : decimalCell(value));

function lineColumns(): Column[] {
  const columns: Column[] = [];
  for (let slot = 1; slot <= LINE_SLOTS; slot += 1) {
    const at = (record: PrintRecord) => lineSlots(record.lines)[slot - 1];
    columns.push({ name: `line_${slot}_description`, description: `Charge line ${slot}: description`, value: (r) => at(r)?.description ?? null });
    columns.push({ name: `line_${slot}_amount`, description: `Charge line ${slot}: amount`, value: (r) => { const line = at(r); return line ? dollars(line.amountCents) : null; } });
  }
  return columns;
}

export const CSV_COLUMNS: Column[] = [
  { name: 'record_type', description: 'D for a bill; T for the trailer row', value: () => 'D' },
  { name: 'bill_id', description: 'Bill number', value: (r) => r.billId },
  { name: 'replaces_bill_id', description: 'For a rebill, the bill it replaces', value: (r) => r.replacesBillId },
  { name: 'account', description: 'Account number', value: (r) => r.accountNumber },
  { name: 'name', description: 'Customer name as mailed: its first line', value: (r) => line(printedAddress(r).name, 0) },
  { name: 'mailing_street', description: 'Mailing street: its first line', value: (r) => line(printedAddress(r).mailingStreet, 0) },
  { name: 'mailing_city', description: 'Mailing city', value: (r) => line(printedAddress(r).mailingCity, 0) },
  { name: 'mailing_state', description: 'Mailing state (empty outside the US)', value: (r) => printedAddress(r).usState },
  { name: 'mailing_zip', description: 'Mailing ZIP as entered (empty outside the US)', value: (r) => printedAddress(r).usZip },
  { name: 'service_street', description: 'Service address street (with unit): its first line', value: (r) => line(printedAddress(r).serviceStreet, 0) },
  { name: 'service_city', description: 'Service address city', value: (r) => line(printedAddress(r).serviceCity, 0) },
  { name: 'route', description: 'Meter route', value: (r) => r.route },
  { name: 'sequence', description: 'Sequence on the route', value: (r) => r.sequence },
  { name: 'meter', description: 'Meter serial', value: (r) => r.meterSerial },
  { name: 'previous_read_date', description: 'Previous read date', value: (r) => r.priorReadDate },
  { name: 'previous_reading', description: 'Previous reading as read', value: (r) => r.priorReading },
  { name: 'current_read_date', description: 'Current read date', value: (r) => r.readDate },
  { name: 'current_reading', description: 'Current reading as read', value: (r) => r.reading },
  { name: 'usage_hcf', description: 'Usage in HCF, exact', value: (r) => decimalCell(r.usageHcf) },
  { name: 'period_from', description: 'Service period: first day', value: (r) => r.fromDate },
  { name: 'period_to', description: 'Service period: the read day that ends it', value: (r) => r.toDate },
  { name: 'bill_date', description: 'Bill date', value: (r) => r.billDate },
  { name: 'due_date', description: 'Due date', value: (r) => r.dueDate },
  { name: 'previous_balance', description: 'Balance before this bill (credit negative)', value: (r) => dollars(r.previousBalanceCents) },
  { name: 'current_charges', description: 'This bill\'s charges', value: (r) => dollars(r.currentChargesCents) },
  { name: 'amount_due', description: 'Previous balance + current charges', value: (r) => dollars(r.amountDueCents) },
  { name: 'message_codes', description: 'Message codes separated by spaces (FINAL AUTOPAY PAST_DUE ESTIMATED FIRST)', value: (r) => r.messageCodes.join(' ') },
  { name: 'suppress_return_envelope', description: 'Y for autopay', value: (r) => yesNo(r.suppressReturnEnvelope) },
  { name: 'line_count', description: 'How many charge lines the bill has', value: (r) => r.lines.length },
  ...lineColumns(),
  { name: 'record_count', description: 'Trailer only: the number of D rows', value: () => null },
  // BP02: appended, so a program that reads BP01's columns by position still finds them.
  { name: 'name_line_2', description: 'Customer name: second line', value: (r) => line(printedAddress(r).name, 1) },
  { name: 'mailing_street_line_2', description: 'Mailing street: second line', value: (r) => line(printedAddress(r).mailingStreet, 1) },
  { name: 'service_street_line_2', description: 'Service address street: second line', value: (r) => line(printedAddress(r).serviceStreet, 1) },
  { name: 'mailing_country', description: 'Mailing country, ISO 3166-1 code', value: (r) => printedAddress(r).country },
  { name: 'mailing_region', description: 'Mailing state or province as written', value: (r) => line(printedAddress(r).region, 0) },
  { name: 'mailing_postal_code', description: 'Mailing ZIP or postal code as written', value: (r) => printedAddress(r).postalCode },
  { name: 'mailing_country_name', description: 'Country name for a foreign address\'s last line (empty in the US)', value: (r) => line(printedAddress(r).countryName, 0) },
  { name: 'register_unit', description: 'Unit the register counts: CF, HCF, GAL or KGAL', value: (r) => registerFigures(r).unit },
  { name: 'register_multiplier', description: 'Register multiplier', value: (r) => decimalOrNull(registerFigures(r).multiplier) },
  { name: 'register_dials', description: 'Dials on the register', value: (r) => registerFigures(r).dials },
  { name: 'register_units_used', description: 'Current - previous reading in register units (+ 10^dials after a rollover)', value: (r) => decimalOrNull(registerFigures(r).unitsUsed) },
  { name: 'rollover', description: 'Y: the register rolled over between the reads', value: (r) => yesNo(registerFigures(r).rolledOver) },
  { name: 'usage_from_register', description: 'Y: register_units_used x multiplier, in HCF, is usage_hcf', value: (r) => yesNo(registerFigures(r).usageFromRegister) },
  { name: 'shortened', description: 'Y: the name or an address was shortened (a line of it ends ...)', value: (r) => yesNo(detailShortened(r)) },
  { name: 'layout', description: 'Trailer only: the layout version', value: () => null },
];

/** The trailer row: T, the count in record_count, the sums in previous_balance… amount_due's columns. */
function trailerRow(totals: ControlTotals, run: PrintRun): Cell[] {
  return CSV_COLUMNS.map((column) => {
    switch (column.name) {
      case 'record_type': return 'T';
      case 'name': return `Run ${run.runId} cycle ${run.cycle} ${run.period}`;
      case 'current_charges': return dollars(totals.currentChargesCents);
      case 'amount_due': return dollars(totals.amountDueCents);
      case 'record_count': return totals.recordCount;
      case 'layout': return LAYOUT_ID;
      default: return null;
    }
  });
}

function* csvRows(records: readonly PrintRecord[], totals: ControlTotals, run: PrintRun): Generator<Cell[]> {
  yield CSV_COLUMNS.map((column) => column.name);
  for (const record of records) yield CSV_COLUMNS.map((column) => column.value(record));
  yield trailerRow(totals, run);
}

export function formatCsv(records: readonly PrintRecord[], totals: ControlTotals, run: PrintRun): string {
  return csvFile(csvRows(records, totals, run));
}
