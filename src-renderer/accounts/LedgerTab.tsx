import { useCallback, useEffect, useState } from 'react';
import type { AccountDetail, AccountLedgerLine } from '../../src-shared/contract/accounts';
import type { OperationError } from '../../src-shared/result';
import { client, useChanges } from '../client';
import { Alert } from '../ui/Alert';
import { Amount, Balance } from '../ui/Amount';
import { formatDate, humanize } from '../ui/format';
import { ledgerLineMemo, ledgerLineType } from './format';
import { ReverseEntryDialog } from './ReverseEntryDialog';

const PAGE_LINES = 50;

interface LedgerTabProps {
  account: AccountDetail;
  canReverse: boolean;
  onReversed: () => void;
}

/** The account's ledger, newest first, a page at a time, with the balance after each line. */
export function LedgerTab({ account, canReverse, onReversed }: LedgerTabProps) {
  const [lines, setLines] = useState<AccountLedgerLine[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<OperationError | null>(null);
  const [reversing, setReversing] = useState<AccountLedgerLine | null>(null);

  const loadPage = useCallback(
    async (beforeLineId?: number) => {
      setLoading(true);
      const result = await client.call('accounts.ledger', {
        accountId: account.accountId,
        limit: PAGE_LINES,
        ...(beforeLineId ? { beforeLineId } : {}),
      });
      setLoading(false);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      setLines((previous) => (beforeLineId ? [...previous, ...result.value.lines] : result.value.lines));
      setHasMore(result.value.hasMore);
    },
    [account.accountId],
  );
  useEffect(() => {
    void loadPage();
  }, [loadPage]);
  // A line posted from another window or PC: the newest page again (older pages stay as they are).
  useChanges('accounts', () => void loadPage());

  const oldest = lines.at(-1);
  return (
    <section aria-label="Ledger">
      {error && <Alert kind="error">{error.message}</Alert>}
      {!loading && lines.length === 0 && !error && <p className="muted">Nothing has been posted to this account yet.</p>}
      {lines.length > 0 && (
        <table className="table ledger">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Kind</th>
              <th scope="col">Memo</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col" className="num">
                Balance after
              </th>
              {canReverse && <th scope="col">Correct</th>}
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <LedgerRow key={line.lineId} line={line} canReverse={canReverse} onReverse={() => setReversing(line)} />
            ))}
          </tbody>
        </table>
      )}
      {hasMore && oldest && (
        <button type="button" onClick={() => void loadPage(oldest.lineId)} disabled={loading}>
          {loading ? 'Loading…' : 'Load more'}
        </button>
      )}
      {reversing && (
        <ReverseEntryDialog
          account={account}
          line={reversing}
          onClose={() => setReversing(null)}
          onReversed={() => {
            setReversing(null);
            onReversed();
          }}
        />
      )}
    </section>
  );
}

function LedgerRow({ line, canReverse, onReverse }: { line: AccountLedgerLine; canReverse: boolean; onReverse: () => void }) {
  const reversed = line.reversedByEntryId !== null;
  const isReversal = line.reversesEntryId !== null;
  return (
    <tr className={reversed ? 'line-reversed' : undefined}>
      <td>{formatDate(line.effectiveDate)}</td>
      <td>
        {ledgerLineType(line, humanize)}
        {reversed && <span className="tag tag-reversed">Reversed</span>}
      </td>
      <td className="memo">
        {ledgerLineMemo(line, humanize)}
        {/* A payment's journal entry id is its payment id: the Cash page opens that receipt (reprint, returned check). */}
        {line.kind === 'payment' && !isReversal && (
          <>
            {' '}
            <a href={`#/cash/find/payment/${line.entryId}`} className="ledger-find-payment">
              Find this payment
            </a>
          </>
        )}
      </td>
      <td className="num">
        <Amount cents={line.amountCents} />
      </td>
      <td className="num">
        <Balance cents={line.balanceAfterCents} />
      </td>
      {canReverse && (
        <td>
          {!reversed && !isReversal && (
            <button type="button" className="button-small" onClick={onReverse}>
              Reverse…
            </button>
          )}
        </td>
      )}
    </tr>
  );
}
