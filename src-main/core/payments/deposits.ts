/**
 * The bank deposit of one or several closed drawers: currency and coin (the counted cash less
 * each drawer's float, which stays for tomorrow), and every check and money order counted in the
 * drawers. Posting: debit deposits in transit (1030), credit cash on hand (1000) and checks on
 * hand (1010) — after the close those hold exactly these amounts for the drawers. The drawers
 * become "deposited"; the money stays in transit until the bank statement confirms it.
 */
import type { DepositPreview, DepositSlip, DepositSlipItem, ListedItem } from '../../../src-shared/contract/payments';
import { formatCents } from '../../../src-shared/money';
import { perConnection } from '../storage/prepared';
import { OfficeError, notFound } from '../errors';
import { GL } from '../ledger/chart';
import { postEntry } from '../ledger/journal';
import type { Sqlite } from '../storage/database';
import type { Actor } from './actor';
import { closedWithNothingToDeposit } from './drawer';
import { drawerExpectation, requireDrawerRow } from './drawers';

interface DepositRow {
  id: number;
  depositUid: string;
  businessDate: string;
  createdAt: string;
  createdBy: string;
  currencyCents: number;
  coinCents: number;
  itemsCents: number;
  totalCents: number;
  slipJson: string;
  journalEntryId: string;
}

const DEPOSIT_SELECT = `
  SELECT x.id, x.deposit_uid AS depositUid, x.business_date AS businessDate, x.created_at AS createdAt, u.display_name AS createdBy,
         x.currency_cents AS currencyCents, x.coin_cents AS coinCents, x.items_cents AS itemsCents, x.total_cents AS totalCents,
         x.slip_json AS slipJson, x.journal_entry_id AS journalEntryId
  FROM deposits x JOIN users u ON u.id = x.created_by_user_id`;

const statements = perConnection((db: Sqlite) => ({
  byId: db.prepare<[number], DepositRow>(`${DEPOSIT_SELECT} WHERE x.id = ?`),
  byUid: db.prepare<[string], DepositRow>(`${DEPOSIT_SELECT} WHERE x.deposit_uid = ?`),
  drawers: db.prepare<[number], number>('SELECT id FROM drawer_sessions WHERE deposit_id = ? ORDER BY id').pluck(),
  insert: db.prepare(
    `INSERT INTO deposits (deposit_uid, business_date, created_at, created_by_user_id, currency_cents, coin_cents, items_cents, item_count, total_cents, slip_json, journal_entry_id)
     VALUES (@depositUid, @businessDate, @createdAt, @createdBy, @currencyCents, @coinCents, @itemsCents, @itemCount, @totalCents, @slipJson, @journalEntryId)`,
  ),
  markDeposited: db.prepare("UPDATE drawer_sessions SET status = 'deposited', deposit_id = ? WHERE id = ? AND status = 'closed'"),
}));

/** What one closed drawer sends to the bank. */
export interface DrawerDeposit {
  currencyCents: number;
  coinCents: number;
  items: DepositSlipItem[];
}

/**
 * The drawer's cash less its float, split into currency and coin as the float was (what one side
 * cannot give back is taken from the other), and its counted checks and money orders.
 */
export function drawerDeposit(db: Sqlite, drawerId: number): DrawerDeposit {
  const row = requireDrawerRow(db, drawerId);
  if (row.countJson === null || row.countedCurrencyCents === null || row.countedCoinCents === null) {
    throw new OfficeError('CONFLICT', `Drawer ${drawerId} is not closed yet: count and close it first`, 'drawerIds');
  }
  let currencyCents = row.countedCurrencyCents - row.floatCurrencyCents;
  let coinCents = row.countedCoinCents - row.floatCoinCents;
  if (coinCents < 0) (currencyCents += coinCents), (coinCents = 0);
  if (currencyCents < 0) (coinCents += currencyCents), (currencyCents = 0);
  if (coinCents < 0) {
    throw new OfficeError('CONFLICT', `Drawer ${drawerId} holds ${formatCents(row.countedCashCents ?? 0)}, less than its ${formatCents(row.floatCents)} float: there is no cash to deposit; see a supervisor`, 'drawerIds');
  }
  const expected = drawerExpectation(db, row).items;
  const listed = (JSON.parse(row.countJson) as { items: ListedItem[] }).items;
  const items = listed.map((item): DepositSlipItem => {
    const source = expected.find((candidate) => candidate.kind === item.kind && candidate.amountCents === item.amountCents && candidate.number.replace(/^0+/, '') === item.number.replace(/^0+/, ''));
    return { kind: item.kind, number: item.number, drawnOn: source?.drawnOn ?? '', amountCents: item.amountCents, receiptNumber: source?.receiptNumber ?? '', drawerId };
  });
  return { currencyCents, coinCents, items };
}

function slipOf(db: Sqlite, row: DepositRow): DepositSlip {
  const items = JSON.parse(row.slipJson) as DepositSlipItem[];
  return {
    depositId: row.id,
    depositUid: row.depositUid,
    businessDate: row.businessDate,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    drawerIds: statements(db).drawers.all(row.id),
    currencyCents: row.currencyCents,
    coinCents: row.coinCents,
    items,
    itemsCents: row.itemsCents,
    totalCents: row.totalCents,
    journalEntryId: row.journalEntryId,
  };
}

export function getDeposit(db: Sqlite, depositId: number): DepositSlip {
  const row = statements(db).byId.get(depositId);
  if (!row) throw notFound(`Deposit ${depositId}`, 'depositId');
  return slipOf(db, row);
}

function requireClosedDrawers(db: Sqlite, drawerIds: readonly number[]): void {
  const seen = new Set<number>();
  drawerIds.forEach((drawerId, index) => {
    if (seen.has(drawerId)) throw new OfficeError('INVALID_INPUT', `drawerIds.${index}: drawer ${drawerId} is listed twice`, `drawerIds.${index}`);
    seen.add(drawerId);
    const row = requireDrawerRow(db, drawerId);
    if (row.status === 'open') throw new OfficeError('CONFLICT', `Drawer ${drawerId} (${row.clerk}) is still open: it must be counted and closed before its deposit`, `drawerIds.${index}`);
    if (row.status === 'deposited') throw new OfficeError('CONFLICT', `Drawer ${drawerId} is already in deposit ${row.depositId}`, `drawerIds.${index}`);
    if (closedWithNothingToDeposit(row)) {
      throw new OfficeError('CONFLICT', `Drawer ${drawerId} (${row.clerk}) has nothing to deposit (its cash is its float, no checks or money orders): it is settled without a deposit; leave it out`, `drawerIds.${index}`);
    }
  });
}

/**
 * deposit.preview: what a deposit of these closed drawers would hold, figured exactly as
 * deposit.create figures it, so the supervisor confirms the totals before anything posts.
 */
export function previewDeposit(db: Sqlite, drawerIds: readonly number[]): DepositPreview {
  requireClosedDrawers(db, drawerIds);
  const parts = drawerIds.map((drawerId) => drawerDeposit(db, drawerId));
  const currencyCents = parts.reduce((sum, part) => sum + part.currencyCents, 0);
  const coinCents = parts.reduce((sum, part) => sum + part.coinCents, 0);
  const items = parts.flatMap((part) => part.items);
  const itemsCents = items.reduce((sum, item) => sum + item.amountCents, 0);
  const totalCents = currencyCents + coinCents + itemsCents;
  if (totalCents === 0) throw new OfficeError('CONFLICT', 'These drawers hold nothing to deposit (no cash beyond the float, no checks)', 'drawerIds');
  return { drawerIds: [...drawerIds], currencyCents, coinCents, items, itemsCents, totalCents };
}

/** deposit.create: the slip for closed drawers, posted to deposits in transit; the drawers become deposited. */
export function createDeposit(db: Sqlite, actor: Actor, input: { depositId: string; drawerIds: number[] }): DepositSlip {
  const existing = statements(db).byUid.get(input.depositId);
  if (existing) {
    const slip = slipOf(db, existing);
    if ([...slip.drawerIds].sort().join(',') !== [...input.drawerIds].sort().join(',')) {
      throw new OfficeError('IDEMPOTENCY_CONFLICT', `Deposit ${input.depositId} was already made for other drawers; nothing was changed`, 'depositId');
    }
    return slip;
  }
  const { currencyCents, coinCents, items, itemsCents, totalCents } = previewDeposit(db, input.drawerIds);
  postEntry(db, actor.nowIso, {
    entryId: input.depositId,
    effectiveDate: actor.today,
    kind: 'deposit',
    memo: `Bank deposit of drawer${input.drawerIds.length > 1 ? 's' : ''} ${input.drawerIds.join(', ')}`,
    createdByUserId: actor.userId,
    lines: [
      { glCode: GL.depositsInTransit, amountCents: totalCents },
      { glCode: GL.cashOnHand, amountCents: -(currencyCents + coinCents) },
      { glCode: GL.checksOnHand, amountCents: -itemsCents },
    ].filter((line) => line.amountCents !== 0),
  });
  const id = Number(
    statements(db).insert.run({
      depositUid: input.depositId,
      businessDate: actor.today,
      createdAt: actor.nowIso,
      createdBy: actor.userId,
      currencyCents,
      coinCents,
      itemsCents,
      itemCount: items.length,
      totalCents,
      slipJson: JSON.stringify(items),
      journalEntryId: input.depositId,
    }).lastInsertRowid,
  );
  for (const drawerId of input.drawerIds) statements(db).markDeposited.run(id, drawerId);
  return getDeposit(db, id);
}
