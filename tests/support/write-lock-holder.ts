/**
 * Child process for the concurrency tests: another writer on the same database file, reduced to
 * its lock. It takes SQLite's write lock (BEGIN IMMEDIATE), rewrites one settings row as it was
 * (a real commit, so other connections' snapshots go stale), holds the lock `holdMs`, commits,
 * waits `gapMs`, and repeats until `durationMs` have passed. It prints "locked" once it first
 * holds the lock and "done" when it stops.
 *   node --import tsx tests/support/write-lock-holder.ts <databasePath> <holdMs> <gapMs> <durationMs>
 */
import Database from 'better-sqlite3';

const [databasePath, holdText, gapText, durationText] = process.argv.slice(2) as [string, string, string, string];
const holdMs = Number(holdText);
const gapMs = Number(gapText);
const durationMs = Number(durationText);

/** Blocks this process (as a long synchronous write would) without spinning the CPU. */
function sleepSync(ms: number): void {
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

const db = new Database(databasePath);
db.pragma('busy_timeout = 10000');
const touch = db.prepare("UPDATE settings SET value_json = value_json WHERE key = 'districtName'");
const started = performance.now();
let first = true;
while (performance.now() - started < durationMs) {
  db.exec('BEGIN IMMEDIATE');
  touch.run();
  if (first) process.stdout.write('locked\n');
  first = false;
  sleepSync(holdMs);
  db.exec('COMMIT');
  sleepSync(gapMs);
}
db.close();
process.stdout.write('done\n');
