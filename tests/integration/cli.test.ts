/**
 * The real `billing-office` command (node bin/billing-office.mjs) against database files in a
 * temp folder: what an operator or a script sees — output, JSON, and exit codes.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectExit, runCli, type CliRun as Run } from '../support/cli';
import { closeDatabase, openDatabase } from '../../src-main/core/storage/database';

const SUPERVISOR_PASSWORD = 'supervisor-pass-1';
const CLERK_PASSWORD = 'clerk-pass-123';


let folder: string;

const cli = (args: string[], env: Record<string, string> = {}): Promise<Run> => runCli(folder, args, env);

const asSupervisor = { BILLING_OFFICE_USER: 'sofia', BILLING_OFFICE_PASSWORD: SUPERVISOR_PASSWORD };
const asClerk = { BILLING_OFFICE_USER: 'carla', BILLING_OFFICE_PASSWORD: CLERK_PASSWORD };


let template: string;

/** A new office with a supervisor (sofia) and a clerk (carla): a copy of one made by the CLI. */
function newOffice(name: string): string {
  const db = join(folder, `${name}.sqlite`);
  copyFileSync(template, db);
  return db;
}

async function createOfficeWithCli(name: string): Promise<string> {
  const db = join(folder, `${name}.sqlite`);
  const init = await cli(['--db', db, 'init', '--district', 'Test Valley Water District', '--supervisor', 'sofia', '--name', 'Sofia Supervisor'], {
    BILLING_OFFICE_PASSWORD: SUPERVISOR_PASSWORD,
  });
  expect(init.stderr).toBe('');
  expectExit(init, 0);
  const add = await cli(['--db', db, 'users', 'add', 'carla', '--name', 'Carla Clerk', '--role', 'clerk'], {
    ...asSupervisor,
    BILLING_OFFICE_NEW_PASSWORD: CLERK_PASSWORD,
  });
  expectExit(add, 0);
  return db;
}

function json<T = any>(run: Run): T {
  return JSON.parse(run.stdout) as T;
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'billing-office-cli-'));
  template = await createOfficeWithCli('template');
}, 60_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('billing-office CLI', () => {
  it('init creates the office; users add and users list work; --json is the Result JSON', async () => {
    const db = template;
    expect(existsSync(db)).toBe(true);

    const list = await cli(['--db', db, '--json', 'users', 'list'], asSupervisor);
    expectExit(list, 0);
    const result = json(list);
    expect(result.ok).toBe(true);
    expect(result.value.map((user: { username: string; role: string }) => [user.username, user.role])).toEqual([
      ['carla', 'clerk'],
      ['sofia', 'supervisor'],
    ]);

    const table = await cli(['--db', db, 'users', 'list'], asSupervisor);
    expect(table.stdout).toMatch(/^User\s+Name\s+Role\s+Active\s+Last login$/m);
    expect(table.stdout).toMatch(/^carla\s+Carla Clerk\s+Counter clerk\s+yes\s+never$/m);

    // Global options also work after the command.
    const info = await cli(['info', '--db', db, '--json'], asClerk);
    expect(json(info).value).toMatchObject({ districtName: 'Test Valley Water District', mode: 'cli', isDemo: false });
  });

  it('verify passes on a sound database: exit 0, each check printed, and JSON with --json', async () => {
    const db = newOffice('verify');
    const human = await cli(['--db', db, 'verify'], asClerk);
    expectExit(human, 0);
    expect(human.stdout).toMatch(/\[ok\]\s+Audit trail hash chain is intact/);
    expect(human.stdout).toMatch(/The books verify\./);

    const machine = await cli(['--db', db, '--json', 'verify'], asClerk);
    expectExit(machine, 0);
    const report = json(machine);
    expect(report.ok).toBe(true);
    expect(report.value.ok).toBe(true);
    expect(report.value.checks.length).toBeGreaterThanOrEqual(6);
  });

  it('verify exits 3 when the books do not prove out (a forged audit record)', async () => {
    const db = newOffice('tampered');
    const sqlite = new Database(db);
    sqlite
      .prepare(
        `INSERT INTO audit_log (at, user_id, username, operation, idempotency_key, input_hash, input_json, result_json, approved_by_user_id, prev_hash, hash, hash_version)
         VALUES ('2026-01-01T00:00:00.000Z', NULL, 'mallory', 'users.create', NULL, 'x', '{}', '{}', NULL, 'forged', 'forged', 3)`,
      )
      .run();
    sqlite.close();
    const run = await cli(['--db', db, 'verify'], asClerk);
    expectExit(run, 3);
    expect(run.stdout).toMatch(/\[FAIL\]\s+Audit trail hash chain is intact: The chain breaks at audit record \d+/);
  });

  it('a wrong password exits 1 with a clear message and nothing on stdout', async () => {
    const db = newOffice('wrong-password');
    const run = await cli(['--db', db, 'verify'], { BILLING_OFFICE_USER: 'sofia', BILLING_OFFICE_PASSWORD: 'not-the-password' });
    expectExit(run, 1);
    expect(run.stderr.trim()).toBe('error: Login failed: User name or password is not right');
    expect(run.stdout).toBe('');

    const asJson = await cli(['--db', db, '--json', 'verify'], { BILLING_OFFICE_USER: 'sofia', BILLING_OFFICE_PASSWORD: 'not-the-password' });
    expectExit(asJson, 1);
    expect(json(asJson)).toEqual({ ok: false, error: { code: 'LOGIN_FAILED', message: 'User name or password is not right' } });
  });

  it('reads the password from --password-file', async () => {
    const db = newOffice('password-file');
    const file = join(folder, 'sofia.pw');
    writeFileSync(file, `${SUPERVISOR_PASSWORD}\n`, { mode: 0o600 });
    const run = await cli(['--db', db, '--user', 'sofia', '--password-file', file, 'users', 'list']);
    expectExit(run, 0);
    expect(run.stdout).toContain('sofia');
  });

  it('a clerk running users add is refused (exit 1) and no user is created', async () => {
    const db = newOffice('clerk-refused');
    const run = await cli(['--db', db, 'users', 'add', 'mallory', '--name', 'Mallory', '--role', 'supervisor'], {
      ...asClerk,
      BILLING_OFFICE_NEW_PASSWORD: 'mallory-pass-1',
    });
    expectExit(run, 1);
    expect(run.stderr).toMatch(/A counter clerk cannot add a user; ask a supervisor/);
    const list = await cli(['--db', db, '--json', 'users', 'list'], asSupervisor);
    expect(json(list).value.map((user: { username: string }) => user.username)).not.toContain('mallory');
  });

  it('backup then restore round-trips: what was added after the backup is gone, and verify passes', async () => {
    const db = newOffice('round-trip');
    const backupFile = join(folder, 'usb', 'office-copy.sqlite');
    const backup = await cli(['--db', db, '--json', 'backup', backupFile], asSupervisor);
    expectExit(backup, 0);
    expect(json(backup).value).toMatchObject({ path: backupFile, fileName: 'office-copy.sqlite' });
    expect(JSON.parse(readFileSync(`${backupFile}.manifest.json`, 'utf8'))).toMatchObject({ formatVersion: 1, bytes: json(backup).value.bytes });

    // A backup never overwrites a file.
    const again = await cli(['--db', db, 'backup', backupFile], asSupervisor);
    expectExit(again, 1);
    expect(again.stderr).toMatch(/already exists/);

    const late = await cli(['--db', db, 'users', 'add', 'late', '--name', 'Added Late', '--role', 'clerk'], {
      ...asSupervisor,
      BILLING_OFFICE_NEW_PASSWORD: 'late-pass-123',
    });
    expectExit(late, 0);

    const restore = await cli(['--db', db, '--json', 'restore', backupFile], asSupervisor);
    expect(restore.stderr).toBe('');
    expectExit(restore, 0);
    const restored = json(restore).value;
    expect(existsSync(restored.safetyBackup.path)).toBe(true);

    const list = await cli(['--db', db, '--json', 'users', 'list'], asSupervisor);
    expect(json(list).value.map((user: { username: string }) => user.username)).toEqual(['carla', 'sofia']);

    const verify = await cli(['--db', db, 'verify'], asSupervisor);
    expectExit(verify, 0);

    // The restore is the newest record of the restored trail. The database as it was before
    // (the safety backup) holds "late" and the audit record of the backup itself.
    const sqlite = new Database(db, { readonly: true });
    const operations = sqlite.prepare('SELECT operation FROM audit_log ORDER BY seq').pluck().all();
    sqlite.close();
    // (Only the logins of the commands run since come after the restore.)
    const restoreAt = operations.lastIndexOf('system.restore');
    expect(restoreAt).toBeGreaterThan(0);
    expect(new Set(operations.slice(restoreAt + 1))).toEqual(new Set(['session.login']));
    const safety = new Database(restored.safetyBackup.path, { readonly: true });
    expect(safety.prepare("SELECT COUNT(*) FROM users WHERE username = 'late'").pluck().get()).toBe(1);
    expect(safety.prepare("SELECT input_json FROM audit_log WHERE operation = 'system.backup'").pluck().get()).toContain('office-copy.sqlite');
    safety.close();
    // Eight CLI runs, each starting Node and tsx.
  }, 90_000);

  it('a clerk cannot back up or restore', async () => {
    const db = newOffice('clerk-backup');
    const backup = await cli(['--db', db, 'backup', join(folder, 'clerk-copy.sqlite')], asClerk);
    expectExit(backup, 1);
    expect(backup.stderr).toMatch(/A counter clerk cannot back up the database; ask a supervisor/);
    expect(existsSync(join(folder, 'clerk-copy.sqlite'))).toBe(false);
    const restore = await cli(['--db', db, 'restore', db], asClerk);
    expectExit(restore, 1);
  });

  it('restore is refused while another process has the database open, and never takes the database itself', async () => {
    const db = newOffice('restore-in-use');
    const backupFile = join(folder, 'in-use-copy.sqlite');
    expectExit(await cli(['--db', db, 'backup', backupFile], asSupervisor), 0);
    const other = await openDatabase(db);
    try {
      const refused = await cli(['--db', db, 'restore', backupFile], asSupervisor);
      expectExit(refused, 1);
      expect(refused.stderr).toMatch(/Another Billing Office window or command has this database open/);
    } finally {
      closeDatabase(other);
    }
    const itself = await cli(['--db', db, 'restore', db], asSupervisor);
    expectExit(itself, 1);
    expect(itself.stderr).toMatch(/the office database itself/);
    const notSqlite = await cli(['--db', db, 'backup', join(folder, 'copy.txt')], asSupervisor);
    expectExit(notSqlite, 1);
    expect(notSqlite.stderr).toMatch(/ends in \.sqlite/);
  }, 60_000);

  it('restore refuses a file that is not a Billing Office database, and changes nothing', async () => {
    const db = newOffice('bad-restore');
    const junk = join(folder, 'junk.sqlite');
    writeFileSync(junk, 'this is not a database');
    const run = await cli(['--db', db, 'restore', junk], asSupervisor);
    expectExit(run, 1);
    expect(run.stderr).toMatch(/junk\.sqlite/);
    expectExit(await cli(['--db', db, 'verify'], asSupervisor), 0);
  });

  it('usage errors exit 2', async () => {
    const db = newOffice('usage');
    expectExit(await cli(['--db', db, 'no-such-command']), 2);
    expectExit(await cli(['--db', db, 'users', 'add', 'x', '--role', 'boss', '--name', 'X'], asSupervisor), 2);
    expectExit(await cli(['--db', db, 'demo', '--accounts', 'lots']), 2);
    expectExit(await cli([]), 2);
    // No password anywhere and no terminal to ask on.
    const noPassword = await cli(['--db', db, '--user', 'sofia', 'verify']);
    expectExit(noPassword, 2);
    expect(noPassword.stderr).toMatch(/BILLING_OFFICE_PASSWORD/);
    // --help and --version are not errors.
    const help = await cli(['--help']);
    expectExit(help, 0);
    expect(help.stdout).toMatch(/Exit codes:/);
    expectExit(await cli(['--version']), 0);
  });

  it('a missing database exits 4 and says how to create one', async () => {
    const run = await cli(['--db', join(folder, 'nowhere.sqlite'), 'verify'], asSupervisor);
    expectExit(run, 4);
    expect(run.stderr).toMatch(/There is no office database at .*nowhere\.sqlite.*init.*demo/);
    expect(existsSync(join(folder, 'nowhere.sqlite'))).toBe(false);
  });

  it('init refuses a database that already has users, and rejects a weak supervisor password without creating a file', async () => {
    const db = newOffice('init-twice');
    const again = await cli(['--db', db, 'init', '--district', 'Other', '--supervisor', 'otto'], { BILLING_OFFICE_PASSWORD: 'otto-pass-123' });
    expectExit(again, 1);
    expect(again.stderr).toMatch(/already has users/);

    const weakDb = join(folder, 'weak.sqlite');
    const weak = await cli(['--db', weakDb, 'init', '--district', 'Weak', '--supervisor', 'wanda'], { BILLING_OFFICE_PASSWORD: 'short' });
    expectExit(weak, 1);
    expect(weak.stderr).toMatch(/Password is at least 12 characters/);
    expect(existsSync(weakDb)).toBe(false);
    const common = await cli(['--db', weakDb, 'init', '--district', 'Weak', '--supervisor', 'wanda'], { BILLING_OFFICE_PASSWORD: 'Password1234' });
    expectExit(common, 1);
    expect(common.stderr).toMatch(/one of the first that guessing tools try/);
    expect(existsSync(weakDb)).toBe(false);
  });

  it('users set changes a role and deactivates; a deactivated user can no longer log in', async () => {
    const db = newOffice('users-set');
    const promote = await cli(['--db', db, '--json', 'users', 'set', 'carla', '--role', 'technician'], asSupervisor);
    expectExit(promote, 0);
    expect(json(promote).value.role).toBe('technician');
    const deactivate = await cli(['--db', db, 'users', 'set', 'carla', '--active', 'no'], asSupervisor);
    expectExit(deactivate, 0);
    expectExit(await cli(['--db', db, 'verify'], asClerk), 1);
    expectExit(await cli(['--db', db, 'users', 'set', 'carla'], asSupervisor), 2);
  });

  it('demo creates a practice district anywhere; accounts search and show read it; demo refuses a used database', async () => {
    const db = join(folder, 'demo.sqlite');
    const demo = await cli(['--db', db, '--json', 'demo', '--accounts', '12', '--seed', '5']);
    expectExit(demo, 0);
    expect(json(demo).value).toMatchObject({ accounts: 12, password: 'demo-password' });

    const clerk = { BILLING_OFFICE_USER: 'clerk', BILLING_OFFICE_PASSWORD: 'demo-password' };
    const sqlite = new Database(db, { readonly: true });
    const accountNumber = sqlite.prepare('SELECT account_number FROM accounts ORDER BY id LIMIT 1').pluck().get() as string;
    sqlite.close();
    const search = await cli(['--db', db, '--json', 'accounts', 'search', accountNumber], clerk);
    expectExit(search, 0);
    expect((json(search).value as { accountNumber: string }[]).map((hit) => hit.accountNumber)).toContain(accountNumber);
    const show = await cli(['--db', db, 'accounts', 'show', accountNumber], clerk);
    expectExit(show, 0);
    expect(show.stdout).toMatch(new RegExp(`^Account:\\s+${accountNumber}`, 'm'));
    expect(show.stdout).toMatch(/^Balance:\s+-?\$[\d,]+\.\d\d$/m);

    const again = await cli(['--db', db, 'demo']);
    expectExit(again, 1);
  });

  it('accounts create validates with the operation schema and names the field and the flag', async () => {
    const db = newOffice('create');
    const base = ['--db', db, 'accounts', 'create', '--first', 'Jane', '--last', 'Doe', '--street', '12 Oak St', '--city', 'Valley', '--route', 'R1', '--sequence', '10', '--cycle', '1'];
    const badZip = await cli([...base, '--zip', '9512'], asClerk);
    expectExit(badZip, 1);
    expect(badZip.stderr).toMatch(/ZIP is 5 digits or ZIP\+4.*\[--zip\]/);

    const badJson = join(folder, 'account.json');
    writeFileSync(badJson, JSON.stringify({ location: { street: '1 Elm' }, services: [], openedOn: '2026-02-30' }));
    const fromJson = await cli(['--db', db, '--json', 'accounts', 'create', '--from-json', badJson], asClerk);
    expectExit(fromJson, 1);
    expect(json(fromJson)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: expect.any(String) } });

    const both = await cli([...base, '--zip', '95120', '--from-json', badJson], asClerk);
    expectExit(both, 2);
  });
});
