/** `info`, `verify`, `backup` and `restore`. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BackupFile } from '../../../src-shared/contract/system';
import { appendAudit } from '../../core/audit/log';
import { OfficeError } from '../../core/errors';
import { hashOf } from '../../core/hashing';
import { backupFileName, backupTo, checkBackupFile, defaultBackupsFolder, replaceDatabaseFile } from '../../core/storage/backup';
import { listUsers } from '../../core/users/users';
import { operationFailed } from '../errors';
import { EXIT } from '../exit-codes';
import { printLine, printResult } from '../io';
import { withSession, type CliSession, type GlobalOptions } from '../office';
import { renderFields } from '../table';

function kilobytes(bytes: number): string {
  return `${Math.max(1, Math.ceil(bytes / 1024)).toLocaleString('en-US')} KB`;
}

/** Records a trusted local action (backup, restore) in the audit trail, as the logged-in user. */
function audit(session: CliSession, operation: string, input: Record<string, unknown>, result: unknown): void {
  const db = session.runtime.database.sqlite;
  const recorded = { ...input, via: 'cli' };
  db.transaction(() =>
    appendAudit(db, {
      at: session.runtime.clock.nowIso(),
      userId: session.user.userId,
      username: session.user.username,
      operation,
      idempotencyKey: null,
      inputHash: hashOf(recorded),
      input: recorded,
      result,
      approvedByUserId: null,
    }),
  )();
}

function asFailure(error: unknown): never {
  if (error instanceof OfficeError) throw operationFailed({ code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) });
  throw error;
}

export async function runInfo(options: GlobalOptions): Promise<void> {
  await withSession(options, async (session) => {
    const info = await session.call('system.info', {});
    printResult(options.json === true, info, () =>
      printLine(renderFields([
        ['District', info.districtName + (info.isDemo ? '  (DEMO — practice data)' : '')],
        ['Database', info.databasePath],
        ['Schema version', String(info.schemaVersion)],
        ['Accounts', info.accountCount.toLocaleString('en-US')],
        ['App version', info.appVersion],
      ])),
    );
  });
}

/** Prints each check; returns exit code 3 when the books do not verify. */
export async function runVerify(options: GlobalOptions): Promise<number> {
  return withSession(options, async (session) => {
    const report = await session.call('system.verify', {});
    printResult(options.json === true, report, () => {
      for (const check of report.checks) printLine(`${check.ok ? '[ok]  ' : '[FAIL]'} ${check.name}: ${check.detail}`);
      printLine('');
      printLine(report.ok ? 'The books verify.' : 'The books do NOT verify: see the [FAIL] lines above, and call your supervisor.');
    });
    return report.ok ? EXIT.ok : EXIT.verifyProblems;
  });
}

/**
 * An online backup to a file of the operator's choosing (default: the backups folder beside
 * the database). The CLI is a trusted local operator, but it still logs in as a supervisor and
 * leaves an audit record, like the app's backup does.
 */
export async function runBackup(file: string | undefined, options: GlobalOptions): Promise<void> {
  await withSession(options, async (session) => {
    session.requireRole('supervisor', 'back up the database');
    const databasePath = session.runtime.database.path;
    const destination = file
      ? resolve(file)
      : join(session.runtime.options.backupsFolder ?? defaultBackupsFolder(databasePath), backupFileName(session.runtime.clock.nowIso(), 'cli'));
    let backup: BackupFile;
    try {
      backup = await backupTo(session.runtime.database.sqlite, destination);
    } catch (error) {
      asFailure(error);
    }
    audit(session, 'system.backup', { destination }, backup);
    printResult(options.json === true, backup, () => printLine(`Backed up to ${backup.path} (${kilobytes(backup.bytes)}).`));
  });
}

/**
 * Replaces the database with a backup file: checks the file first, takes a safety backup of
 * the current database, swaps, reopens (migrating an older backup), and audits the restore
 * in the restored database's trail. Close the desktop app and browser mode first.
 */
export async function runRestore(file: string, options: GlobalOptions): Promise<void> {
  await withSession(options, async (session) => {
    session.requireRole('supervisor', 'restore the database');
    const source = resolve(file);
    const runtime = session.runtime;
    if (source === resolve(runtime.database.path)) {
      throw operationFailed({ code: 'CONFLICT', message: 'That is the database itself; choose a backup file', field: 'file' });
    }
    let safetyBackup: BackupFile;
    try {
      if (!existsSync(source)) throw new OfficeError('NOT_FOUND', `No backup file at ${source}`, 'file');
      checkBackupFile(source);
      const folder = runtime.options.backupsFolder ?? defaultBackupsFolder(runtime.database.path);
      safetyBackup = await backupTo(runtime.database.sqlite, join(folder, backupFileName(runtime.clock.nowIso(), 'before-restore')));
      await runtime.reopen((databasePath) => replaceDatabaseFile(databasePath, source));
    } catch (error) {
      asFailure(error);
    }
    // The restored file has its own users: record the restore under this supervisor if they
    // exist there, otherwise as the system.
    const restoredUsers = listUsers(runtime.database.sqlite);
    const sameUser = restoredUsers.some((row) => row.userId === session.user.userId && row.username === session.user.username);
    const restored = { restoredFrom: source, safetyBackup, databasePath: runtime.database.path };
    const db = runtime.database.sqlite;
    const input = { file: source, via: 'cli', by: session.user.username };
    db.transaction(() =>
      appendAudit(db, {
        at: runtime.clock.nowIso(),
        userId: sameUser ? session.user.userId : null,
        username: session.user.username,
        operation: 'system.restore',
        idempotencyKey: null,
        inputHash: hashOf(input),
        input,
        result: restored,
        approvedByUserId: null,
      }),
    )();
    printResult(options.json === true, restored, () => {
      printLine(`Restored ${restored.databasePath} from ${source}.`);
      printLine(`The database as it was just before is kept in ${safetyBackup.path}.`);
      printLine(`Run \`billing-office --db "${restored.databasePath}" verify\` to prove the restored books.`);
    });
  });
}
