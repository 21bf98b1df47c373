/**
 * The account page's billing actions under its summary: the bill-hold banner, and for a
 * technician "Charge a fee…", "Hold from billing…" / "Release hold" and "Move out…" (not on a
 * closed account). Each opens its dialog; the page reloads the account after a change.
 */
import { useState } from 'react';
import type { AccountDetail } from '../../src-shared/contract/accounts';
import type { FeeCharge } from '../../src-shared/contract/billing';
import { formatCents } from '../../src-shared/money';
import { useCan } from '../app/session';
import { useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/fieldErrors';
import { Form, FormActions } from '../ui/Form';
import { formatBalance } from '../ui/format';
import { ChargeFeeDialog } from './ChargeFeeDialog';
import { MoveOutDialog } from './MoveOutDialog';
import './accountBilling.css';

type Open = 'fee' | 'hold' | 'moveOut' | null;

interface AccountBillingBarProps {
  account: AccountDetail;
  /** Something posted or changed: reload the account and its ledger. */
  onChanged: () => void;
}

export function AccountBillingBar({ account, onChanged }: AccountBillingBarProps) {
  const canAct = useCan('technician');
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState<string | null>(null);
  const release = useSubmission();
  const active = account.status === 'active';
  const held = account.billHoldReason !== null;

  const doRelease = async () => {
    const result = await release.send('billing.setHold', { accountId: account.accountId, reason: null });
    if (!result.ok) return;
    setDone('Hold released: the next bill run bills this account.');
    onChanged();
  };

  return (
    <>
      {held && (
        <div className="bill-hold-banner" role="status" data-testid="bill-hold-banner">
          <span>
            <strong>Held out of bill runs:</strong> {account.billHoldReason}
          </span>
          {canAct && (
            <button type="button" className="button-small" onClick={() => void doRelease()} disabled={release.pending}>
              {release.pending ? 'Releasing…' : 'Release hold'}
            </button>
          )}
        </div>
      )}
      {!active && account.balanceCents !== 0 && (
        <p className="alert alert-info closed-balance-note" data-testid="closed-balance-note">
          {account.balanceCents < 0
            ? `Closed with a credit of ${formatCents(-account.balanceCents)}: a refund is due to the customer.`
            : `Closed with ${formatCents(account.balanceCents)} still due from the customer.`}
        </p>
      )}
      {canAct && (
        <div className="account-billing-actions" role="group" aria-label="Billing actions">
          <button type="button" onClick={() => setOpen('fee')}>
            Charge a fee…
          </button>
          {active && !held && (
            <button type="button" onClick={() => setOpen('hold')}>
              Hold from billing…
            </button>
          )}
          {active && (
            <button type="button" className="button-danger-quiet" onClick={() => setOpen('moveOut')}>
              Move out…
            </button>
          )}
        </div>
      )}
      {release.error && <Alert kind="error">{release.error.message}</Alert>}
      {done && <Alert kind="success">{done}</Alert>}
      {open === 'fee' && (
        <ChargeFeeDialog
          account={account}
          onClose={() => setOpen(null)}
          onCharged={(charge) => {
            setOpen(null);
            setDone(chargedMessage(charge));
            onChanged();
          }}
        />
      )}
      {open === 'hold' && (
        <HoldDialog
          account={account}
          onClose={() => setOpen(null)}
          onHeld={() => {
            setOpen(null);
            setDone(null);
            onChanged();
          }}
        />
      )}
      {open === 'moveOut' && (
        <MoveOutDialog
          account={account}
          onClose={() => setOpen(null)}
          onMovedOut={() => {
            setDone(null);
            onChanged();
          }}
        />
      )}
    </>
  );
}

/** "Charged Late charge: $8.42 — 10% of $84.20 = $8.42. Balance now $92.62." A flat fee's arithmetic is its amount: not repeated. */
function chargedMessage(charge: FeeCharge): string {
  const arithmetic = charge.explanation.startsWith(`${charge.description}:`) ? '' : ` — ${charge.explanation}`;
  return `Charged ${charge.description}: ${formatCents(charge.amountCents)}${arithmetic}. Balance now ${formatBalance(charge.balanceCents)}.`;
}

function HoldDialog({ account, onClose, onHeld }: { account: AccountDetail; onClose: () => void; onHeld: () => void }) {
  const submission = useSubmission();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const errors = fieldErrors(submission.error, ['reason']);
  const send = async () => {
    // The operation takes an empty reason as "release": a hold must say why.
    if (reason.trim() === '') return setMissing(true);
    const result = await submission.send('billing.setHold', { accountId: account.accountId, reason: reason.trim() });
    if (result.ok) onHeld();
  };
  return (
    <Dialog title={`Hold ${account.accountNumber} out of bill runs?`} onClose={onClose}>
      <p className="field-hint dialog-intro">
        Every bill run leaves {account.customer.displayName} out, with this reason, until the hold is released. A run already drafted counts it once recomputed.
      </p>
      <Form onSubmit={() => void send()} error={submission.error} unplacedError={errors.unplaced} aria-label="Hold from billing">
        <Field name="reason" label="Reason for the hold" error={errors.of('reason') ?? (missing ? 'Say why the account is held' : undefined)}>
          <input
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
              setMissing(false);
            }}
            maxLength={300}
            data-autofocus
          />
        </Field>
        <FormActions onCancel={onClose} pending={submission.pending}>
          {submission.pending ? 'Holding…' : 'Hold from billing'}
        </FormActions>
      </Form>
    </Dialog>
  );
}
