import type { ErrorCode } from '../../src-shared/result';

/**
 * A failure the office should see as a sentence, not a stack trace. Core code throws it; the
 * operation dispatcher turns it into `{ ok: false, error }` after rolling back the transaction.
 */
export class OfficeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'OfficeError';
  }
}

export const notFound = (what: string, field?: string) => new OfficeError('NOT_FOUND', `${what} was not found`, field);

/** An invariant the code relies on; failing it is a bug, never a user mistake. */
export function assertInvariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Invariant violated: ${message}`);
}
