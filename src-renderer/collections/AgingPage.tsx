/**
 * The receivable aging as of a date (operation collections.aging): buckets by rate class and
 * service, credit balances, the control-account check line, and the accounts in a chosen bucket.
 * Every figure comes from the operation; the page only lays it out.
 */
import { useState } from 'react';
import {
  AGING_RATE_CLASS_LABELS, AGING_RATE_CLASSES, AGING_SERVICE_LABELS, AGING_SERVICES, CREDIT_BUCKET_KEY,
  type AgingRateClass, type AgingReport, type AgingService,
} from '../../src-shared/contract/collections-aging';
import { formatCents } from '../../src-shared/money';
import { useQuery } from '../client';
import { navigate } from '../app/router';
import { Alert } from '../ui/Alert';
import { Amount } from '../ui/Amount';
import { AgingAccountsGrid } from './AgingAccountsGrid';
import { agingPath } from './agingPath';

const SERVICE_SHORT: Record<AgingService, string> = { water: 'Water', wastewater: 'Wastewater', fire: 'Private fire', fees: 'Fees', other: 'Other' };

export function AgingPage({ asOf, bucket }: { asOf: string; bucket: string | null }) {
  const [rateClass, setRateClass] = useState<AgingRateClass | ''>('');
  const [service, setService] = useState<AgingService | ''>('');
  const filters = { ...(rateClass ? { rateClass } : {}), ...(service ? { service } : {}) };
  const report = useQuery('collections.aging', { asOf, ...filters }, { keepPrevious: true });
  const drill = useQuery('collections.aging', bucket === null ? null : { asOf, ...filters, accountsIn: bucket }, { keepPrevious: true });
  const data = report.data;

  return (
    <section aria-labelledby="aging-title" className="aging">
      <h2 id="aging-title">Receivable aging</h2>
      <form className="aging-controls" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="aging-as-of">As of</label>
          <input
            id="aging-as-of"
            type="date"
            value={asOf}
            required
            onChange={(event) => {
              if (/^\d{4}-\d{2}-\d{2}$/.test(event.target.value)) navigate(agingPath(event.target.value, bucket));
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="aging-class">Rate class</label>
          <select id="aging-class" value={rateClass} onChange={(event) => setRateClass(event.target.value as AgingRateClass | '')}>
            <option value="">All classes</option>
            {AGING_RATE_CLASSES.map((value) => (
              <option key={value} value={value}>
                {AGING_RATE_CLASS_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="aging-service">Service</label>
          <select id="aging-service" value={service} onChange={(event) => setService(event.target.value as AgingService | '')}>
            <option value="">All services</option>
            {AGING_SERVICES.map((value) => (
              <option key={value} value={value}>
                {SERVICE_SHORT[value]}
              </option>
            ))}
          </select>
        </div>
        <p className="muted aging-status" role="status" aria-live="polite" data-testid="aging-status">
          {report.loading ? 'Computing…' : data ? `As of ${data.asOf}: ${data.openAccountCount.toLocaleString('en-US')} ${data.openAccountCount === 1 ? 'account' : 'accounts'} owing; payments applied ${data.rule === 'oldest_first' ? 'oldest first' : 'penalties, then past due, then current'}.` : ''}
        </p>
      </form>
      {report.error && <Alert kind="error">{report.error.message}</Alert>}
      {data && (
        <>
          <BucketTable report={data} asOf={asOf} chosen={bucket} />
          <ControlLine report={data} />
          <CreditTable report={data} asOf={asOf} chosen={bucket} />
        </>
      )}
      {bucket !== null && data && (
        <section aria-labelledby="aging-accounts-title" className="aging-accounts">
          <h3 id="aging-accounts-title">
            {bucket === CREDIT_BUCKET_KEY ? 'Accounts with a credit balance' : `Accounts ${data.buckets.find((row) => row.key === bucket)?.label.toLowerCase() === 'current' ? 'with current charges' : `${data.buckets.find((row) => row.key === bucket)?.label ?? bucket} days past due`}`}
            {drill.data?.accounts ? ` (${drill.data.accounts.length.toLocaleString('en-US')})` : ''}
          </h3>
          <p className="muted">↑/↓ to move, Enter to open the account. <a href={`#${agingPath(asOf)}`}>Close the list</a></p>
          {drill.error && <Alert kind="error">{drill.error.message}</Alert>}
          {drill.data?.accounts ? <AgingAccountsGrid rows={drill.data.accounts} credit={bucket === CREDIT_BUCKET_KEY} label="Accounts in the bucket" /> : !drill.error && <p className="muted">Loading…</p>}
        </section>
      )}
    </section>
  );
}

function BucketTable({ report, asOf, chosen }: { report: AgingReport; asOf: string; chosen: string | null }) {
  const open = (key: string) => navigate(agingPath(asOf, key));
  return (
    <div className="aging-table-scroll">
      <table className="table aging-table">
        <caption className="visually-hidden">Open items by days past due, by rate class and service. A bucket's button lists its accounts.</caption>
        <thead>
          <tr>
            <th scope="col">Class · service</th>
            {report.buckets.map((bucket) => (
              <th scope="col" key={bucket.key} className="num">
                {bucket.label === 'Current' ? 'Current' : `${bucket.label} days`}
              </th>
            ))}
            <th scope="col" className="num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {report.rows.length === 0 && (
            <tr>
              <td colSpan={report.buckets.length + 2} className="muted">
                Nothing open as of {report.asOf}.
              </td>
            </tr>
          )}
          {report.rows.map((row) => (
            <tr key={`${row.rateClass}-${row.service}`}>
              <th scope="row">
                {AGING_RATE_CLASS_LABELS[row.rateClass]} · {SERVICE_SHORT[row.service]}
              </th>
              {row.bucketCents.map((cents, index) => (
                <td key={report.buckets[index]!.key} className="num">
                  <Amount cents={cents} />
                </td>
              ))}
              <td className="num">
                <Amount cents={row.totalCents} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="aging-total">
            <th scope="row">Total open</th>
            {report.bucketTotalsCents.map((cents, index) => {
              const bucket = report.buckets[index]!;
              return (
                <td key={bucket.key} className="num">
                  <button
                    type="button"
                    className={chosen === bucket.key ? 'aging-bucket-button aging-bucket-chosen' : 'aging-bucket-button'}
                    aria-pressed={chosen === bucket.key}
                    aria-label={`${formatCents(cents)} ${bucket.label === 'Current' ? 'current' : `${bucket.label} days past due`}: list its accounts`}
                    onClick={() => open(bucket.key)}
                  >
                    <Amount cents={cents} />
                  </button>
                </td>
              );
            })}
            <td className="num">
              <strong>
                <Amount cents={report.openTotalCents} />
              </strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function ControlLine({ report }: { report: AgingReport }) {
  const { control } = report;
  const filtered = report.filter.rateClass !== null || report.filter.service !== null;
  return (
    <Alert kind={control.agrees ? 'success' : 'error'}>
      <span data-testid="aging-control">
        Open items {formatCents(control.openItemsCents)} − credit balances {formatCents(control.creditBalancesCents)} = {formatCents(control.netCents)}; receivable
        control account {control.glCode} as of {report.asOf}: {formatCents(control.controlAccountCents)}. {control.agrees ? 'They agree.' : 'They do not agree: tell a supervisor.'}
        {filtered ? ' (The check is over every class and service; the table shows the filter.)' : ''}
      </span>
    </Alert>
  );
}

function CreditTable({ report, asOf, chosen }: { report: AgingReport; asOf: string; chosen: string | null }) {
  return (
    <section aria-labelledby="aging-credits-title" className="aging-credits">
      <h3 id="aging-credits-title">Credit balances</h3>
      {report.credits.length === 0 ? (
        <p className="muted">No credit balances as of {report.asOf}.</p>
      ) : (
        <table className="table aging-credit-table">
          <thead>
            <tr>
              <th scope="col">Class</th>
              <th scope="col" className="num">
                Accounts
              </th>
              <th scope="col" className="num">
                Credit
              </th>
            </tr>
          </thead>
          <tbody>
            {report.credits.map((row) => (
              <tr key={row.rateClass}>
                <th scope="row">{AGING_RATE_CLASS_LABELS[row.rateClass]}</th>
                <td className="num">{row.accountCount.toLocaleString('en-US')}</td>
                <td className="num">
                  <Amount cents={row.creditCents} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="aging-total">
              <th scope="row">Total</th>
              <td className="num">{report.credits.reduce((sum, row) => sum + row.accountCount, 0).toLocaleString('en-US')}</td>
              <td className="num">
                <button
                  type="button"
                  className={chosen === CREDIT_BUCKET_KEY ? 'aging-bucket-button aging-bucket-chosen' : 'aging-bucket-button'}
                  aria-pressed={chosen === CREDIT_BUCKET_KEY}
                  aria-label={`${formatCents(report.creditTotalCents)} of credit balances: list the accounts`}
                  onClick={() => navigate(agingPath(asOf, CREDIT_BUCKET_KEY))}
                >
                  <Amount cents={report.creditTotalCents} />
                </button>
              </td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
