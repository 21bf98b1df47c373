/**
 * Password guessing, as issue #12 found it: supervisor approvals without a throttle or an audit,
 * a lock-out map that 10,000 throwaway names cleared, changeOwnPassword that never locked, weak
 * passwords accepted, and login times that told which user names exist.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock, type Clock } from '../../src-main/core/clock';
import { accountBalanceCents } from '../../src-main/core/ledger/queries';
import { setSetting } from '../../src-main/core/storage/settings';
import { minutesLocked, recordFailure } from '../../src-main/core/users/login-throttle';
import { assertPasswordAllowed } from '../../src-main/core/users/passwords';
import { OfficeRuntime } from '../../src-main/operations/runtime';
import { expectExit, runCli } from '../support/cli';
import { insertBareAccounts } from '../support/fixtures';
import { createTestOffice, supervisorApproval, TEST_PASSWORD, type TestOffice } from '../support/office';

let office: TestOffice | undefined;
let second: OfficeRuntime | undefined;
afterEach(async () => {
  second?.close();
  second = undefined;
  await office?.cleanup();
  office = undefined;
});

/** A clock the test moves by hand. */
function movableClock(startIso: string): Clock & { advanceMinutes(minutes: number): void } {
  let nowMs = Date.parse(startIso);
  return {
    nowIso: () => new Date(nowMs).toISOString(),
    today: () => new Date(nowMs).toISOString().slice(0, 10),
    advanceMinutes: (minutes) => {
      nowMs += minutes * 60_000;
    },
  };
}

const login = (runtime: OfficeRuntime, username: string, password: string) => runtime.call({ op: 'session.login', input: { username, password } });

function auditCount(office: TestOffice, operation: string, resultLike = '%'): number {
  return office.runtime.database.sqlite
    .prepare('SELECT COUNT(*) FROM audit_log WHERE operation = ? AND result_json LIKE ?')
    .pluck()
    .get(operation, resultLike) as number;
}

describe('supervisor approval at the counter', () => {
  it('locks the approver after wrong passwords: 30 guesses, then the right one is still refused, and every refusal is audited', async () => {
    const clock = movableClock('2026-11-02T17:00:00.000Z');
    office = await createTestOffice({ clock });
    const [accountId] = insertBareAccounts(office.runtime.database.sqlite, 1);
    const adjust = { entryId: randomUUID(), accountId: accountId as number, amountCents: -2500, reason: 'Courtesy credit' };
    const technician = office.as('technician');

    for (let guess = 0; guess < 30; guess += 1) {
      const wrong = await technician.call('ledger.adjust', adjust, { approval: { username: 'sofia', password: `guess-number-${guess}` } });
      expect(wrong.ok || wrong.error).toMatchObject({ code: 'APPROVAL_DENIED', field: 'approval' });
    }
    const right = await technician.call('ledger.adjust', adjust, { approval: supervisorApproval });
    expect(right.ok || right.error.message).toBe('Too many wrong passwords for sofia; try again in 2 minutes');
    expect(accountBalanceCents(office.runtime.database.sqlite, accountId as number)).toBe(0);
    // The same count guards sofia's login: guessing through the prompt is guessing her password.
    const sofiaLogin = await login(office.runtime, 'sofia', TEST_PASSWORD);
    expect(sofiaLogin.ok || sofiaLogin.error.message).toMatch(/Too many wrong passwords for sofia/);

    expect(auditCount(office, 'approval.denied')).toBe(31);
    expect(auditCount(office, 'approval.denied', '%"locked"%')).toBe(31 - 5);
    const denial = office.runtime.database.sqlite.prepare("SELECT username, input_json FROM audit_log WHERE operation = 'approval.denied' LIMIT 1").get() as {
      username: string;
      input_json: string;
    };
    expect(denial.username).toBe('tomas');
    expect(JSON.parse(denial.input_json)).toEqual({ approver: 'sofia', operation: 'ledger.adjust' });

    clock.advanceMinutes(3);
    const afterLock = await technician.must('ledger.adjust', adjust, { approval: supervisorApproval });
    expect(afterLock.approvedBy).toBe('Sofia Supervisor');
    expect(accountBalanceCents(office.runtime.database.sqlite, accountId as number)).toBe(-2500);
  });

  it("refuses and audits a non-supervisor's right password as approval, without counting it towards a lock", async () => {
    office = await createTestOffice();
    const [accountId] = insertBareAccounts(office.runtime.database.sqlite, 1);
    const adjust = { entryId: randomUUID(), accountId: accountId as number, amountCents: -100, reason: 'Courtesy credit' };
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const byClerk = await office.as('technician').call('ledger.adjust', adjust, { approval: { username: 'carla', password: TEST_PASSWORD } });
      // The password was right: saying "not right" would send the clerk to retype it (issue #15).
      expect(byClerk.ok || byClerk.error).toEqual({
        code: 'APPROVAL_DENIED',
        message: 'carla is not a supervisor, so cannot approve this. Ask a supervisor to type their own user name and password.',
        field: 'approval',
      });
    }
    expect(auditCount(office, 'approval.denied', '%not a supervisor%')).toBe(6);
    expect((await login(office.runtime, 'carla', TEST_PASSWORD)).ok).toBe(true);
  });
});

describe('lock-outs are per user name and kept in the database', () => {
  it("keeps a real user's lock through 10,000 failures under throwaway names", async () => {
    office = await createTestOffice();
    const db = office.runtime.database.sqlite;
    for (let guess = 0; guess < 5; guess += 1) await login(office.runtime, 'carla', `guess-number-${guess}`);
    expect((await login(office.runtime, 'carla', TEST_PASSWORD)).ok).toBe(false);

    // The throttle layer directly (each login would cost a scrypt): what 10,000 logins record.
    const nowIso = office.runtime.clock.nowIso();
    db.transaction(() => {
      for (let index = 0; index < 10_000; index += 1) recordFailure(db, `throwaway-${index}`, nowIso);
    })();

    expect(minutesLocked(db, 'carla', nowIso)).toBe(2);
    const stillLocked = await login(office.runtime, 'carla', TEST_PASSWORD);
    expect(stillLocked.ok || stillLocked.error.message).toBe('Too many wrong passwords for carla; try again in 2 minutes');

    // The throwaway rows go once their window has run out (and carla's with her lock ended).
    const later = new Date(Date.parse(nowIso) + 11 * 60_000).toISOString();
    recordFailure(db, 'someone', later);
    expect(db.prepare('SELECT username FROM login_throttle').pluck().all()).toEqual(['someone']);
  });

  it('is shared by another process on the same file (the CLI cannot bypass it), and ends after its minutes', async () => {
    const clock = movableClock('2026-11-02T17:00:00.000Z');
    office = await createTestOffice({ clock });
    for (let guess = 0; guess < 5; guess += 1) await login(office.runtime, 'carla', `guess-number-${guess}`);
    second = await OfficeRuntime.open({ databasePath: office.databasePath, mode: 'cli', clock });
    const fromCli = await login(second, 'carla', TEST_PASSWORD);
    expect(fromCli.ok || fromCli.error.message).toBe('Too many wrong passwords for carla; try again in 2 minutes');
    expect(auditCount(office, 'session.login', '%"locked":true%')).toBe(1);

    clock.advanceMinutes(2);
    expect((await login(second, 'carla', TEST_PASSWORD)).ok).toBe(true);
  });
});

describe('lock-outs across OS processes', () => {
  it('a lock set in the app holds in a separate CLI process on the same file', async () => {
    office = await createTestOffice({ clock: systemClock });
    for (let guess = 0; guess < 5; guess += 1) await login(office.runtime, 'carla', `guess-number-${guess}`);
    const run = await runCli(office.folder, ['--db', office.databasePath, 'info'], { BILLING_OFFICE_USER: 'carla', BILLING_OFFICE_PASSWORD: TEST_PASSWORD });
    expectExit(run, 1);
    expect(run.stderr).toMatch(/Too many wrong passwords for carla; try again in 2 minutes/);
  }, 60_000);
});

describe('changing your own password', () => {
  it('locks after repeated wrong current passwords, audits each, and keeps the old password', async () => {
    const clock = movableClock('2026-11-02T17:00:00.000Z');
    office = await createTestOffice({ clock });
    const clerk = office.as('clerk');
    for (let guess = 0; guess < 4; guess += 1) {
      const wrong = await clerk.call('users.changeOwnPassword', { currentPassword: `guess-number-${guess}`, newPassword: 'a-brand-new-password' });
      expect(wrong.ok || wrong.error).toEqual({ code: 'LOGIN_FAILED', message: 'Your current password is not right', field: 'currentPassword' });
    }
    const fifth = await clerk.call('users.changeOwnPassword', { currentPassword: 'guess-number-5', newPassword: 'a-brand-new-password' });
    expect(fifth.ok || fifth.error.message).toBe('Your current password is not right. Too many wrong passwords for carla; try again in 2 minutes');
    const right = await clerk.call('users.changeOwnPassword', { currentPassword: TEST_PASSWORD, newPassword: 'a-brand-new-password' });
    expect(right.ok || right.error).toEqual({ code: 'LOGIN_FAILED', message: 'Too many wrong passwords for carla; try again in 2 minutes', field: 'currentPassword' });
    expect(auditCount(office, 'users.changeOwnPassword', '%"changed":false%')).toBe(6);

    clock.advanceMinutes(2);
    expect((await login(office.runtime, 'carla', TEST_PASSWORD)).ok).toBe(true);
    await clerk.must('users.changeOwnPassword', { currentPassword: TEST_PASSWORD, newPassword: 'a-brand-new-password' });
    expect(auditCount(office, 'users.changeOwnPassword', '%"changed":true%')).toBe(1);
    expect((await login(office.runtime, 'carla', 'a-brand-new-password')).ok).toBe(true);
  });
});

describe('the password rule', () => {
  it('refuses short and common passwords with a field error wherever a password is set', async () => {
    office = await createTestOffice();
    const supervisor = office.as('supervisor');
    const create = (password: string) => supervisor.call('users.create', { username: 'newuser', displayName: 'New User', role: 'clerk', password });
    for (const weak of ['12345678', 'password', 'password1234', 'QwertyUiop12', 'aaaaaaaaaaaaaaaa']) {
      const refused = await create(weak);
      expect(refused.ok || refused.error, weak).toMatchObject({ code: 'INVALID_INPUT', field: 'password' });
    }
    expect(((await create('password1234')) as { error: { message: string } }).error.message).toMatch(/one of the first that guessing tools try/);
    expect(((await create('12345678')) as { error: { message: string } }).error.message).toMatch(/at least 12 characters/);

    const carla = (await supervisor.must('users.list', {})).find((user) => user.username === 'carla');
    const reset = await supervisor.call('users.update', { userId: carla?.userId as number, password: 'qwertyuiop12' });
    expect(reset.ok || reset.error).toMatchObject({ code: 'INVALID_INPUT', field: 'password' });
    const own = await office.as('clerk').call('users.changeOwnPassword', { currentPassword: TEST_PASSWORD, newPassword: 'Password1234' });
    expect(own.ok || own.error).toMatchObject({ code: 'INVALID_INPUT', field: 'newPassword' });

    // The demo's and the tests' passwords pass the rule.
    for (const good of ['demo-password', TEST_PASSWORD, 'bench-password']) expect(() => assertPasswordAllowed(good, 'password')).not.toThrow();
    await supervisor.must('users.create', { username: 'newuser', displayName: 'New User', role: 'clerk', password: 'river-stone-lamp' });
  });
});

describe('sessions have an absolute lifetime', () => {
  it("ends a session opened under the district's sessionMaxHours once it runs out, however busy", async () => {
    office = await createTestOffice();
    setSetting(office.runtime.database.sqlite, 'sessionMaxHours', 0.4 / 3600); // 0.4 s
    const opened = await login(office.runtime, 'carla', TEST_PASSWORD);
    const token = opened.ok ? (opened.value as { token: string }).token : '';
    expect((await office.runtime.call({ op: 'session.me', input: {}, sessionToken: token })).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const expired = await office.runtime.call({ op: 'session.me', input: {}, sessionToken: token });
    expect(expired.ok || expired.error.code).toBe('NOT_LOGGED_IN');
  });
});

describe('login time does not tell which user names exist', () => {
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] as number;
  };

  it('takes as long for an unknown name as for a real one with a wrong password (within 20%)', async () => {
    const clock = movableClock('2026-11-02T17:00:00.000Z');
    office = await createTestOffice({ clock });
    const runtime = office.runtime;
    const timed = async (username: string) => {
      const started = performance.now();
      const result = await login(runtime, username, 'not-the-password');
      const elapsedMs = performance.now() - started;
      expect(result.ok || result.error.message).toBe('User name or password is not right');
      return elapsedMs;
    };
    const knownMs: number[] = [];
    const unknownMs: number[] = [];
    const PAIRS = 30;
    for (let pair = -3; pair < PAIRS; pair += 1) {
      // Past the window each round, so neither name ever locks. The two of a pair run back to
      // back, in alternating order, so a busy moment on a shared machine falls on both alike;
      // the first rounds warm up.
      clock.advanceMinutes(11);
      const unknownName = `nobody-${pair + 3}`;
      const knownFirst = pair % 2 === 0;
      const firstMs = await timed(knownFirst ? 'carla' : unknownName);
      const secondMs = await timed(knownFirst ? unknownName : 'carla');
      if (pair < 0) continue;
      knownMs.push(knownFirst ? firstMs : secondMs);
      unknownMs.push(knownFirst ? secondMs : firstMs);
    }
    // The median of each pair's ratio: robust to the load changing between pairs.
    const pairRatio = median(unknownMs.map((unknown, index) => unknown / (knownMs[index] as number)));
    console.log(
      `[login timing] median known ${median(knownMs).toFixed(1)} ms, unknown ${median(unknownMs).toFixed(1)} ms, ` +
        `median unknown/known per pair ${pairRatio.toFixed(3)} over ${PAIRS} pairs`,
    );
    expect(Math.abs(pairRatio - 1)).toBeLessThan(0.2);
  }, 60_000);
});
