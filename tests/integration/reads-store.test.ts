/**
 * Storing an import: reads and exceptions go to the database 50 rows to an INSERT, and each
 * exception's read id is worked out from the statement's last rowid (import.ts, insertInBatches).
 * A file of 101 reads (batches of 50, 50 and 1) and 2 faulted registers, with flagged reads at the
 * first and last row of each batch, must store every read with its own values and link every
 * exception to its own meter's read — and an import whose worked-out ids would be wrong is refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertBareAccounts } from '../support/fixtures';
import { createTestOffice, type TestOffice } from '../support/office';
import { PERIOD, count, importRows, row } from './reads-support';

const READ_COUNT = 101;
const FAULTED_COUNT = 2;
const serial = (index: number) => `S-${String(index).padStart(3, '0')}`;
/** Every even row, and the last row of each full batch (49, 99): 40 HCF against last period's 10, +300%. */
const flagged = (index: number) => index % 2 === 0 || index === 49 || index === 99;

let office: TestOffice;
beforeEach(async () => {
  office = await createTestOffice();
  const db = office.runtime.database.sqlite;
  const accountIds = insertBareAccounts(db, READ_COUNT + FAULTED_COUNT);
  const insertMeter = db.prepare(
    `INSERT INTO meters (serial, size, dials, multiplier, unit, installed_on, status, location_id)
     VALUES (?, '5/8', 4, '1', 'HCF', '2020-01-01', 'active', (SELECT location_id FROM accounts WHERE id = ?))`,
  );
  const insertRead = db.prepare(
    `INSERT INTO meter_reads (meter_id, account_id, read_date, reading, usage_hcf, estimated, source, created_at) VALUES (?, ?, '2026-10-09', 100, '10', 0, 'amr', '2026-10-09T20:00:00.000Z')`,
  );
  db.transaction(() => {
    accountIds.forEach((accountId, index) => insertRead.run(Number(insertMeter.run(serial(index), accountId).lastInsertRowid), accountId));
  })();
});
afterEach(() => office.cleanup());

function fileRows() {
  const reads = Array.from({ length: READ_COUNT }, (_, index) => row(index + 2, serial(index), flagged(index) ? '140' : '110'));
  const faults = Array.from({ length: FAULTED_COUNT }, (_, offset) => row(READ_COUNT + offset + 2, serial(READ_COUNT + offset), '4294967294', { faulted: true }));
  return [...reads, ...faults];
}

describe('storing an import in multi-row inserts', () => {
  it('stores 101 reads in file order with their own and the import’s values, and links each of 55 exceptions to its own read', () => {
    const result = importRows(office, fileRows());
    if (!('importId' in result)) throw new Error('the import was not stored');
    const db = office.runtime.database.sqlite;
    const reads = db
      .prepare(
        `SELECT m.serial, r.reading, r.reading_text AS readingText, r.usage_hcf AS usageHcf, r.status, r.source, r.created_at AS createdAt, r.period, r.cycle, r.account_id = a.id AS ownAccount
         FROM meter_reads r JOIN meters m ON m.id = r.meter_id JOIN accounts a ON a.location_id = m.location_id WHERE r.import_id = ? ORDER BY r.id`,
      )
      .all(result.importId);
    expect(reads).toEqual(
      Array.from({ length: READ_COUNT }, (_, index) => ({
        serial: serial(index),
        reading: flagged(index) ? 140 : 110,
        readingText: flagged(index) ? '140' : '110',
        usageHcf: flagged(index) ? '40' : '10',
        status: flagged(index) ? 'review' : 'ok',
        source: 'test-rows',
        createdAt: '2026-11-10T17:00:00.000Z',
        period: PERIOD,
        cycle: 1,
        ownAccount: 1,
      })),
    );

    // 51 even rows + rows 49 and 99 = 53 flagged reads, plus 2 faulted registers.
    expect(result.exceptionCount).toBe(55);
    const exceptions = db
      .prepare(
        `SELECT m.serial, e.type, e.status, e.reading_text AS readingText, e.usage_hcf AS usageHcf, e.prior_usage_hcf AS priorHcf, e.created_at AS createdAt,
                r.meter_id = e.meter_id AS ownMeter, r.reading_text AS readReading, r.import_id = e.import_id AS sameImport
         FROM read_exceptions e JOIN meters m ON m.id = e.meter_id LEFT JOIN meter_reads r ON r.id = e.read_id
         WHERE e.import_id = ? AND e.cycle = 1 AND e.period = ? ORDER BY e.id`,
      )
      .all(result.importId, PERIOD);
    const flaggedSerials = Array.from({ length: READ_COUNT }, (_, index) => index).filter(flagged).map(serial);
    expect(exceptions).toEqual([
      ...flaggedSerials.map((meterSerial) => ({
        serial: meterSerial, type: 'very_high_usage', status: 'open', readingText: '140', usageHcf: '40', priorHcf: '10',
        createdAt: '2026-11-10T17:00:00.000Z', ownMeter: 1, readReading: '140', sameImport: 1,
      })),
      ...[READ_COUNT, READ_COUNT + 1].map((index) => ({
        serial: serial(index), type: 'faulted_register', status: 'open', readingText: '4294967294', usageHcf: null, priorHcf: null,
        createdAt: '2026-11-10T17:00:00.000Z', ownMeter: null, readReading: null, sameImport: null,
      })),
    ]);
  });

  it('refuses the import, storing nothing, when the worked-out read ids would not be its reads', () => {
    const db = office.runtime.database.sqlite;
    // A trigger writing a read after each imported one takes every other id: the ids worked out
    // from the statement's last rowid would then name the trigger's rows and other meters' reads.
    db.exec(
      `CREATE TEMP TRIGGER shadow_read AFTER INSERT ON main.meter_reads WHEN new.import_id IS NOT NULL BEGIN
         INSERT INTO meter_reads (meter_id, read_date, reading, usage_hcf, estimated, source, created_at) VALUES (new.meter_id, new.read_date, 0, '0', 0, 'shadow', new.created_at);
       END`,
    );
    const readsBefore = count(office, 'SELECT count(*) FROM meter_reads');
    expect(() => importRows(office, fileRows())).toThrow(/^Invariant violated: 53 exceptions of import \d+ name its reads of their meters, not \d+$/);
    db.exec('DROP TRIGGER shadow_read');
    expect([count(office, 'SELECT count(*) FROM meter_reads'), count(office, 'SELECT count(*) FROM read_imports'), count(office, 'SELECT count(*) FROM read_exceptions')]).toEqual([
      readsBefore,
      0,
      0,
    ]);
  });
});
