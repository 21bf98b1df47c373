import { useState } from 'react';
import type { SupervisorApproval } from '../../src-shared/contract';
import type { ApprovalRequest } from '../client';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { Form, FormActions } from '../ui/Form';

interface ApprovalDialogProps {
  request: ApprovalRequest;
  initialUsername: string;
  onApprove: (approval: SupervisorApproval) => void;
  onCancel: () => void;
}

/** A supervisor steps up to the counter and enters their own user name and password. */
export function ApprovalDialog({ request, initialUsername, onApprove, onCancel }: ApprovalDialogProps) {
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  return (
    <Dialog title="Supervisor approval needed" onClose={onCancel}>
      <p>A supervisor must approve this before it is done:</p>
      <p className="approval-purpose">{request.purpose ?? request.summary}</p>
      {request.refusal && <Alert kind="error">{request.refusal.message}</Alert>}
      <Form
        onSubmit={() => onApprove({ username, password })}
        error={null}
        unplacedError={undefined}
        aria-label="Supervisor approval"
      >
        <Field name="approval.username" label="Supervisor user name">
          <input value={username} onChange={(event) => setUsername(event.target.value)} autoComplete="off" data-autofocus={initialUsername ? undefined : true} />
        </Field>
        <Field name="approval.password" label="Supervisor password">
          <input
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="off"
            data-autofocus={initialUsername ? true : undefined}
          />
        </Field>
        <FormActions onCancel={onCancel}>
          Approve
        </FormActions>
      </Form>
    </Dialog>
  );
}
