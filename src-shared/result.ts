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
