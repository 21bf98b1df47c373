/**
 * Billing, end to end in browser mode on the demo district (which has its rates): a technician
 * drafts cycle 1's bills for its latest read period, sees the register and the two accounts it
 * cannot bill (opened today: nothing to measure a period from), holds them and recomputes; a supervisor approves; the
 * technician posts and makes the print file; a bill is opened from the run by keyboard and
 * explains its lines, and comes as a PDF; cancel and rebill goes through a supervisor's approval at
 * the counter. A supervisor previews a rate change on the sample bills and saves it.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AccountDetail } from '../../src-shared/contract/accounts';
import type { BillRunReview, BillView } from '../../src-shared/contract/billing';
import { formatCents } from '../../src-shared/money';
import { addDaysIso } from '../../src-renderer/billing/billingFormat';
import { formatBalance } from '../../src-renderer/ui/format';
import { todayIso } from './reads-support';
import { apiLogin, callOperation, DEMO_PASSWORD, DEMO_USERS, logIn } from './support';

const CYCLE = 1;

async function must<Value>(request: APIRequestContext, op: string, input: unknown, token: string): Promise<Value> {
  const result = await callOperation(request, op, input, token, randomUUID());
  expect(result.ok, `${op}: ${JSON.stringify(result.error)}`).toBe(true);
  return result.value as Value;
}

/** The newest period cycle 1 has reads for: this month once its read day has passed, else last month. */
async function latestReadPeriod(request: APIRequestContext, token: string): Promise<string> {
  const thisMonth = todayIso().slice(0, 7);
  const status = await must<{ readMeters: number }>(request, 'reads.cycleStatus', { cycle: CYCLE, period: thisMonth }, token);
  if (status.readMeters > 0) return thisMonth;
  const [year, month] = thisMonth.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** A new account in cycle 1 with a meter set today: the run cannot bill it (no earlier read to measure from). */
async function openUnreadAccount(request: APIRequestContext, token: string, index: number): Promise<AccountDetail> {
  return must<AccountDetail>(request, 'accounts.create', {
    customer: { kind: 'person', firstName: 'Blocked', lastName: `Billing${index}`, mailing: { street: `${index} Unread Way`, city: 'Valle Verde', state: 'CA', zip: '95350' } },
    location: { street: `${index} Unread Way`, city: 'Valle Verde', zip: '95350', route: 'R990', sequence: index, cycle: CYCLE },
    meter: { serial: `E2E-BILL-${index}`, size: '5/8', dials: 6, unit: 'HCF', installedOn: todayIso(), initialReading: 0 },
    services: [{ service: 'water', rateClass: 'residential' }],
    openedOn: todayIso(),
  }, token);
}

async function switchUser(page: Page, username: string): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  await logIn(page, username);
}

test('run a cycle: draft, hold the blocked accounts, recompute, approve, post, print file, explain a bill, cancel and rebill', async ({ page, request }) => {
  test.setTimeout(120_000);
  const token = await apiLogin(request, DEMO_USERS.technician);
  const period = await latestReadPeriod(request, token);
  const blocked = [await openUnreadAccount(request, token, 1), await openUnreadAccount(request, token, 2)];

  // Draft: Alt+4 opens Billing, N the "New run" form with today's dates already in it.
  await logIn(page, DEMO_USERS.technician);
  await page.keyboard.press('Alt+4');
  await expect(page.getByRole('heading', { name: 'Billing' })).toBeVisible();
  await page.keyboard.press('n');
  const form = page.getByRole('dialog', { name: 'New bill run' });
  await expect(form.getByLabel('Bill date')).toHaveValue(todayIso());
  await form.getByLabel('Cycle').fill(String(CYCLE));
  await form.getByLabel('Period').fill(period);
  await expect(page.getByTestId('new-run-readiness')).toContainText(`Cycle ${CYCLE}, ${period}`);
  await form.getByLabel('Cycle').press('Enter');

  await expect(page.getByRole('heading', { name: new RegExp(`^Run #\\d+ · Cycle ${CYCLE}, ${period}$`) })).toBeVisible();
  const runId = Number(/#\/billing\/runs\/(\d+)/.exec(page.url())?.[1]);
  const drafted = await must<BillRunReview>(request, 'billing.review', { runId }, token);
  expect(drafted.run).toMatchObject({ status: 'draft', blockedCount: 2, heldCount: 0 });
  expect(drafted.run.billCount).toBeGreaterThan(10);
  await expect(page.getByTestId('run-status')).toHaveText('Draft');

  // The register: one row per service and class, and a total row equal to the run's total.
  const register = page.getByRole('table', { name: 'Register' });
  await expect(register.locator('tbody tr')).toHaveCount(drafted.register.length);
  const registerSum = drafted.register.reduce((sum, row) => sum + row.amountCents, 0);
  expect(registerSum).toBe(drafted.run.totalCents);
  await expect(register.locator('tfoot')).toContainText(formatCents(drafted.run.totalCents));
  await expect(page.getByTestId('accounting')).toContainText('Blocked2');
  await expect(page.getByTestId('post-blockers')).toContainText('2 accounts are blocked');

  // The blocked accounts, why, and a hold on each; the run counts them once recomputed.
  await page.getByRole('tab', { name: 'Not billed (2)' }).click();
  const notBilled = page.getByRole('table', { name: 'Accounts not billed' });
  for (const account of blocked) {
    const row = notBilled.locator(`tr[data-account-id="${account.accountId}"]`);
    // A meter set today has only its setting read: no period to bill yet.
    expect(drafted.accounting.notBilled.find((item) => item.accountId === account.accountId)).toMatchObject({ disposition: 'blocked', reason: 'No earlier read to measure the period from' });
    await expect(row).toContainText('No earlier read to measure the period from');
    await row.getByRole('button', { name: `Hold ${account.accountNumber}` }).click();
    const hold = page.getByRole('dialog', { name: `Hold ${account.accountNumber} out of bill runs?` });
    await hold.getByLabel('Reason for the hold').fill('New meter set today; first bill next cycle');
    await hold.getByLabel('Reason for the hold').press('Enter');
    await expect(row).toContainText('Held: New meter set today; first bill next cycle — recompute to apply');
  }
  await page.getByRole('button', { name: 'Recompute now' }).click();
  await expect(page.getByText(/^Recomputed: .* 2 held, 0 blocked\.$/).first()).toBeVisible();
  await expect(page.getByTestId('accounting')).toContainText('Held2');
  await expect(page.getByTestId('accounting')).toContainText('Blocked0');
  await expect(page.getByTestId('post-blockers')).toHaveText(/Cannot post yet:\s*A supervisor has not approved the run$/);
  await expect(notBilled.locator(`tr[data-account-id="${blocked[0]!.accountId}"]`)).toContainText('Account on bill hold: New meter set today');

  // A technician cannot approve; a supervisor can, with a note.
  await expect(page.getByRole('button', { name: 'Approve…' })).toHaveCount(0);
  await switchUser(page, DEMO_USERS.supervisor);
  await page.goto(`/#/billing/runs/${runId}`);
  await page.getByRole('button', { name: 'Approve…' }).click();
  const approve = page.getByRole('dialog', { name: 'Approve this run?' });
  await expect(approve).toContainText(formatCents(drafted.run.totalCents));
  await approve.getByLabel('Note (optional)').fill('Register checked');
  await approve.getByLabel('Note (optional)').press('Enter');
  await expect(page.getByTestId('run-status')).toHaveText('Approved');

  // The technician posts; every bill reaches its account.
  await switchUser(page, DEMO_USERS.technician);
  await page.goto(`/#/billing/runs/${runId}`);
  await expect(page.getByText('Ready to post')).toBeVisible();
  await page.getByRole('button', { name: 'Post to the ledger…' }).click();
  await page.getByRole('dialog', { name: /^Post \d+ bills to the ledger\?$/ }).getByRole('button', { name: `Post ${formatCents(drafted.run.totalCents)}` }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Posted');
  const posted = await must<BillRunReview>(request, 'billing.review', { runId }, token);
  expect(posted.run).toMatchObject({ status: 'posted', billCount: drafted.run.billCount, totalCents: drafted.run.totalCents, heldCount: 2, blockedCount: 0, approvedBy: 'Susan Park' });

  // The print vendor's file, with its control totals.
  await page.getByRole('button', { name: 'Print file (CSV)' }).click();
  await expect(page.getByRole('link', { name: /^Download .+\.csv$/ })).toBeVisible();
  await expect(page.locator('.download-made')).toContainText(`${drafted.run.billCount} bills, current charges ${formatCents(drafted.run.totalCents)}`);

  // Find a bill by account number, ↓ into the list, Enter opens it.
  const bills = await must<{ rows: { billId: number; accountId: number; accountNumber: string; totalCents: number }[] }>(request, 'billing.bills', { runId, limit: 5 }, token);
  const target = bills.rows[0]!;
  const before = await must<BillView>(request, 'billing.bill', { billId: target.billId }, token);
  const search = page.getByPlaceholder('Account number or name');
  await search.fill(target.accountNumber);
  await expect(page.getByTestId('bill-count')).toContainText('1 bill matching');
  await search.press('ArrowDown');
  await expect(page.getByRole('grid', { name: 'Bills' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: `Bill #${target.billId} — ${before.customerName}` })).toBeVisible();
  await expect(page.getByTestId('bill-status')).toHaveText('Posted');
  const lines = page.getByRole('table', { name: 'Bill lines' }).locator('tbody tr');
  await expect(lines).toHaveCount(before.computed.lines.length);
  const usage = before.computed.lines.find((line) => line.kind === 'usage') ?? before.computed.lines[0]!;
  await expect(page.locator('.explanation-sentence', { hasText: usage.explanation.sentence })).toBeVisible();
  // Previous balance + current charges = amount due, as the bill says.
  expect(before.previousBalanceCents + before.computed.totalCents).toBe(before.amountDueCents);
  await expect(page.getByTestId('bill-totals')).toContainText(formatBalance(before.amountDueCents));
  const balanceBefore = (await must<AccountDetail>(request, 'accounts.get', { accountId: target.accountId }, token)).balanceCents;
  // The bill as the customer received it, as a PDF (jsreport in Debian's chromium).
  await page.getByRole('button', { name: 'PDF' }).click();
  const pdfLink = page.getByRole('link', { name: /^Download .+\.pdf$/ });
  await expect(pdfLink).toBeVisible({ timeout: 30_000 });
  const download = await Promise.all([page.waitForEvent('download'), pdfLink.click()]).then(([event]) => event);
  const pdfPath = await download.path();
  expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // Cancel and rebill: the technician asks, a supervisor approves at the counter.
  await page.getByRole('button', { name: 'Cancel and rebill…' }).click();
  const cancel = page.getByRole('dialog', { name: `Cancel bill #${target.billId}?` });
  await cancel.getByLabel('Reason').fill('Customer disputes the read; read checked, rebilled');
  await cancel.getByLabel('Reason').press('Enter');
  const approval = page.getByRole('dialog', { name: 'Supervisor approval needed' });
  await expect(approval).toContainText(`Cancel bill #${target.billId} (${formatCents(target.totalCents)}) on account ${target.accountNumber}`);
  await approval.getByLabel('Supervisor user name').fill(DEMO_USERS.supervisor);
  await approval.getByLabel('Supervisor password').fill(DEMO_PASSWORD);
  await approval.getByRole('button', { name: 'Approve' }).click();

  await expect(page.getByText(`This bill replaces bill #${target.billId}, which was cancelled.`)).toBeVisible();
  const rebillId = Number(/#\/billing\/bills\/(\d+)/.exec(page.url())?.[1]);
  expect(rebillId).not.toBe(target.billId);
  const cancelled = await must<BillView>(request, 'billing.bill', { billId: target.billId }, token);
  expect(cancelled).toMatchObject({ status: 'cancelled', replacedByBillId: rebillId, cancelled: { by: 'Tomás Rivera', reason: 'Customer disputes the read; read checked, rebilled' } });
  const rebill = await must<BillView>(request, 'billing.bill', { billId: rebillId }, token);
  // The reads did not change: the rebill charges the same, and the balance is where it was.
  expect(rebill).toMatchObject({ status: 'posted', replacesBillId: target.billId });
  expect(rebill.computed.totalCents).toBe(before.computed.totalCents);
  expect((await must<AccountDetail>(request, 'accounts.get', { accountId: target.accountId }, token)).balanceCents).toBe(balanceBefore);

  // The account's Bills tab lists both, the cancelled one marked, each linking here.
  await page.getByRole('link', { name: target.accountNumber }).click();
  await page.getByRole('tab', { name: 'Bills' }).click();
  const accountBills = page.locator('table.account-bills tbody tr');
  await expect(accountBills.filter({ hasText: `Bill #${rebillId}` })).toContainText('Posted');
  await expect(accountBills.filter({ hasText: `Bill #${target.billId}` })).toContainText('Cancelled');
  await accountBills.filter({ hasText: `Bill #${target.billId}` }).getByRole('link').click();
  await expect(page.getByText(`Replaced by bill #${rebillId}`)).toBeVisible();
});

test('a read-related block links to the meter-read page that works it; a clerk sees the run but no actions', async ({ page, request }) => {
  const token = await apiLogin(request, DEMO_USERS.technician);
  const thisMonth = todayIso().slice(0, 7);
  // Cycle 2 next month: nothing read yet, so every account is blocked with "No read".
  const [year, month] = thisMonth.split('-').map(Number) as [number, number];
  const nextMonth = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  const review = await must<BillRunReview>(request, 'billing.createRun', { cycle: 2, period: nextMonth, billDate: todayIso(), dueDate: addDaysIso(todayIso(), 20) }, token);
  expect(review.run.billCount).toBe(0);
  expect(review.accounting.blocked).toBe(review.accounting.total);

  await logIn(page, DEMO_USERS.clerk);
  await page.goto(`/#/billing/runs/${review.run.runId}/not-billed`);
  await expect(page.getByTestId('run-status')).toHaveText('Draft');
  await expect(page.getByRole('toolbar', { name: 'Run actions' }).getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Hold / })).toHaveCount(0);
  await page.getByRole('button', { name: 'Unread meters' }).first().click();
  await expect(page.getByRole('heading', { name: 'Meter reads' })).toBeVisible();
  await expect(page.getByTestId('cycle-status')).toContainText(`Cycle 2, ${nextMonth}`);

  // The run is cancelled so the cycle stays free for the meter-read tests.
  await must(request, 'billing.cancelRun', { runId: review.run.runId, reason: 'e2e: nothing read yet' }, token);
});

test('a supervisor previews a rate change on the sample bills, sees a refused document\'s JSON path, and saves the rates', async ({ page, request }) => {
  await logIn(page, DEMO_USERS.supervisor);
  await page.goto('/#/billing/rates');
  await expect(page.locator('details.rate-schedule[open] summary')).toContainText('In force today');
  await page.getByRole('button', { name: 'Edit the rates…' }).click();
  // The JSON document (the CLI's file) is under Advanced; loading it checks it by the same rule as saving.
  await page.getByText('Advanced: the rate document as JSON').click();
  const json = page.getByLabel('Rate document (JSON)');
  const text = await json.inputValue();

  // A rate typed as a JSON number is refused, naming where it is.
  await json.fill(text.replace('"5.1450"', '5.4'));
  await page.getByRole('button', { name: 'Load this JSON into the form' }).click();
  await expect(page.locator('.rate-problems .json-path')).toHaveText(/^schedules\[\d+\]\.water\.classes\.residential\.tiers\[0\]\.ratePerHcf$/);
  await expect(page.getByRole('button', { name: 'Save as rates in force…' })).toBeDisabled();

  // The first residential tier of the 2026-07-01 schedule from $5.145 to $5.40 an HCF:
  // 6 HCF costs 6 × $0.255 = $1.53 more, 13 HCF (10 in the first tier) 10 × $0.255 = $2.55 more.
  await json.fill(text.replace('"5.1450"', '"5.4000"'));
  await page.getByRole('button', { name: 'Load this JSON into the form' }).click();
  await expect(page.getByLabel('Residential tier 1 rate per HCF')).toHaveValue('5.4000');
  await page.getByRole('button', { name: 'Preview effect' }).click();
  const samples = page.getByRole('table', { name: 'Sample bills' });
  await expect(samples.locator('tr', { hasText: 'Residential 5/8", 6 HCF' })).toContainText('+$1.53');
  await expect(samples.locator('tr', { hasText: 'Residential 3/4", 13 HCF' })).toContainText('+$2.55');
  await expect(samples.locator('tr', { hasText: 'Irrigation 2", 150 HCF' })).toContainText('$0.00');

  await page.getByRole('button', { name: 'Save as rates in force…' }).click();
  await page.getByRole('dialog', { name: 'Save as the rates in force?' }).getByLabel('Note (optional)').fill('e2e: first tier $5.40');
  await page.getByRole('button', { name: 'Save the rates' }).click();
  await expect(page.getByText(/^Saved: rate book #\d+ is now the rates in force\.$/)).toBeVisible();
  const token = await apiLogin(request, DEMO_USERS.supervisor);
  const current = await must<{ note: string; document: { schedules: { effectiveFrom: string; water: { classes: { residential?: { tiers: { ratePerHcf: string }[] } } } }[] } }>(request, 'rates.current', {}, token);
  expect(current.note).toBe('e2e: first tier $5.40');
  expect(current.document.schedules.find((schedule) => schedule.effectiveFrom === '2026-07-01')?.water.classes.residential?.tiers[0]?.ratePerHcf).toBe('5.4000');
});
