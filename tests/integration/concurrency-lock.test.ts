/**
 * A second process holding the database's write lock while this one takes payments through
 * OfficeRuntime.call. Every write takes the lock up front (BEGIN IMMEDIATE), so it waits for the
 * other process (busy_timeout) instead of failing at once; a lock held past the wait answers a
 * retryable BUSY, never INTERNAL, and the same request sent again later posts once.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BUSY_MESSAGE } from '../../src-shared/result';
import { verifyBooks } from '../../src-main/core/ledger/verify';
import { CliSession } from '../../src-main/cli/office';
import { runChild } from '../support/child';
import { TEST_PASSWORD, TEST_USERS } from '../support/office';
import type { TestOffice } from '../support/office';
import { accountsWithBalances, createTestOffice, FLOAT_200 } from './payments-support';

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

/** Starts the lock holder; `locked` resolves once it holds the lock, `finished` when it has exited. */
function startLockHolder(databasePath: string, holdMs: number, gapMs: number, durationMs: number) {
  let onLocked: () => void = () => undefined;
  const locked = new Promise<void>((resolve) => (onLocked = resolve));
  const finished = runChild('tests/support/write-lock-holder.ts', [databasePath, String(holdMs), String(gapMs), String(durationMs)], (line) => {
    if (line === 'locked') onLocked();
  });
  return { locked, finished };
}

const paymentInput = (accountId: number, amountCents: number) => ({
  paymentId: randomUUID(),
  accounts: [{ accountId, amountCents }],
  tenders: [{ kind: 'cash' as const, amountCents }],
});

const countPayments = (office: TestOffice) => office.runtime.database.sqlite.prepare('SELECT COUNT(*) FROM payments').pluck().get() as number;

describe('a write while another process holds the write lock', () => {
  it('waits for the lock instead of failing: no INTERNAL, every payment posted', async () => {
    office = await createTestOffice();
    const [accountId] = accountsWithBalances(office, [1_000_000]) as [number];
    const clerk = office.as('clerk');
    await clerk.must('drawer.open', { workstation: 'Counter 1', floatCounts: FLOAT_200 });
    // The other process commits a write every 25 ms and holds the lock for 20 of them.
    const holder = startLockHolder(office.databasePath, 20, 5, 2_500);
    await holder.locked;

    const codes: string[] = [];
    for (let n = 1; n <= 120; n += 1) {
      const result = await clerk.call('payments.take', paymentInput(accountId, n));
      codes.push(result.ok ? 'ok' : result.error.code);
    }
    await holder.finished;

    expect(codes.filter((code) => code !== 'ok')).toEqual([]);
    expect(countPayments(office)).toBe(120);
    const report = verifyBooks(office.runtime.database.sqlite, new Date().toISOString());
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
  });

  it('answers BUSY when the lock is held past busy_timeout, and the same request posts once later', async () => {
    office = await createTestOffice();
    const [accountId] = accountsWithBalances(office, [50_000]) as [number];
    const clerk = office.as('clerk');
    await clerk.must('drawer.open', { workstation: 'Counter 1', floatCounts: FLOAT_200 });
    const waitMs = 200;
    office.runtime.database.sqlite.pragma(`busy_timeout = ${waitMs}`);
    const holder = startLockHolder(office.databasePath, 1_500, 0, 1);
    await holder.locked;

    const input = paymentInput(accountId, 5_000);
    const idempotencyKey = randomUUID();
    const started = performance.now();
    const refused = await clerk.call('payments.take', input, { idempotencyKey });
    const waitedMs = performance.now() - started;
    expect(refused).toEqual({ ok: false, error: { code: 'BUSY', message: BUSY_MESSAGE } });
    // It waited for the lock (busy_timeout) before giving up, rather than failing at once.
    expect(waitedMs).toBeGreaterThanOrEqual(waitMs * 0.9);
    expect(countPayments(office)).toBe(0);
    // Reads do not need the write lock (WAL): the drawer still lists while the other process writes.
    expect((await clerk.call('drawer.list', {})).ok).toBe(true);

    await holder.finished;
    const posted = await clerk.must('payments.take', input, { idempotencyKey });
    const again = await clerk.must('payments.take', input, { idempotencyKey });
    expect(again.receiptNumber).toBe(posted.receiptNumber);
    expect(countPayments(office)).toBe(1);
  });

  it('the CLI sends a write that answered BUSY again with the same key, and it posts once', async () => {
    office = await createTestOffice();
    const [accountId] = accountsWithBalances(office, [50_000]) as [number];
    const clerk = office.as('clerk');
    await clerk.must('drawer.open', { workstation: 'Counter 1', floatCounts: FLOAT_200 });
    office.runtime.database.sqlite.pragma('busy_timeout = 200');
    const user = { userId: 3, username: TEST_USERS.clerk, displayName: 'Carla Clerk', role: 'clerk' as const };
    const session = new CliSession(office.runtime, clerk.token, user);
    const stderr: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr.push(String(chunk));
      return true;
    });
    try {
      // Held for 500 ms: the first attempt gives up after 200, the resend 250 ms later gets the lock.
      const holder = startLockHolder(office.databasePath, 500, 0, 1);
      await holder.locked;
      const receipt = await session.call('payments.take', paymentInput(accountId, 5_000));
      await holder.finished;
      expect(receipt.replayed).toBe(false);
    } finally {
      spy.mockRestore();
    }
    expect(stderr.join('')).toMatch(/The database is busy \(another workstation is saving\); trying again \(1 of 2\)/);
    expect(countPayments(office)).toBe(1);
    expect(office.runtime.database.sqlite.prepare("SELECT COUNT(*) FROM audit_log WHERE operation = 'payments.take'").pluck().get()).toBe(1);
  });

  it('audits a login while another process is writing without breaking the audit chain', async () => {
    office = await createTestOffice();
    const [accountId] = accountsWithBalances(office, [50_000]) as [number];
    const databasePath = office.databasePath;
    let onLocked: () => void = () => undefined;
    const locked = new Promise<void>((resolve) => (onLocked = resolve));
    const args = [databasePath, String(accountId), TEST_USERS.supervisor, TEST_PASSWORD, '1500'];
    const holder = runChild('tests/support/audit-lock-holder.ts', args, (line) => {
      if (line === 'locked') onLocked();
    });
    await locked;
    // Both logins are audited after the other process's uncommitted audit record: each must wait
    // for the lock and chain onto that record, not onto the head it read before it committed.
    const refused = await office.runtime.call({ op: 'session.login', input: { username: TEST_USERS.clerk, password: 'not-the-password' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED' } });
    const accepted = await office.runtime.call({ op: 'session.login', input: { username: TEST_USERS.clerk, password: TEST_PASSWORD } });
    expect(accepted.ok).toBe(true);
    await holder;

    const db = office.runtime.database.sqlite;
    const operations = db.prepare('SELECT operation FROM audit_log ORDER BY seq DESC LIMIT 3').pluck().all();
    expect(operations).toEqual(['session.login', 'session.login', 'ledger.adjust']);
    const report = verifyBooks(db, new Date().toISOString());
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
  });
});
