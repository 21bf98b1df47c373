/**
 * Slows password guessing: after MAX_FAILURES wrong passwords for one user name within the
 * window, that name is locked for LOCK_MINUTES. Every password check counts — login, supervisor
 * approval, changing one's own password — since each one guesses the same password.
 *
 * Kept in the database (login_throttle), not in memory: every process on the file (desktop app,
 * browser mode, CLI) shares one count, and a restart does not clear it. A row is pruned only once
 * its window and its lock have both run out, so no volume of other names can evict a live lock.
 * Names are counted whether or not such a user exists, so a lock says nothing about who exists.
 */
import type { Sqlite } from '../storage/database';
import { perConnection } from '../storage/prepared';

export const MAX_FAILURES = 5;
export const WINDOW_MINUTES = 10;
export const LOCK_MINUTES = 2;

interface ThrottleRow {
  failure_count: number;
  window_ends_at: string;
  locked_until: string | null;
}

/** User names are compared as users.ts stores them. */
export function throttleKey(username: string): string {
  return username.trim().toLowerCase();
}

const statements = perConnection((db: Sqlite) => ({
  row: db.prepare('SELECT failure_count, window_ends_at, locked_until FROM login_throttle WHERE username = ?'),
  upsert: db.prepare(
    `INSERT INTO login_throttle (username, failure_count, window_ends_at, locked_until) VALUES (?, ?, ?, ?)
     ON CONFLICT(username) DO UPDATE SET failure_count = excluded.failure_count, window_ends_at = excluded.window_ends_at, locked_until = excluded.locked_until`,
  ),
  clear: db.prepare('DELETE FROM login_throttle WHERE username = ?'),
  prune: db.prepare('DELETE FROM login_throttle WHERE window_ends_at <= ? AND (locked_until IS NULL OR locked_until <= ?)'),
}));

function plusMinutes(nowIso: string, minutes: number): string {
  return new Date(Date.parse(nowIso) + minutes * 60_000).toISOString();
}

function rowFor(db: Sqlite, username: string): ThrottleRow | undefined {
  return statements(db).row.get(throttleKey(username)) as ThrottleRow | undefined;
}

/** Minutes left on a lock (rounded up), or 0 when the user name may try now. */
export function minutesLocked(db: Sqlite, username: string, nowIso: string): number {
  const lockedUntil = rowFor(db, username)?.locked_until;
  const remainingMs = lockedUntil ? Date.parse(lockedUntil) - Date.parse(nowIso) : 0;
  return remainingMs > 0 ? Math.ceil(remainingMs / 60_000) : 0;
}

/**
 * Counts one wrong password; returns the minutes of the lock this failure started, or 0.
 * Call inside the transaction that audits the attempt.
 */
export function recordFailure(db: Sqlite, username: string, nowIso: string): number {
  pruneExpired(db, nowIso);
  const key = throttleKey(username);
  const row = rowFor(db, key);
  const windowOpen = row !== undefined && row.window_ends_at > nowIso;
  const failures = (windowOpen ? row.failure_count : 0) + 1;
  const locks = failures >= MAX_FAILURES;
  const windowEndsAt = windowOpen && !locks ? row.window_ends_at : plusMinutes(nowIso, WINDOW_MINUTES);
  const lockedUntil = locks ? plusMinutes(nowIso, LOCK_MINUTES) : (row?.locked_until ?? null);
  statements(db).upsert.run(key, locks ? 0 : failures, windowEndsAt, lockedUntil);
  return locks ? LOCK_MINUTES : 0;
}

/** The right password was given: the name's count starts again. */
export function clearFailures(db: Sqlite, username: string): void {
  statements(db).clear.run(throttleKey(username));
}

/** Whether the name has a row to clear (so a successful check need not write when it has none). */
export function hasFailures(db: Sqlite, username: string): boolean {
  return rowFor(db, username) !== undefined;
}

/** Drops rows whose window and lock have both run out; a live lock is never dropped. */
export function pruneExpired(db: Sqlite, nowIso: string): void {
  statements(db).prune.run(nowIso, nowIso);
}

/** The message a clerk sees while a name is locked. */
export function lockedMessage(username: string, minutes: number): string {
  return `Too many wrong passwords for ${throttleKey(username)}; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`;
}

export type GuardedCheck<T> =
  | { outcome: 'right'; value: T }
  /** minutesLocked: the lock this failure started, or 0. */
  | { outcome: 'wrong'; minutesLocked: number }
  | { outcome: 'locked'; minutesLocked: number };

/**
 * One throttled password check for `username`: refused while the name is locked; otherwise
 * `check` runs (the scrypt, outside any transaction so no write lock is held meanwhile) and a
 * wrong password is counted. A refusal's count and its audit record (`auditRefusal`) are written
 * in ONE immediate transaction, so neither exists without the other. On the right password the
 * caller writes its own success (with clearFailures) in its own transaction.
 */
export function guardPasswordCheck<T>(
  db: Sqlite,
  username: string,
  nowIso: string,
  check: () => T | null,
  auditRefusal: (outcome: 'wrong' | 'locked') => void,
): GuardedCheck<T> {
  const locked = minutesLocked(db, username, nowIso);
  if (locked > 0) {
    db.transaction(() => auditRefusal('locked')).immediate();
    return { outcome: 'locked', minutesLocked: locked };
  }
  const value = check();
  if (value !== null) return { outcome: 'right', value };
  const lockStarted = db
    .transaction(() => {
      const minutes = recordFailure(db, username, nowIso);
      auditRefusal('wrong');
      return minutes;
    })
    .immediate();
  return { outcome: 'wrong', minutesLocked: lockStarted };
}
