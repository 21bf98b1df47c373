/**
 * changes.since through the operations: the audit trail as the feed of what changed, so open
 * views of any window, process or PC refresh (src-shared/contract/changes.ts).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../../src-main/core/audit/log';
import { MAX_RECORDS_READ } from '../../src-main/operations/changes';
import type { TestOffice } from '../support/office';
import { accountsWithBalances, createTestOffice, FLOAT_200 } from './payments-support';

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

describe('changes.since', () => {
  it('answers where the trail stands, then the areas each later write changed', async () => {
    office = await createTestOffice();
    const [accountId] = accountsWithBalances(office, [5_000]) as [number];
    const clerk = office.as('clerk');
    const start = await clerk.must('changes.since', { afterSeq: 0 });
    expect(start.areas).toEqual([]);
    expect(start.headSeq).toBeGreaterThan(0);
    expect(await clerk.must('changes.since', { afterSeq: start.headSeq })).toEqual({ headSeq: start.headSeq, areas: [] });

    await office.as('supervisor').must('users.create', { username: 'newclerk', displayName: 'New Clerk', role: 'clerk', password: 'a-long-enough-password' });
    const afterUser = await clerk.must('changes.since', { afterSeq: start.headSeq });
    expect(afterUser.areas).toEqual(['users']);

    await clerk.must('drawer.open', { workstation: 'Counter 1', floatCounts: FLOAT_200 });
    await clerk.must('payments.take', { paymentId: randomUUID(), accounts: [{ accountId, amountCents: 5_000 }], tenders: [{ kind: 'cash', amountCents: 5_000 }] });
    const afterPayment = await clerk.must('changes.since', { afterSeq: afterUser.headSeq });
    expect(afterPayment.areas).toEqual(['accounts', 'cash']);
    expect(afterPayment.headSeq).toBe(office.runtime.database.sqlite.prepare('SELECT MAX(seq) FROM audit_log').pluck().get());
  });

  it('says everything changed to a window far behind, rather than read thousands of records', async () => {
    office = await createTestOffice();
    const db = office.runtime.database.sqlite;
    const head = db.prepare('SELECT MAX(seq) FROM audit_log').pluck().get() as number;
    // Reads are not audited: nothing changed.
    for (let n = 0; n < 5; n += 1) await office.as('clerk').must('session.me', {});
    expect((await office.as('clerk').must('changes.since', { afterSeq: head })).areas).toEqual([]);
    // MAX_RECORDS_READ + 1 contact notes written (audited) since the window looked.
    db.transaction(() => {
      for (let n = 0; n <= MAX_RECORDS_READ; n += 1) {
        appendAudit(db, { at: '2026-11-02T17:00:00.000Z', userId: null, username: 'carla', operation: 'contacts.add', idempotencyKey: null, inputHash: `h${n}`, input: { n }, result: null, approvedByUserId: null });
      }
    }).immediate();
    expect((await office.as('clerk').must('changes.since', { afterSeq: head })).areas).toEqual(['accounts', 'cash', 'billing', 'reads', 'users', 'system']);
    // One record fewer behind: read, and only what the notes changed.
    expect((await office.as('clerk').must('changes.since', { afterSeq: head + 1 })).areas).toEqual(['accounts', 'cash', 'billing', 'reads']);
  });

  it('refuses a caller who is not signed in, and a bad record number', async () => {
    office = await createTestOffice();
    const anonymous = await office.runtime.call({ op: 'changes.since', input: { afterSeq: 0 } });
    expect(anonymous.ok || anonymous.error.code).toBe('NOT_LOGGED_IN');
    const negative = await office.as('clerk').call('changes.since', { afterSeq: -1 });
    expect(negative.ok || negative.error.code).toBe('INVALID_INPUT');
  });
});
