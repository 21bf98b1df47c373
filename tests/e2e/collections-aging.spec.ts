/**
 * Collections → Aging, end to end on the demo district. A technician charges the $35.00 SETUP fee
 * (due the day it is charged) to an account that owed nothing; a clerk opens Collections, sees the
 * control-account check agree, moves the date 40 days on, filters to fees, opens the 31–60 bucket
 * and finds the account there with exactly $35.00 (hand-computed: nothing else open on it, 40
 * days past due), and Enter on its row opens the account page. A day before the fee the account
 * has nothing in any bucket. Cycle-3 accounts from #175 are used (account-billing uses 150–170).
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import type { AccountDetail } from '../../src-shared/contract/accounts';
import type { AgingReport } from '../../src-shared/contract/collections-aging';
import { todayIso } from '../../src-renderer/ui/format';
import { apiLogin, callOperation, DEMO_USERS, logIn } from './support';

const SETUP_FEE_CENTS = 3_500;
const plusDays = (day: string, days: number) => {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return todayIso(new Date(year, month - 1, date + days));
};

async function must<Value>(request: APIRequestContext, op: string, input: unknown, token: string): Promise<Value> {
  const result = await callOperation(request, op, input, token, randomUUID());
  expect(result.ok, `${op}: ${JSON.stringify(result.error)}`).toBe(true);
  return result.value as Value;
}

async function accountOwingNothing(request: APIRequestContext, token: string): Promise<AccountDetail> {
  for (let accountId = 175; accountId < 200; accountId += 1) {
    const result = await callOperation(request, 'accounts.get', { accountId }, token);
    const account = result.value as AccountDetail | undefined;
    if (result.ok && account && account.status === 'active' && account.balanceCents === 0) return account;
  }
  throw new Error('No active account from #175 owes nothing');
}

test('a clerk ages the receivable as of a later date and finds a hand-computed fee 40 days past due', async ({ page, request }) => {
  const tech = await apiLogin(request, DEMO_USERS.technician);
  const account = await accountOwingNothing(request, tech);
  await must(request, 'billing.chargeFee', { accountId: account.accountId, code: 'SETUP', note: 'aging e2e' }, tech);
  const today = todayIso();
  const later = plusDays(today, 40);

  await logIn(page, DEMO_USERS.clerk);
  await page.getByRole('link', { name: 'Collections' }).click();
  await expect(page.getByRole('heading', { name: 'Receivable aging' })).toBeVisible();
  await expect(page.getByLabel('As of')).toHaveValue(today);
  await expect(page.getByTestId('aging-control')).toContainText('They agree.');

  await page.getByLabel('As of').fill(later);
  await expect(page).toHaveURL(new RegExp(`#/collections/aging/${later}$`));
  await page.getByLabel('Service').selectOption('fees');
  await expect(page.getByTestId('aging-status')).toContainText(`As of ${later}`);
  await page.getByRole('button', { name: /31–60 days past due: list its accounts/ }).click();
  await expect(page).toHaveURL(new RegExp(`#/collections/aging/${later}/31-60$`));

  const grid = page.getByRole('grid', { name: 'Accounts in the bucket' });
  const row = grid.locator(`[data-account-id="${account.accountId}"]`);
  await expect(row).toContainText(account.accountNumber);
  // In the bucket, all open, oldest: $35.00, $35.00, 40 days.
  await expect(row.getByRole('gridcell').nth(3)).toHaveText('$35.00');
  await expect(row.getByRole('gridcell').nth(4)).toHaveText('$35.00');
  await expect(row.getByRole('gridcell').nth(5)).toHaveText('40');
  await expect(page.getByTestId('aging-control')).toContainText('They agree.');

  // The same figure from the operation itself, and nothing for the account the day before the fee.
  const clerk = await apiLogin(request, DEMO_USERS.clerk);
  const drill = await must<AgingReport>(request, 'collections.aging', { asOf: later, service: 'fees', accountsIn: '31-60' }, clerk);
  expect(drill.accounts?.find((entry) => entry.accountId === account.accountId)?.bucketCents).toBe(SETUP_FEE_CENTS);
  const before = await must<AgingReport>(request, 'collections.aging', { asOf: plusDays(today, -1), accountsIn: 'current' }, clerk);
  expect(before.accounts?.some((entry) => entry.accountId === account.accountId)).toBe(false);

  // Keyboard: choose the row, Enter opens the account page.
  await row.click();
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await grid.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/accounts/${account.accountId}$`));
});
