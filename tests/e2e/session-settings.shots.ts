/** Screenshots of Settings → Sessions (npm run screenshots; BILLING_OFFICE_SHOTS, default /tmp/billing-office-shots). */
import { expect, test, type Page } from '@playwright/test';
import { DEMO_USERS, logIn } from './support';

const folder = process.env.BILLING_OFFICE_SHOTS ?? '/tmp/billing-office-shots';
const shot = (page: Page, name: string) => page.screenshot({ path: `${folder}/${name}.png` });

test('settings: sessions, and a refused lifetime', async ({ page }) => {
  await logIn(page, DEMO_USERS.supervisor);
  await page.goto('/#/settings/sessions');
  const lifetime = page.getByLabel('Session lifetime, in hours');
  await expect(lifetime).toHaveValue('12');
  await expect(page.getByText('Demo Valley Water District')).toBeVisible();
  await shot(page, 'settings-sessions');
  await lifetime.fill('30');
  await lifetime.press('Enter');
  await expect(lifetime).toHaveAttribute('aria-invalid', 'true');
  await shot(page, 'settings-sessions-refused');
});
