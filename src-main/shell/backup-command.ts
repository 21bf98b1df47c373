/**
 * File › Back Up Now…: an online backup to a file the supervisor chooses (a USB stick for
 * the off-site copy), through the system.backup operation — the same checks, backup and audit
 * record as the Backups screen and the CLI. The menu has no session of its own, so it acts as
 * the user logged in to the window; the path comes from the OS save dialog, so the call is made
 * as a trusted local front (runtime.callFromLocalFront), which the renderer can never be.
 */
import { dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { BackupFile } from '../../src-shared/contract/system';
import { roleAllows } from '../../src-shared/roles';
import { backupFileName, defaultBackupsFolder } from '../core/storage/backup';
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
  const result = await runtime.callFromLocalFront({ op: 'system.backup', input: { label: '', destinationPath: destination }, sessionToken }, 'desktop menu');
  if (!result.ok) {
    // The operation's own sentence (an existing file is never replaced, ...) under a heading
    // that says what to do when the chosen file is the trouble.
    const heading = result.error.field === 'destinationPath' ? 'Choose a new file name' : 'The backup was not taken';
    await tell(window, 'warning', heading, result.error.message);
    return;
  }
  const file = result.value as BackupFile;
  await tell(window, 'info', 'Backup complete', `Saved ${file.fileName} (${Math.ceil(file.bytes / 1024)} KB) to\n${file.path}`);
}
