/**
 * Jobs (src-main/operations/jobs.ts): a long write runs in a worker thread on its own connection,
 * still one transaction with its audit record; the main thread reads its counts and can cancel it.
 * The five-meter cycle of reads-support.ts: M-1, M-3, M-4 read (bills), M-2 high (blocked), M-5
 * unread (blocked): a run of 5 accounts, 3 bills ($100.03 + $110.06 + $84.86 = $294.95).
 * The worker sleeps TEST_DELAY_MS at each count (the test hook) so the main thread can watch it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../src-shared/contract/jobs';
import { verifyAuditChain } from '../../src-main/core/audit/log';
import { fixedClock } from '../../src-main/core/clock';
import type { JobOptions } from '../../src-main/operations/jobs';
import { createTestOffice, type TestOffice } from '../support/office';
import { PERIOD, count, createCycle, importRows, row } from './reads-support';

const RATES = readFileSync(resolve(__dirname, '../../src-main/core/rates/samples/valle-verde.json'), 'utf8');
const RUN = { cycle: 1, period: PERIOD, billDate: '2026-11-12', dueDate: '2026-12-02' };
const TEST_DELAY_MS = 60;
const RUN_TOTAL_CENTS = 10_003 + 11_006 + 8_486;

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

async function cycleOffice(jobs: JobOptions): Promise<TestOffice> {
  office = await createTestOffice({ clock: fixedClock('2026-11-12T17:00:00.000Z'), jobs });
  await createCycle(office);
  await office.as('supervisor').must('rates.import', { documentJson: RATES, note: 'FY 2026-27' });
  importRows(office, [row(2, 'M-1', '141'), row(3, 'M-2', '152'), row(4, 'M-3', '142'), row(5, 'M-4', '139')]);
  return office;
}

/** Everything a recompute or a cancelled one could touch, as text to compare. */
function snapshot(o: TestOffice, runId: number): string {
  return JSON.stringify({
    bills: o.runtime.database.sqlite.prepare('SELECT id, account_id, total_cents, status FROM bills WHERE run_id = ? ORDER BY id').all(runId),
    lines: count(o, 'SELECT count(*) FROM bill_lines'),
    dispositions: o.runtime.database.sqlite.prepare('SELECT * FROM bill_run_accounts WHERE run_id = ? ORDER BY account_id').all(runId),
    run: o.runtime.database.sqlite.prepare('SELECT * FROM bill_runs WHERE id = ?').get(runId),
    audit: count(o, 'SELECT count(*) FROM audit_log'),
  });
}

/** Polls jobs.progress every 5 ms while `work` runs; the counts seen, in order. */
async function watch<T>(o: TestOffice, key: string, work: Promise<T>, onSeen?: (seen: JobProgress) => Promise<void> | void): Promise<{ answer: T; seen: JobProgress[] }> {
  const seen: JobProgress[] = [];
  let finished = false;
  const answer = work.finally(() => {
    finished = true;
  });
  while (!finished) {
    const progress = await o.as('technician').must('jobs.progress', { idempotencyKey: key });
    if (progress.state !== 'unknown') {
      seen.push(progress);
      await onSeen?.(progress);
    }
    await new Promise((settle) => setTimeout(settle, 5));
  }
  return { answer: await answer, seen };
}

describe('jobs: a long write in a worker thread', () => {
  it('reports counts that rise to the total while the main thread answers, and commits with its audit record', async () => {
    const o = await cycleOffice({ mode: 'worker', testStepDelayMs: TEST_DELAY_MS });
    const key = randomUUID();
    const { answer, seen } = await watch(o, key, o.as('technician').call('billing.createRun', RUN, { idempotencyKey: key }));
    expect(answer.ok, JSON.stringify(answer)).toBe(true);
    if (!answer.ok) return;
    expect(answer.value.run).toMatchObject({ status: 'draft', billCount: 3, totalCents: RUN_TOTAL_CENTS, blockedCount: 2 });
    // Seen from the main thread while the worker held the transaction: 0 of 0 until the worker
    // has loaded the cycle, then 5 accounts counted up to 5.
    const counted = seen.filter((progress) => progress.total > 0);
    expect(seen.slice(0, seen.length - counted.length).every((progress) => progress.done === 0 && progress.total === 0)).toBe(true);
    expect(new Set(counted.map((progress) => progress.total))).toEqual(new Set([5]));
    const dones = counted.map((progress) => progress.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(dones.at(-1)).toBe(5);
    expect(new Set(dones).size).toBeGreaterThan(2);
    // The write is the dispatcher's: its audit record, keyed by the same office key, chain intact.
    expect(count(o, `SELECT count(*) FROM audit_log WHERE idempotency_key = '${key}' AND operation = 'billing.createRun'`)).toBe(1);
    expect(verifyAuditChain(o.runtime.database.sqlite).brokenAtSeq).toBeNull();
    // Another user cannot see or stop it: a job is its starter's.
    expect(await o.as('clerk').must('jobs.progress', { idempotencyKey: key })).toEqual({ state: 'unknown', done: 0, total: 0 });
  });

  it('a cancel mid-way rolls the recompute back: every row as before, no audit record, CANCELLED', async () => {
    const o = await cycleOffice({ mode: 'worker', testStepDelayMs: TEST_DELAY_MS });
    const runId = (await o.as('technician').must('billing.createRun', RUN)).run.runId;
    const before = snapshot(o, runId);
    const key = randomUUID();
    let cancelledAt: number | null = null;
    const { answer } = await watch(o, key, o.as('technician').call('billing.recompute', { runId }, { idempotencyKey: key }), async (progress) => {
      if (cancelledAt === null && progress.done >= 2) {
        cancelledAt = progress.done;
        // Someone else's cancel does nothing; the starter's stops it.
        expect((await o.as('clerk').must('jobs.cancel', { idempotencyKey: key })).state).toBe('unknown');
        expect((await o.as('technician').must('jobs.cancel', { idempotencyKey: key })).state).toBe('cancelling');
      }
    });
    expect(cancelledAt).not.toBeNull();
    expect(cancelledAt!).toBeLessThan(5);
    expect(answer).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'Cancelled — nothing was changed' } });
    expect(snapshot(o, runId)).toBe(before);
    expect(count(o, `SELECT count(*) FROM audit_log WHERE idempotency_key = '${key}'`)).toBe(0);
    // The same key may be sent again (nothing was saved under it), and then recomputes.
    const again = await o.as('technician').call('billing.recompute', { runId }, { idempotencyKey: key });
    expect(again.ok && again.value.run.totalCents).toBe(RUN_TOTAL_CENTS);
  });

  it('a worker that dies mid-job rolls back and answers INTERNAL, not a hang; the next job gets a new worker', async () => {
    const o = await cycleOffice({ mode: 'worker', testStepDelayMs: TEST_DELAY_MS });
    const runId = (await o.as('technician').must('billing.createRun', RUN)).run.runId;
    const before = snapshot(o, runId);
    const key = randomUUID();
    let crashed = false;
    const { answer } = await watch(o, key, o.as('technician').call('billing.recompute', { runId }, { idempotencyKey: key }), (progress) => {
      if (!crashed && progress.done >= 1) {
        crashed = true;
        o.runtime.jobs.crashForTest(key);
      }
    });
    expect(crashed).toBe(true);
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.code).toBe('INTERNAL');
    expect(snapshot(o, runId)).toBe(before);
    const approved = await o.as('supervisor').call('billing.approve', { runId, note: 'after the crash' });
    // Blocked accounts refuse approval: the refusal came back from a fresh worker, as a CONFLICT.
    expect(approved.ok).toBe(false);
    if (!approved.ok) expect(approved.error).toMatchObject({ code: 'CONFLICT', field: 'runId' });
    expect(approved.ok === false && approved.error.message).toMatch(/^Run \d+ cannot be approved: 2 accounts are blocked/);
  });

  it('the same key after a success returns the first result and writes nothing more', async () => {
    const o = await cycleOffice({ mode: 'worker' });
    const runId = (await o.as('technician').must('billing.createRun', RUN)).run.runId;
    const key = randomUUID();
    const first = await o.as('technician').must('billing.recompute', { runId }, { idempotencyKey: key });
    const after = snapshot(o, runId);
    const second = await o.as('technician').must('billing.recompute', { runId }, { idempotencyKey: key });
    expect(second).toEqual(first);
    expect(snapshot(o, runId)).toBe(after);
    // Another operation under the same key is refused.
    const reused = await o.as('technician').call('billing.cancelRun', { runId, reason: 'reuse' }, { idempotencyKey: key });
    expect(reused.ok === false && reused.error.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('inline (the CLI) runs the same write on this thread and reports each count', async () => {
    const counts: string[] = [];
    const o = await cycleOffice({ mode: 'inline', onProgress: (operation, done, total) => counts.push(`${operation} ${done}/${total}`) });
    const review = await o.as('technician').must('billing.createRun', RUN);
    expect(review.run.totalCents).toBe(RUN_TOTAL_CENTS);
    expect(counts).toEqual([0, 1, 2, 3, 4, 5].map((done) => `billing.createRun ${done}/5`));
  });
});
