import { useState } from 'react';
import type { DrawerView } from '../../src-shared/contract/payments';
import { formatCents } from '../../src-shared/money';
import { useSubmission } from '../client';
import { fieldErrors } from '../ui/fieldErrors';
import { Field } from '../ui/Field';
import { Form } from '../ui/Form';
import { countCash, type CountTexts } from './cashFormat';
import { DenominationSheet } from './DenominationSheet';

const WORKSTATION_KEY = 'billing-office.workstation';

/** Opening the day: the counter position and the starting float, counted piece by piece. */
export function OpenDrawer({ onOpened }: { onOpened?: (drawer: DrawerView) => void }) {
  const submission = useSubmission();
  const [workstation, setWorkstation] = useState(() => window.localStorage.getItem(WORKSTATION_KEY) ?? 'Counter 1');
  const [texts, setTexts] = useState<CountTexts>({});
  const count = countCash(texts);
  const errors = fieldErrors(submission.error, ['workstation', 'floatCounts']);
  const submit = async () => {
    if (count.invalid.length > 0) return;
    const result = await submission.send('drawer.open', { workstation, floatCounts: count.counts });
    if (!result.ok) return;
    window.localStorage.setItem(WORKSTATION_KEY, workstation);
    onOpened?.(result.value);
  };
  return (
    <section className="cash-open" aria-label="Open the drawer">
      <h2>Open your drawer</h2>
      <p className="muted">Count the starting float: type each count and press Tab to go to the next. Enter opens the drawer.</p>
      <Form onSubmit={() => void submit()} error={submission.error} unplacedError={errors.unplaced} aria-label="Open drawer">
        <DenominationSheet texts={texts} onChange={setTexts} caption="Starting float" autoFocus />
        {errors.of('floatCounts') && <p className="field-error">{errors.of('floatCounts')}</p>}
        <div className="form-row">
          <Field name="workstation" label="Counter position" error={errors.of('workstation')}>
            <input value={workstation} onChange={(event) => setWorkstation(event.target.value)} className="input-short" />
          </Field>
        </div>
        <div className="actions">
          <button type="submit" className="button-primary" disabled={submission.pending || count.invalid.length > 0}>
            Open drawer with {formatCents(count.totalCents)}
          </button>
        </div>
      </Form>
    </section>
  );
}
