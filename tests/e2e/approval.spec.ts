/** A technician adjusts a balance; a supervisor approves it on the spot. */
import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import type { AccountDetail } from '../../src-shared/contract/accounts';
import { formatBalance } from '../../src-renderer/ui/format';
import { apiLogin, callOperation, DEMO_PASSWORD, DEMO_USERS, logIn } from './support';

const ACCOUNT_ID = 7;
const CHARGE_CENTS = 1234;

async function balanceOf(request: Parameters<typeof apiLogin>[0], token: string, accountId = ACCOUNT_ID): Promise<AccountDetail> {
  const result = await callOperation(request, 'accounts.get', { accountId }, token);
  expect(result.ok).toBe(true);
  return result.value as AccountDetail;
}

test('a technician’s adjustment needs a supervisor, and moves the balance by exactly the amount', async ({ page, request }) => {
  const token = await apiLogin(request, DEMO_USERS.supervisor);
  const before = await balanceOf(request, token);

  await logIn(page, DEMO_USERS.technician);
  await page.goto(`/#/accounts/${ACCOUNT_ID}`);
  await expect(page.getByTestId('account-balance')).toHaveText(formatBalance(before.balanceCents));
  await page.getByRole('button', { name: 'Adjust balance…' }).click();

  const adjust = page.getByRole('dialog');
  await adjust.getByLabel('Charge the customer (raises the balance)').check();
  await adjust.getByLabel('Amount in dollars').fill('12.34');
  await adjust.getByLabel('Reason (kept in the ledger and the audit trail)').fill('Returned check fee');
  await adjust.getByRole('button', { name: 'Review…' }).click();
  await expect(page.getByRole('dialog', { name: 'Confirm the adjustment' })).toContainText('$12.34');
  await expect(page.getByRole('dialog', { name: 'Confirm the adjustment' })).toContainText(
    `${formatBalance(before.balanceCents)} → ${formatBalance(before.balanceCents + CHARGE_CENTS)}`,
  );
  await page.getByRole('button', { name: 'Post charge of $12.34' }).click();

  const approval = page.getByRole('dialog', { name: 'Supervisor approval needed' });
  await expect(approval).toContainText(`Charge $12.34 on account ${before.accountNumber}`);
  await approval.getByLabel('Supervisor user name').fill(DEMO_USERS.supervisor);
  await approval.getByLabel('Supervisor password').fill('not-the-password');
  await approval.getByRole('button', { name: 'Approve' }).click();
  await expect(approval.getByRole('alert')).toContainText('not right');
  await expect(approval.getByLabel('Supervisor user name')).toHaveValue(DEMO_USERS.supervisor);
  await approval.getByLabel('Supervisor password').fill(DEMO_PASSWORD);
  await approval.getByRole('button', { name: 'Approve' }).click();

  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('account-balance')).toHaveText(formatBalance(before.balanceCents + CHARGE_CENTS));
  const newest = page.locator('table.ledger tbody tr').first();
  await expect(newest).toContainText('Returned check fee');
  await expect(newest).toContainText('$12.34');

  const after = await balanceOf(request, token);
  expect(after.balanceCents - before.balanceCents).toBe(CHARGE_CENTS);
});

test('a supervisor reverses a ledger line without being asked for approval', async ({ page, request }) => {
  const accountId = ACCOUNT_ID + 1;
  const token = await apiLogin(request, DEMO_USERS.supervisor);
  const entryId = randomUUID();
  const posted = await callOperation(
    request,
    'ledger.adjust',
    { entryId, accountId, amountCents: 3500, reason: 'Meter test deposit charged in error' },
    token,
    entryId,
  );
  expect(posted.ok, JSON.stringify(posted.error)).toBe(true);
  const before = await balanceOf(request, token, accountId);

  await logIn(page, DEMO_USERS.supervisor);
  await page.goto(`/#/accounts/${accountId}`);
  const newest = page.locator('table.ledger tbody tr').first();
  await expect(newest).toContainText('Meter test deposit charged in error');
  await newest.getByRole('button', { name: 'Reverse…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reverse this entry' });
  await expect(dialog).toContainText('-$35.00');
  await dialog.getByLabel('Reason (kept in the ledger and the audit trail)').fill('Deposit was already paid');
  await dialog.getByRole('button', { name: 'Reverse $35.00' }).click();

  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('account-balance')).toHaveText(formatBalance(before.balanceCents - 3500));
  await expect(page.locator('table.ledger tbody tr').first()).toContainText('Reversal');
  await expect(page.locator('table.ledger tbody tr').nth(1)).toContainText('Reversed');
});
