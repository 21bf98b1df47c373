import { useQuery } from '../client';
import { Alert } from '../ui/Alert';
import { Loaded } from '../ui/Loading';
import { formatDateTime } from '../ui/format';

/** Proves the books from the ledger itself, and says plainly whether they are right. */
export function VerifyBooks() {
  const report = useQuery('system.verify', {});
  return (
    <section aria-label="Verify the books">
      <h1>Verify the books</h1>
      <p>Checks that every entry balances, that customer balances add up to the receivable account, and that the audit trail is intact.</p>
      <Loaded query={report}>
        {(value) => (
          <>
            {value.ok ? (
              <Alert kind="success">All {value.checks.length} checks pass. The books are in order.</Alert>
            ) : (
              <Alert kind="error">
                {value.checks.filter((check) => !check.ok).length} of {value.checks.length} checks failed. Do not post or
                bill until a supervisor has looked at this.
              </Alert>
            )}
            <ul className="checks">
              {value.checks.map((check) => (
                <li key={check.name} className={check.ok ? 'check check-ok' : 'check check-failed'}>
                  <span className="check-mark" aria-hidden="true">
                    {check.ok ? '✓' : '✗'}
                  </span>
                  <span>
                    <strong>{check.name}</strong>
                    <span className="visually-hidden">{check.ok ? ': passed' : ': FAILED'}</span>
                    <br />
                    <span className="muted">{check.detail}</span>
                  </span>
                </li>
              ))}
            </ul>
            <p className="muted">Checked {formatDateTime(value.checkedAt)}</p>
          </>
        )}
      </Loaded>
      <button type="button" onClick={report.reload} disabled={report.loading}>
        {report.loading ? 'Checking…' : 'Check again'}
      </button>
    </section>
  );
}
