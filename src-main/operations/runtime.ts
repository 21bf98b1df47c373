/**
 * The running office: one open database, the login sessions and the clock, serving the
 * operation table to whichever transport is attached (Electron IPC, HTTP, CLI, tests).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { OperationRequest } from '../../src-shared/contract';
import { fail, type Result } from '../../src-shared/result';
import type { SystemInfo } from '../../src-shared/contract/system';
import { sealHeadOnClose } from '../core/audit/seal';
import { systemClock, type Clock } from '../core/clock';
import { OfficeError } from '../core/errors';
import { closeDatabase, openDatabase, type OfficeDatabase, type OpenOptions } from '../core/storage/database';
import { closeReportRenderer } from '../core/reports/renderer';
import { SessionStore } from '../core/users/sessions';
import { dispatch } from './dispatcher';
import { JobRunner, type JobOptions } from './jobs';

export interface RuntimeOptions extends OpenOptions {
  databasePath: string;
  mode: SystemInfo['mode'];
  clock?: Clock;
  /** Folder for backups taken from the app (default: "backups" beside the database). */
  backupsFolder?: string;
  /** The sessions' clock in ms (default Date.now); tests move it to see sessions end. */
  sessionNowMs?: () => number;
  /** How long write steps run (operations/jobs.ts): inline unless a front end asks for the worker. */
  jobs?: JobOptions;
}

/**
 * A front end running in this process that the operator trusts with file paths: the CLI (the
 * operator typed the path) and the desktop menu (the path came from the OS save dialog). The
 * renderer, in the window or in a browser, is never one: transports call `call`, not
 * `callFromLocalFront`, so they cannot claim to be.
 */
export type LocalFront = 'cli' | 'desktop menu';

/**
 * What another window or tab of this process is told while a restore has the database closed:
 * BUSY, so its client sends the same request again a moment later.
 */
const RESTORING = fail('BUSY', 'The database is being restored right now; try again in a moment (nothing was saved)');

export class OfficeRuntime {
  private readonly localFronts = new AsyncLocalStorage<LocalFront>();
  private backupsRunning = 0;
  /** Set while `exclusively` has the database closed for a restore. */
  private exclusiveWorkRunning = false;
  /** The long write steps: off this thread with counts and cancel, or inline (jobs.ts). */
  readonly jobs: JobRunner;

  private constructor(
    private current: OfficeDatabase,
    readonly options: RuntimeOptions,
    readonly clock: Clock,
    readonly sessions: SessionStore,
  ) {
    this.jobs = new JobRunner(options.databasePath, options.jobs);
  }

  static async open(options: RuntimeOptions): Promise<OfficeRuntime> {
    const database = await openDatabase(options.databasePath, options);
    return new OfficeRuntime(database, options, options.clock ?? systemClock, new SessionStore(options.sessionNowMs));
  }

  get database(): OfficeDatabase {
    return this.current;
  }

  get mode(): SystemInfo['mode'] {
    return this.options.mode;
  }

  /** Runs one operation; never throws (failures come back as results). */
  call(request: OperationRequest): Promise<Result<unknown>> {
    return this.exclusiveWorkRunning ? Promise.resolve(RESTORING) : dispatch(this, request);
  }

  /**
   * Runs one operation for a trusted local front (see LocalFront): the same dispatcher, session,
   * role and audit as `call`; handlers may then accept file paths (system.backup, system.restore).
   */
  callFromLocalFront(request: OperationRequest, front: LocalFront): Promise<Result<unknown>> {
    if (this.exclusiveWorkRunning) return Promise.resolve(RESTORING);
    return this.localFronts.run(front, () => dispatch(this, request));
  }

  /** The trusted local front of the operation running now, if it came from one. */
  get localFront(): LocalFront | undefined {
    return this.localFronts.getStore();
  }

  /**
   * Takes the database for this process alone — refusing plainly while any other process (or
   * another runtime in this one) has it open — closes it, lets `work` replace its contents, and
   * opens it again (running any migrations the restored file needs) before the lock is let go.
   */
  async exclusively<T>(work: (databasePath: string) => Promise<T>, putBack?: (databasePath: string) => Promise<void>): Promise<T> {
    if (this.backupsRunning > 0) throw new OfficeError('CONFLICT', 'A backup is being taken right now; try again when it has finished');
    const lock = this.current.lock;
    lock.takeExclusive();
    this.exclusiveWorkRunning = true;
    try {
      // The job worker's connection must not outlive the file it was opened on; the next job starts a new one.
      await this.jobs.stop();
      closeDatabase(this.current, { keepLock: true });
      let outcome: { value: T } | { error: unknown };
      try {
        outcome = { value: await work(this.options.databasePath) };
      } catch (error) {
        outcome = { error };
      }
      await this.reopenUnderLock(putBack);
      if ('error' in outcome) throw outcome.error;
      return outcome.value;
    } finally {
      this.exclusiveWorkRunning = false;
      lock.releaseExclusive();
    }
  }

  /** Opens the database again under the held lock; if it will not open, `putBack` and open that. */
  private async reopenUnderLock(putBack?: (databasePath: string) => Promise<void>): Promise<void> {
    const options = { ...this.options, lock: this.current.lock };
    try {
      this.current = await openDatabase(this.options.databasePath, options);
    } catch (error) {
      if (!putBack) throw error;
      await putBack(this.options.databasePath);
      this.current = await openDatabase(this.options.databasePath, options);
      throw error;
    }
  }

  /** Runs a backup, during which a restore in this process is refused (it would close the database under it). */
  async whileBackingUp<T>(work: () => Promise<T>): Promise<T> {
    this.backupsRunning += 1;
    try {
      return await work();
    } finally {
      this.backupsRunning -= 1;
    }
  }

  close(): void {
    void this.jobs.stop();
    sealHeadOnClose(this.current.sqlite, this.clock.nowIso());
    closeDatabase(this.current);
    // The PDF renderer (jsreport + Chromium), if a PDF was made; it closes in the background.
    void closeReportRenderer();
  }

  /**
   * close(), then waits for the PDF renderer's Chromium to be gone: a process about to exit must
   * use this, or the browser it started outlives it.
   */
  async shutdown(): Promise<void> {
    await this.jobs.stop();
    sealHeadOnClose(this.current.sqlite, this.clock.nowIso());
    closeDatabase(this.current);
    await closeReportRenderer();
  }
}
