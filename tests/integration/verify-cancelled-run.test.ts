/**
 * A bill run cancelled before posting leaves its draft bills marked cancelled, never posted: no
 * journal entry, no reversal. verify's bills-against-journal check flagged each of them as a bill
 * without its entry, so cancelling any run made verify fail (found by the history benchmark,
 * issue #14). A bill that was posted and then cancelled is still checked for its entry and its
 * reversal.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src-main/core/clock';
import { createTestOffice, supervisorApproval, type TestOffice } from '../support/office';
import { PERIOD, createCycle, importRows, row } from './reads-support';

const RATES = readFileSync(resolve(__dirname, '../../src-main/core/rates/samples/valle-verde.json'), 'utf8');
const RUN = { cycle: 1, period: PERIOD, billDate: '2026-11-12', dueDate: '2026-12-02' };

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

describe('verify after a cancelled bill run', () => {
  it('passes: the cancelled run’s bills were never posted, so they have no entry to match', async () => {
    office = await createTestOffice({ clock: fixedClock('2026-11-12T17:00:00.000Z') });
    await createCycle(office);
    await office.as('supervisor').must('rates.import', { documentJson: RATES, note: 'FY 2026-27' });
    importRows(office, [row(2, 'M-1', '141'), row(4, 'M-3', '142'), row(5, 'M-4', '139')]);
    const drafted = await office.as('technician').must('billing.createRun', RUN);
    expect(drafted.run.billCount).toBeGreaterThan(0);
    await office.as('technician').must('billing.cancelRun', { runId: drafted.run.runId, reason: 'wrong bill date' });
    const db = office.runtime.database.sqlite;
    expect(db.prepare(`SELECT count(*) FROM bills WHERE status = 'cancelled' AND journal_entry_id IS NULL AND total_cents <> 0`).pluck().get()).toBe(drafted.run.billCount);

    const report = await office.as('supervisor').must('system.verify', {});
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
  });

  it('incremental from a checkpoint taken while the run was a draft: its cancelled drafts, a posted run and a rebill pass; a bill posted after the checkpoint and edited is caught, one posted before it only by the full verify', async () => {
    office = await createTestOffice({ clock: fixedClock('2026-11-12T17:00:00.000Z') });
    const fixture = await createCycle(office);
    await office.as('supervisor').must('rates.import', { documentJson: RATES, note: 'FY 2026-27' });
    importRows(office, [row(2, 'M-1', '141'), row(4, 'M-3', '142'), row(5, 'M-4', '139')]);
    const tech = office.as('technician');
    const drafted = await tech.must('billing.createRun', RUN);
    const verify = () => office!.as('supervisor').must('system.verify', {});
    expect((await verify()).scope.kind).toBe('full');
    // The drafts existed at the checkpoint; their cancellation comes after it (the run was not finished then).
    await tech.must('billing.cancelRun', { runId: drafted.run.runId, reason: 'wrong bill date' });
    for (const meter of ['M-2', 'M-5']) await tech.must('billing.setHold', { accountId: fixture.accountIds[meter]!, reason: 'No read this cycle' });
    const { run } = await tech.must('billing.createRun', { ...RUN, billDate: '2026-11-13' });
    await office.as('supervisor').must('billing.approve', { runId: run.runId });
    await tech.must('billing.post', { runId: run.runId });
    const [first, second] = (await office.as('clerk').must('billing.bills', { runId: run.runId })).rows;
    const rebill = await tech.must('billing.cancelBill', { billId: first!.billId, reason: 'misread' }, { approval: supervisorApproval });
    const db = office.runtime.database.sqlite;
    // As a file editor would, behind the triggers: the rebill (posted after the checkpoint) says $1.00 more than it charged.
    for (const name of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE '%no_update' OR name LIKE '%immutable' OR name LIKE '%locked')").pluck().all() as string[]) db.exec(`DROP TRIGGER "${name}"`);
    db.prepare('UPDATE bills SET total_cents = total_cents + 100 WHERE id = ?').run(rebill.billId);
    const caught = await verify();
    expect(caught.scope.kind).toBe('incremental');
    expect(caught.checks.filter((check) => !check.ok).map((check) => [check.name, check.detail])).toEqual([
      ['Posted bills match their journal entries', `Bills that disagree: bill ${rebill.billId}`],
    ]);
    db.prepare('UPDATE bills SET total_cents = total_cents - 100 WHERE id = ?').run(rebill.billId);
    const routine = await verify();
    expect(routine.scope.kind).toBe('incremental');
    expect(routine.checks.filter((check) => !check.ok)).toEqual([]);

    // After that checkpoint, a bill posted before it is edited.
    db.prepare('UPDATE bills SET total_cents = total_cents + 100 WHERE id = ?').run(second!.billId);
    const untouchedScope = await verify();
    // The bill was posted before the checkpoint and nothing new touched it: only a full verify re-reads it.
    expect(untouchedScope.scope.kind).toBe('incremental');
    expect(untouchedScope.ok).toBe(true);
    const full = await office.as('supervisor').must('system.verify', { full: true });
    expect(full.checks.filter((check) => !check.ok).map((check) => [check.name, check.detail])).toEqual([
      ['Posted bills match their journal entries', `Bills that disagree: bill ${second!.billId}`],
    ]);
  });
});
