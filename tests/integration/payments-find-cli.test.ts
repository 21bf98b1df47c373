/**
 * `billing-office payments find` as an operator runs it: a check and a cash payment taken, then
 * found by check number (leading zeros dropped), receipt, account and day; with --json, the
 * human table, and the usage and refusal exit codes.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Receipt } from '../../src-shared/contract/payments';
import { expectExit, runCli, type CliRun as Run } from '../support/cli';

const clerk = { BILLING_OFFICE_USER: 'clerk', BILLING_OFFICE_PASSWORD: 'demo-password' };

let folder: string;
let db: string;
let accounts: string[];

const cli = (args: string[]): Promise<Run> => runCli(folder, ['--db', db, ...args], clerk);
const found = (run: Run) => (JSON.parse(run.stdout) as { value: Receipt[] }).value.map((receipt) => receipt.receiptNumber);

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'billing-office-payments-find-cli-'));
  db = join(folder, 'demo.sqlite');
  expectExit(await runCli(folder, ['--db', db, 'demo', '--accounts', '10', '--seed', '7']), 0);
  const sqlite = new Database(db, { readonly: true });
  accounts = sqlite.prepare('SELECT account_number FROM accounts ORDER BY id LIMIT 2').pluck().all() as string[];
  sqlite.close();
}, 120_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('billing-office payments find', () => {
  it('finds receipts by check, receipt, account and day; refuses a search without a filter', async () => {
    const [first, second] = accounts as [string, string];
    expectExit(await cli(['drawer', 'open', '--workstation', 'Counter 1']), 0);
    const check = await cli(['--json', 'pay', '--account', `${first}=42.10`, '--check', '0457:Valley Bank:42.10']);
    expectExit(check, 0);
    const checkReceipt = (JSON.parse(check.stdout) as { value: Receipt }).value;
    const cash = await cli(['--json', 'pay', '--account', `${second}=5.00`, '--cash', '5.00']);
    const cashReceipt = (JSON.parse(cash.stdout) as { value: Receipt }).value;

    const byCheck = await cli(['--json', 'payments', 'find', '--check', '457']);
    expectExit(byCheck, 0);
    expect(found(byCheck)).toEqual([checkReceipt.receiptNumber]);
    expect(found(await cli(['--json', 'payments', 'find', '--receipt', String(Number(cashReceipt.receiptNumber.slice(1)))]))).toEqual([cashReceipt.receiptNumber]);
    // The demo's history paid this account by bank file before: today's cash receipt comes first,
    // and every receipt found is this account's.
    const byAccount = JSON.parse((await cli(['--json', 'payments', 'find', '--account', second])).stdout) as { value: Receipt[] };
    expect(byAccount.value[0]!.receiptNumber).toBe(cashReceipt.receiptNumber);
    expect(byAccount.value.every((receipt) => receipt.accounts.some((line) => line.accountNumber === second))).toBe(true);
    expect(byAccount.value.map((receipt) => receipt.receiptNumber)).not.toContain(checkReceipt.receiptNumber);
    const day = checkReceipt.businessDate;
    expect(found(await cli(['--json', 'payments', 'find', '--from', day, '--to', day]))).toEqual([cashReceipt.receiptNumber, checkReceipt.receiptNumber]);

    const table = await cli(['payments', 'find', '--check', '0457']);
    expectExit(table, 0);
    expect(table.stdout).toMatch(new RegExp(`${day}\\s+${checkReceipt.receiptNumber}\\s+${first}\\s+Check 0457 \\(Valley Bank\\) \\$42\\.10\\s+\\$42\\.10\\s+posted`));
    const none = await cli(['payments', 'find', '--check', '999']);
    expect(none.stdout).toContain('No payment matches.');

    const noFilter = await cli(['payments', 'find']);
    expectExit(noFilter, 2);
    expect(noFilter.stderr).toContain('Say what to find: --receipt R, --check N, --account A and/or --from D --to D');
    const backwards = await cli(['payments', 'find', '--from', '2026-11-09', '--to', '2026-11-02']);
    expectExit(backwards, 1);
    expect(backwards.stderr).toContain('The range ends (2026-11-02) before it starts (2026-11-09)');
  }, 60_000);
});
