import { useState } from 'react';
import type { Receipt } from '../../src-shared/contract/payments';
import { formatCents } from '../../src-shared/money';
import { newIdempotencyKey, useQuery, useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { Balance } from '../ui/Amount';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/fieldErrors';
import { Form, FormActions } from '../ui/Form';
import { formatDate, formatDateTime } from '../ui/format';
import { accountFromReceiptPath, receiptUndoneText } from './cashFormat';
import { PdfButton } from './PdfButton';

/**
 * The receipt just posted (or reprinted): change due large, then what a printed receipt says.
 * A past receipt (Find payment) leaves out the change box: nobody is waiting for change.
 */
export function ReceiptView({ receipt, showChangeDue = true }: { receipt: Receipt; showChangeDue?: boolean }) {
  const [reprinted, setReprinted] = useState(false);
  const reprint = useSubmission();
  const markReprint = async () => {
    const result = await reprint.send('payments.reprint', { paymentId: receipt.paymentId });
    if (result.ok) setReprinted(true);
  };
  const undone = receiptUndoneText(receipt, formatDateTime);
  return (
    <section className="receipt-view" aria-label={`Receipt ${receipt.receiptNumber}`}>
      <div className="receipt-head">
        <h2>
          Receipt <span data-testid="receipt-number">{receipt.receiptNumber}</span>
        </h2>
        <StatusTag receipt={receipt} />
      </div>
      {undone ? (
        <Alert kind="error">
          <span data-testid="receipt-undone">
            {undone.headline}: <bdi>{undone.reason}</bdi> — this payment no longer counts.
          </span>
        </Alert>
      ) : showChangeDue ? (
        <ChangeBox receipt={receipt} />
      ) : (
        <p className="receipt-past">
          Paid {formatCents(receipt.paymentCents)} on {formatDate(receipt.businessDate)}
          {receipt.changeCents > 0 && ` · change given ${formatCents(receipt.changeCents)}`}
        </p>
      )}
      <table className="table">
        <tbody>
          {receipt.accounts.map((line) => (
            <tr key={line.accountId}>
              <td>
                <a className="nowrap receipt-account" href={`#${accountFromReceiptPath(line.accountId, receipt.paymentId)}`} aria-label={`Open account ${line.accountNumber}`}>
                  <strong>{line.accountNumber}</strong>
                </a>{' '}
                <bdi>{line.customerName}</bdi>
              </td>
              <td className="num">{formatCents(line.amountCents)}</td>
              <td className="num muted" data-testid={`receipt-balance-${line.accountNumber}`}>
                {/* A payment that no longer counts: its balance after is history; say the balance as it stands. */}
                {undone ? <BalanceToday accountId={line.accountId} /> : <>{showChangeDue ? 'now' : 'after'} <Balance cents={line.balanceAfterCents} /></>}
              </td>
            </tr>
          ))}
          {receipt.tenders.map((tender) => (
            <tr key={tender.lineNo} className="receipt-tender">
              <td colSpan={3}>{tender.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        {receipt.clerk} · {formatDateTime(receipt.receivedAt)}
        {receipt.workstation ? ` · ${receipt.workstation}` : ''}
      </p>
      <div className="actions receipt-actions">
        <PdfButton op="payments.receiptPdf" input={{ paymentId: receipt.paymentId, layout: 'letter', reprint: reprinted }} label="Print receipt" />
        <PdfButton op="payments.receiptPdf" input={{ paymentId: receipt.paymentId, layout: 'roll80', reprint: reprinted }} label="Receipt printer (80 mm)" />
        {!reprinted && (
          <button type="button" onClick={() => void markReprint()} disabled={reprint.pending}>
            Reprint
          </button>
        )}
      </div>
      {reprinted && <Alert kind="info">Reprint recorded: the receipts printed now say REPRINT.</Alert>}
      {reprint.error && <Alert kind="error">{reprint.error.message}</Alert>}
    </section>
  );
}

function BalanceToday({ accountId }: { accountId: number }) {
  const account = useQuery('accounts.get', { accountId });
  // The words on a line of their own: the column is narrow beside the receipt's amounts.
  return (
    <>
      <span className="balance-today-label">balance today</span> {account.data ? <Balance cents={account.data.balanceCents} /> : '…'}
    </>
  );
}

function ChangeBox({ receipt }: { receipt: Receipt }) {
  return (
    <div className="change-due change-due-posted" data-testid="receipt-change">
      <div className="change-big">Change due {formatCents(receipt.changeCents)}</div>
      <div>
        Paid {formatCents(receipt.amountCents)} · tendered {formatCents(receipt.tenderedCents)}
        {receipt.creditCents > 0 && ` · ${formatCents(receipt.creditCents)} left as credit`}
      </div>
    </div>
  );
}

export function StatusTag({ receipt }: { receipt: Pick<Receipt, 'status'> }) {
  if (receipt.status === 'posted') return null;
  return <span className={`payment-status payment-status-${receipt.status}`}>{receipt.status === 'voided' ? 'Voided' : 'Check returned'}</span>;
}

interface ReasonDialogProps {
  receipt: Receipt;
  kind: 'void' | 'returnCheck';
  onClose: () => void;
  onDone: (receipt: Receipt) => void;
}

/** Void (same day) or returned check: a reason, then a supervisor's approval at the counter. */
export function ReasonDialog({ receipt, kind, onClose, onDone }: ReasonDialogProps) {
  const submission = useSubmission();
  const [reason, setReason] = useState('');
  // Made once per dialog: a retry after a lost answer sends the same ids.
  const [ids] = useState(() => ({ entryId: newIdempotencyKey(), feeEntryId: newIdempotencyKey() }));
  const errors = fieldErrors(submission.error, ['reason']);
  const title = kind === 'void' ? `Void receipt ${receipt.receiptNumber}` : `Returned check on receipt ${receipt.receiptNumber}`;
  const submit = async () => {
    const purpose = `${kind === 'void' ? 'Void' : 'Return the check of'} receipt ${receipt.receiptNumber}, ${formatCents(receipt.amountCents)}: ${reason.trim()}`;
    const result =
      kind === 'void'
        ? await submission.send('payments.void', { paymentId: receipt.paymentId, entryId: ids.entryId, reason }, { purpose })
        : await submission.send('payments.returnCheck', { paymentId: receipt.paymentId, entryId: ids.entryId, feeEntryId: ids.feeEntryId, reason }, { purpose });
    if (result.ok) onDone(result.value);
  };
  return (
    <Dialog title={title} onClose={onClose}>
      <p>
        {kind === 'void'
          ? `This reverses the ${formatCents(receipt.amountCents)} payment; the tenders go back to the customer. A supervisor approves it next.`
          : `This puts ${formatCents(receipt.amountCents)} back on the account, charges the returned-check fee and notes it on the account. A supervisor approves it next.`}
      </p>
      <Form onSubmit={() => void submit()} error={submission.error} unplacedError={errors.unplaced} aria-label={title}>
        <Field name="reason" label="Reason" error={errors.of('reason')}>
          <input value={reason} onChange={(event) => setReason(event.target.value)} autoComplete="off" data-autofocus />
        </Field>
        <FormActions onCancel={onClose} pending={submission.pending}>
          {kind === 'void' ? 'Void payment' : 'Record returned check'}
        </FormActions>
      </Form>
    </Dialog>
  );
}
