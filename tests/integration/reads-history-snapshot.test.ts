/**
 * The read history snapshot an import leaves for the next one (core/reads/history-snapshot.ts):
 * saved at idle time only when the import committed, used by the next import, kept honest by the
 * change log's triggers, and never trusted when it does not decode.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgetLoadedCycle } from '../../src-main/core/reads/history';
import { openCycleHistory } from '../../src-main/core/reads/history-snapshot';
import { analyzeImport, commitImport } from '../../src-main/core/reads/import';
import { getReadValidationSettings } from '../../src-main/core/reads/settings';
import { runDeferredWork } from '../../src-main/core/storage/checkpoints';
import { createTestOffice, type TestOffice } from '../support/office';
import { count, createCycle, importRows, parsed, row, SERIALS, type CycleFixture } from './reads-support';

let office: TestOffice;
let fixture: CycleFixture;
beforeEach(async () => {
  office = await createTestOffice();
  fixture = await createCycle(office);
});
afterEach(() => office.cleanup());

const NOVEMBER = SERIALS.map((serial, index) => row(index + 2, serial, '140'));
const snapshots = () => count(office, 'SELECT count(*) FROM read_history_snapshots');
const changes = () => count(office, 'SELECT count(*) FROM read_history_changes');

/** December's reads (10 HCF each, one of them 40) checked as reads.import would. */
function analyzeDecember() {
  const db = office.runtime.database.sqlite;
  const rows = SERIALS.map((serial, index) => row(index + 2, serial, index === 0 ? '180' : '150', { readDate: '2026-12-09' }));
  return analyzeImport(db, { fileName: 'december.csv', bytes: Buffer.from('december'), cycle: 1, period: '2026-12', skipUnmatched: false }, parsed(rows), getReadValidationSettings(db));
}

describe('the history snapshot an import leaves', () => {
  it('is saved once the import has committed, and the next import starts from it with the same findings', () => {
    importRows(office, NOVEMBER);
    expect(snapshots()).toBe(0);
    const fromReads = analyzeDecember();
    expect(fromReads.history?.source).toBe('meter_reads');
    runDeferredWork(office.runtime.database.sqlite);
    const saved = office.runtime.database.sqlite.prepare('SELECT cycle, horizon_date AS horizonDate, through_read_id AS throughReadId FROM read_history_snapshots').get();
    expect(saved).toEqual({ cycle: 1, horizonDate: '2025-11-01', throughReadId: count(office, 'SELECT max(id) FROM meter_reads') });
    // Nothing was written since the first look, so the connection would hand it back: load afresh.
    forgetLoadedCycle(office.runtime.database.sqlite);
    const fromSnapshot = analyzeDecember();
    expect(fromSnapshot.history?.source).toBe('snapshot');
    // Meter M-1 used 40 HCF against 10 every month: high use either way.
    expect(fromSnapshot.reads.map((read) => read.validation)).toEqual(fromReads.reads.map((read) => read.validation));
    expect(fromSnapshot.reads[0]?.validation.findings.map((finding) => finding.type)).toContain('very_high_usage');
  });

  it('is not saved when the import rolls back', () => {
    const db = office.runtime.database.sqlite;
    const analysis = analyzeImport(db, { fileName: 'rolled-back.csv', bytes: Buffer.from('rolled back'), cycle: 1, period: '2026-11', skipUnmatched: false }, parsed(NOVEMBER), getReadValidationSettings(db));
    const userId = db.prepare("SELECT id FROM users WHERE username = 'tomas'").pluck().get() as number;
    expect(() =>
      db.transaction(() => {
        commitImport(db, analysis, userId, '2026-11-10T17:00:00.000Z');
        throw new Error('the audit record failed');
      })(),
    ).toThrow('the audit record failed');
    runDeferredWork(db);
    expect(snapshots()).toBe(0);
    expect(count(office, 'SELECT count(*) FROM meter_reads WHERE period IS NOT NULL')).toBe(0);
  });

  it('is read from meter_reads instead when it does not decode', () => {
    importRows(office, NOVEMBER);
    runDeferredWork(office.runtime.database.sqlite);
    office.runtime.database.sqlite.prepare("UPDATE read_history_snapshots SET data = x'00010203'").run();
    const analysis = analyzeDecember();
    expect(analysis.history?.source).toBe('meter_reads');
    expect(analysis.reads[0]?.validation.findings.map((finding) => finding.type)).toContain('very_high_usage');
  });
});

describe('the cycle a preview loaded', () => {
  it('serves the import while nothing was written, and is loaded again once a read changed', () => {
    const db = office.runtime.database.sqlite;
    const preview = analyzeDecember();
    expect(analyzeDecember().history).toBe(preview.history);
    // M-1's last read corrected from 10 to 40 HCF: December's 40 HCF is no longer high against last month.
    db.prepare("UPDATE meter_reads SET usage_hcf = '40' WHERE meter_id = ? AND read_date = '2026-10-09'").run(fixture.meterIds['M-1']);
    const afterCorrection = analyzeDecember();
    expect(afterCorrection.history).not.toBe(preview.history);
    const priorOf = (analysis: ReturnType<typeof analyzeDecember>) => analysis.reads[0]?.validation.priorHcf;
    expect([priorOf(preview), priorOf(afterCorrection)]).toEqual(['10', '40']);
  });
});

describe('the change log behind it', () => {
  it('logs a meter when a read’s reading or use changes or a read is deleted, not when it is only resolved', () => {
    const db = office.runtime.database.sqlite;
    const before = changes();
    const readId = db.prepare('SELECT id FROM meter_reads WHERE meter_id = ? ORDER BY id DESC LIMIT 1').pluck().get(fixture.meterIds['M-2']) as number;
    db.prepare("UPDATE meter_reads SET status = 'accepted', resolved_at = '2026-11-01T00:00:00Z' WHERE id = ?").run(readId);
    expect(changes()).toBe(before);
    db.prepare("UPDATE meter_reads SET usage_hcf = '12' WHERE id = ?").run(readId);
    db.prepare('DELETE FROM meter_reads WHERE id = ?').run(readId);
    expect(db.prepare('SELECT meter_id FROM read_history_changes ORDER BY id DESC LIMIT 2').pluck().all()).toEqual([fixture.meterIds['M-2'], fixture.meterIds['M-2']]);
  });

  it('logs a meter when its register, its account or its location’s cycle changes, not when only a balance-side column does', () => {
    const db = office.runtime.database.sqlite;
    const meterId = fixture.meterIds['M-3'] as number;
    const accountId = fixture.accountIds['M-3'] as number;
    const logged = () => db.prepare<[number], number>('SELECT meter_id FROM read_history_changes WHERE id > ?').pluck();
    let mark = count(office, 'SELECT ifnull(max(id), 0) FROM read_history_changes');
    db.prepare('UPDATE accounts SET autopay = 1, deposit_held_cents = 5000 WHERE id = ?').run(accountId);
    expect(logged().all(mark)).toEqual([]);
    db.prepare("UPDATE accounts SET status = 'closed' WHERE id = ?").run(accountId);
    db.prepare("UPDATE meters SET multiplier = '10' WHERE id = ?").run(meterId);
    db.prepare('UPDATE service_locations SET cycle = 2 WHERE id = (SELECT location_id FROM meters WHERE id = ?)').run(meterId);
    expect(logged().all(mark)).toEqual([meterId, meterId, meterId]);
    mark = count(office, 'SELECT max(id) FROM read_history_changes');
    db.prepare('UPDATE service_locations SET route = ? WHERE id = (SELECT location_id FROM meters WHERE id = ?)').run('R9', meterId);
    expect(logged().all(mark)).toEqual([]);
  });

  it('lets a corrected read reach the next import: the meter is read again, not taken from the snapshot', () => {
    const db = office.runtime.database.sqlite;
    importRows(office, NOVEMBER);
    runDeferredWork(db);
    // November's read of M-1 corrected to 40 HCF: December's 40 HCF is then in line with last month.
    db.prepare("UPDATE meter_reads SET usage_hcf = '40' WHERE meter_id = ? AND period = '2026-11'").run(fixture.meterIds['M-1']);
    const history = openCycleHistory(db, 1, '2026-12', getReadValidationSettings(db));
    expect(history.source).toBe('snapshot');
    expect(history.store.has(fixture.meterIds['M-1'] as number)).toBe(false);
    expect(history.summaryOf(fixture.meterIds['M-1'] as number).summary.recent[0]?.usageHcf).toBe('40');
  });
});
