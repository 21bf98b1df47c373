/**
 * What `reads import --dry-run` and `lockbox import` print for a file, without --json: each
 * problem once with its place ("Line 20, control total: …", never "Line 20, control total:
 * Line 20, control total: …"), and the file's notes ("Note: …") — interval records skipped,
 * earlier readings not kept, a BAI2 deposit total (115) matching its items. Files written by hand
 * from the published layouts (CMEP MEPMD01, BAI2) for a small demo district.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectExit, runCli, type CliRun as Run } from '../support/cli';

const tech = { BILLING_OFFICE_USER: 'tech', BILLING_OFFICE_PASSWORD: 'demo-password' };

let folder: string;
let db: string;
let accounts: string[];
/** Two CF or HCF meters of one cycle with their register unit and newest reading, and the period after it. */
let meters: { serial: string; unit: string; reading: number }[];
let cycle: number;
let period: string;

const cli = (args: string[]): Promise<Run> => runCli(folder, ['--db', db, ...args], tech);
const write = (name: string, text: string) => {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'billing-office-file-preview-cli-'));
  db = join(folder, 'demo.sqlite');
  expectExit(await runCli(folder, ['--db', db, 'demo', '--accounts', '12', '--seed', '7']), 0);
  const sqlite = new Database(db, { readonly: true });
  accounts = sqlite.prepare("SELECT account_number FROM accounts WHERE status = 'active' ORDER BY id LIMIT 2").pluck().all() as string[];
  const all = sqlite
    .prepare(
      `SELECT l.cycle, m.serial, m.unit, (SELECT r.reading FROM meter_reads r WHERE r.meter_id = m.id ORDER BY r.read_date DESC LIMIT 1) AS reading
       FROM meters m JOIN service_locations l ON l.id = m.location_id WHERE m.status = 'active' AND m.unit IN ('HCF', 'CF') ORDER BY m.id`,
    )
    .all() as ((typeof meters)[number] & { cycle: number })[];
  cycle = [1, 2, 3, 4].find((c) => all.filter((meter) => meter.cycle === c).length >= 2) as number;
  meters = all.filter((meter) => meter.cycle === cycle).slice(0, 2);
  const latest = sqlite.prepare('SELECT max(read_date) FROM meter_reads').pluck().get() as string;
  sqlite.close();
  const [year, month] = latest.slice(0, 7).split('-').map(Number) as [number, number];
  period = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}, 120_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A MEPMD01 record: 14 fields, then count × (CCYYMMDDHHMM, quality, value). */
function mepmd01(meterId: string, units: string, interval: string, readings: [string, string, number][]): string {
  const stamp = period.replace('-', '');
  return ['MEPMD01', '19970819', 'SENSUS', 'SPS:130000', '15173624', 'B72842123', `${stamp}091458`, meterId, 'OK', 'W', units, '1.0', interval, String(readings.length), ...readings.flatMap(([hhmm, quality, value]) => [`${stamp}09${hhmm}`, quality, String(value)])].join(',');
}

describe('import previews on the command line', () => {
  it('a CMEP dry run prints the notes of what was skipped on purpose', async () => {
    const [first, second] = meters as [(typeof meters)[number], (typeof meters)[number]];
    const reg = (meter: (typeof meters)[number]) => (meter.unit === 'CF' ? 'CFREG' : 'CCFREG');
    const step = (meter: (typeof meters)[number]) => (meter.unit === 'CF' ? 1000 : 10);
    const file = write(
      'cmep-notes.txt',
      [
        // Three hourly register readings: the latest (06:00) is the read, two are not kept.
        mepmd01(first.serial, reg(first), '00000100', [['0400', 'R0', first.reading + step(first) - 2], ['0500', 'R0', first.reading + step(first) - 1], ['0600', 'R0', first.reading + step(first)]]),
        // Hourly usage (units without REG, with an interval): skipped.
        mepmd01(second.serial, 'CF', '00000100', [['0500', 'R0', 3], ['0600', 'R0', 4]]),
        mepmd01(second.serial, reg(second), '00000000', [['0600', 'R0', second.reading + step(second)]]),
        '',
      ].join('\n'),
    );
    const run = await cli(['reads', 'import', file, '--format', 'sensus-cmep', '--cycle', String(cycle), '--period', period, '--dry-run']);
    expectExit(run, 0);
    expect(run.stdout).toMatch(/^Note: 1 interval-usage record\(s\) \(units without REG, with an interval\) were skipped: only register reads are imported\.$/m);
    expect(run.stdout).toMatch(/^Note: 2 earlier reading\(s\) in multi-reading records were not kept: the latest reading of each record is its read\.$/m);
    // The same notes are in --json.
    const json = JSON.parse((await cli(['--json', 'reads', 'import', file, '--format', 'sensus-cmep', '--cycle', String(cycle), '--period', period, '--dry-run'])).stdout) as { value: { notes: string[] } };
    expect(json.value.notes).toHaveLength(2);
  }, 60_000);

  it('a CMEP problem is printed once with its place, and the dry run exits 1', async () => {
    const [first] = meters as [(typeof meters)[number]];
    const file = write('cmep-bad.txt', `${mepmd01(first.serial, 'CCFREG', '00000000', [['0600', 'R0', first.reading]])},202611090700,R0\n`);
    const run = await cli(['reads', 'import', file, '--format', 'sensus-cmep', '--cycle', String(cycle), '--period', period, '--dry-run']);
    expectExit(run, 1);
    expect(run.stdout).toMatch(/^Line 1, count: the record says it carries 1 readings but has 19 fields; 1 readings take 17 \(14 \+ 3 per reading\)\.$/m);
    expect(run.stdout).not.toMatch(/Line 1, count: Line 1/);
  }, 60_000);

  it('a BAI2 lockbox dry run prints the 115 deposit note; a bad control total is printed once', async () => {
    const [a1, a2] = accounts as [string, string];
    // Account 03 and 16 amounts: 5,000,000 + 20,659 (type 110) + 20,659 (115) + 12,659 + 8,000 = 5,061,977.
    const good = [
      '01,DISTBANK,VALLEYWATER,260305,0615,1,80,,2/',
      '02,VALLEYWATER,121000358,1,260305,0600,USD,2/',
      '03,4012345678,USD,010,5000000,,,110,20659,2,0/',
      '16,115,20659,0,LBX0305,,LOCKBOX DEPOSIT 0305/',
      `16,116,12659,0,LBX0305-001,4417,${a1}/`,
      `16,116,8000,0,LBX0305-002,,${a2}/`,
      '49,5061977,5/',
      '98,5061977,1,7/',
      '99,5061977,1,9/',
      '',
    ];
    const run = await cli(['lockbox', 'import', write('lockbox-good.bai', good.join('\n')), '--format', 'bai2', '--dry-run']);
    expectExit(run, 0);
    expect(run.stdout).toMatch(/^Note: The bank's lockbox deposit record \(115\) total \$206\.59, the same as the payments\.$/m);

    const bad = [...good];
    bad[6] = '49,5061978,5/';
    const refused = await cli(['lockbox', 'import', write('lockbox-bad.bai', bad.join('\n')), '--format', 'bai2', '--dry-run']);
    expectExit(refused, 1);
    expect(refused.stdout).toMatch(/^Line 7, control total: /m);
    expect(refused.stdout).not.toMatch(/control total: Line 7/);
  }, 60_000);
});
