/**
 * Before billing: which active meters have no read for the period (every one of them, in a
 * virtualized table), and whether the cycle is ready to bill. Unread meters can be put on the
 * worklist as no-read exceptions, where each is re-read (work order), estimated or held.
 */
import { useEffect, useState } from 'react';
import { useCan } from '../app/session';
import { useQuery, useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { BulkProgress } from '../ui/BulkProgress';
import { Loaded } from '../ui/Loading';
import { useDebounced } from '../ui/useDebounced';
import { useCycleStatus } from './CyclePicker';
import { cycleName, cycleStatusLine, plural, type CyclePeriod } from './readsFormat';
import { UnreadTable } from './UnreadTable';

export function UnreadPage({ choice, version, onChanged }: { choice: CyclePeriod; version: number; onChanged: () => void }) {
  const canAct = useCan('technician');
  const [routeText, setRouteText] = useState('');
  const route = useDebounced(routeText.trim(), 300);
  const status = useCycleStatus(choice, version);
  const unread = useQuery('reads.unread', { cycle: choice.cycle, period: choice.period, ...(route ? { route } : {}) }, { keepPrevious: true });
  const flagging = useSubmission();
  const [message, setMessage] = useState<string | null>(null);
  const { reload } = unread;
  // The reads screens' shared version (bumped by the cycle's own actions in other tabs) stays a
  // reload by hand: it also moves the cycle status above; the change feed covers other windows.
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);

  const unflagged = unread.data?.rows.filter((row) => row.exceptionId === null).length ?? 0;
  const flag = async () => {
    const result = await flagging.send('reads.flagUnread', { cycle: choice.cycle, period: choice.period, ...(route ? { route } : {}) });
    if (result.ok) {
      setMessage(`${plural(result.value.flagged, 'meter')} put on the worklist as no-read exceptions${result.value.alreadyFlagged > 0 ? ` (${result.value.alreadyFlagged} were already there)` : ''}. Order re-reads, estimate or hold them under Review, type “No read”.`);
      onChanged();
    }
  };

  return (
    <div className="unread-page">
      <section className="status-panel" aria-label="Cycle status">
        <Loaded query={status}>
          {(value) => (
            <>
              <h2 className={value.readyToBill ? 'ready' : 'not-ready'}>{value.readyToBill ? '✓ ' : '✕ '}{cycleStatusLine(value)}</h2>
              <dl className="preview-counts">
                <div><dt>Active meters</dt><dd>{value.activeMeters.toLocaleString('en-US')}</dd></div>
                <div><dt>Read</dt><dd>{value.readMeters.toLocaleString('en-US')}</dd></div>
                <div><dt>Unread</dt><dd className={value.unreadCount > 0 ? 'count-bad' : undefined}>{value.unreadCount.toLocaleString('en-US')}</dd></div>
                <div><dt>Open exceptions</dt><dd className={value.openExceptions > 0 ? 'count-bad' : undefined}>{value.openExceptions.toLocaleString('en-US')}</dd></div>
                <div><dt>Held</dt><dd>{value.heldExceptions.toLocaleString('en-US')}</dd></div>
                <div><dt>Resolved</dt><dd>{value.resolvedExceptions.toLocaleString('en-US')}</dd></div>
              </dl>
              {value.reasons.length > 0 && (
                <ul className="reasons">
                  {value.reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              )}
            </>
          )}
        </Loaded>
      </section>
      <section aria-label="Unread meters">
        <div className="review-filters">
          <h2>Unread meters</h2>
          <label>
            Route
            <input className="input-route" value={routeText} onChange={(event) => setRouteText(event.target.value)} placeholder="All" />
          </label>
          {canAct && unread.data && unflagged > 0 && (
            <button type="button" onClick={() => void flag()} disabled={flagging.pending}>
              Put {plural(unflagged, 'unread meter')} on the worklist as no-reads
            </button>
          )}
        </div>
        {flagging.pending && <BulkProgress doing="Flagging" count={unflagged} noun="unread meter" job={flagging.pendingKey} />}
        {message && <Alert kind="success">{message}</Alert>}
        {flagging.error && <Alert kind={flagging.error.code === 'CANCELLED' ? 'info' : 'error'}>{flagging.error.message}</Alert>}
        {unread.data === undefined && !unread.error && (
          <BulkProgress doing="Looking for reads among" count={status.data?.activeMeters ?? null} noun="active meter" />
        )}
        <Loaded query={unread}>
          {(value) =>
            value.rows.length === 0 ? (
              <p className="muted">Every active meter of {cycleName(choice)}{route ? ` on route ${route}` : ''} has a read.</p>
            ) : (
              <>
                <p>
                  {plural(value.total, 'unread meter')} in {cycleName(choice)}
                  {route ? `, route ${route}` : ''}. <span className="muted">↑/↓ move, Enter opens the account.</span>
                </p>
                <UnreadTable rows={value.rows} />
              </>
            )
          }
        </Loaded>
      </section>
    </div>
  );
}
