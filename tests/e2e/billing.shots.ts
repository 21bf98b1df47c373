/**
 * Pictures of the Billing screens for a person to look at (npm run screenshots): the runs, New
 * run, a draft's review with a comparison and blocked accounts, holds, approve, post, the print
 * file, the bills table, explain-this-bill (on screen and as printed), cancel/rebill with the
 * approval, an account's bills, the rates in force and the editor with its preview and problems.
 * Cycle 3 is used: the meter-read pictures need cycles 1 and 4 unread.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import type { AccountDetail } from '../../src-shared/contract/accounts';
import type { BillRunReview } from '../../src-shared/contract/billing';
import { addDaysIso } from '../../src-renderer/billing/billingFormat';
import { todayIso } from './reads-support';
import { apiLogin, callOperation, DEMO_PASSWORD, DEMO_USERS, logIn } from './support';

const folder = process.env.BILLING_OFFICE_SHOTS ?? '/tmp/billing-office-shots';
const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: `${folder}/${name}.png`, fullPage });
const CYCLE = 3;

async function must<Value>(request: APIRequestContext, op: string, input: unknown, token: string): Promise<Value> {
  const result = await callOperation(request, op, input, token, randomUUID());
  expect(result.ok, `${op}: ${JSON.stringify(result.error)}`).toBe(true);
  return result.value as Value;
}

const monthBefore = (period: string) => {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
};

async function switchUser(page: Page, username: string): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  await logIn(page, username);
}

test('billing screens', async ({ page, request }) => {
  test.setTimeout(120_000);
  const tech = await apiLogin(request, DEMO_USERS.technician);
  const boss = await apiLogin(request, DEMO_USERS.supervisor);
  const thisMonth = todayIso().slice(0, 7);
  const status = await must<{ readMeters: number }>(request, 'reads.cycleStatus', { cycle: CYCLE, period: thisMonth }, tech);
  const period = status.readMeters > 0 ? thisMonth : monthBefore(thisMonth);
  const previous = monthBefore(period);

  // Last month's run, posted, so this month's has something to compare with.
  const earlier = await must<BillRunReview>(request, 'billing.createRun', { cycle: CYCLE, period: previous, billDate: `${previous}-25`, dueDate: addDaysIso(`${previous}-25`, 20) }, tech);
  await must(request, 'billing.approve', { runId: earlier.run.runId, note: 'October checked' }, boss);
  await must(request, 'billing.post', { runId: earlier.run.runId }, tech);
  const opened = await must<AccountDetail>(request, 'accounts.create', {
    customer: { kind: 'person', firstName: 'Nadia', lastName: 'Newhouse', mailing: { street: '1 New Meter Ln', city: 'Valle Verde', state: 'CA', zip: '95350' } },
    location: { street: '1 New Meter Ln', city: 'Valle Verde', zip: '95350', route: 'R991', sequence: 1, cycle: CYCLE },
    meter: { serial: 'SHOT-BILL-1', size: '5/8', dials: 6, unit: 'HCF', installedOn: todayIso(), initialReading: 0 },
    services: [{ service: 'water', rateClass: 'residential' }, { service: 'wastewater', rateClass: 'residential' }],
    openedOn: todayIso(),
  }, tech);

  await logIn(page, DEMO_USERS.technician);
  await page.goto('/#/billing/runs');
  await expect(page.getByRole('table', { name: 'Bill runs' })).toBeVisible();
  await page.keyboard.press('n');
  const form = page.getByRole('dialog', { name: 'New bill run' });
  await form.getByLabel('Cycle').fill(String(CYCLE));
  await form.getByLabel('Period').fill(period);
  await expect(page.getByTestId('new-run-readiness')).toBeVisible();
  await shot(page, 'billing-01-new-run');
  await form.getByLabel('Cycle').press('Enter');
  await expect(page.getByTestId('run-status')).toHaveText('Draft');
  await shot(page, 'billing-02-review-draft');
  await shot(page, 'billing-02b-review-draft-full', true);
  const runId = Number(/#\/billing\/runs\/(\d+)/.exec(page.url())?.[1]);

  await page.getByRole('tab', { name: /^Not billed/ }).click();
  await shot(page, 'billing-03-not-billed');
  await page.getByRole('button', { name: `Hold ${opened.accountNumber}` }).click();
  await page.getByLabel('Reason for the hold').fill('New meter set today; first bill next cycle');
  await shot(page, 'billing-04-hold-dialog');
  await page.getByLabel('Reason for the hold').press('Enter');
  await expect(page.getByRole('button', { name: 'Recompute now' })).toBeVisible();
  await shot(page, 'billing-05-hold-recompute-prompt');
  await page.getByRole('button', { name: 'Recompute now' }).click();
  await expect(page.getByText(/^Recomputed:/).first()).toBeVisible();
  await shot(page, 'billing-06-recomputed');

  await page.getByRole('tab', { name: /^Bills/ }).click();
  await page.getByRole('grid', { name: 'Bills' }).focus();
  for (let index = 0; index < 6; index += 1) await page.keyboard.press('j');
  await shot(page, 'billing-07-bills-table');
  await page.getByPlaceholder('Account number or name').fill('son');
  await expect(page.getByTestId('bill-count')).toContainText('matching');
  await shot(page, 'billing-08-bills-search');
  await page.getByRole('tab', { name: /^Very high/ }).click();
  await shot(page, 'billing-09-very-high');

  // A clerk sees the review without actions.
  await switchUser(page, DEMO_USERS.clerk);
  await page.goto(`/#/billing/runs/${runId}`);
  await expect(page.getByTestId('run-status')).toBeVisible();
  await shot(page, 'billing-10-clerk-review');

  await switchUser(page, DEMO_USERS.supervisor);
  await page.goto(`/#/billing/runs/${runId}`);
  await page.getByRole('button', { name: 'Approve…' }).click();
  await page.getByLabel('Note (optional)').fill('Register compared with last month');
  await shot(page, 'billing-11-approve-dialog');
  await page.getByLabel('Note (optional)').press('Enter');
  await expect(page.getByTestId('run-status')).toHaveText('Approved');

  await switchUser(page, DEMO_USERS.technician);
  await page.goto(`/#/billing/runs/${runId}`);
  await page.getByRole('button', { name: 'Post to the ledger…' }).click();
  await shot(page, 'billing-12-post-dialog');
  await page.getByRole('dialog').getByRole('button', { name: /^Post \$/ }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Posted');
  await page.getByRole('button', { name: 'Print file (fixed width)' }).click();
  await expect(page.locator('.download-made')).toBeVisible();
  await shot(page, 'billing-13-posted-print-file');
  await page.goto('/#/billing/runs');
  await expect(page.getByRole('table', { name: 'Bill runs' })).toBeVisible();
  await shot(page, 'billing-14-runs-list');

  // Explain a bill: the first with wastewater, if any.
  const bills = await must<{ rows: { billId: number; accountId: number; totalCents: number }[] }>(request, 'billing.bills', { runId, limit: 50 }, tech);
  const target = [...bills.rows].sort((a, b) => b.totalCents - a.totalCents)[Math.floor(bills.rows.length / 3)]!;
  await page.goto(`/#/billing/bills/${target.billId}`);
  await expect(page.getByTestId('bill-status')).toHaveText('Posted');
  await shot(page, 'billing-15-bill-explained', true);
  await page.emulateMedia({ media: 'print' });
  await shot(page, 'billing-16-bill-printed', true);
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: 'Cancel and rebill…' }).click();
  await page.getByLabel('Reason').fill('Customer disputes the read');
  await shot(page, 'billing-17-cancel-dialog');
  await page.getByLabel('Reason').press('Enter');
  const approval = page.getByRole('dialog', { name: 'Supervisor approval needed' });
  await approval.getByLabel('Supervisor user name').fill(DEMO_USERS.supervisor);
  await approval.getByLabel('Supervisor password').fill(DEMO_PASSWORD);
  await shot(page, 'billing-18-cancel-approval');
  await approval.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByText(/This bill replaces bill/)).toBeVisible();
  await shot(page, 'billing-19-rebill');
  await page.goto(`/#/billing/bills/${target.billId}`);
  await expect(page.getByTestId('bill-status')).toHaveText('Cancelled');
  await shot(page, 'billing-20-cancelled-bill');
  await page.goto(`/#/accounts/${target.accountId}/bills`);
  await expect(page.locator('table.account-bills')).toBeVisible();
  await shot(page, 'billing-21-account-bills');

  // Rates: in force for anyone, the editor for a supervisor.
  await page.goto('/#/billing/rates');
  await expect(page.locator('.rate-schedule').first()).toBeVisible();
  await shot(page, 'billing-22-rates', true);
  await switchUser(page, DEMO_USERS.supervisor);
  await page.goto('/#/billing/rates');
  await page.getByRole('button', { name: 'Edit the rates…' }).click();
  // The first residential tier of the schedule in force, up from $5.145 (the form; rates-form.shots.ts has more).
  await page.getByLabel('Residential tier 1 rate per HCF').fill('5.40');
  await page.getByRole('button', { name: 'Preview effect' }).click();
  await expect(page.getByRole('table', { name: 'Sample bills' })).toBeVisible();
  await shot(page, 'billing-23-rate-preview');
  // A refused JSON document under Advanced, its problems by JSON path.
  await page.getByText('Advanced: the rate document as JSON').click();
  const json = page.getByLabel('Rate document (JSON)');
  const text = await json.inputValue();
  await json.fill(text.replace('"4.9000"', '4.9').replace('"adoptedBy"', '"adoptedOn"'));
  await page.getByRole('button', { name: 'Load this JSON into the form' }).click();
  await expect(page.locator('.rate-problems')).toBeVisible();
  await page.locator('.rate-problems').scrollIntoViewIfNeeded();
  await shot(page, 'billing-24-rate-problems');
});
