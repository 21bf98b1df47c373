/**
 * The running office: one open database, the login sessions and the clock, serving the
 * operation table to whichever transport is attached (Electron IPC, HTTP, CLI, tests).
 */
import type { OperationRequest } from '../../src-shared/contract';
import type { Result } from '../../src-shared/result';
import type { SystemInfo } from '../../src-shared/contract/system';
import { systemClock, type Clock } from '../core/clock';
import { closeDatabase, openDatabase, type OfficeDatabase, type OpenOptions } from '../core/storage/database';
import { closeReportRenderer } from '../core/reports/renderer';
import { SessionStore } from '../core/users/sessions';
import { dispatch } from './dispatcher';

export interface RuntimeOptions extends OpenOptions {
  databasePath: string;
  mode: SystemInfo['mode'];
  clock?: Clock;
  /** Folder for backups taken from the app (default: "backups" beside the database). */
  backupsFolder?: string;
  /** The sessions' clock in ms (default Date.now); tests move it to see sessions end. */
  sessionNowMs?: () => number;
}

export class OfficeRuntime {
  private constructor(
    private current: OfficeDatabase,
    readonly options: RuntimeOptions,
    readonly clock: Clock,
    readonly sessions: SessionStore,
  ) {}

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
    return dispatch(this, request);
  }

  /** Closes the database, lets `swap` replace its file, and opens it again (restore). */
  async reopen(swap: (databasePath: string) => Promise<void> | void): Promise<void> {
    closeDatabase(this.current);
    try {
      await swap(this.options.databasePath);
    } finally {
      this.current = await openDatabase(this.options.databasePath, this.options);
    }
  }

  close(): void {
    closeDatabase(this.current);
    // The PDF renderer (jsreport + Chromium), if a PDF was made; it closes in the background.
    void closeReportRenderer();
  }

  /**
   * close(), then waits for the PDF renderer's Chromium to be gone: a process about to exit must
   * use this, or the browser it started outlives it.
   */
  async shutdown(): Promise<void> {
    closeDatabase(this.current);
    await closeReportRenderer();
  }
}
