/**
 * The read worklist on a laptop (1366×768) and a desktop screen (1920×1080): the list, the chosen
 * read's chart and its actions share the screen, without scrolling the page.
 */
import { expect, test, type Page } from '@playwright/test';
import { badgerFile, planReads, routeRows, todayIso, unreadCycle } from './reads-support';
import { apiLogin, callOperation, DEMO_USERS, logIn } from './support';

const folder = process.env.BILLING_OFFICE_SHOTS ?? '/tmp/billing-office-shots';
const shot = (page: Page, name: string) => page.screenshot({ path: `${folder}/${name}.png` });

test('the read worklist at 1366×768 and 1920×1080', async ({ page, request }) => {
  test.setTimeout(120_000);
  const token = await apiLogin(request, DEMO_USERS.technician);
  const { cycle, period } = await unreadCycle(request, token, 2);
  const plan = planReads(await routeRows(request, token, cycle, period));
  const imported = await callOperation(
    request, 'reads.import',
    { fileName: `cycle${cycle}-laptop.csv`, contentBase64: Buffer.from(badgerFile(plan, todayIso())).toString('base64'), profile: { kind: 'badger-beacon' }, cycle, period },
    token, crypto.randomUUID(),
  );
  expect(imported.ok, JSON.stringify(imported.error)).toBe(true);

  await logIn(page, DEMO_USERS.technician);
  for (const [width, height, rows] of [[1366, 768, 6], [1920, 1080, 8]] as const) {
    await page.setViewportSize({ width, height });
    await page.goto('/#/reads/review');
    const picker = page.getByRole('form', { name: 'Cycle and period' });
    await picker.getByLabel('Cycle').fill(String(cycle));
    await picker.getByLabel('Period').fill(period);
    await picker.getByRole('button', { name: 'Show' }).click();
    await page.locator('[data-exception-id]').first().click();
    const accept = page.locator('#exception-detail').getByRole('button', { name: /^Accept/ });
    await expect(accept).toBeVisible();
    await shot(page, `reads-laptop-${width}x${height}`);
    // The chosen read's actions and its chart are inside the window.
    const acceptBox = await accept.boundingBox();
    expect(acceptBox && acceptBox.y + acceptBox.height <= height).toBe(true);
    const chartBox = await page.locator('#exception-detail .usage-chart').boundingBox();
    // The whole chart, not cut by the window nor by the detail's own scrolling box.
    const detailBox = await page.locator('#exception-detail').boundingBox();
    expect(chartBox && detailBox && chartBox.y + chartBox.height <= Math.min(height, detailBox.y + detailBox.height)).toBe(true);
    // The list has room for at least `rows` rows at once (4 before, at 1366×768).
    const room = await page.locator('.worklist').evaluate((list) => list.clientHeight / (list.querySelector('[data-exception-id]') as HTMLElement).offsetHeight);
    expect(room).toBeGreaterThanOrEqual(rows);
  }

  // 200% zoom on the laptop: 683×384 CSS pixels. The review reflows (the list, then the chosen
  // read below it), and the chosen read's actions and chart are there to scroll to.
  await page.setViewportSize({ width: 683, height: 384 });
  await page.goto('/#/reads/review');
  const picker = page.getByRole('form', { name: 'Cycle and period' });
  await picker.getByLabel('Cycle').fill(String(cycle));
  await picker.getByLabel('Period').fill(period);
  await picker.getByRole('button', { name: 'Show' }).click();
  await expect(page.locator('[data-exception-id]').first()).toBeVisible();
  await shot(page, 'reads-laptop-zoom200-top');
  await page.locator('[data-exception-id]').first().click();
  const accept = page.locator('#exception-detail').getByRole('button', { name: /^Accept/ });
  await accept.scrollIntoViewIfNeeded();
  await expect(accept).toBeInViewport();
  await page.locator('#exception-detail .usage-chart').scrollIntoViewIfNeeded();
  await expect(page.locator('#exception-detail .usage-chart')).toBeInViewport();
  // The worklist and the chosen read stack in one column as wide as the review itself.
  const review = await page.locator('.review').boundingBox();
  const detail = await page.locator('#exception-detail').boundingBox();
  const list = await page.locator('.review-list').boundingBox();
  expect(review && detail && list && detail.y >= list.y + list.height && detail.width <= review.width + 1).toBe(true);
  await shot(page, 'reads-laptop-zoom200');
});
