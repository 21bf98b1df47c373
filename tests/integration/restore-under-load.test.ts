/**
 * Restore, backup and upgrade with another OS process holding the database open and writing —
 * the office with a second counter PC, browser mode or a scheduled CLI job beside it.
 */
import Database from 'better-sqlite3';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../src-shared/result';
import { verifyBooks } from '../../src-main/core/ledger/verify';
import { readBackupManifest, sha256OfFile } from '../../src-main/core/storage/backup';
import { closeDatabase, openDatabase, readKnownMigrations, type Sqlite } from '../../src-main/core/storage/database';
import { BUSY_ELSEWHERE_MESSAGE, IN_USE_MESSAGE, OfficeLock, UPGRADE_REFUSED_MESSAGE } from '../../src-main/core/storage/office-lock';
import { resolveMigrationsFolder } from '../../src-main/core/storage/paths';
import { OfficeRuntime } from '../../src-main/operations/runtime';
import { runChild } from '../support/child';
import { insertBareAccounts } from '../support/fixtures';
import { createTestOffice, TEST_PASSWORD, TEST_USERS, type TestOffice } from '../support/office';

let office: TestOffice | undefined;
afterEach(async () => {
  await office?.cleanup();
  office = undefined;
});

interface Posted {
  entryId: string;
  atMs: number;
}

function parsePosted(line: string): Posted | undefined {
  if (!line.startsWith('posted ')) return undefined;
  const [, entryId, , atMs] = line.split(' ');
  return { entryId: entryId as string, atMs: Number(atMs ?? Date.now()) };
}

function expectSoundBooks(db: Sqlite, acknowledged: readonly string[]): void {
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(verifyBooks(db, new Date().toISOString()).checks.filter((check) => !check.ok)).toEqual([]);
  const posted = new Set(db.prepare("SELECT id FROM journal_entries WHERE kind = 'adjustment'").pluck().all() as string[]);
  for (const entryId of acknowledged) expect(posted.has(entryId)).toBe(true);
}

const adjustmentCount = (db: Sqlite) => db.prepare("SELECT COUNT(*) FROM journal_entries WHERE kind = 'adjustment'").pluck().get() as number;

/** A database of some tens of megabytes, so a backup takes many steps. */
function addFiller(db: Sqlite, megabytes: number): void {
  db.exec('CREATE TABLE test_filler (bytes BLOB)');
  const insert = db.prepare('INSERT INTO test_filler (bytes) VALUES (randomblob(4000))');
  db.transaction(() => {
    for (let row = 0; row < megabytes * 256; row += 1) insert.run();
  })();
}

describe('restore while another process has the database open', () => {
  it('is refused plainly while the other process writes, loses nothing, and goes through once it has closed', async () => {
    office = await createTestOffice();
    const [accountId] = insertBareAccounts(office.runtime.database.sqlite, 1) as [number];
    const supervisor = office.as('supervisor');
    const backup = await supervisor.must('system.backup', { label: 'before the writer' });

    const acknowledged: string[] = [];
    let attempt: Promise<Result<unknown>> | undefined;
    await runChild('tests/support/paced-writer.ts', [office.databasePath, String(accountId), TEST_USERS.supervisor, TEST_PASSWORD, '40', '20'], (line) => {
      const posted = parsePosted(line);
      if (!posted) return;
      acknowledged.push(posted.entryId);
      // Restore in the middle of the other process's postings.
      if (acknowledged.length === 5) attempt = supervisor.call('system.restore', { fileName: backup.fileName });
    });
    const refused = await attempt;
    expect(refused).toEqual({ ok: false, error: { code: 'CONFLICT', message: IN_USE_MESSAGE } });

    // The writer carried on to the end; the books are whole and hold every acknowledged posting.
    expect(acknowledged).toHaveLength(40);
    const db = office.runtime.database.sqlite;
    expectSoundBooks(db, acknowledged);
    expect(adjustmentCount(db)).toBe(40);

    // The other process has closed: now the restore goes through, to the books as backed up.
    const restored = await supervisor.must('system.restore', { fileName: backup.fileName });
    expect(restored.restoredFrom).toBe(backup.fileName);
    const after = office.runtime.database.sqlite;
    expectSoundBooks(after, []);
    expect(adjustmentCount(after)).toBe(0);
    // The safety backup, taken under the exclusive lock, holds all 40.
    const safety = new Database(restored.safetyBackup.path, { readonly: true });
    expect(adjustmentCount(safety)).toBe(40);
    safety.close();
  }, 60_000);

  it('makes a process that starts during a restore wait briefly, then refuse', async () => {
    office = await createTestOffice();
    const restoring = OfficeLock.acquireShared(office.databasePath);
    office.runtime.close();
    restoring.takeExclusive();
    try {
      const startedMs = Date.now();
      await expect(openDatabase(office.databasePath, { lockWaitMs: 300 })).rejects.toThrow(BUSY_ELSEWHERE_MESSAGE);
      expect(Date.now() - startedMs).toBeGreaterThanOrEqual(250);
    } finally {
      restoring.release();
    }
    // Once the lock is gone the database opens at once.
    closeDatabase(await openDatabase(office.databasePath, { lockWaitMs: 0 }));
  });

  it('refuses a restore while another runtime in this very process has the database open', async () => {
    office = await createTestOffice();
    const backup = await office.as('supervisor').must('system.backup', {});
    const other = await openDatabase(office.databasePath);
    try {
      const result = await office.as('supervisor').call('system.restore', { fileName: backup.fileName });
      expect(result).toEqual({ ok: false, error: { code: 'CONFLICT', message: IN_USE_MESSAGE } });
    } finally {
      closeDatabase(other);
    }
  });
});

describe('a backup while another process writes as fast as it can', () => {
  it('finishes promptly with one consistent snapshot and its manifest, and never holds the writer up', async () => {
    office = await createTestOffice();
    const db = office.runtime.database.sqlite;
    const [accountId] = insertBareAccounts(db, 1) as [number];
    addFiller(db, 40);
    const supervisor = office.as('supervisor');

    const posts: Posted[] = [];
    let backupWindow: { startMs: number; endMs: number } | undefined;
    let backupDone: Promise<Result<unknown>> | undefined;
    const { killed } = await runChild('tests/support/paced-writer.ts', [office.databasePath, String(accountId), TEST_USERS.supervisor, TEST_PASSWORD, '1000000', '0'], (line, kill) => {
      const posted = parsePosted(line);
      if (!posted) return;
      // Timed by the writer as each commit returned: a gap is how long the writer was held up.
      posts.push(posted);
      if (posts.length === 20) {
        const startMs = Date.now();
        backupDone = supervisor.call('system.backup', { label: 'under load' }).then((result) => {
          backupWindow = { startMs, endMs: Date.now() };
          return result;
        });
      }
      // Stop the writer a little after the backup has finished.
      if (backupWindow && Date.now() - backupWindow.endMs > 300) kill();
    });
    expect(killed).toBe(true);
    const result = (await backupDone) as Result<{ path: string; bytes: number }>;
    if (!result.ok) throw new Error(result.error.message);
    const window = backupWindow as { startMs: number; endMs: number };
    const duringBackup = posts.filter((post) => post.atMs >= window.startMs && post.atMs <= window.endMs);
    const gaps = posts.slice(1).map((post, index) => ({ atMs: post.atMs, gapMs: post.atMs - (posts[index] as Posted).atMs }));
    const longestGapMs = Math.max(0, ...gaps.filter((gap) => gap.atMs >= window.startMs && gap.atMs <= window.endMs + 300).map((gap) => gap.gapMs));
    console.log(
      `backup of ${(result.value.bytes / 1e6).toFixed(1)} MB under a writer: ${window.endMs - window.startMs} ms; ` +
        `${duringBackup.length} postings by the other process meanwhile, longest wait between two ${longestGapMs} ms`,
    );
    // Before: 100 pages per step, restarted at every commit of the other process — no end in sight.
    expect(window.endMs - window.startMs).toBeLessThan(20_000);
    expect(duringBackup.length).toBeGreaterThan(10);
    expect(longestGapMs).toBeLessThan(2000);

    // One consistent snapshot: sound books, and the manifest describes exactly this file.
    const copy = new Database(result.value.path, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(verifyBooks(copy, new Date().toISOString()).checks.filter((check) => !check.ok)).toEqual([]);
      const manifest = readBackupManifest(result.value.path);
      expect(manifest).toMatchObject({ formatVersion: 1, bytes: result.value.bytes, sha256: await sha256OfFile(result.value.path) });
      expect(manifest?.schemaVersion).toBe(readKnownMigrations(resolveMigrationsFolder()).count);
      const head = copy.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
      expect(manifest?.auditHead).toEqual(head);
      // The backup is one self-contained file (no write-ahead log to carry along).
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    } finally {
      copy.close();
    }
    expectSoundBooks(office.runtime.database.sqlite, posts.map((post) => post.entryId));
  }, 90_000);
});

/** This app's migrations plus one trivial extra: a newer version of the app with an upgrade to run. */
function migrationsWithOneMore(folder: string): string {
  const migrations = join(folder, 'newer-migrations');
  cpSync(resolveMigrationsFolder(), migrations, { recursive: true });
  const journalPath = join(migrations, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[] };
  const last = journal.entries[journal.entries.length - 1] as (typeof journal.entries)[number];
  const tag = `${String(last.idx + 1).padStart(4, '0')}_test_extra`;
  journal.entries.push({ idx: last.idx + 1, version: last.version, when: last.when + 1000, tag, breakpoints: true });
  writeFileSync(journalPath, JSON.stringify(journal));
  writeFileSync(join(migrations, `${tag}.sql`), 'CREATE TABLE `test_extra` (`id` integer PRIMARY KEY NOT NULL);\n');
  return migrations;
}

describe('an upgrade while another process has the database open', () => {
  it('is refused and changes nothing, then runs once the other process has closed', async () => {
    office = await createTestOffice();
    const [accountId] = insertBareAccounts(office.runtime.database.sqlite, 1) as [number];
    const newer = migrationsWithOneMore(office.folder);
    const known = readKnownMigrations(resolveMigrationsFolder()).count;
    office.runtime.close();

    const acknowledged: string[] = [];
    let attempt: Promise<unknown> | undefined;
    // Long enough to outlast the upgrade's one-second wait for its turn.
    await runChild('tests/support/paced-writer.ts', [office.databasePath, String(accountId), TEST_USERS.supervisor, TEST_PASSWORD, '100', '20'], (line) => {
      const posted = parsePosted(line);
      if (!posted) return;
      acknowledged.push(posted.entryId);
      if (acknowledged.length === 3) attempt = openDatabase(office?.databasePath as string, { migrationsFolder: newer }).then(closeDatabase, (error: unknown) => error);
    });
    expect(await attempt).toMatchObject({ code: 'CONFLICT', message: UPGRADE_REFUSED_MESSAGE });

    const raw = new Database(office.databasePath);
    expect(raw.prepare('SELECT COUNT(*) FROM __drizzle_migrations').pluck().get()).toBe(known);
    expectSoundBooks(raw, acknowledged);
    raw.close();

    const upgraded = await openDatabase(office.databasePath, { migrationsFolder: newer });
    try {
      expect(upgraded.sqlite.prepare('SELECT COUNT(*) FROM __drizzle_migrations').pluck().get()).toBe(known + 1);
      expect(upgraded.sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'test_extra'").pluck().get()).toBe('test_extra');
    } finally {
      closeDatabase(upgraded);
    }
  }, 60_000);
});

describe('backup and restore file paths', () => {
  it('are taken only from a trusted local front; the renderer and browser mode choose from the backups folder', async () => {
    office = await createTestOffice();
    const supervisor = office.as('supervisor');
    const elsewhere = join(office.folder, 'share', 'books.sqlite');
    const backup = await supervisor.call('system.backup', { label: '', destinationPath: elsewhere });
    expect(backup).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'destinationPath' } });
    const restore = await supervisor.call('system.restore', { path: elsewhere });
    expect(restore).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'path' } });

    // The CLI (a local front) may, with the same session, role and audit as any call.
    const local = (op: 'system.backup', input: unknown) => office?.runtime.callFromLocalFront({ op, input, sessionToken: supervisor.token }, 'cli');
    expect(await local('system.backup', { destinationPath: elsewhere })).toMatchObject({ ok: true, value: { path: elsewhere } });
    expect(await local('system.backup', { destinationPath: elsewhere })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'destinationPath' } });
    expect(await local('system.backup', { destinationPath: office.databasePath })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await local('system.backup', { destinationPath: 'relative/books.sqlite' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await local('system.backup', { destinationPath: join(office.folder, 'books.txt') })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const audited = office.runtime.database.sqlite.prepare("SELECT input_json FROM audit_log WHERE operation = 'system.backup'").pluck().all() as string[];
    expect(audited.some((input) => input.includes('"via":"cli"') && input.includes('books.sqlite'))).toBe(true);
  });

  it('refuses to restore a backup whose bytes no longer match its manifest', async () => {
    office = await createTestOffice();
    const supervisor = office.as('supervisor');
    const backup = await supervisor.must('system.backup', { label: 'tampered' });
    const bytes = readFileSync(backup.path);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    writeFileSync(backup.path, bytes);
    const result = await supervisor.call('system.restore', { fileName: backup.fileName });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/not the file its manifest describes/) } });
  });
});

describe('two processes opening a new database at the same moment', () => {
  it('take turns creating it: the second waits a moment for the first instead of being refused', async () => {
    office = await createTestOffice();
    const fresh = join(office.folder, 'new-office.sqlite');
    let opened: Promise<unknown> | undefined;
    await runChild('tests/support/office-lock-holder.ts', [fresh, '300'], (line) => {
      // The other process has the (new) database open while this one must create its schema.
      if (line === 'holding') opened = openDatabase(fresh).then(closeDatabase, (error: unknown) => error);
    });
    expect(await opened).toBeUndefined();
  });
});

describe('a restored file that cannot be upgraded', () => {
  it('is taken out again: the books stay as they were and the office keeps working', async () => {
    office = await createTestOffice();
    const backup = await office.as('supervisor').must('system.backup', { label: 'older app' });
    // The newer app's extra migration needs a table the backup lacks: upgrading the backup fails.
    const newer = migrationsWithOneMore(office.folder);
    const [tag] = readdirSync(newer).filter((name) => name.endsWith('_test_extra.sql'));
    writeFileSync(join(newer, tag as string), 'INSERT INTO `test_guard` (`id`) VALUES (1);\n');
    office.runtime.database.sqlite.exec('CREATE TABLE test_guard (id INTEGER PRIMARY KEY)');
    office.runtime.close();

    const runtime = await OfficeRuntime.open({ databasePath: office.databasePath, mode: 'test', migrationsFolder: newer });
    try {
      const login = await runtime.call({ op: 'session.login', input: { username: TEST_USERS.supervisor, password: TEST_PASSWORD } });
      const sessionToken = (login as { value: { token: string } }).value.token;
      const result = await runtime.call({ op: 'system.restore', input: { fileName: backup.fileName }, sessionToken });
      expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/could not be upgraded/) } });
      const db = runtime.database.sqlite;
      expect(db.prepare('SELECT COUNT(*) FROM test_guard').pluck().get()).toBe(1);
      expectSoundBooks(db, []);
      const info = await runtime.call({ op: 'system.info', input: {}, sessionToken });
      expect(info.ok).toBe(true);
    } finally {
      runtime.close();
    }
  });
});
