/**
 * `billing-office reads …` as an operator or a script runs it: a demo district, the route
 * export turned into a Badger file, import with --dry-run then for real (the same file twice
 * refused), the worklist, unread report and cycle status, all with --json and exit codes.
 */
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectExit, runCli, type CliRun as Run } from '../support/cli';

const tech = { BILLING_OFFICE_USER: 'tech', BILLING_OFFICE_PASSWORD: 'demo-password' };
const clerk = { BILLING_OFFICE_USER: 'clerk', BILLING_OFFICE_PASSWORD: 'demo-password' };

let folder: string;
let db: string;
let period: string;


const cli = (args: string[], env: Record<string, string> = {}): Promise<Run> => runCli(folder, ['--db', db, ...args], env);

const json = <T>(run: Run) => JSON.parse(run.stdout) as { ok: boolean; value: T; error?: { code: string; message: string } };

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'billing-office-reads-cli-'));
  db = join(folder, 'demo.sqlite');
  expectExit(await cli(['demo', '--accounts', '60', '--seed', '7']), 0);
  // The next period after the demo's latest cycle-1 read.
  const sqlite = new Database(db, { readonly: true });
  const latest = sqlite
    .prepare('SELECT max(r.read_date) FROM meter_reads r JOIN meters m ON m.id = r.meter_id JOIN service_locations l ON l.id = m.location_id WHERE l.cycle = 1')
    .pluck()
    .get() as string;
  sqlite.close();
  const [year, month] = latest.slice(0, 7).split('-').map(Number) as [number, number];
  period = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}, 120_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('billing-office reads', () => {
  it('exports the route, imports a Badger file built from it (dry run first), refuses it twice, and reports', async () => {
    const routeFile = join(folder, 'route.csv');
    const exported = await cli(['reads', 'route-export', '--cycle', '1', '--period', period, '--out', routeFile], tech);
    expectExit(exported, 0);
    expect(exported.stdout).toMatch(/^Wrote \d+ meters to /);
    expectExit(await cli(['reads', 'route-export', '--cycle', '1', '--period', period, '--out', routeFile], tech), 1);
    const route = parse(readFileSync(routeFile), { columns: true }) as Record<string, string>[];
    expect(route.length).toBeGreaterThan(3);

    // Everyone read at the high end of the expected range, except the last meter (left unread).
    const badger = [
      'Account_ID,Meter_ID,Read,Read_Unit,Read_Time,Estimated_Flag,Current_Leak_Rate,Dials,Register_Resolution',
      ...route.slice(0, -1).map((row) => `${row.Account},${row.Meter_Serial},${row.Expected_High_Reading || row.Prior_Reading},${row.Unit === 'HCF' ? 'CCF' : row.Unit},${period}-09 07:00:00,N,0,${row.Dials},1`),
    ].join('\n');
    const file = join(folder, 'cycle1.csv');
    writeFileSync(file, `${badger}\n`);

    const dryRun = await cli(['--json', 'reads', 'import', file, '--format', 'badger-beacon', '--cycle', '1', '--period', period, '--dry-run'], tech);
    expectExit(dryRun, 0);
    const preview = json<{ canImport: boolean; readCount: number; unmatched: unknown[] }>(dryRun).value;
    expect(preview).toMatchObject({ canImport: true, readCount: route.length - 1, unmatched: [] });
    const sqlite = new Database(db, { readonly: true });
    expect(sqlite.prepare('SELECT COUNT(*) FROM read_imports').pluck().get()).toBe(0);
    sqlite.close();

    const refused = await cli(['reads', 'import', file, '--format', 'badger-beacon', '--cycle', '1', '--period', period], clerk);
    expectExit(refused, 1);
    expect(refused.stderr).toMatch(/ask a billing technician/);

    const imported = await cli(['reads', 'import', file, '--format', 'badger-beacon', '--cycle', '1', '--period', period], tech);
    expectExit(imported, 0);
    expect(imported.stdout).toMatch(/^Imported \(import 1\):\s+cycle1\.csv \(badger-beacon\), cycle 1/m);
    const again = await cli(['--json', 'reads', 'import', file, '--format', 'badger-beacon', '--cycle', '1', '--period', period], tech);
    expectExit(again, 1);
    expect(json(again).error).toMatchObject({ code: 'CONFLICT' });
    expect(again.stderr).toMatch(/already imported .*import 1, cycle1\.csv/);

    const unread = await cli(['--json', 'reads', 'unread', '--cycle', '1', '--period', period], clerk);
    expectExit(unread, 0);
    expect(json<{ total: number; rows: { meterSerial: string }[] }>(unread).value.rows.map((row) => row.meterSerial)).toEqual([route.at(-1)!.Meter_Serial]);

    const exceptions = await cli(['--json', 'reads', 'exceptions', '--cycle', '1', '--period', period, '--status', 'open'], clerk);
    expectExit(exceptions, 0);
    const list = json<{ total: number; rows: { status: string }[] }>(exceptions).value;
    expect(list.rows.every((row) => row.status === 'open')).toBe(true);
    const human = await cli(['reads', 'exceptions', '--cycle', '1', '--period', period], clerk);
    expectExit(human, 0);

    const status = await cli(['--json', 'reads', 'status', '--cycle', '1', '--period', period], clerk);
    expectExit(status, 0);
    expect(json<{ readyToBill: boolean; unreadCount: number }>(status).value).toMatchObject({ readyToBill: false, unreadCount: 1 });
    const words = await cli(['reads', 'status', '--cycle', '1', '--period', period], clerk);
    expect(words.stdout).toMatch(/^Ready to bill:\s+no$/m);
    expect(words.stdout).toMatch(/^- 1 meter is not read yet/m);
  }, 120_000);

  it('a dry run of a malformed file exits 1 naming the line and field; usage errors exit 2', async () => {
    const file = join(folder, 'bad.csv');
    writeFileSync(file, 'Account_ID,Meter_ID,Read,Read_Unit,Read_Time,Estimated_Flag,Current_Leak_Rate,Dials,Register_Resolution\nX,M1,12a,CCF,2026-01-09 07:00:00,N,0,6,1\n');
    const run = await cli(['reads', 'import', file, '--format', 'badger-beacon', '--cycle', '1', '--period', period, '--dry-run'], tech);
    expectExit(run, 1);
    // The problem's place is printed once (it used to read "Line 2 (Read): Line 2, Read: …").
    expect(run.stdout).toMatch(/^Line 2, Read: "12a" is not a number\./m);
    expect(run.stdout).not.toMatch(/Line 2.*Line 2/);
    expect(run.stderr).toMatch(/first: Line 2, Read: "12a"/);
    expectExit(await cli(['reads', 'status', '--cycle', '1', '--period', '2026-13'], tech), 2);
    expectExit(await cli(['reads', 'import', file, '--format', 'fixed-width', '--cycle', '1', '--period', period], tech), 2);
    expect(existsSync(join(folder, 'no-default-data-folder'))).toBe(false);
  }, 60_000);
});
