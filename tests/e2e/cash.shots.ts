/**
 * Pictures of the Cash drawer screens for a person to look at (npm run screenshots): the float
 * count, a split-tender payment over two accounts with its change due, the receipt, the void
 * with its approval, a mail batch, the close with a short, the supervisor's drawers and an
 * end-of-day report that does not balance yet, the deposit, and a lockbox file with a bad line.
 */
import { expect, test, type Page } from '@playwright/test';
import type { AccountSearchHit } from '../../src-shared/contract/accounts';
import { apiLogin, callOperation, DEMO_PASSWORD, DEMO_USERS, logIn } from './support';

const folder = process.env.BILLING_OFFICE_SHOTS ?? '/tmp/billing-office-shots';
const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: `${folder}/${name}.png`, fullPage });

async function owing(page: Page, count: number): Promise<AccountSearchHit[]> {
  const token = await apiLogin(page.request, DEMO_USERS.clerk);
  const found = await callOperation(page.request, 'accounts.search', { query: 'St', limit: 100, includeClosed: false }, token);
  return (found.value as AccountSearchHit[]).filter((hit) => hit.balanceCents > 1_000 && hit.status === 'active').slice(3, 3 + count);
}

async function addAccount(page: Page, accountNumber: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Account' }).fill(accountNumber);
  await expect(page.getByRole('option', { name: new RegExp(accountNumber) })).toBeVisible();
  await page.keyboard.press('Enter');
}

test('cash drawer screens', async ({ page }) => {
  test.setTimeout(120_000);
  const [a, b, c] = (await owing(page, 3)) as [AccountSearchHit, AccountSearchHit, AccountSearchHit];
  // The batch pays c again: its counter payment is voided below, so it still owes the same.
  const d = c;
  await logIn(page, DEMO_USERS.clerk);
  await page.goto(`${page.url().split('#')[0]}#/cash`);

  // The float, half counted.
  await page.getByLabel('$20 bills').fill('5');
  await page.getByLabel('$10 bills').fill('5');
  await page.getByLabel('$5 bills').fill('6');
  await page.getByLabel('$1 bills').fill('15');
  await page.getByLabel('Quarters', { exact: true }).fill('16');
  await shot(page, 'cash-01-open-drawer', true);
  await page.getByLabel('Dimes', { exact: true }).fill('5');
  await page.getByLabel('Nickels', { exact: true }).fill('6');
  await page.getByLabel('Pennies', { exact: true }).fill('20');
  await page.getByRole('button', { name: /Open drawer with \$200\.00/ }).click();

  // Searching as you type.
  await page.getByRole('combobox', { name: 'Account' }).fill(a.customerName.split(/[ ,]/)[0] ?? a.accountNumber);
  await expect(page.getByRole('listbox', { name: 'Matching accounts' })).toBeVisible();
  await shot(page, 'cash-02-search');
  await page.getByRole('combobox', { name: 'Account' }).fill('');

  // Two accounts on one receipt, a check and cash: change from the cash only.
  await addAccount(page, a.accountNumber);
  await addAccount(page, b.accountNumber);
  await page.getByLabel('Tender 1').selectOption('check');
  await page.getByLabel('Amount', { exact: true }).fill('50');
  await page.getByLabel('Check number').fill('1043');
  await page.getByLabel('Bank (optional)').fill('Valley Bank');
  await page.getByRole('button', { name: 'Add a tender (split payment)' }).click();
  await page.getByLabel('Tender 2').selectOption('cash');
  const totalCents = a.balanceCents + b.balanceCents;
  await page.getByLabel('Cash handed over').fill(String(Math.ceil((totalCents - 5_000) / 2_000) * 20 + 20));
  await shot(page, 'cash-03-split-tender', true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('receipt-number')).toBeVisible();

  // A plain cash payment, then the counter with its receipt and list.
  await addAccount(page, c.accountNumber);
  await page.keyboard.type(String(Math.ceil(c.balanceCents / 2_000) * 20 + 20));
  await shot(page, 'cash-04-change-due');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('receipt-change')).toBeVisible();
  await shot(page, 'cash-05-receipt', true);

  // Void with a supervisor's approval.
  const lastReceipt = (await page.getByTestId('receipt-number').textContent()) ?? '';
  await page.getByRole('button', { name: `Void ${lastReceipt}` }).click();
  await page.getByLabel('Reason').fill('Keyed to the wrong account');
  await shot(page, 'cash-06-void-reason');
  await page.getByRole('button', { name: 'Void payment' }).click();
  await page.getByLabel('Supervisor user name').fill(DEMO_USERS.supervisor);
  await page.getByLabel('Supervisor password').fill(DEMO_PASSWORD);
  await shot(page, 'cash-07-void-approval');
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.locator(`tr[data-receipt="${lastReceipt}"]`)).toContainText('Voided');
  await shot(page, 'cash-08-after-void', true);

  // A mail batch: control figures first, one entry of two keyed.
  await page.getByRole('tab', { name: 'Mail and drop box' }).click();
  await page.getByLabel('Control count (payments)').fill('2');
  await page.getByLabel('Control total ($)').fill(((d.balanceCents + 2_500) / 100).toFixed(2));
  await page.getByRole('button', { name: 'Open batch' }).click();
  await addAccount(page, d.accountNumber);
  await page.getByLabel('Tender 1').selectOption('check');
  await page.getByLabel('Check number').fill('2210');
  await page.getByLabel('Bank (optional)').fill('First Bank');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('batch-count-left')).toHaveText('1');
  await shot(page, 'cash-09-batch', true);

  // The close, $2.35 short against the cash expected.
  await page.getByRole('tab', { name: 'Close drawer' }).click();
  await page.getByLabel('$100 bills').fill('3');
  await page.getByLabel('$20 bills').fill('4');
  await page.getByLabel('Quarters', { exact: true }).fill('7');
  await expect(page.getByText(/Cash is (short|over) .*counted \$381\.75/)).toBeVisible();
  await shot(page, 'cash-10-close', true);

  // The supervisor's view while the drawer is still open: the report does not balance.
  await page.getByRole('button', { name: 'Log out' }).click();
  await logIn(page, DEMO_USERS.supervisor);
  await page.goto(`${page.url().split('#')[0]}#/cash/supervisor`);
  await expect(page.getByText(/Does not balance/)).toBeVisible();
  await shot(page, 'cash-11-supervisor', true);

  // A lockbox file with one bad amount.
  await page.getByRole('tab', { name: 'Lockbox' }).click();
  const csv = `Account_Number,Amount,Check_Number,Deposit_Date\n${a.accountNumber},12.50,501,2026-03-05\n${b.accountNumber},80.0O,502,2026-03-05\n99-99999,10.00,,2026-03-05\n`;
  await page.getByLabel('File from the bank').setInputFiles({ name: 'lockbox-0305.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByText(/Nothing can be imported/)).toBeVisible();
  await shot(page, 'cash-12-lockbox-problems', true);
});
