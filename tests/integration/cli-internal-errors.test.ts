/**
 * A bug inside the CLI, seen by an operator: one clear line on stderr and exit 5 (docs/cli.md),
 * whether an operation answered INTERNAL or the command itself threw; the stack only with
 * --debug or BILLING_OFFICE_DEBUG=1. The bugs are provoked by removing a table from a real file.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectExit, runCli } from '../support/cli';

const PASSWORD = 'supervisor-pass-1';
const asSupervisor = { BILLING_OFFICE_USER: 'sofia', BILLING_OFFICE_PASSWORD: PASSWORD };
/** A line of a JavaScript stack trace. */
const STACK_LINE = /^\s+at /m;

let folder: string;
let template: string;

/** A copy of the CLI-made office with `sql` applied to it. */
function brokenOffice(name: string, sql: string): string {
  const path = join(folder, `${name}.sqlite`);
  copyFileSync(template, path);
  const db = new Database(path);
  db.pragma('foreign_keys = OFF');
  db.exec(sql);
  db.close();
  return path;
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'billing-office-cli-bugs-'));
  template = join(folder, 'template.sqlite');
  const init = await runCli(folder, ['--db', template, 'init', '--district', 'Test Valley Water District', '--supervisor', 'sofia'], { BILLING_OFFICE_PASSWORD: PASSWORD });
  expectExit(init, 0);
}, 60_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('internal errors in the CLI', () => {
  it('an operation answering INTERNAL exits 5 with one line and no stack; --debug adds the details', async () => {
    const db = brokenOffice('no-search', 'DROP TABLE account_search');
    const plain = await runCli(folder, ['--db', db, 'accounts', 'search', 'Sycamore'], asSupervisor);
    expectExit(plain, 5);
    expect(plain.stderr).not.toMatch(STACK_LINE);
    expect(plain.stderr.trim().split('\n')).toEqual([
      'error: Something went wrong inside Billing Office and nothing was saved. Try again; if it repeats, call your supervisor. Run the command again with --debug (or BILLING_OFFICE_DEBUG=1) to see the details, and report them.',
    ]);

    const json = await runCli(folder, ['--db', db, '--json', 'accounts', 'search', 'Sycamore'], asSupervisor);
    expectExit(json, 5);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });

    for (const [args, env] of [
      [['--db', db, '--debug', 'accounts', 'search', 'Sycamore'], asSupervisor],
      [['--db', db, 'accounts', 'search', 'Sycamore'], { ...asSupervisor, BILLING_OFFICE_DEBUG: '1' }],
    ] as const) {
      const debug = await runCli(folder, [...args], env);
      expectExit(debug, 5);
      expect(debug.stderr).toMatch(/\[billing-office\] accounts\.search failed: SqliteError: no such table: account_search/);
      expect(debug.stderr).toMatch(STACK_LINE);
    }
  }, 120_000);

  it('an error thrown by the command itself exits 5 with one line naming it; --debug adds the stack', async () => {
    const db = brokenOffice('no-users', 'DROP TABLE users');
    const plain = await runCli(folder, ['--db', db, 'init', '--district', 'X', '--supervisor', 'sofia'], { BILLING_OFFICE_PASSWORD: PASSWORD });
    expectExit(plain, 5);
    expect(plain.stderr).not.toMatch(STACK_LINE);
    expect(plain.stderr.trim().split('\n')).toEqual([
      'error: Something went wrong inside Billing Office (SqliteError: no such table: users). Run the command again with --debug (or BILLING_OFFICE_DEBUG=1) to see the details, and report them.',
    ]);

    const debug = await runCli(folder, ['--db', db, '--debug', 'init', '--district', 'X', '--supervisor', 'sofia'], { BILLING_OFFICE_PASSWORD: PASSWORD });
    expectExit(debug, 5);
    expect(debug.stderr).toMatch(STACK_LINE);
  }, 60_000);

  it('a refusal is still exit 1, not 5', async () => {
    const refused = await runCli(folder, ['--db', template, 'accounts', 'show', 'NO-SUCH'], asSupervisor);
    expectExit(refused, 1);
    expect(refused.stderr).not.toMatch(/--debug/);
  });
});
