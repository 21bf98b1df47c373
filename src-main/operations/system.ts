/** Handlers: session, users, system (info, verify, backup, restore), audit. */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { appendAudit, recentAudit } from '../core/audit/log';
import { sealAuditHead, sealBackupHead } from '../core/audit/seal';
import { OfficeError } from '../core/errors';
import { hashOf } from '../core/hashing';
import { verifyBooks } from '../core/ledger/verify';
import { backupFileName, backupTo, checkBackupFile, defaultBackupsFolder, listBackups, replaceDatabaseFile } from '../core/storage/backup';
import { findProjectRoot } from '../core/storage/paths';
import { getSetting } from '../core/storage/settings';
import * as users from '../core/users/users';
import { requireUser, type HandlerContext } from './context';
import type { HandlersFor } from './table';

let cachedVersion: string | undefined;
function appVersion(): string {
  cachedVersion ??= (JSON.parse(readFileSync(join(findProjectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return cachedVersion;
}

/** Audits an operation that is not a ledger write but matters (login, backup, restore). */
function auditEvent(context: HandlerContext, operation: string, input: unknown, result: unknown, username?: string): void {
  appendAudit(context.db, {
    at: context.nowIso,
    userId: context.user?.userId ?? null,
    username: username ?? context.user?.username ?? 'system',
    operation,
    idempotencyKey: null,
    inputHash: hashOf(input),
    input,
    result,
    approvedByUserId: null,
  });
}

function backupsFolder(context: HandlerContext): string {
  return context.runtime.options.backupsFolder ?? defaultBackupsFolder(context.database.path);
}

export const systemHandlers: HandlersFor<'session.' | 'users.' | 'system.' | 'audit.'> = {
  'session.login': (context, input) => {
    const throttle = context.runtime.loginThrottle;
    const minutesLocked = throttle.minutesLocked(input.username);
    if (minutesLocked > 0) {
      throw new OfficeError('LOGIN_FAILED', `Too many wrong passwords for ${input.username}; try again in ${minutesLocked} minute${minutesLocked === 1 ? '' : 's'}`);
    }
    const user = users.authenticate(context.db, input.username, input.password);
    if (!user) {
      throttle.recordFailure(input.username);
      auditEvent(context, 'session.login', { username: input.username }, { ok: false }, input.username);
      throw new OfficeError('LOGIN_FAILED', 'User name or password is not right');
    }
    throttle.recordSuccess(input.username);
    users.recordLogin(context.db, user.userId, context.nowIso);
    const sessionUser = { userId: user.userId, username: user.username, displayName: user.displayName, role: user.role };
    auditEvent({ ...context, user: sessionUser }, 'session.login', { username: input.username }, { ok: true });
    return { token: context.runtime.sessions.open(sessionUser), user: sessionUser };
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
  'users.changeOwnPassword': (context, input) => {
    users.changeOwnPassword(context.db, requireUser(context).userId, input.currentPassword, input.newPassword);
    return { changed: true as const };
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
  'system.verify': (context) => verifyBooks(context.db, context.nowIso),
  'system.backup': async (context, input) => {
    const file = await backupTo(context.db, join(backupsFolder(context), backupFileName(context.nowIso, input.label)));
    // The backup's audit head, sealed with the office's key (and kept in the key file); the
    // backup's manifest carries it too.
    sealBackupHead(context.db, file.path, `backup ${file.fileName}`, context.nowIso);
    auditEvent(context, 'system.backup', input, file);
    return file;
  },
  'system.backups': (context) => listBackups(backupsFolder(context)),
  'system.restore': async (context, input) => {
    const source = join(backupsFolder(context), input.fileName);
    checkBackupFile(source);
    const safetyBackup = await backupTo(context.db, join(backupsFolder(context), backupFileName(context.nowIso, 'before-restore')));
    await context.runtime.reopen((databasePath) => replaceDatabaseFile(databasePath, source));
    const restoredDb = context.runtime.database.sqlite;
    const user = requireUser(context);
    // Sessions belong to the users of the old file: all but the restorer's end, and theirs too
    // unless the restored file has the same supervisor.
    const stillSupervisor = users.listUsers(restoredDb).some((row) => row.userId === user.userId && row.username === user.username && row.active && row.role === 'supervisor');
    context.runtime.sessions.closeAllExcept(stillSupervisor ? context.sessionToken : undefined);
    const restored = { restoredFrom: input.fileName, safetyBackup };
    auditEvent({ ...context, db: restoredDb }, 'system.restore', input, restored);
    // The key file's seal follows the restored chain (it sealed the replaced one's later head).
    sealAuditHead(restoredDb, `restore from ${input.fileName}`, context.nowIso);
    return restored;
  },
  'audit.recent': (context, input) => recentAudit(context.db, input.limit),
};
