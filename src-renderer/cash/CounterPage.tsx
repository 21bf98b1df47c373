import { useState } from 'react';
import type { DrawerView, Receipt } from '../../src-shared/contract/payments';
import { formatCents } from '../../src-shared/money';
import { navigate } from '../app/router';
import { useQuery } from '../client';
import { Alert } from '../ui/Alert';
import { formatDateTime } from '../ui/format';
import { returnCheckBlockedBy } from './findPayment';
import { Loading } from './Loading';
import { OpenDrawer } from './OpenDrawer';
import { ReasonDialog, ReceiptView, StatusTag } from './ReceiptView';
import { TakePayment } from './TakePayment';

/** The counter: open the drawer if it is not, then take payments all day. */
export function CounterPage({ startAccountId }: { startAccountId?: number | undefined } = {}) {
  const current = useQuery('drawer.current', {});
  if (current.loading && current.data === undefined) return <Loading />;
  if (current.error) return <Alert kind="error">{current.error.message}</Alert>;
  // The drawer's figures (and the drawer once opened) refresh from the change feed after each write.
  if (!current.data) return <OpenDrawer />;
  return <Counter drawer={current.data} startAccountId={startAccountId} />;
}

/** The drawer's running figures, one line across the top. */
export function DrawerBar({ drawer }: { drawer: DrawerView }) {
  const totals = drawer.totals;
  return (
    <dl className="drawer-bar" aria-label="Your drawer">
      <div>
        <dt>Drawer</dt>
        <dd>
          #{drawer.drawerId} · {drawer.workstation} · {drawer.clerk}
        </dd>
      </div>
      <div>
        <dt>Float</dt>
        <dd>{formatCents(totals.openingFloatCents)}</dd>
      </div>
      <div>
        <dt>Cash expected</dt>
        <dd data-testid="expected-cash">{formatCents(totals.expectedCashCents)}</dd>
      </div>
      <div>
        <dt>Checks</dt>
        <dd>{formatCents(totals.checkCents + totals.moneyOrderCents)}</dd>
      </div>
      <div>
        <dt>Card</dt>
        <dd>{formatCents(totals.cardCents)}</dd>
      </div>
      <div>
        <dt>Payments</dt>
        <dd>
          {totals.paymentCount}
          {totals.voidedCount > 0 && ` (${totals.voidedCount} voided)`}
        </dd>
      </div>
    </dl>
  );
}

function Counter({ drawer, startAccountId }: { drawer: DrawerView; startAccountId: number | undefined }) {
  const [lastReceipt, setLastReceipt] = useState<Receipt | null>(null);
  const receipts = useQuery('payments.list', { drawerId: drawer.drawerId, limit: 500 });
  const posted = (receipt: Receipt) => {
    // The drawer bar and the receipt list reload themselves: the write is news on the change feed.
    setLastReceipt(receipt);
  };
  const postedNew = (receipt: Receipt) => {
    posted(receipt);
    // Paid: the address no longer names an account, so a reload starts a blank payment.
    if (startAccountId !== undefined) navigate('/cash/counter');
  };
  return (
    <div className="counter">
      <DrawerBar drawer={drawer} />
      <div className="counter-columns">
        <section aria-label="Take a payment" className="counter-main">
          <h2>Take a payment</h2>
          <TakePayment onPosted={postedNew} startAccountId={startAccountId} />
        </section>
        <aside className="counter-side">
          {lastReceipt ? <ReceiptView key={lastReceipt.paymentId} receipt={lastReceipt} /> : <p className="muted receipt-placeholder">The receipt of each payment shows here, with its change due.</p>}
        </aside>
      </div>
      <ReceiptList receipts={receipts.data ?? []} onChanged={(receipt) => posted(receipt)} />
    </div>
  );
}

/** Today's receipts in this drawer, newest first, with void, returned check and reprint. */
interface ReceiptListProps {
  receipts: readonly Receipt[];
  onChanged: (receipt: Receipt) => void;
  title?: string;
  /** An open batch's entries: the keyer corrects one (no approval) instead of voiding it. */
  onCorrect?: (receipt: Receipt) => void;
}

export function ReceiptList({ receipts, onChanged, title = 'Receipts in this drawer', onCorrect }: ReceiptListProps) {
  const [acting, setActing] = useState<{ receipt: Receipt; kind: 'void' | 'returnCheck' } | null>(null);
  const rows = [...receipts].reverse();
  return (
    <section className="receipt-list" aria-label={title}>
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">No payments yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Receipt</th>
              <th scope="col">Time</th>
              <th scope="col">Accounts</th>
              <th scope="col">Tenders</th>
              <th scope="col" className="num">Amount</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((receipt) => (
              <tr key={receipt.paymentId} data-receipt={receipt.receiptNumber} className={receipt.status === 'posted' ? undefined : 'receipt-undone'}>
                <td>
                  {receipt.receiptNumber} <StatusTag receipt={receipt} />
                </td>
                <td>{formatDateTime(receipt.receivedAt).split(' ').slice(1).join(' ')}</td>
                <td>
                  {receipt.accounts.map((line) => (
                    <div key={line.accountId} className="nowrap">
                      {line.accountNumber}
                    </div>
                  ))}
                </td>
                <td>{receipt.tenders.map((tender) => tender.description).join('; ')}</td>
                <td className="num">{formatCents(receipt.amountCents)}</td>
                <td className="row-actions">
                  {receipt.status === 'posted' && (
                    <>
                      {onCorrect && (
                        <button type="button" className="button-small" onClick={() => onCorrect(receipt)} aria-label={`Correct ${receipt.receiptNumber}`}>
                          Correct
                        </button>
                      )}
                      <button type="button" className="button-small" onClick={() => setActing({ receipt, kind: 'void' })} aria-label={`Void ${receipt.receiptNumber}`}>
                        Void
                      </button>
                      {returnCheckBlockedBy(receipt) === null && (
                        <button type="button" className="button-small" onClick={() => setActing({ receipt, kind: 'returnCheck' })} aria-label={`Returned check on ${receipt.receiptNumber}`}>
                          Returned check
                        </button>
                      )}
                    </>
                  )}
                  <button type="button" className="button-small" onClick={() => onChanged(receipt)} aria-label={`Show ${receipt.receiptNumber}`}>
                    Show
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {acting && (
        <ReasonDialog
          receipt={acting.receipt}
          kind={acting.kind}
          onClose={() => setActing(null)}
          onDone={(receipt) => {
            setActing(null);
            onChanged(receipt);
          }}
        />
      )}
    </section>
  );
}
