/**
 * A payment's receipt is built from what was written, not read back (a clerk's payment saves a
 * query per part): it must be the very receipt the stored rows give — for every tender, several
 * accounts, a credit, a batch — and the receipt number must find it again. The dispatcher's input
 * hash, made from the input's canonical JSON it also stores, must equal hashOf({ op, input }).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../src-main/core/audit/log';
import { canonicalJson, hashOf, sha256Hex } from '../../src-main/core/hashing';
import type { TestOffice } from '../support/office';
import { accountsWithBalances, createTestOffice, FLOAT_200 } from './payments-support';

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

describe('the receipt of a payment just taken', () => {
  it('equals the receipt read back from the database, for every kind of payment', async () => {
    office = await createTestOffice();
    const [first, second] = accountsWithBalances(office, [5_000, 12_345]) as [number, number];
    const clerk = office.as('clerk');
    await clerk.must('drawer.open', { workstation: 'Counter 1', floatCounts: FLOAT_200 });
    const batch = await clerk.must('batches.open', { channel: 'mail', controlCount: 1, controlTotalCents: 2_000 });
    const inputs = [
      { accounts: [{ accountId: first, amountCents: 4_500 }], tenders: [{ kind: 'cash' as const, amountCents: 5_000 }], payerName: 'Ana "Annie" Ruiz' },
      { accounts: [{ accountId: first, amountCents: 500 }, { accountId: second, amountCents: 2_345 }], tenders: [{ kind: 'check' as const, amountCents: 3_000, checkNumber: '2001', bank: 'Valley Bank' }], creditAccountId: second },
      { accounts: [{ accountId: second, amountCents: 1_000 }], tenders: [{ kind: 'card' as const, amountCents: 1_000, lastFour: '4242', authorizationCode: 'ab12' }] },
      { accounts: [{ accountId: second, amountCents: 1_500 }], tenders: [{ kind: 'money_order' as const, amountCents: 1_000, serialNumber: 'MO-77', issuer: 'USPS' }, { kind: 'cash' as const, amountCents: 600 }], changeAsCredit: true },
      { channel: 'mail' as const, batchId: batch.batchId, accounts: [{ accountId: first, amountCents: 2_000 }], tenders: [{ kind: 'check' as const, amountCents: 2_000, checkNumber: '1042', bank: 'First Bank' }] },
    ];
    for (const input of inputs) {
      const taken = await clerk.must('payments.take', { paymentId: randomUUID(), ...input });
      const readBack = await clerk.must('payments.receipt', { paymentId: taken.paymentId });
      expect(taken).toEqual(readBack);
      expect(await clerk.must('payments.receipt', { receiptNumber: ` ${taken.receiptNumber.toLowerCase()} ` })).toEqual(readBack);
    }
    // The second receipt: $30.00 check over $28.45 due, the $1.55 excess credited to the second account.
    const second_ = await clerk.must('payments.receipt', { receiptNumber: 'R0000002' });
    expect(second_.accounts.map((line) => [line.accountId, line.amountCents, line.balanceAfterCents])).toEqual([
      [first, 500, 0],
      [second, 2_500, 12_345 - 2_500],
    ]);
    expect(second_.tenders[0]).toMatchObject({ kind: 'check', amountCents: 3_000, itemNumber: '2001', drawnOn: 'Valley Bank' });
    // Not a receipt number, or one that names no payment: not found, plainly.
    for (const receiptNumber of ['R42', 'R0000099', '0000001', 'R0000001X']) {
      expect(await clerk.call('payments.receipt', { receiptNumber })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: `Receipt ${receiptNumber} was not found` } });
    }
  });
});

describe('the audit record of a write', () => {
  it("stores the input's canonical JSON, hashes it as hashOf({ op, input }), and chains the record by the new hash", async () => {
    office = await createTestOffice();
    const [accountId] = accountsWithBalances(office, [5_000]) as [number];
    const clerk = office.as('clerk');
    await clerk.must('drawer.open', { workstation: 'Counter 1', floatCounts: FLOAT_200 });
    const input = { paymentId: randomUUID(), accounts: [{ accountId, amountCents: 5_000 }], tenders: [{ kind: 'cash' as const, amountCents: 5_000 }], payerName: 'Zoë\n"Q"' };
    const requestId = randomUUID();
    await clerk.must('payments.take', input, { idempotencyKey: requestId });
    const db = office.runtime.database.sqlite;
    const record = db.prepare('SELECT input_json AS inputJson, input_hash AS inputHash, hash_version AS version FROM audit_log WHERE idempotency_key = ?').get(requestId) as {
      inputJson: string;
      inputHash: string;
      version: number;
    };
    const parsed = JSON.parse(record.inputJson) as Record<string, unknown>;
    expect(record.inputJson).toBe(canonicalJson(parsed));
    expect(parsed).toMatchObject({ payerName: 'Zoë\n"Q"', channel: 'counter' });
    expect(record.inputHash).toBe(hashOf({ op: 'payments.take', input: parsed }));
    expect(record.version).toBe(3);
    expect(verifyAuditChain(db).brokenAtSeq).toBeNull();
    // An edited record breaks the chain where it was edited (the append-only trigger set aside).
    const seq = appendAudit(db, { at: '2026-11-02T18:00:00Z', userId: null, username: 'system', operation: 'test.note', idempotencyKey: null, inputHash: sha256Hex('x'), input: { a: 1 }, result: { b: 2 }, approvedByUserId: null });
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare(`UPDATE audit_log SET result_json = '{"b":3}' WHERE seq = ?`).run(seq);
    expect(verifyAuditChain(db).brokenAtSeq).toBe(seq);
  });
});
