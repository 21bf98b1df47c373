/**
 * Who has the office database open, across processes: every process that opens the database
 * holds a SHARED lock on a small sidecar SQLite file (`<database>.lock`, rollback-journal mode) by
 * keeping a read transaction open on it for as long as the database is open. A restore, and a
 * migration with pending steps, trades that for an EXCLUSIVE lock without waiting: SQLite grants
 * it only when no other connection — in this process or any other — holds the sidecar, and the
 * operating system drops a killed process's locks, so a crash never leaves the office locked out.
 *
 * Why a sidecar and not the database itself: the database runs in WAL mode, where readers and
 * writers never take file locks that say "someone has this open"; an exclusive lock on the
 * database would also stop nothing from opening it a moment later. The sidecar's lock is held for
 * the whole time a process has the database open, and is honoured by every process that opens it
 * through openDatabase.
 *
 * Never open the sidecar with node:fs: closing any descriptor of a file drops every POSIX lock
 * this process holds on it.
 */
import Database from 'better-sqlite3';
import { OfficeError } from '../errors';

/** How long a process starting up waits for a restore or upgrade elsewhere to finish. */
export const DEFAULT_LOCK_WAIT_MS = 5000;
/**
 * How long an upgrade waits for the database to itself: two processes starting on a new (or
 * newly upgraded) database at the same moment then take turns instead of one being refused.
 */
export const UPGRADE_WAIT_MS = 1000;

export const IN_USE_MESSAGE =
  'Another Billing Office window or command has this database open. Close it (and any browser-mode or scheduled command using this database) and try again.';
export const UPGRADE_REFUSED_MESSAGE =
  'This version of Billing Office must upgrade the database first, but another Billing Office window or command has it open. Close every other window and command using this database, then start again.';
export const BUSY_ELSEWHERE_MESSAGE =
  'A restore or upgrade of this database is in progress in another Billing Office window or command. Wait for it to finish, then try again.';

export function lockPathFor(databasePath: string): string {
  return `${databasePath}.lock`;
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

export class OfficeLock {
  private exclusive = false;

  private constructor(private readonly sidecar: Database.Database) {}

  /**
   * Opens the sidecar and takes the shared lock, waiting up to `waitMs` while a restore or
   * upgrade elsewhere holds it exclusively; then refuses with a plain message.
   */
  static acquireShared(databasePath: string, waitMs: number = DEFAULT_LOCK_WAIT_MS): OfficeLock {
    let sidecar: Database.Database | undefined;
    try {
      sidecar = new Database(lockPathFor(databasePath));
      sidecar.pragma(`busy_timeout = ${Math.max(0, Math.round(waitMs))}`);
      const lock = new OfficeLock(sidecar);
      lock.holdShared();
      return lock;
    } catch (error) {
      sidecar?.close();
      if (isBusy(error)) throw new OfficeError('CONFLICT', BUSY_ELSEWHERE_MESSAGE);
      throw error;
    }
  }

  get isExclusive(): boolean {
    return this.exclusive;
  }

  /** A read transaction on the sidecar: the SHARED lock, held until it ends. */
  private holdShared(): void {
    this.sidecar.exec('BEGIN');
    this.sidecar.prepare('SELECT COUNT(*) FROM sqlite_master').get();
  }

  /**
   * Trades the shared lock for the exclusive one, waiting at most `waitMs` (none for a restore):
   * refuses (CONFLICT) while any other connection holds the sidecar, and keeps the shared lock then.
   */
  takeExclusive(refusal: string = IN_USE_MESSAGE, exclusiveWaitMs = 0): void {
    if (this.exclusive) return;
    if (this.sidecar.inTransaction) this.sidecar.exec('COMMIT');
    const waitMs = this.sidecar.pragma('busy_timeout', { simple: true }) as number;
    this.sidecar.pragma(`busy_timeout = ${Math.max(0, Math.round(exclusiveWaitMs))}`);
    try {
      this.sidecar.exec('BEGIN EXCLUSIVE');
      this.exclusive = true;
    } catch (error) {
      if (!isBusy(error)) throw error;
      this.holdShared();
      throw new OfficeError('CONFLICT', refusal);
    } finally {
      this.sidecar.pragma(`busy_timeout = ${waitMs}`);
    }
  }

  /** Back to the shared lock (another process that was waiting may slip in between: it is then refused later). */
  releaseExclusive(): void {
    if (!this.exclusive) return;
    this.sidecar.exec('COMMIT');
    this.exclusive = false;
    try {
      this.holdShared();
    } catch (error) {
      if (isBusy(error)) throw new OfficeError('CONFLICT', BUSY_ELSEWHERE_MESSAGE);
      throw error;
    }
  }

  /** Runs `work` holding the exclusive lock; the shared lock is held again afterwards. */
  async exclusively<T>(work: () => Promise<T> | T, refusal?: string, exclusiveWaitMs?: number): Promise<T> {
    if (this.exclusive) return work();
    this.takeExclusive(refusal, exclusiveWaitMs);
    try {
      return await work();
    } finally {
      this.releaseExclusive();
    }
  }

  release(): void {
    if (this.sidecar.open) this.sidecar.close();
    this.exclusive = false;
  }
}
