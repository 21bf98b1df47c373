/** Every operation answers with a Result: a value, or an error written for the clerk. */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_LOGGED_IN'
  | 'FORBIDDEN'
  | 'APPROVAL_REQUIRED'
  | 'APPROVAL_DENIED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'IDEMPOTENCY_CONFLICT'
  | 'UNBALANCED'
  | 'UNKNOWN_OPERATION'
  | 'LOGIN_FAILED'
  /**
   * Another process (a second counter PC, the CLI) held the database's write lock for longer than
   * the office waits (busy_timeout). Nothing was saved; the same request may be sent again.
   */
  | 'BUSY'
  /** The person waiting stopped a long step (a job) before it committed: nothing was saved. */
  | 'CANCELLED'
  | 'INTERNAL';

export interface OperationError {
  code: ErrorCode;
  /** A sentence for the person at the counter: what is wrong and what to do. */
  message: string;
  /** Dotted path of the input field at fault, when there is one (e.g. "customer.email"). */
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: OperationError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, field?: string): Result<never> => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});

/** What a clerk reads when the database stayed locked by another writer past the wait. */
export const BUSY_MESSAGE = 'Another workstation is saving; try again (nothing was saved)';

/**
 * How long a client waits before resending a write that answered BUSY, one entry per resend
 * (so the length is the number of resends). Each attempt has already waited up to the main
 * process's busy_timeout (5 s) for the lock, so two short pauses are enough: a lock held longer
 * than that is a restore or a demo build, which the clerk should hear about rather than sit out.
 */
export const BUSY_RETRY_DELAYS_MS: readonly number[] = [250, 1_000];

/**
 * Sends a request, and resends it while it answers BUSY, after each pause in `delaysMs`. The
 * caller sends the same idempotency key every time, so a resend can never post twice.
 * `onRetry` hears of each resend (a count for the figures, a status line).
 */
export async function retryWhileBusy<T>(
  send: () => Promise<Result<T>>,
  options: { delaysMs?: readonly number[]; sleep?: (ms: number) => Promise<void>; onRetry?: (attempt: number) => void } = {},
): Promise<Result<T>> {
  const delaysMs = options.delaysMs ?? BUSY_RETRY_DELAYS_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let result = await send();
  for (let attempt = 1; attempt <= delaysMs.length && !result.ok && result.error.code === 'BUSY'; attempt += 1) {
    await sleep(delaysMs[attempt - 1] as number);
    options.onRetry?.(attempt);
    result = await send();
  }
  return result;
}
