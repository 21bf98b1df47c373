/**
 * Jobs (src-main/operations/jobs.ts): a 20,000-account draft (billing.createRun) through the
 * operations, in the worker against inline on the main thread as the reference, measured side by
 * side on copies of one district (bill-run.bench.ts's). Each office drafts once untimed first (and
 * cancels that run), so both the main thread and the long-lived worker have their code warm, as
 * an office that has been open a while does. Also what the worker is for: the main thread's
 * longest event-loop stall during the draft (perf_hooks; inline, the whole draft) while a window
 * polls jobs.progress every 50 ms — and how soon a cancel comes back as CANCELLED.
 * Target: the worker's draft within 1.3× of inline (median of 3 each).
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { OperationRequest } from '../../src-shared/contract';
import type { Result } from '../../src-shared/result';
import { fixedClock } from '../../src-main/core/clock';
import { OfficeRuntime } from '../../src-main/operations/runtime';
import { buildDistrict } from './bill-run.bench';
import { median, type Bench, type BenchRow } from './harness';

const ACCOUNTS = 20_000;
const RUNS = 3;
const RATIO_TARGET = 1.3;
const POLL_EVERY_MS = 50;
const RUN = { cycle: 1, period: '2026-11', billDate: '2026-11-12', dueDate: '2026-12-02' };

interface Office {
  runtime: OfficeRuntime;
  call(op: string, input: unknown, idempotencyKey?: string): Promise<Result<unknown>>;
}

async function openOffice(template: string, folder: string, index: number, mode: 'worker' | 'inline'): Promise<Office> {
  const databasePath = join(folder, `office-${mode}-${index}.sqlite`);
  copyFileSync(template, databasePath);
  const runtime = await OfficeRuntime.open({ databasePath, mode: 'test', clock: fixedClock('2026-11-12T17:00:00.000Z'), jobs: { mode } });
  const login = await runtime.call({ op: 'session.login', input: { username: 'tech', password: 'bench-password' } });
  if (!login.ok) throw new Error(login.error.message);
  const token = (login.value as { token: string }).token;
  await runtime.jobs.warm();
  const call = (op: string, input: unknown, idempotencyKey?: string) => runtime.call({ op, input, sessionToken: token, ...(idempotencyKey ? { idempotencyKey } : {}) } as OperationRequest);
  // A draft untimed, then its run cancelled: the code each thread runs is warm.
  const warmUp = await call('billing.createRun', RUN, randomUUID());
  if (!warmUp.ok) throw new Error(warmUp.error.message);
  const runId = (warmUp.value as { run: { runId: number } }).run.runId;
  const cancelled = await call('billing.cancelRun', { runId, reason: 'bench warm-up' }, randomUUID());
  if (!cancelled.ok) throw new Error(cancelled.error.message);
  return { runtime, call };
}

/** Runs the draft while polling jobs.progress; its time and the longest wait for an answer. */
async function draft(office: Office, cancelAfterMs?: number): Promise<{ ms: number; longestReadWaitMs: number; cancelToAnswerMs: number | null; code: string }> {
  const key = randomUUID();
  let finished = false;
  let cancelAskedAt: number | null = null;
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  stalls.enable();
  const started = performance.now();
  const answer = office.call('billing.createRun', RUN, key).finally(() => {
    finished = true;
  });
  const polling = (async () => {
    while (!finished) {
      await office.call('jobs.progress', { idempotencyKey: key });
      if (cancelAfterMs !== undefined && cancelAskedAt === null && performance.now() - started >= cancelAfterMs) {
        cancelAskedAt = performance.now();
        await office.call('jobs.cancel', { idempotencyKey: key });
      }
      await new Promise((settle) => setTimeout(settle, POLL_EVERY_MS));
    }
  })();
  const result = await answer;
  const ended = performance.now();
  stalls.disable();
  const longestReadWaitMs = stalls.max / 1e6;
  await polling;
  return { ms: ended - started, longestReadWaitMs, cancelToAnswerMs: cancelAskedAt === null ? null : ended - cancelAskedAt, code: result.ok ? 'ok' : result.error.code };
}

export const bench: Bench = {
  name: `jobs: a ${ACCOUNTS.toLocaleString('en-US')}-account draft in the worker against inline`,
  async run(log) {
    const folder = mkdtempSync(join(tmpdir(), 'billing-office-bench-jobs-'));
    process.env.BILLING_OFFICE_AUDIT_KEYS = join(folder, 'keys');
    process.env.BILLING_OFFICE_AUDIT_KEY_PROTECTION = 'file';
    try {
      const template = join(folder, 'template.sqlite');
      await buildDistrict(template, ACCOUNTS);
      const inline: number[] = [];
      const worker: number[] = [];
      const workerWaits: number[] = [];
      const cancels: number[] = [];
      for (let index = 0; index < RUNS; index += 1) {
        for (const mode of ['inline', 'worker'] as const) {
          const office = await openOffice(template, folder, index, mode);
          const timed = await draft(office);
          if (timed.code !== 'ok') throw new Error(`${mode} draft failed: ${timed.code}`);
          (mode === 'inline' ? inline : worker).push(timed.ms);
          if (mode === 'worker') workerWaits.push(timed.longestReadWaitMs);
          log(`${mode}: draft ${timed.ms.toFixed(0)} ms, longest event-loop stall meanwhile ${timed.longestReadWaitMs.toFixed(0)} ms`);
          await office.runtime.shutdown();
        }
        const office = await openOffice(template, folder, index + RUNS, 'worker');
        const cancelled = await draft(office, 300);
        if (cancelled.code !== 'CANCELLED' || cancelled.cancelToAnswerMs === null) throw new Error(`the cancel did not stop the draft: ${cancelled.code}`);
        cancels.push(cancelled.cancelToAnswerMs);
        log(`worker, cancelled after 300 ms: CANCELLED ${cancelled.cancelToAnswerMs.toFixed(0)} ms after the cancel`);
        await office.runtime.shutdown();
      }
      const inlineMs = median(inline);
      const workerMs = median(worker);
      const rows: BenchRow[] = [
        { benchmark: 'jobs', measure: 'draft inline (reference), median', value: inlineMs, unit: 'ms' },
        { benchmark: 'jobs', measure: 'draft in the worker, median', value: workerMs, unit: 'ms' },
        { benchmark: 'jobs', measure: 'worker ÷ inline', value: workerMs / inlineMs, unit: 'count', targetBelow: RATIO_TARGET },
        // Inline, the draft runs inside the call: no timer fires until it ends, so the stall is the
        // whole draft by construction (the histogram, which only sees fired timers, reads 0).
        { benchmark: 'jobs', measure: 'main thread stall during the draft, worker', value: median(workerWaits), unit: 'ms' },
        { benchmark: 'jobs', measure: 'cancel → CANCELLED answer, median', value: median(cancels), unit: 'ms' },
      ];
      return rows;
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
