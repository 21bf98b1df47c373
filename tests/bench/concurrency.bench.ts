/**
 * Three counter PCs on one database file: three OS processes (tests/support/soak-worker.ts), each
 * taking a cash payment through OfficeRuntime.call every 100 ms (10 a second each) for 20 s, after
 * 50 untimed ones —
 * session, validation, idempotency key, payment, journal entry, audit record, one IMMEDIATE
 * transaction, a BUSY answer resent with the same key. Target: p99 under 50 ms per payment (what
 * the clerk waits, lock waits and resends included), and no payment failing. Reference, in the same
 * run on the same file: three processes doing a bare better-sqlite3 BEGIN IMMEDIATE, one-row
 * insert, COMMIT at the same pace (tests/bench/concurrency-raw-writer.ts) — the floor any write
 * pays for the lock and the disk's flush. And first, for the reading, one process alone at the
 * same pace for 10 s: the payment's own cost on this machine, with no lock to wait for.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initializeOffice } from '../../src-main/core/setup/initialize';
import { createUser } from '../../src-main/core/users/users';
import { OfficeRuntime } from '../../src-main/operations/runtime';
import { runChild } from '../support/child';
import { insertBareAccounts } from '../support/fixtures';
import { runSoak } from '../support/soak';
import { median, percentile, type Bench } from './harness';

const WRITERS = ['ana', 'ben', 'cho'];
/** The clerk of the one-process run. */
const ALONE = 'dee';
const DURATION_MS = 20_000;
/** The one-process run beside it. */
const ALONE_MS = 10_000;
const PACE_MS = 100;
const PASSWORD = 'bench-password-1';
/** Untimed payments each process takes first (its code compiled, its statements prepared). */
const WARM_UP_PAYMENTS = 50;

/** The reference: the same number of processes doing bare IMMEDIATE commits at the same pace. */
async function rawReference(databasePath: string, folder: string): Promise<number[]> {
  const goFile = join(folder, 'raw-go');
  const samples: number[] = [];
  let ready = 0;
  let onAllReady: () => void = () => undefined;
  const allReady = new Promise<void>((resolve) => (onAllReady = resolve));
  const exits = WRITERS.map(() =>
    runChild('tests/bench/concurrency-raw-writer.ts', [databasePath, goFile, String(DURATION_MS), String(PACE_MS)], (line) => {
      if (line === 'ready' && (ready += 1) === WRITERS.length) onAllReady();
      if (line.startsWith('wrote ')) samples.push(Number(line.slice('wrote '.length)));
    }),
  );
  try {
    await Promise.race([allReady, Promise.all(exits)]);
  } finally {
    writeFileSync(goFile, 'go');
  }
  await Promise.all(exits);
  return samples;
}

export const bench: Bench = {
  name: `Three processes taking payments on one file, ${1000 / PACE_MS} a second each for ${DURATION_MS / 1000} s`,
  async run(log) {
    const folder = mkdtempSync(join(tmpdir(), 'billing-office-bench-concurrency-'));
    const databasePath = join(folder, 'office.sqlite');
    try {
      const runtime = await OfficeRuntime.open({ databasePath, mode: 'test' });
      const db = runtime.database.sqlite;
      const now = new Date().toISOString();
      initializeOffice(db, now, { districtName: 'Bench Water District', supervisor: { username: 'sofia', displayName: 'Bench Supervisor', password: PASSWORD } });
      for (const username of [...WRITERS, ALONE]) createUser(db, now, { username, displayName: `Bench Clerk ${username}`, role: 'clerk', password: PASSWORD });
      const accountIds = insertBareAccounts(db, 300);
      db.exec('CREATE TABLE bench_commit_probe (id INTEGER PRIMARY KEY, v TEXT)');
      runtime.close();

      const workers = WRITERS.map((username, index) => ({ username, password: PASSWORD, workstation: `Counter ${index + 1}` }));
      const plan = { databasePath, folder, accountIds, paceMs: PACE_MS, loginEvery: 0, warmUpPayments: WARM_UP_PAYMENTS };
      // One process alone at the same pace first: what this machine makes a payment cost with
      // nobody to wait for, so the three-process figures can be read as lock waits or not.
      const alone = await runSoak({ ...plan, workers: [{ username: ALONE, password: PASSWORD, workstation: 'Counter 4' }], durationMs: ALONE_MS });
      log(`one process alone: ${alone.latenciesMs.length} payments, median ${median(alone.latenciesMs).toFixed(2)} ms, p99 ${percentile(alone.latenciesMs, 99).toFixed(2)} ms, max ${Math.max(...alone.latenciesMs).toFixed(1)} ms`);
      const ours = await runSoak({ ...plan, workers, durationMs: DURATION_MS });
      const failed = ours.failures.length + ours.inFlight.size;
      const posted = ours.acknowledged.size;
      const timed = ours.latenciesMs.length;
      log(
        `ours: ${timed} payments in ${ours.seconds.toFixed(1)} s (${(timed / ours.seconds).toFixed(1)}/s, after ${posted - timed} untimed), median ${median(ours.latenciesMs).toFixed(2)} ms, ` +
          `p99 ${percentile(ours.latenciesMs, 99).toFixed(2)} ms, max ${Math.max(...ours.latenciesMs).toFixed(1)} ms; ${ours.busyRetries} BUSY resends, ${failed} failed` +
          (failed > 0 ? ` (${[...new Set(ours.failures.map((failure) => failure.code))].join(', ')})` : ''),
      );
      const raw = await rawReference(databasePath, folder);
      log(`reference (bare BEGIN IMMEDIATE, insert, COMMIT): ${raw.length} commits, median ${median(raw).toFixed(2)} ms, p99 ${percentile(raw, 99).toFixed(2)} ms, max ${Math.max(...raw).toFixed(1)} ms`);

      return [
        { benchmark: 'concurrency', measure: 'payments.take p99, 3 processes × 10/s', value: percentile(ours.latenciesMs, 99), unit: 'ms', targetBelow: 50 },
        { benchmark: 'concurrency', measure: 'payments failed (any code)', value: failed, unit: 'count', targetBelow: 1 },
        { benchmark: 'concurrency', measure: 'payments.take median', value: median(ours.latenciesMs), unit: 'ms' },
        { benchmark: 'concurrency', measure: 'payments timed', value: timed, unit: 'count' },
        { benchmark: 'concurrency', measure: 'BUSY resends', value: ours.busyRetries, unit: 'count' },
        { benchmark: 'concurrency', measure: 'payments.take median, 1 process alone', value: median(alone.latenciesMs), unit: 'ms' },
        { benchmark: 'concurrency', measure: 'payments.take p99, 1 process alone', value: percentile(alone.latenciesMs, 99), unit: 'ms' },
        { benchmark: 'concurrency', measure: 'reference bare commit median', value: median(raw), unit: 'ms' },
        { benchmark: 'concurrency', measure: 'reference bare commit p99', value: percentile(raw, 99), unit: 'ms' },
      ];
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
