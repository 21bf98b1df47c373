/**
 * What can be done to a run, by role and status: recompute (technician, before posting), approve
 * with a note (supervisor, a draft), post (technician, approved), cancel with a reason (before
 * posting), and once posted the print vendor's file and a PDF of the bills. Money-moving steps
 * confirm with the figures in view.
 */
import { useEffect, useState } from 'react';
import { MAX_RUN_PDF_BILLS, type BillPrintFormat, type BillRunReview } from '../../src-shared/contract/billing';
import { formatCents } from '../../src-shared/money';
import { useCan } from '../app/session';
import { client, useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { BulkProgress } from '../ui/BulkProgress';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/fieldErrors';
import { Form, FormActions } from '../ui/Form';
import { percentChange, plural, runTitle, signedCents } from './billingFormat';

type Action = 'approve' | 'post' | 'cancel';

interface RunActionsProps {
  review: BillRunReview;
  /** Called with the run as the main process left it, and a sentence saying what was done. */
  onChanged: (message: string) => void;
}

export function RunActions({ review, onChanged }: RunActionsProps) {
  const { run } = review;
  const canWork = useCan('technician');
  const canApprove = useCan('supervisor');
  const [open, setOpen] = useState<Action | null>(null);
  const recompute = useSubmission();
  const live = run.status === 'draft' || run.status === 'approved';

  const doRecompute = async () => {
    const result = await recompute.send('billing.recompute', { runId: run.runId });
    if (result.ok) onChanged(`Recomputed: ${plural(result.value.run.billCount, 'bill')}, ${formatCents(result.value.run.totalCents)}; ${result.value.run.heldCount} held, ${result.value.run.blockedCount} blocked.`);
  };
  const done = (message: string) => {
    setOpen(null);
    onChanged(message);
  };

  return (
    <>
      <div className="action-bar run-actions" aria-label="Run actions" role="toolbar">
        {live && canWork && (
          <button type="button" onClick={() => void doRecompute()} disabled={recompute.pending}>
            {recompute.pending ? 'Recomputing…' : run.status === 'approved' ? 'Recompute (back to draft)' : 'Recompute'}
          </button>
        )}
        {run.status === 'draft' && canApprove && (
          <button type="button" className="button-primary" onClick={() => setOpen('approve')}>
            Approve…
          </button>
        )}
        {run.status === 'approved' && canWork && (
          <button type="button" className="button-primary" onClick={() => setOpen('post')}>
            Post to the ledger…
          </button>
        )}
        {live && canWork && (
          <button type="button" className="button-danger" onClick={() => setOpen('cancel')}>
            Cancel run…
          </button>
        )}
        {run.status === 'posted' && canWork && <PrintFiles runId={run.runId} billCount={run.billCount} />}
      </div>
      {recompute.pending && <BulkProgress doing="Recomputing" count={review.accounting.total} noun="account" job={recompute.pendingKey} />}
      {recompute.error && <Alert kind={recompute.error.code === 'CANCELLED' ? 'info' : 'error'}>{recompute.error.message}</Alert>}
      {open === 'approve' && <ApproveDialog review={review} onClose={() => setOpen(null)} onDone={done} />}
      {open === 'post' && <PostDialog review={review} onClose={() => setOpen(null)} onDone={done} />}
      {open === 'cancel' && <CancelRunDialog review={review} onClose={() => setOpen(null)} onDone={done} />}
    </>
  );
}

/** The figures a supervisor approves and a technician posts. */
function RunFacts({ review }: { review: BillRunReview }) {
  const { run, previous, accounting } = review;
  return (
    <dl className="confirm-facts">
      <div>
        <dt>Run</dt>
        <dd>{runTitle(run)}</dd>
      </div>
      <div>
        <dt>Bills</dt>
        <dd>{run.billCount.toLocaleString('en-US')}</dd>
      </div>
      <div>
        <dt>Total</dt>
        <dd className="confirm-amount">{formatCents(run.totalCents)}</dd>
      </div>
      <div>
        <dt>Accounts</dt>
        <dd>
          {accounting.billed} billed, {accounting.held} held, {accounting.blocked} blocked, {accounting.unaccounted} unaccounted
        </dd>
      </div>
      {previous && (
        <div>
          <dt>Against {previous.period}</dt>
          <dd>
            {signedCents(run.totalCents - previous.totalCents)} ({percentChange(run.totalCents, previous.totalCents)})
          </dd>
        </div>
      )}
    </dl>
  );
}

interface DialogProps {
  review: BillRunReview;
  onClose: () => void;
  onDone: (message: string) => void;
}

function ApproveDialog({ review, onClose, onDone }: DialogProps) {
  const submission = useSubmission();
  const [note, setNote] = useState('');
  const errors = fieldErrors(submission.error, ['note']);
  const send = async () => {
    const result = await submission.send('billing.approve', { runId: review.run.runId, ...(note.trim() ? { note: note.trim() } : {}) });
    if (result.ok) onDone(`Approved by ${result.value.run.approvedBy ?? 'you'}: the run can be posted.`);
  };
  return (
    <Dialog title="Approve this run?" onClose={onClose}>
      <RunFacts review={review} />
      <Form onSubmit={() => void send()} error={submission.error} unplacedError={errors.unplaced} aria-label="Approve the run">
        <Field name="note" label="Note (optional)" error={errors.of('note')} hint="What you checked, e.g. “Register compared with October”.">
          <input value={note} onChange={(event) => setNote(event.target.value)} maxLength={500} data-autofocus />
        </Field>
        <FormActions onCancel={onClose} pending={submission.pending}>
          {submission.pending ? 'Approving…' : 'Approve the run'}
        </FormActions>
        {/* Approval checks every account still bills as drafted. */}
        {submission.pending && <BulkProgress doing="Checking" count={review.accounting.total} noun="account" job={submission.pendingKey} />}
      </Form>
    </Dialog>
  );
}

function PostDialog({ review, onClose, onDone }: DialogProps) {
  const submission = useSubmission();
  const { run } = review;
  const send = async () => {
    const result = await submission.send('billing.post', { runId: run.runId });
    if (result.ok) onDone(`Posted ${plural(result.value.run.billCount, 'bill')} (${formatCents(result.value.run.totalCents)}) to the customers' accounts.`);
  };
  return (
    <Dialog title={`Post ${plural(run.billCount, 'bill')} to the ledger?`} onClose={onClose}>
      <RunFacts review={review} />
      <p>Each bill becomes a charge on its account, all in one step. A posted bill is corrected only by cancel and rebill.</p>
      <Form onSubmit={() => void send()} error={submission.error} unplacedError={submission.error?.message} aria-label="Post the run">
        <FormActions onCancel={onClose} pending={submission.pending}>
          {submission.pending ? 'Posting…' : `Post ${formatCents(run.totalCents)}`}
        </FormActions>
        {submission.pending && <BulkProgress doing="Posting" count={run.billCount} noun="bill" job={submission.pendingKey} />}
      </Form>
    </Dialog>
  );
}

function CancelRunDialog({ review, onClose, onDone }: DialogProps) {
  const submission = useSubmission();
  const [reason, setReason] = useState('');
  const errors = fieldErrors(submission.error, ['reason']);
  const send = async () => {
    const result = await submission.send('billing.cancelRun', { runId: review.run.runId, reason });
    if (result.ok) onDone('The run was cancelled; nothing was posted. The cycle can be run again for this period.');
  };
  return (
    <Dialog title="Cancel this run?" onClose={onClose}>
      <RunFacts review={review} />
      <Form onSubmit={() => void send()} error={submission.error} unplacedError={errors.unplaced} aria-label="Cancel the run">
        <Field name="reason" label="Reason" error={errors.of('reason')}>
          <input value={reason} onChange={(event) => setReason(event.target.value)} maxLength={500} data-autofocus />
        </Field>
        <FormActions onCancel={onClose} pending={submission.pending}>
          {submission.pending ? 'Cancelling…' : 'Cancel the run'}
        </FormActions>
        {submission.pending && <BulkProgress doing="Cancelling" count={review.run.billCount} noun="bill" />}
      </Form>
    </Dialog>
  );
}

interface Made {
  label: string;
  fileName: string;
  url: string;
}

/** A file in memory as a Blob address, let go when replaced or when the page closes. */
function useDownload(): [Made | null, (made: Made | null) => void] {
  const [made, setMade] = useState<Made | null>(null);
  useEffect(() => () => {
    if (made) URL.revokeObjectURL(made.url);
  }, [made]);
  return [made, setMade];
}

const pdfBlob = (base64: string) => new Blob([Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))], { type: 'application/pdf' });

/** The print vendor's file (CSV or fixed width) and a PDF of the bills for reprints. */
function PrintFiles({ runId, billCount }: { runId: number; billCount: number }) {
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useDownload();
  const exportFile = async (format: BillPrintFormat) => {
    setPending(format);
    setError(null);
    const result = await client.call('billing.export', { runId, format });
    setPending(null);
    if (!result.ok) return setError(result.error.message);
    const { fileName, content, controlTotals } = result.value;
    const url = URL.createObjectURL(new Blob([content], { type: format === 'csv' ? 'text/csv' : 'text/plain' }));
    setMade({ fileName, url, label: `${plural(controlTotals.recordCount, 'bill')}, current charges ${formatCents(controlTotals.currentChargesCents)}, amount due ${formatCents(controlTotals.amountDueCents)}` });
  };
  const pdf = async () => {
    setPending('pdf');
    setError(null);
    const result = await client.call('billing.runPdf', { runId, limit: Math.min(MAX_RUN_PDF_BILLS, Math.max(1, billCount)) });
    setPending(null);
    if (!result.ok) return setError(result.error.message);
    const { fileName, pdfBase64, billCount: inPdf, totalBills } = result.value;
    setMade({ fileName, url: URL.createObjectURL(pdfBlob(pdfBase64)), label: inPdf < totalBills ? `the first ${inPdf} of ${totalBills} bills` : plural(inPdf, 'bill') });
  };
  return (
    <>
      <button type="button" onClick={() => void exportFile('csv')} disabled={pending !== null}>
        {pending === 'csv' ? 'Making the file…' : 'Print file (CSV)'}
      </button>
      <button type="button" onClick={() => void exportFile('fixed')} disabled={pending !== null}>
        {pending === 'fixed' ? 'Making the file…' : 'Print file (fixed width)'}
      </button>
      <button type="button" onClick={() => void pdf()} disabled={pending !== null}>
        {pending === 'pdf' ? 'Making the PDF…' : 'Bills as PDF'}
      </button>
      {error && <Alert kind="error">{error}</Alert>}
      {made && (
        <div className="download-made" role="status">
          {made.label}:{' '}
          <a href={made.url} download={made.fileName} className="download-link">
            Download {made.fileName}
          </a>
        </div>
      )}
    </>
  );
}

export { pdfBlob };
