/**
 * A run's review: status and the actions the user's role allows, why it cannot post yet, the
 * register by service and rate class with totals, the comparison with the cycle's last run, the
 * accounting of every account, and as tabs the bills and the lists to audit (not billed, zero,
 * negative, very high).
 */
import { useCallback, useState } from 'react';
import type { BillRunReview, RegisterRow } from '../../src-shared/contract/billing';
import { formatCents } from '../../src-shared/money';
import { useQuery } from '../client';
import { Alert } from '../ui/Alert';
import { Amount } from '../ui/Amount';
import { formatDate, formatDateTime, humanize } from '../ui/format';
import { Loaded } from '../ui/Loading';
import { Tabs } from '../ui/Tabs';
import { BillGrid } from './BillGrid';
import { percentChange, plural, RUN_STATUS_LABELS, runTitle, signedCents, signedCount } from './billingFormat';
import { NotBilledList } from './NotBilledList';
import { RunActions } from './RunActions';
import { RunBills } from './RunBills';

export function RunReviewPage({ runId, tab }: { runId: number; tab: string }) {
  const review = useQuery('billing.review', { runId });
  const [message, setMessage] = useState<string | null>(null);
  // The review and its bills reload themselves from the change feed when the run changes
  // (recompute, approve, post — here, in another window or by the CLI).
  const changed = useCallback((said: string) => setMessage(said), []);
  return (
    <div className="billing run-review">
      <nav className="breadcrumb" aria-label="Where you are">
        <a href="#/billing/runs">Bill runs</a> › Run #{runId}
      </nav>
      <Loaded query={review}>{(data) => <RunReview review={data} tab={tab} message={message} onChanged={changed} />}</Loaded>
    </div>
  );
}

interface RunReviewProps {
  review: BillRunReview;
  tab: string;
  message: string | null;
  onChanged: (message: string) => void;
}

function RunReview({ review, tab, message, onChanged }: RunReviewProps) {
  const { run } = review;
  const tabs = [
    { id: 'bills', label: `Bills (${run.billCount.toLocaleString('en-US')})` },
    { id: 'not-billed', label: `Not billed (${review.accounting.notBilled.length.toLocaleString('en-US')})` },
    { id: 'zero', label: `Zero (${review.zeroBills.length})` },
    { id: 'negative', label: `Negative (${review.negativeBills.length})` },
    { id: 'very-high', label: `Very high (${review.veryHighBills.length})` },
  ];
  const current = tabs.some((candidate) => candidate.id === tab) ? tab : 'bills';
  return (
    <>
      <div className="run-head">
        <h1>{runTitle(run)}</h1>
        <span className={`run-status run-status-${run.status}`} data-testid="run-status">
          {RUN_STATUS_LABELS[run.status]}
        </span>
      </div>
      <RunFactsLine review={review} />
      {message && <Alert kind="success">{message}</Alert>}
      <PostBlockers review={review} />
      <RunActions review={review} onChanged={onChanged} />
      <div className="run-summary">
        <Register rows={review.register} totalCents={run.totalCents} billCount={run.billCount} />
        <div className="run-side">
          <Comparison review={review} />
          <Accounting review={review} />
        </div>
      </div>
      <Tabs tabs={tabs} current={current} pathFor={(id) => `/billing/runs/${run.runId}/${id}`} label="Run lists" />
      <div role="tabpanel" aria-labelledby={`tab-${current}`} className="tab-panel">
        <RunList review={review} list={current} onChanged={onChanged} />
      </div>
    </>
  );
}

function RunList({ review, list, onChanged }: { review: BillRunReview; list: string; onChanged: (message: string) => void }) {
  const live = review.run.status === 'draft' || review.run.status === 'approved';
  switch (list) {
    case 'not-billed':
      return <NotBilledList review={review} live={live} onRecomputed={onChanged} />;
    case 'zero':
      return <ShortList label="Zero bills" rows={review.zeroBills} empty="No bill comes to $0.00." />;
    case 'negative':
      return <ShortList label="Negative bills" rows={review.negativeBills} empty="No bill is below zero." />;
    case 'very-high':
      return <ShortList label="Very high bills" rows={review.veryHighBills} empty={`No bill is ${formatCents(review.veryHighBillCents)} or more.`} />;
    default:
      return <RunBills runId={review.run.runId} />;
  }
}

function ShortList({ label, rows, empty }: { label: string; rows: BillRunReview['zeroBills']; empty: string }) {
  const rowAt = useCallback((index: number) => rows[index], [rows]);
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  return (
    <>
      <p className="muted">
        <kbd>↑</kbd> <kbd>↓</kbd> to choose, <kbd>Enter</kbd> opens the bill.
      </p>
      <BillGrid label={label} count={rows.length} rowAt={rowAt} />
    </>
  );
}

function RunFactsLine({ review }: { review: BillRunReview }) {
  const { run } = review;
  return (
    <dl className="facts run-facts">
      <div>
        <dt>Bill date</dt>
        <dd>{formatDate(run.billDate)}</dd>
      </div>
      <div>
        <dt>Due</dt>
        <dd>{formatDate(run.dueDate)}</dd>
      </div>
      <div>
        <dt>Drafted</dt>
        <dd>
          {run.createdBy}, {formatDateTime(run.createdAt)}
        </dd>
      </div>
      {run.approvedAt && (
        <div>
          <dt>Approved</dt>
          <dd>
            {run.approvedBy}, {formatDateTime(run.approvedAt)}
          </dd>
        </div>
      )}
      {run.postedAt && (
        <div>
          <dt>Posted</dt>
          <dd>
            {run.postedBy}, {formatDateTime(run.postedAt)}
          </dd>
        </div>
      )}
      <div>
        <dt>Rate book</dt>
        <dd>
          <a href="#/billing/rates">#{run.rateBookId}</a>
        </dd>
      </div>
    </dl>
  );
}

/** Why the run cannot post yet, said plainly; or that it is ready. */
function PostBlockers({ review }: { review: BillRunReview }) {
  const { run, postBlockers } = review;
  if (run.status === 'posted' || run.status === 'cancelled') return null;
  if (postBlockers.length === 0) {
    return <Alert kind="success">Ready to post: every account is accounted for and a supervisor approved the run.</Alert>;
  }
  return (
    <div className="post-blockers" role="status" data-testid="post-blockers">
      <strong>Cannot post yet:</strong>
      <ul>
        {postBlockers.map((blocker) => (
          <li key={blocker}>{blocker}</li>
        ))}
      </ul>
    </div>
  );
}

const registerLabel = (row: RegisterRow) => (row.service === 'fee' ? 'Fees' : `${humanize(row.service)}${row.rateClass ? ` — ${humanize(row.rateClass).toLowerCase()}` : ''}`);

function Register({ rows, totalCents, billCount }: { rows: readonly RegisterRow[]; totalCents: number; billCount: number }) {
  return (
    <table className="table register" aria-label="Register">
      <caption>Register by service and rate class</caption>
      <thead>
        <tr>
          <th scope="col">Service — rate class</th>
          <th scope="col" className="num" title="Bills with a charge for this service and class">Bills</th>
          <th scope="col" className="num">Amount</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={3} className="muted">
              No charges.
            </td>
          </tr>
        )}
        {rows.map((row) => (
          <tr key={`${row.service}-${row.rateClass ?? ''}`}>
            <td>{registerLabel(row)}</td>
            <td className="num">{row.bills.toLocaleString('en-US')}</td>
            <td className="num">
              <Amount cents={row.amountCents} />
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <td className="num" title="Bills in the run">{billCount.toLocaleString('en-US')}</td>
          <td className="num">
            <Amount cents={totalCents} />
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

function Comparison({ review }: { review: BillRunReview }) {
  const { run, previous } = review;
  if (!previous) {
    return (
      <section className="run-card" aria-label="Compared with the last run">
        <h2>Compared with the last run</h2>
        <p className="muted">No earlier posted run of cycle {run.cycle} to compare with.</p>
      </section>
    );
  }
  return (
    <section className="run-card" aria-label="Compared with the last run">
      <h2>
        Compared with <a href={`#/billing/runs/${previous.runId}`}>{previous.period}</a>
      </h2>
      <table className="table compact comparison" data-testid="comparison">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col" className="num">{previous.period}</th>
            <th scope="col" className="num">This run</th>
            <th scope="col" className="num">Change</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Bills</th>
            <td className="num">{previous.billCount.toLocaleString('en-US')}</td>
            <td className="num">{run.billCount.toLocaleString('en-US')}</td>
            <td className="num">
              {signedCount(run.billCount - previous.billCount)}
              <div className="change-percent">{percentChange(run.billCount, previous.billCount)}</div>
            </td>
          </tr>
          <tr>
            <th scope="row">Revenue</th>
            <td className="num">{formatCents(previous.totalCents)}</td>
            <td className="num">{formatCents(run.totalCents)}</td>
            <td className="num">
              {signedCents(run.totalCents - previous.totalCents)}
              <div className="change-percent">{percentChange(run.totalCents, previous.totalCents)}</div>
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

function Accounting({ review }: { review: BillRunReview }) {
  const { accounting } = review;
  const figures = [
    { label: 'Billed', value: accounting.billed, kind: 'billed' },
    { label: 'Held', value: accounting.held, kind: 'held' },
    { label: 'Blocked', value: accounting.blocked, kind: 'blocked' },
    { label: 'Unaccounted', value: accounting.unaccounted, kind: 'unaccounted' },
  ];
  return (
    <section className="run-card" aria-label="Every account of the cycle">
      <h2>Every account of the cycle: {accounting.total.toLocaleString('en-US')}</h2>
      <dl className="accounting-figures" data-testid="accounting">
        {figures.map((figure) => (
          <div key={figure.kind} className={figure.value > 0 && (figure.kind === 'blocked' || figure.kind === 'unaccounted') ? 'figure figure-alarm' : 'figure'}>
            <dt>{figure.label}</dt>
            <dd>{figure.value.toLocaleString('en-US')}</dd>
          </div>
        ))}
      </dl>
      {accounting.notBilled.length > 0 && (
        <p>
          <a href={`#/billing/runs/${review.run.runId}/not-billed`}>{plural(accounting.notBilled.length, 'account')} not billed, with the reasons</a>
        </p>
      )}
    </section>
  );
}
