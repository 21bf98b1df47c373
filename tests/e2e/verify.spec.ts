/** "Verify the books" on a fresh demo district: every check passes. */
import { expect, test } from '@playwright/test';
import { DEMO_USERS, logIn } from './support';

test('the verify screen shows every check passing', async ({ page }) => {
  await logIn(page, DEMO_USERS.clerk);
  await page.keyboard.press('Alt+7');
  await expect(page.getByRole('heading', { name: 'Verify the books' })).toBeVisible();
  await expect(page.getByText(/^All \d+ checks pass/)).toBeVisible();
  const checks = page.locator('.checks > li');
  expect(await checks.count()).toBeGreaterThan(0);
  await expect(page.locator('.check-failed')).toHaveCount(0);
  for (const mark of await page.locator('.check-mark').allInnerTexts()) expect(mark).toBe('✓');
});
