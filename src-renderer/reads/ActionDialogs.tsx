/**
 * The worklist's actions, each a dialog with the figures it acts on in view: accept, correct
 * (reason required), estimate, hold, order a work order, log a courtesy call, and bulk accept.
 * Each tells afterwards who did it and when, from what the main process recorded.
 */
import { useState, type ReactNode } from 'react';
import {
  COURTESY_CALL_OUTCOMES, READ_EXCEPTION_LABELS, WORK_ORDER_TYPES, WORK_ORDER_TYPE_LABELS,
  type CourtesyCallOutcome, type ReadExceptionDetail, type WorkOrderType,
} from '../../src-shared/contract/reads';
import { useQuery, useSubmission } from '../client';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/fieldErrors';
import { Form, FormActions } from '../ui/Form';
import { formatDateTime, humanize } from '../ui/format';
import { cycleName, filterWords, hcf, plural, type CyclePeriod, type WorklistFilter } from './readsFormat';

export type ActionKind = 'accept' | 'correct' | 'estimate' | 'hold' | 'reopen' | 'work_order' | 'call';

export const COURTESY_CALL_LABELS: Record<CourtesyCallOutcome, string> = {
  reached: 'Reached the customer',
  left_message: 'Left a message',
  no_answer: 'No answer',
  wrong_number: 'Wrong number',
  customer_aware: 'Customer already aware',
};

interface ActionDialogProps {
  kind: ActionKind;
  detail: ReadExceptionDetail;
  onClose: () => void;
  /** Called with a sentence saying what was done, by whom and when. */
  onDone: (message: string) => void;
}

/** "Accept by tech at 11/26/2026 5:10 AM: …" from the newest recorded action. */
function recorded(detail: ReadExceptionDetail, fallback: string): string {
  const last = detail.actions[detail.actions.length - 1];
  if (!last) return fallback;
  return `${humanize(last.action)} recorded by ${last.byUser} at ${formatDateTime(last.at)}${last.detail ? ` — ${last.detail}` : ''}.`;
}

function ReadFacts({ detail }: { detail: ReadExceptionDetail }) {
  const { exception, read, benchmarks } = detail;
  return (
    <dl className="confirm-facts">
      <div>
        <dt>Account</dt>
        <dd>
          {exception.accountNumber ?? '—'} — {exception.customerName}
        </dd>
      </div>
      <div>
        <dt>Meter</dt>
        <dd className="mono">{exception.meterSerial}</dd>
      </div>
      <div>
        <dt>Finding</dt>
        <dd>{READ_EXCEPTION_LABELS[exception.type]}</dd>
      </div>
      <div>
        <dt>Reading</dt>
        <dd>
          {read ? `${read.reading} (prior ${read.priorReading ?? '—'})` : 'no reading'}
        </dd>
      </div>
      <div>
        <dt>Use</dt>
        <dd className="confirm-amount">{read ? hcf(read.usageHcf) : '—'}</dd>
      </div>
      <div>
        <dt>Compared with</dt>
        <dd>
          prior {hcf(benchmarks.priorHcf)} · last year {hcf(benchmarks.lastYearHcf)} · average ({benchmarks.averagePeriods} periods) {hcf(benchmarks.averageHcf)}
        </dd>
      </div>
    </dl>
  );
}

export function ActionDialog({ kind, detail, onClose, onDone }: ActionDialogProps) {
  switch (kind) {
    case 'accept':
      return <AcceptDialog detail={detail} onClose={onClose} onDone={onDone} />;
    case 'correct':
      return <CorrectDialog detail={detail} onClose={onClose} onDone={onDone} />;
    case 'estimate':
      return <EstimateDialog detail={detail} onClose={onClose} onDone={onDone} />;
    case 'hold':
      return <HoldDialog detail={detail} onClose={onClose} onDone={onDone} />;
    case 'reopen':
      return <ReopenDialog detail={detail} onClose={onClose} onDone={onDone} />;
    case 'work_order':
      return <WorkOrderDialog detail={detail} onClose={onClose} onDone={onDone} />;
    case 'call':
      return <CourtesyCallDialog detail={detail} onClose={onClose} onDone={onDone} />;
  }
}

type Props = Omit<ActionDialogProps, 'kind'>;

function ActionForm({ title, detail, onClose, onSubmit, submit, pending, error, children, fields }: {
  title: string;
  detail: ReadExceptionDetail;
  onClose: () => void;
  onSubmit: () => void;
  submit: string;
  pending: boolean;
  error: ReturnType<typeof useSubmission>['error'];
  fields: readonly string[];
  children?: ReactNode;
}) {
  const errors = fieldErrors(error, fields);
  return (
    <Dialog title={title} onClose={onClose}>
      <ReadFacts detail={detail} />
      <Form onSubmit={onSubmit} error={error} unplacedError={errors.unplaced} aria-label={title}>
        {children}
        <FormActions onCancel={onClose} pending={pending}>
          {pending ? 'Saving…' : submit}
        </FormActions>
      </Form>
    </Dialog>
  );
}

function AcceptDialog({ detail, onClose, onDone }: Props) {
  const submission = useSubmission();
  const [reason, setReason] = useState('');
  const errors = fieldErrors(submission.error, ['action.reason']);
  const use = detail.read ? hcf(detail.read.usageHcf) : 'the read';
  const send = async () => {
    const result = await submission.send('reads.resolve', { exceptionId: detail.exception.exceptionId, action: { kind: 'accept', reason } });
    if (result.ok) onDone(recorded(result.value, `Accepted ${use}.`));
  };
  return (
    <ActionForm title="Accept this read" detail={detail} onClose={onClose} onSubmit={() => void send()} submit={`Accept ${use} as read`} pending={submission.pending} error={submission.error} fields={['action.reason']}>
      <Field name="action.reason" label="Reason (optional)" error={errors.of('action.reason')}>
        <input value={reason} onChange={(event) => setReason(event.target.value)} data-autofocus placeholder="e.g. pool filled, customer confirmed" />
      </Field>
    </ActionForm>
  );
}

function CorrectDialog({ detail, onClose, onDone }: Props) {
  const submission = useSubmission();
  const [reading, setReading] = useState('');
  const [reason, setReason] = useState('');
  const fields = ['action.reading', 'action.reason'] as const;
  const errors = fieldErrors(submission.error, fields);
  const send = async () => {
    const result = await submission.send('reads.resolve', { exceptionId: detail.exception.exceptionId, action: { kind: 'correct', reading, reason } });
    if (result.ok) onDone(recorded(result.value, `Corrected to ${reading}; use now ${hcf(result.value.read?.usageHcf ?? null)}.`));
  };
  return (
    <ActionForm title="Correct the reading" detail={detail} onClose={onClose} onSubmit={() => void send()} submit={reading ? `Correct ${detail.read?.reading ?? 'reading'} → ${reading}` : 'Correct the reading'} pending={submission.pending} error={submission.error} fields={fields}>
      <Field name="action.reading" label="Correct reading (register digits)" error={errors.of('action.reading')} hint={detail.read?.priorReading ? `Prior reading ${detail.read.priorReading}` : undefined}>
        <input className="input-amount" inputMode="decimal" value={reading} onChange={(event) => setReading(event.target.value)} data-autofocus />
      </Field>
      <Field name="action.reason" label="Reason for the correction (required)" error={errors.of('action.reason')}>
        <input value={reason} onChange={(event) => setReason(event.target.value)} placeholder="e.g. reader transposed digits, photo shows 1243" />
      </Field>
    </ActionForm>
  );
}

function EstimateDialog({ detail, onClose, onDone }: Props) {
  const submission = useSubmission();
  const settings = useQuery('reads.settings', {});
  const { averageHcf, lastYearHcf } = detail.benchmarks;
  const [method, setMethod] = useState<'average' | 'last_year'>(averageHcf === null && lastYearHcf !== null ? 'last_year' : 'average');
  const [reason, setReason] = useState('');
  const fields = ['action.method', 'action.reason'] as const;
  const errors = fieldErrors(submission.error, fields);
  const periods = settings.data?.estimateAveragePeriods;
  const basis = periods === undefined ? [] : estimateBasis(detail, periods);
  const send = async () => {
    const result = await submission.send('reads.resolve', { exceptionId: detail.exception.exceptionId, action: { kind: 'estimate', method, reason } });
    if (result.ok) onDone(recorded(result.value, `Estimated: use ${hcf(result.value.read?.usageHcf ?? null)}, marked as an estimate.`));
  };
  return (
    <ActionForm title="Estimate this read" detail={detail} onClose={onClose} onSubmit={() => void send()} submit="Estimate and mark as estimated" pending={submission.pending} error={submission.error} fields={fields}>
      <fieldset className="field">
        <legend>Estimate from</legend>
        <label className="choice">
          <input type="radio" name="method" checked={method === 'average'} onChange={() => setMethod('average')} data-autofocus />
          Average of the last {periods ?? 'N'} actual reads
          {basis.length > 0 && (
            <span className="muted">
              {' '}
              (about {averageOf(basis)} HCF from {basis.join(', ')})
            </span>
          )}
        </label>
        <label className="choice">
          <input type="radio" name="method" checked={method === 'last_year'} onChange={() => setMethod('last_year')} />
          Same period last year{lastYearHcf !== null ? <span className="muted"> ({lastYearHcf} HCF)</span> : <span className="muted"> (no read last year)</span>}
        </label>
        {errors.of('action.method') && <p className="field-error">{errors.of('action.method')}</p>}
      </fieldset>
      <p className="field-hint">The estimated use is worked out from actual reads only and shown once saved; the read is marked as an estimate.</p>
      <Field name="action.reason" label="Reason (optional)" error={errors.of('action.reason')}>
        <input value={reason} onChange={(event) => setReason(event.target.value)} placeholder="e.g. meter buried, no access" />
      </Field>
    </ActionForm>
  );
}

/** The use of the actual reads before this one, newest first, that an average estimate takes. */
export function estimateBasis(detail: ReadExceptionDetail, periods: number): string[] {
  return detail.history
    .filter((point) => !point.current && !point.estimated && point.period < detail.exception.period)
    .slice(-periods)
    .reverse()
    .map((point) => point.usageHcf);
}

/** For the technician's eye only ("about"): the main process computes the estimate exactly. */
export function averageOf(values: readonly string[]): string {
  const total = values.reduce((sum, value) => sum + Number(value), 0);
  return String(Math.round((total / values.length) * 100) / 100);
}

function HoldDialog({ detail, onClose, onDone }: Props) {
  const submission = useSubmission();
  const [reason, setReason] = useState('');
  const errors = fieldErrors(submission.error, ['action.reason']);
  const send = async () => {
    const result = await submission.send('reads.resolve', { exceptionId: detail.exception.exceptionId, action: { kind: 'hold', reason } });
    if (result.ok) onDone(recorded(result.value, 'Held.'));
  };
  return (
    <ActionForm title="Hold this read" detail={detail} onClose={onClose} onSubmit={() => void send()} submit="Hold (bill without it)" pending={submission.pending} error={submission.error} fields={['action.reason']}>
      <p className="field-hint">A held exception stays on the worklist but no longer stops the cycle from billing.</p>
      <Field name="action.reason" label="Reason for holding (required)" error={errors.of('action.reason')}>
        <input value={reason} onChange={(event) => setReason(event.target.value)} data-autofocus placeholder="e.g. waiting for the re-read" />
      </Field>
    </ActionForm>
  );
}

function ReopenDialog({ detail, onClose, onDone }: Props) {
  const submission = useSubmission();
  const [reason, setReason] = useState('');
  const errors = fieldErrors(submission.error, ['action.reason']);
  const send = async () => {
    const result = await submission.send('reads.resolve', { exceptionId: detail.exception.exceptionId, action: { kind: 'reopen', reason } });
    if (result.ok) onDone(recorded(result.value, 'Reopened.'));
  };
  return (
    <ActionForm title="Reopen this held read" detail={detail} onClose={onClose} onSubmit={() => void send()} submit="Reopen for review" pending={submission.pending} error={submission.error} fields={['action.reason']}>
      <p className="field-hint">An open exception stops the cycle from billing until it is settled.</p>
      <Field name="action.reason" label="Reason for reopening (required)" error={errors.of('action.reason')}>
        <input value={reason} onChange={(event) => setReason(event.target.value)} data-autofocus placeholder="e.g. the re-read came back" />
      </Field>
    </ActionForm>
  );
}

function defaultWorkOrderType(detail: ReadExceptionDetail): WorkOrderType {
  if (detail.exception.types.includes('leak_reported')) return 'leak_check';
  if (detail.exception.type === 'very_high_usage' || detail.exception.type === 'high_usage') return 'high_usage_check';
  return 'reread';
}

function WorkOrderDialog({ detail, onClose, onDone }: Props) {
  const submission = useSubmission();
  const [type, setType] = useState<WorkOrderType>(() => defaultWorkOrderType(detail));
  const [notes, setNotes] = useState('');
  const fields = ['type', 'notes'] as const;
  const errors = fieldErrors(submission.error, fields);
  const send = async () => {
    const result = await submission.send('reads.orderWorkOrder', { exceptionId: detail.exception.exceptionId, type, notes });
    if (result.ok) {
      const order = result.value;
      onDone(`${WORK_ORDER_TYPE_LABELS[order.type]} work order #${order.workOrderId} ordered by ${order.createdBy} at ${formatDateTime(order.createdAt)} for meter ${order.meterSerial ?? ''}.`);
    }
  };
  return (
    <ActionForm title="Order field work" detail={detail} onClose={onClose} onSubmit={() => void send()} submit={`Order ${WORK_ORDER_TYPE_LABELS[type].toLowerCase()}`} pending={submission.pending} error={submission.error} fields={fields}>
      <Field name="type" label="Work order" error={errors.of('type')}>
        <select value={type} onChange={(event) => setType(event.target.value as WorkOrderType)} data-autofocus>
          {WORK_ORDER_TYPES.map((option) => (
            <option key={option} value={option}>
              {WORK_ORDER_TYPE_LABELS[option]}
            </option>
          ))}
        </select>
      </Field>
      <Field name="notes" label="Notes for the field (optional)" error={errors.of('notes')}>
        <textarea rows={3} value={notes} onChange={(event) => setNotes(event.target.value)} />
      </Field>
    </ActionForm>
  );
}

function CourtesyCallDialog({ detail, onClose, onDone }: Props) {
  const submission = useSubmission();
  const [outcome, setOutcome] = useState<CourtesyCallOutcome>('reached');
  const [contactName, setContactName] = useState('');
  const [notes, setNotes] = useState('');
  const fields = ['outcome', 'contactName', 'notes'] as const;
  const errors = fieldErrors(submission.error, fields);
  const send = async () => {
    const result = await submission.send('reads.logCourtesyCall', { exceptionId: detail.exception.exceptionId, outcome, contactName, notes });
    if (result.ok) onDone(recorded(result.value, 'Courtesy call logged.'));
  };
  return (
    <ActionForm title={`Courtesy call${detail.account?.phone ? ` — ${detail.account.phone}` : ''}`} detail={detail} onClose={onClose} onSubmit={() => void send()} submit="Log the call" pending={submission.pending} error={submission.error} fields={fields}>
      <Field name="outcome" label="Outcome" error={errors.of('outcome')}>
        <select value={outcome} onChange={(event) => setOutcome(event.target.value as CourtesyCallOutcome)} data-autofocus>
          {COURTESY_CALL_OUTCOMES.map((option) => (
            <option key={option} value={option}>
              {COURTESY_CALL_LABELS[option]}
            </option>
          ))}
        </select>
      </Field>
      <Field name="contactName" label="Who was reached (optional)" error={errors.of('contactName')}>
        <input value={contactName} onChange={(event) => setContactName(event.target.value)} />
      </Field>
      <Field name="notes" label="Notes (also in the account's contact log)" error={errors.of('notes')}>
        <textarea rows={3} value={notes} onChange={(event) => setNotes(event.target.value)} />
      </Field>
    </ActionForm>
  );
}

interface BulkAcceptProps {
  count: number;
  filter: WorklistFilter;
  choice: CyclePeriod;
  exceptionIds: number[];
  onClose: () => void;
  onDone: (message: string) => void;
}

/** Accepting every open read the filter shows, with the count and the filter in words. */
export function BulkAcceptDialog({ count, filter, choice, exceptionIds, onClose, onDone }: BulkAcceptProps) {
  const submission = useSubmission();
  const [reason, setReason] = useState('');
  const errors = fieldErrors(submission.error, ['reason']);
  const send = async () => {
    const result = await submission.send('reads.bulkAccept', { exceptionIds, reason });
    if (result.ok) {
      const { accepted, skipped } = result.value;
      onDone(`Accepted ${plural(accepted, 'read')}${skipped > 0 ? `; ${plural(skipped, 'exception')} skipped (no longer open, or no reading to accept)` : ''}.`);
    }
  };
  return (
    <Dialog title={`Accept ${plural(count, 'read')}?`} onClose={onClose}>
      <dl className="confirm-facts">
        <div>
          <dt>Cycle</dt>
          <dd>{cycleName(choice)}</dd>
        </div>
        <div>
          <dt>Filter</dt>
          <dd>{filterWords(filter)}</dd>
        </div>
        <div>
          <dt>Reads accepted as read</dt>
          <dd className="confirm-amount">{count.toLocaleString('en-US')}</dd>
        </div>
      </dl>
      <p className="field-hint">Open exceptions with a reading only; no-read and faulted-register exceptions are left for review.</p>
      <Form onSubmit={() => void send()} error={submission.error} unplacedError={errors.unplaced} aria-label="Bulk accept">
        <Field name="reason" label="Reason (optional)" error={errors.of('reason')}>
          <input value={reason} onChange={(event) => setReason(event.target.value)} data-autofocus placeholder="e.g. reviewed on the route sheet" />
        </Field>
        <FormActions onCancel={onClose} pending={submission.pending}>
          {submission.pending ? 'Accepting…' : `Accept all ${count.toLocaleString('en-US')}`}
        </FormActions>
      </Form>
    </Dialog>
  );
}
