/**
 * Pictures of the daily cash screens changed for issue #15 (items 7, 8, 9, 12, 14, 17), each at a
 * laptop's 1366×768 and a desktop's 1920×1080: a mail batch keeping the check tender, an
 * overpaying check's credit sentence, an entry being corrected, the clerk told why the supervisor
 * page is not shown, the supervisor's finalise button with its reason, the deposit confirmation,
 * and the Reports page's end-of-day and deposit list.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import type { AccountSearchHit } from '../../src-shared/contract/accounts';
import { apiLogin, callOperation, DEMO_USERS, logIn, openApp } from './support';

const folder = process.env.BILLING_OFFICE_SHOTS ?? '/tmp/billing-office-shots';
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** The same screen at both sizes ("daily-03-batch-1366.png", "…-1920.png"). */
async function shots(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${folder}/${name}-${size.width}.png` });
  }
  await page.setViewportSize(SIZES[0]);
}

async function addAccount(page: Page, accountNumber: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Account' }).fill(accountNumber);
  await expect(page.getByRole('option', { name: new RegExp(accountNumber) })).toBeVisible();
  await page.keyboard.press('Enter');
}

test('daily cash screens at laptop and desktop sizes', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize(SIZES[0]);
  const supervisorToken = await apiLogin(page.request, DEMO_USERS.supervisor);
  const username = `keyer${Date.now() % 100_000}`;
  const password = 'letters-and-stamps-42';
  await callOperation(page.request, 'users.create', { username, displayName: 'Mae Keyer', role: 'clerk', password }, supervisorToken, randomUUID());
  const found = await callOperation(page.request, 'accounts.search', { query: 'St', limit: 100, includeClosed: false }, supervisorToken);
  const [a, b] = (found.value as AccountSearchHit[]).filter((hit) => hit.balanceCents > 2_000 && hit.status === 'active').slice(-4, -2) as [AccountSearchHit, AccountSearchHit];
  const login = await callOperation(page.request, 'session.login', { username, password });
  const keyerToken = (login.value as { token: string }).token;
  await callOperation(page.request, 'drawer.open', { workstation: 'Mail desk', floatCounts: {} }, keyerToken, randomUUID());

  await openApp(page);
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();

  // Item 7: the supervisor page opened by its address.
  await page.goto(`${page.url().split('#')[0]}#/cash/supervisor`);
  await expect(page.getByRole('alert')).toContainText('is for supervisors');
  await shots(page, 'daily-01-clerk-on-supervisor-page');

  // Item 12 and 17: a mail batch, a check overpaying, the tender kept, an entry corrected.
  await page.goto(`${page.url().split('#')[0]}#/cash/batches`);
  await page.getByLabel('Control count (payments)').fill('2');
  await page.getByLabel('Control total ($)').fill(((a.balanceCents + b.balanceCents) / 100).toFixed(2));
  await page.getByRole('button', { name: 'Open batch' }).click();
  await addAccount(page, a.accountNumber);
  await page.getByLabel('Amount', { exact: true }).fill(((a.balanceCents + 6_651) / 100).toFixed(2));
  await page.getByLabel('Check number').fill('5120');
  await expect(page.getByTestId('tender-credit')).toBeVisible();
  await shots(page, 'daily-02-check-overpaying');
  await page.getByLabel('Amount', { exact: true }).fill((a.balanceCents / 100).toFixed(2));
  await page.keyboard.press('Enter');
  await addAccount(page, b.accountNumber);
  await page.getByLabel(`Paying on ${b.accountNumber}`).fill(((b.balanceCents - 1_000) / 100).toFixed(2));
  await page.getByLabel('Amount', { exact: true }).fill(((b.balanceCents - 1_000) / 100).toFixed(2));
  await page.getByLabel('Check number').fill('5121');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('batch-count-left')).toHaveText('0');
  await shots(page, 'daily-03-batch-tender-kept');
  const wrong = (await page.locator('section[aria-label="Entries in this batch"] tbody tr').first().getAttribute('data-receipt')) ?? '';
  await page.getByRole('button', { name: `Correct ${wrong}` }).click();
  await shots(page, 'daily-04-batch-correcting');
  await page.getByRole('button', { name: 'Keep the entry as it is' }).click();

  // Item 14: the supervisor's day with a drawer still open, then a closed one to deposit.
  await page.getByRole('button', { name: 'Log out' }).click();
  await logIn(page, DEMO_USERS.supervisor);
  await page.goto(`${page.url().split('#')[0]}#/cash/supervisor`);
  await expect(page.getByTestId('finalise-why')).toBeVisible();
  await page.getByTestId('finalise-why').scrollIntoViewIfNeeded();
  await shots(page, 'daily-05-finalise-disabled');
  // A closed drawer to deposit: the supervisor's own, one $20.00 cash payment.
  const own = await callOperation(page.request, 'drawer.open', { workstation: `Back office ${Date.now() % 1000}`, floatCounts: {} }, supervisorToken, randomUUID());
  const ownId = (own.value as { drawerId: number }).drawerId;
  await callOperation(page.request, 'payments.take', { paymentId: randomUUID(), accounts: [{ accountId: a.accountId, amountCents: 2_000 }], tenders: [{ kind: 'cash', amountCents: 2_000 }] }, supervisorToken, randomUUID());
  await callOperation(page.request, 'drawer.close', { drawerId: ownId, entryId: randomUUID(), count: { cash: { bill_20: 1 }, items: [] } }, supervisorToken, randomUUID());
  await page.reload();
  const drawers = await callOperation(page.request, 'drawer.list', { status: 'closed' }, supervisorToken);
  const closed = drawers.value as { drawerId: number }[];
  if (closed.length > 0) {
    await page.getByRole('checkbox', { name: `Deposit drawer ${closed[0]?.drawerId}` }).check();
    await page.getByRole('button', { name: /Make the deposit of 1 drawer/ }).click();
    await expect(page.getByRole('dialog', { name: 'Confirm the deposit' })).toBeVisible();
    await shots(page, 'daily-06-confirm-deposit');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  }

  // Item 8: the Reports page lists the days' reports and slips.
  await page.goto(`${page.url().split('#')[0]}#/reports`);
  await expect(page.getByRole('region', { name: 'End-of-day and deposit reports' })).toBeVisible();
  await page.getByRole('region', { name: 'End-of-day and deposit reports' }).scrollIntoViewIfNeeded();
  await shots(page, 'daily-07-reports');
});
