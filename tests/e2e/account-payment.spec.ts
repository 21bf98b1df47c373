/**
 * Issue #15, item 5: from an account page, "Take payment" opens the counter's payment form with
 * that account on it (no second search); the receipt links to its account, and the account page
 * leads back to the receipt. Item 11: once voided, the receipt says by whom and shows the balance
 * as it stands, not "now $0.00".
 */
import { expect, test, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import type { AccountSearchHit } from '../../src-shared/contract/accounts';
import { formatCents } from '../../src-shared/money';
import { apiLogin, callOperation, DEMO_PASSWORD, DEMO_USERS, logIn } from './support';

/**
 * A clerk of this test's own at Counter 3 (the demo clerk's drawer belongs to cash.spec's day), with
 * an empty drawer open, and an active demo account that owes something. At the end the drawer is
 * closed with nothing to deposit (its one payment voided), so cash.spec's end of day finds every
 * drawer settled.
 */
const CLERK = 'counter3';

async function owingAccountAndDrawer(page: Page): Promise<AccountSearchHit> {
  const supervisor = await apiLogin(page.request, DEMO_USERS.supervisor);
  await callOperation(page.request, 'users.create', { username: CLERK, displayName: 'Cora Counter', role: 'clerk', password: DEMO_PASSWORD }, supervisor, randomUUID());
  const token = await apiLogin(page.request, CLERK);
  const found = await callOperation(page.request, 'accounts.search', { query: 'Dr', limit: 100, includeClosed: false }, token);
  // Since the demo has a year of bills and payments, about a third of its accounts owe; a street
  // type many share finds enough. The third owing one: cash.spec takes the first two, batches the last two.
  const owing = (found.value as AccountSearchHit[]).filter((hit) => hit.balanceCents > 1_000 && hit.status === 'active').slice(2);
  expect(owing.length).toBeGreaterThanOrEqual(1);
  const drawer = await callOperation(page.request, 'drawer.current', {}, token);
  if (!drawer.value) {
    const opened = await callOperation(page.request, 'drawer.open', { workstation: 'Counter 3', floatCounts: {} }, token, randomUUID());
    expect(opened.ok, JSON.stringify(opened.error)).toBe(true);
  }
  return owing[owing.length - 1] as AccountSearchHit;
}

test('take payment from the account page, the receipt to its account and back, then a void says so', async ({ page }) => {
  test.setTimeout(90_000);
  const account = await owingAccountAndDrawer(page);
  const owed = formatCents(account.balanceCents);
  await logIn(page, CLERK);
  const base = page.url().split('#')[0];
  await page.goto(`${base}#/accounts/${account.accountId}`);
  await expect(page.getByTestId('account-balance')).toHaveText(owed);

  // "Take payment": the counter, with this account and its balance already on the payment.
  await page.getByRole('link', { name: 'Take payment' }).click();
  await expect(page).toHaveURL(new RegExp(`#/cash/counter/account/${account.accountId}$`));
  await expect(page.getByLabel(`Paying on ${account.accountNumber}`)).toHaveValue((account.balanceCents / 100).toFixed(2));
  await expect(page.getByLabel('Cash handed over')).toBeFocused();
  await expect(page.getByRole('combobox', { name: 'Account' })).toHaveValue('');
  await page.keyboard.type((account.balanceCents / 100).toFixed(2));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('receipt-change')).toContainText('Change due $0.00');
  const receiptNumber = (await page.getByTestId('receipt-number').textContent()) ?? '';
  expect(receiptNumber).toMatch(/^R\d{7}$/);
  // Paid: the address no longer names the account, so the next payment starts blank.
  await expect(page).toHaveURL(/#\/cash\/counter$/);
  await expect(page.getByTestId(`receipt-balance-${account.accountNumber}`)).toHaveText('now $0.00');

  // The receipt → its account (paid up) → back to the receipt.
  await page.getByRole('link', { name: `Open account ${account.accountNumber}` }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`Account ${account.accountNumber}`) })).toBeVisible();
  await expect(page.getByTestId('account-balance')).toHaveText('$0.00');
  await page.getByRole('link', { name: `← Back to receipt ${receiptNumber}` }).click();
  await expect(page.getByRole('region', { name: `Receipt ${receiptNumber}` })).toBeVisible();

  // Void it at the counter: the receipt says who voided and who approved, and the balance today.
  await page.goto(`${base}#/cash/counter`);
  await page.getByRole('button', { name: `Void ${receiptNumber}` }).click();
  await page.getByLabel('Reason').fill('Paid the wrong account');
  await page.getByRole('button', { name: 'Void payment' }).click();
  await page.getByLabel('Supervisor user name').fill(DEMO_USERS.supervisor);
  await page.getByLabel('Supervisor password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('receipt-undone')).toContainText(/^Voided .+ by .+, approved by .+: Paid the wrong account — this payment no longer counts\.$/);
  await expect(page.getByTestId(`receipt-balance-${account.accountNumber}`)).toHaveText(`balance today ${owed}`);

  // The voided cash went back: the drawer closes holding only its (empty) float, nothing for the
  // bank. It is settled without a deposit, so cash.spec's end of day still finalises.
  const token = await apiLogin(page.request, CLERK);
  const drawer = (await callOperation(page.request, 'drawer.current', {}, token)).value as { drawerId: number };
  const closed = await callOperation(page.request, 'drawer.close', { drawerId: drawer.drawerId, entryId: randomUUID(), count: { cash: {}, items: [] } }, token, randomUUID());
  expect(closed.ok, JSON.stringify(closed.error)).toBe(true);
  expect(closed.value).toMatchObject({ status: 'closed', nothingToDeposit: true });
  const supervisor = await apiLogin(page.request, DEMO_USERS.supervisor);
  const refused = await callOperation(page.request, 'deposit.preview', { drawerIds: [drawer.drawerId] }, supervisor);
  expect(refused.error?.message).toContain('has nothing to deposit');
});
