/**
 * A second process holding the database's write lock while this one takes payments through
 * OfficeRuntime.call. Every write takes the lock up front (BEGIN IMMEDIATE), so it waits for the
 * other process (busy_timeout) instead of failing at once; a lock held past the wait answers a
 * retryable BUSY, never INTERNAL, and the same request sent again later posts once.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { BUSY_MESSAGE } from '../../src-shared/result';
import { verifyBooks } from '../../src-main/core/ledger/verify';
import { runChild } from '../support/child';
import type { TestOffice } from '../support/office';
import { accountsWithBalances, createTestOffice, FLOAT_200 } from './payments-support';

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

/** Starts the lock holder; `locked` resolves once it holds the lock, `finished` when it has exited. */
function startLockHolder(databasePath: string, holdMs: number, gapMs: number, durationMs: number) {
  let onLocked: () => void = () => undefined;
  const locked = new Promise<void>((resolve) => (onLocked = resolve));
  const finished = runChild('tests/support/lock-holder.ts', [databasePath, String(holdMs), String(gapMs), String(durationMs)], (line) => {
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
});
