/**
 * Two windows on one office: what one changes, the other shows without a reload (the change feed,
 * src-shared/contract/changes.ts). A clerk has an account open; a technician at another PC charges
 * a fee to it; the clerk's balance and ledger follow within a few seconds. A call logged at another
 * PC shows in the clerk's open contact log the same way (the log no longer reloads by hand).
 */
import { expect, test } from '@playwright/test';
import type { AccountDetail } from '../../src-shared/contract/accounts';
import { formatBalance } from '../../src-renderer/ui/format';
import { apiLogin, callOperation, DEMO_USERS, logIn } from './support';

test('a fee charged at another PC shows on the clerk’s open account page without a reload', async ({ page, request }) => {
  const technician = await apiLogin(request, DEMO_USERS.technician);
  const account = (await callOperation(request, 'accounts.get', { accountId: 12 }, technician)).value as AccountDetail;

  await logIn(page, DEMO_USERS.clerk);
  await page.goto(`/#/accounts/${account.accountId}`);
  await expect(page.getByTestId('account-balance')).toHaveText(formatBalance(account.balanceCents));
  let reloads = 0;
  page.on('framenavigated', () => (reloads += 1));

  const charged = await callOperation(request, 'billing.chargeFee', { accountId: account.accountId, code: 'SETUP', note: 'Charged at the other counter' }, technician, crypto.randomUUID());
  expect(charged.ok, JSON.stringify(charged.error)).toBe(true);
  // SETUP is $35.00 in the demo rates.
  await expect(page.getByTestId('account-balance')).toHaveText(formatBalance(account.balanceCents + 3_500), { timeout: 6_000 });
  await expect(page.locator('table.ledger tbody tr').filter({ hasText: '$35.00' })).toHaveCount(1);
  expect(reloads).toBe(0);
});

test('a call logged at another PC shows in the clerk’s open contact log without a reload', async ({ page, request }) => {
  const other = await apiLogin(request, DEMO_USERS.technician);
  const accountId = 14;
  const subject = `Asked about the leak credit ${crypto.randomUUID().slice(0, 8)}`;
  await logIn(page, DEMO_USERS.clerk);
  await page.goto(`/#/accounts/${accountId}/contacts`);
  const logged = page.getByRole('list', { name: 'Logged contacts' }).getByRole('listitem');
  const section = page.getByRole('region', { name: 'Contact log' });
  await expect(section).toBeVisible();
  // Count what the office holds, then wait for the page to show it: the list loads after the section.
  const listed = await callOperation(request, 'contacts.list', { accountId }, other);
  expect(listed.ok, JSON.stringify(listed.error)).toBe(true);
  const before = (listed.value as unknown[]).length;
  await expect(logged).toHaveCount(before);
  let reloads = 0;
  page.on('framenavigated', () => (reloads += 1));

  const added = await callOperation(request, 'contacts.add', { accountId, channel: 'phone', subject, notes: 'Logged at the other counter' }, other, crypto.randomUUID());
  expect(added.ok, JSON.stringify(added.error)).toBe(true);
  await expect(logged.filter({ hasText: subject })).toHaveCount(1, { timeout: 6_000 });
  await expect(logged).toHaveCount(before + 1);
  expect(reloads).toBe(0);
});
