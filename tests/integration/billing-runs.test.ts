/**
 * Bill runs through the operations on a five-meter cycle (reads-support.ts: 10 HCF a month, 5/8"
 * meters, residential water) under the demo rate document (2026-07-01 schedule: $38.55 service
 * charge; $5.145 to 10 HCF, $10.0275 to 30). Period 2026-10-09 → 2026-11-09.
 *   11 HCF: $38.55 + (10 × 5.145 + 1 × 10.0275 = 61.4775 → $61.48) = $100.03
 *   12 HCF: $38.55 + $51.45 + (2 × 10.0275 = 20.055 → $20.06) = $110.06
 *    9 HCF: $38.55 + $46.305 → $46.31 = $84.86
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src-main/core/clock';
import { verifyBooks } from '../../src-main/core/ledger/verify';
import { currentRates } from '../../src-main/core/billing/rate-store';
import { storeBill } from '../../src-main/core/billing/runs';
import { computeBill } from '../../src-main/core/rates';
import { createTestOffice, supervisorApproval, type TestOffice } from '../support/office';
import { PERIOD, count, createCycle, importRows, row, type CycleFixture } from './reads-support';

const RATES = readFileSync(resolve(__dirname, '../../src-main/core/rates/samples/valle-verde.json'), 'utf8');
const RUN = { cycle: 1, period: PERIOD, billDate: '2026-11-12', dueDate: '2026-12-02' };

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

/** Reads for M-1 (11 HCF), M-3 (12), M-4 (9); M-2 high (22 HCF → an open exception); M-5 unread. */
async function cycleWithReads(): Promise<{ office: TestOffice; fixture: CycleFixture }> {
  // The office works on the bill date, after the reads were imported (reads-support stamps 2026-11-10).
  office = await createTestOffice({ clock: fixedClock('2026-11-12T17:00:00.000Z') });
  const fixture = await createCycle(office);
  await office.as('supervisor').must('rates.import', { documentJson: RATES, note: 'FY 2026-27' });
  importRows(office, [row(2, 'M-1', '141'), row(3, 'M-2', '152'), row(4, 'M-3', '142'), row(5, 'M-4', '139')]);
  return { office, fixture };
}

const totalsByAccount = async (o: TestOffice, runId: number) =>
  Object.fromEntries((await o.as('clerk').must('billing.bills', { runId })).rows.map((bill) => [bill.accountNumber, bill.totalCents]));

describe('bill runs', () => {
  it('drafts every account of the cycle: billed with hand-computed totals, or blocked with the reason', async () => {
    const { office: o, fixture } = await cycleWithReads();
    const review = await o.as('technician').must('billing.createRun', RUN);
    expect(review.run).toMatchObject({ status: 'draft', billCount: 3, totalCents: 10_003 + 11_006 + 8_486, blockedCount: 2, heldCount: 0 });
    expect(await totalsByAccount(o, review.run.runId)).toEqual({
      [fixture.accountNumbers['M-1']!]: 10_003,
      [fixture.accountNumbers['M-3']!]: 11_006,
      [fixture.accountNumbers['M-4']!]: 8_486,
    });
    expect(review.accounting).toMatchObject({ total: 5, billed: 3, held: 0, blocked: 2, unaccounted: 0 });
    const reasons = Object.fromEntries(review.accounting.notBilled.map((item) => [item.accountNumber, item.reason]));
    expect(reasons[fixture.accountNumbers['M-5']!]).toBe('No read for 2026-11 (unread meter)');
    expect(reasons[fixture.accountNumbers['M-2']!]).toMatch(/^Open read exception: /);
    expect(review.register).toEqual([{ service: 'water', rateClass: 'residential', bills: 3, amountCents: 29_495 }]);
    expect(review.postBlockers).toEqual(['A supervisor has not approved the run', '2 accounts are blocked: resolve the reads, or hold the accounts, then recompute']);
    // A draft has no ledger effect.
    expect(count(o, 'SELECT count(*) FROM journal_entries')).toBe(0);
  });

  it('explains every line of a bill', async () => {
    const { office: o, fixture } = await cycleWithReads();
    const review = await o.as('technician').must('billing.createRun', RUN);
    const billId = (await o.as('clerk').must('billing.bills', { runId: review.run.runId, query: fixture.accountNumbers['M-1']! })).rows[0]!.billId;
    const bill = await o.as('clerk').must('billing.bill', { billId });
    expect(bill).toMatchObject({ kind: 'regular', status: 'draft', priorReading: '130', priorReadDate: '2026-10-09', reading: '141', readDate: '2026-11-09', meterSerial: 'M-1' });
    expect(bill.computed.lines.map((line) => [line.kind, line.amountCents, line.glCode])).toEqual([
      ['service_charge', 3_855, '4000'],
      ['usage', 6_148, '4000'],
    ]);
    expect(bill.computed.lines[1]!.explanation.sentence).toContain('10 × $5.145');
    expect(bill.computed.lines[1]!.explanation.exactAmount).toBe('61.4775');
  });

  it('names each stored line’s rate schedule and marks the estimated read’s use line, as billing.bill (and --explain --json) shows them', async () => {
    const { office: o, fixture } = await cycleWithReads();
    const tech = o.as('technician');
    const exceptionId = (await tech.must('reads.exceptions', { cycle: 1, period: PERIOD })).rows.find((item) => item.meterSerial === 'M-2')!.exceptionId;
    await tech.must('reads.resolve', { exceptionId, action: { kind: 'estimate', method: 'average', reason: 'Register faulted' } });
    const review = await tech.must('billing.createRun', RUN);
    const linesOf = async (serial: string) => {
      const billId = (await o.as('clerk').must('billing.bills', { runId: review.run.runId, query: fixture.accountNumbers[serial]! })).rows[0]!.billId;
      return (await o.as('clerk').must('billing.bill', { billId })).computed.lines.map((line) => [line.kind, line.scheduleEffectiveFrom, line.estimated]);
    };
    expect(await linesOf('M-1')).toEqual([['service_charge', '2026-07-01', false], ['usage', '2026-07-01', false]]);
    expect(await linesOf('M-2')).toEqual([['service_charge', '2026-07-01', false], ['usage', '2026-07-01', true]]);

    // A bill across the 2026-07-01 rate change, stored and read back: each half names its schedule.
    const db = o.runtime.database.sqlite;
    const { book, rateBookId } = currentRates(db);
    const computed = computeBill({ rates: book, period: { fromDate: '2026-06-09', toDate: '2026-07-09' }, usageHcf: '13', estimated: true, services: [{ serviceId: 1, service: 'water', rateClass: 'residential', meterSize: '5/8' }] });
    const billId = db.transaction(() =>
      storeBill(db, { runId: null, period: '2026-07', rateBookId }, fixture.accountIds['M-1']!, 0, { kind: 'regular', readId: null, priorReadId: null, computed, messageCodes: [] }, '2026-07-10T17:00:00.000Z'),
    )();
    const stored = await o.as('clerk').must('billing.bill', { billId });
    expect(stored.computed.lines.map((line) => [line.kind, line.scheduleEffectiveFrom, line.estimated])).toEqual([
      ['service_charge', '2026-01-01', false],
      ['service_charge', '2026-07-01', false],
      ['usage', '2026-01-01', true],
      ['usage', '2026-07-01', true],
    ]);
    // Bills stored before the explanation carried them: the schedule in force on the line's first
    // day, and the bill's estimate on its use lines.
    // (Explanations are immutable: the test lifts the trigger to make one as an older app stored it.)
    const guards = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'bill_line_explanations'").all() as { name: string; sql: string }[];
    for (const guard of guards) db.exec(`DROP TRIGGER ${guard.name}`);
    db.prepare("UPDATE bill_line_explanations SET explanation_json = json_remove(explanation_json, '$.scheduleEffectiveFrom', '$.estimated')").run();
    for (const guard of guards) db.exec(guard.sql);
    const older = await o.as('clerk').must('billing.bill', { billId });
    expect(older.computed.lines.map((line) => [line.kind, line.scheduleEffectiveFrom, line.estimated])).toEqual(stored.computed.lines.map((line) => [line.kind, line.scheduleEffectiveFrom, line.estimated]));
  });

  it('cannot be approved with a blocked account; once each is resolved or held, a supervisor approves and it posts one entry per bill', async () => {
    const { office: o, fixture } = await cycleWithReads();
    const tech = o.as('technician');
    const { run } = await tech.must('billing.createRun', RUN);
    const refused = await o.as('supervisor').call('billing.approve', { runId: run.runId });
    expect(refused.ok || refused.error.code).toBe('CONFLICT');

    const exceptionId = (await tech.must('reads.exceptions', { cycle: 1, period: PERIOD })).rows.find((item) => item.meterSerial === 'M-2')!.exceptionId;
    await tech.must('reads.resolve', { exceptionId, action: { kind: 'accept', reason: 'filled the pool' } });
    await tech.must('billing.setHold', { accountId: fixture.accountIds['M-5']!, reason: 'Gate locked; read next cycle' });
    const drifted = await o.as('supervisor').call('billing.approve', { runId: run.runId });
    expect(drifted.ok).toBe(false);
    if (!drifted.ok) expect(drifted.error.message).toContain('cannot be approved');

    const recomputed = await tech.must('billing.recompute', { runId: run.runId });
    // 22 HCF: $38.55 + 51.45 + 12 × 10.0275 (120.33) = $210.33
    expect(recomputed.run).toMatchObject({ billCount: 4, heldCount: 1, blockedCount: 0, totalCents: 29_495 + 21_033 });
    expect((await o.as('clerk').must('accounts.get', { accountId: fixture.accountIds['M-5']! })).billHoldReason).toBe('Gate locked; read next cycle');
    expect(recomputed.accounting.notBilled).toEqual([
      expect.objectContaining({ accountNumber: fixture.accountNumbers['M-5'], disposition: 'held', reason: 'Account on bill hold: Gate locked; read next cycle' }),
    ]);
    const clerkTry = await o.as('clerk').call('billing.approve', { runId: run.runId });
    expect(clerkTry.ok || clerkTry.error.code).toBe('FORBIDDEN');
    const approved = await o.as('supervisor').must('billing.approve', { runId: run.runId, note: 'Register checked against October' });
    expect(approved.run).toMatchObject({ status: 'approved', approvedBy: 'Sofia Supervisor' });

    const key = '9d4d6a38-4a3c-4bb0-9a2e-3f1f1a0e0b01';
    const posted = await tech.must('billing.post', { runId: run.runId }, { idempotencyKey: key });
    expect(posted.run).toMatchObject({ status: 'posted', postedBy: 'Tomas Technician' });
    expect(count(o, "SELECT count(*) FROM journal_entries WHERE kind = 'bill'")).toBe(4);
    expect(count(o, "SELECT sum(amount_cents) FROM journal_lines WHERE gl_code = '1100'")).toBe(50_528);
    expect(count(o, "SELECT sum(amount_cents) FROM journal_lines WHERE gl_code = '4000'")).toBe(-50_528);
    const again = await tech.must('billing.post', { runId: run.runId }, { idempotencyKey: key });
    expect(again.run.status).toBe('posted');
    expect(count(o, 'SELECT count(*) FROM journal_entries')).toBe(4);
    const otherKey = await tech.call('billing.post', { runId: run.runId });
    expect(otherKey.ok || otherKey.error.code).toBe('CONFLICT');
    const balance = (await o.as('clerk').must('accounts.get', { accountId: fixture.accountIds['M-1']! })).balanceCents;
    expect(balance).toBe(10_003);
    expect(verifyBooks(o.runtime.database.sqlite, '2026-11-12T18:00:00.000Z').checks.filter((check) => !check.ok)).toEqual([]);
  });

  it('one live run per cycle and period; a draft can be cancelled and the period run again', async () => {
    const { office: o } = await cycleWithReads();
    const tech = o.as('technician');
    const { run } = await tech.must('billing.createRun', RUN);
    const twice = await tech.call('billing.createRun', RUN);
    expect(twice.ok || twice.error.message).toMatch(/already has a draft run for 2026-11/);
    await tech.must('billing.cancelRun', { runId: run.runId, reason: 'wrong bill date' });
    const again = await tech.must('billing.createRun', { ...RUN, billDate: '2026-11-13' });
    expect(again.run.runId).not.toBe(run.runId);
    const badDue = await tech.call('billing.createRun', { cycle: 2, period: PERIOD, billDate: '2026-11-13', dueDate: '2026-11-13' });
    expect(badDue.ok || badDue.error).toMatchObject({ code: 'INVALID_INPUT', field: 'dueDate' });
  });

  it('cancels a posted bill by reversal with a supervisor\'s approval and rebills it from the corrected read', async () => {
    const { office: o, fixture } = await cycleWithReads();
    const tech = o.as('technician');
    const db = o.runtime.database.sqlite;
    const exceptionId = (await tech.must('reads.exceptions', { cycle: 1, period: PERIOD })).rows.find((item) => item.meterSerial === 'M-2')!.exceptionId;
    await tech.must('reads.resolve', { exceptionId, action: { kind: 'accept', reason: 'filled the pool' } });
    await tech.must('billing.setHold', { accountId: fixture.accountIds['M-5']!, reason: 'Gate locked' });
    const { run } = await tech.must('billing.createRun', RUN);
    await o.as('supervisor').must('billing.approve', { runId: run.runId });
    await tech.must('billing.post', { runId: run.runId });
    const billId = (await o.as('clerk').must('billing.bills', { runId: run.runId, query: fixture.accountNumbers['M-2']! })).rows[0]!.billId;

    // The customer shows the meter read 142, not 152: the read is corrected, the bill cancelled and rebilled.
    db.prepare("UPDATE meter_reads SET reading = 142, reading_text = '142', usage_hcf = '12' WHERE meter_id = ? AND period = '2026-11'").run(fixture.meterIds['M-2']);
    const unapproved = await tech.call('billing.cancelBill', { billId, reason: 'misread: meter shows 142' });
    expect(unapproved.ok || unapproved.error.code).toBe('APPROVAL_REQUIRED');
    const rebill = await tech.must('billing.cancelBill', { billId, reason: 'misread: meter shows 142' }, { approval: supervisorApproval });
    // 12 HCF: $38.55 + 51.45 + 2 × 10.0275 (20.055 → $20.06) = $110.06
    expect(rebill).toMatchObject({ status: 'posted', replacesBillId: billId, previousBalanceCents: 0, amountDueCents: 11_006 });
    expect(rebill.computed).toMatchObject({ totalCents: 11_006, usageHcf: '12' });
    // A rebill is dated the day it posted and keeps the run's due date (still ahead).
    expect(rebill).toMatchObject({ runId: null, billDate: '2026-11-12', dueDate: '2026-12-02' });
    const cancelled = await o.as('clerk').must('billing.bill', { billId });
    expect(cancelled).toMatchObject({ status: 'cancelled', replacedByBillId: rebill.billId, cancelled: { by: 'Tomas Technician', reason: 'misread: meter shows 142' } });
    expect((await o.as('clerk').must('accounts.get', { accountId: fixture.accountIds['M-2']! })).balanceCents).toBe(11_006);
    expect(verifyBooks(db, '2026-11-12T18:00:00.000Z').checks.filter((check) => !check.ok)).toEqual([]);
    // A posted bill is immutable in the database itself.
    expect(() => db.prepare('UPDATE bills SET total_cents = 1 WHERE id = ?').run(rebill.billId)).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM bill_lines WHERE bill_id = ?').run(rebill.billId)).toThrow(/draft/);
  });

  it('refuses a malformed rate document naming the JSON path, and saves nothing', async () => {
    office = await createTestOffice();
    const bad = JSON.parse(RATES);
    bad.schedules[0].water.classes.residential.tiers[1].ratePerHcf = 9.55;
    const refused = await office.as('supervisor').call('rates.import', { documentJson: JSON.stringify(bad) });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('schedules[0].water.classes.residential.tiers[1].ratePerHcf');
    expect(count(office, 'SELECT count(*) FROM rate_books')).toBe(0);
    const technician = await office.as('technician').call('rates.import', { documentJson: RATES });
    expect(technician.ok || technician.error.code).toBe('FORBIDDEN');
  });
});

describe('a bill\'s journal entry', () => {
  it('is not reversed on its own through the ledger (the bill would still show as posted)', async () => {
    const { office: o, fixture } = await cycleWithReads();
    const tech = o.as('technician');
    const exceptionId = (await tech.must('reads.exceptions', { cycle: 1, period: PERIOD })).rows.find((item) => item.meterSerial === 'M-2')!.exceptionId;
    await tech.must('reads.resolve', { exceptionId, action: { kind: 'accept', reason: 'pool' } });
    await tech.must('billing.setHold', { accountId: fixture.accountIds['M-5']!, reason: 'Gate locked' });
    const { run } = await tech.must('billing.createRun', RUN);
    await o.as('supervisor').must('billing.approve', { runId: run.runId });
    await tech.must('billing.post', { runId: run.runId });
    const entryId = count(o, "SELECT id FROM journal_entries WHERE kind = 'bill' LIMIT 1") as unknown as string;
    const refused = await o.as('supervisor').call(
      'ledger.reverse',
      { entryId: '0b9a2c1e-6a43-4f0e-8d6f-2f3a4b5c6d7e', originalEntryId: entryId, reason: 'try' },
      { approval: supervisorApproval },
    );
    expect(refused.ok || refused.error).toMatchObject({ code: 'CONFLICT', field: 'originalEntryId' });
  });
});

describe('winter-average wastewater', () => {
  it('bills a commercial account\'s wastewater on its December–March average', async () => {
    const { office: o, fixture } = await cycleWithReads();
    const db = o.runtime.database.sqlite;
    const accountId = fixture.accountIds['M-1']!;
    db.prepare("UPDATE account_services SET rate_class = 'commercial' WHERE account_id = ?").run(accountId);
    db.prepare("INSERT INTO account_services (account_id, service, rate_class, dwelling_units, started_on) VALUES (?, 'wastewater', 'commercial', 1, '2025-09-01')").run(accountId);
    const { run } = await o.as('technician').must('billing.createRun', RUN);
    const billId = (await o.as('clerk').must('billing.bills', { runId: run.runId, query: fixture.accountNumbers['M-1']! })).rows[0]!.billId;
    const bill = await o.as('clerk').must('billing.bill', { billId });
    // Winter reads 2025-12 … 2026-03 were 10 HCF each: $29.40 + 10 × $7.184205 = $101.24205 → $101.24.
    const wastewater = bill.computed.lines.filter((line) => line.service === 'wastewater');
    expect(wastewater.reduce((sum, line) => sum + line.amountCents, 0)).toBe(10_124);
    // Water: $38.55 + 11 × $6.4575 (71.0325 → $71.03).
    expect(bill.computed.totalCents).toBe(3_855 + 7_103 + 10_124);
  });
});

describe('closing bills', () => {
  it('moves a customer out: final read, prorated final bill posted, deposit applied, account closed with a refund due', async () => {
    office = await createTestOffice({ clock: fixedClock('2026-10-24T17:00:00.000Z') });
    const fixture = await createCycle(office);
    await office.as('supervisor').must('rates.import', { documentJson: RATES });
    const db = office.runtime.database.sqlite;
    const accountId = fixture.accountIds['M-1']!;
    db.prepare('UPDATE accounts SET deposit_held_cents = 10000 WHERE id = ?').run(accountId);
    const result = await office.as('technician').must('billing.moveOut', { accountId, moveOutDate: '2026-10-24', finalReading: '0136' });
    // Served 2026-10-09 … 10-23 = 15 of the regular month's 31 days: $38.55 × 15/31 = $18.6532… → $18.65.
    // Use 6 HCF on the full month's tiers: 6 × $5.145 = $30.87. Total $49.52; the $100 deposit leaves $50.48 to refund.
    expect(result.finalBill).toMatchObject({ kind: 'final', status: 'posted', messageCodes: ['FINAL'], reading: '136', readDate: '2026-10-24' });
    // A final bill has no run: dated the day it posted, due 20 days later.
    expect(result.finalBill).toMatchObject({ billDate: '2026-10-24', dueDate: '2026-11-13' });
    expect(result.finalBill.computed.lines.map((line) => line.amountCents)).toEqual([1_865, 3_087]);
    // It covers the days served, to the move-out day (what it prints, and how far the account is billed).
    expect(result.finalBill.computed).toMatchObject({ fromDate: '2026-10-09', toDate: '2026-10-24', periodDays: 15 });
    expect(result).toMatchObject({ depositAppliedCents: 10_000, balanceCents: -5_048, refundDueCents: 5_048 });
    const account = await office.as('clerk').must('accounts.get', { accountId });
    expect(account).toMatchObject({ status: 'closed', depositHeldCents: 0, balanceCents: -5_048 });
    expect(verifyBooks(db, '2026-10-24T18:00:00.000Z').checks.filter((check) => !check.ok)).toEqual([]);
    const again = await office.as('technician').call('billing.moveOut', { accountId, moveOutDate: '2026-10-25', finalReading: '137' });
    expect(again.ok || again.error.code).toBe('CONFLICT');
  });

  it('refuses a final reading the register cannot show, and changes nothing', async () => {
    office = await createTestOffice({ clock: fixedClock('2026-10-24T17:00:00.000Z') });
    const fixture = await createCycle(office);
    await office.as('supervisor').must('rates.import', { documentJson: RATES });
    const refused = await office.as('technician').call('billing.moveOut', { accountId: fixture.accountIds['M-1']!, moveOutDate: '2026-10-24', finalReading: '12345' });
    expect(refused.ok || refused.error).toMatchObject({ code: 'INVALID_INPUT', field: 'finalReading' });
    expect(count(office, "SELECT count(*) FROM meter_reads WHERE source = 'final'")).toBe(0);
    expect((await office.as('clerk').must('accounts.get', { accountId: fixture.accountIds['M-1']! })).status).toBe('active');
  });
});

describe('one-off fees', () => {
  it('charges a fee from the schedule in force, never a typed amount, and refuses an unknown code', async () => {
    const { office: o, fixture } = await cycleWithReads();
    const accountId = fixture.accountIds['M-1']!;
    const setup = await o.as('technician').must('billing.chargeFee', { accountId, code: 'SETUP', note: 'new owner' });
    expect(setup).toMatchObject({ code: 'SETUP', description: 'Account set-up', amountCents: 3_500, balanceCents: 3_500 });
    const memo = o.runtime.database.sqlite.prepare('SELECT memo FROM journal_entries WHERE id = ?').pluck().get(setup.entryId) as string;
    expect(memo).toMatch(/^Account set-up: \$35\.00 — new owner$/);
    // Late charge: 10% of $84.20 = $8.42 (above the $5.00 minimum); of $20.00 it would be the $5.00 minimum.
    expect((await o.as('technician').must('billing.chargeFee', { accountId, code: 'LATE', baseCents: 8_420 })).amountCents).toBe(842);
    expect((await o.as('technician').must('billing.chargeFee', { accountId, code: 'LATE', baseCents: 2_000 })).amountCents).toBe(500);
    const unknown = await o.as('technician').call('billing.chargeFee', { accountId, code: 'NOPE' });
    expect(unknown.ok || unknown.error.code).toBe('INVALID_INPUT');
    const clerk = await o.as('clerk').call('billing.chargeFee', { accountId, code: 'SETUP' });
    expect(clerk.ok || clerk.error.code).toBe('FORBIDDEN');
    expect((await o.as('clerk').must('accounts.get', { accountId })).balanceCents).toBe(3_500 + 842 + 500);
    expect(count(o, "SELECT sum(amount_cents) FROM journal_lines WHERE gl_code = '4300'")).toBe(-(3_500 + 842 + 500));
  });
});
