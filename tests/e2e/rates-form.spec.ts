/**
 * The rate editor as a form, end to end: a supervisor adds a schedule effective next month
 * (a copy of the one in force), raises the first residential tier, sees a bad value refused
 * beside its input as it is typed, previews the sample bills (amounts worked out by hand below),
 * saves, and the saved document round-trips: what rates.current and the page's download give is
 * exactly the document entered, the typed "5.40" included.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { RatesInForce } from '../../src-shared/contract/billing';
import type { RateDocument, RateSchedule } from '../../src-shared/contract/rates';
import { addDaysIso } from '../../src-renderer/billing/billingFormat';
import { firstOfNextMonth } from '../../src-renderer/billing/rateForm';
import { todayIso } from './reads-support';
import { apiLogin, callOperation, DEMO_USERS, logIn } from './support';

const DEMO_RATES = 'src-main/core/rates/samples/valle-verde.json';

async function must<Value>(request: APIRequestContext, op: string, input: unknown, token: string): Promise<Value> {
  const result = await callOperation(request, op, input, token, randomUUID());
  expect(result.ok, `${op}: ${JSON.stringify(result.error)}`).toBe(true);
  return result.value as Value;
}

const byDate = (document: RateDocument): RateDocument => ({ ...document, schedules: [...document.schedules].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1)) });

test('a supervisor adds a schedule from next month in the form, sees a bad rate refused as typed, previews, saves, and the document round-trips', async ({ page, request }) => {
  test.setTimeout(90_000);
  const token = await apiLogin(request, DEMO_USERS.supervisor);
  // The demo district's own rates, whatever earlier tests saved: the amounts below are worked from them.
  await must(request, 'rates.import', { documentJson: readFileSync(DEMO_RATES, 'utf8'), note: 'e2e: demo rates' }, token);
  const before = await must<RatesInForce>(request, 'rates.current', {}, token);
  const inForce = before.document.schedules.find((schedule) => schedule.effectiveFrom === '2026-07-01')!;
  const from = firstOfNextMonth(todayIso());

  await logIn(page, DEMO_USERS.supervisor);
  await page.goto('/#/billing/rates');
  // Keyboard only: focus a control, type, Enter.
  await page.getByRole('button', { name: 'Edit the rates…' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Effective from')).toHaveValue('2026-07-01');
  // The service charges come in size order, not string order.
  const sizeLabels = await page.locator('.rf-size-grid').first().locator('label').allTextContents();
  expect(sizeLabels.map((label) => label.replace(/″ meter.*$/, ''))).toEqual(['5/8', '3/4', '1', '1-1/2', '2', '3', '4', '6', '8', '10']);

  await page.getByLabel('New schedule effective').fill(from);
  await page.getByRole('button', { name: 'Add a schedule copying this one' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Effective from')).toHaveValue(from);
  await expect(page.getByLabel('Schedule', { exact: true })).toHaveValue(String(before.document.schedules.length));
  await page.getByLabel('Name', { exact: true }).fill('2027 rates (first tier up)');

  // A bad value is refused as it is typed, beside its input and tied to it.
  const tier1 = page.getByLabel('Residential tier 1 rate per HCF');
  await expect(tier1).toHaveValue('5.1450');
  await tier1.fill('5.4O');
  await expect(tier1).toHaveAttribute('aria-invalid', 'true');
  await expect(tier1).toHaveAccessibleDescription(/A rate in dollars must be a non-negative decimal like "4\.9000"$/);
  await expect(page.locator('.rf-problems')).toContainText(`Schedule from ${from}: Residential tier 1 rate per HCF`);
  await expect(page.getByRole('button', { name: 'Preview effect' })).toBeDisabled();
  // Announced once typing pauses; the problem in the list takes the focus back to its input.
  await expect(page.getByRole('status').filter({ hasText: 'problem in the rates' })).toHaveText(/^1 problem in the rates\. Schedule from .*: Residential tier 1 rate per HCF: A rate in dollars must be/);
  await page.getByRole('button', { name: `Schedule from ${from}: Residential tier 1 rate per HCF` }).focus();
  await page.keyboard.press('Enter');
  await expect(tier1).toBeFocused();
  await tier1.fill('');
  await expect(tier1).toHaveAccessibleDescription(/A rate in dollars is required$/);
  await tier1.fill('5.40');
  await expect(tier1).not.toHaveAttribute('aria-invalid');
  await expect(page.locator('.rf-problems')).toHaveCount(0);

  // The sample month is the new schedule's first 30 days, so the draft bills at its rates alone.
  await expect(page.getByLabel('Sample bills for the month ending')).toHaveValue(addDaysIso(from, 30));
  await page.getByRole('button', { name: 'Preview effect' }).click();
  const samples = page.getByRole('table', { name: 'Sample bills' });
  const row = (label: string) => samples.locator('tr', { hasText: label }).locator('td');
  // Residential 5/8", 6 HCF with wastewater: in force $38.55 + 6 × $5.145 ($30.87) + $54.92 = $124.34;
  // the draft's first tier at $5.40: $38.55 + $32.40 + $54.92 = $125.87, 6 × $0.255 = $1.53 more.
  await expect(row('Residential 5/8", 6 HCF')).toHaveText(['$124.34', '$125.87', '+$1.53']);
  // Residential 3/4", 13 HCF: $51.39 + (10 × $5.145 + 3 × $10.0275 = $81.5325 → $81.53) + $54.92 = $187.84;
  // draft (10 × $5.40 + $30.0825 = $84.0825 → $84.08): $190.39, $2.55 more.
  await expect(row('Residential 3/4", 13 HCF')).toHaveText(['$187.84', '$190.39', '+$2.55']);
  // Irrigation 2", 150 HCF is not residential: $274.06 + 50 × $7.455 + 100 × $9.3975 = $1,586.56 both ways.
  await expect(row('Irrigation 2", 150 HCF')).toHaveText(['$1,586.56', '$1,586.56', '$0.00']);

  await page.getByRole('button', { name: 'Save as rates in force…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save as the rates in force?' });
  await dialog.getByLabel('Note (optional)').fill('e2e: 2027 first tier $5.40');
  await dialog.getByRole('button', { name: 'Save the rates' }).click();
  await expect(page.getByText(/^Saved: rate book #\d+ is now the rates in force\.$/)).toBeVisible();

  // The round trip: the document saved is the one entered, exactly.
  const added: RateSchedule = structuredClone({ ...inForce, effectiveFrom: from, name: '2027 rates (first tier up)' });
  delete added.adoptedBy;
  added.water.classes.residential!.tiers[0]!.ratePerHcf = '5.40';
  const expected = byDate({ ...before.document, schedules: [...before.document.schedules, added] });
  const after = await must<RatesInForce>(request, 'rates.current', {}, token);
  expect(byDate(after.document)).toEqual(expected);
  expect(after.note).toBe('e2e: 2027 first tier $5.40');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download the rate document (JSON)' }).click();
  const exported = readFileSync(await (await download).path(), 'utf8');
  expect(JSON.parse(exported)).toEqual(expected);
  expect(exported).toContain('"ratePerHcf": "5.40"');

  // The schedules in force show rates at their places: $38.55, not $38.5500; $5.145 as published.
  await expect(page.locator('details.rate-schedule', { hasText: '2026-27 rates' }).first()).toContainText('$38.55');
  await expect(page.locator('details.rate-schedule', { hasText: '2026-27 rates' }).first()).not.toContainText('$38.5500');
  await expect(page.locator('details.rate-schedule', { hasText: '2026-27 rates' }).first()).toContainText('$5.145');

  // Back to the demo rates for the tests after this one.
  await must(request, 'rates.import', { documentJson: readFileSync(DEMO_RATES, 'utf8'), note: 'e2e: demo rates again' }, token);
});
