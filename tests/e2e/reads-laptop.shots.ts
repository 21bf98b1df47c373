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
    expect(chartBox && chartBox.y < height).toBe(true);
    // The list has room for at least `rows` rows at once (4 before, at 1366×768).
    const room = await page.locator('.worklist').evaluate((list) => list.clientHeight / (list.querySelector('[data-exception-id]') as HTMLElement).offsetHeight);
    expect(room).toBeGreaterThanOrEqual(rows);
  }
});
