/** Session, users, and the system: info, verification, backup and restore. */
import { z } from 'zod';
import { ROLES, type Role } from '../roles';
import { defineOperation } from './define';
import { isoDate, optionalText, positiveId, requiredText, safeText } from './fields';

export interface SessionUser {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
}
export interface UserRow extends SessionUser {
  active: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

/**
 * The password rule the UI states; the main process also refuses commonly used passwords
 * (core/users/passwords.ts assertPasswordAllowed).
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_RULE = `At least ${PASSWORD_MIN_LENGTH} characters, and not a commonly used password`;
const password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Password is at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(200, 'Password is at most 200 characters');
const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9._-]{1,31}$/, 'User name is 2–32 letters, digits, dots, dashes; starting with a letter');

export const sessionLogin = defineOperation<{ token: string; user: SessionUser }>()({
  name: 'session.login',
  summary: 'Log in with user name and password',
  role: 'public',
  writes: false,
  input: z.object({ username: z.string().trim().toLowerCase().min(1, 'User name is required').max(32), password: z.string().min(1, 'Password is required').max(200) }),
});

export const sessionLogout = defineOperation<{ loggedOut: true }>()({
  name: 'session.logout',
  summary: 'End this session',
  role: 'clerk',
  writes: false,
  input: z.object({}),
});

export const sessionMe = defineOperation<SessionUser>()({
  name: 'session.me',
  summary: 'Who is logged in',
  role: 'clerk',
  writes: false,
  input: z.object({}),
});

export const usersList = defineOperation<UserRow[]>()({
  name: 'users.list',
  summary: 'Every user with role and status',
  role: 'supervisor',
  writes: false,
  input: z.object({}),
});

export const usersCreate = defineOperation<UserRow>()({
  name: 'users.create',
  summary: 'Add a user with a role and a starting password',
  role: 'supervisor',
  writes: true,
  input: z.object({
    username,
    displayName: requiredText('Full name', 80),
    role: z.enum(ROLES),
    password,
  }),
});

export const usersUpdate = defineOperation<UserRow>()({
  name: 'users.update',
  summary: "Change a user's name, role or password, or deactivate them",
  role: 'supervisor',
  writes: true,
  input: z.object({
    userId: positiveId,
    displayName: requiredText('Full name', 80).optional(),
    role: z.enum(ROLES).optional(),
    active: z.boolean().optional(),
    password: password.optional(),
  }),
});

export const usersChangeOwnPassword = defineOperation<{ changed: true }>()({
  name: 'users.changeOwnPassword',
  summary: 'Change your own password',
  role: 'clerk',
  // Not a dispatcher write: a wrong current password is counted and audited though the change fails.
  writes: false,
  input: z.object({ currentPassword: z.string().min(1).max(200), newPassword: password }),
});

/**
 * The district's session limits. The absolute lifetime (`sessionMaxHours`) is a setting a
 * supervisor changes; it applies to sessions opened after the change (each session's end is
 * fixed at its login, in whichever process served it). The idle limit is fixed.
 */
export interface SecuritySettings {
  /** However busy, a session ends this many hours after its login. */
  sessionMaxHours: number;
  /** A session also ends after this many minutes without use. */
  sessionIdleMinutes: number;
}
export const SESSION_MAX_HOURS_MIN = 1;
export const SESSION_MAX_HOURS_MAX = 24;
export const SESSION_MAX_HOURS_RULE = `Session lifetime is a whole number of hours from ${SESSION_MAX_HOURS_MIN} to ${SESSION_MAX_HOURS_MAX}`;

export const securitySettings = defineOperation<SecuritySettings>()({
  name: 'security.settings',
  summary: 'See how long a login session lasts (its lifetime and idle limit)',
  role: 'supervisor',
  writes: false,
  input: z.object({}),
});

export const securityUpdateSettings = defineOperation<SecuritySettings>()({
  name: 'security.updateSettings',
  summary: 'Change how long a login session lasts',
  role: 'supervisor',
  writes: true,
  input: z.object({
    sessionMaxHours: z
      .number({ error: SESSION_MAX_HOURS_RULE })
      .int(SESSION_MAX_HOURS_RULE)
      .min(SESSION_MAX_HOURS_MIN, SESSION_MAX_HOURS_RULE)
      .max(SESSION_MAX_HOURS_MAX, SESSION_MAX_HOURS_RULE),
  }),
});

export interface SystemInfo {
  appVersion: string;
  mode: 'desktop' | 'browser' | 'cli' | 'test';
  databasePath: string;
  isDemo: boolean;
  schemaVersion: number;
  accountCount: number;
  districtName: string;
}

export interface VerifyCheck {
  name: string;
  ok: boolean;
  detail: string;
}
/**
 * A seal of the audit chain's head (core/audit/seal.ts): record `seq` had hash `hash`, and `seal`
 * is an HMAC with the office's audit key `keyId` over both, which only a key holder can make.
 * Printed on each finalised end-of-day report and written into each backup's manifest.
 */
export interface AuditSeal {
  seq: number;
  hash: string;
  seal: string;
  keyId: string;
}

/**
 * What a verify read (core/ledger/verify-checkpoint.ts). A full verify re-reads every row of the
 * books; an incremental one reads only what came after the last verify that passed, from its
 * sealed checkpoint, and cannot see a change made since to a row older than that point.
 */
export interface VerifyScope {
  kind: 'full' | 'incremental';
  /** Why this kind ("asked for", "no verify has passed on this database yet", "the last full verify was …"). */
  reason: string;
  /** Incremental: the audit record the checkpoint ended at, and when it was made. */
  fromAuditSeq: number | null;
  checkpointAt: string | null;
  /** When the last full verify that passed ran (this one, when it is full and passed); null if none has. */
  lastFullAt: string | null;
}

export interface VerifyReport {
  ok: boolean;
  checkedAt: string;
  checks: VerifyCheck[];
  scope: VerifyScope;
}

export interface BackupFile {
  fileName: string;
  path: string;
  bytes: number;
  createdAt: string;
}

export const systemInfo = defineOperation<SystemInfo>()({
  name: 'system.info',
  summary: 'Version, database and mode of this installation',
  role: 'clerk',
  writes: false,
  input: z.object({}),
});

export const systemVerify = defineOperation<VerifyReport>()({
  name: 'system.verify',
  summary: 'Prove the books: entries balance, balances match the control account, audit chain intact',
  role: 'clerk',
  writes: false,
  /**
   * `full`: re-read every row of the books. Without it, what came after the last verify that
   * passed is checked (a full pass runs anyway when none has, or the last full one is
   * `fullVerifyEveryDays` old).
   */
  input: z.object({ full: z.boolean().optional() }),
});

/**
 * A full path to a backup file. Accepted only from a trusted local front (the CLI, the desktop
 * menu's save dialog); the handler refuses it from the renderer and browser mode, whose callers
 * choose from the backups folder by file name instead.
 */
const backupPath = (label: string) =>
  z
    .string()
    .min(1, `${label} is required`)
    .max(1000, `${label} is too long`)
    .refine((path) => !/[\u0000-\u001f]/.test(path), `${label} has a control character in it`);

export const systemBackup = defineOperation<BackupFile>()({
  name: 'system.backup',
  summary: 'Take an online backup of the database into the backups folder',
  role: 'supervisor',
  writes: false,
  input: z.object({ label: optionalText('Label', 40), destinationPath: backupPath('Backup file').optional() }),
});

export const systemBackups = defineOperation<BackupFile[]>()({
  name: 'system.backups',
  summary: 'Backups in the backups folder, newest first',
  role: 'supervisor',
  writes: false,
  input: z.object({}),
});

export const systemExportAuditKey = defineOperation<{ path: string; officeId: string; keyIds: string[] }>()({
  name: 'system.exportAuditKey',
  summary: "Write the office's audit keys to a new file, for another PC that writes the same database (command line only)",
  role: 'supervisor',
  writes: false,
  /** A full path, from a trusted local front only (see backupPath): the file holds the keys in clear. */
  input: z.object({ path: backupPath('Key file') }),
});

export const systemRestore = defineOperation<{ restoredFrom: string; safetyBackup: BackupFile }>()({
  name: 'system.restore',
  summary: 'Replace the database with a backup (a safety backup of the current one is taken first)',
  role: 'supervisor',
  writes: false,
  input: z
    .object({
      fileName: z.string().regex(/^[\w.-]+\.sqlite$/, 'Choose a backup file from the list').optional(),
      /** Any backup file, from a trusted local front only (see backupPath). */
      path: backupPath('Backup file').optional(),
    })
    .refine((input) => (input.fileName === undefined) !== (input.path === undefined), {
      message: 'Choose one backup file to restore',
      path: ['fileName'],
    }),
});

/** The newest records first, narrowed by any of: who, which operation, which account, which days. */
export const auditFilter = z
  .object({
    limit: z.number().int().min(1).max(500).default(100),
    /** The user who did it (their user name). */
    username: safeText('User').max(32, 'User is at most 32 characters').optional(),
    /** An operation name ("payments.take") or another audited event ("session.login"). */
    operation: z.string().trim().regex(/^[a-zA-Z]+\.[a-zA-Z]+$/, 'Choose an operation from the list').max(60).optional(),
    /** Records that touched this account. */
    accountNumber: safeText('Account number').max(20, 'Account number is at most 20 characters').optional(),
    /** From this office day, and through this one (inclusive), in the office's time. */
    from: isoDate.optional(),
    to: isoDate.optional(),
    /** The next page: records older than this one. */
    beforeSeq: positiveId.optional(),
  })
  .refine((filter) => !filter.from || !filter.to || filter.from <= filter.to, { message: 'The "from" day is after the "to" day', path: ['to'] });
export type AuditFilter = z.output<typeof auditFilter>;

export const auditRecent = defineOperation<AuditRow[]>()({
  name: 'audit.recent',
  summary: 'See the audit trail in words, newest first, filtered by user, operation, account and dates',
  role: 'supervisor',
  writes: false,
  input: auditFilter,
});

export const auditRecord = defineOperation<AuditRecordDetail>()({
  name: 'audit.record',
  summary: 'See one audit record in full: its input and result as stored',
  role: 'supervisor',
  writes: false,
  input: z.object({ seq: positiveId }),
});

export interface AuditAccountRef {
  accountId: number;
  accountNumber: string;
  customerName: string;
}

export interface AuditRow {
  seq: number;
  at: string;
  username: string;
  /** The user's full name (the user name for a refused login or a removed user). */
  userDisplayName: string;
  operation: string;
  /** What the operation is, for people ("Take a payment"). */
  operationLabel: string;
  approvedBy: string | null;
  /** Who did what to which account, in words (core/audit/sentences.ts). */
  sentence: string;
  /** The accounts the record touched. */
  accounts: AuditAccountRef[];
  /** The record's input as "field: value" pairs (kept for older front ends). */
  summary: string;
}

export interface AuditRecordDetail extends AuditRow {
  /** The stored input and result (secrets redacted when written), pretty-printed JSON. */
  inputJson: string;
  resultJson: string;
  hash: string;
}
