/** Pictures of the account page's Collections panel and a refused shut-off order (npm run screenshots). */
import { expect, test, type Page } from '@playwright/test';
import type { AccountDetail } from '../../src-shared/contract/accounts';
import { apiLogin, callOperation, DEMO_USERS, logIn } from './support';

const folder = process.env.BILLING_OFFICE_SHOTS ?? '/tmp/billing-office-shots';
const shot = (page: Page, name: string) => page.screenshot({ path: `${folder}/${name}.png` });

test('collections panel', async ({ page, request }) => {
  const token = await apiLogin(request, DEMO_USERS.technician);
  let account: AccountDetail | undefined;
  for (let accountId = 140; accountId <= 169 && !account; accountId += 1) {
    const candidate = (await callOperation(request, 'accounts.get', { accountId }, token)).value as AccountDetail | undefined;
    if (candidate?.status === 'active' && candidate.balanceCents > 0 && candidate.services.some((service) => service.rateClass === 'residential')) account = candidate;
  }
  if (!account) throw new Error('no residential account with a balance');
  await logIn(page, DEMO_USERS.technician);
  await page.goto(`/#/accounts/${account.accountId}`);
  const panel = page.getByTestId('collections-panel');
  await expect(panel).toBeVisible();
  await panel.getByRole('button', { name: 'Record hold…' }).click();
  const hold = page.getByRole('dialog', { name: `Record a hold on account ${account.accountNumber}` });
  await hold.getByLabel('What holds collections').selectOption('financial_inability');
  await shot(page, 'collections-01-hold-dialog');
  await hold.getByRole('button', { name: 'Record hold' }).click();
  await expect(page.getByText(/^Financial inability recorded/)).toBeVisible();
  await panel.scrollIntoViewIfNeeded();
  await shot(page, 'collections-02-panel');
  await panel.getByRole('button', { name: 'Order shut-off…' }).click();
  const dialog = page.getByRole('dialog', { name: `Order a shut-off of account ${account.accountNumber}` });
  await dialog.getByRole('button', { name: 'Order shut-off' }).click();
  await expect(dialog.getByRole('alert')).toBeVisible();
  await shot(page, 'collections-03-refused');
  await page.setViewportSize({ width: 640, height: 800 });
  await shot(page, 'collections-04-refused-narrow');
});
