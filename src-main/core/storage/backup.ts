/**
 * Online backup (SQLite's backup API: consistent while the office keeps working) and restore
 * (check the file, keep a safety copy of the current database, then swap).
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { BackupFile } from '../../../src-shared/contract/system';
import { OfficeError } from '../errors';
import type { Sqlite } from './database';

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

export async function backupTo(db: Sqlite, destinationPath: string): Promise<BackupFile> {
  if (existsSync(destinationPath)) {
    throw new OfficeError('CONFLICT', `A file already exists at ${destinationPath}; choose another name`, 'destination');
  }
  mkdirSync(dirname(destinationPath), { recursive: true });
  await db.backup(destinationPath);
  return describe(destinationPath);
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

/** Refuses a file that is not a sound Billing Office database. */
export function checkBackupFile(path: string): void {
  if (!existsSync(path)) throw new OfficeError('NOT_FOUND', `No backup file at ${path}`, 'fileName');
  let candidate: Sqlite | undefined;
  try {
    candidate = new Database(path, { readonly: true, fileMustExist: true });
    const integrity = candidate.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new OfficeError('CONFLICT', `The backup ${basename(path)} is damaged (${String(integrity)})`);
    const hasJournal = candidate.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'journal_entries'").get();
    if (!hasJournal) throw new OfficeError('CONFLICT', `${basename(path)} is not a Billing Office database`);
  } catch (error) {
    if (error instanceof OfficeError) throw error;
    throw new OfficeError('CONFLICT', `${basename(path)} cannot be read as a database: ${(error as Error).message}`);
  } finally {
    candidate?.close();
  }
}

/** Replaces the (closed) database file with the backup; WAL side files of the old one go. */
export function replaceDatabaseFile(databasePath: string, backupPath: string): void {
  for (const suffix of ['-wal', '-shm']) rmSync(`${databasePath}${suffix}`, { force: true });
  copyFileSync(backupPath, databasePath);
}
