/**
 * Jobs: the long write steps (contract `job: true` — draft, recompute, approve, post and cancel a
 * bill run, bulk accept, flag unread meters) with live counts and a cancel.
 *
 * Each job is still ONE write: `runWrite` (write.ts), the dispatcher's own transaction with its
 * idempotency key and audit record, all or nothing. In `worker` mode (the desktop app and browser
 * mode) it runs in a worker thread (job-worker.ts) on a connection of its own to the same file, so
 * this thread's event loop stays free: windows keep reading (WAL), and ask `jobs.progress` for the
 * counts the step stores in shared memory as it goes. `jobs.cancel` raises a flag the step reads
 * at its next count; it then throws CANCELLED inside its transaction, which rolls back: nothing
 * was changed. Writes from this thread meanwhile wait for the job's write lock (busy_timeout) as
 * they would for another workstation's.
 *
 * In `inline` mode (the CLI, tests) the job runs here as any write does, and its counts go to
 * `onProgress` (the CLI prints them to stderr on a terminal); there is nothing to cancel from.
 *
 * One worker per runtime, started on the first job (or `warm()`), one job at a time (a second
 * waits its turn: SQLite has one writer anyway). If the worker dies mid-job, the job fails as
 * INTERNAL; its connection closed with the transaction open, so SQLite rolled it back.
 */
import { Worker } from 'node:worker_threads';
import type { OperationName } from '../../src-shared/contract';
import type { JobProgress } from '../../src-shared/contract/jobs';
import type { SessionUser } from '../../src-shared/contract/system';
import { loadKeyring, type OfficeKeyring } from '../core/audit/keys';
import { OfficeError } from '../core/errors';
import { noProgress, type Progress } from '../core/progress';
import { scheduleIdleCheckpoint, withoutAutomaticCheckpoint } from '../core/storage/checkpoints';
import type { HandlerContext } from './context';
import type { HandlersFor } from './table';
import { runWrite, type Handler } from './write';

import { SLOT, SLOTS } from './jobs-slots';

export interface JobOptions {
  /** worker: off this thread, with counts and cancel; inline: on this thread (the default). */
  mode?: 'worker' | 'inline';
  /** The built worker script (the desktop bundle's out/main/job-worker.js); from source, job-worker-dev.mjs. */
  workerUrl?: URL;
  /** Inline mode: each count of the step (the CLI's stderr line). */
  onProgress?: (operation: OperationName, done: number, total: number) => void;
  /** TEST HOOK: the worker sleeps this long at every count, so a test can watch a small job go and cancel it. */
  testStepDelayMs?: number;
  /**
   * TEST HOOK: a file whose content, while it exists, is such a sleep in ms, read as each job
   * starts: the e2e server's (tests/e2e/serve.mjs sets BILLING_OFFICE_TEST_SLOW_JOBS_FILE, which
   * only browser-mode.ts reads) slows the one spec that writes the file, not every spec's jobs.
   * The desktop app never passes it.
   */
  testSlowJobsFile?: string;
}

/** What the worker needs to run one job as the dispatcher would. */
export interface JobMessage {
  jobId: number;
  operation: OperationName;
  input: unknown;
  idempotencyKey: string;
  user: SessionUser | null;
  approvedByUserId: number | null;
  sessionToken: string | undefined;
  nowIso: string;
  today: string;
  /** The keys this process loaded: the worker keys the audit record with the same one. */
  keyring: OfficeKeyring;
  shared: SharedArrayBuffer;
}

export type JobAnswer =
  | { jobId: number; ok: true; value: unknown }
  | { jobId: number; ok: false; error: { code: OfficeError['code']; message: string; field?: string } }
  | { jobId: number; ok: false; internal: { name: string; message: string; stack?: string; code?: string } };

interface RunningJob {
  userId: number | null;
  counts: Int32Array;
}

interface WorkerState {
  worker: Worker;
  ready: Promise<void>;
  waiting: Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>;
}

/** The built worker the front end names, or from source the tsx bootstrap beside this file. */
function workerEntry(builtUrl: URL | undefined): { url: URL; workerData: Record<string, unknown> } {
  if (builtUrl) return { url: builtUrl, workerData: {} };
  const here = import.meta.url;
  if (!here.endsWith('.ts')) throw new Error('Invariant violated: a bundled front end must pass jobs.workerUrl (the built job-worker.js)');
  return { url: new URL('./job-worker-dev.mjs', here), workerData: { entry: new URL('./job-worker.ts', here).href } };
}

export class JobRunner {
  private readonly running = new Map<string, RunningJob>();
  private state: WorkerState | null = null;
  private nextJobId = 1;
  /** Jobs run one at a time: each waits for the one before it. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly databasePath: string,
    private readonly options: JobOptions = {},
  ) {}

  get mode(): 'worker' | 'inline' {
    return this.options.mode ?? 'inline';
  }

  /**
   * Starts the worker now (browser mode and the desktop app, at start-up) so the first job does
   * not wait for it; resolves once it is ready (a failure shows at the first job instead).
   */
  warm(): Promise<void> {
    return this.mode === 'worker' ? this.worker().ready.catch(() => undefined) : Promise.resolve();
  }

  /** Runs a job write; resolves with its value or rejects with its OfficeError (or a bug's Error). */
  run(context: HandlerContext, operation: OperationName, handler: Handler, input: unknown, idempotencyKey: string): Promise<unknown> {
    const keyring = loadKeyring(context.db);
    // An office's very first audited write makes its key, which is this process's business: inline.
    if (this.mode === 'inline' || !keyring || keyring.keys.length === 0) {
      return Promise.resolve(this.runInline(context, operation, handler, input, idempotencyKey));
    }
    const start = () => this.runInWorker(context, operation, input, idempotencyKey, keyring);
    const result = this.queue.then(start, start);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private runInline(context: HandlerContext, operation: OperationName, handler: Handler, input: unknown, idempotencyKey: string): unknown {
    const report = this.options.onProgress;
    const progress: Progress = report ? { step: (done, total) => report(operation, done, total) } : noProgress;
    return withoutAutomaticCheckpoint(context.db, () => runWrite({ ...context, progress }, operation, handler, input, idempotencyKey));
  }

  private async runInWorker(context: HandlerContext, operation: OperationName, input: unknown, idempotencyKey: string, keyring: OfficeKeyring): Promise<unknown> {
    const shared = new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT);
    const counts = new Int32Array(shared);
    if (this.running.has(idempotencyKey)) throw new OfficeError('CONFLICT', 'This step is already running; wait for it to finish', 'idempotencyKey');
    this.running.set(idempotencyKey, { userId: context.user?.userId ?? null, counts });
    try {
      const state = this.worker();
      await state.ready;
      const jobId = this.nextJobId++;
      const message: JobMessage = {
        jobId,
        operation,
        input,
        idempotencyKey,
        user: context.user,
        approvedByUserId: context.approvedByUserId,
        sessionToken: context.sessionToken,
        nowIso: context.nowIso,
        today: context.clock.today(),
        keyring,
        shared,
      };
      return await new Promise((resolve, reject) => {
        state.waiting.set(jobId, { resolve, reject });
        state.worker.postMessage(message);
      });
    } finally {
      this.running.delete(idempotencyKey);
      // The worker's connection never checkpoints; this one does, once the office is idle.
      scheduleIdleCheckpoint(context.db);
    }
  }

  private worker(): WorkerState {
    if (this.state) return this.state;
    const entry = workerEntry(this.options.workerUrl);
    const worker = new Worker(entry.url, {
      workerData: {
        ...entry.workerData,
        databasePath: this.databasePath,
        testStepDelayMs: this.options.testStepDelayMs ?? 0,
        testSlowJobsFile: this.options.testSlowJobsFile ?? null,
      },
    });
    // An idle worker does not keep the process alive (the CLI, a test).
    worker.unref();
    const waiting: WorkerState['waiting'] = new Map();
    let markReady!: () => void;
    let refuse!: (error: unknown) => void;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      refuse = reject;
    });
    const state: WorkerState = { worker, ready, waiting };
    worker.on('message', (answer: JobAnswer | { ready: true }) => {
      if ('ready' in answer) {
        markReady();
        return;
      }
      const job = waiting.get(answer.jobId);
      if (!job) return;
      waiting.delete(answer.jobId);
      if (answer.ok) job.resolve(answer.value);
      else if ('error' in answer) job.reject(new OfficeError(answer.error.code, answer.error.message, answer.error.field));
      else job.reject(Object.assign(new Error(answer.internal.message), answer.internal));
    });
    const died = (error: Error) => {
      if (this.state === state) this.state = null;
      refuse(error);
      for (const job of waiting.values()) job.reject(error);
      waiting.clear();
    };
    worker.on('error', (error) => died(new Error(`The job worker failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => died(new Error(`The job worker stopped (exit code ${code})`)));
    this.state = state;
    return state;
  }

  /** The counts of a job `userId` started, by its idempotency key. */
  progress(idempotencyKey: string, userId: number | null): JobProgress {
    const job = this.running.get(idempotencyKey);
    if (!job || job.userId !== userId) return { state: 'unknown', done: 0, total: 0 };
    const cancelling = Atomics.load(job.counts, SLOT.cancel) === 1;
    return { state: cancelling ? 'cancelling' : 'running', done: Atomics.load(job.counts, SLOT.done), total: Atomics.load(job.counts, SLOT.total) };
  }

  /** Asks a job to stop at its next count (a job that already committed is not undone). */
  cancel(idempotencyKey: string, userId: number | null): JobProgress {
    const job = this.running.get(idempotencyKey);
    if (job && job.userId === userId) Atomics.store(job.counts, SLOT.cancel, 1);
    return this.progress(idempotencyKey, userId);
  }

  /** Ends the worker (closing the runtime, or before a restore replaces the file under it). */
  async stop(): Promise<void> {
    const state = this.state;
    this.state = null;
    if (state) await state.worker.terminate();
  }

  /** TEST HOOK: the worker thread exits at the job's next count, as a crash would (tests/integration/jobs.test.ts). */
  crashForTest(idempotencyKey: string): void {
    const job = this.running.get(idempotencyKey);
    if (job) Atomics.store(job.counts, SLOT.crashForTest, 1);
  }
}

/** The window's questions about its own job: only the user who started it gets an answer. */
export const jobHandlers: HandlersFor<'jobs.'> = {
  'jobs.progress': (context, input) => context.runtime.jobs.progress(input.idempotencyKey, context.user?.userId ?? null),
  'jobs.cancel': (context, input) => context.runtime.jobs.cancel(input.idempotencyKey, context.user?.userId ?? null),
};

