/**
 * Import (through core until the file parsers land), then the review worklist through the
 * operations: exceptions, evidence, every action with who/when/why, work orders, courtesy
 * calls, unread meters, cycle status, route export, settings and roles.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ReadImportResult } from '../../src-shared/contract';
import { createTestOffice, type TestOffice } from '../support/office';
import { PERIOD, count, createCycle, importRows, row, type CycleFixture } from './reads-support';

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

/** M-1 normal (11), M-2 very high (40 vs 10), M-3 faulted register, M-4 zero use, M-5 unread; one unknown meter. */
const FILE_ROWS = [
  row(2, 'M-1', '141'),
  row(3, 'm-2', '170'),
  row(4, 'M-3', '4294967294', { faulted: true }),
  row(5, 'M-4', '130'),
  row(6, 'NOPE-9', '55'),
];

async function importedCycle(): Promise<{ office: TestOffice; fixture: CycleFixture; result: ReadImportResult }> {
  office = await createTestOffice();
  const fixture = await createCycle(office);
  const result = importRows(office, FILE_ROWS, { skipUnmatched: true }) as ReadImportResult;
  return { office, fixture, result };
}

describe('import', () => {
  it('previews counts, matched and unmatched meters with their lines, and exceptions by type, writing nothing', async () => {
    office = await createTestOffice();
    await createCycle(office);
    const readsBefore = count(office, 'SELECT COUNT(*) FROM meter_reads');
    const preview = importRows(office, FILE_ROWS, { commit: false });
    expect(preview).toMatchObject({ rowCount: 5, readCount: 3, matchedCount: 4, faultedCount: 1, exceptionCount: 3, canImport: false });
    expect(preview.unmatched).toEqual([
      { line: 6, meterSerial: 'NOPE-9', accountNumber: null, reason: 'unknown_meter', message: 'Line 6: there is no meter NOPE-9 in the office; check the serial or add the meter' },
    ]);
    expect(preview.exceptionsByType).toEqual({ very_high_usage: 1, faulted_register: 1, zero_use: 1 });
    expect(preview.blockedReason).toMatch(/^1 read does not match a meter of cycle 1 for 2026-11 .*skip unmatched reads/);
    expect(count(office, 'SELECT COUNT(*) FROM meter_reads')).toBe(readsBefore);
    expect(count(office, 'SELECT COUNT(*) FROM read_imports')).toBe(0);
  });

  it('refuses a file with unmatched reads whole, imports the matched ones when asked to skip the rest', async () => {
    office = await createTestOffice();
    await createCycle(office);
    const readsBefore = count(office, 'SELECT COUNT(*) FROM meter_reads');
    expect(() => importRows(office!, FILE_ROWS)).toThrow(/does not match a meter/);
    expect(count(office, 'SELECT COUNT(*) FROM meter_reads')).toBe(readsBefore);
    const result = importRows(office, FILE_ROWS, { skipUnmatched: true }) as ReadImportResult;
    expect(result.importId).toBeGreaterThan(0);
    expect(count(office, 'SELECT COUNT(*) FROM meter_reads')).toBe(readsBefore + 3);
    expect(count(office, "SELECT COUNT(*) FROM meter_reads WHERE period = '2026-11' AND status = 'review'")).toBe(2);
    expect(count(office, "SELECT COUNT(*) FROM read_exceptions WHERE type = 'faulted_register' AND read_id IS NULL")).toBe(1);
    // A faulted register is an exception, never a read.
    expect(count(office, "SELECT COUNT(*) FROM meter_reads WHERE reading_text = '4294967294'")).toBe(0);
    const imports = await office.as('clerk').must('reads.imports', {});
    expect(imports).toMatchObject([{ importId: result.importId, readCount: 3, exceptionCount: 3, unmatchedCount: 1, importedBy: 'Tomas Technician' }]);
  });

  it('recognises the same file twice and names the earlier import', async () => {
    const { office: o, result } = await importedCycle();
    const again = importRows(o, FILE_ROWS, { skipUnmatched: true, commit: false });
    expect(again.duplicateOf?.importId).toBe(result.importId);
    expect(() => importRows(o, FILE_ROWS, { skipUnmatched: true })).toThrow(`already imported on 2026-11-10 by Tomas Technician (import ${result.importId}, cycle1.csv)`);
  });

  it('rejects a file with a malformed line whole, naming the line and field', async () => {
    office = await createTestOffice();
    await createCycle(office);
    const problems = [{ line: 7, field: 'Read', message: '"12a" is not a number' }];
    const preview = importRows(office, [row(2, 'M-1', '141')], { commit: false, problems });
    expect(preview.canImport).toBe(false);
    // The parser's message had no place of its own: the one formatter (src-shared/file-problems.ts) puts it in front, once.
    expect(preview.blockedReason).toMatch(/first: Line 7, Read: "12a" is not a number\)/);
    expect(() => importRows(office!, [row(2, 'M-1', '141')], { problems })).toThrow(/first: Line 7, Read/);
    expect(count(office, 'SELECT COUNT(*) FROM read_imports')).toBe(0);
  });

  it('refuses a meter read twice in one file, a meter of another cycle and one already read for the period', async () => {
    office = await createTestOffice();
    const fixture = await createCycle(office);
    office.runtime.database.sqlite.prepare("UPDATE service_locations SET cycle = 2 WHERE id = (SELECT location_id FROM meters WHERE serial = 'M-5')").run();
    const preview = importRows(office, [row(2, 'M-1', '141'), row(3, 'M-1', '142'), row(4, 'M-5', '141'), row(5, 'M-2', '141', { accountNumber: '999999-01' })], { commit: false });
    expect(preview.problems).toEqual([{ line: 3, field: 'meter', message: 'Meter M-1 is read twice in this file (lines 2 and 3)' }]);
    expect(preview.unmatched.map((item) => [item.line, item.reason])).toEqual([[4, 'other_cycle'], [5, 'account_mismatch']]);
    importRows(office, [row(2, 'M-1', '141', { accountNumber: fixture.accountNumbers['M-1']! })], { fileName: 'a.csv' });
    const second = importRows(office, [row(2, 'M-1', '142')], { fileName: 'b.csv', commit: false });
    expect(second.unmatched.map((item) => item.message)).toEqual(['Line 2: meter M-1 already has a read for 2026-11 that is not under review']);
  });

  it('converts a reading given in another unit of the same family (CF file, HCF register)', async () => {
    office = await createTestOffice();
    await createCycle(office);
    const preview = importRows(office, [row(2, 'M-1', '14100', { unit: 'CF' }), row(3, 'M-2', '1', { unit: 'GAL' })], { commit: false });
    expect(preview.problems).toEqual([{ line: 3, field: 'unit', message: 'The reading is in GAL, but meter M-2 registers HCF; these units cannot be converted exactly' }]);
    const ok = importRows(office, [row(2, 'M-1', '14100', { unit: 'CF' })]) as ReadImportResult;
    expect(ok.readCount).toBe(1);
    expect(count(office, "SELECT COUNT(*) FROM meter_reads WHERE reading_text = '141' AND usage_hcf = '11'")).toBe(1);
  });
});

describe('the review worklist', () => {
  it('lists light rows filtered by type, route and status', async () => {
    const { office: o, fixture } = await importedCycle();
    const all = await o.as('clerk').must('reads.exceptions', { cycle: 1, period: PERIOD });
    expect(all.total).toBe(3);
    expect(all.rows.map((item) => [item.meterSerial, item.type, item.severity, item.status])).toEqual([
      ['M-2', 'very_high_usage', 'critical', 'open'],
      ['M-3', 'faulted_register', 'critical', 'open'],
      ['M-4', 'zero_use', 'warning', 'open'],
    ]);
    const m2 = all.rows[0]!;
    expect(m2).toMatchObject({
      accountNumber: fixture.accountNumbers['M-2'], customerName: 'Reader2, Ana', serviceAddress: '2 Elm St, Valle Verde', route: 'R1', sequence: 2,
      reading: '170', usageHcf: '40', priorUsageHcf: '10', lastYearUsageHcf: '10', averageUsageHcf: '10', expectedLowHcf: '5', expectedHighHcf: '15',
    });
    expect(m2.types).toEqual(['very_high_usage']);
    const lows = await o.as('clerk').must('reads.exceptions', { cycle: 1, period: PERIOD, types: ['low_usage'] });
    expect(lows.rows.map((item) => item.meterSerial)).toEqual(['M-4']);
    const route2 = await o.as('clerk').must('reads.exceptions', { cycle: 1, period: PERIOD, route: 'R2' });
    expect(route2.rows.map((item) => item.meterSerial)).toEqual(['M-4']);
    const resolved = await o.as('clerk').must('reads.exceptions', { cycle: 1, period: PERIOD, statuses: ['resolved'] });
    expect(resolved.total).toBe(0);
  });

  it('shows one exception with its account, meter, read and at least 13 periods of history with the benchmarks', async () => {
    const { office: o } = await importedCycle();
    const { rows } = await o.as('clerk').must('reads.exceptions', { cycle: 1, period: PERIOD, types: ['very_high_usage'] });
    const detail = await o.as('clerk').must('reads.exception', { exceptionId: rows[0]!.exceptionId });
    expect(detail.account).toMatchObject({ customerName: 'Reader2, Ana', status: 'active', phone: '209-555-0100' });
    expect(detail.meter).toMatchObject({ serial: 'M-2', dials: 4, unit: 'HCF', multiplier: '1' });
    expect(detail.read).toMatchObject({ reading: '170', usageHcf: '40', priorReading: '130', priorReadDate: '2026-10-09', status: 'review', originalReading: null });
    expect(detail.history.length).toBeGreaterThanOrEqual(14);
    expect(detail.history.at(-1)).toMatchObject({ period: '2026-11', usageHcf: '40', current: true });
    expect(detail.history[0]).toMatchObject({ period: '2025-10', usageHcf: '10', current: false });
    expect(detail.benchmarks).toEqual({ priorHcf: '10', lastYearHcf: '10', averageHcf: '10', averagePeriods: 12 });
    // 40 HCF against benchmarks of 10: one finding, outside the expected 5–15 HCF.
    expect(detail.findings.map((item) => [item.basis, item.deviationPercent, item.message])).toEqual([['average', 300, 'Very high: 40 HCF against 10 HCF the average (+300%; expected 5–15 HCF)']]);
    expect(detail.actions).toMatchObject([{ action: 'created', byUser: 'Tomas Technician' }]);
  });

  it('accepts, corrects (reason required, original kept) and estimates, each with who, when and why, in the audit too', async () => {
    const { office: o } = await importedCycle();
    const tech = o.as('technician');
    const { rows } = await tech.must('reads.exceptions', { cycle: 1, period: PERIOD });
    const [m2, m3, m4] = rows.map((item) => item.exceptionId) as [number, number, number];

    const noReason = await tech.call('reads.resolve', { exceptionId: m2, action: { kind: 'correct', reading: '150', reason: ' ' } });
    expect(noReason.ok || noReason.error).toMatchObject({ code: 'INVALID_INPUT', field: 'action.reason' });
    const corrected = await tech.must('reads.resolve', { exceptionId: m2, action: { kind: 'correct', reading: '0150', reason: 'Reader keyed 170 for 150; photo checked' } });
    expect(corrected.exception).toMatchObject({ status: 'resolved', resolution: 'corrected', reading: '150', usageHcf: '20' });
    expect(corrected.read).toMatchObject({ reading: '150', usageHcf: '20', originalReading: '170', originalUsageHcf: '40', status: 'corrected' });
    expect(corrected.actions.at(-1)).toMatchObject({
      action: 'correct', byUser: 'Tomas Technician', reason: 'Reader keyed 170 for 150; photo checked', detail: 'reading 170 → 150; use 20 HCF',
    });

    // The faulted register has no reading: it cannot be accepted, it is estimated from the average of the last 3 actual reads.
    const acceptFault = await tech.call('reads.resolve', { exceptionId: m3, action: { kind: 'accept', reason: '' } });
    expect(acceptFault.ok || acceptFault.error.code).toBe('CONFLICT');
    const estimated = await tech.must('reads.resolve', { exceptionId: m3, action: { kind: 'estimate', method: 'average', reason: 'Register faulted' } });
    expect(estimated.read).toMatchObject({ reading: '140', usageHcf: '10', estimated: true, status: 'estimated' });
    expect(estimated.actions.at(-1)?.detail).toBe('estimated from the average of the last 3 actual reads (10 HCF): reading 4294967294 → 140; use 10 HCF');

    const accepted = await tech.must('reads.resolve', { exceptionId: m4, action: { kind: 'accept', reason: 'Home is vacant (owner called)' } });
    expect(accepted.exception.status).toBe('resolved');
    expect(accepted.read?.status).toBe('accepted');
    const twice = await tech.call('reads.resolve', { exceptionId: m4, action: { kind: 'accept', reason: '' } });
    expect(twice.ok || twice.error.code).toBe('CONFLICT');

    const audit = o.runtime.database.sqlite
      .prepare("SELECT username, input_json FROM audit_log WHERE operation = 'reads.resolve' ORDER BY seq")
      .all() as { username: string; input_json: string }[];
    expect(audit.map((item) => [item.username, JSON.parse(item.input_json).action.kind])).toEqual([['tomas', 'correct'], ['tomas', 'estimate'], ['tomas', 'accept']]);
  });

  it('estimates from the same period last year; holds and reopens with a reason', async () => {
    const { office: o } = await importedCycle();
    const tech = o.as('technician');
    const { rows } = await tech.must('reads.exceptions', { cycle: 1, period: PERIOD, types: ['zero_use'] });
    const id = rows[0]!.exceptionId;
    const held = await tech.must('reads.resolve', { exceptionId: id, action: { kind: 'hold', reason: 'Waiting for the owner to call back' } });
    expect(held.exception.status).toBe('held');
    const reopened = await tech.must('reads.resolve', { exceptionId: id, action: { kind: 'reopen', reason: 'Owner called' } });
    expect(reopened.exception.status).toBe('open');
    const estimate = await tech.must('reads.resolve', { exceptionId: id, action: { kind: 'estimate', method: 'last_year', reason: '' } });
    expect(estimate.read).toMatchObject({ reading: '140', usageHcf: '10', estimated: true, originalReading: '130', originalUsageHcf: '0' });
    expect(estimate.actions.map((item) => item.action)).toEqual(['created', 'hold', 'reopen', 'estimate']);
  });

  it('orders a re-read as a work order and logs a courtesy call in the contact log', async () => {
    const { office: o, fixture } = await importedCycle();
    const tech = o.as('technician');
    const { rows } = await tech.must('reads.exceptions', { cycle: 1, period: PERIOD, types: ['very_high_usage'] });
    const id = rows[0]!.exceptionId;
    const order = await tech.must('reads.orderWorkOrder', { exceptionId: id, type: 'reread', notes: 'Check the dials; photo please' });
    expect(order).toMatchObject({ type: 'reread', status: 'open', meterSerial: 'M-2', accountNumber: fixture.accountNumbers['M-2'], exceptionId: id, createdBy: 'Tomas Technician' });
    const listed = await o.as('clerk').must('workOrders.list', { status: 'open' });
    expect(listed.map((item) => item.workOrderId)).toEqual([order.workOrderId]);
    const row2 = (await tech.must('reads.exceptions', { cycle: 1, period: PERIOD, types: ['very_high_usage'] })).rows[0]!;
    expect(row2.workOrderId).toBe(order.workOrderId);

    const called = await tech.must('reads.logCourtesyCall', { exceptionId: id, outcome: 'reached', contactName: 'Ana', notes: 'Told her about the high use; she will check the toilet' });
    expect(called.actions.map((item) => item.action)).toEqual(['created', 'work_order', 'courtesy_call']);
    const contacts = await o.as('clerk').must('contacts.list', { accountId: fixture.accountIds['M-2']! });
    expect(contacts[0]).toMatchObject({ channel: 'phone', subject: 'High-usage courtesy call: reached the customer', byUser: 'Tomas Technician', contactName: 'Ana' });
    expect(contacts[0]?.notes).toContain('Use 40 HCF for 2026-11 (meter M-2).');

    const done = await tech.must('workOrders.setStatus', { workOrderId: order.workOrderId, status: 'completed', notes: 'Read 170 confirmed' });
    expect(done).toMatchObject({ status: 'completed', closedBy: 'Tomas Technician' });
    const again = await tech.call('workOrders.setStatus', { workOrderId: order.workOrderId, status: 'cancelled' });
    expect(again.ok || again.error.code).toBe('CONFLICT');
  });

  it('bulk accept leaves alone what was held or sent to the field', async () => {
    const { office: o } = await importedCycle();
    const tech = o.as('technician');
    const { rows } = await tech.must('reads.exceptions', { cycle: 1, period: PERIOD });
    const withReading = rows.filter((item) => item.type !== 'faulted_register');
    expect(withReading).toHaveLength(2);
    const [held, sentToField] = withReading as [(typeof rows)[number], (typeof rows)[number]];
    await tech.must('reads.resolve', { exceptionId: held.exceptionId, action: { kind: 'hold', reason: 'Customer disputes the read' } });
    await tech.must('reads.orderWorkOrder', { exceptionId: sentToField.exceptionId, type: 'reread', notes: 'Check the register' });
    const result = await tech.must('reads.bulkAccept', { exceptionIds: rows.map((item) => item.exceptionId) });
    expect(result).toEqual({ accepted: 0, skipped: 3 });
    const after = await tech.must('reads.exceptions', { cycle: 1, period: PERIOD, statuses: ['held'] });
    expect(after.rows.map((item) => item.exceptionId)).toEqual([held.exceptionId]);
    expect(count(o, "SELECT COUNT(*) FROM read_exception_actions WHERE action = 'accept'")).toBe(0);
  });

  it('bulk-accepts a filtered set, skipping what has no reading', async () => {
    const { office: o } = await importedCycle();
    const tech = o.as('technician');
    const { rows } = await tech.must('reads.exceptions', { cycle: 1, period: PERIOD });
    const result = await tech.must('reads.bulkAccept', { exceptionIds: rows.map((item) => item.exceptionId), reason: 'Reviewed with the route sheet' });
    expect(result).toEqual({ accepted: 2, skipped: 1 });
    const open = await tech.must('reads.exceptions', { cycle: 1, period: PERIOD, statuses: ['open'] });
    expect(open.rows.map((item) => item.type)).toEqual(['faulted_register']);
    expect(count(o, "SELECT COUNT(*) FROM read_exception_actions WHERE action = 'accept' AND reason = 'Reviewed with the route sheet' AND user_id IS NOT NULL")).toBe(2);
  });
});

describe('unread meters and cycle status', () => {
  it('lists the unread meters, raises no-read exceptions, and says when the cycle is ready to bill', async () => {
    const { office: o } = await importedCycle();
    const tech = o.as('technician');
    const unread = await tech.must('reads.unread', { cycle: 1, period: PERIOD });
    // M-3 (faulted) and M-5 (not in the file) have no read.
    expect(unread.rows.map((item) => [item.meterSerial, item.route, item.lastReading, item.exceptionStatus])).toEqual([
      ['M-3', 'R1', '130', 'open'],
      ['M-5', 'R2', '130', null],
    ]);
    expect((await tech.must('reads.unread', { cycle: 1, period: PERIOD, route: 'R2' })).total).toBe(1);
    let status = await tech.must('reads.cycleStatus', { cycle: 1, period: PERIOD });
    expect(status).toMatchObject({ activeMeters: 5, readMeters: 3, unreadCount: 2, openExceptions: 3, heldExceptions: 0, readyToBill: false });
    expect(status.reasons).toEqual(['2 meters are not read yet (see the unread report)', '3 abnormal reads are still open on the worklist']);

    expect(await tech.must('reads.flagUnread', { cycle: 1, period: PERIOD })).toEqual({ flagged: 1, alreadyFlagged: 1 });
    // M-5 used 10 HCF every month of its 13 months of history: a no-read shows those figures too.
    const noRead = (await tech.must('reads.exceptions', { cycle: 1, period: PERIOD, types: ['no_read'] })).rows[0]!;
    const noReadDetail = await tech.must('reads.exception', { exceptionId: noRead.exceptionId });
    expect(noReadDetail.benchmarks).toMatchObject({ priorHcf: '10', lastYearHcf: '10', averageHcf: '10' });
    expect(await tech.must('reads.flagUnread', { cycle: 1, period: PERIOD })).toEqual({ flagged: 0, alreadyFlagged: 2 });
    const { rows } = await tech.must('reads.exceptions', { cycle: 1, period: PERIOD, statuses: ['open'] });
    const byType = Object.fromEntries(rows.map((item) => [item.type, item.exceptionId]));
    await tech.must('reads.bulkAccept', { exceptionIds: rows.map((item) => item.exceptionId) });
    await tech.must('reads.resolve', { exceptionId: byType.faulted_register!, action: { kind: 'hold', reason: 'Register replacement ordered' } });
    status = await tech.must('reads.cycleStatus', { cycle: 1, period: PERIOD });
    expect(status).toMatchObject({ unreadCount: 1, openExceptions: 1, heldExceptions: 1, readyToBill: false });
    await tech.must('reads.resolve', { exceptionId: byType.no_read!, action: { kind: 'estimate', method: 'average', reason: 'Dog in yard' } });
    status = await tech.must('reads.cycleStatus', { cycle: 1, period: PERIOD });
    expect(status).toMatchObject({ readMeters: 4, unreadCount: 0, openExceptions: 0, heldExceptions: 1, resolvedExceptions: 3, readyToBill: true, reasons: [] });
  });

  it('closes a no-read exception when a later file brings the read', async () => {
    office = await createTestOffice();
    await createCycle(office);
    importRows(office, [row(2, 'M-1', '141')], { fileName: 'first.csv' });
    await office.as('technician').must('reads.flagUnread', { cycle: 1, period: PERIOD });
    importRows(office, [row(2, 'M-5', '141')], { fileName: 'late.csv' });
    const { rows } = await office.as('clerk').must('reads.exceptions', { cycle: 1, period: PERIOD, types: ['no_read'], statuses: ['resolved'] });
    expect(rows.map((item) => [item.meterSerial, item.resolution])).toEqual([['M-5', 'read_received']]);
  });

  it('exports the route file with prior readings and the expected reading range', async () => {
    office = await createTestOffice();
    const fixture = await createCycle(office);
    const exported = await office.as('technician').must('reads.routeExport', { cycle: 1, period: PERIOD, route: 'R2' });
    expect(exported.fileName).toBe('route-export-cycle1-2026-11-route-R2.csv');
    expect(exported.rowCount).toBe(2);
    const lines = exported.csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('Route,Sequence,Account,Customer,Service_Address,Meter_Serial,Meter_Size,Dials,Unit,Multiplier,Prior_Read_Date,Prior_Reading,Expected_Low_Reading,Expected_High_Reading');
    // Average 10 HCF: expected use 5 … 15, so readings 135 … 145 after 130.
    expect(lines[1]).toBe(`R2,4,${fixture.accountNumbers['M-4']},"Reader4, Ana","4 Elm St, Valle Verde",M-4,5/8,4,HCF,1,2026-10-09,130,135,145`);
  });
});

describe('settings, profiles and roles', () => {
  it('reads the thresholds; only a supervisor changes them', async () => {
    office = await createTestOffice();
    expect(await office.as('clerk').must('reads.settings', {})).toMatchObject({ highPercent: 50, veryHighPercent: 200, lowPercent: 50, averagePeriods: 12 });
    const refused = await office.as('technician').call('reads.setSettings', { highPercent: 40 });
    expect(refused.ok || refused.error.code).toBe('FORBIDDEN');
    expect(await office.as('supervisor').must('reads.setSettings', { highPercent: 40 })).toMatchObject({ highPercent: 40, veryHighPercent: 200 });
    expect((await office.as('clerk').must('reads.settings', {})).highPercent).toBe(40);
  });

  it('a clerk cannot import, resolve or order work; a clerk can look', async () => {
    office = await createTestOffice();
    for (const [op, input] of [
      ['reads.import', { fileName: 'a.csv', contentBase64: 'YQ==', profile: { kind: 'badger-beacon' }, cycle: 1, period: PERIOD }],
      ['reads.resolve', { exceptionId: 1, action: { kind: 'accept' } }],
      ['reads.bulkAccept', { exceptionIds: [1] }],
      ['reads.orderWorkOrder', { exceptionId: 1, type: 'reread' }],
      ['reads.flagUnread', { cycle: 1, period: PERIOD }],
    ] as const) {
      const result = await office.as('clerk').call(op, input as never);
      expect(result.ok || result.error.code, op).toBe('FORBIDDEN');
    }
    expect((await office.as('clerk').call('reads.cycleStatus', { cycle: 1, period: PERIOD })).ok).toBe(true);
  });
});
