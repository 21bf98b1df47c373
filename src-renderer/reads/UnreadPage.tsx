/**
 * Before billing: which active meters have no read for the period, and whether the cycle is
 * ready to bill. Unread meters can be put on the worklist as no-read exceptions, where each is
 * re-read (work order), estimated or held.
 */
import { useEffect, useState } from 'react';
import { useCan } from '../app/session';
import { useQuery, useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { Loaded } from '../ui/Loading';
import { formatDate, humanize } from '../ui/format';
import { useDebounced } from '../ui/useDebounced';
import { useCycleStatus } from './CyclePicker';
import { cycleName, cycleStatusLine, plural, type CyclePeriod } from './readsFormat';

const ROWS_SHOWN = 1000;

export function UnreadPage({ choice, version, onChanged }: { choice: CyclePeriod; version: number; onChanged: () => void }) {
  const canAct = useCan('technician');
  const [routeText, setRouteText] = useState('');
  const route = useDebounced(routeText.trim(), 300);
  const status = useCycleStatus(choice, version);
  const unread = useQuery('reads.unread', { cycle: choice.cycle, period: choice.period, ...(route ? { route } : {}) }, { keepPrevious: true });
  const flagging = useSubmission();
  const [message, setMessage] = useState<string | null>(null);
  const { reload } = unread;
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);

  const unflagged = unread.data?.rows.filter((row) => row.exceptionId === null).length ?? 0;
  const flag = async () => {
    const result = await flagging.send('reads.flagUnread', { cycle: choice.cycle, period: choice.period, ...(route ? { route } : {}) });
    if (result.ok) {
      setMessage(`${plural(result.value.flagged, 'meter')} put on the worklist as no-read exceptions${result.value.alreadyFlagged > 0 ? ` (${result.value.alreadyFlagged} were already there)` : ''}. Order re-reads, estimate or hold them under Review, type “No read”.`);
      unread.reload();
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
        {message && <Alert kind="success">{message}</Alert>}
        {flagging.error && <Alert kind="error">{flagging.error.message}</Alert>}
        <Loaded query={unread}>
          {(value) =>
            value.rows.length === 0 ? (
              <p className="muted">Every active meter of {cycleName(choice)}{route ? ` on route ${route}` : ''} has a read.</p>
            ) : (
              <>
                <p>
                  {plural(value.total, 'unread meter')} in {cycleName(choice)}
                  {route ? `, route ${route}` : ''}
                  {value.rows.length > ROWS_SHOWN && ` (first ${ROWS_SHOWN} listed; choose a route to see the rest)`}.
                </p>
                <div className="table-scroll">
                  <table className="table" aria-label="Unread meters">
                    <thead>
                      <tr>
                        <th scope="col">Route / seq</th>
                        <th scope="col">Meter</th>
                        <th scope="col">Account</th>
                        <th scope="col">Customer</th>
                        <th scope="col">Address</th>
                        <th scope="col">Last read</th>
                        <th scope="col" className="num">Last reading</th>
                        <th scope="col">On worklist</th>
                      </tr>
                    </thead>
                    <tbody>
                      {value.rows.slice(0, ROWS_SHOWN).map((row) => (
                        <tr key={row.meterId}>
                          <td className="nowrap">
                            {row.route} / {row.sequence}
                          </td>
                          <td className="mono">{row.meterSerial}</td>
                          <td className="nowrap">
                            <a href={`#/accounts/${row.accountId}/meter`}>{row.accountNumber}</a>
                          </td>
                          <td>{row.customerName}</td>
                          <td>{row.serviceAddress}</td>
                          <td>{row.lastReadDate ? formatDate(row.lastReadDate) : '—'}</td>
                          <td className="num">{row.lastReading ?? '—'}</td>
                          <td>{row.exceptionStatus ? humanize(row.exceptionStatus) : 'No'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )
          }
        </Loaded>
      </section>
    </div>
  );
}
