/**
 * Long write steps run as jobs (src-main/operations/jobs.ts): while one runs, the window asks how
 * far it has got and may ask it to stop. A job is named by the idempotency key of the write that
 * started it, which only the window that sent the write knows.
 */
import { z } from 'zod';
import { defineOperation, MAX_IDEMPOTENCY_KEY_LENGTH } from './define';

export interface JobProgress {
  /** running: counts below; unknown: no job of yours runs under this key (not started yet, or finished). */
  state: 'running' | 'cancelling' | 'unknown';
  /** Units finished so far (accounts, bills, reads), of `total`; both 0 until the step has counted its work. */
  done: number;
  total: number;
}

const jobKey = z.object({ idempotencyKey: z.string().min(8).max(MAX_IDEMPOTENCY_KEY_LENGTH) });

export const jobsProgress = defineOperation<JobProgress>()({
  name: 'jobs.progress',
  summary: 'How far a long step you started has got (its counts)',
  role: 'clerk',
  writes: false,
  input: jobKey,
});

export const jobsCancel = defineOperation<JobProgress>()({
  name: 'jobs.cancel',
  summary: 'Stop a long step you started before it saves anything',
  role: 'clerk',
  writes: false,
  input: jobKey,
});
