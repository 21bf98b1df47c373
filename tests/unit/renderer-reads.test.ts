/** The Meter reads screens' pure parts: status words, filters, selection after an action, file encoding, chart labels, the profile definition. */
import { describe, expect, it } from 'vitest';
import type { CycleStatus, ReadExceptionRow } from '../../src-shared/contract/reads';
import { profileDefinition, type ProfileDraft } from '../../src-renderer/reads/profileDraft';
import { bulkAcceptable, bytesToBase64, cycleStatusLine, expectedText, filterWords, nextSelection } from '../../src-renderer/reads/readsFormat';
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
