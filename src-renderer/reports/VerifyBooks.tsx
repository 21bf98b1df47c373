import { useState } from 'react';
import type { VerifyScope } from '../../src-shared/contract/system';
import { useQuery } from '../client';
import { Alert } from '../ui/Alert';
import { Loaded } from '../ui/Loading';
import { formatDateTime } from '../ui/format';

/** What this check read, said plainly: a routine check cannot see a change to older rows. */
function ScopeNote({ scope }: { scope: VerifyScope }) {
  const lastFull = scope.lastFullAt ? `Last full check: ${formatDateTime(scope.lastFullAt)}.` : 'No full check has passed yet.';
  if (scope.kind === 'full') {
    return (
      <p className="verify-scope">
        <strong>Full check</strong> ({scope.reason}): every row of the books was read again. {lastFull}
      </p>
    );
  }
  return (
    <p className="verify-scope">
      <strong>Routine check</strong>: what was written since the last check that passed
      {scope.checkpointAt ? ` (${formatDateTime(scope.checkpointAt)}, audit record ${scope.fromAuditSeq})` : ''}, added onto the totals
      that check proved. It cannot see a change made since then to an older row; a full check can. {lastFull}
    </p>
  );
}

/** Proves the books from the ledger itself, and says plainly whether they are right. */
export function VerifyBooks() {
  const [full, setFull] = useState(false);
  const report = useQuery('system.verify', full ? { full: true } : {});
  const run = (wantFull: boolean) => (wantFull === full ? report.reload() : setFull(wantFull));
  return (
    <section aria-label="Verify the books">
      <h1>Verify the books</h1>
      <p>Checks that every entry balances, that customer balances add up to the receivable account, and that the audit trail is intact.</p>
      <p className="muted">
        A routine check reads only what was written since the last check that passed, so it takes the same time however many years
        the books hold. A full check re-reads every row ever written: only it finds a change made later to an older row (someone
        editing the database file). The office runs a full check by itself once the last one is a week old (the setting fullVerifyEveryDays).
      </p>
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
            <ScopeNote scope={value.scope} />
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
      <div className="actions">
        <button type="button" onClick={() => run(false)} disabled={report.loading}>
          {report.loading && !full ? 'Checking…' : 'Check again'}
        </button>
        <button type="button" onClick={() => run(true)} disabled={report.loading}>
          {report.loading && full ? 'Re-reading every row…' : 'Full check (re-reads every row)'}
        </button>
      </div>
    </section>
  );
}
