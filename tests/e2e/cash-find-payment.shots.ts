/**
 * Pictures of Cash → Find payment (npm run screenshots): an account's payments over two weeks
 * found by account, one opened with its "Return check…" action, the return dialog, and the
 * receipt once returned. The earlier days' checks are seeded as in cash-find-payment.spec.ts.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountSearchHit } from '../../src-shared/contract/accounts';
import { apiLogin, callOperation, DEMO_PASSWORD, DEMO_USERS, E2E_PORT, logIn } from './support';

const folder = process.env.BILLING_OFFICE_SHOTS ?? '/tmp/billing-office-shots';
const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: `${folder}/${name}.png`, fullPage });
const DATABASE = join(tmpdir(), `billing-office-e2e-${E2E_PORT}`, 'billing-office.sqlite');

function daysAgo(days: number): string {
  const day = new Date();
  day.setDate(day.getDate() - days);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}

test('find payment screens', async ({ page }) => {
  test.setTimeout(120_000);
  const token = await apiLogin(page.request, DEMO_USERS.clerk);
  const found = await callOperation(page.request, 'accounts.search', { query: 'St', limit: 100, includeClosed: false }, token);
  const account = (found.value as AccountSearchHit[]).filter((hit) => hit.balanceCents > 10_000 && hit.status === 'active').at(-2) as AccountSearchHit;
  for (const [days, check, cents] of [[14, '5501', 3_000], [7, '5532', 4_250]] as const) {
    execFileSync(process.execPath, ['--import', 'tsx', 'tests/e2e/seed-earlier-check.ts', DATABASE, daysAgo(days), account.accountNumber, check, String(cents)]);
  }

  await logIn(page, DEMO_USERS.clerk);
  await page.goto(`${page.url().split('#')[0]}#/cash/find`);
  await page.getByLabel('Account', { exact: true }).fill(account.accountNumber);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('grid', { name: 'Payments found' })).toBeFocused();
  await shot(page, 'cash-find-01-results');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Return check…' })).toBeVisible();
  await shot(page, 'cash-find-02-opened', true);
  await page.getByRole('button', { name: 'Return check…' }).click();
  await page.getByLabel('Reason').fill('NSF');
  await shot(page, 'cash-find-03-return-dialog');
  await page.getByRole('button', { name: 'Record returned check' }).click();
  await page.getByLabel('Supervisor user name').fill(DEMO_USERS.supervisor);
  await page.getByLabel('Supervisor password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.locator('.find-row').first()).toContainText('Check returned');
  await shot(page, 'cash-find-04-returned', true);

  // An account name with several matches asks which one.
  await page.getByLabel('Account', { exact: true }).fill('St');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Matching accounts' })).toBeVisible();
  await shot(page, 'cash-find-05-which-account');
});
