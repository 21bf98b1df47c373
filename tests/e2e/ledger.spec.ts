/** A long ledger comes a page at a time, and each line's running balance stays exact across pages. */
import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import type { AccountDetail } from '../../src-shared/contract/accounts';
import { formatBalance } from '../../src-renderer/ui/format';
import { apiLogin, callOperation, DEMO_USERS, logIn } from './support';

const ACCOUNT_ID = 9;
const POSTINGS = 55;
const PAGE_LINES = 50;

test('"Load more" brings the older lines with the balance after each one', async ({ page, request }) => {
  const token = await apiLogin(request, DEMO_USERS.supervisor);
  for (let index = 0; index < POSTINGS; index += 1) {
    const entryId = randomUUID();
    const posted = await callOperation(
      request,
      'ledger.adjust',
      { entryId, accountId: ACCOUNT_ID, amountCents: 100, reason: `Paging test ${index + 1}` },
      token,
      entryId,
    );
    expect(posted.ok, JSON.stringify(posted.error)).toBe(true);
  }
  const account = (await callOperation(request, 'accounts.get', { accountId: ACCOUNT_ID }, token)).value as AccountDetail;

  await logIn(page, DEMO_USERS.clerk);
  await page.goto(`/#/accounts/${ACCOUNT_ID}`);
  const rows = page.locator('table.ledger tbody tr');
  await expect(rows).toHaveCount(PAGE_LINES);
  await expect(rows.first()).toContainText(`Paging test ${POSTINGS}`);
  await expect(rows.first().locator('td').nth(4)).toHaveText(formatBalance(account.balanceCents));

  await page.getByRole('button', { name: 'Load more' }).click();
  await expect(rows.nth(PAGE_LINES)).toBeVisible();
  const count = await rows.count();
  expect(count).toBeGreaterThanOrEqual(POSTINGS);
  // Paging must not drop or repeat a line: the 55 postings appear once each, in order.
  const memos = await page.locator('table.ledger tbody td.memo').allInnerTexts();
  const paging = memos.filter((memo) => memo.startsWith('Paging test'));
  expect(paging).toEqual(Array.from({ length: POSTINGS }, (_, index) => `Paging test ${POSTINGS - index}`));
  // The line just older than the first page still shows the balance after it, exactly.
  await expect(rows.nth(PAGE_LINES).locator('td').nth(4)).toHaveText(formatBalance(account.balanceCents - PAGE_LINES * 100));
});
