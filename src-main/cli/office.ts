/**
 * The CLI's way into the office: find and open the database, log in with session.login, then
 * call operations through OfficeRuntime.call — the same table, checks and audit as the window.
 */
import { newRequestId } from '../../src-shared/ids';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { contract, type InputOf, type OperationName, type ResultOf, type SupervisorApproval } from '../../src-shared/contract';
import type { SessionUser } from '../../src-shared/contract/system';
import { BUSY_RETRY_DELAYS_MS, retryWhileBusy } from '../../src-shared/result';
import { ROLE_LABELS, roleAllows, type Role } from '../../src-shared/roles';
import { OfficeError } from '../core/errors';
import type { OfficeRuntime } from '../operations/runtime';
import { CliError, operationFailed, usageError } from './errors';
import { EXIT } from './exit-codes';
import { ENV, printError, promptLine, readSecret } from './io';

/** Options every command accepts (see main.ts). */
export interface GlobalOptions {
  db?: string;
  user?: string;
  passwordFile?: string;
  json?: boolean;
}

/** --db, else BILLING_OFFICE_DB, else the database in the user data folder (as the app uses). */
export async function resolveDatabasePath(options: GlobalOptions): Promise<string> {
  if (options.db) return resolve(options.db);
  const fromEnv = process.env[ENV.database];
  if (fromEnv) return resolve(fromEnv);
  const { defaultDataFolder, DATABASE_FILE_NAME } = await import('../operations/startup');
  return join(defaultDataFolder(), DATABASE_FILE_NAME);
}

const NATIVE_MODULE_PROBLEM = /NODE_MODULE_VERSION|compiled against a different Node\.js version|invalid ELF header|Could not locate the bindings file|ERR_DLOPEN_FAILED/;

/** Turns a failure to open the database into a message and exit code 4. */
function openFailure(error: unknown, databasePath: string): CliError {
  const message = error instanceof Error ? error.message : String(error);
  if (NATIVE_MODULE_PROBLEM.test(message) || (error as { code?: string })?.code === 'ERR_DLOPEN_FAILED') {
    return new CliError(
      EXIT.database,
      'The SQLite module (better-sqlite3) is built for another runtime, probably Electron. Run `npm run native:node` (or `npm rebuild better-sqlite3`) and try again.',
    );
  }
  if (error instanceof OfficeError) return new CliError(EXIT.database, error.message);
  return new CliError(EXIT.database, `Cannot open the database ${databasePath}: ${message}`);
}

/** Opens (and migrates) the office database. `mustExist` refuses to create an empty one by accident. */
export async function openRuntime(databasePath: string, mustExist: boolean): Promise<OfficeRuntime> {
  if (mustExist && !existsSync(databasePath)) {
    throw new CliError(
      EXIT.database,
      `There is no office database at ${databasePath}. Give its path with --db, or create one with \`billing-office init\` or \`billing-office demo\`.`,
    );
  }
  try {
    const { OfficeRuntime } = await import('../operations/runtime');
    const { terminalProgress } = await import('./progress');
    // Long steps run on this thread (no worker to start for one command); their counts go to a terminal's stderr.
    const onProgress = terminalProgress();
    return await OfficeRuntime.open({ databasePath, mode: 'cli', jobs: { mode: 'inline', ...(onProgress ? { onProgress } : {}) } });
  } catch (error) {
    throw openFailure(error, databasePath);
  }
}

/** A logged-in CLI session: every call goes through the runtime's operation table. */
export class CliSession {
  constructor(
    readonly runtime: OfficeRuntime,
    readonly token: string,
    readonly user: SessionUser,
  ) {}

  /**
   * Runs an operation; throws a CliError (exit 1) with the office's message when it is refused.
   * Writes get a fresh idempotency key unless the operator gave one (--request-id) to make a
   * scripted retry safe. A write that found the database busy (another workstation or job held
   * the lock past busy_timeout) is sent again with the same key, after the pauses in
   * BUSY_RETRY_DELAYS_MS, each announced on stderr. `approval`: a supervisor's credentials, for a
   * write that needs them.
   */
  async call<Name extends OperationName>(op: Name, input: InputOf<Name>, idempotencyKey?: string, approval?: SupervisorApproval): Promise<ResultOf<Name>> {
    const writes = contract[op].writes;
    const request = { op, input, sessionToken: this.token, ...(writes ? { idempotencyKey: idempotencyKey ?? newRequestId() } : {}), ...(approval ? { approval } : {}) };
    // The CLI is a trusted local front: the operator typed any file path it passes.
    const send = () => this.runtime.callFromLocalFront(request, 'cli');
    const result = writes
      ? await retryWhileBusy(send, { onRetry: (attempt) => printError(`The database is busy (another workstation is saving); trying again (${attempt} of ${BUSY_RETRY_DELAYS_MS.length})`) })
      : await send();
    if (!result.ok) throw operationFailed(result.error);
    return result.value as ResultOf<Name>;
  }

  /** Refuses, as the dispatcher would, when the user's role is below `role`. */
  requireRole(role: Role, doing: string): void {
    if (!roleAllows(this.user.role, role)) {
      throw operationFailed({
        code: 'FORBIDDEN',
        message: `A ${ROLE_LABELS[this.user.role].toLowerCase()} cannot ${doing}; ask a ${ROLE_LABELS[role].toLowerCase()}`,
      });
    }
  }

  async close(): Promise<void> {
    await this.runtime.call({ op: 'session.logout', input: {}, sessionToken: this.token });
    await this.runtime.shutdown();
  }
}

/** The user name: --user, else BILLING_OFFICE_USER, else asked for. */
async function username(options: GlobalOptions): Promise<string> {
  const name = options.user ?? process.env[ENV.user] ?? (await promptLine('User name: '));
  if (!name) throw usageError(`Give a user name with --user or ${ENV.user}`);
  return name;
}

/** Logs in with session.login (audited, throttled, like the login screen). */
export async function login(runtime: OfficeRuntime, options: GlobalOptions): Promise<CliSession> {
  const name = await username(options);
  const password = await readSecret({ envName: ENV.password, file: options.passwordFile, prompt: `Password for ${name}: ` });
  const result = await runtime.call({ op: 'session.login', input: { username: name, password } });
  if (!result.ok) throw operationFailed(result.error, 'Login failed: ');
  const { token, user } = result.value as ResultOf<'session.login'>;
  return new CliSession(runtime, token, user);
}

/** Opens the existing database, logs in, runs `work`, and always closes the database. */
export async function withSession<T>(options: GlobalOptions, work: (session: CliSession) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(await resolveDatabasePath(options), true);
  let session: CliSession | undefined;
  try {
    session = await login(runtime, options);
    return await work(session);
  } finally {
    if (session) await session.close();
    else await runtime.shutdown();
  }
}
