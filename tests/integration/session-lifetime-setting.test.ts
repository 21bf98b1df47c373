/**
 * The sessions' absolute lifetime as a district setting (issue #12): a supervisor reads and changes
 * it through the dispatcher, a login after the change ends at the new lifetime (on a fake clock),
 * a clerk is refused, and bad values come back as a field error.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { InputOf, OperationName } from '../../src-shared/contract';
import { fixedClock } from '../../src-main/core/clock';
import { initializeOffice } from '../../src-main/core/setup/initialize';
import { createUser } from '../../src-main/core/users/users';
import { OfficeRuntime } from '../../src-main/operations/runtime';
import { TEST_PASSWORD, TEST_USERS } from '../support/office';

const HOUR_MS = 3_600_000;

interface ClockedOffice {
  runtime: OfficeRuntime;
  advanceMs(ms: number): void;
  login(username: string): Promise<string>;
  call<Name extends OperationName>(token: string, op: Name, input: InputOf<Name>): ReturnType<OfficeRuntime['call']>;
  cleanup(): void;
}

let office: ClockedOffice | undefined;
afterEach(() => office?.cleanup());

/** An office whose sessions run on a clock the test moves (the ledger's clock stays fixed). */
async function openClockedOffice(): Promise<ClockedOffice> {
  const folder = mkdtempSync(join(tmpdir(), 'billing-office-lifetime-'));
  let nowMs = Date.parse('2026-11-02T08:00:00.000Z');
  const clock = fixedClock('2026-11-02T17:00:00.000Z');
  const runtime = await OfficeRuntime.open({ databasePath: join(folder, 'office.sqlite'), mode: 'test', clock, sessionNowMs: () => nowMs });
  const db = runtime.database.sqlite;
  initializeOffice(db, clock.nowIso(), {
    districtName: 'Test Valley Water District',
    supervisor: { username: TEST_USERS.supervisor, displayName: 'Sofia Supervisor', password: TEST_PASSWORD },
  });
  createUser(db, clock.nowIso(), { username: TEST_USERS.clerk, displayName: 'Carla Clerk', role: 'clerk', password: TEST_PASSWORD });
  return {
    runtime,
    advanceMs: (ms) => (nowMs += ms),
    login: async (username) => {
      const result = await runtime.call({ op: 'session.login', input: { username, password: TEST_PASSWORD } });
      if (!result.ok) throw new Error(`login failed: ${result.error.message}`);
      return (result.value as { token: string }).token;
    },
    call: (token, op, input) => runtime.call({ op, input, sessionToken: token, idempotencyKey: randomUUID() }),
    cleanup: () => {
      runtime.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

describe('security settings: the session lifetime', () => {
  it('shows a supervisor the default lifetime and the idle limit, and refuses a clerk both ways', async () => {
    office = await openClockedOffice();
    const supervisor = await office.login(TEST_USERS.supervisor);
    const clerk = await office.login(TEST_USERS.clerk);
    expect(await office.call(supervisor, 'security.settings', {})).toEqual({ ok: true, value: { sessionMaxHours: 12, sessionIdleMinutes: 480 } });
    const read = await office.call(clerk, 'security.settings', {});
    expect(read.ok || read.error.code).toBe('FORBIDDEN');
    const write = await office.call(clerk, 'security.updateSettings', { sessionMaxHours: 24 });
    expect(write.ok || write.error.code).toBe('FORBIDDEN');
    expect(write.ok || write.error.message).toBe('A counter clerk cannot change how long a login session lasts; ask a supervisor');
    expect(await office.call(supervisor, 'security.settings', {})).toMatchObject({ ok: true, value: { sessionMaxHours: 12 } });
  });

  it('ends a login made after a supervisor sets 2 hours at 2 hours, however busy; an older one keeps its 12', async () => {
    office = await openClockedOffice();
    const supervisor = await office.login(TEST_USERS.supervisor);
    const before = await office.login(TEST_USERS.clerk);
    const changed = await office.call(supervisor, 'security.updateSettings', { sessionMaxHours: 2 });
    expect(changed).toEqual({ ok: true, value: { sessionMaxHours: 2, sessionIdleMinutes: 480 } });
    const after = await office.login(TEST_USERS.clerk);

    for (let quarterHours = 1; quarterHours < 8; quarterHours += 1) {
      office.advanceMs(HOUR_MS / 4);
      expect((await office.call(after, 'session.me', {})).ok, `after ${quarterHours * 15} minutes`).toBe(true);
    }
    office.advanceMs(HOUR_MS / 4);
    const ended = await office.call(after, 'session.me', {});
    expect(ended.ok || ended.error.code).toBe('NOT_LOGGED_IN');
    // Sessions opened before the change keep the lifetime they started with.
    expect(await office.call(before, 'session.me', {})).toMatchObject({ ok: true, value: { username: TEST_USERS.clerk } });

    // The change is audited by the dispatcher, like every write.
    const fresh = await office.login(TEST_USERS.supervisor);
    const audit = await office.call(fresh, 'audit.recent', { limit: 10 });
    if (!audit.ok) throw new Error(audit.error.message);
    const record = (audit.value as { operation: string; username: string; summary: string }[]).find((row) => row.operation === 'security.updateSettings');
    expect(record).toMatchObject({ username: TEST_USERS.supervisor });
    expect(record?.summary).toContain('sessionMaxHours: 2');
  });

  it.each([0, 25, 2.5, -3, '8', null])('refuses %j hours with a field error and keeps the lifetime', async (hours) => {
    office = await openClockedOffice();
    const supervisor = await office.login(TEST_USERS.supervisor);
    const result = await office.call(supervisor, 'security.updateSettings', { sessionMaxHours: hours as number });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'INVALID_INPUT', field: 'sessionMaxHours' });
    expect(result.error.message).toMatch(/Session lifetime is a whole number of hours from 1 to 24$/);
    expect(await office.call(supervisor, 'security.settings', {})).toMatchObject({ ok: true, value: { sessionMaxHours: 12 } });
  });
});
