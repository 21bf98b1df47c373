/**
 * `billing-office batch correct`: a mail entry keyed wrong is keyed again while its batch is open
 * (the same options as pay; a check without its bank as number::dollars), and the batch closes.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectExit, runCli, type CliRun as Run } from '../support/cli';

const clerk = { BILLING_OFFICE_USER: 'clerk', BILLING_OFFICE_PASSWORD: 'demo-password' };
let folder: string;
let db: string;
let account: string;

const cli = (args: string[]): Promise<Run> => runCli(folder, ['--db', db, ...args], clerk);
const json = <T>(run: Run) => JSON.parse(run.stdout) as { ok: boolean; value: T; error?: { code: string; message: string } };

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'billing-office-batches-cli-'));
  db = join(folder, 'demo.sqlite');
  expectExit(await runCli(folder, ['--db', db, 'demo', '--accounts', '10', '--seed', '7']), 0);
  const sqlite = new Database(db, { readonly: true });
  account = sqlite.prepare('SELECT account_number FROM accounts ORDER BY id LIMIT 1').pluck().get() as string;
  sqlite.close();
}, 120_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

it('corrects an entry of an open batch and the batch then closes', async () => {
  expectExit(await cli(['drawer', 'open', '--workstation', 'Mail desk']), 0);
  const opened = await cli(['--json', 'batch', 'open', '--channel', 'mail', '--count', '1', '--total', '42.00']);
  expectExit(opened, 0);
  const batchId = json<{ batchId: number }>(opened).value.batchId;
  const keyed = await cli(['--json', 'pay', '--channel', 'mail', '--batch', String(batchId), '--account', `${account}=24.00`, '--check', '311::24.00']);
  expectExit(keyed, 0);
  const wrong = json<{ receiptNumber: string; tenders: { description: string }[] }>(keyed).value;
  expect(wrong.tenders.map((tender) => tender.description)).toEqual(['Check 311 $24.00']);
  expectExit(await cli(['batch', 'close', String(batchId)]), 1);

  const corrected = await cli(['batch', 'correct', wrong.receiptNumber, '--account', `${account}=42.00`, '--check', '311::42.00']);
  expectExit(corrected, 0);
  expect(corrected.stdout).toMatch(new RegExp(`Receipt ${wrong.receiptNumber} is replaced by R\\d{7}\\.`));
  const old = await cli(['--json', 'receipt', wrong.receiptNumber]);
  expect(json<{ status: string }>(old).value.status).toBe('voided');
  const closed = await cli(['--json', 'batch', 'close', String(batchId)]);
  expectExit(closed, 0);
  expect(json<{ status: string; entryTotalCents: number }>(closed).value).toMatchObject({ status: 'closed', entryTotalCents: 4_200 });
}, 120_000);
