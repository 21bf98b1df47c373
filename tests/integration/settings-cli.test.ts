/**
 * `billing-office settings show | set session-max-hours N`: the real command on a database made
 * by the CLI, going through the security.* operations (role, range and audit in the main process).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectExit, runCli, type CliRun } from '../support/cli';

const asSupervisor = { BILLING_OFFICE_USER: 'sofia', BILLING_OFFICE_PASSWORD: 'supervisor-pass-1' };
const asClerk = { BILLING_OFFICE_USER: 'carla', BILLING_OFFICE_PASSWORD: 'clerk-pass-123' };

let folder: string;
let db: string;
const cli = (args: string[], env: Record<string, string>): Promise<CliRun> => runCli(folder, ['--db', db, ...args], env);

function storedHours(): unknown {
  const sqlite = new Database(db, { readonly: true });
  try {
    const row = sqlite.prepare("SELECT value_json FROM settings WHERE key = 'sessionMaxHours'").get() as { value_json: string } | undefined;
    return row ? JSON.parse(row.value_json) : undefined;
  } finally {
    sqlite.close();
  }
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'billing-office-settings-cli-'));
  db = join(folder, 'office.sqlite');
  expectExit(await cli(['init', '--district', 'Test Valley Water District', '--supervisor', 'sofia'], { BILLING_OFFICE_PASSWORD: asSupervisor.BILLING_OFFICE_PASSWORD }), 0);
  expectExit(await cli(['users', 'add', 'carla', '--name', 'Carla Clerk', '--role', 'clerk'], { ...asSupervisor, BILLING_OFFICE_NEW_PASSWORD: asClerk.BILLING_OFFICE_PASSWORD }), 0);
}, 60_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('billing-office settings', () => {
  it('shows the default lifetime and the idle limit, sets 2 hours, and shows it (human and --json)', async () => {
    const before = await cli(['settings', 'show'], asSupervisor);
    expectExit(before, 0);
    expect(before.stdout).toMatch(/^session-max-hours\s+12\s/m);
    expect(before.stdout).toMatch(/^idle limit\s+8 hours without use/m);

    const set = await cli(['settings', 'set', 'session-max-hours', '2'], asSupervisor);
    expectExit(set, 0);
    expect(set.stdout).toContain('Set session-max-hours to 2');
    expect(storedHours()).toBe(2);

    const after = await cli(['--json', 'settings', 'show'], asSupervisor);
    expectExit(after, 0);
    expect(JSON.parse(after.stdout)).toEqual({ ok: true, value: { sessionMaxHours: 2, sessionIdleMinutes: 480 } });
  }, 30_000);

  it('refuses a clerk (exit 1) and a value out of range or not whole (exit 1, the rule on stderr), changing nothing', async () => {
    const hoursBefore = storedHours();
    const clerk = await cli(['settings', 'set', 'session-max-hours', '24'], asClerk);
    expectExit(clerk, 1);
    expect(clerk.stderr).toMatch(/ask a supervisor/);
    for (const value of ['0', '25', '1.5']) {
      const bad = await cli(['settings', 'set', 'session-max-hours', value], asSupervisor);
      expectExit(bad, 1);
      expect(bad.stderr).toContain('Session lifetime is a whole number of hours from 1 to 24');
    }
    const notNumber = await cli(['settings', 'set', 'session-max-hours', 'twelve'], asSupervisor);
    expectExit(notNumber, 2);
    const unknown = await cli(['settings', 'set', 'idle-minutes', '30'], asSupervisor);
    expectExit(unknown, 2);
    expect(storedHours()).toBe(hoursBefore);
  }, 60_000);
});
