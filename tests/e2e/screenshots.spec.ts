/**
 * Pictures of the main screens for a person to look at after changing the UI (not a test of
 * pixels). Runs only when asked: BILLING_OFFICE_SHOTS=/tmp/shots npx playwright test screenshots
 */
import { expect, test } from '@playwright/test';
import { logIn, openApp } from './support';

const folder = process.env.BILLING_OFFICE_SHOTS;
test.skip(!folder, 'set BILLING_OFFICE_SHOTS to a folder to take screenshots');

test('screens a clerk and a supervisor see', async ({ page }) => {
  const shot = (name: string) => page.screenshot({ path: `${folder}/${name}.png` });
  await openApp(page);
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  await shot('01-login');

  await logIn(page, 'super');
  await page.keyboard.press('Control+k');
  await page.keyboard.type('garcia');
  await expect(page.getByRole('option').first()).toBeVisible();
  await shot('02-search');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('account-balance')).toBeVisible();
  await expect(page.locator('table.ledger')).toBeVisible();
  await shot('03-account-ledger');

  await page.getByRole('tab', { name: 'Meter' }).click();
  await expect(page.locator('.usage-chart')).toBeVisible();
  await shot('04-account-meter');
  await page.getByRole('tab', { name: 'Contact log' }).click();
  await shot('05-account-contacts');
  await page.getByRole('tab', { name: 'Customer details' }).click();
  await shot('06-account-customer');
  await page.getByRole('button', { name: 'Adjust balance…' }).click();
  await shot('07-adjust-dialog');
  await page.keyboard.press('Escape');

  await page.keyboard.press('Alt+7');
  await expect(page.getByText(/checks pass|checks failed/)).toBeVisible();
  await shot('08-verify');
  await page.keyboard.press('Alt+8');
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await shot('09-settings-users');
  await page.getByRole('link', { name: 'Backups' }).click();
  await shot('10-settings-backups');
  await page.getByRole('link', { name: 'About' }).click();
  await shot('11-settings-about');
  await page.keyboard.press('Alt+2');
  await shot('12-not-yet');
  await page.goto('/#/accounts/new');
  await shot('13-open-account');
});
