/**
 * Mail and drop-box batches: the control count and total are keyed first (from the adding-machine
 * tape of the envelopes), entries are payments.take with the batch's id, and the batch closes only
 * when the entries (voided ones left out) match both. A batch lives in the clerk's drawer, so its
 * checks are counted and deposited with the drawer.
 */
import type { ParsedInputOf } from '../../../src-shared/contract';
import type { BatchView, Receipt } from '../../../src-shared/contract/payments';
import { formatCents } from '../../../src-shared/money';
import { perConnection } from '../storage/prepared';
import { OfficeError, notFound } from '../errors';
import type { Sqlite } from '../storage/database';
import type { Actor } from './actor';
import { requireOpenDrawer, reverseAndMarkVoided, takePayment } from './posting';
import { requirePaymentRow } from './receipts';

interface BatchRow {
  id: number;
  drawerId: number;
  clerkUserId: number;
  channel: 'mail' | 'dropbox';
  status: 'open' | 'closed';
  controlCount: number;
  controlTotalCents: number;
  note: string;
  openedAt: string;
  closedAt: string | null;
  entryCount: number;
  entryTotalCents: number;
}

const statements = perConnection((db: Sqlite) => ({
  byId: db.prepare<[number], BatchRow>(
    `SELECT b.id, b.drawer_id AS drawerId, d.clerk_user_id AS clerkUserId, b.channel, b.status, b.control_count AS controlCount,
            b.control_total_cents AS controlTotalCents, b.note, b.opened_at AS openedAt, b.closed_at AS closedAt,
            (SELECT COUNT(*) FROM payments p WHERE p.batch_id = b.id AND p.status <> 'voided') AS entryCount,
            (SELECT COALESCE(SUM(p.amount_cents), 0) FROM payments p WHERE p.batch_id = b.id AND p.status <> 'voided') AS entryTotalCents
     FROM payment_batches b JOIN drawer_sessions d ON d.id = b.drawer_id WHERE b.id = ?`,
  ),
  insert: db.prepare(
    `INSERT INTO payment_batches (drawer_id, channel, control_count, control_total_cents, status, note, opened_at, opened_by_user_id)
     VALUES (?, ?, ?, ?, 'open', ?, ?, ?)`,
  ),
  close: db.prepare("UPDATE payment_batches SET status = 'closed', closed_at = ? WHERE id = ? AND status = 'open'"),
}));

function viewOf(row: BatchRow): BatchView {
  return {
    batchId: row.id,
    drawerId: row.drawerId,
    channel: row.channel,
    status: row.status,
    controlCount: row.controlCount,
    controlTotalCents: row.controlTotalCents,
    entryCount: row.entryCount,
    entryTotalCents: row.entryTotalCents,
    countDifference: row.entryCount - row.controlCount,
    totalDifferenceCents: row.entryTotalCents - row.controlTotalCents,
    openedAt: row.openedAt,
    closedAt: row.closedAt,
    note: row.note,
  };
}

function requireBatch(db: Sqlite, batchId: number): BatchRow {
  const row = statements(db).byId.get(batchId);
  if (!row) throw notFound(`Batch ${batchId}`, 'batchId');
  return row;
}

export function getBatch(db: Sqlite, batchId: number): BatchView {
  return viewOf(requireBatch(db, batchId));
}

export function openBatch(db: Sqlite, actor: Actor, input: ParsedInputOf<'batches.open'>): BatchView {
  const drawer = requireOpenDrawer(db, actor);
  const id = Number(statements(db).insert.run(drawer.id, input.channel, input.controlCount, input.controlTotalCents, input.note, actor.nowIso, actor.userId).lastInsertRowid);
  return getBatch(db, id);
}

/** Closes a batch whose entries match its control count and total; otherwise says by how much they differ. */
export function closeBatch(db: Sqlite, actor: Actor, batchId: number, viewer: { seesAll: boolean }): BatchView {
  const row = requireBatch(db, batchId);
  if (!viewer.seesAll && row.clerkUserId !== actor.userId) throw new OfficeError('FORBIDDEN', `Batch ${batchId} is in another clerk's drawer`, 'batchId');
  if (row.status !== 'open') throw new OfficeError('CONFLICT', `Batch ${batchId} is already closed`, 'batchId');
  const view = viewOf(row);
  const problems: string[] = [];
  if (view.countDifference !== 0) problems.push(`${row.entryCount} entries keyed against a control count of ${row.controlCount} (${view.countDifference > 0 ? `${view.countDifference} too many` : `${-view.countDifference} missing`})`);
  if (view.totalDifferenceCents !== 0) {
    problems.push(`entries total ${formatCents(row.entryTotalCents)} against a control total of ${formatCents(row.controlTotalCents)} (${view.totalDifferenceCents > 0 ? 'over' : 'short'} by ${formatCents(Math.abs(view.totalDifferenceCents))})`);
  }
  if (problems.length > 0) throw new OfficeError('CONFLICT', `Batch ${batchId} cannot close: ${problems.join('; ')}. Find the envelope or correct the entry.`, 'batchId');
  statements(db).close.run(actor.nowIso, batchId);
  return getBatch(db, batchId);
}

/**
 * batches.correctEntry: an entry keyed wrong in a batch that is still open. The corrected
 * payment is posted in the batch and the entry's payment reversed (voided, naming the receipt
 * that replaces it), in the dispatcher's one transaction. No supervisor: the batch has not left
 * the keyer's drawer. A closed batch's entry is voided with approval (payments.void) instead.
 */
export function correctBatchEntry(db: Sqlite, actor: Actor, input: ParsedInputOf<'batches.correctEntry'>): Receipt {
  const row = requirePaymentRow(db, input.paymentId);
  if (row.batchId === null) {
    throw new OfficeError('CONFLICT', `Receipt ${row.receiptNumber} is not a batch entry; a counter payment is voided with a supervisor's approval`, 'paymentId');
  }
  const batch = requireBatch(db, row.batchId);
  if (batch.status !== 'open') {
    throw new OfficeError('CONFLICT', `Batch ${batch.id} is closed, so receipt ${row.receiptNumber} can no longer be corrected here; void it with a supervisor's approval and key it again`, 'paymentId');
  }
  if (batch.clerkUserId !== actor.userId) throw new OfficeError('FORBIDDEN', `Batch ${batch.id} is in another clerk's drawer; only its keyer corrects its entries`, 'paymentId');
  if (row.status !== 'posted') throw new OfficeError('CONFLICT', `Receipt ${row.receiptNumber} is already ${row.status}; correct the entry that replaced it`, 'paymentId');
  if (input.newPaymentId === input.paymentId) throw new OfficeError('INVALID_INPUT', 'newPaymentId: the corrected entry needs a new payment id', 'newPaymentId');
  if (requireOpenDrawer(db, actor).id !== batch.drawerId) throw new OfficeError('CONFLICT', `Batch ${batch.id} is in a drawer that is no longer open`, 'paymentId');
  const corrected = takePayment(db, actor, {
    paymentId: input.newPaymentId,
    channel: batch.channel,
    batchId: batch.id,
    accounts: input.accounts,
    tenders: input.tenders,
    changeAsCredit: input.changeAsCredit,
    ...(input.creditAccountId === undefined ? {} : { creditAccountId: input.creditAccountId }),
    payerName: input.payerName,
  });
  // A new id that was already used would answer that old payment ("replayed"): never a correction.
  if (corrected.replayed) throw new OfficeError('CONFLICT', `Payment ${input.newPaymentId} is already receipt ${corrected.receiptNumber}; nothing was changed`, 'newPaymentId');
  reverseAndMarkVoided(db, actor, row, input.entryId, `keyed wrong; corrected as receipt ${corrected.receiptNumber} while batch ${batch.id} was open`);
  return corrected;
}

