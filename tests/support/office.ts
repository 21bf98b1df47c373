/**
 * A real office on a real SQLite file in a temp folder, with one user per role logged in.
 * `as(role).call(op, input)` goes through the same dispatcher as every front end.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InputOf, OperationName, ResultOf, SupervisorApproval } from '../../src-shared/contract';
import type { Result } from '../../src-shared/result';
import type { Role } from '../../src-shared/roles';
import { fixedClock, type Clock } from '../../src-main/core/clock';
import { initializeOffice } from '../../src-main/core/setup/initialize';
import { createUser } from '../../src-main/core/users/users';
import type { JobOptions } from '../../src-main/operations/jobs';
import { OfficeRuntime } from '../../src-main/operations/runtime';

export const TEST_PASSWORD = 'correct-horse-battery';
export const TEST_USERS: Record<Role, string> = { clerk: 'carla', technician: 'tomas', supervisor: 'sofia' };

export interface CallOptions {
  idempotencyKey?: string;
  approval?: SupervisorApproval;
}

export interface Caller {
  token: string;
  call<Name extends OperationName>(op: Name, input: InputOf<Name>, options?: CallOptions): Promise<Result<ResultOf<Name>>>;
  /** Like call, but throws on failure and returns the value. */
  must<Name extends OperationName>(op: Name, input: InputOf<Name>, options?: CallOptions): Promise<ResultOf<Name>>;
}

export interface TestOffice {
  runtime: OfficeRuntime;
  folder: string;
  databasePath: string;
  as(role: Role): Caller;
  cleanup(): Promise<void>;
}

export async function createTestOffice(options: { clock?: Clock; folder?: string; jobs?: JobOptions } = {}): Promise<TestOffice> {
  const folder = options.folder ?? mkdtempSync(join(tmpdir(), 'billing-office-test-'));
  const databasePath = join(folder, 'office.sqlite');
  const clock = options.clock ?? fixedClock('2026-11-02T17:00:00.000Z');
  const runtime = await OfficeRuntime.open({ databasePath, mode: 'test', clock, ...(options.jobs ? { jobs: options.jobs } : {}) });
  const db = runtime.database.sqlite;
  initializeOffice(db, clock.nowIso(), {
    districtName: 'Test Valley Water District',
    supervisor: { username: TEST_USERS.supervisor, displayName: 'Sofia Supervisor', password: TEST_PASSWORD },
  });
  createUser(db, clock.nowIso(), { username: TEST_USERS.technician, displayName: 'Tomas Technician', role: 'technician', password: TEST_PASSWORD });
  createUser(db, clock.nowIso(), { username: TEST_USERS.clerk, displayName: 'Carla Clerk', role: 'clerk', password: TEST_PASSWORD });

  const callers = new Map<Role, Caller>();
  for (const role of ['clerk', 'technician', 'supervisor'] as const) {
    const login = await runtime.call({ op: 'session.login', input: { username: TEST_USERS[role], password: TEST_PASSWORD } });
    if (!login.ok) throw new Error(`test login failed: ${login.error.message}`);
    const token = (login.value as { token: string }).token;
    const call: Caller['call'] = (op, input, callOptions = {}) =>
      runtime.call({
        op,
        input,
        sessionToken: token,
        idempotencyKey: callOptions.idempotencyKey ?? randomUUID(),
        ...(callOptions.approval ? { approval: callOptions.approval } : {}),
      }) as never;
    callers.set(role, {
      token,
      call,
      must: async (op, input, callOptions) => {
        const result = await call(op, input, callOptions);
        if (!result.ok) throw new Error(`${op} failed: ${result.error.code} ${result.error.message}`);
        return result.value;
      },
    });
  }
  return {
    runtime,
    folder,
    databasePath,
    as: (role) => callers.get(role) as Caller,
    // Awaitable (afterEach returns it): a PDF a test rendered must not leave its Chromium running.
    cleanup: async () => {
      await runtime.shutdown();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

export const supervisorApproval: SupervisorApproval = { username: TEST_USERS.supervisor, password: TEST_PASSWORD };
