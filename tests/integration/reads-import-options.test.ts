/**
 * The import options the screens now offer, sent exactly as the screens build them: a CSV
 * profile from the editor's draft with estimated and leak columns (profileDraft.ts), and a
 * Sensus CMEP file read through a typed crosswalk (src-shared/reads-crosswalk.ts) and another
 * meter-id field. Each checked by the main process and the parsers, through the operations.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseCrosswalk } from '../../src-shared/reads-crosswalk';
import { EMPTY, profileDefinition, type ProfileDraft } from '../../src-renderer/reads/profileDraft';
import { createTestOffice, type TestOffice } from '../support/office';
import { PERIOD, createCycle } from './reads-support';
import { parseUpload } from '../../src-main/core/reads/parse';

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

const b64 = (text: string) => Buffer.from(text).toString('base64');
const file = (fileName: string, content: string, profile: object) => ({ fileName, contentBase64: b64(content), profile: profile as never, cycle: 1, period: PERIOD });

const HANDHELD: ProfileDraft = {
  ...EMPTY,
  name: 'Handheld with flags',
  columns: { ...EMPTY.columns, meterSerial: 'Meter', reading: 'Reading', readDate: 'Date' },
  flags: {
    estimated: { column: 'Est', yes: 'Y, E', no: 'N, (empty)' },
    leak: { column: 'Leak', yes: '1', no: '' },
  },
};

describe('a CSV profile with estimated and leak columns, as the editor saves it', () => {
  it('is accepted, kept, and reads an estimate and a leak from the file', async () => {
    office = await createTestOffice();
    await createCycle(office);
    const tech = office.as('technician');
    const saved = await tech.must('reads.saveProfile', { name: HANDHELD.name, definition: profileDefinition(HANDHELD) });
    expect(saved.definition).toMatchObject({
      estimated: { column: 'Est', trueValues: ['Y', 'E'], falseValues: ['N', ''] },
      leak: { column: 'Leak', trueValues: ['1'] },
    });
    expect(saved.definition.leak).not.toHaveProperty('falseValues');
    // M-1 estimated (E), M-2 leak (1), M-3 plain (empty estimate cell, 0 leak): 11 HCF each, in range.
    const content = 'Meter,Reading,Date,Est,Leak\nM-1,141,11/09/2026,E,0\nM-2,141,11/09/2026,N,1\nM-3,141,11/09/2026,,0\n';
    const preview = await tech.must('reads.preview', file('flags.csv', content, { kind: 'csv', profileId: saved.profileId }));
    expect(preview).toMatchObject({ readCount: 3, estimatedCount: 1, problems: [], exceptionsByType: { leak_reported: 1 } });
    expect(preview.exceptions).toMatchObject([{ meterSerial: 'M-2', type: 'leak_reported' }]);
  });

  it('refuses a value in neither list with its line and column, and a flag column without its yes values beside the field', async () => {
    office = await createTestOffice();
    await createCycle(office);
    const tech = office.as('technician');
    const saved = await tech.must('reads.saveProfile', { name: HANDHELD.name, definition: profileDefinition(HANDHELD) });
    const bad = await tech.must('reads.preview', file('bad-flag.csv', 'Meter,Reading,Date,Est,Leak\nM-1,141,11/09/2026,maybe,0\n', { kind: 'csv', profileId: saved.profileId }));
    expect(bad.canImport).toBe(false);
    expect(bad.problems).toMatchObject([{ line: 2, field: 'Est' }]);
    expect(bad.problems[0]?.message).toContain('"maybe" is neither yes');

    const noYes = { ...HANDHELD, flags: { ...HANDHELD.flags, estimated: { column: 'Est', yes: ' ', no: '' } } };
    const refused = await tech.call('reads.saveProfile', { name: 'No yes values', definition: profileDefinition(noYes) });
    expect(refused.ok || refused.error).toMatchObject({ code: 'INVALID_INPUT', field: 'definition.estimated.trueValues' });
  });
});

describe('a Sensus CMEP file with the crosswalk and meter-id field the import page sends', () => {
  // The receiver customer id (field 5) carries the utility's meter number here.
  const CMEP = [
    'MEPMD01,20080501,SENSUS,SPS:130000,15173624,CUST-0001,202611091458,177-2231,OK,W,CCFREG,1.0,00000000,1,202611090600,R0,141',
    'MEPMD01,20080501,SENSUS,SPS:130000,15173625,M-2,202611091458,177-2232,OK,W,CCFREG,1.0,00000000,1,202611090600,R0,142',
    '',
  ].join('\n');

  it('finds the meters by the chosen field through the crosswalk (ids not listed taken as the serial)', async () => {
    office = await createTestOffice();
    await createCycle(office);
    const typed = parseCrosswalk('CMEP id;Serial\nCUST-0001;M-1\n');
    expect(typed).toEqual({ ok: true, entries: { 'CUST-0001': 'M-1' }, count: 1, sample: ['CUST-0001', 'M-1'] });
    if (!typed.ok) return;
    const tech = office.as('technician');
    const preview = await tech.must('reads.preview', file('cmep.txt', CMEP, { kind: 'sensus-cmep', meterIdField: 'receiverCustomerId', crosswalk: typed.entries }));
    expect(preview).toMatchObject({ format: 'sensus-cmep', rowCount: 2, readCount: 2, matchedCount: 2, unmatched: [], problems: [] });
    // By the default field (the meter id, 177-…) the same file matches nothing.
    const byMeterId = await tech.must('reads.preview', file('cmep.txt', CMEP, { kind: 'sensus-cmep', crosswalk: typed.entries }));
    expect(byMeterId.unmatched.map((item) => [item.meterSerial, item.reason])).toEqual([['177-2231', 'unknown_meter'], ['177-2232', 'unknown_meter']]);
  });
});

describe('the import after its preview, with the parse kept between them', () => {
  const content = 'Meter,Reading,Date,Est,Leak\nM-1,141,11/09/2026,E,0\nM-2,141,11/09/2026,N,0\n';

  it('reads the file by the profile as it is at import time, not as it was at preview', async () => {
    office = await createTestOffice();
    await createCycle(office);
    const tech = office.as('technician');
    const saved = await tech.must('reads.saveProfile', { name: HANDHELD.name, definition: profileDefinition(HANDHELD) });
    const request = file('edited.csv', content, { kind: 'csv', profileId: saved.profileId });
    expect(await tech.must('reads.preview', request)).toMatchObject({ readCount: 2, estimatedCount: 1 });
    // Between preview and import the office decides "E" is not an estimate in this file after all.
    const edited = { ...HANDHELD, flags: { ...HANDHELD.flags, estimated: { column: 'Est', yes: 'Y', no: 'N, E, (empty)' } } };
    await tech.must('reads.saveProfile', { profileId: saved.profileId, name: HANDHELD.name, definition: profileDefinition(edited) });
    const imported = await tech.must('reads.import', request);
    expect(imported).toMatchObject({ readCount: 2, estimatedCount: 0 });
    const estimated = office.runtime.database.sqlite.prepare(`SELECT count(*) FROM meter_reads WHERE import_id = ? AND estimated = 1`).pluck().get(imported.importId);
    expect(estimated).toBe(0);
  });

  it('hands the same bytes and settings the rows it read before, and reads them again once an import used them', async () => {
    office = await createTestOffice();
    await createCycle(office);
    const db = office.runtime.database.sqlite;
    const tech = office.as('technician');
    const saved = await tech.must('reads.saveProfile', { name: HANDHELD.name, definition: profileDefinition(HANDHELD) });
    const bytes = Buffer.from(content);
    const profile = { kind: 'csv' as const, profileId: saved.profileId };
    const first = parseUpload(db, bytes, profile);
    expect(parseUpload(db, Buffer.from(content), profile)).toBe(first);
    const other = parseUpload(db, Buffer.from(content.replace('141', '142')), profile);
    expect(other).not.toBe(first);
    expect(other.rows[0]?.reading).toBe('142');
    await tech.must('reads.import', file('kept.csv', content, profile));
    const after = parseUpload(db, bytes, profile);
    expect(after).not.toBe(first);
    expect(after).toEqual(first);
  });
});
