import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GL } from '../../src-main/core/ledger/chart';
import { postEntry, reverseEntry } from '../../src-main/core/ledger/journal';
import { accountBalanceCents, accountLedger, chartWithBalances } from '../../src-main/core/ledger/queries';
import { verifyBooks } from '../../src-main/core/ledger/verify';
import type { Sqlite } from '../../src-main/core/storage/database';
import { insertBareAccounts } from '../support/fixtures';
import { createTestOffice, supervisorApproval, type TestOffice } from '../support/office';

const NOW = '2026-11-02T17:00:00.000Z';
let office: TestOffice;
let db: Sqlite;
let accountId: number;

beforeEach(async () => {
  office = await createTestOffice();
  db = office.runtime.database.sqlite;
  [accountId] = insertBareAccounts(db, 2) as [number];
});
afterEach(() => office.cleanup());

function charge(entryId: string, amountCents: number, forAccount = accountId) {
  return postEntry(db, NOW, {
    entryId,
    effectiveDate: '2026-11-02',
    kind: 'bill',
    memo: 'November water',
    createdByUserId: null,
    lines: [
      { glCode: GL.accountsReceivable, accountId: forAccount, amountCents },
      { glCode: GL.waterRevenue, amountCents: -amountCents },
    ],
  });
}

describe('posting to the journal', () => {
  it('posts a balanced entry and moves the customer balance by exactly its amount', () => {
    charge(randomUUID(), 12659);
    charge(randomUUID(), 4100);
    expect(accountBalanceCents(db, accountId)).toBe(16759);
    expect(verifyBooks(db, NOW).ok).toBe(true);
  });

  it('refuses an entry that does not balance, and writes nothing', () => {
    expect(() =>
      postEntry(db, NOW, {
        entryId: randomUUID(),
        effectiveDate: '2026-11-02',
        kind: 'bill',
        memo: 'bad',
        createdByUserId: null,
        lines: [
          { glCode: GL.accountsReceivable, accountId, amountCents: 1000 },
          { glCode: GL.waterRevenue, amountCents: -999 },
        ],
      }),
    ).toThrow(/differ by 1 cents/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM journal_entries').get()).toEqual({ n: 0 });
  });

  it('refuses a receivable line without an account and an account on a revenue line', () => {
    const base = { entryId: randomUUID(), effectiveDate: '2026-11-02', kind: 'bill', memo: 'x', createdByUserId: null };
    expect(() => postEntry(db, NOW, { ...base, lines: [{ glCode: GL.accountsReceivable, amountCents: 5 }, { glCode: GL.waterRevenue, amountCents: -5 }] })).toThrow(/must name a customer account/);
    expect(() => postEntry(db, NOW, { ...base, lines: [{ glCode: GL.cashOnHand, accountId, amountCents: 5 }, { glCode: GL.waterRevenue, amountCents: -5 }] })).toThrow(/only receivable lines/);
  });

  it('is idempotent: the same id and content posts once; other content is refused', () => {
    const entryId = randomUUID();
    expect(charge(entryId, 5000)).toEqual({ entryId, replayed: false });
    expect(charge(entryId, 5000)).toEqual({ entryId, replayed: true });
    expect(() => charge(entryId, 5001)).toThrow(/already posted with different amounts/);
    expect(accountBalanceCents(db, accountId)).toBe(5000);
  });

  it('refuses UPDATE and DELETE of posted entries, lines and audit records', () => {
    const entryId = randomUUID();
    charge(entryId, 5000);
    expect(() => db.prepare('UPDATE journal_lines SET amount_cents = 1 WHERE entry_id = ?').run(entryId)).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM journal_lines WHERE entry_id = ?').run(entryId)).toThrow(/immutable/);
    expect(() => db.prepare("UPDATE journal_entries SET memo = 'x' WHERE id = ?").run(entryId)).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM journal_entries WHERE id = ?').run(entryId)).toThrow(/immutable/);
    expect(() => db.prepare("UPDATE audit_log SET username = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('reverses an entry once, by its mirror image, pointing back to it', () => {
    const original = randomUUID();
    charge(original, 7321);
    const reversal = randomUUID();
    reverseEntry(db, NOW, { entryId: reversal, originalEntryId: original, reason: 'billed twice', effectiveDate: '2026-11-03', createdByUserId: null });
    expect(accountBalanceCents(db, accountId)).toBe(0);
    const lines = db.prepare('SELECT gl_code, account_id, amount_cents FROM journal_lines WHERE entry_id = ? ORDER BY line_no').all(reversal);
    expect(lines).toEqual([
      { gl_code: GL.accountsReceivable, account_id: accountId, amount_cents: -7321 },
      { gl_code: GL.waterRevenue, account_id: null, amount_cents: 7321 },
    ]);
    expect(() => reverseEntry(db, NOW, { entryId: randomUUID(), originalEntryId: original, reason: 'again', effectiveDate: '2026-11-03', createdByUserId: null })).toThrow(/already reversed/);
    expect(() => reverseEntry(db, NOW, { entryId: randomUUID(), originalEntryId: reversal, reason: 'undo', effectiveDate: '2026-11-03', createdByUserId: null })).toThrow(/itself a reversal/);
    // A retry of the same reversal is a replay, not an error.
    expect(reverseEntry(db, NOW, { entryId: reversal, originalEntryId: original, reason: 'billed twice', effectiveDate: '2026-11-03', createdByUserId: null }).replayed).toBe(true);
    expect(verifyBooks(db, NOW).ok).toBe(true);
  });

  it('pages an account history newest first with the balance after each line', () => {
    for (const amount of [1000, 250, -400, 3000]) charge(randomUUID(), amount);
    const firstPage = accountLedger(db, accountId, 2);
    expect(firstPage.balanceCents).toBe(3850);
    expect(firstPage.lines.map((line) => [line.amountCents, line.balanceAfterCents])).toEqual([[3000, 3850], [-400, 850]]);
    expect(firstPage.hasMore).toBe(true);
    const secondPage = accountLedger(db, accountId, 2, firstPage.lines[1]?.lineId);
    expect(secondPage.lines.map((line) => [line.amountCents, line.balanceAfterCents])).toEqual([[250, 1250], [1000, 1000]]);
    expect(secondPage.hasMore).toBe(false);
  });
});

describe('verify finds what is wrong', () => {
  it('names an account whose cached balance drifted from its lines', () => {
    charge(randomUUID(), 5000);
    db.prepare('UPDATE account_balances SET balance_cents = 4999 WHERE account_id = ?').run(accountId);
    const report = verifyBooks(db, NOW);
    expect(report.ok).toBe(false);
    expect(report.checks.find((check) => !check.ok)?.detail).toContain(String(accountId));
  });

  it('keeps GL totals by trigger and names a GL account whose cached total drifted from its lines', () => {
    charge(randomUUID(), 5000);
    charge(randomUUID(), -1250);
    const total = (code: string) => chartWithBalances(db).find((account) => account.code === code)?.balanceCents;
    expect([total('1100'), total('4000')]).toEqual([3750, -3750]);
    expect(verifyBooks(db, NOW).checks.find((check) => check.name === 'GL balances equal their ledger lines')).toMatchObject({ ok: true });
    db.prepare("UPDATE gl_balances SET balance_cents = balance_cents + 1 WHERE gl_code = '4000'").run();
    expect(verifyBooks(db, NOW).checks.filter((check) => !check.ok)).toEqual([
      { name: 'GL balances equal their ledger lines', ok: false, detail: 'GL accounts that differ: 4000' },
    ]);
  });

  it('finds an out-of-balance entry written behind the triggers', () => {
    const entryId = randomUUID();
    charge(entryId, 5000);
    db.exec('DROP TRIGGER journal_lines_no_update');
    db.prepare('UPDATE journal_lines SET amount_cents = -4000 WHERE entry_id = ? AND line_no = 2').run(entryId);
    const failed = verifyBooks(db, NOW).checks.filter((check) => !check.ok).map((check) => check.name);
    expect(failed).toContain('Every journal entry balances');
  });

  it('finds the audit record that was edited', async () => {
    await office.as('clerk').must('system.verify', {});
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET username = 'mallory' WHERE seq = 2").run();
    const report = verifyBooks(db, NOW);
    expect(report.checks.find((check) => check.name.startsWith('Audit'))?.detail).toBe('The chain breaks at audit record 2: its keyed hash does not match its contents');
  });
});

describe('adjustments and reversals through the operations', () => {
  it('needs a supervisor: refused for a clerk, prompts a technician, and posts once approved', async () => {
    const input = { entryId: randomUUID(), accountId, amountCents: -2500, reason: 'Courtesy credit: meter misread' };
    const asClerk = await office.as('clerk').call('ledger.adjust', input);
    expect(asClerk.ok || asClerk.error.code).toBe('FORBIDDEN');
    const unapproved = await office.as('technician').call('ledger.adjust', input);
    expect(unapproved.ok || unapproved.error.code).toBe('APPROVAL_REQUIRED');
    const badApproval = await office.as('technician').call('ledger.adjust', input, { approval: { username: 'sofia', password: 'wrong-password' } });
    expect(badApproval.ok || badApproval.error.code).toBe('APPROVAL_DENIED');
    const clerkApproval = await office.as('technician').call('ledger.adjust', input, { approval: { username: 'carla', password: 'correct-horse-battery' } });
    expect(clerkApproval.ok || clerkApproval.error.code).toBe('APPROVAL_DENIED');
    expect(accountBalanceCents(db, accountId)).toBe(0);

    const key = randomUUID();
    const approved = await office.as('technician').must('ledger.adjust', input, { approval: supervisorApproval, idempotencyKey: key });
    expect(approved.approvedBy).toBe('Sofia Supervisor');
    expect(approved.lines.map((line) => [line.glCode, line.amountCents])).toEqual([[GL.accountsReceivable, -2500], [GL.billingAdjustments, 2500]]);
    // A double click resends the same key: same answer, nothing posted twice.
    const again = await office.as('technician').must('ledger.adjust', input, { approval: supervisorApproval, idempotencyKey: key });
    expect(again.entryId).toBe(approved.entryId);
    expect(accountBalanceCents(db, accountId)).toBe(-2500);
    const reused = await office.as('technician').call('ledger.adjust', { ...input, amountCents: -9900 }, { approval: supervisorApproval, idempotencyKey: key });
    expect(reused.ok || reused.error.code).toBe('IDEMPOTENCY_CONFLICT');

    const reversal = await office.as('supervisor').must('ledger.reverse', { entryId: randomUUID(), originalEntryId: input.entryId, reason: 'Credit given in error' });
    expect(reversal.reversesEntryId).toBe(input.entryId);
    expect(accountBalanceCents(db, accountId)).toBe(0);
    const audit = db.prepare("SELECT operation, approved_by_user_id FROM audit_log WHERE operation LIKE 'ledger.%' ORDER BY seq").all();
    expect(audit).toHaveLength(2);
    expect((await office.as('clerk').must('system.verify', {})).ok).toBe(true);
  });

  it('rejects bad input with the field at fault and writes nothing', async () => {
    const result = await office.as('supervisor').call('ledger.adjust', { entryId: randomUUID(), accountId, amountCents: 12.5, reason: 'x' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.field).toBe('amountCents');
    }
    const zero = await office.as('supervisor').call('ledger.adjust', { entryId: randomUUID(), accountId, amountCents: 0, reason: 'x' });
    expect(zero.ok || zero.error.message).toMatch(/cannot be zero/);
    const missingAccount = await office.as('supervisor').call('ledger.adjust', { entryId: randomUUID(), accountId: 999_999, amountCents: 100, reason: 'x' });
    expect(missingAccount.ok || missingAccount.error.code).toBe('NOT_FOUND');
    expect(db.prepare('SELECT COUNT(*) AS n FROM journal_entries').get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE operation = 'ledger.adjust'").get()).toEqual({ n: 0 });
  });
});
