import { useState } from 'react';
import { PASSWORD_RULE, type UserRow } from '../../src-shared/contract/system';
import { ROLES, ROLE_LABELS, type Role } from '../../src-shared/roles';
import { useSubmission } from '../client';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/fieldErrors';
import { isolate } from '../ui/format';
import { Form, FormActions } from '../ui/Form';

interface DialogProps {
  onClose: () => void;
  onDone: (message: string) => void;
}

function RoleSelect({ value, onChange }: { value: Role; onChange: (role: Role) => void }) {
  return (
    <select value={value} onChange={(event) => onChange(event.target.value as Role)}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {ROLE_LABELS[role]}
        </option>
      ))}
    </select>
  );
}

const ADD_FIELDS = ['username', 'displayName', 'role', 'password'] as const;

export function AddUserDialog({ onClose, onDone }: DialogProps) {
  const [draft, setDraft] = useState({ username: '', displayName: '', role: 'clerk' as Role, password: '' });
  const submission = useSubmission();
  const errors = fieldErrors(submission.error, ADD_FIELDS);
  const set = (changes: Partial<typeof draft>) => setDraft((previous) => ({ ...previous, ...changes }));
  const add = async () => {
    const result = await submission.send('users.create', draft);
    if (result.ok) onDone(`${isolate(result.value.displayName)} can now log in as “${result.value.username}”.`);
  };
  return (
    <Dialog title="Add a user" onClose={onClose}>
      <Form onSubmit={() => void add()} error={submission.error} unplacedError={errors.unplaced} aria-label="Add a user">
        <Field name="displayName" label="Full name" error={errors.of('displayName')}>
          <input value={draft.displayName} onChange={(event) => set({ displayName: event.target.value })} />
        </Field>
        <Field name="username" label="User name" hint="Letters, digits, dots and dashes, e.g. jgarcia" error={errors.of('username')}>
          <input value={draft.username} autoComplete="off" onChange={(event) => set({ username: event.target.value })} />
        </Field>
        <Field name="role" label="Role" error={errors.of('role')}>
          <RoleSelect value={draft.role} onChange={(role) => set({ role })} />
        </Field>
        <Field name="password" label="Starting password" hint={`${PASSWORD_RULE}; tell it to them in person`} error={errors.of('password')}>
          <input type="password" autoComplete="new-password" value={draft.password} onChange={(event) => set({ password: event.target.value })} />
        </Field>
        <FormActions onCancel={onClose} pending={submission.pending}>
          Add user
        </FormActions>
      </Form>
    </Dialog>
  );
}

const EDIT_FIELDS = ['displayName', 'role', 'active', 'password'] as const;

export function EditUserDialog({ user, onClose, onDone }: DialogProps & { user: UserRow }) {
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState(user.role);
  const [active, setActive] = useState(user.active);
  const [password, setPassword] = useState('');
  const submission = useSubmission();
  const errors = fieldErrors(submission.error, EDIT_FIELDS);
  const save = async () => {
    // Only what changed is sent: a role, status or password change logs the user out everywhere.
    const result = await submission.send('users.update', {
      userId: user.userId,
      ...(displayName !== user.displayName ? { displayName } : {}),
      ...(role !== user.role ? { role } : {}),
      ...(active !== user.active ? { active } : {}),
      ...(password ? { password } : {}),
    });
    if (result.ok) onDone(`Saved the changes to ${isolate(result.value.displayName)}.`);
  };
  return (
    <Dialog title={`Change ${isolate(user.displayName)} (${user.username})`} onClose={onClose}>
      <Form onSubmit={() => void save()} error={submission.error} unplacedError={errors.unplaced} aria-label="Change user">
        <Field name="displayName" label="Full name" error={errors.of('displayName')}>
          <input value={displayName} onChange={(event) => setDisplayName(event.target.value)} />
        </Field>
        <Field name="role" label="Role" error={errors.of('role')}>
          <RoleSelect value={role} onChange={setRole} />
        </Field>
        <label className="choice" htmlFor="field-active">
          <input id="field-active" type="checkbox" checked={active} onChange={(event) => setActive(event.target.checked)} />
          May log in
        </label>
        {errors.of('active') && <p className="field-error">{errors.of('active')}</p>}
        <Field name="password" label="Reset password (leave empty to keep)" hint={PASSWORD_RULE} error={errors.of('password')}>
          <input type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} />
        </Field>
        <FormActions onCancel={onClose} pending={submission.pending}>
          Save changes
        </FormActions>
      </Form>
    </Dialog>
  );
}
