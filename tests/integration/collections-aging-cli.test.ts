/**
 * `billing-office collections aging` on a ten-account demo district: the human table with its
 * check line agreeing, --json equal to the operation's figures (net = the sum of the receivable
 * lines), a bucket's accounts, a bad bucket refused naming it, and the bucket setting refused to
 * a clerk (exit 1) and a bad --set list refused as usage (exit 2).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgingReport } from '../../src-shared/contract/collections-aging';
import { expectExit, runCli, type CliRun as Run } from '../support/cli';

const clerk = { BILLING_OFFICE_USER: 'clerk', BILLING_OFFICE_PASSWORD: 'demo-password' };
let folder: string;
let db: string;
let receivableCents: number;
let today: string;

const cli = (args: string[]): Promise<Run> => runCli(folder, ['--db', db, ...args], clerk);

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'billing-office-aging-cli-'));
  db = join(folder, 'demo.sqlite');
  expectExit(await runCli(folder, ['--db', db, 'demo', '--accounts', '10', '--seed', '7']), 0);
  const sqlite = new Database(db, { readonly: true });
  receivableCents = sqlite.prepare(`SELECT COALESCE(SUM(amount_cents), 0) FROM journal_lines WHERE gl_code = '1100'`).pluck().get() as number;
  today = sqlite.prepare('SELECT MAX(effective_date) FROM journal_entries').pluck().get() as string;
  sqlite.close();
}, 120_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('billing-office collections aging', () => {
  it('prints the aging with its check line, as JSON too, and lists a bucket', async () => {
    const json = await cli(['--json', 'collections', 'aging', '--as-of', today]);
    expectExit(json, 0);
    const report = (JSON.parse(json.stdout) as { value: AgingReport }).value;
    expect(report.control.netCents).toBe(receivableCents);
    expect(report.control.controlAccountCents).toBe(receivableCents);
    expect(report.openTotalCents - report.creditTotalCents).toBe(receivableCents);

    const table = await cli(['collections', 'aging', '--as-of', today]);
    expectExit(table, 0);
    expect(table.stdout).toContain(`Receivable aging as of ${today}`);
    expect(table.stdout).toMatch(/Control check:\s+Open items \$[\d,.]+ − credit balances \$[\d,.]+ = \$[\d,.]+; receivable control account 1100 as of .*— agrees/);

    const fullest = report.buckets[report.bucketTotalsCents.indexOf(Math.max(...report.bucketTotalsCents))]!;
    const listed = await cli(['--json', 'collections', 'aging', '--as-of', today, '--accounts', fullest.key, '--limit', '3']);
    expectExit(listed, 0);
    const accounts = (JSON.parse(listed.stdout) as { value: AgingReport }).value.accounts!;
    expect(accounts.length).toBeGreaterThan(0);
    expect(accounts.length).toBeLessThanOrEqual(3);
    expect(accounts[0]!.bucketCents).toBeGreaterThan(0);

    const badBucket = await cli(['collections', 'aging', '--as-of', today, '--accounts', '90+']);
    expectExit(badBucket, 1);
    expect(badBucket.stderr).toContain('"90+" is not a bucket');
  });

  it('shows the buckets; a clerk cannot change them; a bad list is a usage error', async () => {
    const shown = await cli(['collections', 'aging-buckets']);
    expectExit(shown, 0);
    expect(shown.stdout).toContain('Aging buckets: Current, 1–30, 31–60, 61–90, Over 90');
    expectExit(await cli(['collections', 'aging-buckets', '--set', '1,31,61,91,121']), 1);
    expectExit(await cli(['collections', 'aging-buckets', '--set', '1,x']), 2);
  });
});
