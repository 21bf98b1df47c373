/** One abnormal read with its evidence: who, which meter, the read, why it was flagged, and its history. */
import { courtesyCallFits, READ_EXCEPTION_LABELS, WORK_ORDER_TYPE_LABELS, type ReadExceptionDetail } from '../../src-shared/contract/reads';
import { Alert } from '../ui/Alert';
import { formatDate, formatDateTime, humanize } from '../ui/format';
import { UsageHistoryChart, type ChartReference } from '../ui/UsageHistoryChart';
import type { ActionKind } from './ActionDialogs';
import { ACTION_KEYS } from './ReviewPage';
import { ACTION_LABELS, hcf, openReReadOrder, RESOLUTION_LABELS } from './readsFormat';

interface Props {
  detail: ReadExceptionDetail | undefined;
  error: string | null;
  canAct: boolean;
  onAction: (kind: ActionKind) => void;
}

/** The chart's reference lines: prior period, same period last year, average of N. */
export function chartReferences(detail: ReadExceptionDetail): ChartReference[] {
  const { priorHcf, lastYearHcf, averageHcf, averagePeriods } = detail.benchmarks;
  return [
    priorHcf === null ? null : { key: 'prior', label: 'Prior:', valueHcf: priorHcf },
    lastYearHcf === null ? null : { key: 'last-year', label: 'Last year:', valueHcf: lastYearHcf },
    averageHcf === null ? null : { key: 'average', label: `Avg of ${averagePeriods}:`, valueHcf: averageHcf },
  ].filter((reference): reference is ChartReference => reference !== null);
}

export function ExceptionDetailView({ detail, error, canAct, onAction }: Props) {
  if (error) return <Alert kind="error">{error}</Alert>;
  if (!detail) return <p className="muted">Loading…</p>;
  const { exception, account, meter, read } = detail;
  const flags = [
    read?.estimated ? 'Estimated' : null,
    exception.types.includes('faulted_register') ? 'Faulted register' : null,
    exception.types.includes('leak_reported') ? 'Leak reported' : null,
  ].filter(Boolean);
  const open = exception.status !== 'resolved';
  // A courtesy call is about high use; a misread or a missing read is settled in the office.
  const callable = courtesyCallFits(exception.types);
  // With a re-read out in the field, recording it is the next step: offered on its own, first.
  const reReadOrder = open ? openReReadOrder(detail) : undefined;
  const reReadKey = ACTION_KEYS.find((action) => action.kind === 're_read');
  const actions = ACTION_KEYS.filter((action) => (action.kind !== 'call' || callable) && !(reReadOrder && action.kind === 're_read'));
  return (
    <article className="exception-detail" aria-label={`Exception ${exception.exceptionId}`}>
      <header className="exception-head">
        <h2>
          <span className={`severity-mark severity-mark-${exception.severity}`}>{exception.severity === 'critical' ? '!!' : exception.severity === 'warning' ? '!' : 'i'}</span>{' '}
          {READ_EXCEPTION_LABELS[exception.type]}
        </h2>
        <span className={`row-status row-status-${exception.status}`}>
          {exception.status === 'resolved' ? `Resolved: ${exception.resolution ? RESOLUTION_LABELS[exception.resolution] : ''}` : humanize(exception.status)}
        </span>
      </header>
      <ReReadNote detail={detail} />
      <ul className="findings">
        {detail.findings.map((finding, index) => (
          <li key={`${finding.type}-${index}`} className={`finding severity-${finding.severity}`}>
            {finding.type !== exception.type && <strong>{READ_EXCEPTION_LABELS[finding.type]}: </strong>}
            {finding.message}
          </li>
        ))}
      </ul>
      {/* Above the chart: with the re-read out, recording it is what this exception waits for. */}
      {canAct && reReadOrder && reReadKey && (
        <div className="reread-due" data-testid="reread-due">
          <span>
            <strong>Re-read work order #{reReadOrder.workOrderId}</strong> is out with field staff <span className="muted">(ordered by {reReadOrder.createdBy} {formatDateTime(reReadOrder.createdAt)})</span>. Key the reading from the slip when it comes back.
          </span>
          <button type="button" className="button-primary button-small" onClick={() => onAction('re_read')} aria-keyshortcuts={reReadKey.key}>
            Record re-read… <kbd>{reReadKey.key}</kbd>
          </button>
        </div>
      )}
      {/* The actions above the chart, so they are in view on a laptop's screen without scrolling. */}
      {canAct && open && (
        <div className="action-bar" role="group" aria-label="Actions">
          {actions.map((action) => {
            const reopen = action.kind === 'hold' && exception.status === 'held';
            return (
              <button key={action.kind} type="button" className="button-small" onClick={() => onAction(reopen ? 'reopen' : action.kind)} aria-keyshortcuts={action.key}>
                {reopen ? 'Reopen' : action.label}… <kbd>{action.key}</kbd>
              </button>
            );
          })}
        </div>
      )}
      {canAct && exception.status === 'resolved' && callable && (
        <div className="action-bar">
          <button type="button" className="button-small" onClick={() => onAction('call')}>
            Courtesy call… <kbd>L</kbd>
          </button>
        </div>
      )}
      {detail.history.length > 0 ? (
        <UsageHistoryChart
          periods={detail.history.map((point) => ({ period: point.period, usageHcf: point.usageHcf, estimated: point.estimated, current: point.current }))}
          references={chartReferences(detail)}
          caption={`Use per period (HCF)${detail.history.some((point) => point.current) ? ' — this read in orange' : ''}`}
        />
      ) : (
        <p className="muted">No usage history for this meter.</p>
      )}
      <dl className="detail-facts">
        <dt>Account</dt>
        <dd>
          {account ? <a href={`#/accounts/${account.accountId}/meter`}>{account.accountNumber}</a> : 'No account'} · <bdi>{account?.customerName ?? exception.customerName}</bdi>
          {account?.status === 'closed' && <span className="tag">Closed</span>}
          {account?.phone && <span className="muted nowrap"> · {account.phone}</span>}
        </dd>
        <dt>Address</dt>
        <dd>
          <bdi>{account?.serviceAddress ?? exception.serviceAddress}</bdi> <span className="muted">· route {exception.route}, seq {exception.sequence}</span>
        </dd>
        <dt>Meter</dt>
        <dd>
          <span className="mono">{meter.serial}</span> <span className="muted">· {meter.size}" · {meter.dials} dials · ×{meter.multiplier} · {meter.unit}{meter.status !== 'active' && ` · ${humanize(meter.status)}`}</span>
        </dd>
        <dt>Reading</dt>
        <dd className="figure">
          {read ? (
            <>
              <strong>{read.reading}</strong> on {formatDate(read.readDate)}
              {read.originalReading && <span className="muted"> (was {read.originalReading})</span>}
              <span className="muted"> · prior {read.priorReading ?? '—'}{read.priorReadDate ? ` on ${formatDate(read.priorReadDate)}` : ''}</span>
            </>
          ) : (
            'No reading'
          )}
        </dd>
        <dt>Use</dt>
        <dd className="figure">
          {read ? <strong>{hcf(read.usageHcf)}</strong> : '—'}
          {read?.originalUsageHcf && <span className="muted"> (was {read.originalUsageHcf} HCF)</span>}
          {flags.length > 0 && <span className="flags"> · {flags.join(' · ')}</span>}
        </dd>
      </dl>
      {detail.workOrders.length > 0 && (
        <section aria-label="Work orders">
          <h3>Work orders</h3>
          <ul className="history">
            {detail.workOrders.map((order) => (
              <li key={order.workOrderId}>
                <strong>
                  {WORK_ORDER_TYPE_LABELS[order.type]} #{order.workOrderId}
                </strong>{' '}
                — {humanize(order.status)}, ordered by {order.createdBy} {formatDateTime(order.createdAt)}
                {order.notes && <span className="muted"> — <bdi>{order.notes}</bdi></span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-label="What was done">
        <h3>What was done</h3>
        {detail.actions.length === 0 ? (
          <p className="muted">Nothing yet.</p>
        ) : (
          <ol className="history">
            {detail.actions.map((action, index) => (
              <li key={`${action.at}-${index}`}>
                <span className="history-when">{formatDateTime(action.at)}</span> <strong>{action.byUser}</strong>: {ACTION_LABELS[action.action]}
                {action.detail && <> — {action.detail}</>}
                {action.reason && <span className="muted"> (“<bdi>{action.reason}</bdi>”)</span>}
              </li>
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}

/**
 * What the last re-read came to, while it still stands: it cleared the exception, or the
 * exception is open with what the re-read shows (its message then starts "Re-read:").
 */
function ReReadNote({ detail }: { detail: ReadExceptionDetail }) {
  const { exception } = detail;
  const last = detail.actions.findLast((action) => action.action === 're_read');
  if (!last) return null;
  const cleared = exception.resolution === 're_read';
  const stillFlagged = exception.status !== 'resolved' && exception.message.startsWith('Re-read: ');
  if (!cleared && !stillFlagged) return null;
  return (
    <p className={`reread-note ${cleared ? 'reread-note-cleared' : 'reread-note-flagged'}`} data-testid="reread-note">
      <strong>{cleared ? 'Cleared by a re-read' : 'Still flagged after a re-read'}</strong>{' '}
      <span className="muted">
        — {exception.reading ?? '—'} read on {exception.readDate ? formatDate(exception.readDate) : '—'}, recorded by {last.byUser} {formatDateTime(last.at)}
      </span>
    </p>
  );
}
