/**
 * The end-of-day report of one business date, and its finalising. The balance assertions:
 * 1. payment register = receipt register (what receipts took = what they put on accounts);
 * 2. receipt register = the receivable credits of those payments' journal entries;
 * 3. every drawer of the day is closed and deposited (or closed with nothing to deposit);
 * 4. drawer payments = deposit + card + short − over (per drawer, then in total).
 * The report is data (the PDF is the renderer's); finalising refuses while any assertion fails
 * and says where, and a finalised day is stored unchanged, with the audit chain's head sealed
 * into it (core/audit/seal.ts).
 */
import type { CashDay, DrawerStatus, EndOfDayAssertion, EndOfDayReport, TenderKind } from '../../../src-shared/contract/payments';
import { TENDER_KINDS } from '../../../src-shared/contract/payments';
import { formatCents } from '../../../src-shared/money';
import type { AuditSeal } from '../../../src-shared/contract/system';
import { sealAuditHead } from '../audit/seal';
import { OfficeError } from '../errors';
import { GL } from '../ledger/chart';
import type { Sqlite } from '../storage/database';
import type { Actor } from './actor';
import { drawerDeposit } from './deposits';
import { closedWithNothingToDeposit } from './drawer';

interface DrawerDayRow {
  drawerId: number;
  clerk: string;
  workstation: string;
  status: DrawerStatus;
  overShortCents: number | null;
  overShortReason: string | null;
  depositId: number | null;
  floatCents: number;
  countedCashCents: number | null;
  countedItemsCents: number | null;
  paymentCount: number;
  paymentCents: number;
  cardCents: number;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

function drawersOf(db: Sqlite, date: string): DrawerDayRow[] {
  return db
    .prepare(
      `SELECT d.id AS drawerId, u.display_name AS clerk, d.workstation, d.status, d.over_short_cents AS overShortCents,
              d.over_short_reason AS overShortReason, d.deposit_id AS depositId,
              d.float_cents AS floatCents, d.counted_cash_cents AS countedCashCents, d.counted_items_cents AS countedItemsCents,
              (SELECT COUNT(*) FROM payments p WHERE p.business_date = d.business_date AND p.drawer_id = d.id AND p.status <> 'voided') AS paymentCount,
              (SELECT COALESCE(SUM(p.payment_cents), 0) FROM payments p WHERE p.business_date = d.business_date AND p.drawer_id = d.id AND p.status <> 'voided') AS paymentCents,
              (SELECT COALESCE(SUM(t.amount_cents), 0) FROM payment_tenders t JOIN payments p ON p.id = t.payment_id
                WHERE p.business_date = d.business_date AND p.drawer_id = d.id AND p.status <> 'voided' AND t.kind = 'card') AS cardCents
       FROM drawer_sessions d JOIN users u ON u.id = d.clerk_user_id WHERE d.business_date = ? ORDER BY d.id`,
    )
    .all(date) as DrawerDayRow[];
}

function byTender(db: Sqlite, date: string): EndOfDayReport['byTender'] {
  const rows = db
    .prepare(
      `SELECT t.kind, COUNT(*) AS count, SUM(t.amount_cents) AS amountCents FROM payment_tenders t JOIN payments p ON p.id = t.payment_id
       WHERE p.business_date = ? AND p.status <> 'voided' GROUP BY t.kind`,
    )
    .all(date) as { kind: TenderKind; count: number; amountCents: number }[];
  return TENDER_KINDS.map((tender) => {
    const row = rows.find((candidate) => candidate.kind === tender);
    return { tender, count: row?.count ?? 0, amountCents: row?.amountCents ?? 0 };
  });
}

/**
 * Every journal entry effective on @date: a payment's through its payment (same business day;
 * the date index leaves payments' entries out, migration 0013), any other by the date index.
 */
const DAY_ENTRY_IDS = `
  SELECT e.id FROM journal_entries e WHERE e.effective_date = @date AND e.kind <> 'payment'
  UNION ALL
  SELECT p.journal_entry_id FROM payments p WHERE p.business_date = @date`;

function postingsByGl(db: Sqlite, date: string): EndOfDayReport['postingsByGl'] {
  return db
    .prepare(
      `SELECT l.gl_code AS glCode, g.name AS glName, SUM(CASE WHEN l.amount_cents > 0 THEN l.amount_cents ELSE 0 END) AS debitCents,
              -SUM(CASE WHEN l.amount_cents < 0 THEN l.amount_cents ELSE 0 END) AS creditCents, SUM(l.amount_cents) AS netCents
       FROM (${DAY_ENTRY_IDS}) d JOIN journal_lines l ON l.entry_id = d.id JOIN gl_accounts g ON g.code = l.gl_code
       GROUP BY l.gl_code ORDER BY l.gl_code`,
    )
    .all({ date }) as EndOfDayReport['postingsByGl'];
}

function registers(db: Sqlite, date: string): { payment: number; receipt: number; ledger: number } {
  const payment = db.prepare("SELECT COALESCE(SUM(payment_cents), 0) FROM payments WHERE business_date = ? AND status <> 'voided'").pluck().get(date) as number;
  const receipt = db
    .prepare("SELECT COALESCE(SUM(pa.amount_cents), 0) FROM payment_accounts pa JOIN payments p ON p.id = pa.payment_id WHERE p.business_date = ? AND p.status <> 'voided'")
    .pluck()
    .get(date) as number;
  const ledger = db
    .prepare(
      `SELECT COALESCE(-SUM(l.amount_cents), 0) FROM journal_lines l JOIN payments p ON p.journal_entry_id = l.entry_id
       WHERE p.business_date = ? AND p.status <> 'voided' AND l.gl_code = ?`,
    )
    .pluck()
    .get(date, GL.accountsReceivable) as number;
  return { payment, receipt, ledger };
}

const assertion = (name: string, leftCents: number, rightCents: number, detail: string, ok = leftCents === rightCents): EndOfDayAssertion => ({
  name,
  ok,
  leftCents,
  rightCents,
  detail: ok ? '' : detail,
});

/** Per drawer: what it should have sent to the bank (payments − card + over/short) vs what it did. */
function drawerAssertions(db: Sqlite, drawers: readonly DrawerDayRow[]): EndOfDayAssertion[] {
  // A drawer closed with nothing for the bank is settled: no deposit can (or need) be made of it.
  const notDone = drawers.filter((drawer) => drawer.status !== 'deposited' && !closedWithNothingToDeposit(drawer));
  const settled = assertion(
    'Every drawer closed and deposited',
    drawers.length - notDone.length,
    drawers.length,
    notDone.map((drawer) => `drawer ${drawer.drawerId} (${drawer.clerk}, ${drawer.workstation}) is ${drawer.status === 'open' ? 'still open' : 'closed but not deposited'}`).join('; '),
  );
  const deposited = drawers.map((drawer) => {
    if (drawer.status !== 'deposited') return 0;
    const part = drawerDeposit(db, drawer.drawerId);
    return part.currencyCents + part.coinCents + sum(part.items.map((item) => item.amountCents));
  });
  const expected = drawers.map((drawer) => drawer.paymentCents - drawer.cardCents + (drawer.overShortCents ?? 0));
  const differing = drawers
    .map((drawer, index) => ({ drawer, expected: expected[index] as number, deposited: deposited[index] as number }))
    .filter((entry) => entry.expected !== entry.deposited)
    .map((entry) => `drawer ${entry.drawer.drawerId} (${entry.drawer.clerk}): payments ${formatCents(entry.drawer.paymentCents)} − card ${formatCents(entry.drawer.cardCents)} ${(entry.drawer.overShortCents ?? 0) < 0 ? '− short' : '+ over'} ${formatCents(Math.abs(entry.drawer.overShortCents ?? 0))} = ${formatCents(entry.expected)}, deposited ${formatCents(entry.deposited)}`);
  const paymentsTotal = sum(drawers.map((drawer) => drawer.paymentCents));
  const rightTotal = sum(deposited) + sum(drawers.map((drawer) => drawer.cardCents)) - sum(drawers.map((drawer) => drawer.overShortCents ?? 0));
  return [settled, assertion('Drawer payments = deposit + card + short − over', paymentsTotal, rightTotal, differing.join('; '), differing.length === 0 && paymentsTotal === rightTotal)];
}

export function endOfDayReport(db: Sqlite, date: string): EndOfDayReport {
  const drawers = drawersOf(db, date);
  const registersOfDay = registers(db, date);
  const assertions = [
    assertion('Payment register = receipt register', registersOfDay.payment, registersOfDay.receipt, `payments total ${formatCents(registersOfDay.payment)} but receipts put ${formatCents(registersOfDay.receipt)} on accounts`),
    assertion('Receipt register = receivable credits in the ledger', registersOfDay.receipt, registersOfDay.ledger, `receipts ${formatCents(registersOfDay.receipt)}, the journal credited receivable ${formatCents(registersOfDay.ledger)} for them`),
    ...drawerAssertions(db, drawers),
  ];
  const finalisedRow = db
    .prepare(
      `SELECT r.finalised_at AS at, u.display_name AS by, json_extract(r.report_json, '$.auditSeal') AS sealJson
       FROM end_of_day_reports r JOIN users u ON u.id = r.finalised_by_user_id WHERE r.business_date = ?`,
    )
    .get(date) as { at: string; by: string; sealJson: string | null } | undefined;
  const finalised = finalisedRow && { at: finalisedRow.at, by: finalisedRow.by, auditSeal: finalisedRow.sealJson === null ? null : (JSON.parse(finalisedRow.sealJson) as AuditSeal) };
  return {
    businessDate: date,
    byTender: byTender(db, date),
    changeCents: db.prepare("SELECT COALESCE(SUM(change_cents), 0) FROM payments WHERE business_date = ? AND status <> 'voided'").pluck().get(date) as number,
    byDrawer: drawers.map(({ drawerId, clerk, workstation, status, paymentCount, paymentCents, overShortCents, overShortReason, depositId, ...count }) => ({
      drawerId, clerk, workstation, status, paymentCount, paymentCents, overShortCents, overShortReason, depositId,
      nothingToDeposit: closedWithNothingToDeposit({ status, ...count }),
    })),
    byBatch: db
      .prepare(
        `SELECT b.id AS batchId, b.channel, b.status, b.control_count AS controlCount, b.control_total_cents AS controlTotalCents,
                (SELECT COUNT(*) FROM payments p WHERE p.batch_id = b.id AND p.status <> 'voided') AS entryCount,
                (SELECT COALESCE(SUM(p.amount_cents), 0) FROM payments p WHERE p.batch_id = b.id AND p.status <> 'voided') AS entryTotalCents
         FROM payment_batches b JOIN drawer_sessions d ON d.id = b.drawer_id WHERE d.business_date = ? ORDER BY b.id`,
      )
      .all(date) as EndOfDayReport['byBatch'],
    lockbox: db.prepare('SELECT id AS importId, file_name AS fileName, item_count AS itemCount, total_cents AS totalCents FROM lockbox_imports WHERE business_date = ? ORDER BY id').all(date) as EndOfDayReport['lockbox'],
    voids: db
      .prepare(
        `SELECT p.receipt_number AS receiptNumber, p.payment_cents AS amountCents, p.void_reason AS reason, vu.display_name AS by, va.display_name AS approvedBy
         FROM payments p JOIN users vu ON vu.id = p.voided_by_user_id LEFT JOIN users va ON va.id = p.void_approved_by_user_id
         WHERE p.business_date = ? AND p.status = 'voided' ORDER BY p.id`,
      )
      .all(date) as EndOfDayReport['voids'],
    returnedChecks: db
      .prepare(
        `SELECT p.receipt_number AS receiptNumber, p.payment_cents AS amountCents, p.return_fee_cents AS feeCents, p.return_reason AS reason
         FROM payments p JOIN journal_entries e ON e.id = p.return_entry_id WHERE e.effective_date = ? AND e.kind <> 'payment' ORDER BY p.id`,
      )
      .all(date) as EndOfDayReport['returnedChecks'],
    overShortCents: sum(drawers.map((drawer) => drawer.overShortCents ?? 0)),
    deposits: db
      .prepare('SELECT id AS depositId, total_cents AS totalCents, currency_cents AS currencyCents, coin_cents AS coinCents, items_cents AS itemsCents FROM deposits WHERE business_date = ? ORDER BY id')
      .all(date) as EndOfDayReport['deposits'],
    postingsByGl: postingsByGl(db, date),
    paymentRegisterCents: registersOfDay.payment,
    receiptRegisterCents: registersOfDay.receipt,
    assertions,
    balanced: assertions.every((line) => line.ok),
    finalised: finalised ?? null,
  };
}

export function isFinalised(db: Sqlite, date: string): boolean {
  return db.prepare('SELECT 1 FROM end_of_day_reports WHERE business_date = ?').get(date) !== undefined;
}

/** endOfDay.finalise: stores the report, only when every assertion holds; says which fail otherwise. */
export function finaliseEndOfDay(db: Sqlite, actor: Actor, date: string): EndOfDayReport {
  if (date > actor.today) throw new OfficeError('INVALID_INPUT', `businessDate: ${date} has not happened yet`, 'businessDate');
  if (isFinalised(db, date)) throw new OfficeError('CONFLICT', `The end of day of ${date} is already finalised`, 'businessDate');
  const report = endOfDayReport(db, date);
  const failing = report.assertions.filter((line) => !line.ok);
  if (failing.length > 0) {
    throw new OfficeError('CONFLICT', `The end of day of ${date} does not balance and was not finalised: ${failing.map((line) => `${line.name}: ${line.detail}`).join('. ')}.`, 'businessDate');
  }
  // The audit chain's head, sealed with the office's key: printed on the report and checked by
  // verify, so audit records deleted afterwards from before this moment are found.
  const auditSeal = sealAuditHead(db, `end of day ${date}`, actor.nowIso);
  db.prepare('INSERT INTO end_of_day_reports (business_date, finalised_at, finalised_by_user_id, report_json) VALUES (?, ?, ?, ?)').run(
    date,
    actor.nowIso,
    actor.userId,
    JSON.stringify({ ...report, auditSeal }),
  );
  return endOfDayReport(db, date);
}

/** endOfDay.days: the latest business days that have drawers, deposits or a finalised report. */
export function listCashDays(db: Sqlite, limit: number): CashDay[] {
  const days = db
    .prepare<[number], { businessDate: string; drawerCount: number; finalisedAt: string | null; finalisedBy: string | null }>(
      `SELECT d.business_date AS businessDate,
              (SELECT COUNT(*) FROM drawer_sessions s WHERE s.business_date = d.business_date) AS drawerCount,
              r.finalised_at AS finalisedAt, u.display_name AS finalisedBy
       FROM (SELECT business_date FROM drawer_sessions UNION SELECT business_date FROM deposits UNION SELECT business_date FROM end_of_day_reports) d
       LEFT JOIN end_of_day_reports r ON r.business_date = d.business_date
       LEFT JOIN users u ON u.id = r.finalised_by_user_id
       ORDER BY d.business_date DESC LIMIT ?`,
    )
    .all(limit);
  const depositsOf = db.prepare<[string], CashDay['deposits'][number]>(
    'SELECT id AS depositId, total_cents AS totalCents, created_at AS createdAt FROM deposits WHERE business_date = ? ORDER BY id',
  );
  return days.map((day) => ({
    businessDate: day.businessDate,
    drawerCount: day.drawerCount,
    finalised: day.finalisedAt === null ? null : { at: day.finalisedAt, by: day.finalisedBy ?? '' },
    deposits: depositsOf.all(day.businessDate),
  }));
}
