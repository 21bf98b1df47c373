/**
 * The reference side of the concurrency benchmark: one process doing what the floor under any
 * write is — a bare better-sqlite3 BEGIN IMMEDIATE, one 200-byte insert, COMMIT — with the
 * production pragmas (WAL, synchronous = FULL, busy_timeout 5 s), at the same pace as a soak
 * worker. Makes 50 untimed commits, says "ready", waits for the go file, then prints "wrote <ms>" per commit and "done".
 *   node --import tsx tests/bench/concurrency-raw-writer.ts <databasePath> <goFile> <durationMs> <paceMs>
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { applyPragmas } from '../../src-main/core/storage/database';

const [databasePath, goFile, durationText, paceText] = process.argv.slice(2) as [string, string, string, string];
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const db = new Database(databasePath);
applyPragmas(db);
const insert = db.prepare('INSERT INTO bench_commit_probe (v) VALUES (?)');
const write = db.transaction(() => insert.run('x'.repeat(200)));
// Untimed commits first, as the payment workers take untimed payments first.
for (let warm = 0; warm < 50; warm += 1) write.immediate();
process.stdout.write('ready\n');
while (!existsSync(goFile)) await sleep(10);
const started = performance.now();
while (performance.now() - started < Number(durationText)) {
  const stepStarted = performance.now();
  write.immediate();
  const elapsedMs = performance.now() - stepStarted;
  process.stdout.write(`wrote ${elapsedMs.toFixed(3)}\n`);
  const pauseMs = Number(paceText) - elapsedMs;
  if (pauseMs > 0) await sleep(pauseMs);
}
db.close();
process.stdout.write('done\n');
