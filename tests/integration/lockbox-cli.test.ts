/**
 * The lockbox type codes and the BAI lockbox format from the command line: `lockbox codes` shows
 * and changes the office setting (the operation refusing bad codes), `lockbox import --item-codes`
 * reads one BAI2 file with other codes, and `--format bai-lockbox` previews the BAI lockbox sample.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectExit, runCli, type CliRun as Run } from '../support/cli';

const tech = { BILLING_OFFICE_USER: 'tech', BILLING_OFFICE_PASSWORD: 'demo-password' };
const fixtures = join(__dirname, '../fixtures/lockbox');

let folder: string;
let db: string;
const cli = (args: string[]): Promise<Run> => runCli(folder, ['--db', db, ...args], tech);

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'billing-office-lockbox-cli-'));
  db = join(folder, 'demo.sqlite');
  expectExit(await runCli(folder, ['--db', db, 'demo', '--accounts', '3', '--seed', '7']), 0);
  // A bank that reports lockbox items as 117 and deposit totals as 105.
  const bai2 = readFileSync(join(fixtures, 'lockbox-good.bai'), 'utf8').replace(/^16,116,/gm, '16,117,').replace('16,115,', '16,105,');
  writeFileSync(join(folder, 'lbx-117.bai'), bai2);
}, 120_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('billing-office lockbox codes and import', () => {
  it('shows and changes the office type codes; the operation refuses bad ones', async () => {
    const shown = await cli(['lockbox', 'codes']);
    expectExit(shown, 0);
    expect(shown.stdout.trim()).toBe('Type codes: payments 116; deposit totals 115');
    const set = await cli(['lockbox', 'codes', '--item-codes', '116,117', '--deposit-codes', 'none']);
    expectExit(set, 0);
    expect(set.stdout.trim()).toBe('Set. Type codes: payments 116, 117; deposit totals none');
    const refused = await cli(['lockbox', 'codes', '--item-codes', '11x']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('three digits from 100 to 999');
    const json = await cli(['--json', 'lockbox', 'codes', '--item-codes', '116', '--deposit-codes', '115']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, value: { itemCodes: ['116'], depositCodes: ['115'] } });
  }, 60_000);

  it('reads one BAI2 file with --item-codes, saying so in the preview; previews a BAI lockbox file', async () => {
    const preview = await cli(['lockbox', 'import', join(folder, 'lbx-117.bai'), '--format', 'bai2', '--item-codes', '117', '--dry-run']);
    expect(preview.stdout).toContain('lbx-117.bai: 3 payments, $418.34');
    expect(preview.stdout).toContain('Type codes: payments 117; deposit totals 115 (given for this file)');
    const lbx = await cli(['--json', 'lockbox', 'import', join(fixtures, 'lockbox-good-bai-lockbox.txt'), '--format', 'bai-lockbox', '--dry-run']);
    const value = (JSON.parse(lbx.stdout) as { value: { itemCount: number; totalCents: number; typeCodes: unknown } }).value;
    expect(value).toMatchObject({ itemCount: 3, totalCents: 41_834, typeCodes: null });
  }, 60_000);
});
