/**
 * Child process for the crash-injection test (tests/integration/crash-injection.test.ts), started
 * ahead of its job (tests/support/warm-child.ts): prints "loaded", reads one job as a JSON line on
 * stdin, opens the office on the job's database with a fixed clock, logs in, prints "start <log
 * bytes>", then sends each request through OfficeRuntime.call as a front end would — "sending <i>"
 * before and "acknowledged <i> <log bytes> <result JSON>" once it returned — and finally closes the
 * database (its deferred work and checkpoint) and prints "closed". The parent SIGKILLs it somewhere
 * in there. <log bytes> is the size of the write-ahead log, so the parent can aim a kill into a
 * commit: the log grows only while a transaction commits (the page cache holds its changes until then).
 *   node -r tsx/cjs -e "require('./tests/support/crash-child.ts')" < job.json
 */
import { existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fixedClock } from '../../src-main/core/clock';
import { OfficeRuntime } from '../../src-main/operations/runtime';
import type { OperationRequest } from '../../src-shared/contract';

export interface CrashJob {
  databasePath: string;
  nowIso: string;
  username: string;
  password: string;
  requests: { op: string; input: unknown; idempotencyKey: string }[];
}

async function readJob(): Promise<CrashJob> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return JSON.parse(line) as CrashJob;
  }
  throw new Error('the parent closed stdin without sending a job');
}

const walBytes = (databasePath: string) => (existsSync(`${databasePath}-wal`) ? statSync(`${databasePath}-wal`).size : 0);

async function main(): Promise<void> {
  process.stdout.write('loaded\n');
  const job = await readJob();
  const runtime = await OfficeRuntime.open({ databasePath: job.databasePath, mode: 'test', clock: fixedClock(job.nowIso) });
  const login = await runtime.call({ op: 'session.login', input: { username: job.username, password: job.password } });
  if (!login.ok) throw new Error(login.error.message);
  const sessionToken = (login.value as { token: string }).token;
  // Writes to a pipe are synchronous on Linux: each line is out before the next step starts.
  process.stdout.write(`start ${walBytes(job.databasePath)}\n`);
  for (const [index, request] of job.requests.entries()) {
    process.stdout.write(`sending ${index}\n`);
    const result = await runtime.call({ ...request, sessionToken } as OperationRequest);
    if (!result.ok) throw new Error(`${request.op} failed: ${result.error.code} ${result.error.message}`);
    process.stdout.write(`acknowledged ${index} ${walBytes(job.databasePath)} ${JSON.stringify(result.value)}\n`);
  }
  runtime.close();
  process.stdout.write('closed\n');
}

// No top-level await: warm-child.ts loads this file as CommonJS (tsx/cjs), which is quicker to start.
main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
