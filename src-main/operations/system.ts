/** Handlers: session, users, system (info, verify, backup, restore), audit. */
import { basename, isAbsolute, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { appendAudit } from '../core/audit/log';
import { auditRecordDetail, auditTrail } from '../core/audit/trail';
import { exportOfficeKeys, forgetKeyring, loadKeyring } from '../core/audit/keys';
import { backupSealProblem, sealAuditHead, sealBeforeRestore, sealHead } from '../core/audit/seal';
import { OfficeError } from '../core/errors';
import { hashOf } from '../core/hashing';
import { verifyOffice } from '../core/ledger/verify';
import { backupFileName, backupTo, checkBackupFile, checkBackupPath, defaultBackupsFolder, listBackups, readBackupManifest, restoreInto, type BackupFacts } from '../core/storage/backup';
import { readKnownMigrations, type Sqlite } from '../core/storage/database';
import { findProjectRoot, resolveMigrationsFolder } from '../core/storage/paths';
import { getSetting, setSetting } from '../core/storage/settings';
import { clearFailures, guardPasswordCheck, lockedMessage } from '../core/users/login-throttle';
import { assertPasswordAllowed } from '../core/users/passwords';
import { SESSION_IDLE_MINUTES, sessionMaxHours } from '../core/users/sessions';
import * as users from '../core/users/users';
import type { BackupFile } from '../../src-shared/contract/system';
import { requireUser, type HandlerContext } from './context';
import type { HandlersFor } from './table';

let cachedVersion: string | undefined;
function appVersion(): string {
  cachedVersion ??= (JSON.parse(readFileSync(join(findProjectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return cachedVersion;
}

/**
 * Audits an operation that is not a ledger write but matters (login, backup, restore). Reading the
 * chain's head and appending to it are one IMMEDIATE transaction (or a savepoint in the caller's):
 * two processes logging in at once must not both chain onto the same head.
 */
function auditEvent(context: HandlerContext, operation: string, input: unknown, result: unknown, username?: string): void {
  context.db.transaction(() => appendAudit(context.db, {
    at: context.nowIso,
    userId: context.user?.userId ?? null,
    username: username ?? context.user?.username ?? 'system',
    operation,
    idempotencyKey: null,
    inputHash: hashOf(input),
    input,
    result,
    approvedByUserId: null,
  })).immediate();
}

function backupsFolder(context: HandlerContext): string {
  return context.runtime.options.backupsFolder ?? defaultBackupsFolder(context.database.path);
}

/**
 * What a backup's manifest records, its audit head sealed with the office's key. Sealed through
 * the snapshot's own connection: a restore's safety backup is taken while the office's is closed.
 */
function backupFacts(context: HandlerContext, destination: string): BackupFacts {
  return {
    appVersion: appVersion(),
    createdAt: context.nowIso,
    sealHead: (snapshot, head) => {
      if (!loadKeyring(snapshot)?.keys.length) return null;
      const seal = sealHead(snapshot, head, `backup ${basename(destination)}`, context.nowIso);
      // The office's own connection re-reads the key file, which now holds this seal.
      forgetKeyring(context.db);
      return seal;
    },
  };
}

/**
 * A file path in the input is honoured only from a trusted local front (the CLI, the desktop
 * menu's save dialog): from the renderer or a browser it could aim the books at any folder the
 * office PC can reach (a network share), so those callers choose by name in the backups folder.
 */
function localBackupPath(context: HandlerContext, path: string, field: string): string {
  if (!context.runtime.localFront) {
    throw new OfficeError('FORBIDDEN', 'A backup file outside the backups folder can only be chosen from the desktop menu or the command line; choose one from the list', field);
  }
  return checkBackupPath(context.database.path, path, field);
}

/**
 * Audits a backup or restore (not ledger writes, so outside the dispatcher's write path) in a
 * transaction of its own that takes the write lock up front, noting which front asked for it.
 */
function auditSystemEvent(context: HandlerContext, db: Sqlite, operation: string, input: object, result: unknown, userId: number | null): void {
  const user = requireUser(context);
  const recorded = { ...input, via: context.runtime.localFront ?? 'app' };
  db.transaction(() =>
    appendAudit(db, {
      at: context.nowIso,
      userId,
      username: user.username,
      operation,
      idempotencyKey: null,
      inputHash: hashOf(recorded),
      input: recorded,
      result,
      approvedByUserId: null,
    }),
  ).immediate();
}

/**
 * Under the exclusive lock (refused while anyone else has the database open): a safety backup,
 * then the backup copied in (runtime.exclusively reopens the database afterwards). Any failure
 * leaves the books as they were.
 */
async function restoreExclusively(context: HandlerContext, source: string): Promise<BackupFile> {
  let safetyBackup: BackupFile | undefined;
  await context.runtime.exclusively(
    async (databasePath) => {
      // Nobody can post between the safety copy and the copy-in.
      const safetyPath = join(backupsFolder(context), backupFileName(context.nowIso, 'before-restore'));
      const safety = await backupTo(databasePath, safetyPath, backupFacts(context, safetyPath));
      safetyBackup = safety;
      sealBeforeRestore(databasePath, source, `restoring ${basename(source)}`, context.nowIso);
      try {
        await restoreInto(databasePath, source);
      } catch (error) {
        // A copy that failed midway rolled back by itself; one that failed its check after
        // committing is replaced by the books as they were.
        await restoreInto(databasePath, safety.path);
        throw error;
      }
    },
    // The restored file would not open (its upgrade failed): the books go back as they were.
    async (databasePath) => {
      if (safetyBackup) await restoreInto(databasePath, safetyBackup.path);
    },
  );
  return safetyBackup as BackupFile;
}

/** The session limits as the security settings show them (the lifetime as login will use it). */
function securitySettingsOf(context: HandlerContext) {
  return { sessionMaxHours: sessionMaxHours(context.db), sessionIdleMinutes: SESSION_IDLE_MINUTES };
}

export const systemHandlers: HandlersFor<'session.' | 'users.' | 'security.' | 'system.' | 'audit.'> = {
  'session.login': (context, input) => {
    const db = context.db;
    const refusal = (outcome: 'wrong' | 'locked') =>
      auditEvent(context, 'session.login', { username: input.username }, outcome === 'locked' ? { ok: false, locked: true } : { ok: false }, input.username);
    const checked = guardPasswordCheck(db, input.username, context.nowIso, () => users.authenticate(db, input.username, input.password), refusal);
    if (checked.outcome === 'locked') throw new OfficeError('LOGIN_FAILED', lockedMessage(input.username, checked.minutesLocked));
    if (checked.outcome === 'wrong') throw new OfficeError('LOGIN_FAILED', 'User name or password is not right');
    const user = checked.value;
    const sessionUser = { userId: user.userId, username: user.username, displayName: user.displayName, role: user.role };
    // The login's last_login_at, its cleared failures and its audit record: one transaction.
    db.transaction(() => {
      clearFailures(db, input.username);
      users.recordLogin(db, user.userId, context.nowIso);
      auditEvent({ ...context, user: sessionUser }, 'session.login', { username: input.username }, { ok: true });
    }).immediate();
    return { token: context.runtime.sessions.open(sessionUser, sessionMaxHours(db)), user: sessionUser };
  },
  'session.logout': (context) => {
    if (context.sessionToken) context.runtime.sessions.close(context.sessionToken);
    return { loggedOut: true as const };
  },
  'session.me': (context) => requireUser(context),
  'users.list': (context) => users.listUsers(context.db),
  'users.create': (context, input) => users.createUser(context.db, context.nowIso, input),
  'users.update': (context, input) => {
    const { userId, ...changes } = input;
    const updated = users.updateUser(context.db, userId, changes);
    if (changes.role !== undefined || changes.active === false || changes.password !== undefined) {
      context.runtime.sessions.closeAllFor(userId);
    }
    return updated;
  },
  // Not a dispatcher write (contract: writes false), because a wrong current password must be
  // counted and audited even though the change fails: each outcome is its own transaction here.
  'users.changeOwnPassword': (context, input) => {
    const db = context.db;
    const me = requireUser(context);
    assertPasswordAllowed(input.newPassword, 'newPassword');
    const refusal = (outcome: 'wrong' | 'locked') => auditEvent(context, 'users.changeOwnPassword', {}, { changed: false, ...(outcome === 'locked' ? { locked: true } : {}) });
    const checked = guardPasswordCheck(db, me.username, context.nowIso, () => users.currentPasswordMatches(db, me.userId, input.currentPassword) || null, refusal);
    if (checked.outcome === 'locked') throw new OfficeError('LOGIN_FAILED', lockedMessage(me.username, checked.minutesLocked), 'currentPassword');
    if (checked.outcome === 'wrong') {
      const lockNote = checked.minutesLocked > 0 ? `. ${lockedMessage(me.username, checked.minutesLocked)}` : '';
      throw new OfficeError('LOGIN_FAILED', `Your current password is not right${lockNote}`, 'currentPassword');
    }
    const newHash = users.hashNewOwnPassword(input.newPassword);
    db.transaction(() => {
      users.setPasswordHash(db, me.userId, newHash);
      clearFailures(db, me.username);
      auditEvent(context, 'users.changeOwnPassword', {}, { changed: true });
    }).immediate();
    return { changed: true as const };
  },
  'security.settings': (context) => securitySettingsOf(context),
  // Applies to sessions opened from now on: each session's end is fixed at its login, and
  // sessions live in the memory of whichever process served the login (app, browser server, CLI),
  // which this process cannot reach. A supervisor who must end sessions at once restarts the app.
  'security.updateSettings': (context, input) => {
    setSetting(context.db, 'sessionMaxHours', input.sessionMaxHours);
    return securitySettingsOf(context);
  },
  'system.info': (context) => ({
    appVersion: appVersion(),
    mode: context.runtime.mode,
    databasePath: context.database.path,
    isDemo: getSetting(context.db, 'isDemo'),
    schemaVersion: context.database.schemaVersion,
    accountCount: (context.db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n,
    districtName: getSetting(context.db, 'districtName'),
  }),
  'system.verify': (context, input) => verifyOffice(context.db, context.nowIso, { full: input.full === true }),
  'system.backup': async (context, input) => {
    const destination =
      input.destinationPath === undefined
        ? join(backupsFolder(context), backupFileName(context.nowIso, input.label))
        : localBackupPath(context, input.destinationPath, 'destinationPath');
    const file = await context.runtime.whileBackingUp(() => backupTo(context.database.path, destination, backupFacts(context, destination)));
    auditSystemEvent(context, context.runtime.database.sqlite, 'system.backup', input, file, requireUser(context).userId);
    return file;
  },
  'system.backups': (context) => listBackups(backupsFolder(context)),
  // The keys leave the PC in clear: only the command line may name where (a renderer could aim
  // them at a network share), and the export is audited with its path.
  'system.exportAuditKey': (context, input) => {
    if (context.runtime.localFront !== 'cli') throw new OfficeError('FORBIDDEN', "The office's audit key can only be exported from the command line (billing-office audit-key export)", 'path');
    if (!isAbsolute(input.path)) throw new OfficeError('INVALID_INPUT', `Give the full path of the key file (${input.path} is not one)`, 'path');
    const exported = exportOfficeKeys(context.db, input.path, context.nowIso);
    auditSystemEvent(context, context.db, 'system.exportAuditKey', input, { officeId: exported.officeId, keyIds: exported.keyIds }, requireUser(context).userId);
    return exported;
  },
  'system.restore': async (context, input) => {
    const user = requireUser(context);
    const field = input.path === undefined ? 'fileName' : 'path';
    const source = input.path === undefined ? checkBackupPath(context.database.path, join(backupsFolder(context), input.fileName ?? ''), field) : localBackupPath(context, input.path, field);
    await checkBackupFile(source, readKnownMigrations(context.runtime.options.migrationsFolder ?? resolveMigrationsFolder()), field);
    const manifestSeal = readBackupManifest(source)?.auditSeal;
    const sealProblem = manifestSeal ? backupSealProblem(source, manifestSeal) : null;
    if (sealProblem) throw new OfficeError('CONFLICT', `${basename(source)} does not match the audit seal in its manifest (${sealProblem}); choose another backup`, field);
    const safetyBackup = await restoreExclusively(context, source);
    const restoredDb = context.runtime.database.sqlite;
    // Sessions belong to the users of the old file: all but the restorer's end, and theirs too
    // unless the restored file has the same supervisor. The restore is recorded under their id
    // only if they exist in the restored file.
    const restoredUsers = users.listUsers(restoredDb).filter((row) => row.userId === user.userId && row.username === user.username);
    const stillSupervisor = restoredUsers.some((row) => row.active && row.role === 'supervisor');
    context.runtime.sessions.closeAllExcept(stillSupervisor ? context.sessionToken : undefined);
    const restored = { restoredFrom: input.fileName ?? source, safetyBackup };
    auditSystemEvent(context, restoredDb, 'system.restore', input, restored, restoredUsers.length > 0 ? user.userId : null);
    // The key file's seal follows the restored chain (it sealed the replaced one's later head).
    sealAuditHead(restoredDb, `restore from ${basename(source)}`, context.nowIso);
    return restored;
  },
  'audit.recent': (context, input) => auditTrail(context.db, input),
  'audit.record': (context, input) => auditRecordDetail(context.db, input.seq),
};
