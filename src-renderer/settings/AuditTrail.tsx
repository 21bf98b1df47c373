/**
 * The audit trail (Settings › Audit trail, supervisor): who did what to which account, in words,
 * newest first. The filter (user, what, account, days) runs in the main process (audit.recent);
 * "Details" opens one record as stored (audit.record). "Show older" pages back.
 */
import { useEffect, useRef, useState } from 'react';
import { auditKindOptions } from '../../src-shared/audit-sentences';
import type { AuditFilter, AuditRecordDetail, AuditRow } from '../../src-shared/contract/system';
import type { OperationError } from '../../src-shared/result';
import { client, useQuery } from '../client';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/fieldErrors';
import { Form } from '../ui/Form';
import { formatDateTime } from '../ui/format';

const PAGE = 100;
const FIELDS = ['username', 'operation', 'accountNumber', 'from', 'to'] as const;
const KINDS = auditKindOptions();

interface FilterForm {
  username: string;
  operation: string;
  accountNumber: string;
  from: string;
  to: string;
}
const EMPTY: FilterForm = { username: '', operation: '', accountNumber: '', from: '', to: '' };

/** The form's boxes → the operation's input: empty boxes are no filter. */
function filterOf(form: FilterForm, beforeSeq?: number): Partial<AuditFilter> & { limit: number } {
  return {
    limit: PAGE,
    ...(form.username ? { username: form.username } : {}),
    ...(form.operation ? { operation: form.operation } : {}),
    ...(form.accountNumber.trim() ? { accountNumber: form.accountNumber.trim() } : {}),
    ...(form.from ? { from: form.from } : {}),
    ...(form.to ? { to: form.to } : {}),
    ...(beforeSeq ? { beforeSeq } : {}),
  };
}

const isFiltered = (form: FilterForm) => Object.values(form).some((value) => value.trim() !== '');

export function AuditTrail() {
  const users = useQuery('users.list', {});
  const [form, setForm] = useState<FilterForm>(EMPTY);
  const [applied, setApplied] = useState<FilterForm>(EMPTY);
  const [rows, setRows] = useState<AuditRow[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<OperationError | null>(null);
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState('');
  const errors = fieldErrors(error, FIELDS);

  const load = async (filter: FilterForm, older?: AuditRow[]) => {
    setPending(true);
    setError(null);
    const answer = await client.call('audit.recent', filterOf(filter, older?.at(-1)?.seq));
    setPending(false);
    if (!answer.ok) {
      setError(answer.error);
      setStatus('');
      return;
    }
    const next = [...(older ?? []), ...answer.value];
    setRows(next);
    setMore(answer.value.length === PAGE);
    setApplied(filter);
    setStatus(`${next.length === 0 ? 'No records' : `${next.length} record${next.length === 1 ? '' : 's'}`}${isFiltered(filter) ? ' match the filter' : ''}.`);
  };

  useEffect(() => {
    void load(EMPTY);
  }, []);

  const set = (name: keyof FilterForm) => (value: string) => setForm((previous) => ({ ...previous, [name]: value }));
  const clear = () => {
    setForm(EMPTY);
    void load(EMPTY);
  };

  return (
    <section aria-label="Audit trail" className="audit-trail">
      <h1>Audit trail</h1>
      <p className="muted">Everything done in the office, newest first: who did what, to which account, and who approved it. Records cannot be changed or removed.</p>
      <Form onSubmit={() => void load(form)} error={error} unplacedError={errors.unplaced} aria-label="Filter the audit trail" className="form audit-filter">
        <Field name="username" label="User" error={errors.of('username')}>
          <select value={form.username} onChange={(event) => set('username')(event.target.value)}>
            <option value="">Everyone</option>
            {(users.data ?? []).map((user) => (
              <option key={user.userId} value={user.username}>
                {user.displayName} ({user.username})
              </option>
            ))}
          </select>
        </Field>
        <Field name="operation" label="What" error={errors.of('operation')}>
          <select value={form.operation} onChange={(event) => set('operation')(event.target.value)}>
            <option value="">Everything</option>
            {KINDS.map((kind) => (
              <option key={kind.operation} value={kind.operation}>
                {kind.label}
              </option>
            ))}
          </select>
        </Field>
        <Field name="accountNumber" label="Account" error={errors.of('accountNumber')}>
          <input value={form.accountNumber} onChange={(event) => set('accountNumber')(event.target.value)} autoComplete="off" placeholder="e.g. 000123-01" />
        </Field>
        <Field name="from" label="From" error={errors.of('from')}>
          <input type="date" value={form.from} onChange={(event) => set('from')(event.target.value)} />
        </Field>
        <Field name="to" label="To" error={errors.of('to')}>
          <input type="date" value={form.to} onChange={(event) => set('to')(event.target.value)} />
        </Field>
        <div className="audit-filter-actions">
          <button type="submit" className="button-primary" disabled={pending}>
            {pending ? 'Filtering…' : 'Filter'}
          </button>
          <button type="button" onClick={clear} disabled={pending || (!isFiltered(form) && !isFiltered(applied))}>
            Clear
          </button>
        </div>
      </Form>
      <p className="muted audit-status" role="status" aria-live="polite">
        {status}
      </p>
      {rows === null && !error && <p className="muted">Loading…</p>}
      {rows !== null && rows.length > 0 && (
        <ol className="audit-list" aria-label="Audit records">
          {rows.map((row) => (
            <AuditEntry key={row.seq} row={row} />
          ))}
        </ol>
      )}
      {more && rows && (
        <button type="button" onClick={() => void load(applied, rows)} disabled={pending}>
          {pending ? 'Loading…' : 'Show older records'}
        </button>
      )}
    </section>
  );
}

/** One record: when, the sentence, who approved; "Details" shows the record as stored. */
function AuditEntry({ row }: { row: AuditRow }) {
  const [open, setOpen] = useState(false);
  const [detail, setDetail] = useState<AuditRecordDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = `audit-record-${row.seq}`;

  const toggle = async () => {
    if (open) return setOpen(false);
    setOpen(true);
    if (detail) return;
    const answer = await client.call('audit.record', { seq: row.seq });
    if (answer.ok) setDetail(answer.value);
    else setError(answer.error.message);
  };

  return (
    <li className="audit-entry">
      <div className="audit-entry-line">
        <time dateTime={row.at} className="audit-when nowrap">
          {formatDateTime(row.at)}
        </time>
        <p className="audit-sentence">
          <bdi>{row.sentence}</bdi>
          {row.approvedBy && <span className="audit-approved"> · approved by {row.approvedBy}</span>}
        </p>
        <button type="button" className="button-small" aria-expanded={open} aria-controls={panelId} onClick={() => void toggle()}>
          {open ? 'Hide details' : 'Details'}
          <span className="visually-hidden"> of record {row.seq}</span>
        </button>
      </div>
      {open && (
        <div className="audit-details" id={panelId} ref={panel}>
          {error && <Alert kind="error">{error}</Alert>}
          {!detail && !error && <p className="muted">Loading…</p>}
          {detail && (
            <>
              <dl className="audit-facts">
                <dt>Record</dt>
                <dd>No. {detail.seq}</dd>
                <dt>User</dt>
                <dd>
                  {detail.userDisplayName} ({detail.username})
                </dd>
                <dt>Operation</dt>
                <dd>
                  {detail.operationLabel} <code>{detail.operation}</code>
                </dd>
                {detail.accounts.length > 0 && (
                  <>
                    <dt>Accounts</dt>
                    <dd>{detail.accounts.map((account) => `${account.accountNumber} (${account.customerName})`).join(', ')}</dd>
                  </>
                )}
                <dt>Chain hash</dt>
                <dd>
                  <code className="audit-hash">{detail.hash}</code>
                </dd>
              </dl>
              <h3 className="audit-json-heading">What was asked</h3>
              <pre className="audit-json" tabIndex={0} aria-label={`Input of record ${detail.seq}`}>
                {detail.inputJson}
              </pre>
              <h3 className="audit-json-heading">What it answered</h3>
              <pre className="audit-json" tabIndex={0} aria-label={`Result of record ${detail.seq}`}>
                {detail.resultJson}
              </pre>
            </>
          )}
        </div>
      )}
    </li>
  );
}
