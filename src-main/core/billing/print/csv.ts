/**
 * The CSV bill file: a header row of column names, one row per bill ("D"), then one trailer row
 * ("T") with the record count and the control totals. UTF-8, CRLF, RFC 4180 quoting and OWASP's
 * formula rule (core/files/delimited.ts): text cells that would start a formula get a leading
 * quote; amounts, usage, ids and counts are numeric cells, written as they are. Amounts are
 * decimal dollars ("-12.50"), dates ISO (2026-11-12). docs/formats/bill-print.md lists the columns.
 */
import { centsToDecimalString } from '../../../../src-shared/money';
import { csvFile, decimalCell, type Cell, type DecimalCell } from '../../files/delimited';
import { LINE_SLOTS, lineSlots } from './fixed-width';
import type { ControlTotals, PrintRecord, PrintRun } from './records';

interface Column {
  name: string;
  description: string;
  value: (record: PrintRecord) => Cell;
}

/** An amount the office formatted: a number to the vendor's program, so never quoted or prefixed. */
const dollars = (amountCents: number): DecimalCell => decimalCell(centsToDecimalString(amountCents));
const yesNo = (on: boolean): string => (on ? 'Y' : 'N');

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
  { name: 'name', description: 'Customer name as mailed', value: (r) => r.mailingName },
  { name: 'mailing_street', description: 'Mailing street', value: (r) => r.mailingStreet },
  { name: 'mailing_city', description: 'Mailing city', value: (r) => r.mailingCity },
  { name: 'mailing_state', description: 'Mailing state', value: (r) => r.mailingState },
  { name: 'mailing_zip', description: 'Mailing ZIP as entered', value: (r) => r.mailingZip },
  { name: 'service_street', description: 'Service address street (with unit)', value: (r) => r.serviceStreet },
  { name: 'service_city', description: 'Service address city', value: (r) => r.serviceCity },
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
