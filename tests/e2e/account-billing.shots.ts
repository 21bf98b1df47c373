/**
 * Pictures of the account page's billing actions for a person to look at (npm run screenshots):
 * the action buttons, Charge a fee (the list, a percentage fee with its base, the confirmation),
 * the hold dialog and banner, Move out (the form with the last reading and the deposit, and the
 * final bill with the refund or balance due) and the closed account. An account of cycle 2 or 3 (the meter-read pictures need cycles 1 and 4 unread).
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { AccountDetail, MeterReadRow } from '../../src-shared/contract/accounts';
import { apiLogin, callOperation, DEMO_USERS, logIn } from './support';

const folder = process.env.BILLING_OFFICE_SHOTS ?? '/tmp/billing-office-shots';
const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: `${folder}/${name}.png`, fullPage });

async function findAccount(request: APIRequestContext, token: string, fromId: number, fits: (account: AccountDetail) => boolean): Promise<AccountDetail> {
  for (let accountId = fromId; accountId <= 200; accountId += 1) {
    const result = await callOperation(request, 'accounts.get', { accountId }, token);
    const account = result.value as AccountDetail | undefined;
    if (result.ok && account && account.status === 'active' && [2, 3].includes(account.location.cycle) && fits(account)) return account;
  }
  throw new Error(`No active cycle-2 or 3 account from #${fromId} fits`);
}

test('account billing actions', async ({ page, request }) => {
  test.setTimeout(90_000);
  const token = await apiLogin(request, DEMO_USERS.technician);
  const account = await findAccount(request, token, 100, (candidate) => candidate.depositHeldCents > 0);

  await logIn(page, DEMO_USERS.technician);
  await page.goto(`/#/accounts/${account.accountId}`);
  await expect(page.getByRole('group', { name: 'Billing actions' })).toBeVisible();
  await shot(page, 'account-billing-01-actions');

  await page.getByRole('button', { name: 'Charge a fee…' }).click();
  const fee = page.getByRole('dialog', { name: `Charge a fee to account ${account.accountNumber}` });
  await expect(fee.getByRole('radio', { name: /^Account set-up/ })).toBeChecked();
  await shot(page, 'account-billing-02-fee-list');
  await fee.getByRole('radio', { name: /^Late charge/ }).check();
  await fee.getByLabel('Amount the 10% is of, in dollars').fill('84.20');
  await fee.getByLabel('Note (optional, kept in the ledger)').fill('October bill unpaid');
  await shot(page, 'account-billing-03-fee-percent');
  await fee.getByRole('button', { name: 'Review…' }).click();
  await expect(page.getByRole('dialog', { name: 'Confirm the fee' })).toBeVisible();
  await shot(page, 'account-billing-04-fee-confirm');
  await page.getByRole('button', { name: 'Charge $8.42' }).click();
  await expect(page.getByText(/^Charged Late charge/)).toBeVisible();
  await shot(page, 'account-billing-05-fee-charged');

  await page.getByRole('button', { name: 'Hold from billing…' }).click();
  await page.getByLabel('Reason for the hold').fill('Disputed usage; leak adjustment pending');
  await shot(page, 'account-billing-06-hold-dialog');
  await page.getByLabel('Reason for the hold').press('Enter');
  await expect(page.getByTestId('bill-hold-banner')).toBeVisible();
  await shot(page, 'account-billing-07-hold-banner');
  await page.getByTestId('bill-hold-banner').getByRole('button', { name: 'Release hold' }).click();
  await expect(page.getByTestId('bill-hold-banner')).toHaveCount(0);

  const reads = (await callOperation(request, 'accounts.reads', { accountId: account.accountId, limit: 1 }, token)).value as MeterReadRow[];
  await page.getByRole('button', { name: 'Move out…' }).click();
  const form = page.getByRole('dialog', { name: `Move out: close account ${account.accountNumber}` });
  await expect(form.getByTestId('last-reading')).toContainText('Last reading');
  await form.getByLabel('Final reading').fill(String(Number(reads[0]!.reading) + 9));
  await shot(page, 'account-billing-08-move-out-form');
  await form.getByRole('button', { name: 'Post the final bill and close' }).click();
  await expect(page.getByRole('dialog', { name: `Account ${account.accountNumber} closed` })).toBeVisible();
  await shot(page, 'account-billing-09-move-out-done');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Closed');
  await shot(page, 'account-billing-10-closed');
});
