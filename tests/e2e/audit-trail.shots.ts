/** Screenshots of Settings › Audit trail at a laptop's and a desktop's size (npm run screenshots; BILLING_OFFICE_SHOTS). */
import { expect, test, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { apiLogin, callOperation, DEMO_USERS, logIn } from './support';

const folder = process.env.BILLING_OFFICE_SHOTS ?? '/tmp/billing-office-shots';
const shot = (page: Page, name: string) => page.screenshot({ path: `${folder}/${name}.png` });

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

test('audit trail: in words, filtered, a record opened, a refusal', async ({ page, request }) => {
  const tech = await apiLogin(request, DEMO_USERS.technician);
  expect((await callOperation(request, 'billing.chargeFee', { accountId: 12, code: 'RECONNECT', note: 'after shut-off for non-payment' }, tech, randomUUID())).ok).toBe(true);
  expect((await callOperation(request, 'billing.setHold', { accountId: 12, reason: 'customer disputes the November read' }, tech, randomUUID())).ok).toBe(true);
  await logIn(page, DEMO_USERS.supervisor);
  for (const size of SIZES) {
    const tag = `${size.width}`;
    await page.setViewportSize(size);
    await page.goto('/#/settings/audit');
    await page.reload();
    await expect(page.getByRole('list', { name: 'Audit records' })).toBeVisible();
    await shot(page, `audit-${tag}-01-all`);
    await page.getByLabel('Account').fill('000012-01');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page.getByRole('status')).toHaveText(/match the filter/);
    await page.getByRole('button', { name: /^Details/ }).first().click();
    await expect(page.getByLabel(/^Input of record/)).toBeVisible();
    await shot(page, `audit-${tag}-02-account-details`);
    await page.getByLabel('From').fill('2026-12-31');
    await page.getByLabel('To').fill('2026-01-01');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page.getByLabel('To')).toHaveAttribute('aria-invalid', 'true');
    await shot(page, `audit-${tag}-03-refused`);
  }
  // 1366×768 at 200% zoom: the same page reflowed into 683 CSS pixels.
  await page.setViewportSize({ width: 683, height: 384 });
  await page.goto('/#/settings/audit');
  await page.reload();
  await page.getByRole('button', { name: /^Details/ }).first().click();
  await expect(page.getByLabel(/^Input of record/)).toBeVisible();
  await page.screenshot({ path: `${folder}/audit-1366-zoom200.png`, fullPage: true });
});
