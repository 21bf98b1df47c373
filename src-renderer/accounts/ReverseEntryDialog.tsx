import { useState } from 'react';
import type { AccountDetail, AccountLedgerLine } from '../../src-shared/contract/accounts';
import { formatCents } from '../../src-shared/money';
import { newIdempotencyKey, useSubmission } from '../client';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/fieldErrors';
import { Form, FormActions } from '../ui/Form';
import { formatBalance, formatDate, humanize } from '../ui/format';

const FIELDS = ['reason'] as const;

interface ReverseEntryDialogProps {
  account: AccountDetail;
  line: AccountLedgerLine;
  onClose: () => void;
  onReversed: () => void;
}

/** Reversing a posted entry, with the amount and the balance it leaves in view before confirming. */
export function ReverseEntryDialog({ account, line, onClose, onReversed }: ReverseEntryDialogProps) {
  const [reason, setReason] = useState('');
  // The reversal's entry id is fixed for this dialog: a retry can never post a second reversal.
  const [entryId] = useState(newIdempotencyKey);
  const submission = useSubmission();
  const errors = fieldErrors(submission.error, FIELDS);
  const balanceAfter = account.balanceCents - line.amountCents;

  const reverse = async () => {
    const result = await submission.send(
      'ledger.reverse',
      { entryId, originalEntryId: line.entryId, reason },
      { purpose: `Reverse ${humanize(line.kind).toLowerCase()} of ${formatCents(line.amountCents)} on account ${account.accountNumber}` },
    );
    if (result.ok) onReversed();
  };

  return (
    <Dialog title="Reverse this entry" onClose={onClose}>
      <dl className="confirm-facts">
        <div>
          <dt>Entry</dt>
          <dd>
            {humanize(line.kind)} of {formatDate(line.effectiveDate)}: {line.memo}
          </dd>
        </div>
        <div>
          <dt>Amount reversed</dt>
          <dd className="amount confirm-amount">{formatCents(-line.amountCents)}</dd>
        </div>
        <div>
          <dt>Balance</dt>
          <dd className="amount">
            {formatBalance(account.balanceCents)} → {formatBalance(balanceAfter)}
          </dd>
        </div>
      </dl>
      <Form onSubmit={() => void reverse()} error={submission.error} unplacedError={errors.unplaced} aria-label="Reverse entry">
        <Field name="reason" label="Reason (kept in the ledger and the audit trail)" error={errors.of('reason')}>
          <input value={reason} onChange={(event) => setReason(event.target.value)} data-autofocus />
        </Field>
        <FormActions onCancel={onClose} pending={submission.pending}>
          Reverse {formatCents(line.amountCents)}
        </FormActions>
      </Form>
    </Dialog>
  );
}
