/**
 * Kill the process in the middle of writing (SIGKILL: no cleanup, no finally), reopen the
 * database and prove the books: every posting is whole or absent, and nothing acknowledged
 * was lost.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { accountBalanceCents } from '../../src-main/core/ledger/queries';
import { verifyBooks } from '../../src-main/core/ledger/verify';
import { OfficeRuntime } from '../../src-main/operations/runtime';
import { runChild } from '../support/child';
import { insertBareAccounts } from '../support/fixtures';
import { createTestOffice, TEST_PASSWORD, TEST_USERS, type TestOffice } from '../support/office';

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

/** Posts until `postsBeforeKill` are acknowledged, then SIGKILLs the writer; returns the acknowledged ids. */
async function runWriterUntil(databasePath: string, accountId: number, postsBeforeKill: number): Promise<string[]> {
  const acknowledged: string[] = [];
  const { killed } = await runChild('tests/support/crash-writer.ts', [databasePath, String(accountId), TEST_USERS.supervisor, TEST_PASSWORD], (line, kill) => {
    if (line.startsWith('posted ')) acknowledged.push(line.split(' ')[1] as string);
    if (acknowledged.length >= postsBeforeKill) kill();
  });
  if (!killed) throw new Error('the writer stopped by itself before it was killed');
  return acknowledged;
}

describe('a crash in the middle of writing', () => {
  it('leaves whole postings only, keeps every acknowledged one, and verifies clean', async () => {
    office = await createTestOffice();
    const [accountId] = insertBareAccounts(office.runtime.database.sqlite, 1) as [number];
    const databasePath = office.databasePath;
    office.runtime.close();

    const acknowledged = await runWriterUntil(databasePath, accountId, 150);

    const reopened = await OfficeRuntime.open({ databasePath, mode: 'test' });
    try {
      const db = reopened.database.sqlite;
      const report = verifyBooks(db, new Date().toISOString());
      expect(report.checks.filter((check) => !check.ok)).toEqual([]);
      const postedIds = new Set(db.prepare("SELECT id FROM journal_entries WHERE kind = 'adjustment'").pluck().all() as string[]);
      for (const entryId of acknowledged) expect(postedIds.has(entryId)).toBe(true);
      // Adjustment n is n cents: the balance is exactly 1 + 2 + ... + (entries that committed).
      const committed = postedIds.size;
      expect(committed).toBeGreaterThanOrEqual(acknowledged.length);
      expect(accountBalanceCents(db, accountId)).toBe((committed * (committed + 1)) / 2);
      // Every committed posting has its audit record and vice versa (one transaction).
      const audited = db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE operation = 'ledger.adjust'").get() as { n: number };
      expect(audited.n).toBe(committed);
      // The office carries on: a new posting after the crash works.
      const login = await reopened.call({ op: 'session.login', input: { username: TEST_USERS.supervisor, password: TEST_PASSWORD } });
      expect(login.ok).toBe(true);
      const entryId = randomUUID();
      const after = await reopened.call({
        op: 'ledger.adjust',
        input: { entryId, accountId, amountCents: 1, reason: 'after the crash' },
        sessionToken: (login as { value: { token: string } }).value.token,
        idempotencyKey: entryId,
      });
      expect(after.ok).toBe(true);
    } finally {
      reopened.close();
    }
  });
});
