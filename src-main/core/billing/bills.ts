/**
 * One bill as the counter explains it (every line's arithmetic), an account's bills, holds, and
 * cancel/rebill: a posted bill is never edited — its journal entry is reversed (with a reason and
 * a supervisor's approval) and, when asked, a new bill is computed from the current reads and
 * posted in the same transaction, pointing back to the one it replaces.
 */
import type { BillListRow, BillMessageCode, BillView } from '../../../src-shared/contract/billing';
import type { MeterUnit } from '../../../src-shared/contract/accounts';
import type { BillLine, ComputedBill, LineExplanation } from '../../../src-shared/contract/rates';
import { displayName, formatServiceAddress } from '../accounts/format';
import { perConnection } from '../storage/prepared';
import { OfficeError, notFound } from '../errors';
import { derivedUuid } from '../hashing';
import { reverseEntry } from '../ledger/journal';
import type { Sqlite } from '../storage/database';
import { decide } from './draft';
import { loadCycleFacts } from './facts';
import { currentRates, ratesVersion } from './rate-store';
import { scheduleOn } from '../rates/book';
import { dayNumber } from '../rates/dates';
import { rebillDates, standaloneBillDates } from './print/records';
import { toBillRow } from './review';
import { registerUseNote } from './usage-note';
import { postBill, storeBill, type Actor } from './runs';

interface BillRow {
  billId: number;
  runId: number | null;
  accountId: number;
  accountNumber: string;
  customerKind: 'person' | 'business';
  firstName: string;
  lastName: string;
  businessName: string;
  street: string;
  unit: string;
  city: string;
  cycle: number;
  kind: BillView['kind'];
  status: BillView['status'];
  period: string;
  fromDate: string;
  toDate: string;
  periodDays: number;
  usageHcf: string;
  estimated: number;
  totalCents: number;
  previousBalanceCents: number;
  amountDueCents: number;
  messageCodes: string;
  summary: string;
  journalEntryId: string | null;
  rateBookId: number;
  billDate: string | null;
  dueDate: string | null;
  entryDate: string;
  reading: string | null;
  readDate: string | null;
  priorReading: string | null;
  priorReadDate: string | null;
  meterSerial: string | null;
  meterUnit: MeterUnit | null;
  meterMultiplier: string | null;
  meterDials: number | null;
  cancelledAt: string | null;
  cancelledBy: string | null;
  cancelReason: string | null;
  cancelEntryId: string | null;
  replacesBillId: number | null;
  replacedByBillId: number | null;
}

interface LineRow {
  kind: BillLine['kind'];
  service: BillLine['service'];
  rateClass: BillLine['rateClass'];
  glCode: BillLine['glCode'];
  description: string;
  amountCents: number;
  fromDate: string;
  toDate: string;
  explanationJson: string;
}

const statements = perConnection((db: Sqlite) => ({
  bill: db.prepare<[number], BillRow>(
    `SELECT b.id AS billId, b.run_id AS runId, b.account_id AS accountId, a.account_number AS accountNumber, c.kind AS customerKind,
            c.first_name AS firstName, c.last_name AS lastName, c.business_name AS businessName, l.street, l.unit, l.city, l.cycle,
            b.kind, b.status, b.period, b.from_date AS fromDate, b.to_date AS toDate, b.period_days AS periodDays, b.usage_hcf AS usageHcf,
            b.estimated, b.total_cents AS totalCents, b.previous_balance_cents AS previousBalanceCents, b.amount_due_cents AS amountDueCents,
            b.message_codes AS messageCodes, b.summary, b.journal_entry_id AS journalEntryId, b.rate_book_id AS rateBookId,
            r.bill_date AS billDate, r.due_date AS dueDate, COALESCE(je.effective_date, substr(b.created_at, 1, 10)) AS entryDate,
            COALESCE(cr.reading_text, CAST(cr.reading AS TEXT)) AS reading, cr.read_date AS readDate,
            COALESCE(pr.reading_text, CAST(pr.reading AS TEXT)) AS priorReading, pr.read_date AS priorReadDate,
            m.serial AS meterSerial, m.unit AS meterUnit, m.multiplier AS meterMultiplier, m.dials AS meterDials, b.cancelled_at AS cancelledAt, xu.display_name AS cancelledBy, b.cancel_reason AS cancelReason,
            b.cancel_entry_id AS cancelEntryId, b.replaces_bill_id AS replacesBillId,
            (SELECT n.id FROM bills n WHERE n.replaces_bill_id = b.id ORDER BY n.id DESC LIMIT 1) AS replacedByBillId
     FROM bills b JOIN accounts a ON a.id = b.account_id JOIN customers c ON c.id = a.customer_id JOIN service_locations l ON l.id = a.location_id
     LEFT JOIN bill_runs r ON r.id = b.run_id LEFT JOIN meter_reads cr ON cr.id = b.read_id LEFT JOIN meter_reads pr ON pr.id = b.prior_read_id
     LEFT JOIN meters m ON m.id = cr.meter_id LEFT JOIN users xu ON xu.id = b.cancelled_by_user_id
     LEFT JOIN journal_entries je ON je.id = b.journal_entry_id
     WHERE b.id = ?`,
  ),
  lines: db.prepare<[number], LineRow>(
    `SELECT kind, service, rate_class AS rateClass, gl_code AS glCode, description, amount_cents AS amountCents, from_date AS fromDate,
            to_date AS toDate, e.explanation_json AS explanationJson
     FROM bill_lines l JOIN bill_line_explanations e ON e.id = l.explanation_id WHERE l.bill_id = ? ORDER BY l.line_no`,
  ),
  accountBills: db.prepare<[number], Parameters<typeof toBillRow>[0]>(
    `SELECT b.id AS billId, b.account_id AS accountId, a.account_number AS accountNumber, c.kind AS customerKind, c.first_name AS firstName,
            c.last_name AS lastName, c.business_name AS businessName, b.kind, b.period, b.from_date AS fromDate, b.to_date AS toDate, b.usage_hcf AS usageHcf, b.estimated, b.total_cents AS totalCents, b.status
     FROM bills b JOIN accounts a ON a.id = b.account_id JOIN customers c ON c.id = a.customer_id
     WHERE b.account_id = ? AND b.status <> 'draft' ORDER BY b.to_date DESC, b.id DESC LIMIT 120`,
  ),
  cancel: db.prepare(
    `UPDATE bills SET status = 'cancelled', cancelled_at = @at, cancelled_by_user_id = @userId, cancel_reason = @reason, cancel_entry_id = @entryId WHERE id = @billId`,
  ),
  origin: db.prepare<[number], { replacesBillId: number | null; billDate: string | null; dueDate: string | null }>(
    `SELECT b.replaces_bill_id AS replacesBillId, r.bill_date AS billDate, r.due_date AS dueDate FROM bills b LEFT JOIN bill_runs r ON r.id = b.run_id WHERE b.id = ?`,
  ),
  setHold: db.prepare<[string | null, number]>('UPDATE accounts SET bill_hold_reason = ? WHERE id = ?'),
  accountExists: db.prepare<[number], number>('SELECT id FROM accounts WHERE id = ?').pluck(),
}));

/** What a line stored before its explanation named its schedule and estimate falls back on. */
interface LineFallback {
  scheduleOn: (date: string) => string;
  billEstimated: boolean;
}

function toLine(row: LineRow, fallback: LineFallback): BillLine {
  const explanation = JSON.parse(row.explanationJson) as LineExplanation;
  return {
    kind: row.kind,
    service: row.service,
    serviceId: null,
    rateClass: row.rateClass,
    description: row.description,
    glCode: row.glCode,
    amountCents: row.amountCents,
    fromDate: row.fromDate,
    toDate: row.toDate,
    scheduleEffectiveFrom: explanation.scheduleEffectiveFrom ?? fallback.scheduleOn(row.fromDate),
    estimated: explanation.estimated ?? (fallback.billEstimated && row.kind === 'usage'),
    explanation,
  };
}

/**
 * The bill's date and due date: its run's; for a rebill, those of the run of the bill it replaces
 * (rebillDates); for a bill outside any run (a final bill), the standard terms from its own date.
 */
function datesOfBill(db: Sqlite, row: BillRow): { billDate: string; dueDate: string } {
  if (row.billDate !== null && row.dueDate !== null) return { billDate: row.billDate, dueDate: row.dueDate };
  let replaced = row.replacesBillId;
  for (let step = 0; replaced !== null && step < 50; step += 1) {
    const origin = statements(db).origin.get(replaced);
    if (!origin) break;
    if (origin.billDate !== null && origin.dueDate !== null) return rebillDates(row.entryDate, { billDate: origin.billDate, dueDate: origin.dueDate });
    replaced = origin.replacesBillId;
  }
  return standaloneBillDates(row.entryDate);
}

/** How a gallon (or cubic-foot) register's figure became the HCF billed; null for HCF registers. */
function usageNoteOf(row: BillRow): string | null {
  if (row.meterUnit === null || row.meterMultiplier === null || row.meterDials === null || row.reading === null || row.priorReading === null) return null;
  return registerUseNote({
    unit: row.meterUnit,
    multiplier: row.meterMultiplier,
    dials: row.meterDials,
    priorReading: row.priorReading,
    reading: row.reading,
    usageHcf: row.usageHcf,
  });
}

export function getBillView(db: Sqlite, billId: number): BillView {
  const row = statements(db).bill.get(billId);
  if (!row) throw notFound(`Bill ${billId}`, 'billId');
  const fallback: LineFallback = {
    scheduleOn: (date) => scheduleOn(ratesVersion(db, row.rateBookId).book, dayNumber(date)).effectiveFrom,
    billEstimated: row.estimated === 1,
  };
  const lines = statements(db).lines.all(billId).map((line) => toLine(line, fallback));
  const computed: ComputedBill = {
    fromDate: row.fromDate,
    toDate: row.toDate,
    periodDays: row.periodDays,
    usageHcf: row.usageHcf,
    estimated: row.estimated === 1,
    lines,
    totalCents: row.totalCents,
    rounding: lines[0]?.explanation.rounding ?? 'half-up',
    summary: row.summary,
  };
  return {
    billId: row.billId,
    runId: row.runId,
    accountId: row.accountId,
    accountNumber: row.accountNumber,
    customerName: displayName({ kind: row.customerKind, firstName: row.firstName, lastName: row.lastName, businessName: row.businessName }),
    serviceAddress: formatServiceAddress(row),
    kind: row.kind,
    status: row.status,
    period: row.period,
    ...datesOfBill(db, row),
    priorReading: row.priorReading,
    priorReadDate: row.priorReadDate,
    reading: row.reading,
    readDate: row.readDate,
    meterSerial: row.meterSerial,
    usageNote: usageNoteOf(row),
    previousBalanceCents: row.previousBalanceCents,
    amountDueCents: row.amountDueCents,
    messageCodes: row.messageCodes.split(',').filter(Boolean) as BillMessageCode[],
    computed,
    journalEntryId: row.journalEntryId,
    cancelled: row.cancelledAt === null ? null : { at: row.cancelledAt, by: row.cancelledBy ?? '', reason: row.cancelReason ?? '', entryId: row.cancelEntryId },
    replacesBillId: row.replacesBillId,
    replacedByBillId: row.replacedByBillId,
    rateBookId: row.rateBookId,
  };
}

export function accountBills(db: Sqlite, accountId: number): BillListRow[] {
  return statements(db).accountBills.all(accountId).map(toBillRow);
}

export function setBillHold(db: Sqlite, accountId: number, reason: string | null): { accountId: number; billHoldReason: string | null } {
  if (statements(db).accountExists.get(accountId) === undefined) throw notFound(`Account ${accountId}`, 'accountId');
  const billHoldReason = reason === null || reason.trim() === '' ? null : reason.trim();
  statements(db).setHold.run(billHoldReason, accountId);
  return { accountId, billHoldReason };
}

/**
 * Cancels a posted bill by reversing its entry and, when asked, rebills the same period from the
 * reads as they are now. Returns the rebill, or the cancelled bill when there is none.
 */
export function cancelBill(
  db: Sqlite,
  actor: Actor & { today: string; approvedByUserId: number | null },
  input: { billId: number; reason: string; rebill: boolean },
): number {
  const bill = getBillView(db, input.billId);
  if (bill.status !== 'posted') throw new OfficeError('CONFLICT', `Bill ${bill.billId} is ${bill.status}; only a posted bill can be cancelled`, 'billId');
  const cancelEntryId = bill.journalEntryId ? derivedUuid(`cancel-bill:${bill.billId}`) : null;
  if (bill.journalEntryId && cancelEntryId) {
    reverseEntry(db, actor.nowIso, {
      entryId: cancelEntryId, originalEntryId: bill.journalEntryId, reason: `Bill ${bill.billId} cancelled: ${input.reason}`, effectiveDate: actor.today,
      createdByUserId: actor.userId, approvedByUserId: actor.approvedByUserId,
    });
  }
  statements(db).cancel.run({ billId: bill.billId, at: actor.nowIso, userId: actor.userId, reason: input.reason, entryId: cancelEntryId });
  if (!input.rebill) return bill.billId;
  return rebill(db, actor, bill, input.reason);
}

function rebill(db: Sqlite, actor: Actor & { today: string; approvedByUserId: number | null }, bill: BillView, reason: string): number {
  const cycle = statements(db).bill.get(bill.billId)!.cycle;
  const rates = currentRates(db);
  const facts = loadCycleFacts(db, cycle, bill.period, { winterClasses: rates.winterClasses, accountId: bill.accountId })[0];
  if (!facts) throw new OfficeError('CONFLICT', `Account ${bill.accountNumber} is no longer billed in cycle ${cycle} for ${bill.period}; cancel without a rebill`, 'rebill');
  const decision = decide(facts, { cycle, period: bill.period, billDate: actor.today, rates: rates.book });
  if (!decision.bill) throw new OfficeError('CONFLICT', `The rebill cannot be computed: ${decision.reason}. Nothing was changed.`, 'rebill');
  const billId = storeBill(db, { runId: null, period: bill.period, rateBookId: rates.rateBookId }, bill.accountId, facts.balanceCents, decision.bill, actor.nowIso, bill.billId);
  postBill(db, actor, { billId, accountId: bill.accountId, totalCents: decision.bill.computed.totalCents }, {
    effectiveDate: actor.today, memo: `Rebill ${billId} of bill ${bill.billId}: ${reason}`, approvedByUserId: actor.approvedByUserId,
  });
  return billId;
}
