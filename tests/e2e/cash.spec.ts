/**
 * The cash drawer end to end, as a clerk and a supervisor work it: open the drawer with a float
 * counted from the keyboard, take a cash payment with change using only the keyboard, take a
 * check, void it with a supervisor's approval, close the drawer $1.00 short with a reason, then
 * (as the supervisor) deposit the drawer and print the deposit slip and end-of-day report.
 * Figures: float $200.00 = 5×$20 + 5×$10 + 6×$5 + 15×$1 + 16 quarters + 5 dimes + 6 nickels + 20
 * pennies. The cash account owes B; the customer hands over the next whole $20 above B plus $20,
 * so the change is that minus B. Expected cash = $200.00 + B; counted $1.00 less.
 */
import { expect, test, type Page, type Response } from '@playwright/test';
import type { AccountSearchHit } from '../../src-shared/contract/accounts';
import { formatCents } from '../../src-shared/money';
import { apiLogin, callOperation, DEMO_PASSWORD, DEMO_USERS, logIn } from './support';

/** Two demo accounts that owe something, not closed. */
async function owingAccounts(page: Page): Promise<[AccountSearchHit, AccountSearchHit]> {
  const token = await apiLogin(page.request, DEMO_USERS.clerk);
  const found = await callOperation(page.request, 'accounts.search', { query: 'Dr', limit: 100, includeClosed: false }, token);
  const owing = (found.value as AccountSearchHit[]).filter((hit) => hit.balanceCents > 1_000 && hit.status === 'active');
  expect(owing.length).toBeGreaterThanOrEqual(2);
  return [owing[0] as AccountSearchHit, owing[1] as AccountSearchHit];
}

/** A count of exactly this many cents in $100s, $1s and pennies, as the close screen's boxes. */
function countOf(totalCents: number): { bill_100: number; bill_1: number; coin_1: number } {
  const bill_100 = Math.floor(totalCents / 10_000);
  const bill_1 = Math.floor((totalCents % 10_000) / 100);
  return { bill_100, bill_1, coin_1: totalCents % 100 };
}

const isPdfAnswer = async (response: Response) => {
  const body = (await response.json()) as { ok: boolean; value?: { pdfBase64: string; fileName: string } };
  expect(body.ok).toBe(true);
  return Buffer.from(body.value?.pdfBase64 ?? '', 'base64').subarray(0, 5).toString();
};

test('a drawer day: float, keyboard cash payment with change, check, void, short close, deposit slip and end of day', async ({ page }) => {
  test.setTimeout(120_000);
  const [cashAccount, checkAccount] = await owingAccounts(page);
  await logIn(page, DEMO_USERS.clerk);
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { name: 'Cash drawer' })).toBeVisible();

  // Open: the float, tabbing down the count sheet ($100, $50 left blank).
  await expect(page.getByLabel('$100 bills')).toBeFocused();
  for (const keys of ['', '', '5', '5', '6', '', '15', '', '', '16', '5', '6', '20']) {
    if (keys) await page.keyboard.type(keys);
    await page.keyboard.press('Tab');
  }
  await expect(page.getByTestId('count-total')).toHaveText('Total $200.00');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Cash expected')).toBeVisible();
  await expect(page.getByTestId('expected-cash')).toHaveText('$200.00');

  // A cash payment with change, keyboard only.
  const owedCents = cashAccount.balanceCents;
  const handedCents = (Math.floor(owedCents / 2_000) + 1) * 2_000 + 2_000;
  await expect(page.getByRole('combobox', { name: 'Account' })).toBeFocused();
  await page.keyboard.type(cashAccount.accountNumber);
  await expect(page.getByRole('option', { name: new RegExp(cashAccount.accountNumber) })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Cash handed over')).toBeFocused();
  await page.keyboard.type(String(handedCents / 100));
  await expect(page.getByTestId('change-due')).toContainText(`Change due ${formatCents(handedCents - owedCents)}`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('receipt-change')).toContainText(`Change due ${formatCents(handedCents - owedCents)}`);
  const cashReceipt = (await page.getByTestId('receipt-number').textContent()) ?? '';
  expect(cashReceipt).toMatch(/^R\d{7}$/);
  // A second Enter on the cleared form posts nothing: it asks for an account.
  await expect(page.getByRole('combobox', { name: 'Account' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Find the account being paid')).toBeVisible();
  await expect(page.getByTestId('expected-cash')).toHaveText(formatCents(20_000 + owedCents));

  // A check for the second account's balance.
  await page.getByRole('combobox', { name: 'Account' }).fill(checkAccount.accountNumber);
  await expect(page.getByRole('option', { name: new RegExp(checkAccount.accountNumber) })).toBeVisible();
  await page.keyboard.press('Enter');
  await page.getByLabel('Tender 1').selectOption('check');
  await expect(page.getByLabel('Amount', { exact: true })).toHaveValue((checkAccount.balanceCents / 100).toFixed(2));
  await page.getByLabel('Check number').fill('4471');
  await page.getByLabel('Bank (optional)').fill('Valley Bank');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('receipt-change')).toContainText('Change due $0.00');
  const checkReceipt = (await page.getByTestId('receipt-number').textContent()) ?? '';
  expect(checkReceipt).not.toBe(cashReceipt);

  // Void the check: a reason, then the supervisor's approval at the counter.
  await page.getByRole('button', { name: `Void ${checkReceipt}` }).click();
  await page.getByLabel('Reason').fill('Customer paid the wrong account');
  await page.getByRole('button', { name: 'Void payment' }).click();
  await expect(page.getByRole('heading', { name: 'Supervisor approval needed' })).toBeVisible();
  await page.getByLabel('Supervisor user name').fill(DEMO_USERS.supervisor);
  await page.getByLabel('Supervisor password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.locator(`tr[data-receipt="${checkReceipt}"]`)).toContainText('Voided');

  // Close $1.00 short: the reason is required, then the drawer locks.
  await page.getByRole('tab', { name: 'Close drawer' }).click();
  const counted = countOf(20_000 + owedCents - 100);
  await page.getByLabel('$100 bills').fill(String(counted.bill_100));
  await page.getByLabel('$1 bills').fill(String(counted.bill_1));
  await page.getByLabel('Pennies', { exact: true }).fill(String(counted.coin_1));
  await expect(page.getByTestId('over-short')).toHaveText('Drawer short $1.00');
  await page.getByRole('button', { name: 'Close and lock the drawer' }).click();
  await expect(page.locator('.field-error')).toContainText(/reason/i);
  await page.getByLabel('Reason for any over/short').fill('Miscounted change, suspected');
  await page.getByRole('button', { name: 'Close and lock the drawer' }).click();
  await expect(page.getByText(/is closed and locked — short \$1\.00/)).toBeVisible();

  // The supervisor deposits the drawer and prints the slip and the end-of-day report.
  await page.getByRole('button', { name: 'Log out' }).click();
  await logIn(page, DEMO_USERS.supervisor);
  await page.goto(`${page.url().split('#')[0]}#/cash/supervisor`);
  const drawerBox = page.getByRole('checkbox', { name: /Deposit drawer/ });
  await expect(drawerBox).toHaveCount(1);
  // Before the deposit the day cannot be finalised: the button says why instead of doing nothing.
  await expect(page.getByRole('button', { name: 'Finalise the day…' })).toBeDisabled();
  await expect(page.getByTestId('finalise-why')).toContainText(/Cannot finalise yet: drawer \d+ \(.*\) is closed but not deposited/);
  await drawerBox.check();
  await page.getByRole('button', { name: 'Make the deposit of 1 drawer…' }).click();
  // The totals first; nothing is posted until they are confirmed.
  const depositCents = owedCents - 100;
  const confirmDeposit = page.getByRole('dialog', { name: 'Confirm the deposit' });
  await expect(confirmDeposit.getByTestId('deposit-total')).toHaveText(formatCents(depositCents));
  await confirmDeposit.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('checkbox', { name: /Deposit drawer/ })).toHaveCount(1);
  await page.getByRole('button', { name: 'Make the deposit of 1 drawer…' }).click();
  await confirmDeposit.getByRole('button', { name: `Make the deposit of ${formatCents(depositCents)}` }).click();
  await expect(page.getByText(`total ${formatCents(depositCents)}`)).toBeVisible();

  const slipAnswer = page.waitForResponse((response) => response.url().endsWith('/api/op/deposit.slipPdf'));
  await page.getByRole('button', { name: 'Print deposit slip' }).click();
  expect(await isPdfAnswer(await slipAnswer)).toBe('%PDF-');
  await expect(page.getByRole('link', { name: /Download deposit-\d+\.pdf/ }).first()).toBeVisible();

  await expect(page.getByText('Every check agrees: the day can be finalised.')).toBeVisible();
  const reportAnswer = page.waitForResponse((response) => response.url().endsWith('/api/op/endOfDay.pdf'));
  await page.getByRole('button', { name: 'Print end-of-day report' }).click();
  expect(await isPdfAnswer(await reportAnswer)).toBe('%PDF-');
  await expect(page.getByRole('link', { name: /Download end-of-day-.*\.pdf/ })).toBeVisible();
  await expect(page.getByTestId('finalise-why')).toHaveCount(0);
  await page.getByRole('button', { name: 'Finalise the day…' }).click();
  const confirmFinalise = page.getByRole('dialog', { name: /^Finalise / });
  // The day's register (other specs' payments too when run together), as the main process has it.
  const day = await callOperation(page.request, 'endOfDay.report', { businessDate: new Date().toLocaleDateString('en-CA') }, await apiLogin(page.request, DEMO_USERS.supervisor));
  const registerCents = (day.value as { paymentRegisterCents: number }).paymentRegisterCents;
  expect(registerCents).toBeGreaterThanOrEqual(owedCents);
  await expect(confirmFinalise.getByTestId('finalise-payments')).toHaveText(formatCents(registerCents));
  await confirmFinalise.getByRole('button', { name: 'Finalise the day' }).click();
  await expect(page.getByText(/Finalised by/)).toBeVisible();
  // The draft PDF made before is gone; the button now makes the finalised one.
  await expect(page.getByRole('link', { name: /Download end-of-day-.*\.pdf/ })).toHaveCount(0);
  const finalAnswer = page.waitForResponse((response) => response.url().endsWith('/api/op/endOfDay.pdf'));
  await page.getByRole('button', { name: 'Print the finalised end-of-day report' }).click();
  expect(await isPdfAnswer(await finalAnswer)).toBe('%PDF-');

  // The Reports page lists the day's report and its deposit slip (not "Not available yet").
  await page.goto(`${page.url().split('#')[0]}#/reports`);
  const days = page.getByRole('region', { name: 'End-of-day and deposit reports' });
  await expect(days.locator('tbody tr').first()).toContainText('Finalised by');
  await expect(days.getByRole('button', { name: new RegExp(`Deposit #\\d+, ${formatCents(depositCents).replace('$', '\\$')}`) })).toBeVisible();
  await expect(page.getByText('end-of-day and bank-deposit reports')).toHaveCount(0);
});
