import { useState } from 'react';
import type { AccountDetail } from '../../src-shared/contract/accounts';
import type { MoveOutResult } from '../../src-shared/contract/billing';
import { formatCents } from '../../src-shared/money';
import type { OperationError } from '../../src-shared/result';
import { useQuery, useSubmission } from '../client';
import { Amount } from '../ui/Amount';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/fieldErrors';
import { Form, FormActions } from '../ui/Form';
import { formatDate, todayIso } from '../ui/format';
import { moveOutOutcome } from './accountBilling';

const FIELDS = ['moveOutDate', 'finalReading', 'applyDeposit'] as const;
const READING_PATTERN = /^\d{1,12}(\.\d{1,4})?$/;

interface MoveOutDialogProps {
  account: AccountDetail;
  onClose: () => void;
  /** The account changed (closed, final bill posted): the page reloads it behind the dialog. */
  onMovedOut: () => void;
}

/**
 * Closing the account at move-out: the final reading beside the last one, the deposit to apply,
 * then the final bill, the deposit applied and what is owed or refunded, in one view.
 */
export function MoveOutDialog({ account, onClose, onMovedOut }: MoveOutDialogProps) {
  const [result, setResult] = useState<MoveOutResult | null>(null);
  if (result) return <MoveOutDone account={account} result={result} onClose={onClose} />;
  return (
    <MoveOutForm
      account={account}
      onClose={onClose}
      onDone={(value) => {
        setResult(value);
        onMovedOut();
      }}
    />
  );
}

function MoveOutForm({ account, onClose, onDone }: { account: AccountDetail; onClose: () => void; onDone: (result: MoveOutResult) => void }) {
  const lastRead = useQuery('accounts.reads', { accountId: account.accountId, limit: 1 });
  const [moveOutDate, setMoveOutDate] = useState(todayIso);
  const [finalReading, setFinalReading] = useState('');
  const [applyDeposit, setApplyDeposit] = useState(true);
  const [localError, setLocalError] = useState<OperationError | null>(null);
  const submission = useSubmission();
  const error = localError ?? submission.error;
  const errors = fieldErrors(error, FIELDS);
  const last = lastRead.data?.[0];

  const send = async () => {
    submission.clearError();
    if (!READING_PATTERN.test(finalReading.trim())) {
      return setLocalError({ code: 'INVALID_INPUT', field: 'finalReading', message: 'Enter the final reading as digits, like 001234 or 1234.5' });
    }
    setLocalError(null);
    const input = { accountId: account.accountId, moveOutDate, finalReading: finalReading.trim(), applyDeposit };
    const result = await submission.send('billing.moveOut', input, { purpose: `Close account ${account.accountNumber} at move-out on ${formatDate(moveOutDate)}` });
    if (result.ok) onDone(result.value);
  };

  return (
    <Dialog title={`Move out: close account ${account.accountNumber}`} onClose={onClose}>
      <p className="field-hint dialog-intro">
        Posts a final bill for the days served up to the move-out date, applies the deposit if asked, and closes the account. It cannot be undone here.
      </p>
      <Form onSubmit={() => void send()} error={error} unplacedError={errors.unplaced} aria-label="Move out">
        <Field name="moveOutDate" label="Move-out date" error={errors.of('moveOutDate')}>
          <input type="date" className="input-date" value={moveOutDate} onChange={(event) => setMoveOutDate(event.target.value)} />
        </Field>
        <div className="move-out-reading">
          <Field name="finalReading" label="Final reading" error={errors.of('finalReading')}>
            <input className="input-reading" inputMode="decimal" value={finalReading} onChange={(event) => setFinalReading(event.target.value)} data-autofocus />
          </Field>
          <p className="last-reading" data-testid="last-reading">
            {lastRead.loading && !last ? 'Last reading: loading…' : last ? (
              <>
                Last reading <strong className="mono">{last.reading}</strong> on {formatDate(last.readDate)}
              </>
            ) : (
              'No reading on file'
            )}
          </p>
        </div>
        <label className="choice" id="field-applyDeposit">
          <input type="checkbox" checked={applyDeposit} onChange={(event) => setApplyDeposit(event.target.checked)} />
          <span>
            Apply the deposit held (<span className="amount">{formatCents(account.depositHeldCents)}</span>) to the final balance
          </span>
        </label>
        <FormActions onCancel={onClose} pending={submission.pending}>
          {submission.pending ? 'Closing…' : 'Post the final bill and close'}
        </FormActions>
      </Form>
    </Dialog>
  );
}

function MoveOutDone({ account, result, onClose }: { account: AccountDetail; result: MoveOutResult; onClose: () => void }) {
  const bill = result.finalBill;
  const outcome = moveOutOutcome(result);
  return (
    <Dialog title={`Account ${account.accountNumber} closed`} onClose={onClose}>
      <p>
        Final bill{' '}
        <a href={`#/billing/bills/${bill.billId}`} onClick={onClose}>
          Bill #{bill.billId}
        </a>{' '}
        posted, due {bill.dueDate ? formatDate(bill.dueDate) : '—'}. {readsText(bill)}
      </p>
      <table className="table move-out-lines" aria-label="Final bill">
        <tbody>
          {bill.computed.lines.map((line, index) => (
            <tr key={index}>
              <td>
                <div className="line-description">{line.description}</div>
                <div className="muted explanation-sentence">{line.explanation.sentence}</div>
              </td>
              <td className="num">
                <Amount cents={line.amountCents} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Final bill total</th>
            <td className="num">
              <Amount cents={bill.computed.totalCents} />
            </td>
          </tr>
        </tfoot>
      </table>
      <dl className="confirm-facts move-out-facts">
        <div>
          <dt>Deposit applied</dt>
          <dd className="amount" data-testid="deposit-applied">
            {formatCents(result.depositAppliedCents)}
          </dd>
        </div>
        <div>
          <dt>{outcome.label}</dt>
          <dd className={`amount confirm-amount move-out-${outcome.kind}`} data-testid="move-out-outcome">
            {formatCents(outcome.amountCents)}
          </dd>
        </div>
      </dl>
      <div className="actions">
        <button type="button" className="button-primary" onClick={onClose} data-autofocus>
          Done
        </button>
      </div>
    </Dialog>
  );
}

/** "Reading 520338 on 11/09/2026 → 520347 on 11/26/2026: 0.09 HCF used." */
function readsText(bill: MoveOutResult['finalBill']): string {
  const used = `${bill.computed.usageHcf} HCF used.`;
  if (bill.reading === null || bill.readDate === null) return used;
  const from = bill.priorReading === null ? '' : `${bill.priorReading} on ${bill.priorReadDate ? formatDate(bill.priorReadDate) : '—'} → `;
  return `Reading ${from}${bill.reading} on ${formatDate(bill.readDate)}: ${used}`;
}
