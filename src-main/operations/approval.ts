/**
 * A supervisor's approval typed into the prompt at the counter (user name and password). It is a
 * password check like a login: throttled per approver name (the same count as that name's logins,
 * core/users/login-throttle.ts), and every refusal is audited as `approval.denied` in its own
 * transaction — the operation itself then does not run. An accepted approval is recorded on the
 * operation's own audit record (approved_by).
 */
import type { SessionUser, SupervisorApproval } from '../../src-shared/contract';
import { fail, ok, type Result } from '../../src-shared/result';
import { roleAllows } from '../../src-shared/roles';
import { appendAudit } from '../core/audit/log';
import { hashOf } from '../core/hashing';
import { clearFailures, guardPasswordCheck, hasFailures, lockedMessage, throttleKey } from '../core/users/login-throttle';
import { authenticate } from '../core/users/users';
import type { OfficeRuntime } from './runtime';

const NOT_RIGHT = 'That supervisor user name or password is not right';

/** The password was right but the user cannot approve: say so, so the clerk fetches a supervisor. */
const notSupervisor = (username: string) => `${username} is not a supervisor, so cannot approve this. Ask a supervisor to type their own user name and password.`;

type Refusal = 'wrong password' | 'locked' | 'not a supervisor';

function auditDenial(runtime: OfficeRuntime, nowIso: string, operation: string, user: SessionUser, approverName: string, reason: Refusal): void {
  const input = { operation, approver: throttleKey(approverName) };
  appendAudit(runtime.database.sqlite, {
    at: nowIso,
    userId: user.userId,
    username: user.username,
    operation: 'approval.denied',
    idempotencyKey: null,
    inputHash: hashOf(input),
    input,
    result: { ok: false, reason },
    approvedByUserId: null,
  });
}

/** The approving supervisor's user id, or the refusal to return to the caller. */
export function approveAtCounter(runtime: OfficeRuntime, operation: string, user: SessionUser, approval: SupervisorApproval): Result<number> {
  const db = runtime.database.sqlite;
  const nowIso = runtime.clock.nowIso();
  const checked = guardPasswordCheck(
    db,
    approval.username,
    nowIso,
    () => authenticate(db, approval.username, approval.password),
    (outcome) => auditDenial(runtime, nowIso, operation, user, approval.username, outcome === 'locked' ? 'locked' : 'wrong password'),
  );
  if (checked.outcome === 'locked') return fail('APPROVAL_DENIED', lockedMessage(approval.username, checked.minutesLocked), 'approval');
  if (checked.outcome === 'wrong') return fail('APPROVAL_DENIED', NOT_RIGHT, 'approval');
  const approver = checked.value;
  if (!roleAllows(approver.role, 'supervisor')) {
    // The password was right, so it does not count towards a lock; the refusal is still audited.
    db.transaction(() => auditDenial(runtime, nowIso, operation, user, approval.username, 'not a supervisor')).immediate();
    return fail('APPROVAL_DENIED', notSupervisor(approver.username), 'approval');
  }
  if (hasFailures(db, approver.username)) db.transaction(() => clearFailures(db, approver.username)).immediate();
  return ok(approver.userId);
}
