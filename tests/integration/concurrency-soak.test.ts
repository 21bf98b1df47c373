/**
 * The concurrency soak: three OS processes (three counter PCs) on one database file, each taking
 * payments through OfficeRuntime.call as fast as it can (after 20 each, untimed, as they start)
 * and logging in between (every second
 * login with a wrong password), for a few seconds. Nothing may come back INTERNAL, no payment may
 * be lost or doubled, every login is audited once, and the books — audit chain included — verify.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { verifyBooks } from '../../src-main/core/ledger/verify';
import { createUser } from '../../src-main/core/users/users';
import { OfficeRuntime } from '../../src-main/operations/runtime';
import { percentile } from '../bench/harness';
import { TEST_PASSWORD, type TestOffice } from '../support/office';
import { runSoak } from '../support/soak';
import { accountsWithBalances, createTestOffice } from './payments-support';

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

const CLERKS = ['ana', 'ben', 'cho'];
const POSTING_MS = 5_000;
/** Every 8th step of a worker is a login. */
const LOGIN_EVERY = 8;

describe('three processes taking payments and logging in on one file', () => {
  it('answers no INTERNAL, loses and doubles no payment, audits every login, and verifies clean', { timeout: 90_000 }, async () => {
    office = await createTestOffice();
    const db = office.runtime.database.sqlite;
    for (const username of CLERKS) createUser(db, '2026-11-02T08:00:00.000Z', { username, displayName: `Clerk ${username}`, role: 'clerk', password: TEST_PASSWORD });
    const accountIds = accountsWithBalances(office, Array.from({ length: 30 }, () => 10_000_000));
    const auditBefore = db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number;
    office.runtime.close();

    const outcome = await runSoak({
      databasePath: office.databasePath,
      folder: office.folder,
      workers: CLERKS.map((username, index) => ({ username, password: TEST_PASSWORD, workstation: `Counter ${index + 1}` })),
      accountIds,
      durationMs: POSTING_MS,
      paceMs: 0,
      loginEvery: LOGIN_EVERY,
      warmUpPayments: 20,
    });

    const posted = outcome.acknowledged.size;
    const timed = outcome.latenciesMs.length;
    const busyFailures = outcome.failures.filter((failure) => failure.code === 'BUSY').length;
    console.log(
      `concurrency soak: 3 processes, ${outcome.seconds.toFixed(1)} s: ${timed} payments (${(timed / outcome.seconds).toFixed(0)}/s, after ${posted - timed} untimed), ` +
        `p50 ${percentile(outcome.latenciesMs, 50).toFixed(2)} ms, p99 ${percentile(outcome.latenciesMs, 99).toFixed(2)} ms, max ${Math.max(...outcome.latenciesMs).toFixed(1)} ms; ` +
        `${outcome.busyRetries} BUSY resends, ${busyFailures} still BUSY after them; logins ${outcome.logins.ok} ok, ${outcome.logins.refused} refused`,
    );

    // No failure but BUSY (a lock held past every resend), and in this soak none at all.
    expect(outcome.failures.filter((failure) => failure.code !== 'BUSY')).toEqual([]);
    expect(outcome.logins.failed).toEqual([]);
    expect(outcome.inFlight.size).toBe(0);
    expect(posted).toBeGreaterThan(100);
    expect(outcome.logins.refused).toBeGreaterThan(3);

    const reopened = await OfficeRuntime.open({ databasePath: office.databasePath, mode: 'test' });
    try {
      const rdb = reopened.database.sqlite;
      // Every acknowledged payment is in the database exactly once, with the receipt the clerk was
      // given, and the database holds no payment nobody was told of.
      const stored = rdb.prepare('SELECT payment_uid AS paymentId, receipt_number AS receiptNumber FROM payments').all() as { paymentId: string; receiptNumber: string }[];
      expect(stored.length).toBe(posted);
      expect(new Map(stored.map((row) => [row.paymentId, row.receiptNumber]))).toEqual(outcome.acknowledged);
      const count = (sql: string) => rdb.prepare(sql).pluck().get() as number;
      expect(count("SELECT COUNT(*) FROM journal_entries WHERE kind = 'payment'")).toBe(posted);
      expect(count("SELECT COUNT(*) FROM audit_log WHERE operation = 'payments.take'")).toBe(posted);
      // Every login, right or wrong, left one audit record (the workers' first logins too).
      const loginRecords = count(`SELECT COUNT(*) FROM audit_log WHERE operation = 'session.login' AND seq > ${auditBefore}`);
      expect(loginRecords).toBe(CLERKS.length + outcome.logins.ok + outcome.logins.refused);
      const report = verifyBooks(rdb, new Date().toISOString());
      expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    } finally {
      reopened.close();
    }
  });
});
