import { useState } from 'react';
import { PASSWORD_RULE } from '../../src-shared/contract/system';
import type { OperationError } from '../../src-shared/result';
import { useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/fieldErrors';
import { Form } from '../ui/Form';

const FIELDS = ['currentPassword', 'newPassword', 'repeat'] as const;

export function ChangePassword() {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState<OperationError | null>(null);
  const [changed, setChanged] = useState(false);
  const submission = useSubmission();
  const error = mismatch ?? submission.error;
  const errors = fieldErrors(error, FIELDS);

  const change = async () => {
    setChanged(false);
    if (newPassword !== repeat) {
      setMismatch({ code: 'INVALID_INPUT', field: 'repeat', message: 'The two new passwords are not the same' });
      return;
    }
    setMismatch(null);
    const result = await submission.send('users.changeOwnPassword', { currentPassword, newPassword });
    if (!result.ok) return;
    setCurrentPassword('');
    setNewPassword('');
    setRepeat('');
    setChanged(true);
  };

  return (
    <Form
      onSubmit={() => void change()}
      error={error}
      unplacedError={errors.unplaced}
      className="form form-narrow"
      aria-label="Change my password"
    >
      <h1>Change my password</h1>
      {changed && <Alert kind="success">Your password is changed. Use the new one next time you log in.</Alert>}
      <Field name="currentPassword" label="Current password" error={errors.of('currentPassword')}>
        <input type="password" autoComplete="current-password" value={currentPassword} onChange={(event) => setCurrentPassword(event.target.value)} />
      </Field>
      <Field name="newPassword" label="New password" hint={PASSWORD_RULE} error={errors.of('newPassword')}>
        <input type="password" autoComplete="new-password" value={newPassword} onChange={(event) => setNewPassword(event.target.value)} />
      </Field>
      <Field name="repeat" label="New password again" error={errors.of('repeat')}>
        <input type="password" autoComplete="new-password" value={repeat} onChange={(event) => setRepeat(event.target.value)} />
      </Field>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={submission.pending}>
          Change password
        </button>
      </div>
    </Form>
  );
}
