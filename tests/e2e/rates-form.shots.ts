/**
 * Pictures of the rate editor as a form (npm run screenshots), at 1366×768 and 1920×1080: the
 * form on the schedule in force, a new schedule with a raised tier and a bad value beside its
 * input, the sample bills previewed beside the form, the advanced JSON, and the page at 200% zoom
 * (a 683-pixel-wide window) with nothing to scroll sideways.
 */
import { expect, test, type Page } from '@playwright/test';
import { firstOfNextMonth } from '../../src-renderer/billing/rateForm';
import { todayIso } from './reads-support';
import { DEMO_USERS, logIn } from './support';

const folder = process.env.BILLING_OFFICE_SHOTS ?? '/tmp/billing-office-shots';
const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: `${folder}/${name}.png`, fullPage });

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

async function openEditor(page: Page): Promise<void> {
  await page.goto('/#/billing/rates');
  await page.getByRole('button', { name: 'Edit the rates…' }).click();
  await expect(page.getByRole('heading', { name: 'Edit the rates' })).toBeVisible();
}

for (const size of SIZES) {
  test(`rate editor at ${size.width}×${size.height}`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.setViewportSize(size);
    await logIn(page, DEMO_USERS.supervisor);
    await openEditor(page);
    await shot(page, `rates-form-${size.width}-01-in-force`);
    await shot(page, `rates-form-${size.width}-01b-in-force-full`, true);
    await page.locator('fieldset.rf-section', { hasText: 'Codes are capitals' }).screenshot({ path: `${folder}/rates-form-${size.width}-01c-fees.png` });
    await page.locator('fieldset.rf-section', { hasText: 'Wastewater, a month' }).screenshot({ path: `${folder}/rates-form-${size.width}-01d-wastewater.png` });

    await page.getByLabel('New schedule effective').fill(firstOfNextMonth(todayIso()));
    await page.getByRole('button', { name: 'Add a schedule copying this one' }).click();
    await page.getByLabel('Residential tier 1 rate per HCF').fill('5.40');
    await page.getByLabel('Residential tier 2 rate per HCF').fill('10.5x');
    await expect(page.getByLabel('Residential tier 2 rate per HCF')).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('Residential tier 2 rate per HCF').evaluate((input) => input.scrollIntoView({ block: 'center' }));
    await shot(page, `rates-form-${size.width}-02-bad-value`);

    await page.getByLabel('Residential tier 2 rate per HCF').fill('10.50');
    await page.getByRole('button', { name: 'Preview effect' }).click();
    await expect(page.getByRole('table', { name: 'Sample bills' })).toBeVisible();
    await page.getByLabel('Residential tier 1 rate per HCF').scrollIntoViewIfNeeded();
    await shot(page, `rates-form-${size.width}-03-preview`);

    await page.getByText('Advanced: the rate document as JSON').click();
    await page.getByLabel('Rate document (JSON)').scrollIntoViewIfNeeded();
    await shot(page, `rates-form-${size.width}-04-json`);
  });
}

test('rate editor at 200% zoom (683×384)', async ({ page }) => {
  await page.setViewportSize({ width: 683, height: 384 });
  await logIn(page, DEMO_USERS.supervisor);
  await openEditor(page);
  await page.getByLabel('Residential tier 1 rate per HCF').fill('x');
  await shot(page, 'rates-form-683-01-reflow', true);
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(sideways).toBeLessThanOrEqual(0);
});
