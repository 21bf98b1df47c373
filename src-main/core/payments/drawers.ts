/**
 * Drawer sessions in the database: open with a counted float (one open drawer per clerk), the
 * running totals from the drawer's receipts (expectDrawer), the close (reconcileDrawer; the
 * over/short posted to 6900 with a reason; the drawer locks).
 *
 * Over/short posts against the asset it concerns: cash against 1000, checks and money orders
 * against 1010, the sum to 6900 (over is a credit to 6900, short a debit). After the close the
 * drawer's share of 1000 is counted cash − float and of 1010 the counted items, which is exactly
 * what the deposit moves to deposits in transit.
 */
import type { ParsedInputOf } from '../../../src-shared/contract';
import type { DrawerReconciliationView, DrawerStatus, DrawerView } from '../../../src-shared/contract/payments';
import { perConnection } from '../storage/prepared';
import { OfficeError, notFound } from '../errors';
import { GL } from '../ledger/chart';
import { postEntry, type PostingLine } from '../ledger/journal';
import type { Sqlite } from '../storage/database';
import type { Actor } from './actor';
import { countCash, type DenominationCounts } from './denominations';
import { closedWithNothingToDeposit, expectDrawer, reconcileDrawer, type DrawerExpectation, type DrawerPayment, type DrawerReconciliation } from './drawer';
import { isFinalised } from './end-of-day';
import { tenderOf } from './receipts';

interface DrawerRow {
  id: number;
  clerkUserId: number;
  clerk: string;
  workstation: string;
  businessDate: string;
  status: DrawerStatus;
  openedAt: string;
  floatCountsJson: string;
  floatCents: number;
  floatCurrencyCents: number;
  floatCoinCents: number;
  closedAt: string | null;
  countJson: string | null;
  countedCashCents: number | null;
  countedCurrencyCents: number | null;
  countedCoinCents: number | null;
  countedItemsCents: number | null;
  reconciliationJson: string | null;
  overShortCents: number | null;
  overShortReason: string | null;
  overShortEntryId: string | null;
  depositId: number | null;
}

const DRAWER_SELECT = `
  SELECT d.id, d.clerk_user_id AS clerkUserId, u.display_name AS clerk, d.workstation, d.business_date AS businessDate, d.status,
         d.opened_at AS openedAt, d.float_counts_json AS floatCountsJson, d.float_cents AS floatCents,
         d.float_currency_cents AS floatCurrencyCents, d.float_coin_cents AS floatCoinCents, d.closed_at AS closedAt, d.count_json AS countJson,
         d.counted_cash_cents AS countedCashCents, d.counted_currency_cents AS countedCurrencyCents, d.counted_coin_cents AS countedCoinCents,
         d.counted_items_cents AS countedItemsCents, d.reconciliation_json AS reconciliationJson, d.over_short_cents AS overShortCents,
         d.over_short_reason AS overShortReason, d.over_short_entry_id AS overShortEntryId, d.deposit_id AS depositId
  FROM drawer_sessions d JOIN users u ON u.id = d.clerk_user_id`;

const statements = perConnection((db: Sqlite) => ({
  byId: db.prepare<[number], DrawerRow>(`${DRAWER_SELECT} WHERE d.id = ?`),
  openOf: db.prepare<[number], DrawerRow>(`${DRAWER_SELECT} WHERE d.clerk_user_id = ? AND d.status = 'open'`),
  insert: db.prepare(
    `INSERT INTO drawer_sessions (clerk_user_id, workstation, business_date, status, opened_at, float_counts_json, float_cents, float_currency_cents, float_coin_cents)
     VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?)`,
  ),
  openOnWorkstation: db.prepare<[string], { clerk: string }>(
    "SELECT u.display_name AS clerk FROM drawer_sessions d JOIN users u ON u.id = d.clerk_user_id WHERE d.status = 'open' AND d.workstation = ?",
  ),
  payments: db.prepare<[number], { id: number; receiptNumber: string; status: string; changeCents: number }>(
    // A drawer's payments all carry its business date: naming both lets payments_day_drawer serve.
    `SELECT p.id, p.receipt_number AS receiptNumber, p.status, p.change_cents AS changeCents FROM drawer_sessions d
     JOIN payments p ON p.business_date = d.business_date AND p.drawer_id = d.id WHERE d.id = ? ORDER BY p.id`,
  ),
  tenders: db.prepare<[number], { paymentId: number; kind: 'cash' | 'check' | 'card' | 'money_order'; amountCents: number; itemNumber: string | null; drawnOn: string | null; cardLastFour: string | null; cardAuthorization: string | null }>(
    `SELECT t.payment_id AS paymentId, t.kind, t.amount_cents AS amountCents, t.item_number AS itemNumber, t.drawn_on AS drawnOn,
            t.card_last_four AS cardLastFour, t.card_authorization AS cardAuthorization
     FROM drawer_sessions d JOIN payments p ON p.business_date = d.business_date AND p.drawer_id = d.id JOIN payment_tenders t ON t.payment_id = p.id
     WHERE d.id = ? ORDER BY t.payment_id, t.line_no`,
  ),
  openBatches: db.prepare<[number], number>("SELECT id FROM payment_batches WHERE drawer_id = ? AND status = 'open' ORDER BY id").pluck(),
  close: db.prepare(
    `UPDATE drawer_sessions SET status = 'closed', closed_at = @closedAt, closed_by_user_id = @closedBy, count_json = @countJson,
       counted_cash_cents = @countedCashCents, counted_currency_cents = @countedCurrencyCents, counted_coin_cents = @countedCoinCents,
       counted_items_cents = @countedItemsCents, reconciliation_json = @reconciliationJson, over_short_cents = @overShortCents,
       over_short_reason = @overShortReason, over_short_entry_id = @overShortEntryId
     WHERE id = @id AND status = 'open'`,
  ),
}));

/** The drawer's receipts as the pure core wants them (voided ones flagged). */
export function drawerPayments(db: Sqlite, drawerId: number): DrawerPayment[] {
  const tendersByPayment = new Map<number, ReturnType<typeof tenderOf>[]>();
  for (const row of statements(db).tenders.all(drawerId)) {
    const list = tendersByPayment.get(row.paymentId) ?? [];
    list.push(tenderOf(row));
    tendersByPayment.set(row.paymentId, list);
  }
  return statements(db).payments.all(drawerId).map((payment) => ({
    receiptNumber: payment.receiptNumber,
    voided: payment.status === 'voided',
    tenders: tendersByPayment.get(payment.id) ?? [],
    changeCents: payment.changeCents,
  }));
}

export function drawerExpectation(db: Sqlite, row: Pick<DrawerRow, 'id' | 'floatCents'>): DrawerExpectation {
  return expectDrawer(row.floatCents, drawerPayments(db, row.id));
}

function reconciliationView(reconciliation: DrawerReconciliation): DrawerReconciliationView {
  return {
    countedCashCents: reconciliation.cash.totalCents,
    countedCurrencyCents: reconciliation.cash.currencyCents,
    countedCoinCents: reconciliation.cash.coinCents,
    comparisons: reconciliation.comparisons,
    missingItems: reconciliation.items.missing.map((item) => ({ kind: item.kind, number: item.number, amountCents: item.amountCents, receiptNumber: item.receiptNumber })),
    unexpectedItems: reconciliation.items.unexpected.map((item) => ({ kind: item.kind, number: item.number, amountCents: item.amountCents })),
    overShortCents: reconciliation.overShortCents,
    cardDifferenceCents: reconciliation.cardDifferenceCents,
    balanced: reconciliation.balanced,
    findings: reconciliation.findings,
  };
}

function viewOf(db: Sqlite, row: DrawerRow): DrawerView {
  const expectation = drawerExpectation(db, row);
  return {
    drawerId: row.id,
    clerkUserId: row.clerkUserId,
    clerk: row.clerk,
    workstation: row.workstation,
    businessDate: row.businessDate,
    status: row.status,
    openedAt: row.openedAt,
    floatCounts: JSON.parse(row.floatCountsJson) as DenominationCounts,
    closedAt: row.closedAt,
    totals: {
      openingFloatCents: expectation.openingFloatCents,
      cashInCents: expectation.cashInCents,
      changeOutCents: expectation.changeOutCents,
      expectedCashCents: expectation.cashCents,
      checkCents: expectation.checkCents,
      moneyOrderCents: expectation.moneyOrderCents,
      cardCents: expectation.cardCents,
      paymentCount: expectation.paymentCount,
      voidedCount: expectation.voidedCount,
    },
    reconciliation: row.reconciliationJson === null ? null : (JSON.parse(row.reconciliationJson) as DrawerReconciliationView),
    overShortReason: row.overShortReason,
    overShortEntryId: row.overShortEntryId,
    depositId: row.depositId,
    nothingToDeposit: closedWithNothingToDeposit(row),
    openBatchIds: statements(db).openBatches.all(row.id),
  };
}

export function requireDrawerRow(db: Sqlite, drawerId: number): DrawerRow {
  const row = statements(db).byId.get(drawerId);
  if (!row) throw notFound(`Drawer ${drawerId}`, 'drawerId');
  return row;
}

/** A clerk sees their own drawers; a supervisor (and technician, for the back office) every drawer. */
export function requireVisibleDrawer(db: Sqlite, drawerId: number, viewer: { userId: number; seesAll: boolean }): DrawerRow {
  const row = requireDrawerRow(db, drawerId);
  if (!viewer.seesAll && row.clerkUserId !== viewer.userId) throw new OfficeError('FORBIDDEN', `Drawer ${drawerId} is another clerk's; ask a supervisor`, 'drawerId');
  return row;
}

export function getDrawer(db: Sqlite, drawerId: number, viewer: { userId: number; seesAll: boolean }): DrawerView {
  return viewOf(db, requireVisibleDrawer(db, drawerId, viewer));
}

export function currentDrawer(db: Sqlite, userId: number): DrawerView | null {
  const row = statements(db).openOf.get(userId);
  return row ? viewOf(db, row) : null;
}

export function listDrawers(db: Sqlite, filter: ParsedInputOf<'drawer.list'>, viewer: { userId: number; seesAll: boolean }): DrawerView[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.status !== 'all') (where.push('d.status = ?'), params.push(filter.status));
  if (filter.businessDate) (where.push('d.business_date = ?'), params.push(filter.businessDate));
  if (!viewer.seesAll) (where.push('d.clerk_user_id = ?'), params.push(viewer.userId));
  const clause = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
  const rows = db.prepare(`${DRAWER_SELECT} ${clause} ORDER BY d.business_date DESC, d.id LIMIT 500`).all(...params) as DrawerRow[];
  return rows.map((row) => viewOf(db, row));
}

export function openDrawer(db: Sqlite, actor: Actor, input: ParsedInputOf<'drawer.open'>): DrawerView {
  const existing = statements(db).openOf.get(actor.userId);
  if (existing) {
    throw new OfficeError('CONFLICT', `You already have drawer ${existing.id} open at ${existing.workstation} (${existing.businessDate}); close it before opening another`);
  }
  if (isFinalised(db, actor.today)) throw new OfficeError('CONFLICT', `The end of day of ${actor.today} is finalised: no more drawers can open that day`);
  const other = statements(db).openOnWorkstation.get(input.workstation);
  if (other) throw new OfficeError('CONFLICT', `${other.clerk} has a drawer open at ${input.workstation}; use another workstation`, 'workstation');
  const float = countCash(input.floatCounts, 'floatCounts');
  const id = Number(
    statements(db).insert.run(actor.userId, input.workstation, actor.today, actor.nowIso, JSON.stringify(input.floatCounts), float.totalCents, float.currencyCents, float.coinCents).lastInsertRowid,
  );
  return viewOf(db, requireDrawerRow(db, id));
}

/** Expected vs counted for an open drawer (the close screen, before the clerk confirms). */
export function previewClose(db: Sqlite, drawerId: number, count: ParsedInputOf<'drawer.close'>['count'], viewer: { userId: number; seesAll: boolean }): DrawerReconciliationView {
  const row = requireVisibleDrawer(db, drawerId, viewer);
  return reconciliationView(reconcileDrawer(drawerExpectation(db, row), count));
}

function overShortLines(reconciliation: DrawerReconciliation): PostingLine[] {
  const bySubject = (tender: string) => reconciliation.comparisons.find((line) => line.tender === tender)?.overShortCents ?? 0;
  const cashCents = bySubject('cash');
  const itemsCents = bySubject('check') + bySubject('money_order');
  return [
    { glCode: GL.cashOnHand, amountCents: cashCents },
    { glCode: GL.checksOnHand, amountCents: itemsCents },
    { glCode: GL.cashOverShort, amountCents: -(cashCents + itemsCents) },
  ].filter((line) => line.amountCents !== 0);
}

/** drawer.close: count, reconcile, post any over/short with its reason, lock. */
export function closeDrawer(db: Sqlite, actor: Actor, input: ParsedInputOf<'drawer.close'>, viewer: { userId: number; seesAll: boolean }): DrawerView {
  const row = requireVisibleDrawer(db, input.drawerId, viewer);
  if (row.status !== 'open') throw new OfficeError('CONFLICT', `Drawer ${row.id} is already ${row.status}`, 'drawerId');
  const openBatches = statements(db).openBatches.all(row.id);
  if (openBatches.length > 0) throw new OfficeError('CONFLICT', `Close batch ${openBatches.join(', ')} first: its entries must match its control figures`, 'drawerId');
  const reconciliation = reconcileDrawer(drawerExpectation(db, row), input.count);
  const lines = overShortLines(reconciliation);
  const differs = lines.length > 0 || !reconciliation.balanced;
  if (differs && input.overShortReason === '') {
    throw new OfficeError('INVALID_INPUT', `overShortReason: the drawer does not balance (${reconciliation.findings.join(' ')}) Give the reason before closing.`, 'overShortReason');
  }
  if (lines.length > 0) {
    postEntry(db, actor.nowIso, {
      entryId: input.entryId,
      effectiveDate: row.businessDate,
      kind: 'cash_over_short',
      memo: `Drawer ${row.id} (${row.clerk}, ${row.workstation}) ${reconciliation.overShortCents > 0 ? 'over' : 'short'}: ${input.overShortReason}`,
      createdByUserId: actor.userId,
      lines,
    });
  }
  const view = reconciliationView(reconciliation);
  statements(db).close.run({
    id: row.id,
    closedAt: actor.nowIso,
    closedBy: actor.userId,
    countJson: JSON.stringify(input.count),
    countedCashCents: reconciliation.cash.totalCents,
    countedCurrencyCents: reconciliation.cash.currencyCents,
    countedCoinCents: reconciliation.cash.coinCents,
    countedItemsCents: input.count.items.reduce((sum, item) => sum + item.amountCents, 0),
    reconciliationJson: JSON.stringify(view),
    overShortCents: reconciliation.overShortCents,
    overShortReason: input.overShortReason === '' ? null : input.overShortReason,
    overShortEntryId: lines.length > 0 ? input.entryId : null,
  });
  return viewOf(db, requireDrawerRow(db, row.id));
}
