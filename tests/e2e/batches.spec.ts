/**
 * A mail batch as a keyer works it (issue #15, items 12 and 17): checks keyed without their bank,
 * the tender kind kept from one envelope to the next, an overpaying check shown as tender and
 * credit, and an entry keyed wrong corrected while the batch is open (no supervisor), after which
 * the batch matches its control figures and closes. The keyer is a clerk made for this test, and
 * the drawer is closed and deposited at the end so the day still balances for the specs after.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import type { AccountSearchHit } from '../../src-shared/contract/accounts';
import { formatCents } from '../../src-shared/money';
import { apiLogin, callOperation, openApp } from './support';

const KEYER = 'mailkeyer';
const KEYER_PASSWORD = 'letters-and-stamps-42';

async function must(page: Page, op: string, input: unknown, token: string): Promise<unknown> {
  const result = await callOperation(page.request, op, input, token, randomUUID());
  expect(result.ok, `${op}: ${JSON.stringify(result.error)}`).toBe(true);
  return result.value;
}

async function addAccount(page: Page, accountNumber: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Account' }).fill(accountNumber);
  await expect(page.getByRole('option', { name: new RegExp(accountNumber) })).toBeVisible();
  await page.keyboard.press('Enter');
}

test('a mail batch: tender kept, bank optional, an overpaying check shown as credit, an entry corrected before the batch closes', async ({ page }) => {
  test.setTimeout(120_000);
  const supervisorToken = await apiLogin(page.request, 'super');
  await must(page, 'users.create', { username: KEYER, displayName: 'Mae Keyer', role: 'clerk', password: KEYER_PASSWORD }, supervisorToken);
  const found = (await must(page, 'accounts.search', { query: 'Dr', limit: 100, includeClosed: false }, supervisorToken)) as AccountSearchHit[];
  const [a, b] = found.filter((hit) => hit.balanceCents > 2_000 && hit.status === 'active').slice(-2) as [AccountSearchHit, AccountSearchHit];
  const login = await callOperation(page.request, 'session.login', { username: KEYER, password: KEYER_PASSWORD });
  const keyerToken = (login.value as { token: string }).token;
  const drawer = (await must(page, 'drawer.open', { workstation: 'Mail desk', floatCounts: {} }, keyerToken)) as { drawerId: number };

  await openApp(page);
  await page.getByLabel('User name').fill(KEYER);
  await page.getByLabel('Password').fill(KEYER_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.goto(`${page.url().split('#')[0]}#/cash/batches`);

  // Control figures: two envelopes, each paying its account's balance.
  const controlCents = a.balanceCents + b.balanceCents;
  await page.getByLabel('Control count (payments)').fill('2');
  await page.getByLabel('Control total ($)').fill((controlCents / 100).toFixed(2));
  await page.getByRole('button', { name: 'Open batch' }).click();

  // First envelope: a check, its amount offered from the balance, no bank typed.
  await addAccount(page, a.accountNumber);
  await expect(page.getByLabel('Tender 1')).toHaveValue('check');
  await expect(page.getByLabel('Amount', { exact: true })).toHaveValue((a.balanceCents / 100).toFixed(2));
  // A check larger than what is paid: the tender and the credit in one sentence.
  await page.getByLabel('Amount', { exact: true }).fill(((a.balanceCents + 5_000) / 100).toFixed(2));
  await expect(page.getByTestId('tender-credit')).toHaveText(`Check ${formatCents(a.balanceCents + 5_000)}: pays ${formatCents(a.balanceCents)}, leaves a credit of $50.00`);
  await page.getByLabel('Amount', { exact: true }).fill((a.balanceCents / 100).toFixed(2));
  await expect(page.getByTestId('tender-credit')).toHaveCount(0);
  await page.getByLabel('Check number').fill('3101');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('batch-count-left')).toHaveText('1');

  // Second envelope: the tender is still a check; keyed $1.00 short by mistake.
  await addAccount(page, b.accountNumber);
  await expect(page.getByLabel('Tender 1')).toHaveValue('check');
  await page.getByLabel(`Paying on ${b.accountNumber}`).fill(((b.balanceCents - 100) / 100).toFixed(2));
  await page.getByLabel('Amount', { exact: true }).fill(((b.balanceCents - 100) / 100).toFixed(2));
  await page.getByLabel('Check number').fill('3102');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('batch-count-left')).toHaveText('0');
  await expect(page.getByRole('button', { name: 'Close batch' })).toBeDisabled();
  const wrongRow = page.locator('section[aria-label="Entries in this batch"] tbody tr').first();
  const wrongReceipt = (await wrongRow.getAttribute('data-receipt')) ?? '';
  await expect(wrongRow).toContainText('Check 3102 ');
  await expect(wrongRow).not.toContainText('()');

  // Corrected while the batch is open: no supervisor is asked.
  await page.getByRole('button', { name: `Correct ${wrongReceipt}` }).click();
  const form = page.getByRole('form', { name: `Correct receipt ${wrongReceipt}` });
  await expect(form.getByLabel('Amount', { exact: true })).toHaveValue(((b.balanceCents - 100) / 100).toFixed(2));
  await expect(form.getByLabel('Check number')).toHaveValue('3102');
  await form.getByLabel(`Paying on ${b.accountNumber}`).fill((b.balanceCents / 100).toFixed(2));
  await form.getByLabel('Amount', { exact: true }).fill((b.balanceCents / 100).toFixed(2));
  await form.getByRole('button', { name: /Save the corrected entry/ }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.locator(`tr[data-receipt="${wrongReceipt}"]`)).toContainText('Voided');
  await expect(page.getByRole('button', { name: 'Close batch' })).toBeEnabled();
  await page.getByRole('button', { name: 'Close batch' }).click();
  await expect(page.getByRole('heading', { name: 'Open a batch' })).toBeVisible();

  // The drawer closes even and is deposited, so the day still balances.
  await must(page, 'drawer.close', {
    drawerId: drawer.drawerId,
    entryId: randomUUID(),
    count: { cash: {}, items: [{ kind: 'check', number: '3101', amountCents: a.balanceCents }, { kind: 'check', number: '3102', amountCents: b.balanceCents }] },
  }, keyerToken);
  const slip = (await must(page, 'deposit.create', { depositId: randomUUID(), drawerIds: [drawer.drawerId] }, supervisorToken)) as { totalCents: number };
  expect(slip.totalCents).toBe(controlCents);
});
