import { contract, isOperationName } from '../../src-shared/contract';
import { useQuery } from '../client';
import { Loaded } from '../ui/Loading';
import { formatDateTime } from '../ui/format';

const SHOWN = 200;

/** The newest audit records: who did what, and who approved it. */
export function AuditTrail() {
  const audit = useQuery('audit.recent', { limit: SHOWN });
  return (
    <section aria-label="Audit trail">
      <h1>Audit trail</h1>
      <p className="muted">The newest {SHOWN} records, newest first. Records cannot be changed or removed.</p>
      <button type="button" onClick={audit.reload} disabled={audit.loading}>
        Refresh
      </button>
      <Loaded query={audit}>
        {(rows) => (
          <table className="table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  No.
                </th>
                <th scope="col">When</th>
                <th scope="col">User</th>
                <th scope="col">What</th>
                <th scope="col">Approved by</th>
                <th scope="col">Summary</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.seq}>
                  <td className="num">{row.seq}</td>
                  <td className="nowrap">{formatDateTime(row.at)}</td>
                  <td>{row.username}</td>
                  <td className="mono" title={isOperationName(row.operation) ? contract[row.operation].summary : undefined}>
                    {row.operation}
                  </td>
                  <td>{row.approvedBy ?? ''}</td>
                  <td className="audit-summary">{row.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
    </section>
  );
}
