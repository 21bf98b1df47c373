/**
 * Issue #14: the routine verify goes on from the sealed checkpoint of the last one that passed
 * (core/ledger/verify-checkpoint.ts), so its cost is flat in the history's length. It must:
 *   - give the same verdict, check by check, as a full verify on untouched books;
 *   - catch tampering with what came after the checkpoint (payments, voids, audit records);
 *   - leave tampering with older rows to the full verify — and the full verify catches it;
 *   - refuse a checkpoint whose seal does not match (edited, or sealed with another key);
 *   - run a full pass by itself when the last full one is `fullVerifyEveryDays` old.
 * The tampering is a file editor's: the immutability triggers dropped, no audit key.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../src-shared/contract/system';
import type { Receipt } from '../../src-shared/contract/payments';
import type { Clock } from '../../src-main/core/clock';
import { canonicalJson } from '../../src-main/core/hashing';
import { verifyBooks } from '../../src-main/core/ledger/verify';
import type { Sqlite } from '../../src-main/core/storage/database';
import { setSetting } from '../../src-main/core/storage/settings';
import { supervisorApproval, type TestOffice } from '../support/office';
import { accountsWithBalances, createTestOffice, FLOAT_200 } from './payments-support';

/** A clock the test moves (the periodic full verify is decided by the office's clock). */
let nowIso = '2026-11-02T17:00:00.000Z';
const clock: Clock = { nowIso: () => nowIso, today: () => nowIso.slice(0, 10) };

let office: TestOffice;
let db: Sqlite;
let accounts: number[];

beforeEach(async () => {
  nowIso = '2026-11-02T17:00:00.000Z';
  office = await createTestOffice({ clock });
  db = office.runtime.database.sqlite;
  accounts = accountsWithBalances(office, [10_000, 20_000, 30_000]);
  await office.as('clerk').must('drawer.open', { workstation: 'Counter 1', floatCounts: FLOAT_200 });
  await pay(accounts[0]!, 4_000);
  await pay(accounts[1]!, 6_000);
});
afterEach(() => office.cleanup());

const pay = (accountId: number, cents: number): Promise<Receipt> =>
  office.as('clerk').must('payments.take', { paymentId: randomUUID(), accounts: [{ accountId, amountCents: cents }], tenders: [{ kind: 'cash', amountCents: cents }] });

const verify = (input: { full?: boolean } = {}): Promise<VerifyReport> => office.as('clerk').must('system.verify', input);
const failed = (report: VerifyReport) => report.checks.filter((check) => !check.ok).map((check) => check.name);
const verdicts = (report: VerifyReport) => report.checks.map((check) => [check.name, check.ok]);

function dropImmutabilityTriggers(): void {
  const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE '%no_update' OR name LIKE '%no_delete' OR name LIKE '%immutable' OR name LIKE '%locked')").pluck().all() as string[];
  expect(triggers).toContain('journal_lines_no_update');
  for (const name of triggers) db.exec(`DROP TRIGGER "${name}"`);
}

/** Doubles both lines of a payment's entry: the entry still balances, the payment row still says the original cents. */
function doublePaymentLines(receipt: Receipt): void {
  const changed = db.prepare('UPDATE journal_lines SET amount_cents = amount_cents * 2 WHERE entry_id = ?').run(receipt.paymentId).changes;
  expect(changed).toBe(2);
}

const storedCheckpoint = () => JSON.parse(db.prepare("SELECT value_json FROM settings WHERE key = 'verifyCheckpoint'").pluck().get() as string) as Record<string, unknown> & { audit: { seq: number } };
const storeRaw = (value: unknown) => db.prepare("UPDATE settings SET value_json = ? WHERE key = 'verifyCheckpoint'").run(JSON.stringify(value));

describe('incremental verify', () => {
  it('is full the first time, incremental from then on, and on untouched books gives the full verify’s verdict check by check', async () => {
    const first = await verify();
    expect(first.scope).toMatchObject({ kind: 'full', reason: 'no verify has passed on this database yet', lastFullAt: nowIso });
    expect(failed(first)).toEqual([]);

    nowIso = '2026-11-02T17:30:00.000Z';
    await pay(accounts[2]!, 2_500);
    const routine = await verify();
    expect(routine.scope).toMatchObject({ kind: 'incremental', checkpointAt: '2026-11-02T17:00:00.000Z', lastFullAt: '2026-11-02T17:00:00.000Z' });
    expect(routine.ok).toBe(true);
    expect(verdicts(routine)).toEqual(verdicts(await verify({ full: true })));
    // One payment since the checkpoint: its one entry is all the journal check read.
    expect(routine.checks.find((check) => check.name === 'Every journal entry balances')?.detail).toBe('1 entries since the last verify, each sums to zero');
    expect(verdicts(routine)).toEqual(verdicts(verifyBooks(db, nowIso)));
  });

  it('advances its checkpoint: a verify after one that passed reads only what came after it', async () => {
    await verify();
    await pay(accounts[2]!, 2_500);
    await verify();
    const seqAfterSecond = storedCheckpoint().audit.seq;
    expect(seqAfterSecond).toBe(db.prepare('SELECT MAX(seq) FROM audit_log').pluck().get());
    const third = await verify();
    expect(third.scope.kind).toBe('incremental');
    expect(third.scope.fromAuditSeq).toBe(seqAfterSecond);
    expect(third.checks.find((check) => check.name === 'Every journal entry balances')?.detail).toBe('0 entries since the last verify, each sums to zero');
  });

  it('catches a payment tampered with after the checkpoint, a void made after it, and an audit record edited after it', async () => {
    await verify();
    const late = await pay(accounts[2]!, 2_500);
    const early = (db.prepare('SELECT payment_uid FROM payments ORDER BY id LIMIT 1').pluck().get() as string);
    await office.as('clerk').must('payments.void', { paymentId: early, entryId: randomUUID(), reason: 'Keyed to the wrong account' }, { approval: supervisorApproval });
    expect((await verify()).ok).toBe(true);
    // Tamper only with what came after the last checkpoint (made just now): a new payment.
    const latest = await pay(accounts[0]!, 1_000);
    const voidLater = await pay(accounts[1]!, 700);
    await office.as('clerk').must('payments.void', { paymentId: voidLater.paymentId, entryId: randomUUID(), reason: 'Twice' }, { approval: supervisorApproval });
    dropImmutabilityTriggers();
    doublePaymentLines(latest);
    db.prepare("DELETE FROM audit_log WHERE operation = 'payments.void' AND json_extract(input_json, '$.paymentId') = ?").run(voidLater.paymentId);
    const report = await verify();
    expect(report.scope.kind).toBe('incremental');
    expect(failed(report)).toEqual([
      'Customer balances equal their ledger lines',
      'GL balances equal their ledger lines',
      'Customer balances add up to the receivable control account',
      'Payments match their journal entries',
      'Receipts match their payments',
      'Money-moving audit records match the journal',
    ]);
    expect(report.checks.find((check) => check.name === 'Payments match their journal entries')?.detail).toContain(latest.receiptNumber);
    expect(report.checks.find((check) => check.name === 'Money-moving audit records match the journal')?.detail).toContain(voidLater.receiptNumber);
    expect(late.receiptNumber).not.toBe(latest.receiptNumber);
  });

  it('catches an edited audit record after the checkpoint, and a change to the record it ended at', async () => {
    await verify();
    await pay(accounts[2]!, 2_500);
    const anchor = storedCheckpoint().audit.seq;
    dropImmutabilityTriggers();
    const newest = db.prepare('SELECT MAX(seq) FROM audit_log').pluck().get() as number;
    expect(newest).toBeGreaterThan(anchor);
    db.prepare("UPDATE audit_log SET username = 'someone else' WHERE seq = ?").run(newest);
    const edited = await verify();
    expect(edited.scope.kind).toBe('incremental');
    expect(failed(edited)).toEqual(['Audit trail hash chain is intact']);
    expect(edited.checks.find((check) => !check.ok)?.detail).toContain(`audit record ${newest}`);

    db.prepare("UPDATE audit_log SET username = 'carla' WHERE seq = ?").run(newest);
    expect((await verify()).ok).toBe(true);
    const newAnchor = storedCheckpoint().audit.seq;
    db.prepare("UPDATE audit_log SET username = 'someone else' WHERE seq = ?").run(newAnchor);
    const anchorEdited = await verify();
    expect(anchorEdited.scope.kind).toBe('incremental');
    expect(failed(anchorEdited)).toEqual(['Audit trail hash chain is intact']);
    expect(anchorEdited.checks.find((check) => !check.ok)?.detail).toBe(`The chain breaks at audit record ${newAnchor}: its keyed hash does not match its contents`);
    db.prepare("UPDATE audit_log SET username = 'carla', hash = 'f00d' WHERE seq = ?").run(newAnchor);
    expect((await verify()).checks.find((check) => !check.ok)?.detail).toBe(
      `The chain breaks at audit record ${newAnchor}: the last verify checked the chain up to this record, and it has changed since`,
    );
  });

  it('does not see tampering with rows older than its checkpoint; the full verify does', async () => {
    const [first] = db.prepare('SELECT payment_uid AS paymentId FROM payments ORDER BY id LIMIT 1').all() as Receipt[];
    await verify();
    await pay(accounts[2]!, 2_500);
    dropImmutabilityTriggers();
    doublePaymentLines(first!);
    const oldAudit = db.prepare("SELECT MIN(seq) FROM audit_log WHERE operation = 'payments.take'").pluck().get() as number;
    db.prepare("UPDATE audit_log SET username = 'someone else' WHERE seq = ?").run(oldAudit);

    const routine = await verify();
    expect(routine.scope.kind).toBe('incremental');
    expect(routine.ok).toBe(true);
    const full = await verify({ full: true });
    expect(full.scope).toMatchObject({ kind: 'full', reason: 'a full verify was asked for' });
    expect(failed(full)).toEqual([
      'Customer balances equal their ledger lines',
      'GL balances equal their ledger lines',
      'Customer balances add up to the receivable control account',
      'Audit trail hash chain is intact',
      'Payments match their journal entries',
      'Receipts match their payments',
    ]);
    // A verify that fails leaves no checkpoint: the stored one is still the last that passed.
    expect((await verify()).scope.kind).toBe('incremental');
  });

  it('catches cached balances edited after the checkpoint to hide a change, through the sealed totals', async () => {
    await verify();
    dropImmutabilityTriggers();
    db.prepare('UPDATE account_balances SET balance_cents = balance_cents + 100 WHERE account_id = ?').run(accounts[0]);
    db.prepare('UPDATE account_balances SET balance_cents = balance_cents - 100 WHERE account_id = ?').run(accounts[1]);
    const report = await verify();
    expect(report.scope.kind).toBe('incremental');
    expect(failed(report)).toEqual(['Customer balances equal their ledger lines']);
    expect(failed(await verify({ full: true }))).toEqual(['Customer balances equal their ledger lines']);
  });

  it('refuses a checkpoint edited to skip what came after it, runs in full and finds the tampering', async () => {
    await verify();
    const late = await pay(accounts[2]!, 2_500);
    dropImmutabilityTriggers();
    doublePaymentLines(late);
    const checkpoint = storedCheckpoint();
    const top = (sql: string) => db.prepare(sql).pluck().get() as number;
    storeRaw({ ...checkpoint, audit: { seq: top('SELECT MAX(seq) FROM audit_log'), hash: db.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get() }, journalLineId: top('SELECT MAX(id) FROM journal_lines'), paymentId: top('SELECT MAX(id) FROM payments') });
    const report = await verify();
    expect(report.scope.kind).toBe('full');
    expect(report.ok).toBe(false);
    expect(failed(report)).toEqual([
      'Customer balances equal their ledger lines',
      'GL balances equal their ledger lines',
      'Customer balances add up to the receivable control account',
      'Payments match their journal entries',
      'Receipts match their payments',
      'The last verify’s checkpoint is genuine',
    ]);
    expect(report.checks.at(-1)?.detail).toContain('does not match its seal');
  });

  it('refuses a checkpoint sealed with a key that is not the office’s', async () => {
    await verify();
    const { mac: _mac, keyId, ...body } = storedCheckpoint();
    const forged = createHmac('sha256', randomBytes(32)).update(`billing-office verify checkpoint 1\n${canonicalJson(body)}`).digest('hex');
    storeRaw({ ...body, keyId, mac: forged });
    const report = await verify();
    expect(report.scope.kind).toBe('full');
    expect(failed(report)).toEqual(['The last verify’s checkpoint is genuine']);
    // The books themselves passed, so that verify left a genuine checkpoint: the next goes on from it.
    expect((await verify()).scope.kind).toBe('incremental');
  });

  it('checks the seal of an end of day finalised after the checkpoint', async () => {
    await verify();
    const drawerId = db.prepare("SELECT id FROM drawer_sessions WHERE status = 'open'").pluck().get() as number;
    // $200.00 float + $100.00 taken in cash.
    await office.as('clerk').must('drawer.close', { drawerId, count: { cash: { ...FLOAT_200, bill_100: 1 }, items: [] }, entryId: randomUUID() });
    await office.as('supervisor').must('deposit.create', { depositId: randomUUID(), drawerIds: [drawerId] });
    await office.as('supervisor').must('endOfDay.finalise', { businessDate: '2026-11-02' });
    const passed = await verify();
    expect(passed.scope.kind).toBe('incremental');
    expect(failed(passed)).toEqual([]);
    dropImmutabilityTriggers();
    db.prepare("UPDATE end_of_day_reports SET report_json = json_remove(report_json, '$.auditSeal')").run();
    const stripped = await verify();
    expect(stripped.scope.kind).toBe('incremental');
    expect(failed(stripped)).toEqual(['Sealed audit heads are still in the chain']);
    expect(stripped.checks.find((check) => !check.ok)?.detail).toContain('the end-of-day reports of 2026-11-02 were finalised with a seal that is no longer there');
  });

  it('runs a full pass by itself when the last full one is fullVerifyEveryDays old, and not before', async () => {
    setSetting(db, 'fullVerifyEveryDays', 3);
    await verify();
    nowIso = '2026-11-05T16:59:59.000Z';
    expect((await verify()).scope).toMatchObject({ kind: 'incremental', lastFullAt: '2026-11-02T17:00:00.000Z' });
    nowIso = '2026-11-05T17:00:00.000Z';
    const due = await verify();
    expect(due.scope).toMatchObject({ kind: 'full', reason: 'the last full verify was on 2026-11-02, 3 or more days ago', lastFullAt: '2026-11-05T17:00:00.000Z' });
    nowIso = '2026-11-06T09:00:00.000Z';
    expect((await verify()).scope).toMatchObject({ kind: 'incremental', lastFullAt: '2026-11-05T17:00:00.000Z' });
  });
});
