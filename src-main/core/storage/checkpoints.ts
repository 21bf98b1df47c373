/**
 * When the write-ahead log is copied back into the database (a checkpoint). SQLite does it at the
 * end of any commit that leaves the log over `wal_autocheckpoint` pages (10,000 here), in the
 * committing call: right for a counter payment (the log is reused from its start, and a small
 * checkpoint every few hundred payments is cheap), wrong for a bill run or a read import, whose
 * one commit writes tens of megabytes and would then copy them all again while the user waits.
 * Such bulk writes commit without the automatic checkpoint; the log is checkpointed once the
 * office has been idle for a moment (or when the database closes). Durability is unchanged: a
 * commit is on disk in the log (synchronous = FULL) whether or not it has been checkpointed.
 */
import type { Sqlite } from './database';

/** Pages in the log before SQLite checkpoints on its own at the end of a commit (set per connection in applyPragmas). */
export const AUTO_CHECKPOINT_PAGES = 10_000;
/** Quiet time after a bulk write before its checkpoint runs. */
export const IDLE_CHECKPOINT_DELAY_MS = 2_000;

const pending = new WeakMap<Sqlite, NodeJS.Timeout>();
const deferred = new WeakMap<Sqlite, (() => void)[]>();

/**
 * Work that can wait for idle time — a cache the next bulk write starts from, such as the read
 * history snapshot an import leaves (core/reads/history-snapshot.ts). It runs just before the idle
 * checkpoint, or when the database closes, each task in its own transaction if it writes. A task
 * that fails only loses its cache: it is reported as a process warning, and the next import works
 * from the database instead.
 */
export function deferUntilIdle(db: Sqlite, task: () => void): void {
  const tasks = deferred.get(db) ?? [];
  tasks.push(task);
  deferred.set(db, tasks);
  scheduleIdleCheckpoint(db);
}

/** Runs the deferred work now (idle time, closing, or a benchmark that times it on its own). */
export function runDeferredWork(db: Sqlite): void {
  const tasks = deferred.get(db) ?? [];
  deferred.delete(db);
  for (const task of tasks) {
    try {
      task();
    } catch (error) {
      process.emitWarning(`Deferred database work failed and was dropped: ${error instanceof Error ? error.message : String(error)}`, 'BillingOfficeDeferredWork');
    }
  }
}

/** The connection's own threshold, while the automatic checkpoint is off until the idle one runs. */
const suspendedPages = new WeakMap<Sqlite, number>();

/**
 * Runs a bulk write (its own transaction) with the automatic checkpoint off, then schedules one
 * for idle time. The automatic checkpoint stays off until that idle checkpoint has run: otherwise
 * the next small commit (cancelling the run just recomputed, approving the one just drafted)
 * would find the bulk write's pages over the threshold and copy them all while the user waits
 * (cancel 25 → 164 ms on five years of history, issue #14). Until then the log grows only by
 * what commits in the idle delay.
 */
export function withoutAutomaticCheckpoint<T>(db: Sqlite, write: () => T): T {
  if (!suspendedPages.has(db)) suspendedPages.set(db, db.pragma('wal_autocheckpoint', { simple: true }) as number);
  db.pragma('wal_autocheckpoint = 0');
  try {
    return write();
  } finally {
    scheduleIdleCheckpoint(db);
  }
}

/** Gives the connection its own automatic checkpoint threshold back. */
function resumeAutomaticCheckpoint(db: Sqlite): void {
  const pages = suspendedPages.get(db);
  suspendedPages.delete(db);
  if (pages !== undefined && db.open) db.pragma(`wal_autocheckpoint = ${pages}`);
}

/**
 * A PASSIVE checkpoint once nothing else has asked for one for IDLE_CHECKPOINT_DELAY_MS. Each call
 * pushes it back, so a busy minute never pays for it; the timer does not keep the process alive.
 */
export function scheduleIdleCheckpoint(db: Sqlite, delayMs = IDLE_CHECKPOINT_DELAY_MS): void {
  clearTimeout(pending.get(db));
  const timer = setTimeout(() => {
    pending.delete(db);
    // A closed connection ran its deferred work and checkpointed when it closed; a write in progress waits.
    if (!db.open) return;
    if (db.inTransaction) {
      scheduleIdleCheckpoint(db, delayMs);
      return;
    }
    runDeferredWork(db);
    db.pragma('wal_checkpoint(PASSIVE)');
    resumeAutomaticCheckpoint(db);
  }, delayMs);
  timer.unref();
  pending.set(db, timer);
}

/** Forgets a scheduled checkpoint (the connection is closing, and closing checkpoints). */
export function cancelIdleCheckpoint(db: Sqlite): void {
  clearTimeout(pending.get(db));
  pending.delete(db);
  resumeAutomaticCheckpoint(db);
}
