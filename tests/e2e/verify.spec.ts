/** "Verify the books" on a fresh demo district: every check passes, routine or full. */
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
  // It says what it read: a routine check (since the last that passed) or a full one.
  await expect(page.locator('.verify-scope')).toContainText(/^(Routine check|Full check)/);
});

test('a full check is a keyboard choice, and says that it re-read every row', async ({ page }) => {
  await logIn(page, DEMO_USERS.clerk);
  await page.keyboard.press('Alt+7');
  await expect(page.getByText(/^All \d+ checks pass/)).toBeVisible();
  // A second routine check goes on from the first one's checkpoint.
  await page.getByRole('button', { name: 'Check again' }).click();
  await expect(page.locator('.verify-scope')).toContainText('Routine check: what was written since the last check that passed');
  await expect(page.locator('.verify-scope')).toContainText('It cannot see a change made since then to an older row');
  const full = page.getByRole('button', { name: 'Full check (re-reads every row)' });
  await full.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.verify-scope')).toContainText('Full check (a full verify was asked for): every row of the books was read again.');
  await expect(page.getByText(/^All \d+ checks pass/)).toBeVisible();
  await expect(page.locator('.check-failed')).toHaveCount(0);
  if (process.env.VERIFY_SHOT) await page.screenshot({ path: process.env.VERIFY_SHOT, fullPage: true });
});
