/** What each role sees, and that the main process refuses what the screen hides. */
import { expect, test } from '@playwright/test';
import { apiLogin, callOperation, DEMO_USERS, logIn } from './support';

test('a clerk does not see the supervisor settings, and a direct call is refused', async ({ page, request }) => {
  await logIn(page, DEMO_USERS.clerk);
  await page.keyboard.press('Alt+8');
  const settings = page.getByRole('navigation', { name: 'Settings' });
  await expect(settings.getByRole('link', { name: 'Change my password' })).toBeVisible();
  await expect(settings.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await expect(settings.getByRole('link', { name: 'Backups' })).toHaveCount(0);
  await expect(settings.getByRole('link', { name: 'Audit trail' })).toHaveCount(0);

  await page.goto('/#/settings/users');
  await expect(page.getByText('Only a supervisor can open users.')).toBeVisible();

  const token = await apiLogin(request, DEMO_USERS.clerk);
  const refused = await callOperation(request, 'users.list', {}, token);
  expect(refused.ok).toBe(false);
  expect(refused.error?.code).toBe('FORBIDDEN');
});

test('a supervisor sees users, backups and the audit trail', async ({ page }) => {
  await logIn(page, DEMO_USERS.supervisor);
  await page.keyboard.press('Alt+8');
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Billing technician' })).toBeVisible();
  await page.getByRole('link', { name: 'Backups' }).click();
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByText(/Backed up to .*\.sqlite/)).toBeVisible();
  await page.getByRole('link', { name: 'Audit trail' }).click();
  await expect(page.getByText(/backed up the database to .*\.sqlite/).first()).toBeVisible();
});

test('a clerk who opens the supervisor cash page by its address is told why it is not shown', async ({ page }) => {
  await logIn(page, DEMO_USERS.clerk);
  await page.goto('/#/cash/supervisor');
  await expect(page.getByRole('alert')).toHaveText(
    'Deposit and end of day is for supervisors; you are logged in as a clerk, so the Counter page is shown instead. Ask a supervisor if you need it.',
  );
  await expect(page.getByRole('tab', { name: 'Deposit and end of day' })).toHaveCount(0);
  await page.goto('/#/cash/counter');
  await expect(page.getByRole('alert')).toHaveCount(0);
});
