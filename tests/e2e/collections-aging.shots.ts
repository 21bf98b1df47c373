/**
 * Collections → Aging on a laptop (1366×768) and a desktop screen (1920×1080): the bucket table,
 * the control-account check line and credit balances, then a bucket's accounts listed below; and
 * the page at 200% zoom (a 683-pixel-wide window) reflowing without a sideways page scroll.
 */
import { expect, test, type Page } from '@playwright/test';
import { todayIso } from '../../src-renderer/ui/format';
import { DEMO_USERS, logIn } from './support';

const folder = process.env.BILLING_OFFICE_SHOTS ?? '/tmp/billing-office-shots';
const shot = (page: Page, name: string) => page.screenshot({ path: `${folder}/${name}.png` });

test('the aging page at 1366×768 and 1920×1080, and at 200% zoom', async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, DEMO_USERS.clerk);
  const [year, month, day] = todayIso().split('-').map(Number) as [number, number, number];
  const later = todayIso(new Date(year, month - 1, day + 45));
  for (const [width, height] of [[1366, 768], [1920, 1080]] as const) {
    await page.setViewportSize({ width, height });
    await page.goto(`/#/collections/aging/${later}`);
    await expect(page.getByTestId('aging-control')).toContainText('They agree.');
    await shot(page, `collections-aging-${width}x${height}`);
    // The first past-due bucket with anything in it.
    const buckets = page.getByRole('button', { name: /days past due: list its accounts/ });
    const names = await buckets.evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-label') ?? ''));
    const owing = names.find((name) => !name.startsWith('$0.00'));
    expect(owing).toBeDefined();
    await page.getByRole('button', { name: owing! }).click();
    const grid = page.getByRole('grid', { name: 'Accounts in the bucket' });
    await expect(grid.locator('[data-account-id]').first()).toBeVisible();
    await grid.focus();
    await grid.press('ArrowDown');
    await grid.scrollIntoViewIfNeeded();
    await shot(page, `collections-aging-accounts-${width}x${height}`);
  }
  // 200% zoom of a 1366-wide window: the page itself must not scroll sideways.
  await page.setViewportSize({ width: 683, height: 768 });
  await page.goto(`/#/collections/aging/${later}`);
  await expect(page.getByTestId('aging-control')).toContainText('They agree.');
  await shot(page, 'collections-aging-reflow-683');
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(sideways).toBeLessThanOrEqual(0);
});
