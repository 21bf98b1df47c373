/**
 * Opening the office database: pragmas for a money ledger, the schema-version check, a backup
 * before any migration, and the generated migrations.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as schema from '../../../db/schema';
import { OfficeError } from '../errors';
import { resolveMigrationsFolder } from './paths';
import { AUTO_CHECKPOINT_PAGES, cancelIdleCheckpoint, runDeferredWork } from './checkpoints';
import { OfficeLock, UPGRADE_REFUSED_MESSAGE, UPGRADE_WAIT_MS } from './office-lock';

export type Sqlite = Database.Database;
export type Orm = BetterSQLite3Database<typeof schema>;

export interface OfficeDatabase {
  readonly sqlite: Sqlite;
  readonly orm: Orm;
  readonly path: string;
  readonly schemaVersion: number;
  /** This process's hold on the database (office-lock.ts): released when the database closes. */
  readonly lock: OfficeLock;
}

interface JournalFile {
  entries: { idx: number; when: number; tag: string }[];
}

export interface KnownMigrations {
  count: number;
  newestMillis: number;
}

export function readKnownMigrations(migrationsFolder: string): KnownMigrations {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as JournalFile;
  const newestMillis = journal.entries.reduce((newest, entry) => Math.max(newest, entry.when), 0);
  return { count: journal.entries.length, newestMillis };
}

function appliedMigrations(sqlite: Sqlite): { count: number; newestMillis: number } {
  const table = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!table) return { count: 0, newestMillis: 0 };
  const row = sqlite
    .prepare('SELECT COUNT(*) AS count, COALESCE(MAX(created_at), 0) AS newest FROM __drizzle_migrations')
    .get() as { count: number; newest: number };
  return { count: row.count, newestMillis: Number(row.newest) };
}

export function applyPragmas(sqlite: Sqlite): void {
  sqlite.pragma('journal_mode = WAL');
  // FULL: a payment the clerk saw posted survives a power cut.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // How long a write waits for another process's write lock (every write transaction asks for it
  // up front: BEGIN IMMEDIATE). 5 s covers every write the office makes that a clerk could run
  // into: a payment holds the lock about a millisecond, a read import under 1 s, a 50,000-bill
  // run's draft or post 2-4 s (docs/performance.md). Longer would freeze the waiting window (the
  // wait blocks its process) for something that is not coming back soon — a restore, a demo build
  // — which the clerk should hear about: past the wait the write answers BUSY, and the client and
  // CLI resend it with the same idempotency key (src-shared/result.ts BUSY_RETRY_DELAYS_MS).
  sqlite.pragma('busy_timeout = 5000');
  // A 128 MB page cache (SQLite's default is 2 MB): a cycle's reads, bills and their indexes stay
  // in memory during an import or a bill run instead of being re-read page by page. The office PC
  // has the memory; the cache only grows as pages are used.
  sqlite.pragma('cache_size = -131072');
  // Checkpoint when the write-ahead log reaches 10,000 pages (40 MB) rather than SQLite's 1,000:
  // each checkpoint copies the log into the database and waits for the disk, and at 1,000 pages a
  // clerk paid for one every 30-odd payments (the slowest 1% of payments took 10 ms instead of 2).
  sqlite.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
}

/**
 * Runs pending migrations with foreign keys off: SQLite's procedure for rebuilding a table that
 * other tables refer to (payments, in 0013), whose DROP would otherwise count every child row as a
 * violation. The pragma cannot change inside a transaction, so it is set around drizzle's one.
 * A migration that rebuilds a parent ends by checking every reference itself (see 0013), so a
 * dangling one rolls the whole upgrade back.
 */
function migrateWithForeignKeysOff(sqlite: Sqlite, run: () => void, pending: boolean): void {
  if (!pending) return run();
  sqlite.pragma('foreign_keys = OFF');
  try {
    run();
  } catch (error) {
    // drizzle names the statement; what went wrong is SQLite's message underneath.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new OfficeError('CONFLICT', `This database could not be upgraded and was left as it was (${cause}). Restore a backup or call for support.`);
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}

export interface OpenOptions {
  migrationsFolder?: string;
  /** Where a pre-migration backup goes; default: a "backups" folder beside the database. */
  backupsFolder?: string;
  readonly?: boolean;
  /**
   * A lock this process already holds (a restore reopening the database under its exclusive
   * lock); otherwise a shared one is taken here and released by closeDatabase.
   */
  lock?: OfficeLock;
  /** How long to wait while a restore or upgrade elsewhere holds the database (default 5 s). */
  lockWaitMs?: number;
}

/**
 * Opens (creating if absent) and migrates the database. Refuses a database written by a newer
 * version of the app, and backs up an existing database before migrating it. The process holds
 * the database's shared lock (office-lock.ts) from here until closeDatabase; pending migrations
 * run only under the exclusive lock, so they are refused while another process has the file open.
 */
export async function openDatabase(path: string, options: OpenOptions = {}): Promise<OfficeDatabase> {
  const migrationsFolder = options.migrationsFolder ?? resolveMigrationsFolder();
  const known = readKnownMigrations(migrationsFolder);
  mkdirSync(dirname(path), { recursive: true });
  const lock = options.lock ?? OfficeLock.acquireShared(path, options.lockWaitMs);
  let sqlite: Sqlite | undefined;
  try {
    const existed = existsSync(path);
    sqlite = new Database(path);
    applyPragmas(sqlite);
    const open = sqlite;
    const pending = checkMigrations(open, path, known);
    if (pending) {
      await lock.exclusively(async () => {
        // Checked again under the exclusive lock: another process may have upgraded meanwhile.
        const applied = appliedMigrations(open);
        if (existed && applied.count > 0 && applied.count < known.count) await backUpBeforeMigrating(open, path, applied.count, options);
        migrateWithForeignKeysOff(open, () => migrate(drizzle(open, { schema }), { migrationsFolder }), applied.count < known.count);
        open.pragma(`user_version = ${known.count}`);
      }, UPGRADE_REFUSED_MESSAGE, UPGRADE_WAIT_MS);
    }
    const orm = drizzle(open, { schema });
    if ((open.pragma('user_version', { simple: true }) as number) !== known.count) open.pragma(`user_version = ${known.count}`);
    return { sqlite: open, orm, path, schemaVersion: known.count, lock };
  } catch (error) {
    sqlite?.close();
    if (!options.lock) lock.release();
    throw error;
  }
}

/** Refuses a database from a newer app; true when migrations are pending. */
function checkMigrations(sqlite: Sqlite, path: string, known: KnownMigrations): boolean {
  const applied = appliedMigrations(sqlite);
  if (applied.count > known.count || applied.newestMillis > known.newestMillis) {
    throw new OfficeError(
      'CONFLICT',
      `This database (${path}) was written by a newer version of Billing Office (schema ${applied.count}, this app knows ${known.count}). Install the newer version to open it.`,
    );
  }
  return applied.count < known.count;
}

async function backUpBeforeMigrating(sqlite: Sqlite, path: string, appliedCount: number, options: OpenOptions): Promise<void> {
  const backupsFolder = options.backupsFolder ?? join(dirname(path), 'backups');
  mkdirSync(backupsFolder, { recursive: true });
  // Under the exclusive lock nobody else writes, so SQLite's stepwise backup cannot restart.
  await sqlite.backup(join(backupsFolder, `pre-migrate-v${appliedCount}-${Date.now()}.sqlite`));
}

/**
 * Checkpoints and closes the database, then lets go of this process's lock — unless `keepLock`
 * (a restore, which reopens the file under the same exclusive lock).
 */
export function closeDatabase(database: OfficeDatabase, options: { keepLock?: boolean } = {}): void {
  cancelIdleCheckpoint(database.sqlite);
  if (database.sqlite.open) {
    runDeferredWork(database.sqlite);
    // PASSIVE: copy what the log holds without waiting. TRUNCATE would take the write lock and
    // wait (up to busy_timeout) for other processes' readers, holding up every counter's writes
    // while a CLI command closes. The last connection to close checkpoints and removes the log
    // by itself.
    database.sqlite.pragma('wal_checkpoint(PASSIVE)');
    database.sqlite.close();
  }
  if (!options.keepLock) database.lock.release();
}
