/**
 * Backups and restore.
 *
 * Backup: one consistent snapshot without stalling anyone. A separate read-only connection opens
 * one read transaction and SQLite's backup API copies the pages from it in small steps, yielding
 * between steps. In WAL mode a reader never blocks a writer, and because the snapshot's read
 * transaction stays open across steps, a commit by another process never restarts the copy (it
 * did with better-sqlite3's default: 100 pages per step, each a new read, restarting at every
 * commit — 14–44 s under one writer). The copy is written beside its destination under a
 * `.partial` name, fsynced and renamed, so a backup file either is whole or is not there; a
 * manifest (`<backup>.manifest.json`) records what it is and its SHA-256.
 *
 * Restore (restoreInto): through the same backup API, from the backup file INTO the database, in
 * one write transaction of the database: a crash midway rolls back to the old books, and the
 * database's -wal/-shm are never touched by hand. The caller holds the exclusive office lock.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { closeSync, createReadStream, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { BackupFile } from '../../../src-shared/contract/system';
import { OfficeError } from '../errors';
import type { KnownMigrations, Sqlite } from './database';
import { lockPathFor } from './office-lock';

/** Pages per backup step (1 MB of 4 KB pages): this process's event loop is free between steps. */
const PAGES_PER_STEP = 256;
export const MANIFEST_FORMAT_VERSION = 1;

export function defaultBackupsFolder(databasePath: string): string {
  return join(dirname(databasePath), 'backups');
}

function describe(path: string): BackupFile {
  const stats = statSync(path);
  return { fileName: basename(path), path, bytes: stats.size, createdAt: stats.mtime.toISOString() };
}

function timestampForFileName(nowIso: string): string {
  return nowIso.replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
}

export function backupFileName(nowIso: string, label: string): string {
  const safeLabel = label.replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return `billing-office-${timestampForFileName(nowIso)}${safeLabel ? `-${safeLabel}` : ''}.sqlite`;
}

export function listBackups(folder: string): BackupFile[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.sqlite'))
    .map((name) => describe(join(folder, name)))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.fileName.localeCompare(a.fileName));
}

/** A sealed audit head (core/audit/seal.ts): the record, and an HMAC over it with the office's key. */
export interface SealedHead {
  seq: number;
  hash: string;
  seal: string;
  keyId: string;
}

/** What a backup is, written beside it. */
export interface BackupManifest {
  formatVersion: number;
  createdAt: string;
  appVersion: string;
  schemaVersion: number;
  bytes: number;
  sha256: string;
  /** The newest audit record in the backup, or null for an empty trail. */
  auditHead: { seq: number; hash: string } | null;
  /** That head sealed with the office's audit key (null when the office has no key yet). */
  auditSeal: SealedHead | null;
}

export function manifestPathFor(backupPath: string): string {
  return `${backupPath}.manifest.json`;
}

export async function writeBackupManifest(backupPath: string, manifest: BackupManifest): Promise<void> {
  const path = manifestPathFor(backupPath);
  writeFileSync(`${path}.partial`, `${JSON.stringify(manifest, null, 2)}\n`);
  await syncFile(`${path}.partial`);
  renameSync(`${path}.partial`, path);
}

export function readBackupManifest(backupPath: string): BackupManifest | null {
  const path = manifestPathFor(backupPath);
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as BackupManifest;
  } catch {
    throw new OfficeError('CONFLICT', `The manifest beside ${basename(backupPath)} cannot be read; the backup cannot be trusted`);
  }
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** fsync off the event loop (libuv's thread pool): a big file can take a while to reach the disk. */
async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a rename durable where the platform allows it (Windows cannot open a folder). */
function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Best effort only.
  }
}

/** The database file and its side files: never a backup destination nor a restore source. */
function isDatabaseFile(databasePath: string, candidate: string): boolean {
  const database = resolve(databasePath);
  return [database, `${database}-wal`, `${database}-shm`, `${database}-journal`, lockPathFor(database)].includes(resolve(candidate));
}

/**
 * A path a trusted local front (CLI, desktop menu dialog) gives: absolute, a .sqlite file, and
 * never the database itself or one of its side files.
 */
export function checkBackupPath(databasePath: string, path: string, field: string): string {
  if (!isAbsolute(path)) throw new OfficeError('INVALID_INPUT', `Give the full path of the backup file (${path} is not one)`, field);
  if (!path.toLowerCase().endsWith('.sqlite')) throw new OfficeError('INVALID_INPUT', 'A backup file name ends in .sqlite', field);
  if (isDatabaseFile(databasePath, path)) throw new OfficeError('CONFLICT', 'That is the office database itself; choose a backup file', field);
  return resolve(path);
}

export interface BackupFacts {
  appVersion: string;
  createdAt: string;
  /**
   * Seals the snapshot's audit head for the manifest, given the snapshot's own (read-only)
   * connection; null when there is nothing to seal with. Passed in so storage needs no audit code.
   */
  sealHead?: (snapshot: Sqlite, head: { seq: number; hash: string }) => SealedHead | null;
}

interface SnapshotFacts {
  schemaVersion: number;
  auditHead: BackupManifest['auditHead'];
}

/** Starts the snapshot's read transaction and reads what the manifest says of it. */
function openSnapshot(snapshot: Sqlite): SnapshotFacts {
  snapshot.exec('BEGIN');
  const hasMigrations = snapshot.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  const schemaVersion = hasMigrations ? (snapshot.prepare('SELECT COUNT(*) FROM __drizzle_migrations').pluck().get() as number) : 0;
  const hasAudit = snapshot.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").get();
  const head = hasAudit ? (snapshot.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined) : undefined;
  return { schemaVersion, auditHead: head ? { seq: head.seq, hash: head.hash } : null };
}

/** A part still being written is touched at every step; one untouched this long was left by a backup that stopped. */
export const ABANDONED_PART_MS = 15 * 60_000;
const PART_FILE = /\.partial(-journal|-wal|-shm)?$/;

/**
 * Removes what backups that stopped midway (the machine stopped, the process was killed) left in
 * a folder: `.partial` files and their SQLite journals. A backup running now in another process
 * keeps writing its part, so only parts untouched for ABANDONED_PART_MS are removed.
 */
export function removeAbandonedParts(folder: string, nowMs: number): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names.filter((candidate) => PART_FILE.test(candidate))) {
    const path = join(folder, name);
    try {
      if (nowMs - statSync(path).mtimeMs < ABANDONED_PART_MS) continue;
      rmSync(path, { force: true });
      removed.push(name);
    } catch {
      // Gone meanwhile (its backup finished): nothing to remove.
    }
  }
  return removed;
}

/**
 * Backs up the database at `databasePath` (open or not, written to by any number of processes)
 * into `destinationPath`, which must not exist, and writes its manifest.
 */
export async function backupTo(databasePath: string, destinationPath: string, facts: BackupFacts): Promise<BackupFile> {
  if (existsSync(destinationPath)) {
    throw new OfficeError('CONFLICT', `A file already exists at ${destinationPath}; a backup never replaces a file. Choose another name.`, 'destinationPath');
  }
  if (isDatabaseFile(databasePath, destinationPath)) throw new OfficeError('CONFLICT', 'A backup cannot be written over the office database', 'destinationPath');
  mkdirSync(dirname(destinationPath), { recursive: true });
  removeAbandonedParts(dirname(destinationPath), Date.now());
  const partial = `${destinationPath}.partial`;
  rmSync(partial, { force: true });
  let snapshotFacts: SnapshotFacts;
  let auditSeal: SealedHead | null = null;
  const snapshot = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    snapshot.pragma('busy_timeout = 5000');
    snapshotFacts = openSnapshot(snapshot);
    if (snapshotFacts.auditHead && facts.sealHead) auditSeal = facts.sealHead(snapshot, snapshotFacts.auditHead);
    await snapshot.backup(partial, { progress: () => PAGES_PER_STEP });
    snapshot.exec('COMMIT');
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    snapshot.close();
  }
  makeSelfContained(partial);
  await syncFile(partial);
  if (existsSync(destinationPath)) {
    rmSync(partial, { force: true });
    throw new OfficeError('CONFLICT', `A file appeared at ${destinationPath} during the backup; choose another name.`, 'destinationPath');
  }
  renameSync(partial, destinationPath);
  syncFolder(dirname(destinationPath));
  const file = describe(destinationPath);
  await writeBackupManifest(destinationPath, {
    formatVersion: MANIFEST_FORMAT_VERSION,
    createdAt: facts.createdAt,
    appVersion: facts.appVersion,
    schemaVersion: snapshotFacts.schemaVersion,
    bytes: file.bytes,
    sha256: await sha256OfFile(destinationPath),
    auditHead: snapshotFacts.auditHead,
    auditSeal,
  });
  return file;
}

/** A rollback-journal file: one file holds everything (no -wal to carry along). */
function makeSelfContained(path: string): void {
  const copy = new Database(path);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/**
 * Refuses a file that is not a sound Billing Office database this app can open, or whose bytes
 * differ from its manifest.
 */
export async function checkBackupFile(path: string, known: KnownMigrations, field = 'fileName'): Promise<void> {
  if (!existsSync(path)) throw new OfficeError('NOT_FOUND', `No backup file at ${path}`, field);
  const manifest = readBackupManifest(path);
  if (manifest && manifest.sha256 !== (await sha256OfFile(path))) {
    throw new OfficeError('CONFLICT', `${basename(path)} is not the file its manifest describes (it was changed or damaged after the backup); choose another backup`, field);
  }
  let candidate: Sqlite | undefined;
  try {
    candidate = new Database(path, { readonly: true, fileMustExist: true });
    const integrity = candidate.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new OfficeError('CONFLICT', `The backup ${basename(path)} is damaged (${String(integrity)})`, field);
    const hasJournal = candidate.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'journal_entries'").get();
    if (!hasJournal) throw new OfficeError('CONFLICT', `${basename(path)} is not a Billing Office database`, field);
    const applied = candidate.prepare('SELECT COUNT(*) FROM __drizzle_migrations').pluck().get() as number;
    if (applied > known.count) {
      throw new OfficeError('CONFLICT', `${basename(path)} was written by a newer version of Billing Office (schema ${applied}, this app knows ${known.count}); install the newer version to restore it`, field);
    }
  } catch (error) {
    if (error instanceof OfficeError) throw error;
    throw new OfficeError('CONFLICT', `${basename(path)} cannot be read as a database: ${(error as Error).message}`, field);
  } finally {
    candidate?.close();
  }
}

/**
 * Copies the backup into the (closed) database through SQLite's backup API: one write
 * transaction of the database, so a crash midway leaves the old books. Then checks the result.
 * The caller holds the exclusive office lock, so no other connection reads or writes meanwhile.
 */
export async function restoreInto(databasePath: string, backupPath: string): Promise<void> {
  const source = new Database(backupPath, { readonly: true, fileMustExist: true });
  try {
    // All pages in one step: the destination's lock is ours anyway, and steps would only add restarts.
    await source.backup(databasePath, { progress: () => 0x7fffffff });
  } catch (error) {
    throw new OfficeError('CONFLICT', `The backup could not be copied in; the database was left as it was (${(error as Error).message})`);
  } finally {
    source.close();
  }
  const restored = new Database(databasePath, { fileMustExist: true });
  try {
    restored.pragma('journal_mode = WAL');
    restored.pragma('wal_checkpoint(TRUNCATE)');
    const integrity = restored.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new OfficeError('CONFLICT', `The restored database failed its integrity check (${String(integrity)}); the books were put back as they were. Call for support.`);
  } finally {
    restored.close();
  }
}
