import { useState } from 'react';
import type { AccountDetail } from '../../src-shared/contract/accounts';
import { formatCents } from '../../src-shared/money';
import { useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { formatBalance, formatDate } from '../ui/format';
import { takePaymentPath } from '../cash/cashFormat';
import { AdjustBalanceDialog } from './AdjustBalanceDialog';
import { formatServiceAddress } from './format';
import { OpenItemsLine } from './OpenItemsLine';

interface AccountSummaryProps {
  account: AccountDetail;
  canAdjust: boolean;
  onChanged: () => void;
}

/** The account's header: number, customer, service address, status, and the balance in big figures. */
export function AccountSummary({ account, canAdjust, onChanged }: AccountSummaryProps) {
  const [adjusting, setAdjusting] = useState(false);
  const credit = account.balanceCents < 0;
  return (
    <section className="account-summary" aria-label="Account summary">
      <div className="account-identity">
        <h1>
          Account {account.accountNumber}{' '}
          <span className={`status status-${account.status}`}>{account.status === 'active' ? 'Active' : 'Closed'}</span>
        </h1>
        <p className="customer-name">{account.customer.displayName}</p>
        <p className="service-address">{formatServiceAddress(account.location)}</p>
        <dl className="facts">
          <div>
            <dt>Opened</dt>
            <dd>{formatDate(account.openedOn)}</dd>
          </div>
          {account.closedOn && (
            <div>
              <dt>Closed</dt>
              <dd>{formatDate(account.closedOn)}</dd>
            </div>
          )}
          <div>
            <dt>Deposit held</dt>
            <dd className="amount">{formatCents(account.depositHeldCents)}</dd>
          </div>
          <div>
            <dt>Autopay</dt>
            <dd>
              <AutopaySwitch account={account} onChanged={onChanged} />
            </dd>
          </div>
          {account.customer.primaryPhone && (
            <div>
              <dt>Phone</dt>
              <dd>{account.customer.primaryPhone}</dd>
            </div>
          )}
          {account.openFollowUps > 0 && (
            <div>
              <dt>Follow-ups</dt>
              <dd>
                <a href={`#/accounts/${account.accountId}/contacts`}>{account.openFollowUps} open</a>
              </dd>
            </div>
          )}
        </dl>
      </div>
      <div className={credit ? 'balance-figure balance-credit' : 'balance-figure'}>
        <span className="balance-label">{credit ? 'Credit balance' : account.balanceCents > 0 ? 'Balance due' : 'Balance'}</span>
        <span className="balance-amount" data-testid="account-balance">
          {formatBalance(account.balanceCents)}
        </span>
        {account.balanceCents > 0 && <OpenItemsLine key={account.balanceCents} accountId={account.accountId} />}
        {/* The counter's payment form with this account on it: no second search in the Cash drawer. */}
        <a className="button button-primary take-payment-link" href={`#${takePaymentPath(account.accountId)}`}>
          Take payment
        </a>
        {canAdjust && (
          <button type="button" onClick={() => setAdjusting(true)}>
            Adjust balance…
          </button>
        )}
      </div>
      {adjusting && (
        <AdjustBalanceDialog
          account={account}
          onClose={() => setAdjusting(false)}
          onPosted={() => {
            setAdjusting(false);
            onChanged();
          }}
        />
      )}
    </section>
  );
}

function AutopaySwitch({ account, onChanged }: { account: AccountDetail; onChanged: () => void }) {
  const submission = useSubmission();
  const toggle = async () => {
    const result = await submission.send('accounts.setAutopay', { accountId: account.accountId, autopay: !account.autopay });
    if (result.ok) onChanged();
  };
  return (
    <>
      {account.autopay ? 'On' : 'Off'}{' '}
      <button type="button" className="button-small" onClick={() => void toggle()} disabled={submission.pending}>
        {account.autopay ? 'Turn off' : 'Turn on'}
      </button>
      {submission.error && <Alert kind="error">{submission.error.message}</Alert>}
    </>
  );
}
