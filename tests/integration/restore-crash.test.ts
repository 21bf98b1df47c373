/**
 * kill -9 at random points of a restore (checking the backup, the safety backup, copying the
 * backup in, the checks after, reopening): afterwards the database is either the old books or
 * the restored ones — never a mixture, never damaged — it verifies clean, and it opens at once
 * (the killed process's lock died with it).
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyBooks } from '../../src-main/core/ledger/verify';
import { closeDatabase, openDatabase } from '../../src-main/core/storage/database';
import { runChild } from '../support/child';
import { insertBareAccounts } from '../support/fixtures';
import { createTestOffice, TEST_PASSWORD, TEST_USERS, type TestOffice } from '../support/office';

const KILLED_RUNS = 10;
const ADJUSTMENTS_IN_BACKUP = 5;
const ADJUSTMENTS_AFTER_BACKUP = 10;

let office: TestOffice | undefined;
afterEach(async () => {
  await office?.cleanup();
  office = undefined;
});

/** The books as the test leaves them: a backup taken after 5 adjustments, then 10 more. */
async function prepareOffice(): Promise<{ template: string; backupPath: string }> {
  office = await createTestOffice();
  const db = office.runtime.database.sqlite;
  const [accountId] = insertBareAccounts(db, 1) as [number];
  // Some megabytes, so each phase of the restore lasts long enough to be hit.
  db.exec('CREATE TABLE test_filler (bytes BLOB)');
  const insert = db.prepare('INSERT INTO test_filler (bytes) VALUES (randomblob(4000))');
  db.transaction(() => {
    for (let row = 0; row < 8 * 256; row += 1) insert.run();
  })();
  const supervisor = office.as('supervisor');
  const adjust = (cents: number) => supervisor.must('ledger.adjust', { entryId: randomUUID(), accountId, amountCents: cents, reason: `before the crash ${cents}` });
  for (let cents = 1; cents <= ADJUSTMENTS_IN_BACKUP; cents += 1) await adjust(cents);
  const backup = await supervisor.must('system.backup', { label: 'crash test' });
  for (let cents = 1; cents <= ADJUSTMENTS_AFTER_BACKUP; cents += 1) await adjust(100 + cents);
  office.runtime.close();
  return { template: office.databasePath, backupPath: backup.path };
}

/** A fresh copy of the old books in a folder of its own (its safety backups go beside it). */
function copyOfOldBooks(template: string, run: number): string {
  const folder = join(office?.folder as string, `run-${run}`);
  mkdirSync(folder);
  const path = join(folder, 'office.sqlite');
  copyFileSync(template, path);
  return path;
}

/**
 * When to kill the restoring child: a delay after it starts restoring, or the moment the
 * database's write-ahead log has grown to `walBytes` — the middle of copying the backup in,
 * before that one transaction commits.
 */
type KillPoint = { afterMs: number } | { walBytes: number } | undefined;

async function restoreInChild(databasePath: string, backupPath: string, killPoint: KillPoint): Promise<{ killed: boolean; restoreMs?: number }> {
  let restoreMs: number | undefined;
  let watch: NodeJS.Timeout | undefined;
  try {
    const { killed } = await runChild('tests/support/restore-child.ts', [databasePath, backupPath, TEST_USERS.supervisor, TEST_PASSWORD], (line, kill) => {
      if (line === 'restoring' && killPoint && 'afterMs' in killPoint) setTimeout(kill, killPoint.afterMs);
      if (line === 'restoring' && killPoint && 'walBytes' in killPoint) {
        watch = setInterval(() => {
          if ((statSync(`${databasePath}-wal`, { throwIfNoEntry: false })?.size ?? 0) >= killPoint.walBytes) kill();
        }, 1);
      }
      if (line.startsWith('restored ')) restoreMs = Number(line.split(' ')[1]);
    });
    return { killed, ...(restoreMs === undefined ? {} : { restoreMs }) };
  } finally {
    clearInterval(watch);
  }
}

/** Which books the file holds, after checking it is whole and verifies clean. */
async function booksIn(databasePath: string): Promise<'old' | 'restored'> {
  const raw = new Database(databasePath);
  expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
  raw.close();
  // Opens at once: no lock is left behind by the killed process.
  const database = await openDatabase(databasePath, { lockWaitMs: 0 });
  try {
    const db = database.sqlite;
    expect(verifyBooks(db, new Date().toISOString()).checks.filter((check) => !check.ok)).toEqual([]);
    const adjustments = db.prepare("SELECT COUNT(*) FROM journal_entries WHERE kind = 'adjustment'").pluck().get() as number;
    const restoreRecords = db.prepare("SELECT COUNT(*) FROM audit_log WHERE operation = 'system.restore'").pluck().get() as number;
    if (adjustments === ADJUSTMENTS_IN_BACKUP + ADJUSTMENTS_AFTER_BACKUP) {
      expect(restoreRecords).toBe(0);
      return 'old';
    }
    expect(adjustments).toBe(ADJUSTMENTS_IN_BACKUP);
    return 'restored';
  } finally {
    closeDatabase(database);
  }
}

describe('a crash in the middle of a restore', () => {
  it(`leaves the old books or the restored ones, whole and verifying, over ${KILLED_RUNS} kills at random points`, async () => {
    const { template, backupPath } = await prepareOffice();

    // One restore to the end: how long one takes here, and that it gives the backed-up books.
    const calibration = copyOfOldBooks(template, 0);
    const full = await restoreInChild(calibration, backupPath, undefined);
    expect(full.killed).toBe(false);
    expect(await booksIn(calibration)).toBe('restored');
    const restoreMs = full.restoreMs as number;

    // Two at a time: most of each run is starting Node, not restoring. A run whose restore beat
    // its kill counts as a finished restore, not a kill; runs go on until KILLED_RUNS were killed.
    const outcomes: string[] = [];
    let killedRuns = 0;
    const backupBytes = statSync(backupPath).size;
    const killOne = async (run: number) => {
      const databasePath = copyOfOldBooks(template, run);
      // Odd runs: any moment of the restore. Even runs: inside the copy-in transaction.
      const killPoint = run % 2 === 1 ? { afterMs: Math.round(Math.random() * restoreMs) } : { walBytes: Math.round(backupBytes * (0.3 + 0.6 * Math.random())) };
      const { killed } = await restoreInChild(databasePath, backupPath, killPoint);
      const books = await booksIn(databasePath);
      outcomes.push(`${'afterMs' in killPoint ? `${killPoint.afterMs} ms` : `WAL at ${killPoint.walBytes} bytes`}: ${killed ? 'killed' : 'finished'}, ${books}`);
      if (killed) killedRuns += 1;
      else expect(books).toBe('restored');
    };
    for (let run = 1; killedRuns < KILLED_RUNS && run <= 2 * KILLED_RUNS; run += 2) await Promise.all([killOne(run), killOne(run + 1)]);
    expect(killedRuns).toBeGreaterThanOrEqual(KILLED_RUNS);
    console.log(`restore takes ${restoreMs} ms here; kills at ${outcomes.join('; ')}`);
  }, 240_000);
});
