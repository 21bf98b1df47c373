/**
 * Pictures of the Meter reads screens for a person to look at (npm run screenshots): the
 * import preview, a malformed file, the worklist with a high read's chart, each action dialog,
 * re-reads (due, keyed, cleared, still flagged, in an import), bulk accept, the unread report and cycle status, route export, work orders and thresholds.
 */
import { expect, test, type Page } from '@playwright/test';
import { badgerFile, middleReading, planReads, routeRows, todayIso, unreadCycle } from './reads-support';
import { apiLogin, callOperation, DEMO_USERS, logIn } from './support';

const folder = process.env.BILLING_OFFICE_SHOTS ?? '/tmp/billing-office-shots';
const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: `${folder}/${name}.png`, fullPage });

async function chooseCycle(page: Page, cycle: number, period: string): Promise<void> {
  const picker = page.getByRole('form', { name: 'Cycle and period' });
  await picker.getByLabel('Cycle').fill(String(cycle));
  await picker.getByLabel('Period').fill(period);
  await picker.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByTestId('cycle-status')).toContainText(`Cycle ${cycle}, ${period}`);
}

test('meter reads screens', async ({ page, request }) => {
  test.setTimeout(150_000);
  const token = await apiLogin(request, DEMO_USERS.technician);
  const { cycle, period } = await unreadCycle(request, token, 1);
  const plan = planReads(await routeRows(request, token, cycle, period));
  // Leave a few meters unread so the unread report has rows.
  const content = badgerFile(plan.slice(0, Math.max(3, plan.length - 4)), todayIso());

  await logIn(page, DEMO_USERS.technician);
  await page.keyboard.press('Alt+3');
  await chooseCycle(page, cycle, period);
  await shot(page, 'reads-01-empty-worklist');

  await page.getByRole('tab', { name: 'Import' }).click();
  // Sensus CMEP: which field holds the meter id, and a typed crosswalk.
  await page.getByLabel('How to read it').selectOption('sensus-cmep');
  await page.getByLabel('The meter id is in').selectOption('receiverCustomerId');
  await page.getByLabel('Or type the crosswalk (optional)').fill('CMEP id,Serial\n177-2231,SNS-1005\n177-2232,SNS-1006\n');
  await expect(page.getByTestId('crosswalk-summary')).toContainText('2 meter ids mapped');
  await shot(page, 'reads-02a-import-sensus-options');
  await page.getByLabel('Or type the crosswalk (optional)').fill('177-2231,SNS-1005\n177-2232\n');
  await expect(page.getByTestId('crosswalk-problem')).toBeVisible();
  await shot(page, 'reads-02b-import-sensus-crosswalk-problem');
  await page.getByLabel('How to read it').selectOption('badger-beacon');
  const bad = content.split('\r\n');
  bad[2] = (bad[2] ?? '').replace(/,N,/, ',maybe,');
  bad[4] = (bad[4] ?? '').replace(/,\d+,CCF,/, ',12x4,CCF,');
  await page.getByLabel('Read file', { exact: true }).setInputFiles({ name: 'route-7-bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad.join('\r\n')) });
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByRole('table', { name: 'File problems' })).toBeVisible();
  await shot(page, 'reads-02-malformed-file', true);

  await page.getByLabel('Read file', { exact: true }).setInputFiles({ name: 'cycle-beacon.csv', mimeType: 'text/csv', buffer: Buffer.from(content) });
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('preview-counts')).toBeVisible();
  await shot(page, 'reads-03-import-preview', true);
  await page.getByRole('button', { name: 'Import…' }).click();
  await shot(page, 'reads-04-import-confirm');
  await page.getByRole('dialog', { name: 'Import this file?' }).getByRole('button', { name: /^Import \d+ read/ }).click();
  await expect(page.getByText(/Imported .* as import #\d+/)).toBeVisible();
  await shot(page, 'reads-05-imported');

  await page.getByRole('button', { name: 'Import another file' }).click();
  await page.getByLabel('Read file', { exact: true }).setInputFiles({ name: 'cycle-beacon.csv', mimeType: 'text/csv', buffer: Buffer.from(content) });
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByText(/already imported/)).toBeVisible();
  await shot(page, 'reads-06-duplicate', true);

  await page.getByRole('button', { name: 'CSV profiles…' }).click();
  await page.getByRole('button', { name: 'New profile…' }).click();
  await page.getByLabel('Profile name').fill('Handheld route file');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await shot(page, 'reads-07-profile-refused');
  await page.getByLabel('Estimated column').fill('Est');
  await page.getByLabel('Leak column').fill('Leak');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.locator('.field-error').first()).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 1300 });
  await shot(page, 'reads-07b-profile-flag-columns');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'CSV read profiles' }).getByRole('button', { name: 'Close' }).click();

  await page.getByRole('tab', { name: 'Review' }).click();
  // The cycle cards after the import: this cycle's counts and badge.
  await expect(page.getByTestId(`cycle-card-${cycle}`)).toContainText('open');
  await shot(page, 'reads-07c-cycle-cards');
  const list = await callOperation(request, 'reads.exceptions', { cycle, period }, token);
  const rows = (list.value as { rows: { exceptionId: number; meterSerial: string }[] }).rows;
  const high = rows.find((row) => row.meterSerial === plan[0]?.row.meterSerial);
  await page.locator(`[data-exception-id="${high?.exceptionId}"]`).click();
  await expect(page.locator('.usage-history-chart')).toBeVisible();
  await shot(page, 'reads-08-worklist-detail');
  // The same on a taller office monitor: list, facts and chart in one view.
  await page.setViewportSize({ width: 1440, height: 1100 });
  await shot(page, 'reads-08b-worklist-detail-tall');
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const [key, name] of [['a', 'accept'], ['c', 'correct'], ['e', 'estimate'], ['r', 're-read'], ['w', 'work-order'], ['h', 'hold'], ['l', 'courtesy-call']] as const) {
    await page.keyboard.press(key);
    await expect(page.getByRole('dialog')).toBeVisible();
    await shot(page, `reads-09-dialog-${name}`);
    await page.keyboard.press('Escape');
    await page.getByTestId('worklist').focus();
  }
  await page.keyboard.press('w');
  await page.getByRole('dialog').getByRole('button', { name: /^Order / }).click();
  await expect(page.getByText(/work order #\d+ ordered by/)).toBeVisible();
  await shot(page, 'reads-10-after-work-order');
  await page.locator(`[data-exception-id="${high?.exceptionId}"]`).click();
  await page.keyboard.press('h');
  await page.getByRole('dialog').getByLabel('Reason for holding (required)').fill('Waiting for the high-usage check');
  await page.getByRole('dialog').getByRole('button', { name: 'Hold (bill without it)' }).click();
  await page.getByLabel('Status').selectOption('all');
  await page.locator(`[data-exception-id="${high?.exceptionId}"]`).click();
  await page.setViewportSize({ width: 1440, height: 1400 });
  await shot(page, 'reads-10b-held-with-history');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Re-reads. The zero-use read: a re-read ordered, recording it offered first, keyed, cleared.
  const zero = rows.find((row) => row.meterSerial === plan[1]?.row.meterSerial);
  await page.locator(`[data-exception-id="${zero?.exceptionId}"]`).click();
  await expect(page.getByRole('article', { name: `Exception ${zero?.exceptionId}` })).toBeVisible();
  await page.keyboard.press('w');
  await page.getByRole('dialog').getByLabel('Work order').selectOption('reread');
  await page.getByRole('dialog').getByRole('button', { name: 'Order re-read' }).click();
  await page.locator(`[data-exception-id="${zero?.exceptionId}"]`).click();
  await expect(page.getByTestId('reread-due')).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 1100 });
  await shot(page, 'reads-10c-re-read-due');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.keyboard.press('r');
  const reRead = page.getByRole('dialog', { name: 'Record re-read' });
  await reRead.getByLabel('Reading on the slip (register digits)').fill(middleReading(plan[1]!.row));
  await reRead.getByLabel('Note (optional)').fill('Reader had the prior month on the handheld');
  await shot(page, 'reads-10d-dialog-re-read-keyed');
  await reRead.getByRole('button', { name: /^Record re-read / }).click();
  const recorded = page.getByRole('dialog', { name: 'Re-read recorded' });
  await expect(recorded.getByTestId('reread-outcome')).toBeVisible();
  await shot(page, 'reads-10e-re-read-cleared');
  await recorded.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText(/Re-read recorded by/)).toBeVisible();
  await page.locator(`[data-exception-id="${zero?.exceptionId}"]`).click();
  await shot(page, 'reads-10f-re-read-cleared-detail');
  // The held high read: the re-read confirms the high use, so it stays open with what it shows.
  await page.locator(`[data-exception-id="${high?.exceptionId}"]`).click();
  await expect(page.getByRole('article', { name: `Exception ${high?.exceptionId}` })).toBeVisible();
  await page.keyboard.press('r');
  await reRead.getByLabel('Reading on the slip (register digits)').fill(String(Number(plan[0]!.reading) + 1));
  await reRead.getByRole('button', { name: /^Record re-read / }).click();
  await expect(recorded.getByTestId('reread-outcome')).toBeVisible();
  await shot(page, 'reads-10g-re-read-still-flagged');
  await recorded.getByRole('button', { name: 'Done' }).click();
  await page.setViewportSize({ width: 1440, height: 1100 });
  await shot(page, 'reads-10h-re-read-still-flagged-detail');
  await page.setViewportSize({ width: 1280, height: 800 });
  // A re-read file: one meter still under review read again; the preview and the result count it.
  const open = ((await callOperation(request, 'reads.exceptions', { cycle, period, statuses: ['open'] }, token)).value as { rows: { meterSerial: string; reading: string | null }[] }).rows;
  const again = plan.find((read) => read.kind === 'normal' && open.some((row) => row.meterSerial === read.row.meterSerial && row.reading !== null));
  if (again) {
    await page.getByRole('tab', { name: 'Import' }).click();
    await page.getByLabel('Read file', { exact: true }).setInputFiles({ name: 'rereads.csv', mimeType: 'text/csv', buffer: Buffer.from(badgerFile([{ ...again, reading: middleReading(again.row) }], todayIso())) });
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect(page.getByTestId('preview-rereads')).toBeVisible();
    await shot(page, 'reads-10i-import-re-read-preview', true);
    await page.getByRole('button', { name: 'Import…' }).click();
    await shot(page, 'reads-10j-import-re-read-confirm');
    await page.getByRole('dialog', { name: 'Import this file?' }).getByRole('button', { name: /^Import 1 read/ }).click();
    await expect(page.getByText(/Imported .* as import #\d+/)).toBeVisible();
    await shot(page, 'reads-10k-import-re-read-result');
    await page.getByRole('tab', { name: 'Review' }).click();
  }
  await page.getByLabel('Status').selectOption('open');
  await page.getByRole('button', { name: /^Accept the \d+ open reads shown/ }).click();
  await shot(page, 'reads-11-bulk-accept');
  await page.keyboard.press('Escape');

  await page.getByRole('tab', { name: 'Unread & cycle status' }).click();
  await expect(page.getByRole('grid', { name: 'Unread meters' })).toBeVisible();
  await shot(page, 'reads-12-unread-and-status', true);
  await page.getByRole('button', { name: /on the worklist/ }).click();
  await expect(page.getByText(/put on the worklist as no-read/)).toBeVisible();
  await shot(page, 'reads-13-unread-flagged');

  await page.getByRole('tab', { name: 'Route export' }).click();
  await page.getByRole('button', { name: 'Make the CSV file' }).click();
  await expect(page.getByRole('link', { name: /^Download / })).toBeVisible();
  await shot(page, 'reads-14-route-export');

  await page.getByRole('tab', { name: 'Work orders' }).click();
  await expect(page.getByRole('table', { name: 'Work orders list' })).toBeVisible();
  await shot(page, 'reads-15-work-orders');

  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Read validation thresholds' })).toBeVisible();
  await shot(page, 'reads-16-settings-technician');

  // What a clerk sees: the worklist and evidence, no actions.
  await page.getByRole('button', { name: 'Log out' }).click();
  await logIn(page, DEMO_USERS.clerk);
  await page.goto('/#/reads/review');
  await chooseCycle(page, cycle, period);
  await expect(page.getByTestId('worklist')).toBeVisible();
  await shot(page, 'reads-16b-clerk-worklist');
  await page.getByRole('tab', { name: 'Import' }).click();
  await shot(page, 'reads-16c-clerk-import');
  await page.getByRole('button', { name: 'Log out' }).click();
  await logIn(page, DEMO_USERS.technician);
  await page.goto('/#/reads/review');

  // A long worklist: every meter of another cycle without a read, flagged as no-read.
  const other = await unreadCycle(request, token, 4);
  await callOperation(request, 'reads.flagUnread', { cycle: other.cycle, period: other.period }, token, crypto.randomUUID());
  await page.getByRole('tab', { name: 'Review' }).click();
  await chooseCycle(page, other.cycle, other.period);
  await page.getByTestId('worklist').focus();
  for (let index = 0; index < 20; index += 1) await page.keyboard.press('j');
  await shot(page, 'reads-17-long-worklist-scrolled');
  // The estimate of a no-read, exactly as it would be stored.
  await page.keyboard.press('e');
  await expect(page.getByTestId('estimate-result')).toBeVisible();
  await shot(page, 'reads-18-estimate-no-read');
  await page.keyboard.press('Escape');

  // A meter set this month has nothing to estimate from: the dialog says why, for each method.
  const opened = await callOperation(request, 'accounts.create', {
    customer: { kind: 'person', firstName: 'Nadia', lastName: 'Newhouse', mailing: { street: '1 New Meter Ln', city: 'Valle Verde', state: 'CA', zip: '95350' } },
    location: { street: '1 New Meter Ln', city: 'Valle Verde', zip: '95350', route: 'R999', sequence: 1, cycle: other.cycle },
    meter: { serial: 'NEW-SHOT-1', size: '5/8', dials: 6, unit: 'HCF', installedOn: todayIso(), initialReading: 0 },
    services: [{ service: 'water', rateClass: 'residential' }],
    openedOn: todayIso(),
  }, token, crypto.randomUUID());
  expect(opened.ok, JSON.stringify(opened.error)).toBe(true);
  await callOperation(request, 'reads.flagUnread', { cycle: other.cycle, period: other.period }, token, crypto.randomUUID());
  await page.getByLabel('Route').fill('R999');
  await page.locator('[data-exception-id]').first().click();
  await page.keyboard.press('e');
  await expect(page.getByTestId('estimate-option-average')).toContainText('no actual reads');
  await shot(page, 'reads-18b-estimate-impossible');
  await page.keyboard.press('Escape');
  await page.getByLabel('Route').fill('');

  // Every unread meter of that cycle in one table, scrolled to the end by keyboard.
  await page.getByRole('tab', { name: 'Unread & cycle status' }).click();
  const grid = page.getByRole('grid', { name: 'Unread meters' });
  await grid.focus();
  await shot(page, 'reads-19-unread-long');
  await page.keyboard.press('End');
  await shot(page, 'reads-19b-unread-long-end');
  // A narrow window: addresses stay on one line, cut short with an ellipsis.
  await page.setViewportSize({ width: 1000, height: 800 });
  await grid.evaluate((element) => element.scrollIntoView({ block: 'end' }));
  await shot(page, 'reads-19c-unread-narrow');
});
