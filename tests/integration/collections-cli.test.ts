/**
 * `billing-office collections …` and `holidays …`: the real commands on a database made by the
 * CLI (the system clock's today). A shut-off the guard forbids exits 1 with the operation's own
 * sentence; --json gives the eligibility with every rule.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src-main/core/clock';
import { GL } from '../../src-main/core/ledger/chart';
import { postEntry } from '../../src-main/core/ledger/journal';
import { insertBareAccounts } from '../support/fixtures';
import { expectExit, runCli, type CliRun } from '../support/cli';

const asSupervisor = { BILLING_OFFICE_USER: 'sofia', BILLING_OFFICE_PASSWORD: 'supervisor-pass-1' };
let folder: string;
let db: string;
const cli = (args: string[]): Promise<CliRun> => runCli(folder, ['--db', db, ...args], asSupervisor);

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'billing-office-collections-cli-'));
  db = join(folder, 'office.sqlite');
  expectExit(await cli(['init', '--district', 'Test Valley Water District', '--supervisor', 'sofia']), 0);
  // One residential account owing $182.40 since 1 September (a charge is due the day it posts).
  const sqlite = new Database(db);
  try {
    const [accountId] = insertBareAccounts(sqlite, 1);
    sqlite.prepare("INSERT INTO account_services (account_id, service, rate_class, started_on) VALUES (?, 'water', 'residential', '2026-01-01')").run(accountId);
    postEntry(sqlite, '2026-09-01T17:00:00.000Z', {
      entryId: randomUUID(), effectiveDate: '2026-09-01', kind: 'adjustment', memo: 'water charges', createdByUserId: 1, approvedByUserId: 1,
      lines: [{ glCode: GL.accountsReceivable, accountId: accountId!, amountCents: 18_240 }, { glCode: '4900', amountCents: -18_240 }],
    });
  } finally {
    sqlite.close();
  }
}, 120_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('billing-office collections', () => {
  it('records a notice, refuses a shut-off today naming the rule and date, and shows eligibility as JSON', { timeout: 300_000 }, async () => {
    const today = systemClock.today();
    const notice = await cli(['collections', 'notice', 'T000000', '--kind', 'written_notice', '--date', today]);
    expectExit(notice, 0);
    expect(notice.stdout).toContain(`Written notice of ${today} recorded on account T000000 ($182.40 delinquent)`);

    const refused = await cli(['collections', 'shutoff', 'T000000', '--date', today]);
    expectExit(refused, 1);
    expect(refused.stderr).toContain(`A shut-off on ${today} is not allowed. The earliest lawful shut-off date is `);
    expect(refused.stderr).toContain('[notice_seven_business_days] — not before ');

    const json = await cli(['--json', 'collections', 'eligibility', 'T000000']);
    expectExit(json, 0);
    const { value } = JSON.parse(json.stdout) as { value: { allowed: boolean; earliestLawfulDate: string; settingRule: string; residential: boolean; rules: { rule: string; blocks: boolean }[] } };
    expect(value).toMatchObject({ allowed: false, settingRule: 'notice_seven_business_days', residential: true });
    expect(value.earliestLawfulDate > today).toBe(true);
    expect(value.rules.filter((rule) => rule.blocks).map((rule) => rule.rule)).toEqual(['notice_seven_business_days']);

    const human = await cli(['collections', 'eligibility', 'T000000', '--date', value.earliestLawfulDate]);
    expectExit(human, 0);
    expect(human.stdout).toMatch(/^Shut-off that day:\s+allowed$/m);
    const ordered = await cli(['collections', 'shutoff', 'T000000', '--date', value.earliestLawfulDate]);
    expectExit(ordered, 0);
    expect(ordered.stdout).toContain(`Shut-off for non-payment on ${value.earliestLawfulDate}, account T000000`);
  });

  it('records and ends a hold; lists, adds and removes holidays', { timeout: 300_000 }, async () => {
    const today = systemClock.today();
    const hold = await cli(['--json', 'collections', 'hold', 'add', 'T000000', '--kind', 'financial_inability', '--program', 'medi_cal', '--from', today]);
    expectExit(hold, 0);
    const { holdId } = (JSON.parse(hold.stdout) as { value: { holdId: number } }).value;
    expectExit(await cli(['collections', 'hold', 'end', String(holdId), '--on', '2027-12-31']), 0);
    const show = await cli(['collections', 'show', 'T000000']);
    expect(show.stdout).toMatch(/Financial inability \(Medi-Cal\)\s+\d{4}-\d{2}-\d{2}\s+2027-12-31/);

    const list = await cli(['holidays', 'list', '--from', '2026-07-01', '--to', '2026-07-31']);
    expectExit(list, 0);
    expect(list.stdout).toMatch(/2026-07-03\s+Independence Day \(observed\)\s+seeded/);
    const added = await cli(['--json', 'holidays', 'add', '2027-03-12', '--name', 'Staff training day']);
    expectExit(added, 0);
    const { holidayId } = (JSON.parse(added.stdout) as { value: { holidayId: number } }).value;
    const removed = await cli(['holidays', 'remove', String(holidayId)]);
    expectExit(removed, 0);
    expect(removed.stdout).toContain('Removed 2027-03-12 Staff training day: the office is open that day');
    expectExit(await cli(['holidays', 'add', 'not-a-date', '--name', 'x']), 2);
  });
});
