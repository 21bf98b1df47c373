/**
 * "New run": cycle, period, bill date and due date (this month, today, today + 20 days), with the
 * cycle's read status beside it so a technician sees before drafting whether every meter is read.
 */
import { useState } from 'react';
import { useQuery, useSubmission } from '../client';
import { cycleStatusLine } from '../reads/readsFormat';
import { Alert } from '../ui/Alert';
import { BulkProgress } from '../ui/BulkProgress';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/fieldErrors';
import { Form, FormActions } from '../ui/Form';
import { todayIso } from '../ui/format';
import { defaultRunDates } from './billingFormat';

const FIELDS = ['cycle', 'period', 'billDate', 'dueDate'] as const;

export function NewRunDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (runId: number) => void }) {
  const [defaults] = useState(() => defaultRunDates(todayIso()));
  const [cycleText, setCycleText] = useState('1');
  const [period, setPeriod] = useState(defaults.period);
  const [billDate, setBillDate] = useState(defaults.billDate);
  const [dueDate, setDueDate] = useState(defaults.dueDate);
  const submission = useSubmission();
  const errors = fieldErrors(submission.error, FIELDS);
  const cycle = Number(cycleText);
  const valid = Number.isInteger(cycle) && cycle >= 1 && cycle <= 99 && /^\d{4}-\d{2}$/.test(period);
  const status = useQuery('reads.cycleStatus', valid ? { cycle, period } : null);

  const send = async () => {
    const result = await submission.send('billing.createRun', { cycle, period, billDate, dueDate });
    if (result.ok) onCreated(result.value.run.runId);
  };
  return (
    <Dialog title="New bill run" onClose={onClose}>
      <Form onSubmit={() => void send()} error={submission.error} unplacedError={errors.unplaced} aria-label="New bill run">
        <div className="form-row">
          <Field name="cycle" label="Cycle" error={errors.of('cycle')}>
            <input className="input-cycle" type="number" min={1} max={99} value={cycleText} onChange={(event) => setCycleText(event.target.value)} data-autofocus />
          </Field>
          <Field name="period" label="Period" error={errors.of('period')}>
            <input className="input-period" type="month" value={period} onChange={(event) => setPeriod(event.target.value)} />
          </Field>
        </div>
        <div className="form-row">
          <Field name="billDate" label="Bill date" error={errors.of('billDate')}>
            <input type="date" value={billDate} onChange={(event) => setBillDate(event.target.value)} />
          </Field>
          <Field name="dueDate" label="Due date" error={errors.of('dueDate')}>
            <input type="date" value={dueDate} onChange={(event) => setDueDate(event.target.value)} />
          </Field>
        </div>
        {status.data && (
          <p className={status.data.readyToBill ? 'run-readiness run-readiness-ready' : 'run-readiness'} data-testid="new-run-readiness">
            {cycleStatusLine(status.data)}
            {!status.data.readyToBill && '. The run will list those accounts as blocked, with the reason.'}
          </p>
        )}
        {status.error && <Alert kind="info">{status.error.message}</Alert>}
        <p className="field-hint">Drafting changes no balance: the bills reach the ledger only when the run is approved and posted.</p>
        <FormActions onCancel={onClose} pending={submission.pending}>
          {submission.pending ? 'Drafting the bills…' : 'Draft the bills'}
        </FormActions>
        {submission.pending && <BulkProgress doing="Drafting" count={null} noun="account" job={submission.pendingKey} />}
      </Form>
    </Dialog>
  );
}
