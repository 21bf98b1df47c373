import { useState } from 'react';
import type { UserRow } from '../../src-shared/contract/system';
import { ROLE_LABELS } from '../../src-shared/roles';
import { useQuery } from '../client';
import { Alert } from '../ui/Alert';
import { Loaded } from '../ui/Loading';
import { formatDateTime } from '../ui/format';
import { AddUserDialog, EditUserDialog } from './UserDialogs';

/** The office's users: roles, who may log in, password resets. */
export function Users() {
  const users = useQuery('users.list', {});
  const [editing, setEditing] = useState<UserRow | null>(null);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const done = (message: string) => {
    setEditing(null);
    setAdding(false);
    // The list reloads itself: the write is news on the change feed (users area).
    setNotice(message);
  };
  return (
    <section aria-label="Users">
      <h1>Users</h1>
      {notice && <Alert kind="success">{notice}</Alert>}
      <button type="button" className="button-primary" onClick={() => setAdding(true)}>
        Add a user…
      </button>
      <Loaded query={users}>
        {(rows) => (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">User name</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Last login</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((user) => (
                <tr key={user.userId} className={user.active ? undefined : 'row-inactive'}>
                  <td>{user.displayName}</td>
                  <td className="mono">{user.username}</td>
                  <td>{ROLE_LABELS[user.role]}</td>
                  <td>{user.active ? 'Active' : 'Cannot log in'}</td>
                  <td>{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : 'Never'}</td>
                  <td>
                    <button type="button" className="button-small" onClick={() => setEditing(user)}>
                      Edit…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
      {adding && <AddUserDialog onClose={() => setAdding(false)} onDone={done} />}
      {editing && <EditUserDialog user={editing} onClose={() => setEditing(null)} onDone={done} />}
    </section>
  );
}
