import { formatCents } from '../../src-shared/money';
import { PdfButton } from '../cash/PdfButton';
import { useQuery } from '../client';
import { Alert } from '../ui/Alert';
import { Loading } from '../cash/Loading';
import { formatDate, formatDateTime } from '../ui/format';

/**
 * The cash drawer's printed reports that exist: each business day's end-of-day report (finalised
 * or still a draft) and its bank deposit slips, newest day first.
 */
export function CashDays() {
  const days = useQuery('endOfDay.days', { limit: 31 });
  if (days.error) return <Alert kind="error">{days.error.message}</Alert>;
  if (!days.data) return <Loading />;
  return (
    <section aria-label="End-of-day and deposit reports">
      <h2>End-of-day and deposit reports</h2>
      {days.data.length === 0 ? (
        <p className="muted">No drawer has been opened yet: the end-of-day report and deposit slips appear here from the first day the cash drawer is used.</p>
      ) : (
        <table className="table cash-days">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">End-of-day report</th>
              <th scope="col">Deposits</th>
            </tr>
          </thead>
          <tbody>
            {days.data.map((day) => (
              <tr key={day.businessDate} data-day={day.businessDate}>
                <th scope="row">
                  {formatDate(day.businessDate)}
                  <div className="muted">
                    {day.drawerCount} drawer{day.drawerCount === 1 ? '' : 's'}
                  </div>
                </th>
                <td>
                  <div>{day.finalised ? `Finalised by ${day.finalised.by}, ${formatDateTime(day.finalised.at)}` : 'Not finalised yet (the PDF is a draft)'}</div>
                  <PdfButton op="endOfDay.pdf" input={{ businessDate: day.businessDate }} label={`End-of-day report ${formatDate(day.businessDate)}`} />
                </td>
                <td>
                  {day.deposits.length === 0 ? (
                    <span className="muted">No deposit</span>
                  ) : (
                    day.deposits.map((deposit) => (
                      <div key={deposit.depositId}>
                        <PdfButton op="deposit.slipPdf" input={{ depositId: deposit.depositId }} label={`Deposit #${deposit.depositId}, ${formatCents(deposit.totalCents)}`} />
                      </div>
                    ))
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
