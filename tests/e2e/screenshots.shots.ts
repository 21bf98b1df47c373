/**
 * Pictures of the main screens for a person to look at after changing the UI (not a test of
 * pixels, so not part of `npm test`): `npm run screenshots` writes them to
 * BILLING_OFFICE_SHOTS (default /tmp/billing-office-shots).
 */
import { expect, test, type Page } from '@playwright/test';
import { DEMO_USERS, logIn, openApp } from './support';

const folder = process.env.BILLING_OFFICE_SHOTS ?? '/tmp/billing-office-shots';

const shot = (page: Page, name: string) => page.screenshot({ path: `${folder}/${name}.png` });

test('a clerk’s screens', async ({ page }) => {
  await openApp(page);
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  await shot(page, 'clerk-01-login');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.locator('.field-error')).toBeVisible();
  await shot(page, 'clerk-02-login-refused');

  await logIn(page, DEMO_USERS.clerk);
  await page.keyboard.type('garcia');
  await expect(page.getByRole('option').first()).toBeVisible();
  await shot(page, 'clerk-03-search');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('account-balance')).toBeVisible();
  await shot(page, 'clerk-04-account-ledger');
  await page.getByRole('tab', { name: 'Meter' }).click();
  await expect(page.locator('.usage-chart')).toBeVisible();
  await shot(page, 'clerk-05-account-meter');
  await page.getByRole('tab', { name: 'Contact log' }).click();
  await page.getByLabel('Subject').fill('Asked for a payment arrangement');
  await page.getByLabel('Notes').fill('Customer will call back after payday.');
  await page.getByLabel('Follow up by (optional)').fill('2026-01-05');
  await page.getByRole('button', { name: 'Add to contact log' }).click();
  await expect(page.getByRole('button', { name: 'Mark follow-up done' }).first()).toBeVisible();
  await page.getByRole('list', { name: 'Logged contacts' }).scrollIntoViewIfNeeded();
  await shot(page, 'clerk-06-contact-log');
  await page.getByRole('tab', { name: 'Customer details' }).click();
  await page.getByRole('button', { name: 'Edit customer details' }).click();
  await page.getByLabel('ZIP').fill('123');
  await page.getByRole('button', { name: 'Save customer details' }).click();
  await expect(page.locator('.field-error')).toBeVisible();
  await shot(page, 'clerk-07-customer-refused');
  await page.keyboard.press('Alt+8');
  await shot(page, 'clerk-08-settings');
});

test('a technician’s and a supervisor’s screens', async ({ page }) => {
  await logIn(page, DEMO_USERS.technician);
  await page.goto('/#/accounts/7');
  await page.getByRole('button', { name: 'Adjust balance…' }).click();
  await shot(page, 'tech-01-adjust');
  await page.getByLabel('Amount in dollars').fill('25');
  await page.getByLabel('Reason (kept in the ledger and the audit trail)').fill('Leak credit, repair shown');
  await page.getByRole('button', { name: 'Review…' }).click();
  await shot(page, 'tech-02-adjust-confirm');
  await page.getByRole('button', { name: /Post credit/ }).click();
  await expect(page.getByRole('dialog', { name: 'Supervisor approval needed' })).toBeVisible();
  await shot(page, 'tech-03-approval');
  await page.getByLabel('Supervisor user name').fill(DEMO_USERS.supervisor);
  await page.getByLabel('Supervisor password').fill('wrong-password');
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('dialog', { name: 'Supervisor approval needed' }).getByRole('alert')).toBeVisible();
  await shot(page, 'tech-04-approval-refused');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await shot(page, 'tech-05-approval-cancelled');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Log out' }).click();

  await logIn(page, DEMO_USERS.supervisor);
  await page.keyboard.press('Alt+7');
  await expect(page.getByText(/checks pass|checks failed/)).toBeVisible();
  await shot(page, 'super-01-verify');
  await page.keyboard.press('Alt+8');
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await shot(page, 'super-02-users');
  await page.getByRole('button', { name: 'Edit…' }).first().click();
  await shot(page, 'super-03-user-edit');
  await page.keyboard.press('Escape');
  await page.getByRole('link', { name: 'Backups' }).click();
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByRole('button', { name: 'Restore…' }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Restore…' }).first().click();
  await shot(page, 'super-04-restore-confirm');
  await page.keyboard.press('Escape');
  await page.getByRole('link', { name: 'Audit trail' }).click();
  await shot(page, 'super-05-audit');
  await page.getByRole('link', { name: 'About' }).click();
  await shot(page, 'super-06-about');
  await page.keyboard.press('Alt+2');
  await shot(page, 'super-07-not-yet');
  await page.goto('/#/accounts/new');
  await page.getByRole('button', { name: 'Open the account' }).click();
  await shot(page, 'super-08-open-account-refused');
});
