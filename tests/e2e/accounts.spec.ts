/** A clerk at the counter: find a customer by surname, open the account with the keyboard, log the visit. */
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountDetail } from '../../src-shared/contract/accounts';
import { formatBalance } from '../../src-renderer/ui/format';
import { apiLogin, callOperation, DEMO_USERS, E2E_PORT, logIn } from './support';

/** The first demo account that owes something, so its ledger has lines. */
async function accountWithBalance(request: Parameters<typeof apiLogin>[0]): Promise<AccountDetail> {
  const token = await apiLogin(request, DEMO_USERS.supervisor);
  for (let accountId = 1; accountId <= 50; accountId += 1) {
    const result = await callOperation(request, 'accounts.get', { accountId }, token);
    const account = result.value as AccountDetail | undefined;
    if (account && account.balanceCents !== 0 && account.customer.kind === 'person') return account;
  }
  throw new Error('No demo account with a balance among the first 50');
}

test('a clerk finds an account by surname, opens it with the keyboard, and logs a contact', async ({ page, request }) => {
  const account = await accountWithBalance(request);
  await logIn(page, DEMO_USERS.clerk);

  const search = page.getByRole('combobox', { name: 'Find an account' });
  await expect(search).toBeFocused();
  await search.fill(account.customer.lastName);
  const options = page.getByRole('option');
  await expect(options.filter({ hasText: account.accountNumber })).toBeVisible();
  const texts = await options.allInnerTexts();
  const index = texts.findIndex((text) => text.includes(account.accountNumber));
  for (let step = 0; step < index; step += 1) await search.press('ArrowDown');
  await expect(options.nth(index)).toHaveAttribute('aria-selected', 'true');
  await search.press('Enter');

  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Account ${account.accountNumber}`);
  await expect(page.getByTestId('account-balance')).toHaveText(formatBalance(account.balanceCents));
  const ledgerRows = page.locator('table.ledger tbody tr');
  await expect(ledgerRows.first()).toBeVisible();
  // A clerk cannot adjust or reverse.
  await expect(page.getByRole('button', { name: 'Adjust balance…' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Reverse…' })).toHaveCount(0);

  await page.getByRole('tab', { name: 'Contact log' }).click();
  const subject = `Asked about the due date ${Date.now()}`;
  await page.getByLabel('How').selectOption('counter');
  await page.getByLabel('Who called or came in').fill(account.customer.firstName);
  await page.getByLabel('Subject').fill(subject);
  await page.getByLabel('Notes').fill('Explained the billing cycle.');
  await page.getByRole('button', { name: 'Add to contact log' }).click();
  await expect(page.getByRole('list', { name: 'Logged contacts' }).getByText(subject)).toBeVisible();
  await expect(page.getByLabel('Subject')).toHaveValue('');
});

test('a refused contact shows the reason beside the field', async ({ page, request }) => {
  const account = await accountWithBalance(request);
  await logIn(page, DEMO_USERS.clerk);
  await page.goto(`/#/accounts/${account.accountId}/contacts`);
  await page.getByRole('button', { name: 'Add to contact log' }).click();
  const subject = page.getByLabel('Subject');
  await expect(subject).toHaveAttribute('aria-invalid', 'true');
  await expect(subject).toBeFocused();
  await expect(page.locator('.field-error')).toHaveText('Subject is required');
});

test('when the session ends the app goes back to the login', async ({ page, request }) => {
  await logIn(page, DEMO_USERS.clerk);
  const token = await page.evaluate(() => window.sessionStorage.getItem('billing-office.session'));
  expect(token).toBeTruthy();
  await callOperation(request, 'session.logout', {}, token ?? '');
  await page.getByRole('combobox', { name: 'Find an account' }).fill('a');
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  await expect(page.getByText('Your session has ended')).toBeVisible();
});

/** serve.mjs's data folder and startOffice's file name. */
const DATABASE = join(tmpdir(), `billing-office-e2e-${E2E_PORT}`, 'billing-office.sqlite');

/** Writes a last name straight into the file, as data stored before the contract refused such names. */
function storeLastName(customerId: number, lastName: string): void {
  const script = `const Database = require('better-sqlite3'); const db = new Database(process.argv[1]); db.pragma('busy_timeout = 5000');
    db.prepare('UPDATE customers SET last_name = ? WHERE id = ?').run(process.argv[2], Number(process.argv[3])); db.close();`;
  execFileSync(process.execPath, ['-e', script, DATABASE, lastName, String(customerId)]);
}

test('a name stored with a right-to-left override is isolated on the account page and in the header', async ({ page, request }) => {
  const account = await accountWithBalance(request);
  const original = account.customer.lastName;
  storeLastName(account.customer.customerId, `${original}\u202Ecod.exe`);
  try {
    await logIn(page, DEMO_USERS.clerk);
    await page.goto(`/#/accounts/${account.accountId}`);
    const name = page.locator('.customer-name');
    await expect(name).toContainText('\u202E');
    // The override cannot reach past the name: the name's box is a bidi isolate.
    expect(await name.evaluate((element) => getComputedStyle(element).unicodeBidi)).toBe('isolate');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`Account ${account.accountNumber}`);
    // The signed-in user's name in the header sits in a <bdi> too.
    expect(await page.locator('.header-user bdi').count()).toBe(1);
  } finally {
    storeLastName(account.customer.customerId, original);
  }
});
