/** An account's bills, newest first, each opening its explanation in Billing. */
import type { AccountDetail } from '../../src-shared/contract/accounts';
import { useQuery } from '../client';
import { Amount } from '../ui/Amount';
import { Loaded } from '../ui/Loading';
import { BILL_KIND_LABELS } from '../billing/billingFormat';

export function BillsTab({ account }: { account: AccountDetail }) {
  const bills = useQuery('billing.accountBills', { accountId: account.accountId });
  return (
    <section aria-label="Bills">
      <Loaded query={bills}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">No bills yet for this account.</p>
          ) : (
            <table className="table account-bills">
              <thead>
                <tr>
                  <th scope="col">Bill</th>
                  <th scope="col">Kind</th>
                  <th scope="col" className="num">Use</th>
                  <th scope="col" className="num">Amount</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((bill) => (
                  <tr key={bill.billId} className={bill.status === 'cancelled' ? 'line-reversed' : undefined}>
                    <td>
                      <a href={`#/billing/bills/${bill.billId}`}>Bill #{bill.billId}</a>
                    </td>
                    <td>{BILL_KIND_LABELS[bill.kind]}</td>
                    <td className="num">
                      {bill.usageHcf} HCF{bill.estimated && <span className="tag tag-estimated">Est.</span>}
                    </td>
                    <td className="num">
                      <Amount cents={bill.totalCents} />
                    </td>
                    <td>
                      <span className={`bill-status bill-status-${bill.status}`}>{bill.status === 'draft' ? 'Draft' : bill.status === 'posted' ? 'Posted' : 'Cancelled'}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </section>
  );
}
