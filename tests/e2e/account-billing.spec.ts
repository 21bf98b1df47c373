/**
 * The account page's billing actions, end to end on the demo district (which has its rates): a
 * technician charges the SETUP fee from the fee table in force and sees the balance rise by
 * exactly $35.00; holds the account out of bill runs and releases it; moves a customer out with a
 * final reading and sees the final bill's lines, the deposit applied and the refund or balance
 * due, and the account shows Closed with the balance the move-out left. A clerk sees none of it.
 * Accounts of cycle 3 above #150 are used: the other tests work cycles 1, 2 and 4 and low ids.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import type { AccountDetail, MeterReadRow } from '../../src-shared/contract/accounts';
import type { BillView } from '../../src-shared/contract/billing';
import { formatCents } from '../../src-shared/money';
import { formatBalance } from '../../src-renderer/ui/format';
import { apiLogin, callOperation, DEMO_USERS, logIn } from './support';

const CYCLE = 3;
const SETUP_FEE_CENTS = 3_500;

async function must<Value>(request: APIRequestContext, op: string, input: unknown, token: string): Promise<Value> {
  const result = await callOperation(request, op, input, token, randomUUID());
  expect(result.ok, `${op}: ${JSON.stringify(result.error)}`).toBe(true);
  return result.value as Value;
}

/** The first active cycle-3 account from `fromId` on that `fits`. */
async function findAccount(request: APIRequestContext, token: string, fromId: number, fits: (account: AccountDetail) => boolean): Promise<AccountDetail> {
  for (let accountId = fromId; accountId < fromId + 50; accountId += 1) {
    const result = await callOperation(request, 'accounts.get', { accountId }, token);
    const account = result.value as AccountDetail | undefined;
    if (result.ok && account && account.status === 'active' && account.location.cycle === CYCLE && account.billHoldReason === null && fits(account)) return account;
  }
  throw new Error(`No active cycle-${CYCLE} account from #${fromId} fits`);
}

test('a technician charges the SETUP fee: the amount is shown before posting and the balance rises by $35.00', async ({ page, request }) => {
  const token = await apiLogin(request, DEMO_USERS.technician);
  const account = await findAccount(request, token, 150, () => true);

  await logIn(page, DEMO_USERS.technician);
  await page.goto(`/#/accounts/${account.accountId}`);
  await expect(page.getByTestId('account-balance')).toHaveText(formatBalance(account.balanceCents));
  await page.getByRole('button', { name: 'Charge a fee…' }).click();
  const form = page.getByRole('dialog', { name: `Charge a fee to account ${account.accountNumber}` });
  // A percentage fee asks for its base and shows what it comes to: 10% of $20.00 is below the $5.00 minimum.
  await form.getByRole('radio', { name: /^Late charge/ }).check();
  await form.getByLabel('Amount the 10% is of, in dollars').fill('20.00');
  await expect(form.getByText('Will charge:')).toContainText('$5.00');
  await form.getByLabel('Amount the 10% is of, in dollars').fill('84.25');
  await expect(form.getByText('Will charge:')).toContainText('$8.43');
  // A flat fee has no base field.
  await form.getByRole('radio', { name: /^Account set-up/ }).check();
  await expect(form.getByLabel('Amount the 10% is of, in dollars')).toHaveCount(0);
  await expect(form.getByRole('radio', { name: /^Account set-up/ })).toBeChecked();
  await form.getByLabel('Note (optional, kept in the ledger)').fill('New owner');
  await form.getByRole('button', { name: 'Review…' }).click();

  const confirm = page.getByRole('dialog', { name: 'Confirm the fee' });
  await expect(confirm.getByTestId('fee-preview')).toHaveText('$35.00');
  await expect(confirm).toContainText(`${formatBalance(account.balanceCents)} → ${formatBalance(account.balanceCents + SETUP_FEE_CENTS)}`);
  await confirm.getByRole('button', { name: 'Charge $35.00' }).click();

  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByText(/^Charged Account set-up: \$35\.00/)).toBeVisible();
  await expect(page.getByTestId('account-balance')).toHaveText(formatBalance(account.balanceCents + SETUP_FEE_CENTS));
  const after = await must<AccountDetail>(request, 'accounts.get', { accountId: account.accountId }, token);
  expect(after.balanceCents).toBe(account.balanceCents + SETUP_FEE_CENTS);
  // The ledger tab shows the fee line with its arithmetic and the note.
  await expect(page.getByRole('table').first()).toContainText('Account set-up: $35.00');
});

test('a technician holds an account out of bill runs, sees the banner with the reason, and releases it', async ({ page, request }) => {
  const token = await apiLogin(request, DEMO_USERS.technician);
  const account = await findAccount(request, token, 160, () => true);

  await logIn(page, DEMO_USERS.technician);
  await page.goto(`/#/accounts/${account.accountId}`);
  await expect(page.getByTestId('bill-hold-banner')).toHaveCount(0);
  await page.getByRole('button', { name: 'Hold from billing…' }).click();
  const dialog = page.getByRole('dialog', { name: `Hold ${account.accountNumber} out of bill runs?` });
  await dialog.getByRole('button', { name: 'Hold from billing' }).click();
  await expect(dialog.getByText('Say why the account is held')).toBeVisible();
  await dialog.getByLabel('Reason for the hold').fill('Disputed usage; leak adjustment pending');
  await dialog.getByLabel('Reason for the hold').press('Enter');

  await expect(page.getByTestId('bill-hold-banner')).toHaveText(/Held out of bill runs: Disputed usage; leak adjustment pending/);
  await expect(page.getByRole('button', { name: 'Hold from billing…' })).toHaveCount(0);
  expect((await must<AccountDetail>(request, 'accounts.get', { accountId: account.accountId }, token)).billHoldReason).toBe('Disputed usage; leak adjustment pending');

  await page.getByTestId('bill-hold-banner').getByRole('button', { name: 'Release hold' }).click();
  await expect(page.getByTestId('bill-hold-banner')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Hold from billing…' })).toBeVisible();
  expect((await must<AccountDetail>(request, 'accounts.get', { accountId: account.accountId }, token)).billHoldReason).toBeNull();
});

test('a technician moves a customer out: final bill with its explanations, deposit applied, refund or balance due, account Closed', async ({ page, request }) => {
  const token = await apiLogin(request, DEMO_USERS.technician);
  const account = await findAccount(request, token, 166, (candidate) => candidate.depositHeldCents > 0);
  const [last] = await must<MeterReadRow[]>(request, 'accounts.reads', { accountId: account.accountId, limit: 1 }, token);
  expect(last).toBeDefined();
  const finalReading = String(Number(last!.reading) + 7);
  const dials = account.meters.find((meter) => meter.status === 'active')?.dials ?? 0;
  expect(finalReading.length).toBeLessThanOrEqual(dials);

  await logIn(page, DEMO_USERS.technician);
  await page.goto(`/#/accounts/${account.accountId}`);
  await page.getByRole('button', { name: 'Move out…' }).click();
  const form = page.getByRole('dialog', { name: `Move out: close account ${account.accountNumber}` });
  await expect(form.getByLabel('Move-out date')).toHaveValue(new RegExp(`^\\d{4}-\\d{2}-\\d{2}$`));
  await expect(form.getByTestId('last-reading')).toContainText(`Last reading ${last!.reading} on`);
  await expect(form.getByLabel(/^Apply the deposit held/)).toBeChecked();
  await expect(form.getByLabel(/^Apply the deposit held/)).toHaveAccessibleName(new RegExp(`\\${formatCents(account.depositHeldCents)}`));
  // A reading that is not digits is refused beside the field, before anything is sent.
  await form.getByLabel('Final reading').fill('12ab');
  await form.getByRole('button', { name: 'Post the final bill and close' }).click();
  await expect(form.getByText('Enter the final reading as digits, like 001234 or 1234.5')).toBeVisible();
  await form.getByLabel('Final reading').fill(finalReading);
  await form.getByRole('button', { name: 'Post the final bill and close' }).click();

  const done = page.getByRole('dialog', { name: `Account ${account.accountNumber} closed` });
  await expect(done).toBeVisible();
  const billId = Number(/#\/billing\/bills\/(\d+)/.exec((await done.getByRole('link', { name: /^Bill #\d+$/ }).getAttribute('href')) ?? '')?.[1]);
  const bill = await must<BillView>(request, 'billing.bill', { billId }, token);
  expect(bill).toMatchObject({ accountId: account.accountId, kind: 'final', status: 'posted', reading: finalReading });
  // Every line with its explanation sentence, and the total.
  const lines = done.getByRole('table', { name: 'Final bill' });
  await expect(lines.locator('tbody tr')).toHaveCount(bill.computed.lines.length);
  for (const line of bill.computed.lines) {
    await expect(lines).toContainText(line.description);
    await expect(lines).toContainText(line.explanation.sentence);
  }
  await expect(lines.locator('tfoot')).toContainText(formatCents(bill.computed.totalCents));
  await expect(done.getByTestId('deposit-applied')).toHaveText(formatCents(account.depositHeldCents));

  // The balance after: the one before, plus the final bill, less the deposit.
  const balanceAfterCents = account.balanceCents + bill.computed.totalCents - account.depositHeldCents;
  const after = await must<AccountDetail>(request, 'accounts.get', { accountId: account.accountId }, token);
  expect(after).toMatchObject({ status: 'closed', depositHeldCents: 0, balanceCents: balanceAfterCents });
  const outcome = balanceAfterCents < 0 ? `REFUND DUE to the customer${formatCents(-balanceAfterCents)}` : `Balance due from the customer${formatCents(balanceAfterCents)}`;
  await expect(done.locator('.move-out-facts')).toContainText(balanceAfterCents === 0 ? 'Nothing owed either way' : outcome);

  await done.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Closed');
  await expect(page.getByTestId('account-balance')).toHaveText(formatBalance(balanceAfterCents));
  await expect(page.getByRole('button', { name: 'Move out…' })).toHaveCount(0);
  if (balanceAfterCents < 0) await expect(page.getByTestId('closed-balance-note')).toHaveText(`Closed with a credit of ${formatCents(-balanceAfterCents)}: a refund is due to the customer.`);
  if (balanceAfterCents > 0) await expect(page.getByTestId('closed-balance-note')).toHaveText(`Closed with ${formatCents(balanceAfterCents)} still due from the customer.`);
  await expect(page.getByRole('button', { name: 'Hold from billing…' })).toHaveCount(0);

  // The link opens the final bill's explanation in Billing.
  await page.getByRole('tab', { name: 'Bills' }).click();
  await page.getByRole('link', { name: `Bill #${billId}` }).click();
  await expect(page).toHaveURL(new RegExp(`#/billing/bills/${billId}$`));
});

test('a clerk sees the hold banner but none of the billing actions', async ({ page, request }) => {
  const token = await apiLogin(request, DEMO_USERS.technician);
  const account = await findAccount(request, token, 180, () => true);
  await must(request, 'billing.setHold', { accountId: account.accountId, reason: 'Bankruptcy stay' }, token);

  await logIn(page, DEMO_USERS.clerk);
  await page.goto(`/#/accounts/${account.accountId}`);
  await expect(page.getByTestId('bill-hold-banner')).toHaveText('Held out of bill runs: Bankruptcy stay');
  await expect(page.getByRole('group', { name: 'Billing actions' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Release hold' })).toHaveCount(0);
  await must(request, 'billing.setHold', { accountId: account.accountId, reason: null }, token);
});

test('a clerk sees how much of a balance is past due, current and penalties, as the main process applies payments', async ({ page, request }) => {
  const token = await apiLogin(request, DEMO_USERS.clerk);
  const account = await findAccount(request, token, 166, (candidate) => candidate.balanceCents > 0);
  const open = await must<{ pastDueCents: number; currentCents: number; penaltyCents: number; creditCents: number }>(request, 'billing.openItems', { accountId: account.accountId }, token);
  expect(open.pastDueCents + open.currentCents + open.penaltyCents - open.creditCents).toBe(account.balanceCents);
  await logIn(page, DEMO_USERS.clerk);
  await page.goto(`/#/accounts/${account.accountId}`);
  const line = page.getByTestId('open-items');
  if (open.pastDueCents > 0) await expect(line).toContainText(`Past due${formatCents(open.pastDueCents)}`);
  if (open.currentCents > 0) await expect(line).toContainText(`Current${formatCents(open.currentCents)}`);
});
