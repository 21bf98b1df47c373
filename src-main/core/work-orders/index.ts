/**
 * Minimal field work orders: a re-read, leak check or high-usage check for field staff, raised
 * from the read review. Type, account, meter, the exception it came from, notes and a status
 * (open → completed | cancelled). A later issue grows this into full dispatch.
 */
import type { WorkOrder, WorkOrderStatus, WorkOrderType } from '../../../src-shared/contract/reads';
import { formatServiceAddress } from '../accounts/format';
import { perConnection } from '../storage/prepared';
import { OfficeError, notFound } from '../errors';
import type { Sqlite } from '../storage/database';

interface WorkOrderRow extends Omit<WorkOrder, 'serviceAddress'> {
  street: string | null;
  unit: string | null;
  city: string | null;
}

const SELECT = `
  SELECT w.id AS workOrderId, w.type, w.status, w.account_id AS accountId, a.account_number AS accountNumber,
         l.street, l.unit, l.city, w.meter_id AS meterId, m.serial AS meterSerial, w.exception_id AS exceptionId, w.notes, w.scheduled_for AS scheduledFor,
         w.created_at AS createdAt, cu.display_name AS createdBy, w.closed_at AS closedAt, xu.display_name AS closedBy
  FROM work_orders w
  LEFT JOIN accounts a ON a.id = w.account_id
  LEFT JOIN meters m ON m.id = w.meter_id
  LEFT JOIN service_locations l ON l.id = COALESCE(a.location_id, m.location_id)
  JOIN users cu ON cu.id = w.created_by_user_id
  LEFT JOIN users xu ON xu.id = w.closed_by_user_id`;

const statements = perConnection((db: Sqlite) => ({
  one: db.prepare<[number], WorkOrderRow>(`${SELECT} WHERE w.id = ?`),
  insert: db.prepare(
    `INSERT INTO work_orders (type, status, account_id, meter_id, exception_id, notes, scheduled_for, created_at, created_by_user_id)
     VALUES (@type, 'open', @accountId, @meterId, @exceptionId, @notes, @scheduledFor, @createdAt, @userId)`,
  ),
  close: db.prepare(`UPDATE work_orders SET status = @status, closed_at = @at, closed_by_user_id = @userId, notes = @notes WHERE id = @workOrderId`),
}));

const toWorkOrder = ({ street, unit, city, ...rest }: WorkOrderRow): WorkOrder => ({
  ...rest,
  serviceAddress: street === null ? '' : formatServiceAddress({ street, unit: unit ?? '', city: city ?? '' }),
});

export function getWorkOrder(db: Sqlite, workOrderId: number): WorkOrder {
  const row = statements(db).one.get(workOrderId);
  if (!row) throw notFound(`Work order ${workOrderId}`, 'workOrderId');
  return toWorkOrder(row);
}

export function createWorkOrder(
  db: Sqlite,
  nowIso: string,
  userId: number,
  order: { type: WorkOrderType; accountId: number | null; meterId: number | null; exceptionId: number | null; notes: string; scheduledFor?: string | null },
): WorkOrder {
  const info = statements(db).insert.run({ ...order, scheduledFor: order.scheduledFor ?? null, createdAt: nowIso, userId });
  return getWorkOrder(db, Number(info.lastInsertRowid));
}

export function listWorkOrders(
  db: Sqlite,
  filter: { status?: WorkOrderStatus; accountId?: number; exceptionId?: number; limit: number },
): WorkOrder[] {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: filter.limit };
  if (filter.status) {
    where.push('w.status = @status');
    params.status = filter.status;
  }
  if (filter.accountId !== undefined) {
    where.push('w.account_id = @accountId');
    params.accountId = filter.accountId;
  }
  if (filter.exceptionId !== undefined) {
    where.push('w.exception_id = @exceptionId');
    params.exceptionId = filter.exceptionId;
  }
  const sql = `${SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY w.id DESC LIMIT @limit`;
  return db.prepare<Record<string, unknown>, WorkOrderRow>(sql).all(params).map(toWorkOrder);
}

/** Completes or cancels an open work order; its notes gain the closing note. */
export function closeWorkOrder(
  db: Sqlite,
  nowIso: string,
  userId: number,
  input: { workOrderId: number; status: 'completed' | 'cancelled'; notes: string },
): WorkOrder {
  const order = getWorkOrder(db, input.workOrderId);
  if (order.status !== 'open') {
    throw new OfficeError('CONFLICT', `Work order ${order.workOrderId} is already ${order.status}`, 'workOrderId');
  }
  const notes = input.notes === '' ? order.notes : order.notes === '' ? input.notes : `${order.notes}\n${input.notes}`;
  statements(db).close.run({ status: input.status, at: nowIso, userId, notes, workOrderId: input.workOrderId });
  return getWorkOrder(db, input.workOrderId);
}
