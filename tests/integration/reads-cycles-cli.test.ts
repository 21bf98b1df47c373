/**
 * `billing-office reads cycles` on a small demo district: one line per cycle with the counts of
 * `reads status`, as text and --json; this month by default; a bad period is a usage error.
 * And `reads import --format sensus-cmep` with --crosswalk and --meter-id-field.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CycleStatus, CycleSummary } from '../../src-shared/contract/reads';
import { expectExit, runCli, type CliRun as Run } from '../support/cli';

const clerk = { BILLING_OFFICE_USER: 'clerk', BILLING_OFFICE_PASSWORD: 'demo-password' };
const tech = { BILLING_OFFICE_USER: 'tech', BILLING_OFFICE_PASSWORD: 'demo-password' };

let folder: string;
let db: string;
/** The newest month cycle 1 was read for in the demo, and its read day. */
let period: string;
let cycleOneDay: number;

const cli = (args: string[], as: Record<string, string> = clerk): Promise<Run> => runCli(folder, ['--db', db, ...args], as);
const json = <T>(run: Run) => JSON.parse(run.stdout) as { ok: boolean; value: T };

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'billing-office-reads-cycles-cli-'));
  db = join(folder, 'demo.sqlite');
  expectExit(await runCli(folder, ['--db', db, 'demo', '--accounts', '60', '--seed', '7']), 0);
  const sqlite = new Database(db, { readonly: true });
  const latest = sqlite
    .prepare(
      `SELECT max(r.read_date) FROM meter_reads r JOIN meters m ON m.id = r.meter_id JOIN service_locations l ON l.id = m.location_id
       WHERE l.cycle = 1 AND r.source <> 'install'`,
    )
    .pluck()
    .get() as string;
  sqlite.close();
  period = latest.slice(0, 7);
  cycleOneDay = Number(latest.slice(8, 10));
}, 120_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('billing-office reads cycles', () => {
  it('lists every cycle with the counts of reads status, as JSON', async () => {
    const run = await cli(['--json', 'reads', 'cycles', '--period', period]);
    expectExit(run, 0);
    const { value } = json<{ period: string; cycles: CycleSummary[] }>(run);
    expect(value.period).toBe(period);
    // The demo reads its routes in four cycles.
    expect(value.cycles.map((row) => row.cycle)).toEqual([1, 2, 3, 4]);
    expect(value.cycles[0]).toMatchObject({ cycle: 1, readDay: cycleOneDay, readDayPeriod: period });
    for (const summary of value.cycles) {
      const status = await cli(['--json', 'reads', 'status', '--cycle', String(summary.cycle), '--period', period]);
      const { readDay: _day, readDayPeriod: _from, ...counts } = summary;
      expect(counts).toEqual(json<CycleStatus>(status).value);
    }
  }, 60_000);

  it('prints one line per cycle, and takes this month when no period is given', async () => {
    const run = await cli(['reads', 'cycles', '--period', period]);
    expectExit(run, 0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`Cycles for ${period}:`);
    expect(lines[1]).toMatch(/^Cycle\s+Read day\s+Meters\s+Read\s+Unread\s+Open\s+Held\s+Ready to bill$/);
    expect(lines).toHaveLength(2 + 4 + 1); // title, header, rule, four cycles
    const now = new Date();
    const thisMonth = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
    const byDefault = await cli(['--json', 'reads', 'cycles']);
    expectExit(byDefault, 0);
    expect(json<{ period: string }>(byDefault).value.period).toBe(thisMonth);
  }, 60_000);

  it('refuses a period that is not a month as a usage error', async () => {
    const run = await cli(['reads', 'cycles', '--period', '2026-13']);
    expectExit(run, 2);
    expect(run.stderr).toContain('Expected a month like 2026-11.');
  }, 60_000);

  it('previews a Sensus CMEP file through a crosswalk file and the meter-id field', async () => {
    const sqlite = new Database(db, { readonly: true });
    const meter = sqlite
      .prepare(
        `SELECT m.serial, m.unit, (SELECT r.reading FROM meter_reads r WHERE r.meter_id = m.id ORDER BY r.read_date DESC LIMIT 1) AS reading
         FROM meters m JOIN service_locations l ON l.id = m.location_id JOIN accounts a ON a.location_id = l.id AND a.status = 'active'
         WHERE l.cycle = 1 AND m.status = 'active' ORDER BY m.id LIMIT 1`,
      )
      .get() as { serial: string; unit: string; reading: number };
    sqlite.close();
    const [year, month] = period.split('-').map(Number) as [number, number];
    const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
    const units = { HCF: 'CCFREG', CF: 'CFREG', GAL: 'GALREG', KGAL: 'KGALREG' }[meter.unit];
    // The meter number is in the receiver customer id (field 5) as CUST-1; the crosswalk maps it.
    const cmep = join(folder, 'flexnet.txt');
    writeFileSync(cmep, `MEPMD01,20080501,SENSUS,SPS:1,15173624,CUST-1,${next.replace('-', '')}091458,177-1,OK,W,${units},1.0,00000000,1,${next.replace('-', '')}090600,R0,${meter.reading}\n`);
    const crosswalk = join(folder, 'crosswalk.csv');
    writeFileSync(crosswalk, `Meter ID,Serial\nCUST-1,${meter.serial}\n`);
    const args = ['--json', 'reads', 'import', cmep, '--format', 'sensus-cmep', '--crosswalk', crosswalk, '--cycle', '1', '--period', next, '--dry-run', '--skip-unmatched'];
    const run = await cli([...args, '--meter-id-field', 'receiverCustomerId'], tech);
    expectExit(run, 0);
    expect(json<{ matchedCount: number; unmatched: unknown[] }>(run).value).toMatchObject({ matchedCount: 1, unmatched: [] });
    const byMeterId = await cli(args, tech);
    expect(json<{ matchedCount: number; unmatched: { meterSerial: string }[] }>(byMeterId).value).toMatchObject({ matchedCount: 0, unmatched: [{ meterSerial: '177-1' }] });
    // A crosswalk line that is not a pair is a usage error naming the file and line.
    writeFileSync(crosswalk, `Meter ID,Serial\nCUST-1,${meter.serial}\nCUST-2\n`);
    const bad = await cli(args, tech);
    expectExit(bad, 2);
    expect(bad.stderr).toContain('crosswalk.csv line 3: expected "meter id,meter serial" (two fields)');
    const otherFormat = await cli(['reads', 'import', cmep, '--format', 'badger-beacon', '--meter-id-field', 'receiverId', '--cycle', '1', '--period', next, '--dry-run'], tech);
    expectExit(otherFormat, 2);
    expect(otherFormat.stderr).toContain('--crosswalk and --meter-id-field are for --format sensus-cmep, not badger-beacon');
  }, 60_000);
});
