/**
 * The drawer day from the command line, as an operator or a script runs it: drawer open, pay
 * (cash with change, a check), void with a supervisor approving, close with a short and a
 * reason, deposit, end of day finalised — with --json and exit codes.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectExit, runCli, type CliRun as Run } from '../support/cli';

const clerk = { BILLING_OFFICE_USER: 'clerk', BILLING_OFFICE_PASSWORD: 'demo-password' };
const supervisor = { BILLING_OFFICE_USER: 'super', BILLING_OFFICE_PASSWORD: 'demo-password' };

let folder: string;
let db: string;
let accounts: string[];

const cli = (args: string[], env: Record<string, string> = {}): Promise<Run> => runCli(folder, ['--db', db, ...args], env);
const json = <T>(run: Run) => JSON.parse(run.stdout) as { ok: boolean; value: T; error?: { code: string; message: string } };

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'billing-office-payments-cli-'));
  db = join(folder, 'demo.sqlite');
  expectExit(await cli(['demo', '--accounts', '10', '--seed', '7']), 0);
  const sqlite = new Database(db, { readonly: true });
  accounts = sqlite.prepare('SELECT account_number FROM accounts ORDER BY id LIMIT 2').pluck().all() as string[];
  sqlite.close();
}, 120_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('billing-office drawer, pay, void, deposit, end-of-day', () => {
  it('runs a drawer day with --json and exit codes', async () => {
    const [first, second] = accounts as [string, string];
    const opened = await cli(['--json', 'drawer', 'open', '--workstation', 'Counter 1', '--float', 'bill_20=5,bill_10=5', '--float', 'coin_25=20'], clerk);
    expectExit(opened, 0);
    const drawer = json<{ drawerId: number; totals: { openingFloatCents: number } }>(opened).value;
    expect(drawer.totals.openingFloatCents).toBe(15_500);

    const cash = await cli(['pay', '--account', `${first}=12.34`, '--cash', '20'], clerk);
    expectExit(cash, 0);
    expect(cash.stdout).toMatch(/CHANGE:\s+\$7\.66/);
    const check = await cli(['--json', 'pay', '--account', `${second}=50.00`, '--check', '1043:Valley Bank:50.00'], clerk);
    expectExit(check, 0);
    const checkReceipt = json<{ receiptNumber: string }>(check).value.receiptNumber;
    const badTender = await cli(['pay', '--account', `${first}=5`, '--check', '1043-80.00'], clerk);
    expectExit(badTender, 2);
    expect(badTender.stderr).toContain('--check: "1043-80.00" is not number:bank:dollars');

    const extra = await cli(['--json', 'pay', '--account', `${first}=1.00`, '--cash', '1.00'], clerk);
    const extraReceipt = json<{ receiptNumber: string }>(extra).value.receiptNumber;
    const passwordFile = join(folder, 'super.txt');
    writeFileSync(passwordFile, 'demo-password\n');
    const unapproved = await cli(['--json', 'void', extraReceipt, '--reason', 'Wrong account'], clerk);
    expectExit(unapproved, 1);
    expect(json(unapproved).error?.code).toBe('APPROVAL_REQUIRED');
    const voided = await cli(['--json', 'void', extraReceipt, '--reason', 'Wrong account', '--approver', 'super', '--approver-password-file', passwordFile], clerk);
    expectExit(voided, 0);
    expect(json<{ status: string }>(voided).value.status).toBe('voided');

    // Expected cash 155.00 + 20.00 − 7.66 = 167.34; counted 167.24: short $0.10.
    const count = ['--cash', 'bill_20=6,bill_10=4,bill_1=1', '--cash', 'coin_25=24,coin_10=2,coin_1=4', '--item', 'check:1043:50.00'];
    const dry = await cli(['drawer', 'close', '--dry-run', ...count], clerk);
    expectExit(dry, 0);
    expect(dry.stdout).toContain('Cash is short $0.10: counted $167.24, expected $167.34');
    expectExit(await cli(['drawer', 'close', ...count], clerk), 1);
    const closed = await cli(['--json', 'drawer', 'close', ...count, '--reason', 'Dime missing'], clerk);
    expectExit(closed, 0);
    expect(json<{ status: string; reconciliation: { overShortCents: number } }>(closed).value).toMatchObject({ status: 'closed', reconciliation: { overShortCents: -10 } });

    expectExit(await cli(['deposit', String(drawer.drawerId)], clerk), 1);
    const slipPdf = join(folder, 'slip.pdf');
    const deposit = await cli(['--json', 'deposit', String(drawer.drawerId), '--pdf', slipPdf], supervisor);
    expectExit(deposit, 0);
    // Cash 167.24 − float 155.00: currency 161.00 − 150.00 = 11.00, coin 6.24 − 5.00 = 1.24; the check 50.00.
    expect(json<{ currencyCents: number; coinCents: number; itemsCents: number; totalCents: number }>(deposit).value).toMatchObject({ currencyCents: 1_100, coinCents: 124, itemsCents: 5_000, totalCents: 6_224 });

    expect(readFileSync(slipPdf).subarray(0, 5).toString()).toBe('%PDF-');
    const eodPdf = join(folder, 'eod.pdf');
    const eod = await cli(['end-of-day', '--finalise', '--pdf', eodPdf], supervisor);
    expectExit(eod, 0);
    expect(readFileSync(eodPdf).subarray(0, 5).toString()).toBe('%PDF-');
    // A PDF is never written over an existing file.
    expectExit(await cli(['end-of-day', '--pdf', eodPdf], supervisor), 1);
    expect(eod.stdout).toMatch(/ok  Drawer payments = deposit \+ card \+ short − over/);
    const rollPdf = join(folder, 'receipt.pdf');
    const receipt = await cli(['--json', 'receipt', checkReceipt, '--reprint', '--pdf', rollPdf, '--roll'], clerk);
    expectExit(receipt, 0);
    expect(readFileSync(rollPdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(json<{ reprint: boolean; tenders: { description: string }[] }>(receipt).value).toMatchObject({ reprint: true, tenders: [{ description: 'Check 1043 (Valley Bank) $50.00' }] });
  }, 180_000);
});
