/**
 * A check bounces a week after it was taken: its drawer is closed and deposited, so the counter's
 * receipt list no longer has it. The clerk finds it on Cash → Find payment by its check number,
 * from the keyboard, and records it returned with a supervisor's approval. Figures: the account
 * owes B; a week ago it paid $40.00 by check 77123 → it owes B − $40.00; returned with the $25.00
 * fee (RETURNED_CHECK in the demo rates) → B − 40.00 + 40.00 + 25.00 = B + $25.00.
 */
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountSearchHit } from '../../src-shared/contract/accounts';
import { formatCents } from '../../src-shared/money';
import { apiLogin, callOperation, DEMO_PASSWORD, DEMO_USERS, E2E_PORT, logIn } from './support';

/** serve.mjs's data folder and startOffice's file name. */
const DATABASE = join(tmpdir(), `billing-office-e2e-${E2E_PORT}`, 'billing-office.sqlite');
const CHECK_NUMBER = '77123';
const CHECK_CENTS = 4_000;
const FEE_CENTS = 2_500;

function daysAgo(days: number): string {
  const day = new Date();
  day.setDate(day.getDate() - days);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}

test('a clerk finds last week’s deposited check by its number and returns it with a supervisor’s approval', async ({ page }) => {
  test.setTimeout(90_000);
  const token = await apiLogin(page.request, DEMO_USERS.clerk);
  const found = await callOperation(page.request, 'accounts.search', { query: 'St', limit: 100, includeClosed: false }, token);
  const account = (found.value as AccountSearchHit[]).filter((hit) => hit.balanceCents > 5_000 && hit.status === 'active').at(-1);
  expect(account).toBeDefined();
  const owedCents = (account as AccountSearchHit).balanceCents;
  const accountNumber = (account as AccountSearchHit).accountNumber;
  const weekAgo = daysAgo(7);
  const seeded = JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', 'tests/e2e/seed-earlier-check.ts', DATABASE, weekAgo, accountNumber, CHECK_NUMBER, String(CHECK_CENTS)], { encoding: 'utf8' }),
  ) as { receiptNumber: string };

  await logIn(page, DEMO_USERS.clerk);
  await page.goto(`${page.url().split('#')[0]}#/cash/find`);
  await expect(page.getByRole('tab', { name: 'Find payment' })).toHaveAttribute('aria-selected', 'true');

  // Keyboard: the check number box has the focus; Enter searches; the results take the focus; Enter opens.
  await expect(page.getByLabel('Check no.')).toBeFocused();
  await page.keyboard.type(CHECK_NUMBER);
  await page.keyboard.press('Enter');
  const row = page.locator(`tr[data-receipt="${seeded.receiptNumber}"]`);
  await expect(row).toContainText(`Check ${CHECK_NUMBER}`);
  await expect(row).toContainText(formatCents(CHECK_CENTS));
  const [year, month, day] = weekAgo.split('-');
  await expect(row).toContainText(`${month}/${day}/${year}`);
  await expect(page.getByRole('grid', { name: 'Payments found' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('receipt-number')).toHaveText(seeded.receiptNumber);
  const balance = page.getByTestId(`balance-now-${accountNumber}`);
  await expect(balance).toHaveText(formatCents(owedCents - CHECK_CENTS));

  // Return it: a reason, then the supervisor approves at the counter.
  await page.getByRole('button', { name: 'Return check…' }).click();
  await page.getByLabel('Reason').fill('NSF — returned by Valley Bank');
  await page.getByRole('button', { name: 'Record returned check' }).click();
  await expect(page.getByRole('heading', { name: 'Supervisor approval needed' })).toBeVisible();
  await page.getByLabel('Supervisor user name').fill(DEMO_USERS.supervisor);
  await page.getByLabel('Supervisor password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Approve' }).click();

  await expect(row).toContainText('Check returned');
  // Said once, with when and by whom (issue #15).
  await expect(page.getByTestId('receipt-undone')).toHaveText(/^Check returned, recorded .+ by .+: NSF — returned by Valley Bank — this payment no longer counts\.$/);
  // Up by the check and the fee: B − 40.00 + 40.00 + 25.00.
  await expect(balance).toHaveText(formatCents(owedCents - CHECK_CENTS + CHECK_CENTS + FEE_CENTS));
  await expect(page.getByRole('button', { name: 'Return check…' })).toHaveCount(0);

  // The account's ledger links back to the payment.
  await balance.locator('..').getByRole('link', { name: accountNumber }).click();
  await page.getByRole('tab', { name: 'Ledger' }).click();
  await page.getByRole('link', { name: 'Find this payment' }).first().click();
  await expect(page.getByTestId('receipt-number')).toHaveText(seeded.receiptNumber);
  await expect(page.getByRole('region', { name: `Receipt ${seeded.receiptNumber}` })).toContainText('Check returned');
  await expect(page.getByRole('button', { name: 'Return check…' })).toHaveCount(0);
});
