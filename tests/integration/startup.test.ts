/**
 * Start-up of the desktop app and browser mode (operations/startup.ts): only a brand-new database
 * file gets the demo district; an existing file with no users is refused, plainly, and left as it
 * was — also as browser mode prints it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OfficeRuntime } from '../../src-main/operations/runtime';
import { NoUsersError, startOffice } from '../../src-main/operations/startup';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'billing-office-startup-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** An office database with its schema and no users (an interrupted setup, a wrong restore). */
async function databaseWithoutUsers(): Promise<string> {
  const databasePath = join(folder, 'billing-office.sqlite');
  const runtime = await OfficeRuntime.open({ databasePath, mode: 'test' });
  await runtime.shutdown();
  return databasePath;
}

async function rowCounts(databasePath: string): Promise<{ users: number; customers: number; audit: number }> {
  const runtime = await OfficeRuntime.open({ databasePath, mode: 'test' });
  const count = (table: string) => (runtime.database.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const counts = { users: count('users'), customers: count('customers'), audit: count('audit_log') };
  await runtime.shutdown();
  return counts;
}

describe('startOffice', () => {
  it('creates the demo district in a brand-new database file', async () => {
    const office = await startOffice({ mode: 'test', dataFolder: folder, demoAccounts: 5 });
    expect(office.createdDemo).toBe(true);
    await office.runtime.shutdown();
    const counts = await rowCounts(office.databasePath);
    expect(counts.users).toBeGreaterThan(0);
    expect(counts.customers).toBeGreaterThanOrEqual(5);

    // Started again, it is the same office, not a second demo.
    const again = await startOffice({ mode: 'test', dataFolder: folder, demoAccounts: 5 });
    expect(again.createdDemo).toBe(false);
    await again.runtime.shutdown();
    expect(await rowCounts(office.databasePath)).toEqual(counts);
  });

  it('refuses an existing database with no users, says what to do, and leaves it untouched', async () => {
    const databasePath = await databaseWithoutUsers();
    const before = await rowCounts(databasePath);
    const attempt = startOffice({ mode: 'test', dataFolder: folder, demoAccounts: 5 });
    await expect(attempt).rejects.toBeInstanceOf(NoUsersError);
    await expect(attempt).rejects.toThrow(/has no users, so nobody can log in/);
    await expect(attempt).rejects.toThrow(`billing-office --db "${databasePath}" init --district`);
    expect(await rowCounts(databasePath)).toEqual({ ...before, users: 0, customers: 0 });
  });

  it('browser mode prints the refusal and exits 1 instead of serving practice data', async () => {
    const databasePath = await databaseWithoutUsers();
    const run = await new Promise<{ code: number | null; output: string }>((done) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/transports/browser-mode.ts', '--db', databasePath, '--port', '0'], {
        cwd: resolve(__dirname, '../..'),
        env: { ...process.env, BILLING_OFFICE_DEMO_ACCOUNTS: '5' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('close', (code) => done({ code, output }));
    });
    expect(run.code).toBe(1);
    expect(run.output).toContain('Billing Office could not start');
    expect(run.output).toContain('has no users, so nobody can log in');
    expect(run.output).toContain('init --district');
    expect(run.output).not.toContain('BILLING_OFFICE_URL=');
    expect((await rowCounts(databasePath)).customers).toBe(0);
  });

  it('removes the file it created when the demo district cannot be made, so the next start is fresh', async () => {
    const databasePath = join(folder, 'billing-office.sqlite');
    await expect(startOffice({ mode: 'test', dataFolder: folder, demoAccounts: -1 })).rejects.toThrow();
    expect(existsSync(databasePath)).toBe(false);
  });
});
