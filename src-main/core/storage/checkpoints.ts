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

/** Runs a bulk write (its own transaction) with the automatic checkpoint off, then schedules one for idle time. */
export function withoutAutomaticCheckpoint<T>(db: Sqlite, write: () => T): T {
  const pages = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  try {
    return write();
  } finally {
    db.pragma(`wal_autocheckpoint = ${pages}`);
    scheduleIdleCheckpoint(db);
  }
}

/**
 * A PASSIVE checkpoint once nothing else has asked for one for IDLE_CHECKPOINT_DELAY_MS. Each call
 * pushes it back, so a busy minute never pays for it; the timer does not keep the process alive.
 */
export function scheduleIdleCheckpoint(db: Sqlite, delayMs = IDLE_CHECKPOINT_DELAY_MS): void {
  clearTimeout(pending.get(db));
  const timer = setTimeout(() => {
    pending.delete(db);
    // A write in progress or a closed connection: the next commit or closeDatabase checkpoints.
    if (db.open && !db.inTransaction) db.pragma('wal_checkpoint(PASSIVE)');
  }, delayMs);
  timer.unref();
  pending.set(db, timer);
}

/** Forgets a scheduled checkpoint (the connection is closing, and closing checkpoints). */
export function cancelIdleCheckpoint(db: Sqlite): void {
  clearTimeout(pending.get(db));
  pending.delete(db);
}
