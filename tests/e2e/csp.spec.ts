/** The built renderer runs under the server's strict CSP (no inline script, no eval). */
import { expect, test } from '@playwright/test';
import { BASE_URL, DEMO_USERS, logIn } from './support';

test('the app runs under script-src self without a single CSP violation', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  const response = await page.request.get(`${BASE_URL}/`);
  expect(response.headers()['content-security-policy']).toContain("script-src 'self'");

  await logIn(page, DEMO_USERS.supervisor);
  for (const key of ['Alt+1', 'Alt+7', 'Alt+8', 'Alt+2']) await page.keyboard.press(key);
  await page.goto('/#/accounts/1/meter');
  await expect(page.locator('.usage-chart')).toBeVisible();
  expect(problems).toEqual([]);
});
