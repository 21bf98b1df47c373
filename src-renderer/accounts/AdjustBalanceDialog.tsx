import { useState } from 'react';
import type { AccountDetail } from '../../src-shared/contract/accounts';
import { ADJUSTMENT_GL_CODES } from '../../src-shared/contract/ledger';
import { formatCents, parseDollars } from '../../src-shared/money';
import type { OperationError } from '../../src-shared/result';
import { newIdempotencyKey, useQuery, useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/fieldErrors';
import { Form, FormActions } from '../ui/Form';
import { formatBalance } from '../ui/format';

type Direction = 'credit' | 'charge';
type GlCode = (typeof ADJUSTMENT_GL_CODES)[number];
const FIELDS = ['amountCents', 'glCode', 'reason'] as const;

interface AdjustBalanceDialogProps {
  account: AccountDetail;
  onClose: () => void;
  onPosted: () => void;
}

/**
 * Adjusting a balance in two steps: fill in, then confirm with the amount and the resulting
 * balance in view. A technician's adjustment then asks for a supervisor on the spot.
 */
export function AdjustBalanceDialog({ account, onClose, onPosted }: AdjustBalanceDialogProps) {
  const [direction, setDirection] = useState<Direction>('credit');
  const [amountText, setAmountText] = useState('');
  const [glCode, setGlCode] = useState<GlCode>('4900');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [localError, setLocalError] = useState<OperationError | null>(null);
  // One adjustment per dialog: its entry id stays the same through retries and approvals.
  const [entryId] = useState(newIdempotencyKey);
  const submission = useSubmission();
  const chart = useQuery('ledger.chart', {});
  const glName = (code: string) => chart.data?.find((gl) => gl.code === code)?.name ?? code;

  const magnitude = parseDollars(amountText);
  const amountCents = magnitude === null ? null : direction === 'credit' ? -magnitude : magnitude;
  const error = localError ?? submission.error;
  const errors = fieldErrors(error, FIELDS);

  const review = () => {
    submission.clearError();
    if (magnitude === null || magnitude <= 0) {
      setLocalError({ code: 'INVALID_INPUT', field: 'amountCents', message: 'Enter the amount in dollars, like 12.50, without a sign' });
      return;
    }
    if (!reason.trim()) {
      setLocalError({ code: 'INVALID_INPUT', field: 'reason', message: 'Reason is required' });
      return;
    }
    setLocalError(null);
    setConfirming(true);
  };

  const post = async () => {
    if (amountCents === null) return;
    const words = `${direction === 'credit' ? 'Credit' : 'Charge'} ${formatCents(Math.abs(amountCents))} on account ${account.accountNumber}`;
    const result = await submission.send('ledger.adjust', { entryId, accountId: account.accountId, amountCents, glCode, reason }, { purpose: words });
    if (result.ok) onPosted();
    else setConfirming(false);
  };

  if (confirming && amountCents !== null) {
    return (
      <AdjustmentConfirmation
        account={account}
        amountCents={amountCents}
        bookedTo={glName(glCode)}
        reason={reason}
        posting={submission.pending}
        onPost={() => void post()}
        onBack={() => setConfirming(false)}
        onClose={onClose}
      />
    );
  }

  return (
    <Dialog title={`Adjust the balance of account ${account.accountNumber}`} onClose={onClose}>
      <p>
        Balance now: <strong className="amount">{formatBalance(account.balanceCents)}</strong>
      </p>
      {error?.code === 'APPROVAL_REQUIRED' && <Alert kind="info">{error.message}</Alert>}
      <Form onSubmit={review} error={error} unplacedError={error?.code === 'APPROVAL_REQUIRED' ? undefined : errors.unplaced} aria-label="Adjust balance">
        <fieldset className="field">
          <legend>Kind of adjustment</legend>
          <label className="choice">
            <input type="radio" name="direction" checked={direction === 'credit'} onChange={() => setDirection('credit')} />
            Credit the customer (lowers the balance)
          </label>
          <label className="choice">
            <input type="radio" name="direction" checked={direction === 'charge'} onChange={() => setDirection('charge')} />
            Charge the customer (raises the balance)
          </label>
        </fieldset>
        <Field name="amountCents" label="Amount in dollars" error={errors.of('amountCents')}>
          <input
            className="input-amount"
            inputMode="decimal"
            value={amountText}
            onChange={(event) => setAmountText(event.target.value)}
            data-autofocus
          />
        </Field>
        <Field name="glCode" label="Book to" error={errors.of('glCode')}>
          <select value={glCode} onChange={(event) => setGlCode(event.target.value as GlCode)}>
            {ADJUSTMENT_GL_CODES.map((code) => (
              <option key={code} value={code}>
                {glName(code)}
              </option>
            ))}
          </select>
        </Field>
        <Field name="reason" label="Reason (kept in the ledger and the audit trail)" error={errors.of('reason')}>
          <input value={reason} onChange={(event) => setReason(event.target.value)} />
        </Field>
        <FormActions onCancel={onClose}>
          Review…
        </FormActions>
      </Form>
    </Dialog>
  );
}

interface AdjustmentConfirmationProps {
  account: AccountDetail;
  /** Signed: negative is a credit to the customer. */
  amountCents: number;
  bookedTo: string;
  reason: string;
  posting: boolean;
  onPost: () => void;
  onBack: () => void;
  onClose: () => void;
}

/** The last look before money moves: amount, resulting balance, account and reason. */
function AdjustmentConfirmation({ account, amountCents, bookedTo, reason, posting, onPost, onBack, onClose }: AdjustmentConfirmationProps) {
  const credit = amountCents < 0;
  const amount = formatCents(Math.abs(amountCents));
  return (
    <Dialog title="Confirm the adjustment" onClose={onClose}>
      <dl className="confirm-facts">
        <div>
          <dt>Account</dt>
          <dd>
            {account.accountNumber} — <bdi>{account.customer.displayName}</bdi>
          </dd>
        </div>
        <div>
          <dt>{credit ? 'Credit to the customer' : 'Charge to the customer'}</dt>
          <dd className="amount confirm-amount">{amount}</dd>
        </div>
        <div>
          <dt>Balance</dt>
          <dd className="amount">
            {formatBalance(account.balanceCents)} → {formatBalance(account.balanceCents + amountCents)}
          </dd>
        </div>
        <div>
          <dt>Booked to</dt>
          <dd>{bookedTo}</dd>
        </div>
        <div>
          <dt>Reason</dt>
          <dd>{reason}</dd>
        </div>
      </dl>
      <div className="actions">
        <button type="button" className="button-primary" onClick={onPost} disabled={posting} data-autofocus>
          {posting ? 'Posting…' : `Post ${credit ? 'credit' : 'charge'} of ${amount}`}
        </button>
        <button type="button" onClick={onBack}>
          Back
        </button>
      </div>
    </Dialog>
  );
}
