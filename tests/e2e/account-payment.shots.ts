/**
 * Pictures for people (npm run screenshots), at a laptop's 1366×768 and a desk's 1920×1080: the
 * account page with "Take payment", the counter opened for that account, the receipt with its
 * account link, the account reached from the receipt (with the way back), the voided receipt
 * with the balance today, and the ledger with a reversal said once. The receipt PDFs (fresh and
 * voided) are written beside them to be looked at too.
 */
import { expect, test, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AccountSearchHit } from '../../src-shared/contract/accounts';
import type { Receipt } from '../../src-shared/contract/payments';
import { apiLogin, callOperation, DEMO_PASSWORD, DEMO_USERS, logIn } from './support';

const folder = process.env.BILLING_OFFICE_SHOTS ?? '/tmp/billing-office-shots';
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

async function shots(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${folder}/${name}-${size.width}x${size.height}.png` });
  }
}

async function owing(page: Page, token: string, skip: number): Promise<AccountSearchHit> {
  const found = await callOperation(page.request, 'accounts.search', { query: 'St', limit: 100, includeClosed: false }, token);
  const rows = (found.value as AccountSearchHit[]).filter((hit) => hit.balanceCents > 1_000 && hit.status === 'active');
  expect(rows.length).toBeGreaterThan(skip);
  return rows[skip] as AccountSearchHit;
}

async function savePdf(page: Page, token: string, paymentId: string, name: string): Promise<void> {
  for (const layout of ['letter', 'roll80'] as const) {
    const pdf = await callOperation(page.request, 'payments.receiptPdf', { paymentId, layout }, token);
    expect(pdf.ok, JSON.stringify(pdf.error)).toBe(true);
    writeFileSync(`${folder}/${name}-${layout}.pdf`, Buffer.from((pdf.value as { pdfBase64: string }).pdfBase64, 'base64'));
  }
}

test('account page, take payment, receipt and account, voided receipt, reversal in the ledger', async ({ page }) => {
  test.setTimeout(120_000);
  mkdirSync(folder, { recursive: true });
  const clerkToken = await apiLogin(page.request, DEMO_USERS.clerk);
  const drawer = await callOperation(page.request, 'drawer.current', {}, clerkToken);
  if (!drawer.value) await callOperation(page.request, 'drawer.open', { workstation: 'Counter 2', floatCounts: { bill_20: 10 } }, clerkToken, randomUUID());
  const account = await owing(page, clerkToken, 6);

  await logIn(page, DEMO_USERS.clerk);
  const base = page.url().split('#')[0];
  await page.goto(`${base}#/accounts/${account.accountId}`);
  await expect(page.getByRole('link', { name: 'Take payment' })).toBeVisible();
  await shots(page, 'account-payment-01-account-page');

  await page.getByRole('link', { name: 'Take payment' }).click();
  await expect(page.getByLabel(`Paying on ${account.accountNumber}`)).toBeVisible();
  await shots(page, 'account-payment-02-counter-for-account');

  await page.getByLabel('Cash handed over').fill(String(Math.ceil(account.balanceCents / 2_000) * 20));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('receipt-change')).toBeVisible();
  const receiptNumber = (await page.getByTestId('receipt-number').textContent()) ?? '';
  await shots(page, 'account-payment-03-receipt-with-account-link');

  await page.getByRole('link', { name: `Open account ${account.accountNumber}` }).click();
  await expect(page.getByRole('link', { name: `← Back to receipt ${receiptNumber}` })).toBeVisible();
  await shots(page, 'account-payment-04-account-from-receipt');

  const listed = await callOperation(page.request, 'payments.receipt', { receiptNumber }, clerkToken);
  const paymentId = (listed.value as Receipt).paymentId;
  await savePdf(page, clerkToken, paymentId, 'account-payment-receipt');

  await page.goto(`${base}#/cash/counter`);
  await page.getByRole('button', { name: `Void ${receiptNumber}` }).click();
  await page.getByLabel('Reason').fill('Paid the wrong account');
  await page.getByRole('button', { name: 'Void payment' }).click();
  await page.getByLabel('Supervisor user name').fill(DEMO_USERS.supervisor);
  await page.getByLabel('Supervisor password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('receipt-undone')).toBeVisible();
  await expect(page.getByTestId(`receipt-balance-${account.accountNumber}`)).toContainText('balance today $');
  await shots(page, 'account-payment-05-voided-receipt');
  await savePdf(page, clerkToken, paymentId, 'account-payment-receipt-voided');

  // A reversal in the ledger: an adjustment and its reversal, by the supervisor.
  const superToken = await apiLogin(page.request, DEMO_USERS.supervisor);
  const adjustment = randomUUID();
  await callOperation(page.request, 'ledger.adjust', { entryId: adjustment, accountId: account.accountId, amountCents: 1_500, reason: 'Meter test fee charged twice' }, superToken, adjustment);
  const reversal = randomUUID();
  const reversed = await callOperation(page.request, 'ledger.reverse', { entryId: reversal, originalEntryId: adjustment, reason: 'The fee was charged once already' }, superToken, reversal);
  expect(reversed.ok, JSON.stringify(reversed.error)).toBe(true);
  await page.goto(`${base}#/accounts/${account.accountId}/ledger`);
  await expect(page.locator('table.ledger tbody tr').first()).toContainText('Undoes an adjustment — The fee was charged once already');
  await shots(page, 'account-payment-06-ledger-reversal');
});
