/** Settings → Sessions: a supervisor sees the session limits and changes the lifetime. */
import { expect, test } from '@playwright/test';
import { apiLogin, callOperation, DEMO_USERS, logIn } from './support';

test('a supervisor changes the session lifetime; a bad value is refused on the field', async ({ page, request }) => {
  await logIn(page, DEMO_USERS.supervisor);
  await page.goto('/#/settings/sessions');
  await expect(page.getByRole('heading', { name: 'Sessions' })).toBeVisible();
  await expect(page.getByText('A login session ends 12 hours after the user logs in')).toBeVisible();
  const lifetime = page.getByLabel('Session lifetime, in hours');
  await expect(lifetime).toHaveValue('12');

  // Out of range: the main process refuses it, and the reason is announced beside the field.
  await lifetime.fill('30');
  await lifetime.press('Enter');
  await expect(page.getByText(/Session lifetime is a whole number of hours from 1 to 24/)).toBeVisible();
  await expect(lifetime).toHaveAttribute('aria-invalid', 'true');
  await expect(lifetime).toBeFocused();

  await lifetime.fill('10');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved. Sessions opened from now on end 10 hours after their login')).toBeVisible();
  await expect(page.getByText('A login session ends 10 hours after the user logs in')).toBeVisible();
  await expect(lifetime).not.toHaveAttribute('aria-invalid', 'true');

  const token = await apiLogin(request, DEMO_USERS.supervisor);
  expect(await callOperation(request, 'security.settings', {}, token)).toEqual({ ok: true, value: { sessionMaxHours: 10, sessionIdleMinutes: 480 } });
  // The other tests share this database: put the default back.
  expect((await callOperation(request, 'security.updateSettings', { sessionMaxHours: 12 }, token, crypto.randomUUID())).ok).toBe(true);
});

test('a clerk has no Sessions page, and a direct change is refused', async ({ page, request }) => {
  await logIn(page, DEMO_USERS.clerk);
  await page.goto('/#/settings/sessions');
  await expect(page.getByText('Only a supervisor can open sessions.')).toBeVisible();
  const token = await apiLogin(request, DEMO_USERS.clerk);
  const refused = await callOperation(request, 'security.updateSettings', { sessionMaxHours: 24 }, token, crypto.randomUUID());
  expect(refused.error?.code).toBe('FORBIDDEN');
});
