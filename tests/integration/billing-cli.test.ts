/**
 * `billing-office rates …` and `billing-office billing …` on a demo district: the rates in force
 * exported and re-imported (a no-op), a cycle's run created, its blocked accounts held, recomputed,
 * approved by the supervisor, posted once (the same --request-id twice posts once), a bill
 * explained, all with --json and exit codes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillRunReview, BillView } from '../../src-shared/contract';
import { expectExit, runCli, type CliRun as Run } from '../support/cli';

const tech = { BILLING_OFFICE_USER: 'tech', BILLING_OFFICE_PASSWORD: 'demo-password' };
const boss = { BILLING_OFFICE_USER: 'super', BILLING_OFFICE_PASSWORD: 'demo-password' };

let folder: string;
let db: string;
const cli = (args: string[], env: Record<string, string> = {}): Promise<Run> => runCli(folder, ['--db', db, ...args], env);
const json = <T>(run: Run) => (JSON.parse(run.stdout) as { ok: boolean; value: T }).value;
const nextMonth = (period: string): string => {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
};

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'billing-office-billing-cli-'));
  db = join(folder, 'demo.sqlite');
  expectExit(await cli(['demo', '--accounts', '120', '--seed', '11']), 0);
}, 120_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('billing-office rates and billing', () => {
  it('exports the rates in force and re-imports them unchanged; a technician cannot import', async () => {
    const out = join(folder, 'rates.json');
    expectExit(await cli(['rates', 'export', '--out', out], tech), 0);
    const document = JSON.parse(readFileSync(out, 'utf8'));
    expect(document.schedules.map((schedule: { effectiveFrom: string }) => schedule.effectiveFrom)).toEqual(['2026-01-01', '2026-07-01']);
    expectExit(await cli(['rates', 'import', out], tech), 1);
    const saved = await cli(['--json', 'rates', 'import', out, '--note', 'unchanged'], boss);
    expectExit(saved, 0);
    expect(json<{ rateBookId: number }>(saved).rateBookId).toBe(1);
  }, 60_000);

  it('creates, holds what is blocked, recomputes, approves, posts once and explains a bill', async () => {
    // The demo has posted cycle 1 up to the month before its newest read: bill the month after.
    const runs = json<{ cycle: number; period: string; status: string }[]>(await cli(['--json', 'billing', 'runs'], tech));
    const lastPosted = runs.filter((run) => run.cycle === 1 && run.status === 'posted').map((run) => run.period).sort().at(-1)!;
    const period = nextMonth(lastPosted);
    const created = await cli(['--json', 'billing', 'create', '--cycle', '1', '--period', period, '--bill-date', `${period}-05`, '--due-date', `${period}-25`], tech);
    expectExit(created, 0);
    let review = json<BillRunReview>(created);
    const runId = String(review.run.runId);
    expect(review.run.billCount).toBeGreaterThan(10);
    expectExit(await cli(['billing', 'approve', runId], boss), review.accounting.blocked > 0 ? 1 : 0);
    for (const blocked of review.accounting.notBilled.filter((row) => row.disposition === 'blocked')) {
      expectExit(await cli(['billing', 'hold', blocked.accountNumber, '--reason', 'bill by hand'], tech), 0);
    }
    review = json<BillRunReview>(await cli(['--json', 'billing', 'recompute', runId], tech));
    expect(review.accounting).toMatchObject({ blocked: 0, unaccounted: 0 });
    expectExit(await cli(['billing', 'approve', runId], tech), 1);
    expectExit(await cli(['billing', 'approve', runId, '--note', 'register checked'], boss), 0);
    const requestId = '4f6f2a55-8f2b-4d7e-9a51-0f3c2b1a9e77';
    const posted = await cli(['--json', 'billing', 'post', runId, '--request-id', requestId], tech);
    expectExit(posted, 0);
    expect(json<BillRunReview>(posted).run.status).toBe('posted');
    expectExit(await cli(['billing', 'post', runId, '--request-id', requestId], tech), 0);
    expectExit(await cli(['billing', 'post', runId], tech), 1);

    const bills = json<{ rows: { billId: number; totalCents: number }[] }>(await cli(['--json', 'billing', 'bills', runId, '--limit', '1'], tech));
    const billId = String(bills.rows[0]!.billId);
    const shown = await cli(['billing', 'bill', billId, '--explain'], tech);
    expectExit(shown, 0);
    expect(shown.stdout).toMatch(/Water service charge/);
    expect(shown.stdout).toMatch(/^\s+#\s+Charge\s+Amount\s+Schedule\s+Estimated$/m);
    expect(shown.stdout).toMatch(/How each line was computed:\n\s+1\. .+\n\s+2\. \d+(\.\d+)? HCF: /);
    // Nothing is cut with "…": every description and sentence is whole.
    expect(shown.stdout).not.toContain('…');
    const bill = json<BillView>(await cli(['--json', 'billing', 'bill', billId], tech));
    expect(bill.computed.lines.every((line) => /^\d{4}-\d{2}-\d{2}$/.test(line.scheduleEffectiveFrom))).toBe(true);
    expect(bill.computed.lines.reduce((sum, line) => sum + line.amountCents, 0)).toBe(bill.computed.totalCents);
    expect(bill.amountDueCents).toBe(bill.previousBalanceCents + bill.computed.totalCents);
    expectExit(await cli(['verify'], tech), 0);
  }, 240_000);
});
