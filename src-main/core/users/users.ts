/** Office users: who may log in, with which role. Supervisors manage them. */
import type { UserRow } from '../../../src-shared/contract/system';
import type { Role } from '../../../src-shared/roles';
import { OfficeError, notFound } from '../errors';
import type { Sqlite } from '../storage/database';
import { assertPasswordAllowed, checkAgainstNobody, hashPassword, passwordMatches } from './passwords';

interface StoredUser {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  active: number;
  created_at: string;
  last_login_at: string | null;
}

function toRow(user: StoredUser): UserRow {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    active: user.active === 1,
    createdAt: user.created_at,
    lastLoginAt: user.last_login_at,
  };
}

export function listUsers(db: Sqlite): UserRow[] {
  return (db.prepare('SELECT * FROM users ORDER BY username').all() as StoredUser[]).map(toRow);
}

export function getUser(db: Sqlite, userId: number): UserRow {
  const user = db.prepare('SELECT * FROM users WHERE id = ?').get(userId) as StoredUser | undefined;
  if (!user) throw notFound(`User ${userId}`, 'userId');
  return toRow(user);
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

export function createUser(db: Sqlite, nowIso: string, user: NewUser): UserRow {
  assertPasswordAllowed(user.password, 'password');
  const taken = db.prepare('SELECT 1 FROM users WHERE username = ?').get(user.username);
  if (taken) throw new OfficeError('CONFLICT', `User name "${user.username}" is taken; choose another`, 'username');
  const info = db
    .prepare('INSERT INTO users (username, display_name, role, password_hash, active, created_at) VALUES (?, ?, ?, ?, 1, ?)')
    .run(user.username, user.displayName, user.role, hashPassword(user.password), nowIso);
  return getUser(db, Number(info.lastInsertRowid));
}

export interface UserChanges {
  displayName?: string | undefined;
  role?: Role | undefined;
  active?: boolean | undefined;
  password?: string | undefined;
}

function activeSupervisorCount(db: Sqlite): number {
  return (db.prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'supervisor' AND active = 1").get() as { n: number }).n;
}

export function updateUser(db: Sqlite, userId: number, changes: UserChanges): UserRow {
  if (changes.password !== undefined) assertPasswordAllowed(changes.password, 'password');
  const before = getUser(db, userId);
  const losesSupervisor =
    before.role === 'supervisor' && before.active && (changes.active === false || (changes.role !== undefined && changes.role !== 'supervisor'));
  if (losesSupervisor && activeSupervisorCount(db) <= 1) {
    throw new OfficeError('CONFLICT', 'This is the last active supervisor; make another supervisor first', 'role');
  }
  if (changes.displayName !== undefined) db.prepare('UPDATE users SET display_name = ? WHERE id = ?').run(changes.displayName, userId);
  if (changes.role !== undefined) db.prepare('UPDATE users SET role = ? WHERE id = ?').run(changes.role, userId);
  if (changes.active !== undefined) db.prepare('UPDATE users SET active = ? WHERE id = ?').run(changes.active ? 1 : 0, userId);
  if (changes.password !== undefined) db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hashPassword(changes.password), userId);
  return getUser(db, userId);
}

/**
 * The user whose name and password these are, if active; null otherwise (no hint which was wrong).
 * An unknown or inactive name costs one scrypt too, so the time does not tell which names exist.
 * Throttling is the caller's (login-throttle.ts), around this call.
 */
export function authenticate(db: Sqlite, username: string, password: string): UserRow | null {
  const user = db.prepare('SELECT * FROM users WHERE username = ?').get(username.trim().toLowerCase()) as StoredUser | undefined;
  if (!user || user.active !== 1) {
    checkAgainstNobody(password);
    return null;
  }
  return passwordMatches(password, user.password_hash) ? toRow(user) : null;
}

export function recordLogin(db: Sqlite, userId: number, nowIso: string): void {
  db.prepare('UPDATE users SET last_login_at = ? WHERE id = ?').run(nowIso, userId);
}

/** Whether `password` is the user's current one (a full scrypt check). */
export function currentPasswordMatches(db: Sqlite, userId: number, password: string): boolean {
  const user = db.prepare('SELECT password_hash FROM users WHERE id = ?').get(userId) as Pick<StoredUser, 'password_hash'> | undefined;
  return user ? passwordMatches(password, user.password_hash) : checkAgainstNobody(password);
}

/**
 * The hash of a user's own new password, checked against the password rule; made before the
 * transaction that stores it (setPasswordHash), so no write lock is held during the scrypt.
 */
export function hashNewOwnPassword(newPassword: string): string {
  assertPasswordAllowed(newPassword, 'newPassword');
  return hashPassword(newPassword);
}

export function setPasswordHash(db: Sqlite, userId: number, passwordHash: string): void {
  db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
}

export function userCount(db: Sqlite): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
}
