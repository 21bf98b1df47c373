import { VerifyBooks } from './VerifyBooks';

/** Reports: today only "Verify the books"; the office's printed reports come with their areas. */
export function ReportsArea({ rest }: { rest: string[] }) {
  return (
    <div className="reports">
      <VerifyBooks key={rest.join('/')} />
      <section>
        <h2>Other reports</h2>
        <p className="not-yet">
          Not available yet in this version: end-of-day and bank-deposit reports, aging, the bill register and
          shut-off counts.
        </p>
      </section>
    </div>
  );
}
