/**
 * Explain this bill: who and where, the period and its days, the meter reads and the use, every
 * line with its amount and the arithmetic behind it (terms, proration, a usage split across a
 * rate change, the exact amount and its rounding), previous balance, current charges and amount
 * due, the print vendor's message codes, and what it cancelled or was replaced by. Printable as it
 * stands (a print stylesheet leaves the office's frame out) or as the customer's PDF; a posted
 * bill can be cancelled and rebilled with a reason (a supervisor approves a technician's).
 */
import { useEffect, useState } from 'react';
import type { BillLine, BillView } from '../../src-shared/contract/billing';
import { formatCents } from '../../src-shared/money';
import { navigate } from '../app/router';
import { useCan } from '../app/session';
import { client, useQuery, useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { Amount, Balance } from '../ui/Amount';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/fieldErrors';
import { Form, FormActions } from '../ui/Form';
import { formatDate, formatDateTime } from '../ui/format';
import { Loaded } from '../ui/Loading';
import { BILL_KIND_LABELS, MESSAGE_CODE_LABELS, dollars, prorationText, termArithmetic, usageSplitText, wasRounded } from './billingFormat';
import { pdfBlob } from './RunActions';

export function BillPage({ billId }: { billId: number }) {
  const bill = useQuery('billing.bill', { billId });
  return (
    <div className="billing bill-page">
      <nav className="breadcrumb no-print" aria-label="Where you are">
        <a href="#/billing/runs">Bill runs</a>
        {bill.data?.runId != null && (
          <>
            {' › '}
            <a href={`#/billing/runs/${bill.data.runId}`}>Run #{bill.data.runId}</a>
          </>
        )}
        {' › '}Bill #{billId}
      </nav>
      <Loaded query={bill}>{(view) => <BillDocument bill={view} onChanged={bill.reload} />}</Loaded>
    </div>
  );
}

const STATUS_LABELS: Record<BillView['status'], string> = { draft: 'Draft', posted: 'Posted', cancelled: 'Cancelled' };

function BillDocument({ bill, onChanged }: { bill: BillView; onChanged: () => void }) {
  const canCancel = useCan('technician') && bill.status === 'posted';
  const [cancelling, setCancelling] = useState(false);
  const { computed } = bill;
  return (
    <article className="bill-document" aria-label={`Bill ${bill.billId}`}>
      <div className="run-head">
        <h1>
          Bill #{bill.billId} — <bdi>{bill.customerName}</bdi>
        </h1>
        <span className={`bill-status bill-status-${bill.status}`} data-testid="bill-status">
          {STATUS_LABELS[bill.status]}
        </span>
        {bill.kind !== 'regular' && <span className="tag">{BILL_KIND_LABELS[bill.kind]}</span>}
      </div>
      <div className="action-bar no-print" role="toolbar" aria-label="Bill actions">
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
        {bill.status !== 'draft' && <BillPdf billId={bill.billId} />}
        {canCancel && (
          <button type="button" className="button-danger" onClick={() => setCancelling(true)}>
            Cancel and rebill…
          </button>
        )}
      </div>
      <Lineage bill={bill} />
      <BillFacts bill={bill} />
      <h2>Charges, and how each is computed</h2>
      <table className="table bill-lines" aria-label="Bill lines">
        <thead>
          <tr>
            <th scope="col">Charge</th>
            <th scope="col">How it is computed</th>
            <th scope="col" className="num">Amount</th>
          </tr>
        </thead>
        <tbody>
          {computed.lines.map((line, index) => (
            <LineRow key={index} line={line} />
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Current charges
            </th>
            <td className="num">
              <Amount cents={computed.totalCents} />
            </td>
          </tr>
        </tfoot>
      </table>
      <p className="bill-summary" data-testid="bill-summary">
        {computed.summary}
      </p>
      <BillTotals bill={bill} />
      {bill.messageCodes.length > 0 && (
        <p className="message-codes">
          Messages on the printed bill:{' '}
          {bill.messageCodes.map((code) => (
            <span key={code} className="tag" title={code}>
              {MESSAGE_CODE_LABELS[code]}
            </span>
          ))}
        </p>
      )}
      <p className="muted bill-footnote">
        Each line is rounded to the cent {computed.rounding === 'half-up' ? 'half up' : 'half to even'}. Rates from rate book #{bill.rateBookId}
        {bill.journalEntryId && <> · journal entry <span className="mono">{bill.journalEntryId}</span></>}.
      </p>
      {cancelling && (
        <CancelBillDialog
          bill={bill}
          onClose={() => setCancelling(false)}
          onDone={(after) => {
            setCancelling(false);
            if (after.billId !== bill.billId) navigate(`/billing/bills/${after.billId}`);
            else onChanged();
          }}
        />
      )}
    </article>
  );
}

/** Cancelled by whom and why, and the bill it replaces or that replaced it. */
function Lineage({ bill }: { bill: BillView }) {
  return (
    <>
      {bill.cancelled && (
        <Alert kind="info">
          Cancelled by <bdi>{bill.cancelled.by}</bdi> on {formatDateTime(bill.cancelled.at)}: <bdi>{bill.cancelled.reason}</bdi>.
          {bill.replacedByBillId !== null && (
            <>
              {' '}
              Replaced by <a href={`#/billing/bills/${bill.replacedByBillId}`}>bill #{bill.replacedByBillId}</a>.
            </>
          )}
        </Alert>
      )}
      {bill.replacesBillId !== null && (
        <p className="lineage">
          This bill replaces <a href={`#/billing/bills/${bill.replacesBillId}`}>bill #{bill.replacesBillId}</a>, which was cancelled.
        </p>
      )}
    </>
  );
}

function BillFacts({ bill }: { bill: BillView }) {
  const { computed } = bill;
  return (
    <dl className="bill-facts">
      <div>
        <dt>Account</dt>
        <dd>
          <a href={`#/accounts/${bill.accountId}`} className="mono">
            {bill.accountNumber}
          </a>{' '}
          {bill.customerName}
        </dd>
      </div>
      <div>
        <dt>Service address</dt>
        <dd>{bill.serviceAddress}</dd>
      </div>
      <div>
        <dt>Period</dt>
        <dd>
          {formatDate(computed.fromDate)} – {formatDate(computed.toDate)}{' '}
          <span className="nowrap">
            ({computed.periodDays} days, {bill.period})
          </span>
        </dd>
      </div>
      <div>
        <dt>Bill date · due</dt>
        <dd>
          {bill.billDate === null && bill.dueDate === null ? (
            <span className="muted">none: a rebill, outside any run</span>
          ) : (
            <>
              {bill.billDate ? formatDate(bill.billDate) : '—'} · {bill.dueDate ? formatDate(bill.dueDate) : '—'}
            </>
          )}
        </dd>
      </div>
      <div>
        <dt>Meter</dt>
        <dd className="mono">{bill.meterSerial ?? 'none'}</dd>
      </div>
      <div>
        <dt>Reads</dt>
        <dd>
          {bill.reading === null
            ? 'not metered'
            : `${bill.priorReading ?? '—'} on ${bill.priorReadDate ? formatDate(bill.priorReadDate) : '—'} → ${bill.reading} on ${bill.readDate ? formatDate(bill.readDate) : '—'}`}
        </dd>
      </div>
      <div>
        <dt>Use</dt>
        <dd className="bill-use">
          {computed.usageHcf} HCF{computed.estimated && <span className="tag tag-estimated">Estimated read</span>}
          {bill.usageNote && <div className="muted bill-usage-note">{bill.usageNote}</div>}
        </dd>
      </div>
    </dl>
  );
}

function LineRow({ line }: { line: BillLine }) {
  const { explanation } = line;
  const extras = [prorationText(explanation), usageSplitText(explanation)].filter((text): text is string => text !== null);
  const rounded = wasRounded(explanation.exactAmount, line.amountCents);
  return (
    <tr>
      <td className="line-description">
        {line.description}
        {line.estimated && <span className="tag tag-estimated">Est.</span>}
        <div className="muted line-dates">
          {formatDate(line.fromDate)} – {formatDate(line.toDate)}
        </div>
      </td>
      <td className="line-explanation">
        <div className="explanation-sentence">{explanation.sentence}</div>
        {explanation.terms.length > 1 && (
          <ul className="explanation-terms">
            {explanation.terms.map((term, index) => (
              <li key={index}>
                {term.label}: {termArithmetic(term)}
              </li>
            ))}
          </ul>
        )}
        {extras.length > 0 && <div className="muted">{extras.join('; ')}</div>}
        {rounded && (
          <div className="muted">
            exactly {dollars(explanation.exactAmount)}, rounded to {formatCents(line.amountCents)}
          </div>
        )}
      </td>
      <td className="num">
        <Amount cents={line.amountCents} />
      </td>
    </tr>
  );
}

function BillTotals({ bill }: { bill: BillView }) {
  return (
    <dl className="bill-totals" data-testid="bill-totals">
      <div>
        <dt>Previous balance</dt>
        <dd>
          <Balance cents={bill.previousBalanceCents} />
        </dd>
      </div>
      <div>
        <dt>Current charges</dt>
        <dd>
          <Amount cents={bill.computed.totalCents} />
        </dd>
      </div>
      <div className="bill-due">
        <dt>Amount due{bill.dueDate ? ` by ${formatDate(bill.dueDate)}` : ''}</dt>
        <dd>
          <Balance cents={bill.amountDueCents} />
        </dd>
      </div>
    </dl>
  );
}

/** The bill as the customer received it, as a PDF to download (reprint or resend). */
function BillPdf({ billId }: { billId: number }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<{ fileName: string; url: string } | null>(null);
  useEffect(() => () => {
    if (made) URL.revokeObjectURL(made.url);
  }, [made]);
  const make = async () => {
    setPending(true);
    setError(null);
    const result = await client.call('billing.billPdf', { billId });
    setPending(false);
    if (!result.ok) return setError(result.error.message);
    setMade({ fileName: result.value.fileName, url: URL.createObjectURL(pdfBlob(result.value.pdfBase64)) });
  };
  return (
    <>
      {made ? (
        <a href={made.url} download={made.fileName} className="button download-link">
          Download {made.fileName}
        </a>
      ) : (
        <button type="button" onClick={() => void make()} disabled={pending}>
          {pending ? 'Making the PDF…' : 'PDF'}
        </button>
      )}
      {error && <Alert kind="error">{error}</Alert>}
    </>
  );
}

function CancelBillDialog({ bill, onClose, onDone }: { bill: BillView; onClose: () => void; onDone: (after: BillView) => void }) {
  const submission = useSubmission();
  const [reason, setReason] = useState('');
  const [rebill, setRebill] = useState(true);
  const errors = fieldErrors(submission.error, ['reason']);
  const total = formatCents(bill.computed.totalCents);
  const send = async () => {
    const purpose = `Cancel bill #${bill.billId} (${total}) on account ${bill.accountNumber}${rebill ? ' and rebill it from the current reads' : ''}: ${reason.trim()}`;
    const result = await submission.send('billing.cancelBill', { billId: bill.billId, reason, rebill }, { purpose });
    if (result.ok) onDone(result.value);
  };
  return (
    <Dialog title={`Cancel bill #${bill.billId}?`} onClose={onClose}>
      <dl className="confirm-facts">
        <div>
          <dt>Account</dt>
          <dd>
            {bill.accountNumber} — <bdi>{bill.customerName}</bdi>
          </dd>
        </div>
        <div>
          <dt>Period</dt>
          <dd>
            {bill.period} ({formatDate(bill.computed.fromDate)} – {formatDate(bill.computed.toDate)})
          </dd>
        </div>
        <div>
          <dt>Reversed</dt>
          <dd className="confirm-amount">{total}</dd>
        </div>
      </dl>
      <p className="field-hint">The bill’s charge is reversed on the account. A supervisor approves this.</p>
      <Form onSubmit={() => void send()} error={submission.error} unplacedError={errors.unplaced} aria-label="Cancel the bill">
        <Field name="reason" label="Reason" error={errors.of('reason')}>
          <input value={reason} onChange={(event) => setReason(event.target.value)} maxLength={500} data-autofocus />
        </Field>
        <label className="check">
          <input type="checkbox" checked={rebill} onChange={(event) => setRebill(event.target.checked)} /> Rebill the period from the reads as they are now
        </label>
        <FormActions onCancel={onClose} pending={submission.pending}>
          {submission.pending ? 'Cancelling…' : rebill ? 'Cancel and rebill' : 'Cancel the bill'}
        </FormActions>
      </Form>
    </Dialog>
  );
}
