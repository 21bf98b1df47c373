/**
 * Kill the process in the middle of taking payments (SIGKILL), reopen and prove: every payment is
 * whole (row, tender, account line, journal entry, audit record) or absent, nothing acknowledged
 * was lost, the books verify, and resending the payment that was in flight posts it at most once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { accountBalanceCents } from '../../src-main/core/ledger/queries';
import { verifyBooks } from '../../src-main/core/ledger/verify';
import { OfficeRuntime } from '../../src-main/operations/runtime';
import { insertBareAccounts } from '../support/fixtures';
import { runChild } from '../support/child';
import { createTestOffice, TEST_PASSWORD, TEST_USERS, type TestOffice } from '../support/office';

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

interface WriterLog {
  acknowledged: string[];
  /** The last payment sent, with its amount (it may or may not have committed). */
  lastSent: { paymentId: string; amountCents: number } | null;
}

/** Pays until `postsBeforeKill` are acknowledged, then SIGKILLs the writer. */
async function runWriterUntil(databasePath: string, accountId: number, postsBeforeKill: number): Promise<WriterLog> {
  const log: WriterLog = { acknowledged: [], lastSent: null };
  const args = [databasePath, String(accountId), TEST_USERS.clerk, TEST_PASSWORD];
  const { killed } = await runChild('tests/integration/payments-crash-writer.ts', args, (line, kill) => {
    const [word, paymentId, amount] = line.split(' ') as [string, string, string];
    if (word === 'posted') log.acknowledged.push(paymentId);
    if (word === 'sending') log.lastSent = { paymentId, amountCents: Number(amount) };
    if (log.acknowledged.length >= postsBeforeKill) kill();
  });
  if (!killed) throw new Error('the writer stopped by itself before it was killed');
  return log;
}

describe('a crash in the middle of taking payments', () => {
  it('leaves whole payments only, keeps every acknowledged one, and a resend posts once', async () => {
    office = await createTestOffice();
    const [accountId] = insertBareAccounts(office.runtime.database.sqlite, 1) as [number];
    const databasePath = office.databasePath;
    office.runtime.close();

    const log = await runWriterUntil(databasePath, accountId, 120);

    const reopened = await OfficeRuntime.open({ databasePath, mode: 'test' });
    try {
      const db = reopened.database.sqlite;
      const report = verifyBooks(db, new Date().toISOString());
      expect(report.checks.filter((check) => !check.ok)).toEqual([]);
      const count = (sql: string) => db.prepare(sql).pluck().get() as number;
      const paymentIds = new Set(db.prepare('SELECT payment_uid FROM payments').pluck().all() as string[]);
      for (const paymentId of log.acknowledged) expect(paymentIds.has(paymentId)).toBe(true);
      const committed = paymentIds.size;
      expect(committed).toBeGreaterThanOrEqual(log.acknowledged.length);
      // Whole or absent: each payment has its entry, tender, account line and audit record.
      expect(count("SELECT COUNT(*) FROM journal_entries WHERE kind = 'payment'")).toBe(committed);
      expect(count('SELECT COUNT(*) FROM payment_tenders')).toBe(committed);
      expect(count('SELECT COUNT(*) FROM payment_accounts')).toBe(committed);
      expect(count("SELECT COUNT(*) FROM audit_log WHERE operation = 'payments.take'")).toBe(committed);
      // Payment n is n cents: the account's credit is exactly 1 + 2 + ... + committed.
      expect(accountBalanceCents(db, accountId)).toBe(-(committed * (committed + 1)) / 2);

      // The clerk resends the payment that was in flight: it posts once, whether or not it had committed.
      const login = await reopened.call({ op: 'session.login', input: { username: TEST_USERS.clerk, password: TEST_PASSWORD } });
      const sessionToken = (login as { value: { token: string } }).value.token;
      const inFlight = log.lastSent as { paymentId: string; amountCents: number };
      const resend = await reopened.call({
        op: 'payments.take',
        input: { paymentId: inFlight.paymentId, accounts: [{ accountId, amountCents: inFlight.amountCents }], tenders: [{ kind: 'cash', amountCents: inFlight.amountCents }] },
        sessionToken,
        idempotencyKey: inFlight.paymentId,
      });
      expect(resend.ok).toBe(true);
      expect(count(`SELECT COUNT(*) FROM payments WHERE payment_uid = '${inFlight.paymentId}'`)).toBe(1);
      expect(count('SELECT COUNT(*) FROM payments')).toBe(paymentIds.has(inFlight.paymentId) ? committed : committed + 1);
      expect(verifyBooks(db, new Date().toISOString()).checks.filter((check) => !check.ok)).toEqual([]);
    } finally {
      reopened.close();
    }
  });
});
