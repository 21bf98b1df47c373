/**
 * A long step shows its counts and can be cancelled (issues #14 item 5, #15 item 18): a technician
 * recomputes cycle 4's run; the bar fills ("Recomputing 12 of 48 accounts…"), the count rises,
 * Cancel stops it, the screen says "Cancelled — nothing was changed", and the run's bills are the
 * very ones it had (same ids, same totals, same computed time).
 * The e2e demo is small (200 accounts), so the test hook of jobs.ts slows each count: the
 * server's worker sleeps the milliseconds in <data folder>/slow-jobs-ms while that file exists.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BillListRow, BillRunReview } from '../../src-shared/contract/billing';
import { addDaysIso } from '../../src-renderer/billing/billingFormat';
import { todayIso } from './reads-support';
import { apiLogin, callOperation, DEMO_USERS, E2E_PORT, logIn } from './support';

const CYCLE = 4;
const READ_DAY = 23;
const SLOW_JOBS_FILE = join(tmpdir(), `billing-office-e2e-${E2E_PORT}`, 'slow-jobs-ms');
const STEP_SLEEP_MS = 120;

async function must<Value>(request: APIRequestContext, op: string, input: unknown, token: string): Promise<Value> {
  const result = await callOperation(request, op, input, token, randomUUID());
  expect(result.ok, `${op}: ${JSON.stringify(result.error)}`).toBe(true);
  return result.value as Value;
}

const previousMonth = (period: string) => {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
};

/** What a recompute would change: every bill's id and total, and when the run was computed. */
async function runState(request: APIRequestContext, runId: number, token: string): Promise<string> {
  const review = await must<BillRunReview>(request, 'billing.review', { runId }, token);
  const bills = await must<{ rows: BillListRow[]; total: number }>(request, 'billing.bills', { runId, limit: 500 }, token);
  return JSON.stringify({ run: review.run, bills: bills.rows.map((bill) => [bill.billId, bill.totalCents]) });
}

test('recompute shows its counts rising and Cancel stops it: nothing changed', async ({ page, request }) => {
  test.setTimeout(90_000);
  const tech = await apiLogin(request, DEMO_USERS.technician);
  const today = todayIso();
  const period = Number(today.slice(8, 10)) >= READ_DAY ? today.slice(0, 7) : previousMonth(today.slice(0, 7));
  const review = await must<BillRunReview>(request, 'billing.createRun', { cycle: CYCLE, period, billDate: today, dueDate: addDaysIso(today, 20) }, tech);
  const runId = review.run.runId;
  const accounts = review.accounting.total;
  expect(accounts).toBeGreaterThan(10);
  const before = await runState(request, runId, tech);
  try {
    await logIn(page, DEMO_USERS.technician);
    await page.evaluate((id) => {
      window.location.hash = `#/billing/runs/${id}`;
    }, runId);
    await expect(page.getByRole('heading', { name: new RegExp(`^Run #${runId} · Cycle ${CYCLE}, ${period}$`) })).toBeVisible();

    writeFileSync(SLOW_JOBS_FILE, String(STEP_SLEEP_MS));
    await page.getByRole('toolbar', { name: 'Run actions' }).getByRole('button', { name: 'Recompute', exact: true }).click();
    const text = page.getByTestId('bulk-progress-text');
    const counted = new RegExp(`^Recomputing (\\d+) of ${accounts} accounts…`);
    await expect(text).toHaveText(counted);
    const doneOf = async () => Number(counted.exec((await text.textContent()) ?? '')?.[1]);
    const first = await doneOf();
    await expect.poll(doneOf, { timeout: 10_000 }).toBeGreaterThan(first);
    const bar = page.getByRole('progressbar', { name: 'Recomputing' });
    await expect(bar).toHaveAttribute('max', String(accounts));

    // Keyboard: the Cancel button takes focus (the shot shows its ring) and Enter presses it.
    const cancel = page.getByRole('button', { name: 'Cancel recomputing' });
    await cancel.focus();
    // Back and forth with the keyboard, so the browser shows focus as it does for keyboard users.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect(cancel).toBeFocused();
    await page.getByTestId('bulk-progress').screenshot({ path: test.info().outputPath('recompute-progress.png') });
    await page.keyboard.press('Enter');
    await expect(page.getByText('Cancelled — nothing was changed')).toBeVisible();
    await expect(page.getByTestId('bulk-progress')).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('recompute-cancelled.png') });
  } finally {
    rmSync(SLOW_JOBS_FILE, { force: true });
  }
  expect(await runState(request, runId, tech)).toBe(before);
  // The e2e tests share one database: leave cycle 4 without a live run.
  await must(request, 'billing.cancelRun', { runId, reason: 'e2e jobs: cancel shown' }, tech);
});
