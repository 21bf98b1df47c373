import { useState } from 'react';
import type { AccountDetail } from '../../src-shared/contract/accounts';
import type { FeeCharge } from '../../src-shared/contract/billing';
import { formatCents, parseDollars } from '../../src-shared/money';
import type { OperationError } from '../../src-shared/result';
import { useQuery, useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/fieldErrors';
import { Form, FormActions } from '../ui/Form';
import { Loaded } from '../ui/Loading';
import { formatBalance, todayIso } from '../ui/format';
import { feeAmountCents, feeTerms, feesInForce, type FeeInForce } from './accountBilling';

const FIELDS = ['code', 'baseCents', 'note'] as const;

interface ChargeFeeDialogProps {
  account: AccountDetail;
  onClose: () => void;
  onCharged: (charge: FeeCharge) => void;
}

/**
 * Charging a one-off fee from the fee table of the rates in force: pick the fee, give the base
 * of a percentage fee, then confirm with the amount and the resulting balance in view.
 */
export function ChargeFeeDialog({ account, onClose, onCharged }: ChargeFeeDialogProps) {
  const rates = useQuery('rates.current', {});
  return (
    <Loaded query={rates}>
      {(inForce) => <FeeForm account={account} fees={feesInForce(inForce.document, todayIso())} onClose={onClose} onCharged={onCharged} />}
    </Loaded>
  );
}

interface FeeFormProps extends ChargeFeeDialogProps {
  fees: FeeInForce[];
}

function FeeForm({ account, fees, onClose, onCharged }: FeeFormProps) {
  const [code, setCode] = useState(fees[0]?.code ?? '');
  const [baseText, setBaseText] = useState('');
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [localError, setLocalError] = useState<OperationError | null>(null);
  const submission = useSubmission();
  const chosen = fees.find((candidate) => candidate.code === code);
  const percent = chosen?.fee.kind === 'percent';
  const baseCents = percent ? parseDollars(baseText) : null;
  const amountCents = chosen ? feeAmountCents(chosen.fee, baseCents) : null;
  const error = localError ?? submission.error;
  const errors = fieldErrors(error, FIELDS);

  const review = () => {
    submission.clearError();
    if (!chosen) return setLocalError({ code: 'INVALID_INPUT', field: 'code', message: 'Choose the fee to charge' });
    if (chosen.fee.kind === 'percent' && (baseCents === null || baseCents < 0)) {
      return setLocalError({ code: 'INVALID_INPUT', field: 'baseCents', message: `Enter the amount the ${chosen.fee.percent}% is of, in dollars, like 84.20` });
    }
    setLocalError(null);
    setConfirming(true);
  };

  const charge = async () => {
    if (!chosen || amountCents === null) return;
    const input = { accountId: account.accountId, code, note, ...(percent && baseCents !== null ? { baseCents } : {}) };
    const result = await submission.send('billing.chargeFee', input, { purpose: `Charge ${chosen.fee.description} (${formatCents(amountCents)}) on account ${account.accountNumber}` });
    if (result.ok) onCharged(result.value);
    else setConfirming(false);
  };

  if (fees.length === 0) {
    return (
      <Dialog title="Charge a fee" onClose={onClose}>
        <Alert kind="info">The rates in force today have no fee table: import rates with fees first (Billing → Rates).</Alert>
        <div className="actions">
          <button type="button" onClick={onClose} data-autofocus>
            Close
          </button>
        </div>
      </Dialog>
    );
  }

  if (confirming && chosen && amountCents !== null) {
    return (
      <Dialog title="Confirm the fee" onClose={onClose}>
        <dl className="confirm-facts">
          <div>
            <dt>Account</dt>
            <dd>
              {account.accountNumber} — {account.customer.displayName}
            </dd>
          </div>
          <div>
            <dt>Fee</dt>
            <dd>{chosen.fee.description}</dd>
          </div>
          <div>
            <dt>Will charge</dt>
            <dd className="amount confirm-amount" data-testid="fee-preview">
              {formatCents(amountCents)}
            </dd>
          </div>
          {percent && baseCents !== null && (
            <div>
              <dt>Of</dt>
              <dd className="amount">{formatCents(baseCents)}</dd>
            </div>
          )}
          <div>
            <dt>Balance</dt>
            <dd className="amount">
              {formatBalance(account.balanceCents)} → {formatBalance(account.balanceCents + amountCents)}
            </dd>
          </div>
          {note.trim() && (
            <div>
              <dt>Note</dt>
              <dd>{note.trim()}</dd>
            </div>
          )}
        </dl>
        <p className="field-hint">From {chosen.scheduleName}. The office computes the charge again when it posts.</p>
        <div className="actions">
          <button type="button" className="button-primary" onClick={() => void charge()} disabled={submission.pending} data-autofocus>
            {submission.pending ? 'Charging…' : `Charge ${formatCents(amountCents)}`}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Back
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={`Charge a fee to account ${account.accountNumber}`} onClose={onClose}>
      <Form onSubmit={review} error={error} unplacedError={errors.unplaced} aria-label="Charge a fee">
        <fieldset className="field fee-choices" id="field-code">
          <legend>Fee</legend>
          <p className="field-hint">From the rates in force today: {fees[0]?.scheduleName}</p>
          {fees.map((candidate) => (
            <label className="choice fee-choice" key={candidate.code}>
              <input type="radio" name="fee" checked={candidate.code === code} onChange={() => setCode(candidate.code)} {...(candidate.code === code ? { 'data-autofocus': true } : {})} />
              <span className="fee-description">{candidate.fee.description}</span>
              <span className="fee-terms amount">{feeTerms(candidate.fee)}</span>
            </label>
          ))}
          {errors.of('code') && <p className="field-error">{errors.of('code')}</p>}
        </fieldset>
        {chosen?.fee.kind === 'percent' && (
          <Field name="baseCents" label={`Amount the ${chosen.fee.percent}% is of, in dollars`} hint="For a late charge: the past-due balance." error={errors.of('baseCents')}>
            <input className="input-amount" inputMode="decimal" value={baseText} onChange={(event) => setBaseText(event.target.value)} />
          </Field>
        )}
        <Field name="note" label="Note (optional, kept in the ledger)" error={errors.of('note')}>
          <input value={note} onChange={(event) => setNote(event.target.value)} maxLength={300} />
        </Field>
        <p className="fee-will-charge">
          Will charge: <strong className="amount">{amountCents === null ? '—' : formatCents(amountCents)}</strong>
        </p>
        <FormActions onCancel={onClose}>Review…</FormActions>
      </Form>
    </Dialog>
  );
}
