/**
 * The account page's reads (accounts.reads) are looked up a window of months at a time from the
 * newest back, as many months as reads are still wanted (issue #14), instead of naming every
 * read month of the office. The page must be exactly the newest `limit` reads all the same:
 * checked against one query over every month, for every account of a demo district and page
 * sizes smaller and larger than an account's history, and with a read month out of "YYYY-MM" form.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountReads } from '../../src-main/core/accounts/accounts';
import { createDemoDistrict } from '../../src-main/core/demo';
import { closeDatabase, openDatabase, type OfficeDatabase, type Sqlite } from '../../src-main/core/storage/database';

let folder: string;
let database: OfficeDatabase;
let db: Sqlite;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'billing-office-account-reads-'));
  database = await openDatabase(join(folder, 'office.sqlite'));
  db = database.sqlite;
  db.transaction(() => createDemoDistrict(db, { accountCount: 30, seed: 11, nowIso: '2026-11-02T17:00:00.000Z' }))();
});

afterAll(() => {
  closeDatabase(database);
  rmSync(folder, { recursive: true, force: true });
});

/** The newest reads of the account over every month at once (the query before the windows). */
function everyMonth(accountId: number, limit: number) {
  return db
    .prepare(
      `SELECT r.read_date AS readDate, COALESCE(r.reading_text, CAST(r.reading AS TEXT)) AS reading, r.usage_hcf AS usageHcf, r.estimated = 1 AS estimated, r.source
       FROM meter_reads r
       WHERE r.meter_id IN (SELECT m.id FROM meters m JOIN accounts a ON a.location_id = m.location_id WHERE a.id = ?)
         AND (r.account_id = ? OR r.account_id IS NULL)
       ORDER BY r.read_date DESC, r.id DESC LIMIT ?`,
    )
    .all(accountId, accountId, limit)
    .map((read) => ({ ...(read as object), estimated: (read as { estimated: number }).estimated === 1 }));
}

describe("an account's reads, window by window", () => {
  it('are exactly the newest reads, for page sizes below and above the history', () => {
    const accountIds = db.prepare('SELECT id FROM accounts ORDER BY id').pluck().all() as number[];
    let fullPages = 0;
    for (const accountId of accountIds) {
      for (const limit of [1, 2, 5, 12, 26, 1_000]) {
        const page = accountReads(db, accountId, limit);
        expect(page).toEqual(everyMonth(accountId, limit));
        if (limit === 5 && page.length === 5) fullPages += 1;
      }
    }
    // Most accounts have more than five reads: the windows were walked back more than once.
    expect(fullPages).toBeGreaterThan(accountIds.length / 2);
  });

  it('still finds every read when a stored read date is not a "YYYY-MM-DD" date', () => {
    const accountId = db.prepare('SELECT id FROM accounts ORDER BY id LIMIT 1').pluck().get() as number;
    const meterId = db.prepare('SELECT m.id FROM meters m JOIN accounts a ON a.location_id = m.location_id WHERE a.id = ?').pluck().get(accountId) as number;
    const readId = db.prepare('SELECT id FROM meter_reads WHERE meter_id = ? ORDER BY read_date LIMIT 1').pluck().get(meterId) as number;
    db.prepare(`UPDATE meter_reads SET read_date = '2026/01/05' WHERE id = ?`).run(readId);
    for (const limit of [1, 26, 1_000]) expect(accountReads(db, accountId, limit)).toEqual(everyMonth(accountId, limit));
    expect(accountReads(db, accountId, 1_000).some((read) => read.readDate === '2026/01/05')).toBe(true);
  });
});
