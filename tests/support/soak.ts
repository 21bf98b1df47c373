/**
 * Runs several soak workers (tests/support/soak-worker.ts), each an OS process standing for one
 * counter PC, on one database file, starts them together, and gathers what they reported: every
 * acknowledged payment with its receipt, each payment's time, failures, BUSY resends, logins.
 * Used by the concurrency soak test and `npm run bench -- concurrency`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChild } from './child';

export interface SoakWorker {
  username: string;
  password: string;
  workstation: string;
}

export interface SoakPlan {
  databasePath: string;
  /** A folder for the go file the workers wait for. */
  folder: string;
  workers: readonly SoakWorker[];
  accountIds: readonly number[];
  durationMs: number;
  /** Milliseconds between the starts of a worker's steps (0: as fast as it can). */
  paceMs: number;
  /** Every n-th step is a login (0: none). */
  loginEvery: number;
  /** Payments each worker takes before the start, acknowledged but not timed. */
  warmUpPayments: number;
}

export interface SoakOutcome {
  /** paymentId → receipt number, for every payment a worker was told was posted (warm-up too). */
  acknowledged: Map<string, string>;
  /** Payments sent and not answered (none unless a worker died). */
  inFlight: Set<string>;
  /** How long each acknowledged payment after the start took, resends included (ms). */
  latenciesMs: number[];
  failures: { paymentId: string; code: string; message: string }[];
  busyRetries: number;
  logins: { ok: number; refused: number; failed: string[] };
  /** The longest worker's posting time (s). */
  seconds: number;
}

export async function runSoak(plan: SoakPlan): Promise<SoakOutcome> {
  const outcome: SoakOutcome = { acknowledged: new Map(), inFlight: new Set(), latenciesMs: [], failures: [], busyRetries: 0, logins: { ok: 0, refused: 0, failed: [] }, seconds: 0 };
  const goFile = join(plan.folder, 'soak-go');
  let ready = 0;
  let onAllReady: () => void = () => undefined;
  const allReady = new Promise<void>((resolve) => (onAllReady = resolve));
  const onLine = (line: string) => {
    const [word, first, second, ...rest] = line.split(' ') as [string, string, string, ...string[]];
    if (word === 'ready' && (ready += 1) === plan.workers.length) onAllReady();
    else if (word === 'sending') outcome.inFlight.add(first);
    else if (word === 'posted' || word === 'warm') {
      outcome.inFlight.delete(first);
      outcome.acknowledged.set(first, second);
      if (word === 'posted') outcome.latenciesMs.push(Number(rest[0]));
    } else if (word === 'failed') {
      outcome.inFlight.delete(first);
      outcome.failures.push({ paymentId: first, code: second, message: rest.join(' ') });
    } else if (word === 'busy') outcome.busyRetries += 1;
    else if (word === 'login') {
      if (first === 'ok') outcome.logins.ok += 1;
      else if (first === 'refused') outcome.logins.refused += 1;
      else outcome.logins.failed.push(first);
    } else if (word === 'summary') outcome.seconds = Math.max(outcome.seconds, (JSON.parse(line.slice('summary '.length)) as { seconds: number }).seconds);
  };
  const exits = plan.workers.map((worker) =>
    runChild('tests/support/soak-worker.ts', [JSON.stringify({ ...worker, databasePath: plan.databasePath, accountIds: plan.accountIds, goFile, durationMs: plan.durationMs, paceMs: plan.paceMs, loginEvery: plan.loginEvery, warmUpPayments: plan.warmUpPayments })], onLine),
  );
  // A worker that fails before it is ready rejects its exit: stop waiting for "ready" then, and
  // let the others go (they stop after durationMs) rather than leave them waiting.
  try {
    await Promise.race([allReady, Promise.all(exits)]);
  } finally {
    writeFileSync(goFile, 'go');
  }
  await Promise.all(exits);
  return outcome;
}
