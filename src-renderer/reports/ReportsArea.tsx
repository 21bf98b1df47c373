import { CashDays } from './CashDays';
import { VerifyBooks } from './VerifyBooks';

/** Reports: "Verify the books", the cash drawer's end-of-day reports and deposit slips; more come with their areas. */
export function ReportsArea({ rest }: { rest: string[] }) {
  return (
    <div className="reports">
      <VerifyBooks key={rest.join('/')} />
      <CashDays />
      <section>
        <h2>Other reports</h2>
        <p className="not-yet">Not available yet in this version: the bill register and shut-off counts. The receivable aging is under <a href="#/collections/aging">Collections</a>.</p>
      </section>
    </div>
  );
}
