/**
 * The job worker thread (jobs.ts): its own connection to the office database, on which it runs
 * each job it is sent exactly as the dispatcher runs a write — `runWrite`, one IMMEDIATE
 * transaction with the idempotency key and the audit record — giving the handler a Progress that
 * stores the counts in the job's shared memory and throws CANCELLED once the flag is raised.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { adoptKeyring } from '../core/audit/keys';
import { OfficeError } from '../core/errors';
import { cancelledError, type Progress } from '../core/progress';
import { applyPragmas } from '../core/storage/database';
import { billingHandlers } from './billing';
import type { HandlerContext } from './context';
import type { JobAnswer, JobMessage } from './jobs';
import { SLOT } from './jobs-slots';
import { readHandlers } from './reads';
import { runWrite, type Handler } from './write';

interface WorkerSetup {
  databasePath: string;
  testStepDelayMs: number;
  testSlowJobsFile: string | null;
}

const setup = workerData as WorkerSetup;
const port = parentPort;
if (!port) throw new Error('Invariant violated: job-worker.ts runs only as a worker thread');

const db = new Database(setup.databasePath);
applyPragmas(db);
// Jobs are bulk writes: the main thread's connection checkpoints once the office is idle.
db.pragma('wal_autocheckpoint = 0');

const jobHandlersByName: Record<string, Handler> = { ...billingHandlers, ...readHandlers } as Record<string, Handler>;

/** Anything but `db` a job handler would reach for lives in the main thread. */
const notHere = (what: string) =>
  new Proxy({}, { get: (_target, property) => { throw new Error(`Invariant violated: a job handler used context.${what}.${String(property)}, which a job worker does not have`); } });

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** The test hooks' sleep at each count (JobOptions): none unless a test asked for one. */
function testDelayMs(): number {
  if (setup.testSlowJobsFile === null) return setup.testStepDelayMs;
  try {
    return Number(readFileSync(setup.testSlowJobsFile, 'utf8').trim()) || 0;
  } catch {
    return setup.testStepDelayMs;
  }
}

function progressOf(counts: Int32Array): Progress {
  const delayMs = testDelayMs();
  return {
    step(done, total) {
      Atomics.store(counts, SLOT.done, done);
      Atomics.store(counts, SLOT.total, total);
      if (Atomics.load(counts, SLOT.crashForTest) === 1) process.exit(70);
      if (delayMs > 0) Atomics.wait(sleeper, 0, 0, delayMs);
      if (Atomics.load(counts, SLOT.cancel) === 1) throw cancelledError();
    },
  };
}

function answerOf(jobId: number, error: unknown): JobAnswer {
  if (error instanceof OfficeError) return { jobId, ok: false, error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } };
  const failure = error instanceof Error ? error : new Error(String(error));
  const code = (failure as { code?: unknown }).code;
  return { jobId, ok: false, internal: { name: failure.name, message: failure.message, ...(failure.stack ? { stack: failure.stack } : {}), ...(typeof code === 'string' ? { code } : {}) } };
}

function run(message: JobMessage): JobAnswer {
  const handler = jobHandlersByName[message.operation];
  if (!handler) return answerOf(message.jobId, new Error(`Invariant violated: ${message.operation} is not a job operation`));
  adoptKeyring(db, message.keyring);
  const context: HandlerContext = {
    db,
    database: notHere('database') as HandlerContext['database'],
    runtime: notHere('runtime') as HandlerContext['runtime'],
    clock: { nowIso: () => message.nowIso, today: () => message.today },
    nowIso: message.nowIso,
    user: message.user,
    approvedByUserId: message.approvedByUserId,
    sessionToken: message.sessionToken,
    progress: progressOf(new Int32Array(message.shared)),
  };
  try {
    return { jobId: message.jobId, ok: true, value: runWrite(context, message.operation, handler, message.input, message.idempotencyKey) };
  } catch (error) {
    return answerOf(message.jobId, error);
  }
}

port.on('message', (message: JobMessage) => port.postMessage(run(message)));
port.postMessage({ ready: true });
