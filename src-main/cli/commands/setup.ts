/**
 * The two commands that create an office database, and so cannot log in first:
 * `init` (a real district and its first supervisor) and `demo` (a seeded practice district).
 */
import { existsSync, rmSync } from 'node:fs';
import { contract } from '../../../src-shared/contract';
import { requiredText } from '../../../src-shared/contract/fields';
import { appendAudit } from '../../core/audit/log';
import type { DemoSummary } from '../../core/demo';
import { OfficeError } from '../../core/errors';
import { hashOf } from '../../core/hashing';
import { initializeOffice } from '../../core/setup/initialize';
import { assertPasswordAllowed } from '../../core/users/passwords';
import { userCount } from '../../core/users/users';
import type { OfficeRuntime } from '../../operations/runtime';
import { operationFailed } from '../errors';
import { ENV, printLine, printResult, readSecret } from '../io';
import { openRuntime, resolveDatabasePath, type GlobalOptions } from '../office';
import { renderFields } from '../table';

/** The database is new (no file) or has no users yet; otherwise refuse before touching it. */
async function openEmptyOffice(databasePath: string, what: string): Promise<{ runtime: OfficeRuntime; createdFile: boolean }> {
  const createdFile = !existsSync(databasePath);
  const runtime = await openRuntime(databasePath, false);
  if (userCount(runtime.database.sqlite) > 0) {
    runtime.close();
    throw operationFailed({
      code: 'CONFLICT',
      message: `${databasePath} already has users, so ${what} was not done. Choose another --db file, or log in to it as a supervisor.`,
    });
  }
  return { runtime, createdFile };
}

/** After a failure, a database file this command created is removed again (nothing half-made is left). */
function discard(runtime: OfficeRuntime, databasePath: string, createdFile: boolean): void {
  runtime.close();
  if (!createdFile) return;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${databasePath}${suffix}`, { force: true });
}

function rethrow(error: unknown): never {
  if (error instanceof OfficeError) throw operationFailed({ code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) });
  throw error;
}

export interface InitOptions extends GlobalOptions {
  district: string;
  supervisor: string;
  name?: string;
}

export async function runInit(options: InitOptions): Promise<void> {
  const databasePath = await resolveDatabasePath(options);
  const district = requiredText('District name', 120).safeParse(options.district);
  if (!district.success) throw operationFailed({ code: 'INVALID_INPUT', message: district.error.issues[0]?.message ?? 'District name is not valid', field: 'district' });
  const password = await readSecret({ envName: ENV.password, file: options.passwordFile, prompt: `Password for the new supervisor ${options.supervisor}: `, confirm: true });
  // The same rules as adding a user in the app (users.create), so init cannot create a weaker one.
  const supervisor = contract['users.create'].input.safeParse({
    username: options.supervisor,
    displayName: options.name ?? options.supervisor,
    role: 'supervisor',
    password,
  });
  if (!supervisor.success) {
    const issue = supervisor.error.issues[0];
    throw operationFailed({ code: 'INVALID_INPUT', message: issue?.message ?? 'Not valid', field: issue?.path.join('.') ?? 'supervisor' });
  }
  try {
    assertPasswordAllowed(password, 'password');
  } catch (error) {
    rethrow(error);
  }
  const { runtime, createdFile } = await openEmptyOffice(databasePath, 'init');
  try {
    const db = runtime.database.sqlite;
    const nowIso = runtime.clock.nowIso();
    const { username, displayName } = supervisor.data;
    initializeOffice(db, nowIso, { districtName: district.data, supervisor: { username, displayName, password } });
    const input = { districtName: district.data, supervisor: username, via: 'cli' };
    db.transaction(() =>
      appendAudit(db, {
        at: nowIso,
        userId: null,
        username,
        operation: 'system.initialize',
        idempotencyKey: null,
        inputHash: hashOf(input),
        input,
        result: { databasePath },
        approvedByUserId: null,
      }),
    ).immediate();
  } catch (error) {
    discard(runtime, databasePath, createdFile);
    rethrow(error);
  }
  runtime.close();
  const value = { databasePath, districtName: district.data, supervisor: supervisor.data.username };
  printResult(options.json === true, value, () => {
    printLine(`Created the office database for ${value.districtName}.`);
    printLine(renderFields([
      ['Database', databasePath],
      ['Supervisor', value.supervisor],
    ]));
    printLine('');
    printLine(`Next: billing-office --db "${databasePath}" --user ${value.supervisor} users add <name> --name "Full Name" --role clerk`);
  });
}

export interface DemoCommandOptions extends GlobalOptions {
  accounts: number;
  seed: number;
}

export async function runDemo(options: DemoCommandOptions): Promise<void> {
  const databasePath = await resolveDatabasePath(options);
  const { createDemoDistrict, DEMO_PASSWORD, DEMO_USERS } = await import('../../core/demo');
  const { runtime, createdFile } = await openEmptyOffice(databasePath, 'the demo');
  let summary: DemoSummary;
  try {
    summary = createDemoDistrict(runtime.database.sqlite, { accountCount: options.accounts, seed: options.seed, nowIso: runtime.clock.nowIso() });
  } catch (error) {
    discard(runtime, databasePath, createdFile);
    rethrow(error);
  }
  runtime.close();
  const value = { databasePath, ...summary, logins: DEMO_USERS.map(({ username, role }) => ({ username, role })), password: DEMO_PASSWORD };
  printResult(options.json === true, value, () => {
    printLine(`Created the demo district "${summary.districtName}" (seed ${options.seed}). It is practice data: the app says DEMO on every screen.`);
    printLine(renderFields([
      ['Database', databasePath],
      ['Accounts', `${summary.accounts} (${summary.activeAccounts} active, ${summary.closedAccounts} closed)`],
      ['Customers', String(summary.customers)],
      ['Meter reads', String(summary.reads)],
      ['Log in as', `${DEMO_USERS.map((user) => `${user.username} (${user.role})`).join(', ')}`],
      ['Password', DEMO_PASSWORD],
    ]));
  });
}
