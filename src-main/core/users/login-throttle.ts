/**
 * Slows password guessing at a public counter: after MAX_FAILURES wrong passwords for one user
 * name within the window, that name is locked for LOCK_MINUTES (in memory; a restart clears it).
 */
export const MAX_FAILURES = 5;
export const WINDOW_MINUTES = 10;
export const LOCK_MINUTES = 2;
const MAX_TRACKED_NAMES = 10_000;

interface Attempts {
  failuresMs: number[];
  lockedUntilMs: number;
}

export class LoginThrottle {
  private readonly byUsername = new Map<string, Attempts>();

  constructor(private readonly nowMs: () => number = Date.now) {}

  /** Minutes left on a lock, or 0 when the user name may try now. */
  minutesLocked(username: string): number {
    const attempts = this.byUsername.get(username);
    const remainingMs = (attempts?.lockedUntilMs ?? 0) - this.nowMs();
    return remainingMs > 0 ? Math.ceil(remainingMs / 60_000) : 0;
  }

  recordFailure(username: string): void {
    if (this.byUsername.size >= MAX_TRACKED_NAMES) this.byUsername.clear();
    const now = this.nowMs();
    const attempts = this.byUsername.get(username) ?? { failuresMs: [], lockedUntilMs: 0 };
    attempts.failuresMs = [...attempts.failuresMs.filter((at) => now - at < WINDOW_MINUTES * 60_000), now];
    if (attempts.failuresMs.length >= MAX_FAILURES) {
      attempts.lockedUntilMs = now + LOCK_MINUTES * 60_000;
      attempts.failuresMs = [];
    }
    this.byUsername.set(username, attempts);
  }

  recordSuccess(username: string): void {
    this.byUsername.delete(username);
  }
}
