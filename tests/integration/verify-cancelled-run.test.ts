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
import { createTestOffice, type TestOffice } from '../support/office';
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
});
