/** Opening an account: the main process's refusal appears beside the field it names. */
import { expect, test } from '@playwright/test';
import { DEMO_USERS, logIn } from './support';

test('a clerk opens an account after fixing the field the office refused', async ({ page }) => {
  await logIn(page, DEMO_USERS.clerk);
  await page.getByRole('link', { name: 'Open a new account' }).click();
  const form = page.getByRole('form', { name: 'Open a new account' });

  await form.getByLabel('Service address').fill('1200 Orchard Ln');
  await form.getByLabel('City').first().fill('Valle Verde');
  await form.getByLabel('ZIP').first().fill('95396');
  await form.getByLabel('Route').fill('R009');
  await form.getByLabel('Sequence').fill('450');
  await form.getByLabel('Cycle').fill('2');
  await form.getByLabel('First name').fill('Rosa');
  await form.getByLabel('Last name').fill('Quintero');
  await form.getByLabel('Phone', { exact: true }).fill('(559) 555-0142');
  await form.getByRole('button', { name: 'Mail to the service address' }).click();
  await form.getByLabel('Meter serial').fill('SN26009999');
  // A ZIP one digit short: only the main process says so.
  await form.getByLabel('ZIP').first().fill('9539');
  await form.getByRole('button', { name: 'Open the account' }).click();

  const zip = form.getByLabel('ZIP').first();
  await expect(zip).toHaveAttribute('aria-invalid', 'true');
  await expect(zip).toBeFocused();
  await expect(form.locator('.field-invalid .field-error')).toContainText('ZIP is 5 digits');

  await zip.fill('95396');
  await form.getByRole('button', { name: 'Open the account' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Account');
  await expect(page.locator('.customer-name')).toContainText('Quintero');
  await expect(page.locator('.service-address')).toContainText('1200 Orchard Ln, Valle Verde, CA 95396');
});
