import { describe, expect, it } from 'vitest';
import { SESSION_IDLE_MINUTES, SessionStore } from '../../src-main/core/users/sessions';

const USER = { userId: 7, username: 'carla', displayName: 'Carla Clerk', role: 'clerk' as const };
const HOUR_MS = 3_600_000;

function fakeClock() {
  let nowMs = Date.parse('2026-11-02T08:00:00.000Z');
  return { now: () => nowMs, advanceMs: (ms: number) => (nowMs += ms) };
}

describe('SessionStore', () => {
  it('ends a session at its absolute lifetime even when it is used every half hour', () => {
    const clock = fakeClock();
    const store = new SessionStore(clock.now);
    const token = store.open(USER, 12);
    for (let halfHours = 1; halfHours < 24; halfHours += 1) {
      clock.advanceMs(HOUR_MS / 2);
      expect(store.touch(token), `after ${halfHours / 2} h`).toEqual(USER);
    }
    clock.advanceMs(HOUR_MS / 2);
    expect(store.touch(token)).toBeUndefined();
    // Gone for good, not just refused once.
    clock.advanceMs(-HOUR_MS);
    expect(store.touch(token)).toBeUndefined();
  });

  it('uses the default of 12 hours, and still ends an idle session sooner', () => {
    const clock = fakeClock();
    const store = new SessionStore(clock.now);
    const busy = store.open(USER);
    const idle = store.open(USER, 24);
    for (let hours = 1; hours <= SESSION_IDLE_MINUTES / 60; hours += 1) {
      clock.advanceMs(HOUR_MS);
      expect(store.touch(busy)).toEqual(USER);
    }
    clock.advanceMs(1);
    expect(store.touch(idle)).toBeUndefined();
    clock.advanceMs(12 * HOUR_MS - SESSION_IDLE_MINUTES * 60_000 - 2);
    expect(store.touch(busy)).toEqual(USER);
    clock.advanceMs(1);
    expect(store.touch(busy)).toBeUndefined();
  });
});
