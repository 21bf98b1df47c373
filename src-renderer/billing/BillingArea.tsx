/**
 * Billing: bill runs (list → review → approve → post → print file), one bill explained line by
 * line, and the rates in force with the supervisor's editor. Paths:
 *   /billing, /billing/runs            the runs, "New run"
 *   /billing/runs/<id>[/<list>]        a run's review, with its bills or one of its lists
 *   /billing/bills/<id>                one bill (explain this bill)
 *   /billing/rates                     the rates in force, and the editor
 */
import { Tabs } from '../ui/Tabs';
import { BillPage } from './BillPage';
import { RatesPage } from './RatesPage';
import { RunReviewPage } from './RunReviewPage';
import { RunsPage } from './RunsPage';
import './billing.css';

const PAGES = [
  { id: 'runs', label: 'Bill runs' },
  { id: 'rates', label: 'Rates' },
] as const;

const idOf = (text: string | undefined) => (text !== undefined && /^\d+$/.test(text) ? Number(text) : null);

export function BillingArea({ rest }: { rest: string[] }) {
  const [page = 'runs', id, tab] = rest;
  const runId = page === 'runs' ? idOf(id) : null;
  const billId = page === 'bills' ? idOf(id) : null;
  if (runId !== null) return <RunReviewPage key={runId} runId={runId} tab={tab ?? 'bills'} />;
  if (billId !== null) return <BillPage key={billId} billId={billId} />;
  const current = page === 'rates' ? 'rates' : 'runs';
  return (
    <div className="billing">
      <h1>Billing</h1>
      <Tabs tabs={PAGES} current={current} pathFor={(tabId) => `/billing/${tabId}`} label="Billing pages" />
      <div role="tabpanel" aria-labelledby={`tab-${current}`} className="tab-panel">
        {current === 'rates' ? <RatesPage /> : <RunsPage />}
      </div>
    </div>
  );
}
