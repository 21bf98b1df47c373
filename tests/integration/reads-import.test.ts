/**
 * Read files through the operations, as the import screen and the CLI send them: Badger,
 * Itron (faulted register), Sensus CMEP with a crosswalk, a saved CSV profile; malformed and
 * duplicate files; and the whole flow a technician follows before billing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestOffice, type TestOffice } from '../support/office';
import { PERIOD, count, createCycle, type CycleFixture } from './reads-support';

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

const BADGER_HEADER = 'Account_ID,Meter_ID,Read,Read_Unit,Read_Time,Estimated_Flag,Current_Leak_Rate,Dials,Register_Resolution';
const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

/** M-1 normal (11 HCF), M-2 very high (40 vs 10), M-3 read in CF (14100 CF = register 141: 11 HCF), M-4 leak reported, M-5 normal. */
function badgerFile(fixture: CycleFixture): string {
  const a = fixture.accountNumbers;
  return [
    BADGER_HEADER,
    `${a['M-1']},M-1,141,CCF,2026-11-09 06:41:00,N,0,4,1`,
    `${a['M-2']},M-2,170,CCF,2026-11-09 06:42:00,N,0,4,1`,
    `${a['M-3']},M-3,14100,CF,2026-11-09 06:43:00,N,0,4,1`,
    `${a['M-4']},M-4,142,CCF,2026-11-09 06:44:00,N,2.5,4,1`,
    `${a['M-5']},M-5,141,CCF,2026-11-09 06:45:00,N,0,4,1`,
    '',
  ].join('\r\n');
}

async function officeWithCycle(): Promise<{ office: TestOffice; fixture: CycleFixture }> {
  office = await createTestOffice();
  return { office, fixture: await createCycle(office) };
}

const input = (fileName: string, content: string | Buffer, profile: { kind: 'badger-beacon' | 'itron-register' } | { kind: 'sensus-cmep'; crosswalk?: Record<string, string> } | { kind: 'csv'; profileId: number } = { kind: 'badger-beacon' }) => ({
  fileName,
  contentBase64: b64(content),
  profile,
  cycle: 1,
  period: PERIOD,
});

describe('read files through the operations', () => {
  it('previews a Badger file, imports it once, and refuses the same bytes again naming the first import', async () => {
    const { office: o, fixture } = await officeWithCycle();
    const tech = o.as('technician');
    const file = input('badger-cycle1.csv', badgerFile(fixture));
    const preview = await tech.must('reads.preview', file);
    expect(preview).toMatchObject({ format: 'badger-beacon', rowCount: 5, readCount: 5, matchedCount: 5, unmatched: [], problems: [], canImport: true, duplicateOf: null });
    expect(preview.exceptionsByType).toEqual({ very_high_usage: 1, leak_reported: 1 });
    expect(count(o, 'SELECT COUNT(*) FROM read_imports')).toBe(0);

    const imported = await tech.must('reads.import', file);
    expect(imported).toMatchObject({ readCount: 5, exceptionCount: 2 });
    // 14100 CF on an HCF register is a reading of 141: 11 HCF of use.
    expect(count(o, "SELECT COUNT(*) FROM meter_reads WHERE period = '2026-11' AND reading_text = '141' AND usage_hcf = '11'")).toBe(3);
    const again = await tech.call('reads.import', { ...file, fileName: 'renamed.csv' });
    expect(again.ok || again.error.code).toBe('CONFLICT');
    expect(again.ok || again.error.message).toBe(
      `This file was already imported on 2026-11-02 by Tomas Technician (import ${imported.importId}, badger-cycle1.csv); nothing was imported again`,
    );
    const audit = o.runtime.database.sqlite.prepare("SELECT COUNT(*) FROM audit_log WHERE operation = 'reads.import'").pluck().get();
    expect(audit).toBe(1);
  });

  it('rejects malformed files whole with the line and field: bad number, wrong column count, truncated line, wrong encoding', async () => {
    const { office: o, fixture } = await officeWithCycle();
    const tech = o.as('technician');
    const good = badgerFile(fixture).split('\r\n');
    const badNumber = [...good];
    badNumber[2] = badNumber[2]!.replace(',170,', ',17O,');
    const wrongColumns = [...good];
    wrongColumns[2] = `${wrongColumns[2]},extra`;
    const truncated = good.slice(0, 4).join('\r\n') + '\r\n' + good[4]!.slice(0, 20);
    for (const [name, content, line] of [
      ['bad-number.csv', badNumber.join('\r\n'), 3],
      ['wrong-columns.csv', wrongColumns.join('\r\n'), 3],
      ['truncated.csv', truncated, 5],
    ] as const) {
      const preview = await tech.must('reads.preview', input(name, content));
      expect(preview.canImport, name).toBe(false);
      expect(preview.problems[0]?.line, name).toBe(line);
      const refused = await tech.call('reads.import', input(name, content));
      expect(refused.ok || refused.error.code, name).toBe('INVALID_INPUT');
      expect(refused.ok || refused.error.message, name).toMatch(new RegExp(`first: Line ${line}[,:] `));
    }
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(badgerFile(fixture), 'utf16le')]);
    const refused = await tech.call('reads.import', input('utf16.csv', utf16));
    expect(refused.ok || refused.error.code).toBe('INVALID_INPUT');
    expect(count(o, 'SELECT COUNT(*) FROM read_imports')).toBe(0);
    expect(count(o, "SELECT COUNT(*) FROM meter_reads WHERE period = '2026-11'")).toBe(0);
  });

  it('an unknown meter is listed in the preview with its line; the import is refused unless asked to skip it', async () => {
    const { office: o, fixture } = await officeWithCycle();
    const tech = o.as('technician');
    const content = `${badgerFile(fixture)}999999-01,NOPE-1,5,CCF,2026-11-09 06:50:00,N,0,4,1\r\n`;
    const preview = await tech.must('reads.preview', input('unknown.csv', content));
    expect(preview.unmatched).toMatchObject([{ line: 7, meterSerial: 'NOPE-1', reason: 'unknown_meter' }]);
    const refused = await tech.call('reads.import', input('unknown.csv', content));
    expect(refused.ok || refused.error.code).toBe('CONFLICT');
    expect(count(o, "SELECT COUNT(*) FROM meter_reads WHERE period = '2026-11'")).toBe(0);
    const skipped = await tech.must('reads.import', { ...input('unknown.csv', content), skipUnmatched: true });
    expect(skipped).toMatchObject({ readCount: 5, unmatched: [{ line: 7 }] });
  });

  it('an Itron faulted register (4294967294) is an exception, not a read', async () => {
    const { office: o } = await officeWithCycle();
    const content = ['Timestamp,Read_Value,Meter_Serial_Number,EndpointID,Location_ID,Read_Units', '2026-11-09T07:00:00,14100,M-1,EP-1,LOC-1,CF_WAT', '2026-11-09T07:00:00,4294967294,M-2,EP-2,LOC-2,CF_WAT', ''].join('\n');
    const imported = await o.as('technician').must('reads.import', input('itron.csv', content, { kind: 'itron-register' }));
    expect(imported).toMatchObject({ readCount: 1, faultedCount: 1, exceptionsByType: { faulted_register: 1 } });
    const { rows } = await o.as('clerk').must('reads.exceptions', { cycle: 1, period: PERIOD });
    expect(rows).toMatchObject([{ meterSerial: 'M-2', type: 'faulted_register', readId: null, reading: '4294967294' }]);
  });

  it('Sensus CMEP records match meters through a crosswalk', async () => {
    const { office: o } = await officeWithCycle();
    const content = 'MEPMD01,20080501,SENSUS,SPS:130000,15173624,B72842123,202611091458,SNS-1001,OK,W,CCFREG,1.0,00000000,1,202611090600,R0,141\n';
    const preview = await o.as('technician').must('reads.preview', input('cmep.txt', content, { kind: 'sensus-cmep', crosswalk: { 'SNS-1001': 'M-1' } }));
    expect(preview).toMatchObject({ format: 'sensus-cmep', readCount: 1, unmatched: [], problems: [], exceptionCount: 0 });
  });

  it('saves a CSV mapping profile (checked by the parsers), imports with it, and deletes it', async () => {
    const { office: o } = await officeWithCycle();
    const tech = o.as('technician');
    const bad = await tech.call('reads.saveProfile', { name: 'Handheld', definition: { dateFormat: 'DD.MM.YY', columns: { meterSerial: 'Meter', reading: 'Reading', readDate: 'Date' } } });
    expect(bad.ok || bad.error.code).toBe('INVALID_INPUT');
    expect(bad.ok || bad.error.field).toBe('definition.dateFormat');
    const profile = await tech.must('reads.saveProfile', {
      name: 'Handheld',
      definition: { dateFormat: 'MM/DD/YYYY', fixedUnit: 'HCF', columns: { meterSerial: 'Meter', reading: 'Reading', readDate: 'Date' } },
    });
    expect(profile.definition).toMatchObject({ delimiter: ',', hasHeader: true });
    const content = 'Meter,Reading,Date\nM-1,141,11/09/2026\nM-2,142,11/09/2026\n';
    const imported = await tech.must('reads.import', input('handheld.csv', content, { kind: 'csv', profileId: profile.profileId }));
    expect(imported).toMatchObject({ format: 'csv:Handheld', readCount: 2 });
    expect((await tech.must('reads.profiles', {})).map((item) => item.name)).toEqual(['Handheld']);
    await tech.must('reads.deleteProfile', { profileId: profile.profileId });
    expect(await tech.must('reads.profiles', {})).toEqual([]);
  });
});

describe('the flow before billing', () => {
  it('import a file, review an exception with its chart, order a re-read, accept the rest, and the cycle is ready once the re-read is in', async () => {
    const { office: o, fixture } = await officeWithCycle();
    const tech = o.as('technician');
    const lines = badgerFile(fixture).split('\r\n');
    const content = [...lines.slice(0, 5), ''].join('\r\n'); // M-5 not read
    await tech.must('reads.import', input('cycle1.csv', content));
    let status = await tech.must('reads.cycleStatus', { cycle: 1, period: PERIOD });
    expect(status).toMatchObject({ readyToBill: false, unreadCount: 1, openExceptions: 2 });

    const { rows } = await tech.must('reads.exceptions', { cycle: 1, period: PERIOD, statuses: ['open'] });
    const high = rows.find((item) => item.type === 'very_high_usage')!;
    const detail = await tech.must('reads.exception', { exceptionId: high.exceptionId });
    expect(detail.history.length).toBeGreaterThanOrEqual(13);
    expect(detail.benchmarks).toMatchObject({ priorHcf: '10', lastYearHcf: '10', averageHcf: '10' });
    const order = await tech.must('reads.orderWorkOrder', { exceptionId: high.exceptionId, type: 'reread', notes: 'Confirm 170' });
    expect(order.status).toBe('open');

    // M-5 was missed: put it on the worklist, then accept everything else that is open.
    await tech.must('reads.flagUnread', { cycle: 1, period: PERIOD });
    const open = await tech.must('reads.exceptions', { cycle: 1, period: PERIOD, statuses: ['open'] });
    const rest = open.rows.filter((item) => item.exceptionId !== high.exceptionId).map((item) => item.exceptionId);
    // The leak-flagged read is accepted; the no-read has no reading to accept and is skipped.
    expect(await tech.must('reads.bulkAccept', { exceptionIds: rest, reason: 'Reviewed' })).toEqual({ accepted: 1, skipped: 1 });
    const noRead = open.rows.find((item) => item.type === 'no_read')!;
    await tech.must('reads.resolve', { exceptionId: noRead.exceptionId, action: { kind: 'estimate', method: 'average', reason: 'Gate locked' } });
    status = await tech.must('reads.cycleStatus', { cycle: 1, period: PERIOD });
    expect(status).toMatchObject({ readyToBill: false, unreadCount: 0, openExceptions: 1 });

    // The re-read confirms a lower reading: the technician enters it and completes the work order.
    await tech.must('reads.resolve', { exceptionId: high.exceptionId, action: { kind: 'correct', reading: '152', reason: 'Re-read by field: 152' } });
    await tech.must('workOrders.setStatus', { workOrderId: order.workOrderId, status: 'completed', notes: 'Read 152' });
    status = await tech.must('reads.cycleStatus', { cycle: 1, period: PERIOD });
    expect(status).toMatchObject({ readyToBill: true, unreadCount: 0, openExceptions: 0, readMeters: 5 });
  });
});

describe('readings as written', () => {
  it('keeps leading zeros and trailing decimals of a register reading (0141 stays 0141), and measures use from its value', async () => {
    const { office: o, fixture } = await officeWithCycle();
    const a = fixture.accountNumbers;
    const file = [BADGER_HEADER, `${a['M-1']},M-1,0141,CCF,2026-11-09 06:41:00,N,0,4,1`, `${a['M-5']},M-5,141.0,CCF,2026-11-09 06:45:00,N,0,4,1`, ''].join('\r\n');
    await o.as('technician').must('reads.import', input('leading-zeros.csv', file));
    const stored = o.runtime.database.sqlite
      .prepare("SELECT m.serial, r.reading_text AS readingText, r.reading, r.usage_hcf AS usageHcf FROM meter_reads r JOIN meters m ON m.id = r.meter_id WHERE r.period = '2026-11' ORDER BY m.serial")
      .all();
    expect(stored).toEqual([
      { serial: 'M-1', readingText: '0141', reading: 141, usageHcf: '11' },
      { serial: 'M-5', readingText: '141.0', reading: 141, usageHcf: '11' },
    ]);
    const shown = await o.as('clerk').must('accounts.reads', { accountId: fixture.accountIds['M-1']! });
    expect(JSON.stringify(shown)).toContain('"0141"');
  });
});
