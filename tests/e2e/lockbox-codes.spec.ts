/**
 * Cash → Lockbox with BAI2 chosen: a technician sees the office's type codes, a bad change is
 * refused by the main process, a good one is saved and the preview of a file using those codes
 * names them; the BAI lockbox format is a choice and previews its sample.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { apiLogin, callOperation, DEMO_USERS, logIn } from './support';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/lockbox/${name}`, import.meta.url)));

const defaults = { itemCodes: ['116'], depositCodes: ['115'] };

test.afterEach(async ({ request }) => {
  // The other tests share this database: put the default back, whatever happened.
  const token = await apiLogin(request, DEMO_USERS.technician);
  expect((await callOperation(request, 'lockbox.updateSettings', defaults, token, crypto.randomUUID())).ok).toBe(true);
});

test('a technician changes the BAI2 type codes on the lockbox screen; the preview reads and names them', async ({ page }) => {
  await logIn(page, DEMO_USERS.technician);
  await page.goto(`${page.url().split('#')[0]}#/cash/lockbox`);
  await page.getByLabel('Format').selectOption('bai2');
  await expect(page.getByText("BAI2 type codes read as payments: 116; as the deposit's total: 115, the office setting.")).toBeVisible();

  await page.getByRole('button', { name: 'Change' }).click();
  await page.getByLabel('Payment (item) type codes').fill('116');
  await page.getByLabel('Deposit-total type codes').fill('116');
  await page.getByRole('button', { name: 'Save for the office' }).click();
  await expect(page.getByText(/116 cannot be both a payment \(item\) code and a deposit-total code/)).toBeVisible();

  await page.getByLabel('Payment (item) type codes').fill('117');
  await page.getByLabel('Deposit-total type codes').fill('105');
  await page.getByRole('button', { name: 'Save for the office' }).click();
  await expect(page.getByText("BAI2 type codes read as payments: 117; as the deposit's total: 105, the office setting.")).toBeVisible();

  const bai2 = fixture('lockbox-good.bai').toString('utf8').replace(/^16,116,/gm, '16,117,').replace('16,115,', '16,105,');
  await page.getByLabel('File from the bank').setInputFiles({ name: 'lbx-117.bai', mimeType: 'text/plain', buffer: Buffer.from(bai2) });
  await expect(page.getByText('lbx-117.bai')).toBeVisible();
  await expect(page.getByText(/: 3 items, \$418\.34\./)).toBeVisible();
  await expect(page.getByText("The bank's lockbox deposit record (105) total $418.34, the same as the payments.")).toBeVisible();

  await page.getByLabel('Format').selectOption('bai-lockbox');
  await page.getByLabel('File from the bank').setInputFiles({ name: 'lbx.txt', mimeType: 'text/plain', buffer: fixture('lockbox-good-bai-lockbox.txt') });
  await expect(page.getByText(/lbx\.txt/)).toBeVisible();
  await expect(page.getByText(/: 3 items, \$418\.34\./)).toBeVisible();
});
