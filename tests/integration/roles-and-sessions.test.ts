import { afterEach, describe, expect, it } from 'vitest';
import { OPERATION_NAMES, contract } from '../../src-shared/contract';
import { roleAllows } from '../../src-shared/roles';
import { createTestOffice, TEST_PASSWORD, type TestOffice } from '../support/office';

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

describe('roles are checked in the main process', () => {
  it('refuses every supervisor-only operation to a clerk and a technician', async () => {
    office = await createTestOffice();
    const supervisorOnly = OPERATION_NAMES.filter((name) => contract[name].role === 'supervisor');
    expect(supervisorOnly.length).toBeGreaterThan(3);
    for (const role of ['clerk', 'technician'] as const) {
      for (const name of supervisorOnly) {
        const result = await office.as(role).call(name, {} as never);
        // The role is checked before the input, so even an empty input is refused for the role.
        expect(result.ok || result.error.code, `${role} calling ${name}`).toBe('FORBIDDEN');
      }
      const listed = await office.as(role).call('users.list', {});
      expect(listed.ok || listed.error.code).toBe('FORBIDDEN');
      expect(listed.ok || listed.error.message).toMatch(/ask a supervisor/);
    }
  });

  it('declares a role for every operation, and only login is public', () => {
    const publicOps = OPERATION_NAMES.filter((name) => contract[name].role === 'public');
    expect(publicOps).toEqual(['session.login']);
    for (const name of OPERATION_NAMES) {
      if (contract[name].approval) expect(roleAllows('supervisor', contract[name].role as 'clerk')).toBe(true);
    }
  });

  it('refuses calls without a session, with an unknown name, and writes without an idempotency key', async () => {
    office = await createTestOffice();
    const anonymous = await office.runtime.call({ op: 'system.verify', input: {} });
    expect(anonymous.ok || anonymous.error.code).toBe('NOT_LOGGED_IN');
    const forged = await office.runtime.call({ op: 'system.verify', input: {}, sessionToken: 'not-a-token' });
    expect(forged.ok || forged.error.code).toBe('NOT_LOGGED_IN');
    const unknown = await office.runtime.call({ op: 'accounts.dropEverything', input: {}, sessionToken: office.as('supervisor').token });
    expect(unknown.ok || unknown.error.code).toBe('UNKNOWN_OPERATION');
    const noKey = await office.runtime.call({
      op: 'users.create',
      input: { username: 'x1', displayName: 'X', role: 'clerk', password: 'long-enough-1' },
      sessionToken: office.as('supervisor').token,
    });
    expect(noKey.ok || noKey.error.field).toBe('idempotencyKey');
  });

  it('never writes a password into the audit trail', async () => {
    office = await createTestOffice();
    await office.as('supervisor').must('users.create', { username: 'pat', displayName: 'Pat', role: 'clerk', password: 'secret-password-123' });
    await office.runtime.call({ op: 'session.login', input: { username: 'pat', password: 'wrong-password-456' } });
    const dump = (office.runtime.database.sqlite.prepare('SELECT input_json || result_json AS text FROM audit_log').pluck().all() as string[]).join('\n');
    expect(dump).not.toContain('secret-password-123');
    expect(dump).not.toContain('wrong-password-456');
    expect(dump).toContain('[redacted]');
  });
});

describe('users managed by a supervisor', () => {
  it('ends the sessions of a deactivated user and refuses their login', async () => {
    office = await createTestOffice();
    const supervisor = office.as('supervisor');
    const created = await supervisor.must('users.create', { username: 'temp', displayName: 'Temp Clerk', role: 'clerk', password: 'temp-password' });
    const login = await office.runtime.call({ op: 'session.login', input: { username: 'temp', password: 'temp-password' } });
    const token = login.ok ? (login.value as { token: string }).token : '';
    expect((await office.runtime.call({ op: 'session.me', input: {}, sessionToken: token })).ok).toBe(true);
    await supervisor.must('users.update', { userId: created.userId, active: false });
    const afterDeactivation = await office.runtime.call({ op: 'session.me', input: {}, sessionToken: token });
    expect(afterDeactivation.ok || afterDeactivation.error.code).toBe('NOT_LOGGED_IN');
    const relogin = await office.runtime.call({ op: 'session.login', input: { username: 'temp', password: 'temp-password' } });
    expect(relogin.ok || relogin.error.code).toBe('LOGIN_FAILED');
  });

  it('keeps at least one active supervisor', async () => {
    office = await createTestOffice();
    const me = await office.as('supervisor').must('session.me', {});
    const demote = await office.as('supervisor').call('users.update', { userId: me.userId, role: 'clerk' });
    expect(demote.ok || demote.error.message).toMatch(/last active supervisor/);
  });

  it('rejects a duplicate user name and a short password with the field named', async () => {
    office = await createTestOffice();
    const duplicate = await office.as('supervisor').call('users.create', { username: 'carla', displayName: 'Other Carla', role: 'clerk', password: TEST_PASSWORD });
    expect(duplicate.ok || duplicate.error).toMatchObject({ code: 'CONFLICT', field: 'username' });
    const short = await office.as('supervisor').call('users.create', { username: 'newuser', displayName: 'New', role: 'clerk', password: 'short' });
    expect(short.ok || short.error).toMatchObject({ code: 'INVALID_INPUT', field: 'password' });
  });

  it('lets anyone change their own password only with the current one', async () => {
    office = await createTestOffice();
    const wrong = await office.as('clerk').call('users.changeOwnPassword', { currentPassword: 'nope-nope', newPassword: 'brand-new-password' });
    expect(wrong.ok || wrong.error.field).toBe('currentPassword');
    await office.as('clerk').must('users.changeOwnPassword', { currentPassword: TEST_PASSWORD, newPassword: 'brand-new-password' });
    const login = await office.runtime.call({ op: 'session.login', input: { username: 'carla', password: 'brand-new-password' } });
    expect(login.ok).toBe(true);
  });
});

describe('password guessing', () => {
  it('locks a user name after five wrong passwords, even for the right one', async () => {
    office = await createTestOffice();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const wrong = await office.runtime.call({ op: 'session.login', input: { username: 'carla', password: `guess-${attempt}` } });
      expect(wrong.ok || wrong.error.message).toBe('User name or password is not right');
    }
    const locked = await office.runtime.call({ op: 'session.login', input: { username: 'carla', password: TEST_PASSWORD } });
    expect(locked.ok || locked.error.message).toMatch(/Too many wrong passwords for carla; try again in 2 minutes/);
    const otherUser = await office.runtime.call({ op: 'session.login', input: { username: 'tomas', password: TEST_PASSWORD } });
    expect(otherUser.ok).toBe(true);
  });
});

describe('the audit trail as people read it', () => {
  it('summarises records in words, logins as logged in or refused, with no secrets', async () => {
    office = await createTestOffice();
    await office.runtime.call({ op: 'session.login', input: { username: 'carla', password: 'wrong-password' } });
    await office.as('supervisor').must('users.create', { username: 'newbie', displayName: 'New Clerk', role: 'clerk', password: 'a-long-password' });
    const rows = await office.as('supervisor').must('audit.recent', { limit: 3 });
    expect(rows.map((row) => [row.operation, row.summary])).toEqual([
      ['users.create', 'displayName: New Clerk · password: [redacted] · role: clerk · username: newbie'],
      ['session.login', 'Login refused (wrong user name or password)'],
      ['session.login', 'Logged in'],
    ]);
  });
});

describe('files in the audit trail', () => {
  it('keeps a file sent with an operation as its SHA-256 and size, not its content', async () => {
    const { redactSecrets } = await import('../../src-main/core/audit/log');
    const content = Buffer.from('Account_ID,Meter_ID\n1,2\n');
    const redacted = redactSecrets({ fileName: 'reads.csv', contentBase64: content.toString('base64'), nested: { password: 'x' } });
    expect(redacted).toEqual({
      fileName: 'reads.csv',
      // sha256 of the 24 bytes above, computed independently: printf 'Account_ID,Meter_ID\n1,2\n' | sha256sum
      contentBase64: '[file sha256:4e15cabd04bf3ae084a567595931c52fdb7ab8f8bfee39b842ea729221eca866 bytes:24]',
      nested: { password: '[redacted]' },
    });
  });

  it('redacts secrets inside arrays without touching the caller\'s object, and passes clean values through as they are', async () => {
    const { redactSecrets } = await import('../../src-main/core/audit/log');
    const input = { users: [{ username: 'carla', newPassword: 'hunter2-hunter2' }, { username: 'tomas' }], note: 'x' };
    expect(redactSecrets(input)).toEqual({ users: [{ username: 'carla', newPassword: '[redacted]' }, { username: 'tomas' }], note: 'x' });
    expect(input.users[0]!.newPassword).toBe('hunter2-hunter2');
    const clean = { accounts: [{ accountId: 7, amountCents: 4_500 }], tenders: [{ kind: 'cash', amountCents: 5_000 }] };
    expect(redactSecrets(clean)).toBe(clean);
  });
});
