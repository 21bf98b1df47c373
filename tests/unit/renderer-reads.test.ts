/** The Meter reads screens' pure parts: status words, filters, selection after an action, file encoding, chart labels, the profile definition. */
import { describe, expect, it } from 'vitest';
import type { CycleStatus, ReadExceptionDetail, ReadExceptionRow, WorkOrder } from '../../src-shared/contract/reads';
import { profileDefinition, type ProfileDraft } from '../../src-renderer/reads/profileDraft';
import {
  likelyWorkOrder,
  ACTION_LABELS, bulkAcceptable, bytesToBase64, cycleStatusLine, expectedHcfText, expectedText, filterWords, nextSelection, openReReadOrder, RESOLUTION_LABELS,
  reReadOutcome, reReadOutcomeText, reReadsText, selectionAfter,
} from '../../src-renderer/reads/readsFormat';
import { chartTop, periodLabel, spreadLabels } from '../../src-renderer/ui/UsageHistoryChart';

const status = (over: Partial<CycleStatus>): CycleStatus => ({
  cycle: 2, period: '2026-11', activeMeters: 100, readMeters: 86, unreadCount: 14, openExceptions: 37, heldExceptions: 3, resolvedExceptions: 10, readyToBill: false, reasons: [], ...over,
});

describe('cycle status line', () => {
  it('says why a cycle is not ready to bill, with its counts', () => {
    expect(cycleStatusLine(status({}))).toBe('Cycle 2, 2026-11: not ready to bill — 14 unread meters, 37 open exceptions, 3 held');
    expect(cycleStatusLine(status({ unreadCount: 1, openExceptions: 0, heldExceptions: 0 }))).toBe('Cycle 2, 2026-11: not ready to bill — 1 unread meter');
  });
  it('says ready to bill, and how many were held', () => {
    expect(cycleStatusLine(status({ unreadCount: 0, openExceptions: 0, heldExceptions: 0, readyToBill: true }))).toBe('Cycle 2, 2026-11: ready to bill');
    expect(cycleStatusLine(status({ unreadCount: 0, openExceptions: 0, heldExceptions: 2, readyToBill: true }))).toBe('Cycle 2, 2026-11: ready to bill (2 exceptions held)');
  });
});

const row = (over: Partial<ReadExceptionRow>): ReadExceptionRow => ({
  exceptionId: 1, cycle: 2, period: '2026-11', type: 'high_usage', types: ['high_usage'], severity: 'warning', status: 'open', resolution: null,
  accountId: 1, accountNumber: '000001-01', customerName: 'Díaz, Lucía', serviceAddress: '210 Pomegranate Dr', route: 'R001', sequence: 10,
  meterId: 1, meterSerial: 'SN1', readId: 5, readDate: '2026-11-02', reading: '1234', usageHcf: '40', priorUsageHcf: '12', lastYearUsageHcf: '11',
  averageUsageHcf: '12.5', expectedLowHcf: '8', expectedHighHcf: '16', workOrderId: null, message: '', ...over,
});

describe('worklist helpers', () => {
  it('words the expected range, or the average without one', () => {
    expect(expectedText(row({}))).toBe('expected 8–16');
    expect(expectedText(row({ expectedLowHcf: null, expectedHighHcf: null }))).toBe('average 12.5');
    expect(expectedText(row({ expectedLowHcf: null, expectedHighHcf: null, averageUsageHcf: null }))).toBe('no history');
  });
  it('names the filter for the bulk-accept confirmation', () => {
    expect(filterWords({ type: '', route: '', status: 'open' })).toBe('open, every type, every route');
    expect(filterWords({ type: 'zero_use', route: ' R12 ', status: 'all' })).toBe('any status, zero use on an active account, route R12');
  });
  it('bulk-accepts only open reads with a reading and no field work pending', () => {
    const rows = [
      row({ exceptionId: 1 }),
      row({ exceptionId: 2, status: 'held' }),
      row({ exceptionId: 3, type: 'no_read', reading: null }),
      row({ exceptionId: 4, workOrderId: 9 }),
      row({ exceptionId: 5, type: 'faulted_register', reading: null }),
      row({ exceptionId: 6, status: 'resolved' }),
    ];
    expect(bulkAcceptable(rows).map((item) => item.exceptionId)).toEqual([1]);
  });
  it('after an action keeps the place and lands on the next open row', () => {
    const rowsOf = (...list: ReadExceptionRow['status'][]) => list.map((value, index) => ({ status: value, exceptionId: index + 1 }));
    // The acted-on row left the list: the next one slid into its place.
    expect(nextSelection(rowsOf('open', 'open', 'open'), 1)).toBe(1);
    expect(nextSelection(rowsOf('open', 'resolved', 'held', 'open'), 1)).toBe(3);
    // The acted-on row stayed (a work order): the one after it.
    expect(nextSelection(rowsOf('open', 'open', 'open'), 0, 1)).toBe(1);
    expect(nextSelection(rowsOf('open', 'resolved', 'open'), 1, 2)).toBe(2);
    // Nothing open after it: back up to the nearest open one.
    expect(nextSelection(rowsOf('open', 'resolved'), 1, 2)).toBe(0);
    expect(nextSelection(rowsOf('open', 'open'), 5)).toBe(1);
    expect(nextSelection([], 3)).toBe(-1);
  });
});

const order = (over: Partial<WorkOrder>): WorkOrder => ({
  workOrderId: 12, type: 'reread', status: 'open', accountId: 1, accountNumber: '000001-01', serviceAddress: '210 Pomegranate Dr', meterId: 1, meterSerial: 'SN1',
  exceptionId: 1, notes: '', scheduledFor: null, createdAt: '2026-11-20T15:00:00.000Z', createdBy: 'Tomas Technician', closedAt: null, closedBy: null, ...over,
});

/** Only the parts of a detail the re-read helpers read. */
const detailOf = (exception: Partial<ReadExceptionRow>, workOrders: WorkOrder[]) => ({ exception: row(exception), workOrders }) as unknown as ReadExceptionDetail;

describe('re-reads', () => {
  it('names the re-read resolution and action, and the others as before', () => {
    expect(RESOLUTION_LABELS.re_read).toBe('re-read');
    expect(RESOLUTION_LABELS.read_received).toBe('read received');
    expect(RESOLUTION_LABELS.estimated).toBe('estimated');
    expect(ACTION_LABELS.re_read).toBe('Re-read');
    expect(ACTION_LABELS.courtesy_call).toBe('Courtesy call');
  });
  it('finds the open re-read work order, not a completed one or another type', () => {
    expect(openReReadOrder({ workOrders: [order({ workOrderId: 3, status: 'completed' }), order({ workOrderId: 4, type: 'leak_check' }), order({ workOrderId: 5 })] })?.workOrderId).toBe(5);
    expect(openReReadOrder({ workOrders: [order({ status: 'cancelled' })] })).toBeUndefined();
  });
  it('counts re-reads in an import, one and many', () => {
    expect(reReadsText(1)).toBe('1 re-read (replaces a read under review)');
    expect(reReadsText(3)).toBe('3 re-reads (replace reads under review)');
    expect(reReadsText(1200)).toBe('1,200 re-reads (replace reads under review)');
  });
  it('words the expected use with its unit, or says there is no history', () => {
    expect(expectedHcfText(row({}))).toBe('expected 8–16 HCF');
    expect(expectedHcfText(row({ expectedLowHcf: null, expectedHighHcf: null }))).toBe('average 12.5 HCF');
    expect(expectedHcfText(row({ expectedLowHcf: null, expectedHighHcf: null, averageUsageHcf: null }))).toBe('no history');
  });
  it('a cleared re-read: resolved, with the work order that was open now completed', () => {
    const before = detailOf({ reading: '1234', usageHcf: '40' }, [order({ workOrderId: 12 }), order({ workOrderId: 9, status: 'completed' })]);
    const after = detailOf(
      { status: 'resolved', resolution: 're_read', reading: '1205', usageHcf: '11', readDate: '2026-11-12' },
      [order({ workOrderId: 12, status: 'completed' }), order({ workOrderId: 9, status: 'completed' })],
    );
    const outcome = reReadOutcome(before, after);
    // Order 9 was completed before the re-read: not the re-read's doing.
    expect(outcome).toEqual({ cleared: true, summary: 'Re-read 1205 on 11/12/2026: use 11 HCF', finding: null, completedOrderIds: [12] });
    expect(reReadOutcomeText(outcome)).toBe('Re-read 1205 on 11/12/2026: use 11 HCF, cleared, the read passes every check; re-read work order #12 completed.');
  });
  it('a re-read that confirms the high use: still open with the new finding', () => {
    const before = detailOf({ reading: '1234', usageHcf: '40' }, []);
    const message = 'Re-read: Use 41 HCF is 228% above the average of 12.5 HCF';
    const after = detailOf({ status: 'open', reading: '1235', usageHcf: '41', readDate: '2026-11-12', message }, []);
    const outcome = reReadOutcome(before, after);
    expect(outcome).toEqual({ cleared: false, summary: 'Re-read 1235 on 11/12/2026: use 41 HCF', finding: message, completedOrderIds: [] });
    expect(reReadOutcomeText(outcome)).toBe(`Re-read 1235 on 11/12/2026: use 41 HCF, still flagged — ${message}.`);
  });
  it('after a re-read still flagged the cursor stays on it; otherwise it moves on as after any action', () => {
    const rows = [{ status: 'open' as const, exceptionId: 7 }, { status: 'open' as const, exceptionId: 3 }, { status: 'open' as const, exceptionId: 5 }];
    // Still flagged and re-sorted (its severity changed): found by id, not by place.
    expect(selectionAfter(rows, { index: 1, exceptionId: 5, stay: true })).toBe(2);
    // Cleared and gone from the open list: the next open row from the same place.
    expect(selectionAfter(rows, { index: 1, exceptionId: 9, stay: true })).toBe(1);
    expect(selectionAfter(rows, { index: 0, exceptionId: 7, stay: false })).toBe(1);
  });
});

describe('files and charts', () => {
  it('encodes a picked file as base64 in chunks, byte for byte', () => {
    const bytes = new Uint8Array(100_000).map((_, index) => index % 256);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
  it('breaks a bar far above the rest instead of flattening them', () => {
    expect(chartTop([10, 12, 114], [11, 9, 12.67])).toBeCloseTo(12.67 * 1.6);
    expect(chartTop([10, 12, 30], [11])).toBeCloseTo(30 * 1.08);
    expect(chartTop([0, 0], [])).toBeCloseTo(1.08);
  });
  it('labels periods by month and year', () => {
    expect(periodLabel('2026-01')).toBe('Jan 26');
    expect(periodLabel('2025-12')).toBe('Dec 25');
  });
  it('spreads reference labels that would overlap, keeping their order and the plot', () => {
    expect(spreadLabels([100, 104, 200], 16, 10, 220)).toEqual([100, 116, 200]);
    expect(spreadLabels([218, 219], 16, 10, 220)).toEqual([204, 220]);
    expect(spreadLabels([5], 16, 10, 220)).toEqual([10]);
  });
});

describe('CSV profile definition', () => {
  const draft: ProfileDraft = {
    name: ' Handheld ', delimiter: ';', hasHeader: false, skipLines: '2', dateFormat: 'YYYYMMDD',
    columns: { meterSerial: '1', reading: '3', readDate: '4', readTime: '', accountNumber: ' 2 ', unit: '' }, fixedUnit: 'GAL',
    flags: { estimated: { column: '', yes: '', no: '' }, leak: { column: '', yes: '', no: '' } },
  };
  it('takes numbers as column positions, leaves out empty optional columns, and keeps the fixed unit only without a unit column', () => {
    expect(profileDefinition(draft)).toEqual({
      name: 'Handheld', delimiter: ';', hasHeader: false, skipLines: 2, dateFormat: 'YYYYMMDD',
      columns: { meterSerial: 1, reading: 3, readDate: 4, accountNumber: 2 }, fixedUnit: 'GAL',
    });
    const named = profileDefinition({ ...draft, hasHeader: true, columns: { ...draft.columns, meterSerial: 'Meter ID', unit: 'Units' } });
    expect(named.columns).toMatchObject({ meterSerial: 'Meter ID', unit: 'Units' });
    expect(named).not.toHaveProperty('fixedUnit');
  });
});

describe('likelyWorkOrder: W defaults to the order the exception most likely needs (issue #15, item 16)', () => {
  it('sends a leak check for a reported leak, a high-usage check for high use, a re-read otherwise', () => {
    expect(likelyWorkOrder({ type: 'very_high_usage', types: ['very_high_usage', 'leak_reported'] }).type).toBe('leak_check');
    expect(likelyWorkOrder({ type: 'high_usage', types: ['high_usage'] }).type).toBe('high_usage_check');
    expect(likelyWorkOrder({ type: 'zero_use', types: ['zero_use'] })).toEqual({ type: 'reread', why: 'zero use: check whether the meter has stopped' });
    for (const type of ['no_read', 'faulted_register', 'negative_use', 'rollover', 'repeated_use', 'low_usage'] as const) {
      expect(likelyWorkOrder({ type, types: [type] }).type, type).toBe('reread');
    }
  });
});
