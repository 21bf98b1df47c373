/**
 * File › Back Up Now…: an online backup to a file the supervisor chooses (a USB stick for
 * the off-site copy), written through core/storage/backup and recorded in the audit trail.
 * The menu has no session of its own, so it acts as the user logged in to the window — and
 * only a supervisor may take the books home, exactly as the system.backup operation requires.
 */
import { dialog, type BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { roleAllows } from '../../src-shared/roles';
import { appendAudit } from '../core/audit/log';
import { OfficeError } from '../core/errors';
import { hashOf } from '../core/hashing';
import { backupFileName, backupTo, defaultBackupsFolder } from '../core/storage/backup';
import type { OfficeRuntime } from '../operations/runtime';

async function tell(window: BrowserWindow, type: 'info' | 'warning' | 'error', message: string, detail: string): Promise<void> {
  await dialog.showMessageBox(window, { type, message, detail, buttons: ['OK'] });
}

export async function backUpFromMenu(window: BrowserWindow, runtime: OfficeRuntime, sessionToken: string | undefined): Promise<void> {
  const user = runtime.sessions.touch(sessionToken);
  if (!user) {
    await tell(window, 'info', 'Log in first', 'Only a logged-in supervisor can back up the books.');
    return;
  }
  if (!roleAllows(user.role, 'supervisor')) {
    await tell(window, 'warning', 'A supervisor must do this', 'Backups hold every customer record; ask a supervisor to log in and back up.');
    return;
  }
  const nowIso = runtime.clock.nowIso();
  const databasePath = runtime.database.path;
  const choice = await dialog.showSaveDialog(window, {
    title: 'Back up the office database',
    buttonLabel: 'Back Up',
    defaultPath: join(runtime.options.backupsFolder ?? defaultBackupsFolder(databasePath), backupFileName(nowIso, 'manual')),
    filters: [{ name: 'Billing Office backup', extensions: ['sqlite'] }],
    properties: ['createDirectory'],
  });
  if (choice.canceled || !choice.filePath) return;
  const destination = choice.filePath.endsWith('.sqlite') ? choice.filePath : `${choice.filePath}.sqlite`;
  // Never overwrite anything — least of all the live database the dialog could point at.
  if (existsSync(destination)) {
    await tell(window, 'warning', 'Choose a new file name', `${destination} already exists. A backup never replaces an existing file.`);
    return;
  }
  try {
    const file = await backupTo(runtime.database.sqlite, destination);
    const input = { destination, via: 'desktop menu' };
    const db = runtime.database.sqlite;
    db.transaction(() =>
      appendAudit(db, {
        at: nowIso,
        userId: user.userId,
        username: user.username,
        operation: 'system.backup',
        idempotencyKey: null,
        inputHash: hashOf(input),
        input,
        result: file,
        approvedByUserId: null,
      }),
    )();
    await tell(window, 'info', 'Backup complete', `Saved ${file.fileName} (${Math.ceil(file.bytes / 1024)} KB) to\n${file.path}`);
  } catch (error) {
    const detail = error instanceof OfficeError ? error.message : `The backup could not be written: ${(error as Error).message}`;
    await tell(window, 'error', 'Backup failed', detail);
  }
}
