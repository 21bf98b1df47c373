import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDLE_CHECKPOINT_DELAY_MS, withoutAutomaticCheckpoint } from '../../src-main/core/storage/checkpoints';
import { closeDatabase, openDatabase, type OfficeDatabase } from '../../src-main/core/storage/database';

let folder: string;
let database: OfficeDatabase;
const databaseBytes = () => statSync(database.path).size;
/** About 2 MB of new pages in one commit: far over the 50-page threshold this test sets. */
const bulkWrite = (table: string) =>
  database.sqlite.transaction(() => {
    const insert = database.sqlite.prepare(`INSERT INTO ${table} (v) VALUES (?)`);
    for (let row = 0; row < 2_000; row += 1) insert.run('x'.repeat(1_000));
  })();

beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), 'billing-office-checkpoints-'));
  database = await openDatabase(join(folder, 'office.sqlite'));
  database.sqlite.exec('CREATE TABLE bulk_a (v TEXT); CREATE TABLE bulk_b (v TEXT)');
  database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  database.sqlite.pragma('wal_autocheckpoint = 50');
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  closeDatabase(database);
  rmSync(folder, { recursive: true, force: true });
});

describe('checkpoints after bulk writes', () => {
  it('an ordinary commit over the threshold is checkpointed into the database at once', () => {
    const before = databaseBytes();
    bulkWrite('bulk_a');
    expect(databaseBytes()).toBeGreaterThan(before + 1_000_000);
  });

  it('a bulk write commits to the log only, and is checkpointed once the office has been idle', () => {
    const before = databaseBytes();
    withoutAutomaticCheckpoint(database.sqlite, () => bulkWrite('bulk_b'));
    expect(databaseBytes()).toBe(before);
    // The data is committed (durable in the log) and readable at once.
    expect(database.sqlite.prepare('SELECT count(*) FROM bulk_b').pluck().get()).toBe(2_000);
    vi.advanceTimersByTime(IDLE_CHECKPOINT_DELAY_MS - 1);
    expect(databaseBytes()).toBe(before);
    vi.advanceTimersByTime(1);
    expect(databaseBytes()).toBeGreaterThan(before + 1_000_000);
    // The connection's own threshold is back for ordinary writes.
    expect(database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(50);
  });

  it('a small commit just after a bulk write does not pay for its checkpoint; idle time does', () => {
    const before = databaseBytes();
    withoutAutomaticCheckpoint(database.sqlite, () => bulkWrite('bulk_b'));
    // An ordinary commit (cancelling the run just recomputed) while the log is far over the threshold.
    database.sqlite.prepare('INSERT INTO bulk_a (v) VALUES (?)').run('small');
    expect(databaseBytes()).toBe(before);
    expect(database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    vi.advanceTimersByTime(IDLE_CHECKPOINT_DELAY_MS);
    expect(databaseBytes()).toBeGreaterThan(before + 1_000_000);
    expect(database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(50);
    // From then on an ordinary commit over the threshold checkpoints at once again.
    const after = databaseBytes();
    bulkWrite('bulk_a');
    expect(databaseBytes()).toBeGreaterThan(after + 1_000_000);
  });

  it('a write while the idle checkpoint waits pushes it back', () => {
    const before = databaseBytes();
    withoutAutomaticCheckpoint(database.sqlite, () => bulkWrite('bulk_b'));
    vi.advanceTimersByTime(IDLE_CHECKPOINT_DELAY_MS - 100);
    withoutAutomaticCheckpoint(database.sqlite, () => database.sqlite.prepare('INSERT INTO bulk_a (v) VALUES (?)').run('y'));
    vi.advanceTimersByTime(200);
    expect(databaseBytes()).toBe(before);
    vi.advanceTimersByTime(IDLE_CHECKPOINT_DELAY_MS);
    expect(databaseBytes()).toBeGreaterThan(before + 1_000_000);
  });
});
