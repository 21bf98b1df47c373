import type { SessionUser } from '../../src-shared/contract/system';
import type { Clock } from '../core/clock';
import type { Progress } from '../core/progress';
import type { OfficeDatabase, Sqlite } from '../core/storage/database';
import type { OfficeRuntime } from './runtime';

/** Everything a handler may use; built fresh for each call by the dispatcher. */
export interface HandlerContext {
  readonly db: Sqlite;
  readonly database: OfficeDatabase;
  readonly runtime: OfficeRuntime;
  readonly clock: Clock;
  /** The instant this operation runs at (one value for the whole operation). */
  readonly nowIso: string;
  /** The logged-in user; null only for public operations. */
  readonly user: SessionUser | null;
  /** The supervisor who approved this call (the caller when they are a supervisor). */
  readonly approvedByUserId: number | null;
  readonly sessionToken: string | undefined;
  /** Where a job's core loop reports its counts (jobs.ts); `noProgress` for every other call. */
  readonly progress: Progress;
}

/** The user of a non-public operation (the dispatcher guarantees one). */
export function requireUser(context: HandlerContext): SessionUser {
  if (!context.user) throw new Error('Invariant violated: handler for a non-public operation ran without a user');
  return context.user;
}
