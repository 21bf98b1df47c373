/**
 * The account page's Collections panel: days delinquent and the earliest lawful shut-off date
 * from the guard, recording a written notice, and a shut-off order refused by the operation with
 * its reason announced (role=alert) in the dialog. Nothing is scheduled, so no work order or
 * drawer is left behind for later specs.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import type { AccountDetail } from '../../src-shared/contract/accounts';
import type { AccountCollections } from '../../src-shared/contract/collections';
import { apiLogin, callOperation, DEMO_USERS, logIn } from './support';

async function residentialAccount(request: APIRequestContext, token: string): Promise<AccountDetail> {
  for (let accountId = 170; accountId <= 200; accountId += 1) {
    const account = (await callOperation(request, 'accounts.get', { accountId }, token)).value as AccountDetail | undefined;
    if (account?.status === 'active' && account.services.some((service) => service.rateClass === 'residential')) return account;
  }
  throw new Error('No active residential account from #170');
}

test('collections panel: record a notice, and a shut-off the law forbids is refused with its rules', async ({ page, request }) => {
  const token = await apiLogin(request, DEMO_USERS.technician);
  const account = await residentialAccount(request, token);
  await logIn(page, DEMO_USERS.technician);
  await page.goto(`/#/accounts/${account.accountId}`);
  const panel = page.getByTestId('collections-panel');
  await expect(panel.getByRole('heading', { name: 'Collections' })).toBeVisible();
  await expect(panel.getByText('Residential: SB 998 applies')).toBeVisible();

  await panel.getByRole('button', { name: 'Record notice…' }).click();
  const notice = page.getByRole('dialog', { name: `Record a notice to account ${account.accountNumber}` });
  await expect(notice.getByLabel('What was given')).toBeFocused();
  await notice.getByLabel('What was given').selectOption('written_notice');
  await notice.getByRole('button', { name: 'Record notice' }).click();
  await expect(page.getByText(/^Written notice of \d{4}-\d{2}-\d{2} recorded/)).toBeVisible();
  await expect(panel.getByText(/^Written notice, \d{4}-\d{2}-\d{2}$/)).toBeVisible();

  // A notice given today: 7 business days must pass, so a shut-off today is refused by the operation.
  await panel.getByRole('button', { name: 'Order shut-off…' }).click();
  const dialog = page.getByRole('dialog', { name: `Order a shut-off of account ${account.accountNumber}` });
  await dialog.getByRole('button', { name: 'Order shut-off' }).click();
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText(/A shut-off on \d{4}-\d{2}-\d{2} is not allowed\./);
  await expect(alert).toContainText('[notice_seven_business_days]');
  await expect(dialog.getByLabel('Shut off on')).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  const view = (await callOperation(request, 'collections.account', { accountId: account.accountId }, token)).value as AccountCollections;
  expect(view.notices.at(-1)?.kind).toBe('written_notice');
  const orders = (await callOperation(request, 'workOrders.list', { accountId: account.accountId, status: 'open' }, token)).value as { type: string }[];
  expect(orders.filter((order) => order.type === 'shutoff')).toEqual([]);
});
