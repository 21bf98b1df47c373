/**
 * What goes to the print vendor for a posted run: one record per bill that is still live.
 * Cancelled bills are left out; a rebill that replaces a bill of the run (directly, or a rebill
 * of a rebill) is included in its place, so the file always matches what the customers owe.
 */
import type { MeterUnit } from '../../../../src-shared/contract/accounts';
import type { BillMessageCode } from '../../../../src-shared/contract/billing';
import { perConnection } from '../../storage/prepared';
import { OfficeError, assertInvariant } from '../../errors';
import { GL } from '../../ledger/chart';
import type { Sqlite } from '../../storage/database';
import { getRunRow } from '../runs';
import type { AddressSource } from './address';

export interface PrintLine {
  description: string;
  amountCents: number;
}

/** The addresses (address.ts, AddressSource): the envelope's name, mailing address with its country, and the service address with its unit. */
export interface PrintRecord extends AddressSource {
  billId: number;
  replacesBillId: number | null;
  accountNumber: string;
  route: string;
  sequence: number;
  meterSerial: string | null;
  /** The register of the current read's meter: its unit, multiplier and dials (null without a read). */
  register: { unit: MeterUnit; multiplier: string; dials: number } | null;
  /** Whether both reads are of the same meter (after an exchange they are not, and the difference means nothing). */
  sameMeter: boolean;
  priorReadDate: string | null;
  priorReading: string | null;
  readDate: string | null;
  reading: string | null;
  usageHcf: string;
  fromDate: string;
  toDate: string;
  billDate: string;
  dueDate: string;
  previousBalanceCents: number;
  currentChargesCents: number;
  amountDueCents: number;
  messageCodes: BillMessageCode[];
  /** Autopay customers get no return envelope: nothing to mail back. */
  suppressReturnEnvelope: boolean;
  lines: PrintLine[];
}

export interface PrintRun {
  runId: number;
  cycle: number;
  period: string;
  billDate: string;
  dueDate: string;
}

export interface ControlTotals {
  recordCount: number;
  currentChargesCents: number;
  amountDueCents: number;
}

/**
 * The run's bills that are still live: its own posted bills, and posted rebills whose chain of
 * replaced bills leads back to a bill of the run. The chain is walked upward from the rebills
 * (few, found by the run_id index) through primary keys, never by scanning for replaces_bill_id.
 */
const LIVE_BILLS_CTE = `
  WITH RECURSIVE walk(id, cursor) AS (
    SELECT id, replaces_bill_id FROM bills WHERE run_id IS NULL AND replaces_bill_id IS NOT NULL
    UNION ALL
    SELECT walk.id, b.replaces_bill_id FROM walk JOIN bills b ON b.id = walk.cursor WHERE b.run_id IS NULL AND b.replaces_bill_id IS NOT NULL
  ),
  rebills AS (SELECT walk.id FROM walk JOIN bills origin ON origin.id = walk.cursor WHERE origin.run_id = @runId),
  live AS (
    SELECT * FROM bills WHERE run_id = @runId AND status = 'posted'
    UNION ALL
    SELECT b.* FROM bills b JOIN rebills ON rebills.id = b.id WHERE b.status = 'posted'
  )`;

interface RecordRow extends Omit<PrintRecord, 'mailingName' | 'serviceStreet' | 'serviceUnit' | 'register' | 'sameMeter' | 'messageCodes' | 'suppressReturnEnvelope' | 'lines' | 'billDate' | 'dueDate'> {
  customerKind: 'person' | 'business';
  firstName: string;
  lastName: string;
  businessName: string;
  street: string;
  unit: string;
  messageCodesText: string;
  runIdOfBill: number | null;
  entryDate: string | null;
  meterUnit: MeterUnit | null;
  meterMultiplier: string | null;
  meterDials: number | null;
  sameMeterFlag: number;
}

const statements = perConnection((db: Sqlite) => ({
  records: db.prepare<{ runId: number }, RecordRow>(
    `${LIVE_BILLS_CTE}
     SELECT b.id AS billId, b.replaces_bill_id AS replacesBillId, a.account_number AS accountNumber, c.kind AS customerKind,
            c.first_name AS firstName, c.last_name AS lastName, c.business_name AS businessName,
            c.mailing_street AS mailingStreet, c.mailing_city AS mailingCity, c.mailing_state AS mailingState, c.mailing_zip AS mailingZip, c.mailing_country AS mailingCountry,
            l.street, l.unit, l.city AS serviceCity, l.route, l.sequence, m.serial AS meterSerial,
            m.unit AS meterUnit, m.multiplier AS meterMultiplier, m.dials AS meterDials, (pr.meter_id IS cr.meter_id) AS sameMeterFlag,
            pr.read_date AS priorReadDate, COALESCE(pr.reading_text, CAST(pr.reading AS TEXT)) AS priorReading,
            cr.read_date AS readDate, COALESCE(cr.reading_text, CAST(cr.reading AS TEXT)) AS reading,
            b.usage_hcf AS usageHcf, b.from_date AS fromDate, b.to_date AS toDate,
            b.previous_balance_cents AS previousBalanceCents, b.total_cents AS currentChargesCents, b.amount_due_cents AS amountDueCents,
            b.message_codes AS messageCodesText, b.run_id AS runIdOfBill, e.effective_date AS entryDate
     FROM live b JOIN accounts a ON a.id = b.account_id JOIN customers c ON c.id = a.customer_id
     JOIN service_locations l ON l.id = a.location_id
     LEFT JOIN meter_reads cr ON cr.id = b.read_id LEFT JOIN meter_reads pr ON pr.id = b.prior_read_id
     LEFT JOIN meters m ON m.id = cr.meter_id LEFT JOIN journal_entries e ON e.id = b.journal_entry_id
     ORDER BY l.route, l.sequence, a.account_number, b.id`,
  ),
  lines: db.prepare<{ runId: number }, { billId: number; description: string; amountCents: number }>(
    `${LIVE_BILLS_CTE}
     SELECT x.bill_id AS billId, x.description, x.amount_cents AS amountCents FROM bill_lines x JOIN live ON live.id = x.bill_id
     ORDER BY x.bill_id, x.line_no`,
  ),
  /** The run as computed, less its bills cancelled since, plus the rebills that replaced them. */
  expected: db.prepare<{ runId: number }, { recordCount: number; currentChargesCents: number }>(
    `${LIVE_BILLS_CTE}
     SELECT r.bill_count - (SELECT count(*) FROM bills WHERE run_id = r.id AND status = 'cancelled')
              + (SELECT count(*) FROM live WHERE run_id IS NULL) AS recordCount,
            r.total_cents - (SELECT ifnull(sum(total_cents), 0) FROM bills WHERE run_id = r.id AND status = 'cancelled')
              + (SELECT ifnull(sum(total_cents), 0) FROM live WHERE run_id IS NULL) AS currentChargesCents
     FROM bill_runs r WHERE r.id = @runId`,
  ),
  /** What the ledger says the live bills charged: their receivable lines. */
  ledgerCharges: db.prepare<{ runId: number; receivable: string }, number>(
    `${LIVE_BILLS_CTE}
     SELECT ifnull(sum(j.amount_cents), 0) FROM journal_lines j JOIN live ON live.journal_entry_id = j.entry_id WHERE j.gl_code = @receivable`,
  ).pluck(),
  amountDue: db.prepare<{ runId: number }, number>(`${LIVE_BILLS_CTE} SELECT ifnull(sum(amount_due_cents), 0) FROM live`).pluck(),
}));

const mailingName = (row: RecordRow): string =>
  row.customerKind === 'business' ? row.businessName : [row.firstName, row.lastName].filter((part) => part !== '').join(' ');

/** The unit as the street line carries it: "Apt 5 A" as written, a bare "5A" as "#5A". */
export const unitLabel = (unit: string): string => (unit === '' ? '' : /^[A-Za-z]{2,}/.test(unit) || unit.startsWith('#') ? unit : `#${unit}`);

const serviceStreet = (row: RecordRow): string => (row.unit === '' ? row.street : `${row.street} ${unitLabel(row.unit)}`);

/** Days between two ISO dates. */
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

const addDays = (isoDate: string, days: number): string => new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A rebill has no run of its own: it is dated the day its entry took effect and keeps the run's due
 * date, unless that has passed, when it gets the run's terms (due date − bill date) from its own date.
 */
export function rebillDates(entryDate: string, run: { billDate: string; dueDate: string }): { billDate: string; dueDate: string } {
  return { billDate: entryDate, dueDate: entryDate < run.dueDate ? run.dueDate : addDays(entryDate, daysBetween(run.billDate, run.dueDate)) };
}

function datesOf(row: RecordRow, run: PrintRun): { billDate: string; dueDate: string } {
  if (row.runIdOfBill === run.runId || row.entryDate === null) return { billDate: run.billDate, dueDate: run.dueDate };
  return rebillDates(row.entryDate, run);
}

/** A bill outside any run and replacing none (a final bill at move-out) is due this many days after its date. */
export const STANDALONE_BILL_TERMS_DAYS = 20;

/** The dates of a bill outside a run: a standalone one gets the standard terms from its own date. */
export const standaloneBillDates = (entryDate: string) => ({ billDate: entryDate, dueDate: addDays(entryDate, STANDALONE_BILL_TERMS_DAYS) });

/** The posted run, or a refusal that says what to do. */
export function postedRun(db: Sqlite, runId: number): PrintRun {
  const run = getRunRow(db, runId);
  if (run.status !== 'posted') {
    throw new OfficeError('CONFLICT', `Run ${runId} is ${run.status}; only a posted run goes to the print vendor (approve and post it first)`, 'runId');
  }
  return { runId: run.runId, cycle: run.cycle, period: run.period, billDate: run.billDate, dueDate: run.dueDate };
}

/** Every live bill of a posted run, in route and sequence order, with its lines. */
export function loadPrintRecords(db: Sqlite, run: PrintRun): PrintRecord[] {
  const linesByBill = new Map<number, PrintLine[]>();
  for (const line of statements(db).lines.all({ runId: run.runId })) {
    const list = linesByBill.get(line.billId) ?? [];
    list.push({ description: line.description, amountCents: line.amountCents });
    linesByBill.set(line.billId, list);
  }
  return statements(db).records.all({ runId: run.runId }).map((row) => {
    const { customerKind, firstName, lastName, businessName, street, unit, messageCodesText, runIdOfBill, entryDate, meterUnit, meterMultiplier, meterDials, sameMeterFlag, ...rest } = row;
    const messageCodes = messageCodesText.split(',').filter(Boolean) as BillMessageCode[];
    if (rest.amountDueCents !== rest.previousBalanceCents + rest.currentChargesCents) assertInvariant(false, `bill ${row.billId}: amount due ≠ previous balance + current charges`);
    return {
      ...rest,
      mailingName: mailingName(row),
      serviceStreet: serviceStreet(row),
      serviceUnit: unitLabel(unit),
      register: meterUnit === null || meterMultiplier === null || meterDials === null ? null : { unit: meterUnit, multiplier: meterMultiplier, dials: meterDials },
      sameMeter: sameMeterFlag === 1,
      ...datesOf(row, run),
      messageCodes,
      suppressReturnEnvelope: messageCodes.includes('AUTOPAY'),
      lines: linesByBill.get(row.billId) ?? [],
    };
  });
}

/** The totals a file of this run must carry, from the run, the ledger and the bills. */
export function expectedTotals(db: Sqlite, run: PrintRun): ControlTotals & { ledgerChargesCents: number } {
  const expected = statements(db).expected.get({ runId: run.runId })!;
  return {
    recordCount: expected.recordCount,
    currentChargesCents: expected.currentChargesCents,
    amountDueCents: statements(db).amountDue.get({ runId: run.runId })!,
    ledgerChargesCents: statements(db).ledgerCharges.get({ runId: run.runId, receivable: GL.accountsReceivable })!,
  };
}
