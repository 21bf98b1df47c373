import { useEffect, useState } from 'react';
import type { OperationError } from '../../src-shared/result';
import { useQuery, useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/fieldErrors';
import { Form } from '../ui/Form';
import { Loaded } from '../ui/Loading';
import { describeSessionLimits, hoursText, toLifetimeInput } from './sessionLimits';

const FIELDS = ['sessionMaxHours'] as const;

/** The supervisor's session limits: the absolute lifetime (a district setting) and the idle limit. */
export function SessionSettings() {
  const settings = useQuery('security.settings', {});
  const [typed, setTyped] = useState('');
  const [typingError, setTypingError] = useState<OperationError | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const submission = useSubmission();
  const error = typingError ?? submission.error;
  const errors = fieldErrors(error, FIELDS);
  const current = settings.data?.sessionMaxHours;

  useEffect(() => {
    if (current !== undefined) setTyped(String(current));
  }, [current]);

  const save = async () => {
    setSaved(null);
    const converted = toLifetimeInput(typed);
    if ('error' in converted) {
      setTypingError(converted.error);
      return;
    }
    setTypingError(null);
    const result = await submission.send('security.updateSettings', converted.input);
    if (!result.ok) return;
    // The settings reload themselves from the change feed.
    setSaved(result.value.sessionMaxHours);
  };

  return (
    <section aria-label="Sessions">
      <h1>Sessions</h1>
      <Loaded query={settings}>
        {(limits) => (
          <>
            <p>{describeSessionLimits(limits)}</p>
            <dl className="facts">
              <div>
                <dt>Session lifetime</dt>
                <dd>{hoursText(limits.sessionMaxHours)}</dd>
              </div>
              <div>
                <dt>Idle limit</dt>
                <dd>{hoursText(limits.sessionIdleMinutes / 60)} (fixed)</dd>
              </div>
            </dl>
          </>
        )}
      </Loaded>
      <Form onSubmit={() => void save()} error={error} unplacedError={errors.unplaced} className="form form-narrow" aria-label="Change the session lifetime">
        <h2>Change the lifetime</h2>
        {saved !== null && (
          <Alert kind="success">Saved. Sessions opened from now on end {hoursText(saved)} after their login; sessions open now keep the end they started with.</Alert>
        )}
        <Field
          name="sessionMaxHours"
          label="Session lifetime, in hours"
          hint="Whole hours from 1 to 24. Applies from each user's next login."
          error={errors.of('sessionMaxHours')}
        >
          <input
            type="text"
            inputMode="numeric"
            className="input-short"
            value={typed}
            onChange={(event) => {
              setTyped(event.target.value);
              setSaved(null);
            }}
          />
        </Field>
        <div className="actions">
          <button type="submit" className="button-primary" disabled={submission.pending || settings.data === undefined}>
            Save
          </button>
        </div>
      </Form>
    </section>
  );
}
