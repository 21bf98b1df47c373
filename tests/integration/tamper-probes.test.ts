/**
 * Issue #12, item 7: an attacker with a file editor (the immutability triggers dropped first, as
 * anyone with write access to the file can) but without the office's audit key. Each probe of the
 * issue is played against a real office day, and verify must find it:
 *   (a) an audit record edited and the chain after it re-hashed with plain SHA-256;
 *   (b) the last audit records deleted;
 *   (c) a payment's journal lines multiplied (the payments row still says the original cents);
 *   (d) a payment's journal entry deleted, the balance caches fixed to match.
 * For (c) and (d) the test also shows the seven checks verify had before pass on the tampered
 * books: only the cross-checks against the journal see them.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Receipt } from '../../src-shared/contract/payments';
import { GENESIS_HASH } from '../../src-main/core/audit/log';
import { loadKeyring } from '../../src-main/core/audit/keys';
import { verifyBooks } from '../../src-main/core/ledger/verify';
import { endOfDayDocument } from '../../src-main/core/reports/payment-pdfs';
import { closeReportRenderer } from '../../src-main/core/reports/renderer';
import type { Sqlite } from '../../src-main/core/storage/database';
import { supervisorApproval, type TestOffice } from '../support/office';
import { accountsWithBalances, createTestOffice, DAY, FLOAT_200 } from './payments-support';

const NOW = '2026-11-02T18:00:00.000Z';

/** The checks verify had before issue #12: tampering that passes all of them went unnoticed. */
const ORIGINAL_CHECKS = [
  'Every journal entry balances',
  'Receivable lines name a customer account',
  'Customer balances equal their ledger lines',
  'GL balances equal their ledger lines',
  'Customer balances add up to the receivable control account',
  'Reversals mirror their originals',
  'Audit trail hash chain is intact',
];

let office: TestOffice;
let db: Sqlite;
let payments: Receipt[];
let drawerId: number;

beforeEach(async () => {
  office = await createTestOffice();
  db = office.runtime.database.sqlite;
  const [a1, a2] = accountsWithBalances(office, [10_000, 20_000]) as [number, number];
  const clerk = office.as('clerk');
  drawerId = (await clerk.must('drawer.open', { workstation: 'Counter 1', floatCounts: FLOAT_200 })).drawerId;
  const pay = (accountId: number, cents: number) =>
    clerk.must('payments.take', { paymentId: randomUUID(), accounts: [{ accountId, amountCents: cents }], tenders: [{ kind: 'cash', amountCents: cents }] });
  payments = [await pay(a1, 4_000), await pay(a2, 6_000), await pay(a1, 1_500)];
});
afterEach(() => office.cleanup());

/** Closes the drawer exactly ($200.00 float + $115.00 taken), deposits it and finalises the day. */
async function finaliseDay(): Promise<void> {
  const count = { cash: { ...FLOAT_200, bill_100: 1, bill_10: 6, bill_5: 7 }, items: [] };
  await office.as('clerk').must('drawer.close', { drawerId, count, entryId: randomUUID() });
  await office.as('supervisor').must('deposit.create', { depositId: randomUUID(), drawerIds: [drawerId] });
  await office.as('supervisor').must('endOfDay.finalise', { businessDate: DAY });
}

/** What a file editor does first: every trigger that refuses an UPDATE or DELETE goes. */
function dropImmutabilityTriggers(): void {
  const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE '%no_update' OR name LIKE '%no_delete' OR name LIKE '%immutable' OR name LIKE '%locked')").pluck().all() as string[];
  expect(triggers).toContain('audit_log_no_update');
  for (const name of triggers) db.exec(`DROP TRIGGER "${name}"`);
}

const failing = () => verifyBooks(db, NOW).checks.filter((check) => !check.ok);
const failingNames = () => failing().map((check) => check.name);
const detailOf = (name: string) => verifyBooks(db, NOW).checks.find((check) => check.name === name)?.detail ?? '';

interface AuditRow {
  seq: number;
  at: string;
  user_id: number | null;
  username: string;
  operation: string;
  idempotency_key: string | null;
  input_hash: string;
  input_json: string;
  result_json: string;
  approved_by_user_id: number | null;
}

/** The unkeyed (version 2) chain hash, written from its public description as an attacker would. */
function plainSha256(prevHash: string, row: AuditRow): string {
  const head = JSON.stringify([row.at, row.user_id, row.username, row.operation, row.idempotency_key, row.input_hash, row.approved_by_user_id]);
  return createHash('sha256').update(`${prevHash}\n${head}\n${row.input_json.length}\n`).update(row.input_json).update(row.result_json).digest('hex');
}

/** Re-hashes every record from `fromSeq` on with plain SHA-256, labelled `version`: a consistent unkeyed chain. */
function rehashFrom(fromSeq: number, version: number): void {
  let prevHash = fromSeq <= 1 ? GENESIS_HASH : (db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(fromSeq - 1) as string);
  const update = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ?, hash_version = ? WHERE seq = ?');
  for (const row of db.prepare('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq').all(fromSeq) as AuditRow[]) {
    const hash = plainSha256(prevHash, row);
    update.run(prevHash, hash, version, row.seq);
    prevHash = hash;
  }
}

function takeRecordOf(receipt: Receipt): number {
  return db.prepare("SELECT seq FROM audit_log WHERE operation = 'payments.take' AND json_extract(input_json, '$.paymentId') = ?").pluck().get(receipt.paymentId) as number;
}

describe('the books of an untouched day verify', () => {
  it('passes every check, with the chain keyed and the end of day sealed', async () => {
    await finaliseDay();
    expect(failing()).toEqual([]);
    expect(db.prepare('SELECT DISTINCT hash_version FROM audit_log').pluck().all()).toEqual([3]);
    expect(detailOf('Sealed audit heads are still in the chain')).toBe('2 seals checked');
  });

  it('passes with a void, a deposited check returned, a mail batch and a lockbox file too', async () => {
    const clerk = office.as('clerk');
    const accountId = payments[0]?.accounts[0]?.accountId as number;
    const check = await clerk.must('payments.take', {
      paymentId: randomUUID(),
      accounts: [{ accountId, amountCents: 2_000 }],
      tenders: [{ kind: 'check', amountCents: 2_000, checkNumber: '1043', bank: 'Valley Bank' }],
    });
    const mistaken = await clerk.must('payments.take', { paymentId: randomUUID(), accounts: [{ accountId, amountCents: 500 }], tenders: [{ kind: 'cash', amountCents: 500 }] });
    await clerk.must('payments.void', { paymentId: mistaken.paymentId, entryId: randomUUID(), reason: 'Keyed to the wrong account' }, { approval: supervisorApproval });
    const batch = await clerk.must('batches.open', { channel: 'mail', controlCount: 1, controlTotalCents: 1_200 });
    await clerk.must('payments.take', {
      paymentId: randomUUID(),
      channel: 'mail',
      batchId: batch.batchId,
      accounts: [{ accountId, amountCents: 1_200 }],
      tenders: [{ kind: 'money_order', amountCents: 1_200, serialNumber: 'MO-9', issuer: 'USPS' }],
    });
    await clerk.must('batches.close', { batchId: batch.batchId });
    const items = [
      { kind: 'check' as const, number: '1043', amountCents: 2_000 },
      { kind: 'money_order' as const, number: 'MO-9', amountCents: 1_200 },
    ];
    await clerk.must('drawer.close', { drawerId, count: { cash: { ...FLOAT_200, bill_100: 1, bill_10: 6, bill_5: 7 }, items }, entryId: randomUUID() });
    await office.as('supervisor').must('deposit.create', { depositId: randomUUID(), drawerIds: [drawerId] });
    await clerk.must('payments.returnCheck', { paymentId: check.paymentId, entryId: randomUUID(), feeEntryId: randomUUID(), reason: 'NSF' }, { approval: supervisorApproval });
    const lockbox = ['Account_Number,Amount,Check_Number,Deposit_Date', 'T000000,126.59,4417,2026-11-02', 'TRAILER,1,126.59', ''].join('\n');
    await office.as('technician').must('lockbox.import', { format: 'lockbox-csv', fileName: 'lbx.csv', contentBase64: Buffer.from(lockbox).toString('base64') });
    expect(db.prepare('SELECT status, COUNT(*) FROM payments GROUP BY status ORDER BY status').raw().all()).toEqual([['posted', 5], ['returned', 1], ['voided', 1]]);
    expect(failing()).toEqual([]);
  });
});

describe('the end-of-day seal', () => {
  it('is printed on the report’s PDF and shown with the finalised report', async () => {
    await finaliseDay();
    const report = await office.as('supervisor').must('endOfDay.report', { businessDate: DAY });
    const seal = report.finalised?.auditSeal;
    const head = db.prepare("SELECT seq, hash FROM audit_log WHERE operation = 'deposit.create'").get() as { seq: number; hash: string };
    expect(seal).toMatchObject({ seq: head.seq, hash: head.hash, keyId: loadKeyring(db)?.keys[0]?.keyId });
    expect(seal?.seal).toMatch(/^[0-9a-f]{64}$/);
    expect(endOfDayDocument(db, DAY).seal).toEqual(seal);
    const pdf = await office.as('supervisor').must('endOfDay.pdf', { businessDate: DAY });
    const folder = join(tmpdir(), 'billing-office-tamper-pdfs');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, pdf.fileName), Buffer.from(pdf.pdfBase64, 'base64'));
    expect(Buffer.from(pdf.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    await closeReportRenderer();
  }, 60_000);
});

describe('(a) an audit record edited and the chain re-hashed with plain SHA-256', () => {
  it('is found when the attacker writes the re-hashed records as unkeyed (version 2)', () => {
    const seq = takeRecordOf(payments[1] as Receipt);
    dropImmutabilityTriggers();
    db.prepare("UPDATE audit_log SET username = 'mallory' WHERE seq = ?").run(seq);
    rehashFrom(seq, 2);
    expect(failingNames()).toEqual(['Audit trail hash chain is intact']);
    expect(detailOf('Audit trail hash chain is intact')).toBe(`The chain breaks at audit record ${seq}: an unkeyed record follows keyed ones`);
  });

  it('is found when the whole chain is rewritten unkeyed, by where the key file says the keyed chain began', () => {
    dropImmutabilityTriggers();
    db.prepare("UPDATE audit_log SET username = 'mallory' WHERE operation = 'payments.take'").run();
    rehashFrom(1, 2);
    expect(failingNames()).toEqual(['Audit trail hash chain is intact']);
    expect(detailOf('Audit trail hash chain is intact')).toBe("The chain breaks at audit record 1: the office's key file says every record after 0 is keyed, and this one is not");
  });

  it('is found when the re-hashed records keep the keyed version number', () => {
    const seq = takeRecordOf(payments[2] as Receipt);
    dropImmutabilityTriggers();
    db.prepare('UPDATE audit_log SET result_json = replace(result_json, \'"paymentCents":1500\', \'"paymentCents":150\') WHERE seq = ?').run(seq);
    rehashFrom(seq, 3);
    expect(detailOf('Audit trail hash chain is intact')).toBe(`The chain breaks at audit record ${seq}: its keyed hash does not match its contents`);
  });
});

describe('(b) the last audit records deleted', () => {
  it('is found by the cross-check when they recorded payments', () => {
    const from = takeRecordOf(payments[1] as Receipt);
    dropImmutabilityTriggers();
    db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(from);
    expect(failingNames()).toEqual(['Money-moving audit records match the journal']);
    expect(detailOf('Money-moving audit records match the journal')).toBe(`Without their counterpart: receipt ${payments[1]?.receiptNumber}, receipt ${payments[2]?.receiptNumber}`);
  });

  it('is found by the end-of-day seal and the key file’s seal, even with the day’s report deleted too', async () => {
    await finaliseDay();
    const sealed = db.prepare("SELECT json_extract(report_json, '$.auditSeal.seq') FROM end_of_day_reports").pluck().get() as number;
    dropImmutabilityTriggers();
    // The tail from the drawer close on: no payment record goes, so only the seals can tell.
    const closeSeq = db.prepare("SELECT seq FROM audit_log WHERE operation = 'drawer.close'").pluck().get() as number;
    db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(closeSeq);
    expect(failingNames()).toEqual(['Sealed audit heads are still in the chain']);
    expect(detailOf('Sealed audit heads are still in the chain')).toContain(`the end-of-day report of ${DAY} sealed audit record ${sealed}, but that record is no longer in the trail (records were deleted)`);
    db.prepare('DELETE FROM end_of_day_reports').run();
    expect(failingNames()).toEqual(['Sealed audit heads are still in the chain']);
    expect(detailOf('Sealed audit heads are still in the chain')).toMatch(/^the seal kept in the office's key file \(end of day 2026-11-02, .*\) sealed audit record \d+, but that record is no longer in the trail/);
  });

  it('is found when the seal stored with an end-of-day report is removed from it', async () => {
    await finaliseDay();
    dropImmutabilityTriggers();
    db.prepare("UPDATE end_of_day_reports SET report_json = json_remove(report_json, '$.auditSeal')").run();
    expect(detailOf('Sealed audit heads are still in the chain')).toBe(`the end-of-day reports of ${DAY} were finalised with a seal that is no longer there.`);
  });
});

describe('(c) a payment’s journal lines multiplied', () => {
  it('passes the original checks but not the payments cross-checks', () => {
    const target = payments[0] as Receipt;
    dropImmutabilityTriggers();
    // Every line of the entry ×10 (it still balances); the caches follow so nothing else disagrees.
    const lines = db.prepare('SELECT gl_code AS glCode, account_id AS accountId, amount_cents AS cents FROM journal_lines WHERE entry_id = ?').all(target.paymentId) as { glCode: string; accountId: number | null; cents: number }[];
    db.prepare('UPDATE journal_lines SET amount_cents = amount_cents * 10 WHERE entry_id = ?').run(target.paymentId);
    for (const line of lines) {
      db.prepare('UPDATE gl_balances SET balance_cents = balance_cents + ? WHERE gl_code = ?').run(line.cents * 9, line.glCode);
      if (line.accountId !== null) db.prepare('UPDATE account_balances SET balance_cents = balance_cents + ? WHERE account_id = ?').run(line.cents * 9, line.accountId);
    }
    expect(db.prepare('SELECT payment_cents FROM payments WHERE payment_uid = ?').pluck().get(target.paymentId)).toBe(4_000);
    expect(failingNames().filter((name) => ORIGINAL_CHECKS.includes(name))).toEqual([]);
    expect(failingNames()).toEqual(['Payments match their journal entries', 'Receipts match their payments']);
    expect(detailOf('Payments match their journal entries')).toBe(`Payments or entries that disagree: receipt ${target.receiptNumber}`);
  });
});

describe('(d) a payment’s journal entry deleted, the balance caches fixed', () => {
  it('passes the original checks but not the payments and audit cross-checks', () => {
    const target = payments[1] as Receipt;
    dropImmutabilityTriggers();
    const lines = db.prepare('SELECT gl_code AS glCode, account_id AS accountId, amount_cents AS cents FROM journal_lines WHERE entry_id = ?').all(target.paymentId) as { glCode: string; accountId: number | null; cents: number }[];
    db.pragma('foreign_keys = OFF');
    db.prepare('DELETE FROM journal_lines WHERE entry_id = ?').run(target.paymentId);
    db.prepare('DELETE FROM journal_entries WHERE id = ?').run(target.paymentId);
    for (const line of lines) {
      db.prepare('UPDATE gl_balances SET balance_cents = balance_cents - ? WHERE gl_code = ?').run(line.cents, line.glCode);
      if (line.accountId !== null) db.prepare('UPDATE account_balances SET balance_cents = balance_cents - ? WHERE account_id = ?').run(line.cents, line.accountId);
    }
    expect(failingNames().filter((name) => ORIGINAL_CHECKS.includes(name))).toEqual([]);
    expect(failingNames()).toEqual(['Payments match their journal entries', 'Receipts match their payments']);
    expect(detailOf('Payments match their journal entries')).toBe(`Payments or entries that disagree: receipt ${target.receiptNumber}`);
    // Deleting the payment row too (and its receipt lines) leaves its audit record without it.
    const paymentRowId = db.prepare('SELECT id FROM payments WHERE payment_uid = ?').pluck().get(target.paymentId) as number;
    for (const table of ['payment_tenders', 'payment_accounts']) db.prepare(`DELETE FROM ${table} WHERE payment_id = ?`).run(paymentRowId);
    db.prepare('DELETE FROM payments WHERE id = ?').run(paymentRowId);
    expect(failingNames()).toEqual(['Money-moving audit records match the journal']);
    expect(detailOf('Money-moving audit records match the journal')).toBe(`Without their counterpart: audit record ${takeRecordOf(target)}`);
  });
});

describe('the key stays outside the database', () => {
  it('keeps the key in a file of its own (mode 0600) that the database never contains', async () => {
    const keyring = loadKeyring(db);
    expect(keyring?.keys).toHaveLength(1);
    const { readFileSync, statSync } = await import('node:fs');
    expect(statSync(keyring?.location as string).mode & 0o777).toBe(0o600);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const file = readFileSync(office.databasePath);
    const key = keyring?.keys[0]?.key as Buffer;
    expect(file.indexOf(key)).toBe(-1);
    expect(file.indexOf(Buffer.from(key.toString('base64')))).toBe(-1);
    expect(file.indexOf(Buffer.from(key.toString('hex')))).toBe(-1);
  });
});
