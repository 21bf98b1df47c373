/** `info`, `verify`, `backup`, `restore` and `audit-key export|import`. */
import { resolve } from 'node:path';
import { importOfficeKeys, officeIdOf } from '../../core/audit/keys';
import { OfficeError } from '../../core/errors';
import { CliError } from '../errors';
import { EXIT } from '../exit-codes';
import { printLine, printResult } from '../io';
import { openRuntime, resolveDatabasePath, withSession, type GlobalOptions } from '../office';
import { renderFields } from '../table';
import type { VerifyScope } from '../../../src-shared/contract/system';

function kilobytes(bytes: number): string {
  return `${Math.max(1, Math.ceil(bytes / 1024)).toLocaleString('en-US')} KB`;
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

/** What this verify read, in one line (an incremental one cannot see changes to older rows: say so). */
function verifyScopeLine(scope: VerifyScope): string {
  if (scope.kind === 'full') return `Full verify (${scope.reason}): every row of the books was read.`;
  const lastFull = scope.lastFullAt ? `; the last full verify was ${scope.lastFullAt}` : '';
  return `Incremental verify: only what came after the last verify that passed (audit record ${scope.fromAuditSeq}, ${scope.checkpointAt}). It cannot see a change since then to an older row; \`verify --full\` re-reads them all${lastFull}.`;
}

/** Prints each check; returns exit code 3 when the books do not verify. */
export async function runVerify(options: GlobalOptions, full = false): Promise<number> {
  return withSession(options, async (session) => {
    const report = await session.call('system.verify', full ? { full: true } : {});
    printResult(options.json === true, report, () => {
      printLine(verifyScopeLine(report.scope));
      for (const check of report.checks) printLine(`${check.ok ? '[ok]  ' : '[FAIL]'} ${check.name}: ${check.detail}`);
      printLine('');
      printLine(report.ok ? 'The books verify.' : 'The books do NOT verify: see the [FAIL] lines above, and call your supervisor.');
    });
    return report.ok ? EXIT.ok : EXIT.verifyProblems;
  });
}

/**
 * An online backup to a file of the operator's choosing (default: the backups folder beside
 * the database), through the system.backup operation like the app's: supervisor only, audited.
 */
export async function runBackup(file: string | undefined, options: GlobalOptions): Promise<void> {
  await withSession(options, async (session) => {
    session.requireRole('supervisor', 'back up the database');
    const backup = await session.call('system.backup', file ? { label: '', destinationPath: resolve(file) } : { label: 'cli' });
    printResult(options.json === true, backup, () => printLine(`Backed up to ${backup.path} (${kilobytes(backup.bytes)}).`));
  });
}

/**
 * Replaces the database with a backup file through the system.restore operation: refused while
 * any other window or command has the database open; the file is checked, a safety backup of
 * the current database taken, the backup copied in, and the restore audited in the restored trail.
 */
export async function runRestore(file: string, options: GlobalOptions): Promise<void> {
  await withSession(options, async (session) => {
    session.requireRole('supervisor', 'restore the database');
    const source = resolve(file);
    const result = await session.call('system.restore', { path: source });
    const restored = { ...result, databasePath: session.runtime.database.path };
    printResult(options.json === true, restored, () => {
      printLine(`Restored ${restored.databasePath} from ${source}.`);
      printLine(`The database as it was just before is kept in ${restored.safetyBackup.path}.`);
      printLine(`Run \`billing-office --db "${restored.databasePath}" verify\` to prove the restored books.`);
    });
  });
}

/**
 * Writes the office's audit keys to a new file (in clear, mode 0600) for another PC that writes
 * the same database file: through the system.exportAuditKey operation, supervisor, audited.
 */
export async function runAuditKeyExport(file: string, options: GlobalOptions): Promise<void> {
  await withSession(options, async (session) => {
    session.requireRole('supervisor', "export the office's audit key");
    const exported = await session.call('system.exportAuditKey', { path: resolve(file) });
    printResult(options.json === true, exported, () => {
      printLine(`Wrote ${exported.keyIds.length} audit key(s) of office ${exported.officeId} to ${exported.path}.`);
      printLine('The file holds the keys in clear: carry it to the other PC, run `billing-office audit-key import` there, then delete it.');
    });
  });
}

/**
 * Takes an office's audit keys from an exported file into this PC's key store (the OS key store
 * where there is one). Not an operation and no sign-in: it writes nothing to the books, and it
 * must come before this PC's first sign-in, which would otherwise make a key of its own.
 */
export async function runAuditKeyImport(file: string, options: GlobalOptions): Promise<void> {
  const runtime = await openRuntime(await resolveDatabasePath(options), true);
  try {
    const officeId = officeIdOf(runtime.database.sqlite);
    if (officeId === null) throw new CliError(EXIT.failed, 'This database has no audit key yet (nothing was ever written to it); there is nothing to import');
    const imported = importOfficeKeys(officeId, resolve(file));
    printResult(options.json === true, imported, () => {
      printLine(`Imported ${imported.added.length} audit key(s) of office ${officeId} into ${imported.location}${imported.alreadyHere.length > 0 ? ` (${imported.alreadyHere.length} already here)` : ''}.`);
      printLine(`Delete ${resolve(file)} now; run \`billing-office verify\` to check the books with the imported key.`);
    });
  } catch (error) {
    if (error instanceof OfficeError) throw new CliError(EXIT.failed, error.message);
    throw error;
  } finally {
    runtime.close();
  }
}
