/**
 * reads.cycles (every cycle of a period with the cycle status counts and its read day) and
 * reads.estimatePreview (the exact reading and use an estimate would store, from the same
 * function the estimate action uses), plus the courtesy-call rule, through the operations.
 * Figures are worked out by hand from the fixture: 4-dial HCF registers read on the 9th, 10 HCF
 * a month (reading 130 on 2026-10-09) unless a test changes the history.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestOffice, type TestOffice } from '../support/office';
import { PERIOD, count, createCycle, importRows, row, type CycleFixture } from './reads-support';

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

/** Rewrites one monthly read of the fixture: its reading and use. */
function setRead(o: TestOffice, meterId: number, period: string, reading: number, usageHcf: string): void {
  const changed = o.runtime.database.sqlite
    .prepare(`UPDATE meter_reads SET reading = ?, usage_hcf = ? WHERE meter_id = ? AND read_date = ?`)
    .run(reading, usageHcf, meterId, `${period}-09`).changes;
  expect(changed, `${period} read of meter ${meterId}`).toBe(1);
}

/** A second cycle with one meter that has only its install read. */
async function addCycleTwoMeter(o: TestOffice): Promise<void> {
  await o.as('clerk').must('accounts.create', {
    customer: { kind: 'person', firstName: 'Bea', lastName: 'Newcomer', mailing: { street: '9 Oak St', city: 'Valle Verde', state: 'CA', zip: '95350' } },
    location: { street: '9 Oak St', city: 'Valle Verde', zip: '95350', route: 'R9', sequence: 1, cycle: 2 },
    meter: { serial: 'N-1', size: '5/8', dials: 4, unit: 'HCF', installedOn: '2026-10-01', initialReading: 0 },
    services: [{ service: 'water', rateClass: 'residential' }],
    openedOn: '2026-10-01',
  });
}

describe('reads.cycles', () => {
  it('lists every cycle of the district with the counts of reads.cycleStatus and the day it is read', async () => {
    office = await createTestOffice();
    await createCycle(office);
    await addCycleTwoMeter(office);
    // Cycle 1 read on the 10th this time: M-1 normal (11 HCF), M-2 very high (40), M-3 faulted; M-4 and M-5 unread.
    importRows(office, [row(2, 'M-1', '141', { readDate: '2026-11-10' }), row(3, 'M-2', '170', { readDate: '2026-11-10' }), row(4, 'M-3', '4294967294', { faulted: true, readDate: '2026-11-10' })]);

    const clerk = office.as('clerk');
    const { period, cycles } = await clerk.must('reads.cycles', { period: PERIOD });
    expect(period).toBe(PERIOD);
    expect(cycles.map((item) => item.cycle)).toEqual([1, 2]);
    const [one, two] = cycles as [(typeof cycles)[number], (typeof cycles)[number]];
    expect(one).toMatchObject({ cycle: 1, period: PERIOD, readDay: 10, readDayPeriod: PERIOD, activeMeters: 5, readMeters: 2, unreadCount: 3, openExceptions: 2, heldExceptions: 0, readyToBill: false });
    // The install read is not a read day: cycle 2 has never been read.
    expect(two).toMatchObject({ cycle: 2, readDay: null, readDayPeriod: null, activeMeters: 1, readMeters: 0, unreadCount: 1, openExceptions: 0, readyToBill: false });
    // Each row is the cycle status itself (the same rule, not a second one).
    for (const summary of cycles) {
      const { readDay: _day, readDayPeriod: _from, ...status } = summary;
      expect(status).toEqual(await clerk.must('reads.cycleStatus', { cycle: summary.cycle, period: PERIOD }));
    }
  });

  it("defaults to the office's current month and takes the read day from the newest month read", async () => {
    office = await createTestOffice(); // the clock says 2026-11-02
    await createCycle(office);
    importRows(office, [row(2, 'M-1', '141', { readDate: '2026-11-10' })]);
    const now = await office.as('clerk').must('reads.cycles', {});
    expect(now.period).toBe('2026-11');
    expect(now.cycles[0]).toMatchObject({ cycle: 1, readDay: 10, readDayPeriod: '2026-11' });
    // December not read yet: the day is November's; October's reads were on the 9th.
    expect((await office.as('clerk').must('reads.cycles', { period: '2026-12' })).cycles[0]).toMatchObject({ readDay: 10, readDayPeriod: '2026-11', readMeters: 0, unreadCount: 5 });
    expect((await office.as('clerk').must('reads.cycles', { period: '2026-10' })).cycles[0]).toMatchObject({ readDay: 9, readDayPeriod: '2026-10', readMeters: 5, unreadCount: 0, readyToBill: true });
  });

  it('a held no-read makes a cycle ready to bill in the list as in the status', async () => {
    office = await createTestOffice();
    await createCycle(office);
    importRows(office, [row(2, 'M-1', '141'), row(3, 'M-2', '142'), row(4, 'M-3', '143'), row(5, 'M-4', '144')]);
    const tech = office.as('technician');
    expect((await tech.must('reads.cycles', { period: PERIOD })).cycles[0]).toMatchObject({ unreadCount: 1, openExceptions: 0, readyToBill: false });
    await tech.must('reads.flagUnread', { cycle: 1, period: PERIOD });
    const noRead = (await tech.must('reads.exceptions', { cycle: 1, period: PERIOD, types: ['no_read'] })).rows[0]!;
    await tech.must('reads.resolve', { exceptionId: noRead.exceptionId, action: { kind: 'hold', reason: 'Locked gate; read next month' } });
    const [one] = (await tech.must('reads.cycles', { period: PERIOD })).cycles;
    expect(one).toMatchObject({ readMeters: 4, unreadCount: 0, openExceptions: 0, heldExceptions: 1, readyToBill: true, reasons: [] });
  });

  it('refuses a period that is not a month', async () => {
    office = await createTestOffice();
    const bad = await office.as('clerk').call('reads.cycles', { period: '2026-13' });
    expect(bad.ok || bad.error).toMatchObject({ code: 'INVALID_INPUT', field: 'period' });
  });
});

describe('reads.estimatePreview', () => {
  async function withHistory(): Promise<{ o: TestOffice; fixture: CycleFixture }> {
    office = await createTestOffice();
    const fixture = await createCycle(office);
    // M-1: the last three actual reads used 10, 12 and 14 HCF (readings 110, 122, 136).
    setRead(office, fixture.meterIds['M-1']!, '2026-09', 122, '12');
    setRead(office, fixture.meterIds['M-1']!, '2026-10', 136, '14');
    // M-2: 10, 12 and 13 HCF, the last reading 9995 near the top of its 4 dials.
    setRead(office, fixture.meterIds['M-2']!, '2026-09', 122, '12');
    setRead(office, fixture.meterIds['M-2']!, '2026-10', 9995, '13');
    // M-1's register faulted (no read); M-2 read 9995 again (zero use).
    importRows(office, [row(2, 'M-1', '4294967294', { faulted: true }), row(3, 'M-2', '9995')]);
    return { o: office, fixture };
  }

  async function exceptionOf(o: TestOffice, serial: string): Promise<number> {
    const { rows } = await o.as('clerk').must('reads.exceptions', { cycle: 1, period: PERIOD });
    const found = rows.find((item) => item.meterSerial === serial);
    expect(found, `exception of ${serial}`).toBeDefined();
    return found!.exceptionId;
  }

  it('gives the exact reading and use of an average estimate (10, 12, 14 HCF → 12), and the estimate stores exactly that', async () => {
    const { o } = await withHistory();
    const id = await exceptionOf(o, 'M-1');
    const preview = await o.as('technician').must('reads.estimatePreview', { exceptionId: id, method: 'average' });
    expect(preview).toEqual({
      exceptionId: id,
      method: 'average',
      available: true,
      reading: '148',
      usageHcf: '12',
      priorReading: '136',
      priorReadDate: '2026-10-09',
      basisHcf: '12',
      basisReads: [{ period: '2026-10', usageHcf: '14' }, { period: '2026-09', usageHcf: '12' }, { period: '2026-08', usageHcf: '10' }],
      basis: 'average of the last 3 actual reads (12 HCF)',
    });
    // Last year (2025-11) used 10 HCF: 136 + 10.
    expect(await o.as('technician').must('reads.estimatePreview', { exceptionId: id, method: 'last_year' })).toMatchObject({
      available: true, reading: '146', usageHcf: '10', basisHcf: '10', basisReads: [{ period: '2025-11', usageHcf: '10' }], basis: 'same period last year (10 HCF)',
    });

    const estimated = await o.as('technician').must('reads.resolve', { exceptionId: id, action: { kind: 'estimate', method: 'average', reason: 'Register faulted' } });
    expect(estimated.read).toMatchObject({ reading: preview.available ? preview.reading : null, usageHcf: preview.available ? preview.usageHcf : null, estimated: true });
    expect(estimated.actions.at(-1)?.detail).toBe('estimated from the average of the last 3 actual reads (12 HCF): reading 4294967294 → 148; use 12 HCF');
    // Once estimated, there is nothing left to preview, in the words the action would use.
    expect(await o.as('technician').must('reads.estimatePreview', { exceptionId: id, method: 'average' })).toEqual({
      exceptionId: id, method: 'average', available: false, reason: "This exception was already resolved (estimated); open the account's reads to change it",
    });
  });

  it('rounds an average once to whole register units and rolls the register over (10, 12, 13 → 11.67 → 12 HCF; 9995 + 12 → 0007)', async () => {
    const { o } = await withHistory();
    const id = await exceptionOf(o, 'M-2');
    const preview = await o.as('clerk').must('reads.estimatePreview', { exceptionId: id, method: 'average' });
    expect(preview).toMatchObject({ available: true, reading: '7', usageHcf: '12', priorReading: '9995', basisHcf: '11.67', basis: 'average of the last 3 actual reads (11.67 HCF)' });
    const estimated = await o.as('technician').must('reads.resolve', { exceptionId: id, action: { kind: 'estimate', method: 'average', reason: '' } });
    expect(estimated.read).toMatchObject({ reading: '7', usageHcf: '12', originalReading: '9995', originalUsageHcf: '0', status: 'estimated' });
  });

  it('says why there is no estimate for a meter with no actual reads, as the estimate itself refuses', async () => {
    office = await createTestOffice();
    await createCycle(office);
    await addCycleTwoMeter(office);
    const tech = office.as('technician');
    await tech.must('reads.flagUnread', { cycle: 2, period: PERIOD });
    const id = (await tech.must('reads.exceptions', { cycle: 2, period: PERIOD })).rows[0]!.exceptionId;
    const average = await tech.must('reads.estimatePreview', { exceptionId: id, method: 'average' });
    expect(average).toEqual({ exceptionId: id, method: 'average', available: false, reason: 'This meter has no actual reads to average; estimate from last year, or enter the reading' });
    const lastYear = await tech.must('reads.estimatePreview', { exceptionId: id, method: 'last_year' });
    expect(lastYear).toMatchObject({ available: false, reason: 'This meter has no read for 2025-11; estimate from the average instead' });
    const refused = await tech.call('reads.resolve', { exceptionId: id, action: { kind: 'estimate', method: 'average', reason: '' } });
    expect(refused.ok || refused.error).toMatchObject({ code: 'CONFLICT', message: average.available ? '' : average.reason, field: 'action.method' });
  });

  it('names an exception that does not exist, and writes nothing', async () => {
    const { o } = await withHistory();
    const auditBefore = count(o, 'SELECT COUNT(*) FROM audit_log');
    const readsBefore = count(o, 'SELECT COUNT(*) FROM meter_reads');
    const missing = await o.as('clerk').call('reads.estimatePreview', { exceptionId: 999_999, method: 'average' });
    expect(missing.ok || missing.error).toMatchObject({ code: 'NOT_FOUND', field: 'exceptionId' });
    await o.as('clerk').must('reads.estimatePreview', { exceptionId: await exceptionOf(o, 'M-1'), method: 'last_year' });
    expect(count(o, 'SELECT COUNT(*) FROM audit_log')).toBe(auditBefore);
    expect(count(o, 'SELECT COUNT(*) FROM meter_reads')).toBe(readsBefore);
  });
});

describe('courtesy calls', () => {
  it('are logged for high use and refused, with the reason, for other findings', async () => {
    office = await createTestOffice();
    await createCycle(office);
    // M-1 very high (40 vs 10), M-2 zero use, M-3 reports a leak at normal use.
    importRows(office, [row(2, 'M-1', '170'), row(3, 'M-2', '130'), row(4, 'M-3', '140', { leakFlag: true })]);
    const tech = office.as('technician');
    const { rows } = await tech.must('reads.exceptions', { cycle: 1, period: PERIOD });
    const idOf = (serial: string) => rows.find((item) => item.meterSerial === serial)!.exceptionId;
    const callAbout = (serial: string) => tech.call('reads.logCourtesyCall', { exceptionId: idOf(serial), outcome: 'reached' });

    expect((await callAbout('M-1')).ok).toBe(true);
    expect((await callAbout('M-3')).ok).toBe(true);
    const zero = await callAbout('M-2');
    expect(zero.ok || zero.error).toMatchObject({
      code: 'CONFLICT',
      field: 'exceptionId',
      message: 'A courtesy call is for high use (very high use, high use, endpoint reports a leak); this read was flagged for zero use on an active account',
    });
    expect(count(office, "SELECT COUNT(*) FROM read_exception_actions WHERE action = 'courtesy_call'")).toBe(2);
  });
});

describe('roles', () => {
  it('a clerk may look at the cycles and at an estimate before it is made; only a technician makes it', async () => {
    const { o, id } = await (async () => {
      office = await createTestOffice();
      await createCycle(office);
      importRows(office, [row(2, 'M-1', '4294967294', { faulted: true })]);
      const { rows } = await office.as('clerk').must('reads.exceptions', { cycle: 1, period: PERIOD });
      return { o: office, id: rows[0]!.exceptionId };
    })();
    expect((await o.as('clerk').call('reads.cycles', { period: PERIOD })).ok).toBe(true);
    expect((await o.as('clerk').call('reads.estimatePreview', { exceptionId: id, method: 'average' })).ok).toBe(true);
    const estimate = await o.as('clerk').call('reads.resolve', { exceptionId: id, action: { kind: 'estimate', method: 'average', reason: '' } });
    expect(estimate.ok || estimate.error.code).toBe('FORBIDDEN');
  });
});
