/** `users list | add | set`: the users.list, users.create and users.update operations. */
import type { UserRow } from '../../../src-shared/contract/system';
import { ROLE_LABELS, type Role } from '../../../src-shared/roles';
import { operationFailed, usageError } from '../errors';
import { ENV, printLine, printResult, readSecret } from '../io';
import { withSession, type CliSession, type GlobalOptions } from '../office';
import { renderTable } from '../table';

export interface NewPasswordOptions {
  newPasswordFile?: string;
}

function newPassword(options: NewPasswordOptions, username: string): Promise<string> {
  return readSecret({ envName: ENV.newPassword, file: options.newPasswordFile, prompt: `New password for ${username}: `, confirm: true });
}

function printUsers(rows: readonly UserRow[]): void {
  printLine(
    renderTable(rows, [
      { header: 'User', value: (row) => row.username },
      { header: 'Name', value: (row) => row.displayName, maxWidth: 40 },
      { header: 'Role', value: (row) => ROLE_LABELS[row.role] },
      { header: 'Active', value: (row) => (row.active ? 'yes' : 'no') },
      { header: 'Last login', value: (row) => (row.lastLoginAt ? row.lastLoginAt.replace('T', ' ').slice(0, 16) : 'never') },
    ]),
  );
}

export async function runUsersList(options: GlobalOptions): Promise<void> {
  await withSession(options, async (session) => {
    const rows = await session.call('users.list', {});
    printResult(options.json === true, rows, () => printUsers(rows));
  });
}

export interface UsersAddOptions extends GlobalOptions, NewPasswordOptions {
  name: string;
  role: Role;
}

export async function runUsersAdd(username: string, options: UsersAddOptions): Promise<void> {
  await withSession(options, async (session) => {
    // Refuse a clerk before asking for the new user's password, not after.
    session.requireRole('supervisor', 'add a user');
    const password = await newPassword(options, username);
    const row = await session.call('users.create', { username, displayName: options.name, role: options.role, password });
    printResult(options.json === true, row, () => printLine(`Added ${row.username} (${row.displayName}), ${ROLE_LABELS[row.role].toLowerCase()}.`));
  });
}

export interface UsersSetOptions extends GlobalOptions, NewPasswordOptions {
  name?: string;
  role?: Role;
  active?: boolean;
  newPassword?: boolean;
}

async function findUser(session: CliSession, username: string): Promise<UserRow> {
  const wanted = username.trim().toLowerCase();
  const row = (await session.call('users.list', {})).find((candidate) => candidate.username === wanted);
  if (!row) throw operationFailed({ code: 'NOT_FOUND', message: `There is no user named "${wanted}"`, field: 'username' });
  return row;
}

export async function runUsersSet(username: string, options: UsersSetOptions): Promise<void> {
  if (options.name === undefined && options.role === undefined && options.active === undefined && !options.newPassword) {
    throw usageError('Say what to change: --name, --role, --active yes|no, or --new-password');
  }
  await withSession(options, async (session) => {
    session.requireRole('supervisor', "change a user's name, role or password");
    const user = await findUser(session, username);
    const changes = {
      userId: user.userId,
      ...(options.name !== undefined ? { displayName: options.name } : {}),
      ...(options.role !== undefined ? { role: options.role } : {}),
      ...(options.active !== undefined ? { active: options.active } : {}),
      ...(options.newPassword ? { password: await newPassword(options, user.username) } : {}),
    };
    const row = await session.call('users.update', changes);
    const said = [
      options.name !== undefined ? `name ${row.displayName}` : '',
      options.role !== undefined ? `role ${ROLE_LABELS[row.role].toLowerCase()}` : '',
      options.active !== undefined ? (row.active ? 'active' : 'deactivated') : '',
      options.newPassword ? 'new password set' : '',
    ].filter(Boolean);
    printResult(options.json === true, row, () => printLine(`Updated ${row.username}: ${said.join(', ')}.`));
  });
}
