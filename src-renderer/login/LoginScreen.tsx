import { useState } from 'react';
import type { SessionUser } from '../../src-shared/contract/system';
import type { OperationError } from '../../src-shared/result';
import { client } from '../client';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/fieldErrors';
import { Form } from '../ui/Form';
import { Alert } from '../ui/Alert';

const FIELDS = ['username', 'password'] as const;

export function LoginScreen({ notice, onLoggedIn }: { notice: string | null; onLoggedIn: (user: SessionUser) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<OperationError | null>(null);
  const [pending, setPending] = useState(false);
  const errors = fieldErrors(error, FIELDS);

  const logIn = async () => {
    setPending(true);
    setError(null);
    const result = await client.login(username, password);
    setPending(false);
    if (result.ok) onLoggedIn(result.value);
    else {
      setError(result.error);
      setPassword('');
    }
  };

  return (
    <main className="login">
      <div className="login-card">
        <h1>Billing Office</h1>
        <p className="muted">Log in to start your work.</p>
        {notice && !error && <Alert kind="info">{notice}</Alert>}
        <Form onSubmit={() => void logIn()} error={error} unplacedError={errors.unplaced} aria-label="Log in">
          <Field name="username" label="User name" error={errors.of('username')}>
            <input value={username} onChange={(event) => setUsername(event.target.value)} autoComplete="username" autoFocus />
          </Field>
          <Field name="password" label="Password" error={errors.of('password')}>
            <input
              type="password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              autoComplete="current-password"
            />
          </Field>
          <button type="submit" className="button-primary button-wide" disabled={pending}>
            {pending ? 'Logging in…' : 'Log in'}
          </button>
        </Form>
      </div>
    </main>
  );
}
