/** Handlers: session, users, system (info, verify, backup, restore), audit. */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { appendAudit, recentAudit } from '../core/audit/log';
import { OfficeError } from '../core/errors';
import { hashOf } from '../core/hashing';
import { verifyBooks } from '../core/ledger/verify';
import { backupFileName, backupTo, checkBackupFile, defaultBackupsFolder, listBackups, replaceDatabaseFile } from '../core/storage/backup';
import { findProjectRoot } from '../core/storage/paths';
import { getSetting, setSetting } from '../core/storage/settings';
import { clearFailures, guardPasswordCheck, lockedMessage } from '../core/users/login-throttle';
import { assertPasswordAllowed } from '../core/users/passwords';
import { SESSION_IDLE_MINUTES, sessionMaxHours } from '../core/users/sessions';
import * as users from '../core/users/users';
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
  'system.verify': (context) => verifyBooks(context.db, context.nowIso),
  'system.backup': async (context, input) => {
    const file = await backupTo(context.db, join(backupsFolder(context), backupFileName(context.nowIso, input.label)));
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
    return restored;
  },
  'audit.recent': (context, input) => recentAudit(context.db, input.limit),
};
