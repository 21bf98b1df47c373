/**
 * `reads exception <id>`, `reads resolve <id> --accept|--correct|--estimate|--re-read|--hold|--reopen`
 * `reads bulk-accept <id>…`, `reads flag-unread`, `reads work-order`, `reads courtesy-call` and
 * `work-orders list | done | cancel`: reads.exception, reads.resolve, reads.bulkAccept,
 * reads.flagUnread, reads.orderWorkOrder, reads.logCourtesyCall, workOrders.list and
 * workOrders.setStatus, the same operations as the read worklist's buttons. A CLI-only office releases an account blocked by an
 * abnormal read with these, then recomputes the bill run.
 */
import {
  READ_EXCEPTION_LABELS,
  WORK_ORDER_TYPE_LABELS,
  type CourtesyCallOutcome,
  type ReadExceptionDetail,
  type ResolveAction,
  type WorkOrder,
  type WorkOrderStatus,
  type ReadWorkOrderType,
} from '../../../src-shared/contract';
import { usageError } from '../errors';
import { printLine, printResult } from '../io';
import { withSession, type GlobalOptions } from '../office';
import { renderFields, renderTable } from '../table';

export interface ResolveOptions extends GlobalOptions {
  accept?: boolean;
  correct?: string;
  estimate?: 'average' | 'last_year';
  reRead?: string;
  readDate?: string;
  hold?: boolean;
  reopen?: boolean;
  reason?: string;
  requestId?: string;
}

const ACTION_FLAGS = ['--accept', '--correct', '--estimate', '--re-read', '--hold', '--reopen'] as const;

/** The one action the flags ask for; a usage error when there is none or more than one. */
export function resolveActionFrom(options: ResolveOptions): ResolveAction {
  const given = [options.accept, options.correct, options.estimate, options.reRead, options.hold, options.reopen].filter((value) => value !== undefined && value !== false);
  if (given.length !== 1) throw usageError(`Give exactly one of ${ACTION_FLAGS.join(', ')}`);
  if (options.reRead === undefined && options.readDate !== undefined) throw usageError('--read-date goes with --re-read');
  const reason = options.reason ?? '';
  if (options.accept) return { kind: 'accept', reason };
  if (options.correct !== undefined) return { kind: 'correct', reading: options.correct, reason };
  if (options.estimate !== undefined) return { kind: 'estimate', method: options.estimate, reason };
  if (options.reRead !== undefined) {
    if (!options.readDate) throw usageError('--re-read needs --read-date <YYYY-MM-DD>, the day field staff read the meter');
    return { kind: 're_read', reading: options.reRead, readDate: options.readDate, reason };
  }
  if (options.hold) return { kind: 'hold', reason };
  return { kind: 'reopen', reason };
}

function printException(detail: ReadExceptionDetail): void {
  const { exception, account, read } = detail;
  printLine(
    renderFields([
      ['Exception', `${exception.exceptionId}: ${READ_EXCEPTION_LABELS[exception.type]} — ${exception.status}${exception.resolution ? ` (${exception.resolution})` : ''}`],
      ['Account', account ? `${account.accountNumber} ${account.customerName}, ${account.serviceAddress}` : '—'],
      ['Meter', `${detail.meter.serial} (${detail.meter.size}), cycle ${exception.cycle}, ${exception.period}, route ${exception.route}/${exception.sequence}`],
      ['Read', read ? `${read.reading} on ${read.readDate}: ${read.usageHcf} HCF${read.estimated ? ' (estimated)' : ''}${read.originalReading ? `, first read ${read.originalReading}` : ''}` : 'no read'],
      ['Expected', exception.expectedLowHcf ? `${exception.expectedLowHcf}–${exception.expectedHighHcf} HCF` : '—'],
    ]),
  );
  for (const finding of detail.findings) printLine(`- ${finding.message}`);
}

export async function runReadsException(exceptionId: number, options: GlobalOptions): Promise<void> {
  await withSession(options, async (session) => {
    const detail = await session.call('reads.exception', { exceptionId });
    printResult(options.json === true, detail, () => printException(detail));
  });
}

export async function runReadsResolve(exceptionId: number, options: ResolveOptions): Promise<void> {
  const action = resolveActionFrom(options);
  await withSession(options, async (session) => {
    const detail = await session.call('reads.resolve', { exceptionId, action }, options.requestId);
    printResult(options.json === true, detail, () => printException(detail));
  });
}

export async function runReadsBulkAccept(exceptionIds: number[], options: GlobalOptions & { reason?: string; requestId?: string }): Promise<void> {
  await withSession(options, async (session) => {
    const result = await session.call('reads.bulkAccept', { exceptionIds, reason: options.reason ?? '' }, options.requestId);
    printResult(options.json === true, result, () =>
      printLine(`Accepted ${result.accepted} read${result.accepted === 1 ? '' : 's'}${result.skipped > 0 ? `; skipped ${result.skipped} (held, no reading, an open work order, or already resolved)` : ''}.`),
    );
  });
}

export async function runReadsFlagUnread(options: GlobalOptions & { cycle: number; period: string; route?: string; requestId?: string }): Promise<void> {
  await withSession(options, async (session) => {
    const result = await session.call('reads.flagUnread', { cycle: options.cycle, period: options.period, ...(options.route ? { route: options.route } : {}) }, options.requestId);
    printResult(options.json === true, result, () =>
      printLine(`Put ${result.flagged} unread meter${result.flagged === 1 ? '' : 's'} on the worklist as no-read exceptions${result.alreadyFlagged > 0 ? ` (${result.alreadyFlagged} already there)` : ''}.`),
    );
  });
}

function printWorkOrder(order: WorkOrder): void {
  printLine(`Work order ${order.workOrderId}: ${WORK_ORDER_TYPE_LABELS[order.type]} — ${order.status}${order.accountNumber ? `, account ${order.accountNumber}` : ''}${order.meterSerial ? `, meter ${order.meterSerial}` : ''}`);
}

export async function runReadsWorkOrder(exceptionId: number, options: GlobalOptions & { type: ReadWorkOrderType; notes?: string; requestId?: string }): Promise<void> {
  await withSession(options, async (session) => {
    const order = await session.call('reads.orderWorkOrder', { exceptionId, type: options.type, notes: options.notes ?? '' }, options.requestId);
    printResult(options.json === true, order, () => printWorkOrder(order));
  });
}

export async function runReadsCourtesyCall(exceptionId: number, options: GlobalOptions & { outcome: CourtesyCallOutcome; contact?: string; notes?: string; requestId?: string }): Promise<void> {
  await withSession(options, async (session) => {
    const detail = await session.call('reads.logCourtesyCall', { exceptionId, outcome: options.outcome, contactName: options.contact ?? '', notes: options.notes ?? '' }, options.requestId);
    printResult(options.json === true, detail, () => printException(detail));
  });
}

export async function runWorkOrdersList(options: GlobalOptions & { status?: WorkOrderStatus; account?: string; limit: number }): Promise<void> {
  await withSession(options, async (session) => {
    const accountId = options.account ? (await session.call('accounts.findByNumber', { accountNumber: options.account })).accountId : undefined;
    const orders = await session.call('workOrders.list', { limit: options.limit, ...(options.status ? { status: options.status } : {}), ...(accountId ? { accountId } : {}) });
    printResult(options.json === true, orders, () => {
      if (orders.length === 0) return printLine('No work orders.');
      printLine(
        renderTable(orders, [
          { header: 'No.', value: (order) => String(order.workOrderId), align: 'right' },
          { header: 'Type', value: (order) => WORK_ORDER_TYPE_LABELS[order.type] },
          { header: 'Status', value: (order) => order.status },
          { header: 'Account', value: (order) => order.accountNumber ?? '—' },
          { header: 'Service address', value: (order) => order.serviceAddress, maxWidth: 32 },
          { header: 'Ordered', value: (order) => `${order.createdAt.slice(0, 10)} by ${order.createdBy}` },
          { header: 'Notes', value: (order) => order.notes, maxWidth: 40 },
        ]),
      );
    });
  });
}

export async function runWorkOrdersSetStatus(workOrderId: number, status: 'completed' | 'cancelled', options: GlobalOptions & { notes?: string; requestId?: string }): Promise<void> {
  await withSession(options, async (session) => {
    const order = await session.call('workOrders.setStatus', { workOrderId, status, notes: options.notes ?? '' }, options.requestId);
    printResult(options.json === true, order, () => printWorkOrder(order));
  });
}
