/**
 * Re-reads: field staff read a flagged meter again; the re-read replaces the read under review
 * (from a re-read file or keyed from the slip), is checked again against the same history, and
 * clears the exception only when it passes. The first reading is kept; the re-read work order
 * is completed with it. A meter whose read was already accepted is not re-read by a file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ReadImportPreview, ReadImportResult } from '../../src-shared/contract';
import { createTestOffice, type TestOffice } from '../support/office';
import { PERIOD, count, createCycle, importRows, row, type CycleFixture } from './reads-support';

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

/** M-1 normal (use 11), M-2 very high (170: use 40 against 10 a month), M-3 faulted register. */
async function flaggedCycle(): Promise<{ office: TestOffice; fixture: CycleFixture; veryHighId: number; faultedId: number; workOrderId: number }> {
  office = await createTestOffice();
  const fixture = await createCycle(office);
  importRows(office, [row(2, 'M-1', '141'), row(3, 'M-2', '170'), row(4, 'M-3', '4294967294', { faulted: true })], { skipUnmatched: true });
  const tech = office.as('technician');
  const { rows } = await tech.must('reads.exceptions', { cycle: 1, period: PERIOD });
  const veryHighId = rows.find((item) => item.meterSerial === 'M-2')!.exceptionId;
  const faultedId = rows.find((item) => item.meterSerial === 'M-3')!.exceptionId;
  const order = await tech.must('reads.orderWorkOrder', { exceptionId: veryHighId, type: 'reread', notes: 'Check the dials' });
  return { office, fixture, veryHighId, faultedId, workOrderId: order.workOrderId };
}

const readOf = (o: TestOffice, serial: string) =>
  o.runtime.database.sqlite
    .prepare(
      `SELECT r.reading_text AS reading, r.original_reading_text AS original, r.usage_hcf AS usageHcf, r.status, r.read_date AS readDate
       FROM meter_reads r JOIN meters m ON m.id = r.meter_id WHERE m.serial = ? AND r.period = ?`,
    )
    .all(serial, PERIOD);

describe('re-reads', () => {
  it('a re-read file replaces the read under review, clears the exception when it passes and completes the work order', async () => {
    const { office: o, veryHighId, workOrderId } = await flaggedCycle();
    const rows = [row(2, 'M-2', '141', { readDate: '2026-11-12' }), row(3, 'M-1', '142', { readDate: '2026-11-12' })];
    const preview = importRows(o, rows, { fileName: 'rereads.csv', skipUnmatched: true, commit: false }) as ReadImportPreview;
    expect(preview).toMatchObject({ readCount: 1, reReadCount: 1, exceptionCount: 0 });
    expect(preview.unmatched.map((item) => item.message)).toEqual(['Line 3: meter M-1 already has a read for 2026-11 that is not under review']);

    importRows(o, rows, { fileName: 'rereads.csv', skipUnmatched: true });
    expect(readOf(o, 'M-2')).toEqual([{ reading: '141', original: '170', usageHcf: '11', status: 'ok', readDate: '2026-11-12' }]);
    const detail = await o.as('technician').must('reads.exception', { exceptionId: veryHighId });
    expect(detail.exception).toMatchObject({ status: 'resolved', resolution: 're_read', reading: '141', usageHcf: '11' });
    const reRead = detail.actions.find((action) => action.action === 're_read');
    expect(reRead?.detail).toMatch(/^re-read 170 → 141 on 2026-11-12 \(import \d+ \(rereads\.csv\)\); use 11 HCF; the read now passes every check$/);
    const order = (await o.as('clerk').must('workOrders.list', {})).find((item) => item.workOrderId === workOrderId);
    expect(order).toMatchObject({ status: 'completed', closedBy: 'Tomas Technician' });
    expect(order?.notes).toMatch(/Re-read 141 received \(import \d+ \(rereads\.csv\)\)/);
    // Still one read for the period: replaced, not added.
    expect(count(o, "SELECT count(*) FROM meter_reads WHERE period = '2026-11'")).toBe(2);
  });

  it('a re-read that confirms the high use leaves the exception open with what the re-read shows', async () => {
    const { office: o, veryHighId } = await flaggedCycle();
    importRows(o, [row(2, 'M-2', '171', { readDate: '2026-11-12' })], { fileName: 'rereads.csv' });
    const detail = await o.as('technician').must('reads.exception', { exceptionId: veryHighId });
    expect(detail.exception).toMatchObject({ status: 'open', type: 'very_high_usage', reading: '171', usageHcf: '41' });
    expect(detail.exception.message).toMatch(/^Re-read: /);
    expect(readOf(o, 'M-2')).toEqual([{ reading: '171', original: '170', usageHcf: '41', status: 'review', readDate: '2026-11-12' }]);
    expect(detail.actions.at(-1)?.detail).toContain('still flagged');
    // The technician can now accept what two reads agree on.
    const accepted = await o.as('technician').must('reads.resolve', { exceptionId: veryHighId, action: { kind: 'accept', reason: 'confirmed by re-read' } });
    expect(accepted.exception.status).toBe('resolved');
  });

  it('a re-read keyed from the field slip gives a faulted register its reading', async () => {
    const { office: o, faultedId } = await flaggedCycle();
    const detail = await o.as('technician').must('reads.resolve', {
      exceptionId: faultedId,
      action: { kind: 're_read', reading: '0142', readDate: '2026-11-13', reason: 'register replaced display' },
    });
    expect(detail.exception).toMatchObject({ status: 'resolved', resolution: 're_read', reading: '142', usageHcf: '12' });
    expect(readOf(o, 'M-3')).toEqual([{ reading: '142', original: '142', usageHcf: '12', status: 'ok', readDate: '2026-11-13' }]);
    const bad = await o.as('technician').call('reads.resolve', { exceptionId: faultedId, action: { kind: 're_read', reading: '150', readDate: '2026-11-13', reason: '' } });
    expect(bad.ok || bad.error.code).toBe('CONFLICT');
  });

  it('a keyed re-read beyond the register is refused, naming the field, and changes nothing', async () => {
    const { office: o, veryHighId } = await flaggedCycle();
    const refused = await o.as('technician').call('reads.resolve', { exceptionId: veryHighId, action: { kind: 're_read', reading: '10000', readDate: '2026-11-12', reason: '' } });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'INVALID_INPUT', message: 'A 4-dial register cannot show 10000', field: 'action.reading' });
    expect(readOf(o, 'M-2')).toEqual([{ reading: '170', original: null, usageHcf: '40', status: 'review', readDate: '2026-11-09' }]);
  });

  it('a read already accepted is not replaced by a re-read file', async () => {
    const { office: o, veryHighId } = await flaggedCycle();
    await o.as('technician').must('reads.resolve', { exceptionId: veryHighId, action: { kind: 'accept', reason: 'pool fill' } });
    const preview = importRows(o, [row(2, 'M-2', '141')], { fileName: 'late.csv', commit: false }) as ReadImportResult;
    expect(preview.canImport).toBe(false);
    expect(preview.unmatched.map((item) => item.message)).toEqual([
      "Line 2: meter M-2 already has a read for 2026-11 that is not under review",
    ]);
  });
});

describe('a read dated before its period began', () => {
  it('never counts toward its own benchmarks, before or after a re-read', async () => {
    office = await createTestOffice();
    await createCycle(office);
    // Read on 2026-10-30 for the 2026-11 period: 170 is 40 HCF against 10 a month.
    importRows(office, [row(2, 'M-2', '170', { readDate: '2026-10-30' })], { skipUnmatched: true });
    const tech = office.as('technician');
    const exceptionId = (await tech.must('reads.exceptions', { cycle: 1, period: PERIOD })).rows.find((item) => item.meterSerial === 'M-2')!.exceptionId;
    const before = await tech.must('reads.exception', { exceptionId });
    expect(before.exception.averageUsageHcf).toBe('10');
    const after = await tech.must('reads.resolve', { exceptionId, action: { kind: 're_read', reading: '171', readDate: '2026-10-31', reason: '' } });
    expect(after.exception).toMatchObject({ status: 'open', usageHcf: '41', averageUsageHcf: '10' });
  });
});
