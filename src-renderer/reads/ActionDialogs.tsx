/**
 * The worklist's actions, each a dialog with the figures it acts on in view: accept, correct
 * (reason required), estimate, record a re-read keyed from the field slip, hold, order a work
 * order, log a courtesy call, and bulk accept.
 * Each tells afterwards who did it and when, from what the main process recorded.
 */
import { useState, type ReactNode } from 'react';
import {
  COURTESY_CALL_OUTCOMES, ESTIMATE_METHODS, READ_EXCEPTION_LABELS, READ_WORK_ORDER_TYPES, WORK_ORDER_TYPE_LABELS,
  type CourtesyCallOutcome, type EstimateMethod, type EstimatePreview, type ReadExceptionDetail, type ReadWorkOrderType,
} from '../../src-shared/contract/reads';
import { useQuery, useSubmission, type Query } from '../client';
import { Alert } from '../ui/Alert';
import { BulkProgress } from '../ui/BulkProgress';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/fieldErrors';
import { Form, FormActions } from '../ui/Form';
import { formatDate, formatDateTime, todayIso } from '../ui/format';
import {
  ACTION_LABELS, cycleName, expectedHcfText, filterWords, hcf, likelyWorkOrder, openReReadOrder, plural, reReadOutcome,
  type CyclePeriod, type ReReadOutcome, type WorklistFilter,
} from './readsFormat';

export type ActionKind = 'accept' | 'correct' | 'estimate' | 're_read' | 'hold' | 'reopen' | 'work_order' | 'call';

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
  /** Called with a sentence saying what was done, by whom and when; `stay` keeps the worklist on this exception. */
  onDone: (message: string, options?: { stay?: boolean }) => void;
}

/** "Accept by tech at 11/26/2026 5:10 AM: …" from the newest recorded action. */
function recorded(detail: ReadExceptionDetail, fallback: string): string {
  const last = detail.actions[detail.actions.length - 1];
  if (!last) return fallback;
  return `${ACTION_LABELS[last.action]} recorded by ${last.byUser} at ${formatDateTime(last.at)}${last.detail ? ` — ${last.detail}` : ''}.`;
}

function ReadFacts({ detail }: { detail: ReadExceptionDetail }) {
  const { exception, read, benchmarks } = detail;
  return (
    <dl className="confirm-facts">
      <div>
        <dt>Account</dt>
        <dd>
          {exception.accountNumber ?? '—'} — <bdi>{exception.customerName}</bdi>
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
    case 're_read':
      return <ReReadDialog detail={detail} onClose={onClose} onDone={onDone} />;
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

function ActionForm({ title, detail, onClose, onSubmit, submit, pending, disabled = false, error, children, fields }: {
  title: string;
  detail: ReadExceptionDetail;
  onClose: () => void;
  onSubmit: () => void;
  submit: string;
  pending: boolean;
  /** The action cannot be taken as things stand (the form says why). */
  disabled?: boolean;
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
        <FormActions onCancel={onClose} pending={pending || disabled}>
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

const ESTIMATE_LABELS: Record<EstimateMethod, string> = { average: 'Average of the last actual reads', last_year: 'Same period last year' };

/**
 * Estimating: each method with the exact reading and use it would store (reads.estimatePreview,
 * worked out by the same function as the estimate itself), or why it cannot be used.
 */
function EstimateDialog({ detail, onClose, onDone }: Props) {
  const submission = useSubmission();
  const exceptionId = detail.exception.exceptionId;
  const average = useQuery('reads.estimatePreview', { exceptionId, method: 'average' });
  const lastYear = useQuery('reads.estimatePreview', { exceptionId, method: 'last_year' });
  const previews: Record<EstimateMethod, Query<EstimatePreview>> = { average, last_year: lastYear };
  const [picked, setPicked] = useState<EstimateMethod | null>(null);
  // The average unless only last year can be used.
  const method: EstimateMethod = picked ?? (average.data?.available === false && lastYear.data?.available ? 'last_year' : 'average');
  const chosen = previews[method].data;
  const [reason, setReason] = useState('');
  const fields = ['action.method', 'action.reason'] as const;
  const errors = fieldErrors(submission.error, fields);
  const ready = chosen?.available === true;
  const send = async () => {
    if (!ready) return;
    const result = await submission.send('reads.resolve', { exceptionId, action: { kind: 'estimate', method, reason } });
    if (result.ok) onDone(recorded(result.value, `Estimated: use ${hcf(result.value.read?.usageHcf ?? null)}, marked as an estimate.`));
  };
  const submit = chosen?.available ? `Estimate ${chosen.usageHcf} HCF (reading ${chosen.reading})` : 'Estimate and mark as estimated';
  return (
    <ActionForm title="Estimate this read" detail={detail} onClose={onClose} onSubmit={() => void send()} submit={submit} pending={submission.pending} disabled={!ready} error={submission.error} fields={fields}>
      <fieldset className="field estimate-methods">
        <legend>Estimate from</legend>
        {ESTIMATE_METHODS.map((option, index) => (
          <EstimateOption key={option} method={option} query={previews[option]} checked={method === option} onPick={() => setPicked(option)} autoFocus={index === 0} />
        ))}
        {errors.of('action.method') && <p className="field-error">{errors.of('action.method')}</p>}
      </fieldset>
      {average.data?.available === false && lastYear.data?.available === false ? (
        <Alert kind="info">There is nothing to estimate this read from: order a re-read (W), record it when it comes back (R), or hold it (H).</Alert>
      ) : (
        <EstimateResult preview={chosen} loading={previews[method].loading} error={previews[method].error?.message ?? null} />
      )}
      <Field name="action.reason" label="Reason (optional)" error={errors.of('action.reason')}>
        <input value={reason} onChange={(event) => setReason(event.target.value)} placeholder="e.g. meter buried, no access" />
      </Field>
    </ActionForm>
  );
}

/** One way to estimate: what it comes from and the use it gives, or why it cannot be used. */
function EstimateOption({ method, query, checked, onPick, autoFocus }: { method: EstimateMethod; query: Query<EstimatePreview>; checked: boolean; onPick: () => void; autoFocus: boolean }) {
  const preview = query.data;
  const unavailable = preview?.available === false;
  return (
    <label className={`choice estimate-option${unavailable ? ' estimate-option-unavailable' : ''}`} data-testid={`estimate-option-${method}`}>
      <input type="radio" name="method" checked={checked} onChange={onPick} {...(autoFocus ? { 'data-autofocus': true } : {})} />
      <span>
        {preview?.available ? (
          <>
            {basisTitle(preview)} — <strong>{preview.usageHcf} HCF</strong>
            <span className="muted estimate-basis"> {basisReadsText(preview)}</span>
          </>
        ) : (
          ESTIMATE_LABELS[method]
        )}
        {unavailable && <span className="estimate-reason">{preview.reason}</span>}
        {query.error && <span className="estimate-reason">{query.error.message}</span>}
        {!preview && !query.error && <span className="muted"> (working it out…)</span>}
      </span>
    </label>
  );
}

/** "Average of the last 3 actual reads" / "Same period last year (2025-11)". */
function basisTitle(preview: Extract<EstimatePreview, { available: true }>): string {
  if (preview.method === 'last_year') return `Same period last year (${preview.basisReads[0]?.period ?? ''})`;
  const count = preview.basisReads.length;
  return `Average of the last ${count} actual read${count === 1 ? '' : 's'}`;
}

/** "(14, 12 and 10 HCF averaged: 12)", with the rounding named when the register cannot show the average exactly. */
export function basisReadsText(preview: Extract<EstimatePreview, { available: true }>): string {
  const rounded = preview.basisHcf !== preview.usageHcf ? ', in whole register units' : '';
  if (preview.method === 'last_year') return rounded ? `(${preview.basisHcf} HCF then${rounded})` : '';
  const uses = preview.basisReads.map((read) => read.usageHcf);
  const list = uses.length === 1 ? uses[0] : `${uses.slice(0, -1).join(', ')} and ${uses.at(-1)}`;
  return uses.length === 1 ? `(${list} HCF${rounded})` : `(${list} HCF averaged: ${preview.basisHcf}${rounded})`;
}

/** Exactly what confirming stores, as the main process worked it out. */
function EstimateResult({ preview, loading, error }: { preview: EstimatePreview | undefined; loading: boolean; error: string | null }) {
  if (error) return <Alert kind="error">{error}</Alert>;
  if (!preview) return <p className="muted">{loading ? 'Working out the estimate…' : ''}</p>;
  // The option above says why; nothing would be stored.
  if (!preview.available) return null;
  return (
    <div className="estimate-result" data-testid="estimate-result" role="status" aria-label="The estimate">
      <span className="estimate-result-label">Confirming stores</span>
      <span className="estimate-figure">
        reading <strong data-testid="estimate-reading">{preview.reading}</strong>
      </span>
      <span className="estimate-figure">
        use <strong data-testid="estimate-usage">{preview.usageHcf} HCF</strong>
      </span>
      <span className="muted estimate-after">
        after {preview.priorReading} read on {formatDate(preview.priorReadDate)} · marked as an estimate
      </span>
    </div>
  );
}

/**
 * A re-read keyed from the field slip: the reading and the day it was read, with the prior
 * reading and the expected use beside it. The main process checks it again; the dialog then
 * shows what came of it — cleared, or still flagged with the new finding — before it closes.
 */
function ReReadDialog({ detail, onClose, onDone }: Props) {
  const submission = useSubmission();
  const [reading, setReading] = useState('');
  const [readDate, setReadDate] = useState(() => todayIso());
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<{ after: ReadExceptionDetail; outcome: ReReadOutcome } | null>(null);
  const fields = ['action.reading', 'action.readDate', 'action.reason'] as const;
  const errors = fieldErrors(submission.error, fields);
  const order = openReReadOrder(detail);
  const send = async () => {
    const action = { kind: 're_read' as const, reading, readDate, reason: note };
    const result = await submission.send('reads.resolve', { exceptionId: detail.exception.exceptionId, action });
    if (result.ok) setSaved({ after: result.value, outcome: reReadOutcome(detail, result.value) });
  };
  if (saved) {
    const finish = () => onDone(reReadMessage(saved.after, saved.outcome), { stay: !saved.outcome.cleared });
    return <ReReadResult after={saved.after} outcome={saved.outcome} onDone={finish} />;
  }
  return (
    <ActionForm title="Record re-read" detail={detail} onClose={onClose} onSubmit={() => void send()} submit={reading ? `Record re-read ${reading}` : 'Record re-read'} pending={submission.pending} error={submission.error} fields={fields}>
      {order && (
        <p className="field-hint reread-order" data-testid="reread-order">
          Completes re-read work order #{order.workOrderId}, ordered by {order.createdBy} {formatDateTime(order.createdAt)}.
        </p>
      )}
      <div className="reread-entry">
        <div className="reread-inputs">
          <Field name="action.reading" label="Reading on the slip (register digits)" error={errors.of('action.reading')}>
            <input className="input-amount" inputMode="decimal" value={reading} onChange={(event) => setReading(event.target.value)} data-autofocus />
          </Field>
          <Field name="action.readDate" label="Read on" error={errors.of('action.readDate')}>
            <input type="date" value={readDate} max={todayIso()} onChange={(event) => setReadDate(event.target.value)} />
          </Field>
        </div>
        <ReReadBeside detail={detail} />
      </div>
      <Field name="action.reason" label="Note (optional)" error={errors.of('action.reason')}>
        <input value={note} onChange={(event) => setNote(event.target.value)} placeholder="e.g. dials read again in daylight, photo on the slip" />
      </Field>
    </ActionForm>
  );
}

/** Beside the re-read input: what it is checked against (the prior reading, the read it replaces, the expected use). */
function ReReadBeside({ detail }: { detail: ReadExceptionDetail }) {
  const { exception, read } = detail;
  return (
    <dl className="reread-beside" aria-label="What the re-read is checked against">
      <div>
        <dt>Prior reading</dt>
        <dd>
          <strong className="mono">{read?.priorReading ?? '—'}</strong>
          {read?.priorReadDate && <span className="muted"> on {formatDate(read.priorReadDate)}</span>}
        </dd>
      </div>
      <div>
        <dt>Under review</dt>
        <dd>{read ? <><strong className="mono">{read.reading}</strong> <span className="muted">· use {hcf(read.usageHcf)}</span></> : <span className="muted">no reading</span>}</dd>
      </div>
      <div>
        <dt>Expected use</dt>
        <dd data-testid="reread-expected">
          <strong>{exception.expectedLowHcf !== null && exception.expectedHighHcf !== null ? `${exception.expectedLowHcf}–${exception.expectedHighHcf} HCF` : '—'}</strong>
          {exception.expectedLowHcf === null && <span className="muted"> {expectedHcfText(exception)}</span>}
        </dd>
      </div>
    </dl>
  );
}

/** The worklist's message after a re-read: who recorded it, what it showed, the work orders it completed. */
function reReadMessage(after: ReadExceptionDetail, outcome: ReReadOutcome): string {
  const orders = outcome.completedOrderIds.map((id) => ` Re-read work order #${id} completed.`).join('');
  return `${recorded(after, `${outcome.summary}.`)}${orders}`;
}

/** What the re-read came to, as the main process decided it: cleared, or still flagged and why. */
function ReReadResult({ after, outcome, onDone }: { after: ReadExceptionDetail; outcome: ReReadOutcome; onDone: () => void }) {
  const { exception } = after;
  return (
    <Dialog title="Re-read recorded" onClose={onDone}>
      <div className={`reread-outcome ${outcome.cleared ? 'reread-outcome-cleared' : 'reread-outcome-flagged'}`} role="status" data-testid="reread-outcome">
        <p className="reread-verdict">{outcome.cleared ? 'Cleared — the re-read passes every check' : 'Still flagged'}</p>
        <p className="reread-figures">
          {outcome.summary} <span className="muted">({expectedHcfText(exception)})</span>
        </p>
        {!outcome.cleared && (
          <ul className="findings">
            {after.findings.map((finding, index) => (
              <li key={`${finding.type}-${index}`} className={`finding severity-${finding.severity}`}>
                {finding.message}
              </li>
            ))}
          </ul>
        )}
        {outcome.completedOrderIds.map((id) => (
          <p key={id} className="reread-order-done">
            Re-read work order #{id} completed.
          </p>
        ))}
      </div>
      <p className="field-hint">
        {outcome.cleared
          ? 'The exception is resolved as re-read; the re-read is the read that bills.'
          : 'The exception stays open with what the re-read shows: accept it if the two reads agree (A), correct it (C), or hold it (H).'}
      </p>
      <div className="actions">
        <button type="button" className="button-primary" onClick={onDone} data-autofocus>
          Done
        </button>
      </div>
    </Dialog>
  );
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

function WorkOrderDialog({ detail, onClose, onDone }: Props) {
  const submission = useSubmission();
  const likely = likelyWorkOrder(detail.exception);
  const [type, setType] = useState<ReadWorkOrderType>(likely.type);
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
        <select value={type} onChange={(event) => setType(event.target.value as ReadWorkOrderType)} data-autofocus>
          {READ_WORK_ORDER_TYPES.map((option) => (
            <option key={option} value={option}>
              {WORK_ORDER_TYPE_LABELS[option]}
              {option === likely.type ? ' (suggested)' : ''}
            </option>
          ))}
        </select>
      </Field>
      <p className="muted" data-testid="work-order-why">
        Suggested: {WORK_ORDER_TYPE_LABELS[likely.type].toLowerCase()}, because {likely.why}.
      </p>
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
    // A call changes nothing about the read: the worklist stays on it, its history showing the call.
    if (result.ok) onDone(recorded(result.value, 'Courtesy call logged.'), { stay: true });
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
        {submission.pending && <BulkProgress doing="Accepting" count={count} noun="read" job={submission.pendingKey} />}
      </Form>
    </Dialog>
  );
}
