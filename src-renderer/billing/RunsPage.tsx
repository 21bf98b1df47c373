/** The bill runs, newest first, and "New run" for a technician. */
import { useEffect, useState } from 'react';
import type { BillRunSummary } from '../../src-shared/contract/billing';
import { navigate } from '../app/router';
import { useCan } from '../app/session';
import { useQuery } from '../client';
import { Amount } from '../ui/Amount';
import { formatDate } from '../ui/format';
import { Loaded } from '../ui/Loading';
import { RUN_STATUS_LABELS } from './billingFormat';
import { NewRunDialog } from './NewRunDialog';

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export function RunsPage() {
  const runs = useQuery('billing.runs', { limit: 100 });
  const canRun = useCan('technician');
  const [creating, setCreating] = useState(false);
  // N opens "New run" from anywhere on the page, as the button's label says.
  useEffect(() => {
    if (!canRun) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'n' || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      setCreating(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canRun]);

  return (
    <section aria-label="Bill runs">
      <div className="billing-toolbar">
        <p className="muted">A run drafts the bills of one cycle for one period. Nothing reaches the ledger until it is approved and posted.</p>
        {canRun && (
          <button type="button" className="button-primary" onClick={() => setCreating(true)}>
            New run… <kbd>N</kbd>
          </button>
        )}
      </div>
      <Loaded query={runs}>
        {(rows) => (rows.length === 0 ? <p className="muted">No bill runs yet.</p> : <RunsTable rows={rows} />)}
      </Loaded>
      {creating && <NewRunDialog onClose={() => setCreating(false)} onCreated={(runId) => navigate(`/billing/runs/${runId}`)} />}
    </section>
  );
}

function RunsTable({ rows }: { rows: readonly BillRunSummary[] }) {
  return (
    <table className="table runs-table" aria-label="Bill runs">
      <thead>
        <tr>
          <th scope="col">Run</th>
          <th scope="col">Cycle</th>
          <th scope="col">Period</th>
          <th scope="col">Bill date</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">Bills</th>
          <th scope="col" className="num">Total</th>
          <th scope="col" className="num">Held</th>
          <th scope="col" className="num">Blocked</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((run) => (
          <tr key={run.runId} className={run.status === 'cancelled' ? 'row-inactive' : undefined}>
            <td>
              <a href={`#/billing/runs/${run.runId}`}>Run #{run.runId}</a>
            </td>
            <td>{run.cycle}</td>
            <td>{run.period}</td>
            <td>{formatDate(run.billDate)}</td>
            <td>
              <span className={`run-status run-status-${run.status}`}>{RUN_STATUS_LABELS[run.status]}</span>
            </td>
            <td className="num">{run.billCount.toLocaleString('en-US')}</td>
            <td className="num">
              <Amount cents={run.totalCents} />
            </td>
            <td className="num">{run.heldCount.toLocaleString('en-US')}</td>
            <td className={run.blockedCount > 0 && run.status !== 'cancelled' ? 'num count-blocked' : 'num'}>{run.blockedCount.toLocaleString('en-US')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
