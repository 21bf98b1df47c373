/** Pure helpers for the Meter reads screens: words for figures, filters and the cycle status. */
import {
  READ_EXCEPTION_LABELS, WORK_ORDER_TYPE_LABELS,
  type CycleStatus, type CycleSummary, type ReadExceptionAction, type ReadExceptionDetail, type ReadExceptionResolution, type ReadExceptionRow,
  type ReadExceptionStatus, type ReadExceptionType, type WorkOrder, type ReadWorkOrderType,
} from '../../src-shared/contract/reads';
import { formatDate } from '../ui/format';

export interface CyclePeriod {
  cycle: number;
  period: string;
}

/** "Cycle 2, 2026-11". */
export const cycleName = ({ cycle, period }: CyclePeriod) => `Cycle ${cycle}, ${period}`;

const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
export { plural };

/**
 * The cycle status in one line: "Cycle 2, 2026-11: not ready to bill — 14 unread meters,
 * 37 open exceptions, 3 held" or "Cycle 2, 2026-11: ready to bill".
 */
export function cycleStatusLine(status: CycleStatus): string {
  const name = cycleName(status);
  if (status.readyToBill) {
    const held = status.heldExceptions > 0 ? ` (${plural(status.heldExceptions, 'exception')} held)` : '';
    return `${name}: ready to bill${held}`;
  }
  const parts = [
    status.unreadCount > 0 ? plural(status.unreadCount, 'unread meter') : null,
    status.openExceptions > 0 ? plural(status.openExceptions, 'open exception') : null,
    status.heldExceptions > 0 ? `${status.heldExceptions.toLocaleString('en-US')} held` : null,
  ].filter((part): part is string => part !== null);
  return `${name}: not ready to bill — ${parts.length > 0 ? parts.join(', ') : status.reasons.join('; ')}`;
}

/** "12.5 HCF" or "—". */
export const hcf = (value: string | null) => (value === null ? '—' : `${value} HCF`);

/** What the row's use is compared with: "expected 8–14" (or the average when no range). */
export function expectedText(row: Pick<ReadExceptionRow, 'expectedLowHcf' | 'expectedHighHcf' | 'averageUsageHcf'>): string {
  if (row.expectedLowHcf !== null && row.expectedHighHcf !== null) return `expected ${row.expectedLowHcf}–${row.expectedHighHcf}`;
  if (row.averageUsageHcf !== null) return `average ${row.averageUsageHcf}`;
  return 'no history';
}

/** The same with the unit: "expected 8–16 HCF", "average 12.5 HCF", "no history". */
export function expectedHcfText(row: Pick<ReadExceptionRow, 'expectedLowHcf' | 'expectedHighHcf' | 'averageUsageHcf'>): string {
  const text = expectedText(row);
  return row.expectedLowHcf === null && row.averageUsageHcf === null ? text : `${text} HCF`;
}

export interface WorklistFilter {
  type: ReadExceptionType | '';
  route: string;
  status: ReadExceptionStatus | 'all';
}

export const DEFAULT_FILTER: WorklistFilter = { type: '', route: '', status: 'open' };

/** The filter in words, for the bulk-accept confirmation: "open, high use, route 12". */
export function filterWords(filter: WorklistFilter): string {
  const parts = [
    filter.status === 'all' ? 'any status' : filter.status,
    filter.type === '' ? 'every type' : READ_EXCEPTION_LABELS[filter.type].toLowerCase(),
    filter.route.trim() === '' ? 'every route' : `route ${filter.route.trim()}`,
  ];
  return parts.join(', ');
}

/** Types bulk accept never takes (there is no reading to accept). */
const NOT_ACCEPTABLE: readonly ReadExceptionType[] = ['no_read', 'faulted_register'];

/**
 * The rows a bulk accept would send: open ones with a reading, and not waiting for field work
 * (a read a re-read was ordered for is settled by the re-read, not by accepting it).
 */
export function bulkAcceptable(rows: readonly ReadExceptionRow[]): ReadExceptionRow[] {
  return rows.filter((row) => row.status === 'open' && row.reading !== null && row.workOrderId === null && !NOT_ACCEPTABLE.includes(row.type));
}

/**
 * After an action the list reloads; the selection stays at the same place and moves to the
 * next open row from there. The row acted on may have left the filtered list (the next row
 * slid into its place), or stayed (a work order, a courtesy call): then the one after it.
 */
export function nextSelection(rows: readonly Pick<ReadExceptionRow, 'status' | 'exceptionId'>[], fromIndex: number, actedOn: number | null = null): number {
  if (rows.length === 0) return -1;
  let start = Math.min(Math.max(fromIndex, 0), rows.length - 1);
  if (actedOn !== null && rows[start]?.exceptionId === actedOn && start + 1 < rows.length) start += 1;
  for (let index = start; index < rows.length; index += 1) if (rows[index]?.status === 'open') return index;
  for (let index = start - 1; index >= 0; index -= 1) if (rows[index]?.status === 'open' && rows[index]?.exceptionId !== actedOn) return index;
  return start;
}

/** How a resolution reads in the worklist and the detail ("Resolved: re-read"); lower case, as a status. */
export const RESOLUTION_LABELS: Record<ReadExceptionResolution, string> = {
  accepted: 'accepted',
  corrected: 'corrected',
  estimated: 'estimated',
  read_received: 'read received',
  re_read: 're-read',
};

/** What was done, as the history and the "… recorded by" messages name it. */
export const ACTION_LABELS: Record<ReadExceptionAction['action'], string> = {
  created: 'Created',
  accept: 'Accept',
  correct: 'Correct',
  estimate: 'Estimate',
  hold: 'Hold',
  reopen: 'Reopen',
  work_order: 'Work order',
  courtesy_call: 'Courtesy call',
  read_received: 'Read received',
  re_read: 'Re-read',
};

/** The open re-read work order of an exception (field staff are to read the meter again), if any. */
export function openReReadOrder(detail: Pick<ReadExceptionDetail, 'workOrders'>): WorkOrder | undefined {
  return detail.workOrders.find((order) => order.type === 'reread' && order.status === 'open');
}

/** "3 re-reads (replace reads under review)" / "1 re-read (replaces a read under review)". */
export function reReadsText(count: number): string {
  return count === 1 ? '1 re-read (replaces a read under review)' : `${plural(count, 're-read')} (replace reads under review)`;
}

/** What a keyed re-read did, from the exception before and after: cleared or still flagged, and the work orders it completed. */
export interface ReReadOutcome {
  cleared: boolean;
  /** "Re-read 141 on 11/12/2026: use 11 HCF" (dates as MM/DD/YYYY). */
  summary: string;
  /** The finding that keeps it open, when it is still flagged ("Re-read: Use 41 HCF is …"). */
  finding: string | null;
  /** Re-read work orders that were open before and are completed now. */
  completedOrderIds: number[];
}

export function reReadOutcome(before: Pick<ReadExceptionDetail, 'workOrders'>, after: ReadExceptionDetail): ReReadOutcome {
  const { exception } = after;
  const wasOpen = new Set(before.workOrders.filter((order) => order.type === 'reread' && order.status === 'open').map((order) => order.workOrderId));
  const completedOrderIds = after.workOrders.filter((order) => wasOpen.has(order.workOrderId) && order.status === 'completed').map((order) => order.workOrderId);
  const cleared = exception.status === 'resolved';
  const date = exception.readDate ? ` on ${formatDate(exception.readDate)}` : '';
  return {
    cleared,
    summary: `Re-read ${exception.reading ?? '—'}${date}: use ${hcf(exception.usageHcf)}`,
    finding: cleared ? null : exception.message,
    completedOrderIds,
  };
}

/** The outcome as one sentence for the worklist's message line. */
export function reReadOutcomeText(outcome: ReReadOutcome): string {
  const verdict = outcome.cleared ? 'cleared, the read passes every check' : `still flagged — ${outcome.finding ?? ''}`;
  const orders = outcome.completedOrderIds.map((id) => `re-read work order #${id} completed`);
  return `${[`${outcome.summary}, ${verdict}`, ...orders].join('; ')}.`;
}

/**
 * Where the cursor goes once the list has reloaded after an action: back on the row acted on
 * when the action asked to stay there and the row is still listed (a re-read that is still
 * flagged waits for the technician's decision), else the next open row (nextSelection).
 */
export function selectionAfter(
  rows: readonly Pick<ReadExceptionRow, 'status' | 'exceptionId'>[],
  from: { index: number; exceptionId: number | null; stay: boolean },
): number {
  if (from.stay && from.exceptionId !== null) {
    const at = rows.findIndex((row) => row.exceptionId === from.exceptionId);
    if (at >= 0) return at;
  }
  return nextSelection(rows, from.index, from.exceptionId);
}

export const workOrderLabel = (type: keyof typeof WORK_ORDER_TYPE_LABELS) => WORK_ORDER_TYPE_LABELS[type];

/** The bytes of a picked file as base64, in chunks (a 5 MB file would overflow one apply call). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + chunk));
  }
  return btoa(binary);
}

/** The current month as "YYYY-MM" (the office's calendar). */
export function currentPeriod(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

/** "9th". */
export function ordinalDay(day: number): string {
  const tens = day % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][day % 10] ?? 'th');
  return `${day}${suffix}`;
}

/** The month before "YYYY-MM". */
function previousPeriod(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/**
 * When a cycle is read, for its card in the picker: "read the 9th" for the period itself,
 * "read the 9th last month" or "… in 2026-08" when it is not read yet, "never read".
 */
export function readDayText(summary: Pick<CycleSummary, 'readDay' | 'readDayPeriod' | 'period'>): string {
  if (summary.readDay === null) return 'never read';
  const day = `read the ${ordinalDay(summary.readDay)}`;
  if (summary.readDayPeriod === summary.period) return day;
  return summary.readDayPeriod === previousPeriod(summary.period) ? `${day} last month` : `${day} in ${summary.readDayPeriod ?? ''}`;
}

/** The counts of a cycle's card, worst first; zeros left out: "14 unread, 3 open, 1 held". */
export function cycleCountsText(summary: Pick<CycleStatus, 'unreadCount' | 'openExceptions' | 'heldExceptions'>): string {
  const parts = [
    summary.unreadCount > 0 ? `${summary.unreadCount.toLocaleString('en-US')} unread` : null,
    summary.openExceptions > 0 ? `${summary.openExceptions.toLocaleString('en-US')} open` : null,
    summary.heldExceptions > 0 ? `${summary.heldExceptions.toLocaleString('en-US')} held` : null,
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(', ') : 'nothing left to review';
}

/**
 * The field work an exception most likely needs, with why (W's default): a reported leak or a
 * high read sends someone to look for the water; a zero, missing, faulted, backwards or repeated
 * read sends someone to read the register again (and see whether the meter has stopped).
 */
const LIKELY_ORDER: Partial<Record<ReadExceptionType, { type: ReadWorkOrderType; why: string }>> = {
  leak_reported: { type: 'leak_check', why: 'a leak was reported' },
  very_high_usage: { type: 'high_usage_check', why: 'very high use: look for a leak or a misread' },
  high_usage: { type: 'high_usage_check', why: 'high use: look for a leak or a misread' },
  over_capacity: { type: 'reread', why: "more than the meter can pass: the register was likely misread" },
  zero_use: { type: 'reread', why: 'zero use: check whether the meter has stopped' },
  no_read: { type: 'reread', why: 'no read came in' },
  faulted_register: { type: 'reread', why: 'the register reported a fault' },
  negative_use: { type: 'reread', why: 'the read is below the last one' },
  rollover: { type: 'reread', why: 'the register may have rolled over' },
  repeated_use: { type: 'reread', why: 'the same read as last time: check whether the meter has stopped' },
  consecutive_estimates: { type: 'reread', why: 'estimated too many times in a row' },
  low_usage: { type: 'reread', why: 'low use: check the register' },
  use_on_inactive: { type: 'reread', why: 'use on an inactive account' },
  meter_changed: { type: 'reread', why: 'the meter was changed' },
};

/** W's default order for an exception: a reported leak first, then its main type, then any other type. */
export function likelyWorkOrder(exception: { type: ReadExceptionType; types: readonly ReadExceptionType[] }): { type: ReadWorkOrderType; why: string } {
  if (exception.types.includes('leak_reported')) return LIKELY_ORDER.leak_reported as { type: ReadWorkOrderType; why: string };
  for (const type of [exception.type, ...exception.types]) {
    const likely = LIKELY_ORDER[type];
    if (likely) return likely;
  }
  return { type: 'reread', why: 'read the meter again' };
}
