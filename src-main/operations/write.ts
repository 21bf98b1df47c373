/**
 * A write's one transaction: the idempotency key, the handler and its audit record. The dispatcher
 * runs it on the main connection; a job (jobs.ts) runs the very same function on its worker's
 * connection, so both commit all or nothing with the same replay and the same audit record.
 */
import type { OperationName } from '../../src-shared/contract';
import { appendAudit, findByIdempotencyKey } from '../core/audit/log';
import { OfficeError } from '../core/errors';
import { canonicalJson, sha256Hex } from '../core/hashing';
import type { HandlerContext } from './context';

export type Handler = (context: HandlerContext, input: unknown) => unknown;

/**
 * A write: replay or refuse a reused key, else run the handler and its audit record in one
 * transaction. The transaction is IMMEDIATE — it takes the write lock before its first read (the
 * idempotency key, the audit chain's head). A deferred one would read first and then ask for the
 * lock; when another process writes meanwhile, SQLite cannot let a reader with an old snapshot
 * write, so it refuses at once (SQLITE_BUSY / BUSY_SNAPSHOT) instead of waiting busy_timeout.
 */
export function runWrite(context: HandlerContext, name: OperationName, handler: Handler, input: unknown, idempotencyKey: string): unknown {
  // hashOf({ op, input }) — keys sorted, "input" before "op" — reusing the input's canonical JSON,
  // which the audit record stores.
  const inputJson = canonicalJson(input);
  const inputHash = sha256Hex(`{"input":${inputJson},"op":${JSON.stringify(name)}}`);
  return context.db.transaction(() => {
    const previous = findByIdempotencyKey(context.db, idempotencyKey);
    if (previous) {
      if (previous.operation !== name || previous.inputHash !== inputHash || previous.userId !== context.user?.userId) {
        throw new OfficeError('IDEMPOTENCY_CONFLICT', 'This request id was already used for something else; nothing was changed');
      }
      return JSON.parse(previous.resultJson) as unknown;
    }
    const value = handler(context, input);
    if (value instanceof Promise) throw new Error(`Invariant violated: write handler ${name} must be synchronous`);
    appendAudit(context.db, {
      at: context.nowIso,
      userId: context.user?.userId ?? null,
      username: context.user?.username ?? 'system',
      operation: name,
      idempotencyKey,
      inputHash,
      input,
      inputJson,
      result: value,
      approvedByUserId: context.approvedByUserId,
    });
    return value;
  }).immediate();
}

