/**
 * Login sessions, held in memory by the running app: a restart logs everyone out, which is
 * what a counter workstation should do. Idle sessions expire.
 */
import { randomBytes } from 'node:crypto';
import type { SessionUser } from '../../../src-shared/contract/system';

export const SESSION_IDLE_MINUTES = 8 * 60;
const MAX_SESSIONS = 1_000;

interface Session {
  user: SessionUser;
  lastSeenMs: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly nowMs: () => number = Date.now) {}

  open(user: SessionUser): string {
    if (this.sessions.size >= MAX_SESSIONS) this.dropExpired();
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { user, lastSeenMs: this.nowMs() });
    return token;
  }

  /** The session's user, refreshing its idle timer; undefined when unknown or expired. */
  touch(token: string | undefined): SessionUser | undefined {
    if (!token) return undefined;
    const session = this.sessions.get(token);
    if (!session) return undefined;
    if (this.nowMs() - session.lastSeenMs > SESSION_IDLE_MINUTES * 60_000) {
      this.sessions.delete(token);
      return undefined;
    }
    session.lastSeenMs = this.nowMs();
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

  private dropExpired(): void {
    const cutoff = this.nowMs() - SESSION_IDLE_MINUTES * 60_000;
    for (const [token, session] of this.sessions) if (session.lastSeenMs < cutoff) this.sessions.delete(token);
  }
}
