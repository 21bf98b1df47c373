/**
 * Login sessions, held in memory by the running app: a restart logs everyone out, which is
 * what a counter workstation should do. A session ends after SESSION_IDLE_MINUTES without use,
 * and in any case when its absolute lifetime (the district's `sessionMaxHours` setting, fixed
 * when it opens) runs out: a token copied off a workstation that is kept busy still expires.
 */
import { randomBytes } from 'node:crypto';
import type { SessionUser } from '../../../src-shared/contract/system';
import type { Sqlite } from '../storage/database';
import { getSetting, SETTING_DEFAULTS } from '../storage/settings';

export const SESSION_IDLE_MINUTES = 8 * 60;
const MAX_SESSIONS = 1_000;

interface Session {
  user: SessionUser;
  lastSeenMs: number;
  expiresAtMs: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly nowMs: () => number = Date.now) {}

  /** A new session for `user`, ending at the latest `maxLifetimeHours` from now. */
  open(user: SessionUser, maxLifetimeHours: number = SETTING_DEFAULTS.sessionMaxHours): string {
    if (this.sessions.size >= MAX_SESSIONS) this.dropExpired();
    const token = randomBytes(32).toString('base64url');
    const now = this.nowMs();
    this.sessions.set(token, { user, lastSeenMs: now, expiresAtMs: now + maxLifetimeHours * 3_600_000 });
    return token;
  }

  /** The session's user, refreshing its idle timer; undefined when unknown or expired. */
  touch(token: string | undefined): SessionUser | undefined {
    if (!token) return undefined;
    const session = this.sessions.get(token);
    if (!session) return undefined;
    const now = this.nowMs();
    if (this.hasExpired(session, now)) {
      this.sessions.delete(token);
      return undefined;
    }
    session.lastSeenMs = now;
    return session.user;
  }

  close(token: string): void {
    this.sessions.delete(token);
  }

  /** After a restore the users may differ: everyone else logs in again. */
  closeAllExcept(keepToken: string | undefined): void {
    for (const token of [...this.sessions.keys()]) if (token !== keepToken) this.sessions.delete(token);
  }

  /** After a role change or deactivation, the user's open sessions end. */
  closeAllFor(userId: number): void {
    for (const [token, session] of this.sessions) if (session.user.userId === userId) this.sessions.delete(token);
  }

  private hasExpired(session: Session, nowMs: number): boolean {
    return nowMs - session.lastSeenMs > SESSION_IDLE_MINUTES * 60_000 || nowMs >= session.expiresAtMs;
  }

  private dropExpired(): void {
    const now = this.nowMs();
    for (const [token, session] of this.sessions) if (this.hasExpired(session, now)) this.sessions.delete(token);
  }
}

/** The district's session lifetime; the default when the stored value is not a positive number. */
export function sessionMaxHours(db: Sqlite): number {
  const hours = getSetting(db, 'sessionMaxHours');
  return typeof hours === 'number' && Number.isFinite(hours) && hours > 0 ? hours : SETTING_DEFAULTS.sessionMaxHours;
}
