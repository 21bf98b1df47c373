/**
 * The accounts a run does not bill, with why: held (someone decided to wait) or blocked (the run
 * cannot bill it). A technician can hold a blocked account (billing.setHold) or release a hold;
 * a read-related block links to the meter-read page where it is worked. A hold counts in the run
 * once it is recomputed, so the list says so and offers to do it.
 */
import { useState } from 'react';
import type { AccountingRow, BillRunReview } from '../../src-shared/contract/billing';
import { formatCents } from '../../src-shared/money';
import { navigate } from '../app/router';
import { useCan } from '../app/session';
import { useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { BulkProgress } from '../ui/BulkProgress';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/fieldErrors';
import { Form, FormActions } from '../ui/Form';
import { plural, readsPageFor } from './billingFormat';

/** Where Meter reads keeps the cycle being worked on (src-renderer/reads/ReadsArea.tsx). */
const READS_CYCLE_KEY = 'billing-office.reads.cycle';
const ACCOUNT_HOLD_PREFIX = 'Account on bill hold';

interface NotBilledListProps {
  review: BillRunReview;
  /** The run can still change (draft or approved). */
  live: boolean;
  onRecomputed: (message: string) => void;
}

export function NotBilledList({ review, live, onRecomputed }: NotBilledListProps) {
  const canHold = useCan('technician') && live;
  const { run, accounting } = review;
  // What was held or released here since the run was last computed: accountId → new hold reason (null: released).
  const [changed, setChanged] = useState<Map<number, string | null>>(new Map());
  const [holding, setHolding] = useState<AccountingRow | null>(null);
  // Said here too: the run's own message is at the top of the page, out of view from this list.
  const [done, setDone] = useState<string | null>(null);
  const release = useSubmission();
  const recompute = useSubmission();

  const doRelease = async (row: AccountingRow) => {
    const result = await release.send('billing.setHold', { accountId: row.accountId, reason: null });
    if (result.ok) setChanged((previous) => new Map(previous).set(row.accountId, null));
  };
  const doRecompute = async () => {
    const result = await recompute.send('billing.recompute', { runId: run.runId });
    if (!result.ok) return;
    setChanged(new Map());
    const after = result.value.run;
    const message = `Recomputed: ${plural(after.billCount, 'bill')}, ${formatCents(after.totalCents)}; ${after.heldCount} held, ${after.blockedCount} blocked.`;
    setDone(message);
    onRecomputed(message);
  };
  const openReads = (page: 'review' | 'unread') => {
    window.sessionStorage.setItem(READS_CYCLE_KEY, JSON.stringify({ cycle: run.cycle, period: run.period }));
    navigate(`/reads/${page}`);
  };

  if (accounting.notBilled.length === 0) {
    return (
      <>
        {done && <Alert kind="success">{done}</Alert>}
        <p className="muted">Every account of the cycle is billed.</p>
      </>
    );
  }
  return (
    <section aria-label="Accounts not billed">
      {changed.size > 0 && (
        <div className="recompute-prompt" role="status">
          <span>
            {plural(changed.size, 'hold')} changed since the run was computed: recompute so the run counts {changed.size === 1 ? 'it' : 'them'}.
          </span>
          <button type="button" className="button-primary" onClick={() => void doRecompute()} disabled={recompute.pending}>
            {recompute.pending ? 'Recomputing…' : 'Recompute now'}
          </button>
        </div>
      )}
      {recompute.pending && <BulkProgress doing="Recomputing" count={accounting.total} noun="account" job={recompute.pendingKey} />}
      {done && changed.size === 0 && <Alert kind="success">{done}</Alert>}
      {(release.error ?? recompute.error) && <Alert kind="error">{(release.error ?? recompute.error)?.message}</Alert>}
      <table className="table not-billed" aria-label="Accounts not billed">
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">Customer</th>
            <th scope="col">Not billed</th>
            <th scope="col">Why</th>
            <th scope="col">Do</th>
          </tr>
        </thead>
        <tbody>
          {accounting.notBilled.map((row) => {
            const now = changed.get(row.accountId);
            const readsPage = row.disposition === 'blocked' ? readsPageFor(row.reason) : null;
            return (
              <tr key={row.accountId} data-account-id={row.accountId}>
                <td className="mono">
                  <a href={`#/accounts/${row.accountId}`}>{row.accountNumber}</a>
                </td>
                <td>{row.customerName}</td>
                <td>
                  <span className={`disposition disposition-${row.disposition}`}>{row.disposition === 'held' ? 'Held' : 'Blocked'}</span>
                </td>
                <td>
                  {row.reason}
                  {now !== undefined && <div className="hold-changed">{now === null ? 'Hold released' : `Held: ${now}`} — recompute to apply</div>}
                </td>
                <td className="not-billed-actions">
                  {readsPage && (
                    <button type="button" className="button-small" onClick={() => openReads(readsPage)}>
                      {readsPage === 'review' ? 'Review the read' : 'Unread meters'}
                    </button>
                  )}
                  {canHold && now === undefined && row.disposition === 'blocked' && (
                    <button type="button" className="button-small" onClick={() => setHolding(row)} aria-label={`Hold ${row.accountNumber}`}>
                      Hold…
                    </button>
                  )}
                  {canHold && now === undefined && row.reason.startsWith(ACCOUNT_HOLD_PREFIX) && (
                    <button type="button" className="button-small" onClick={() => void doRelease(row)} disabled={release.pending} aria-label={`Release the hold on ${row.accountNumber}`}>
                      Release hold
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {holding && (
        <HoldDialog
          row={holding}
          onClose={() => setHolding(null)}
          onHeld={(reason) => {
            setChanged((previous) => new Map(previous).set(holding.accountId, reason));
            setHolding(null);
          }}
        />
      )}
    </section>
  );
}

function HoldDialog({ row, onClose, onHeld }: { row: AccountingRow; onClose: () => void; onHeld: (reason: string) => void }) {
  const submission = useSubmission();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const errors = fieldErrors(submission.error, ['reason']);
  const send = async () => {
    // The operation takes an empty reason as "release": a hold must say why.
    if (reason.trim() === '') return setMissing(true);
    const result = await submission.send('billing.setHold', { accountId: row.accountId, reason: reason.trim() });
    if (result.ok) onHeld(reason.trim());
  };
  return (
    <Dialog title={`Hold ${row.accountNumber} out of bill runs?`} onClose={onClose}>
      <dl className="confirm-facts">
        <div>
          <dt>Account</dt>
          <dd>
            {row.accountNumber} — <bdi>{row.customerName}</bdi>
          </dd>
        </div>
        <div>
          <dt>Blocked because</dt>
          <dd>{row.reason}</dd>
        </div>
      </dl>
      <p className="field-hint">The account stays out of every run until the hold is released; it shows as held, with this reason.</p>
      <Form onSubmit={() => void send()} error={submission.error} unplacedError={errors.unplaced} aria-label="Hold the account">
        <Field name="reason" label="Reason for the hold" error={errors.of('reason') ?? (missing ? 'Say why the account is held' : undefined)}>
          <input value={reason} onChange={(event) => { setReason(event.target.value); setMissing(false); }} maxLength={300} data-autofocus />
        </Field>
        <FormActions onCancel={onClose} pending={submission.pending}>
          {submission.pending ? 'Holding…' : 'Hold the account'}
        </FormActions>
      </Form>
    </Dialog>
  );
}
