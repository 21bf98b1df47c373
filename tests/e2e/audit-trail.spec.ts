/**
 * Settings › Audit trail (issue #15 item 11): records in words, the filter (user, what, account,
 * days) run by the main process, the raw record on demand, and refusals beside their field.
 */
import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import type { AccountDetail } from '../../src-shared/contract/accounts';
import { apiLogin, callOperation, DEMO_USERS, logIn } from './support';

const ACCOUNT_ID = 11;

test('a supervisor reads the trail in words, filters it, and opens a record', async ({ page, request }) => {
  const tech = await apiLogin(request, DEMO_USERS.technician);
  const account = (await callOperation(request, 'accounts.get', { accountId: ACCOUNT_ID }, tech)).value as AccountDetail;
  const fee = await callOperation(request, 'billing.chargeFee', { accountId: ACCOUNT_ID, code: 'SETUP', note: 'e2e audit' }, tech, randomUUID());
  expect(fee.ok, JSON.stringify(fee.error)).toBe(true);
  const hold = await callOperation(request, 'billing.setHold', { accountId: ACCOUNT_ID, reason: 'meter test pending' }, tech, randomUUID());
  expect(hold.ok, JSON.stringify(hold.error)).toBe(true);
  expect((await callOperation(request, 'billing.setHold', { accountId: ACCOUNT_ID, reason: null }, tech, randomUUID())).ok).toBe(true);
  const { customer } = account;
  const name = customer.kind === 'business' ? customer.businessName : `${customer.lastName}, ${customer.firstName}`;
  const label = `account ${account.accountNumber} (${name})`;

  await logIn(page, DEMO_USERS.supervisor);
  await page.goto('/#/settings/audit');
  await expect(page.getByRole('heading', { name: 'Audit trail' })).toBeVisible();
  const records = page.getByRole('list', { name: 'Audit records' });
  await expect(records.getByText(`Tomás Rivera released ${label} for billing`)).toBeVisible();
  await expect(records.getByText(`Tomás Rivera held ${label} out of bill runs: “meter test pending”`)).toBeVisible();
  // No raw operation names or JSON in the list itself.
  await expect(records).not.toContainText('billing.setHold');
  await expect(records).not.toContainText('{');

  // By account: only what touched it.
  await page.getByLabel('Account').fill(account.accountNumber);
  await page.getByLabel('Account').press('Enter');
  await expect(page.getByRole('status')).toHaveText(/^\d+ records? match the filter\.$/);
  const sentences = await records.locator('.audit-sentence').allTextContents();
  expect(sentences.length).toBeGreaterThanOrEqual(3);
  for (const sentence of sentences) expect(sentence).toContain(account.accountNumber);

  // By user and what: the fee alone; its details show the record as stored.
  await page.getByLabel('User').selectOption({ label: 'Tomás Rivera (tech)' });
  await page.getByLabel('What').selectOption({ label: 'Charge a fee' });
  await page.getByRole('button', { name: 'Filter' }).click();
  const feeLine = records.getByText(`Tomás Rivera charged the account set-up fee ($35.00) to ${label}: “e2e audit”`);
  await expect(feeLine).toBeVisible();
  await expect(records.getByRole('listitem')).toHaveCount(1);
  const details = records.getByRole('button', { name: /^Details/ });
  await details.focus();
  await page.keyboard.press('Enter');
  await expect(records.getByRole('button', { name: /^Hide details/ })).toHaveAttribute('aria-expanded', 'true');
  await expect(records.getByLabel(/^Input of record/)).toContainText('"code": "SETUP"');
  await expect(records.getByText('billing.chargeFee')).toBeVisible();

  // Days: none tomorrow; a "from" after the "to" is refused beside "To", and focus goes there.
  const tomorrow = new Date(Date.now() + 86_400_000);
  const day = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;
  await page.getByLabel('From').fill(day);
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByRole('status')).toHaveText('No records match the filter.');
  await page.getByLabel('To').fill('2020-01-01');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByText('The "from" day is after the "to" day')).toBeVisible();
  await expect(page.getByLabel('To')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('To')).toBeFocused();

  // An account that does not exist is said so beside the account box.
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(page.getByLabel('To')).toHaveValue('');
  await page.getByLabel('Account').fill('999999-99');
  await page.getByLabel('Account').press('Enter');
  await expect(page.getByText('There is no account 999999-99; check the number (like 000123-01)')).toBeVisible();
  await expect(page.getByLabel('Account')).toHaveAttribute('aria-invalid', 'true');
});

test('a clerk cannot read the trail, in the window or by calling it', async ({ page, request }) => {
  await logIn(page, DEMO_USERS.clerk);
  await page.goto('/#/settings/audit');
  await expect(page.getByRole('heading', { name: 'Audit trail' })).toHaveCount(0);
  const token = await apiLogin(request, DEMO_USERS.clerk);
  expect((await callOperation(request, 'audit.recent', { accountNumber: '000001-01' }, token)).error?.code).toBe('FORBIDDEN');
  expect((await callOperation(request, 'audit.record', { seq: 1 }, token)).error?.code).toBe('FORBIDDEN');
});
