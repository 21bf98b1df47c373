/**
 * A run's "billed through" per account (core/billing/facts.ts) is the to_date of the account's
 * newest posted bill — drafts and cancelled bills do not count — now read backwards through
 * bills_account from the newest bill instead of by a max() over every bill (issue #14: that read
 * grew with every month of history).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCycleFacts } from '../../src-main/core/billing/facts';
import { fixedClock } from '../../src-main/core/clock';
import { createTestOffice, type TestOffice } from '../support/office';
import { PERIOD, createCycle, importRows, row } from './reads-support';

const RATES = readFileSync(resolve(__dirname, '../../src-main/core/rates/samples/valle-verde.json'), 'utf8');
const RUN = { cycle: 1, period: PERIOD, billDate: '2026-11-12', dueDate: '2026-12-02' };

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

describe('billed through', () => {
  it('is the newest posted bill’s end, whatever drafts or cancelled bills come after it', async () => {
    office = await createTestOffice({ clock: fixedClock('2026-11-12T17:00:00.000Z') });
    const fixture = await createCycle(office);
    await office.as('supervisor').must('rates.import', { documentJson: RATES, note: 'FY 2026-27' });
    importRows(office, [row(2, 'M-1', '141'), row(4, 'M-3', '142'), row(5, 'M-4', '139')]);
    const tech = office.as('technician');
    const { run } = await tech.must('billing.createRun', RUN);
    for (const serial of ['M-2', 'M-5']) await tech.must('billing.setHold', { accountId: fixture.accountIds[serial]!, reason: 'not read' });
    await tech.must('billing.recompute', { runId: run.runId });
    await office.as('supervisor').must('billing.approve', { runId: run.runId });
    await tech.must('billing.post', { runId: run.runId });
    const db = office.runtime.database.sqlite;
    // A later draft and a cancelled bill for M-1, dated after its posted one: neither counts.
    const m1 = fixture.accountIds['M-1']!;
    const copy = `INSERT INTO bills (run_id, account_id, kind, status, period, from_date, to_date, period_days, usage_hcf, total_cents, rate_book_id, created_at)
                  SELECT NULL, account_id, kind, ?, period, to_date, ?, 30, usage_hcf, total_cents, rate_book_id, created_at FROM bills WHERE account_id = ? AND status = 'posted'`;
    db.prepare(copy).run('draft', '2026-12-09', m1);
    db.prepare(copy).run('cancelled', '2026-12-10', m1);

    const facts = new Map(loadCycleFacts(db, 1, PERIOD, { winterClasses: new Set() }).map((account) => [account.accountId, account.billedThrough]));
    expect(facts.get(m1)).toBe('2026-11-09');
    expect(facts.get(fixture.accountIds['M-3']!)).toBe('2026-11-09');
    // Held, never billed.
    expect(facts.get(fixture.accountIds['M-5']!)).toBeNull();
  });
});
