import { afterEach, describe, expect, it } from 'vitest';
import { createTestOffice, type TestOffice } from '../support/office';

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

describe('a new office database', () => {
  it('opens migrated, with the chart of accounts, and verifies clean', async () => {
    office = await createTestOffice();
    const report = await office.as('clerk').must('system.verify', {});
    expect(report.ok).toBe(true);
    expect(report.checks.map((check) => check.name)).toContain('Audit trail hash chain is intact');
    const chart = await office.as('clerk').must('ledger.chart', {});
    expect(chart.find((gl) => gl.code === '1100')?.name).toMatch(/receivable/i);
    const pragmas = office.runtime.database.sqlite;
    expect(pragmas.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(pragmas.pragma('synchronous', { simple: true })).toBe(2);
    expect(pragmas.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
