/**
 * The account page's Collections panel: days delinquent, the earliest lawful shut-off date and
 * the rule that sets it (collections.account, the same guard the shut-off order passes), the
 * holds in force, and for a technician the buttons to record a hold or a notice and to order a
 * shut-off. The order dialog shows the operation's refusal as it says it — the screen decides
 * nothing about the law.
 */
import { useState } from 'react';
import type { AccountDetail } from '../../src-shared/contract/accounts';
import {
  FINANCIAL_PROGRAMS,
  FINANCIAL_PROGRAM_LABELS,
  HOLD_KINDS,
  HOLD_KIND_LABELS,
  NOTICE_KINDS,
  NOTICE_KIND_LABELS,
  SHUTOFF_RULE_LABELS,
  type AccountCollections,
  type FinancialProgram,
  type HoldKind,
  type NoticeKind,
} from '../../src-shared/contract/collections';
import { formatCents } from '../../src-shared/money';
import { useCan } from '../app/session';
import { useQuery, useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/fieldErrors';
import { Form, FormActions } from '../ui/Form';
import { todayIso } from '../ui/format';
import './collections.css';

type Open = 'hold' | 'notice' | 'shutoff' | null;

export function CollectionsPanel({ account }: { account: AccountDetail }) {
  const view = useQuery('collections.account', { accountId: account.accountId });
  const canAct = useCan('technician');
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState<string | null>(null);
  const finish = (message: string) => {
    setOpen(null);
    setDone(message);
    view.reload();
  };
  if (view.error) return <Alert kind="error">{view.error.message}</Alert>;
  if (!view.data) return null;
  const data = view.data;
  return (
    <section className="collections-panel" aria-labelledby="collections-heading" data-testid="collections-panel">
      <div className="collections-head">
        <h2 id="collections-heading">Collections</h2>
        {canAct && (
          <div className="collections-actions">
            <button type="button" className="button-small" onClick={() => setOpen('hold')}>
              Record hold…
            </button>
            <button type="button" className="button-small" onClick={() => setOpen('notice')}>
              Record notice…
            </button>
            {account.status === 'active' && (
              <button type="button" className="button-small button-danger-quiet" onClick={() => setOpen('shutoff')}>
                Order shut-off…
              </button>
            )}
          </div>
        )}
      </div>
      <Eligibility data={data} />
      <Holds data={data} />
      {done && <Alert kind="success">{done}</Alert>}
      {open === 'hold' && <HoldDialog account={account} onClose={() => setOpen(null)} onDone={finish} />}
      {open === 'notice' && <NoticeDialog account={account} onClose={() => setOpen(null)} onDone={finish} />}
      {open === 'shutoff' && <ShutoffDialog account={account} earliest={data.eligibility.earliestLawfulDate} onClose={() => setOpen(null)} onDone={finish} />}
    </section>
  );
}

function Eligibility({ data }: { data: AccountCollections }) {
  const e = data.eligibility;
  const lastNotice = data.notices.at(-1);
  return (
    <dl className="collections-facts">
      <div>
        <dt>Days delinquent</dt>
        <dd data-testid="days-delinquent">{daysDelinquentText(e.oldestUnpaidDueDate, e.daysDelinquent, e.date)}</dd>
      </div>
      <div>
        <dt>Past due</dt>
        <dd className="amount">{formatCents(e.amountDelinquentCents)}</dd>
      </div>
      <div>
        <dt>Earliest lawful shut-off</dt>
        <dd data-testid="earliest-shutoff">
          <strong>{e.earliestLawfulDate ?? 'Not yet'}</strong>
          {e.settingRule && <span className="collections-rule">{SHUTOFF_RULE_LABELS[e.settingRule]}</span>}
          <span className="collections-rule">{e.residential ? 'Residential: SB 998 applies' : "Non-residential: the district's schedule"}</span>
        </dd>
      </div>
      <div>
        <dt>Last notice</dt>
        <dd>{lastNotice ? `${NOTICE_KIND_LABELS[lastNotice.kind]}, ${lastNotice.noticeDate}` : 'None'}</dd>
      </div>
    </dl>
  );
}

function daysDelinquentText(oldestDue: string | null, days: number, today: string): string {
  if (oldestDue === null) return 'None: nothing unpaid';
  if (oldestDue >= today) return `None yet (next due ${oldestDue})`;
  return `${days} (oldest unpaid due ${oldestDue})`;
}

function Holds({ data }: { data: AccountCollections }) {
  const today = data.eligibility.date;
  const inForce = data.holds.filter((hold) => hold.endedOn === null || hold.endedOn > today);
  const arrangements = data.arrangements.filter((arrangement) => arrangement.status === 'active');
  if (inForce.length === 0 && arrangements.length === 0) return <p className="collections-none">No holds or arrangements in force.</p>;
  return (
    <ul className="collections-holds" aria-label="Holds in force">
      {inForce.map((hold) => (
        <li key={`h${hold.holdId}`}>
          <strong>{HOLD_KIND_LABELS[hold.kind]}</strong>
          {hold.program && ` (${FINANCIAL_PROGRAM_LABELS[hold.program]})`} from {hold.startedOn}
          {hold.endedOn ? ` until ${hold.endedOn}` : ''} — {hold.createdBy}
        </li>
      ))}
      {arrangements.map((arrangement) => (
        <li key={`a${arrangement.arrangementId}`}>
          <strong>Payment arrangement</strong> of {formatCents(arrangement.totalCents)} accepted {arrangement.acceptedOn}
        </li>
      ))}
    </ul>
  );
}

interface DialogProps {
  account: AccountDetail;
  onClose: () => void;
  onDone: (message: string) => void;
}

function HoldDialog({ account, onClose, onDone }: DialogProps) {
  const [kind, setKind] = useState<HoldKind>('appeal');
  const [program, setProgram] = useState<FinancialProgram>('calfresh');
  const [startedOn, setStartedOn] = useState(todayIso());
  const [notes, setNotes] = useState('');
  const submission = useSubmission();
  const errors = fieldErrors(submission.error, ['kind', 'program', 'startedOn', 'notes'] as const);
  const send = async () => {
    const input = { accountId: account.accountId, kind, startedOn, notes, ...(kind === 'financial_inability' ? { program } : {}) };
    const result = await submission.send('collections.addHold', input);
    if (result.ok) onDone(`${HOLD_KIND_LABELS[kind]} recorded from ${startedOn}.`);
  };
  return (
    <Dialog title={`Record a hold on account ${account.accountNumber}`} onClose={onClose}>
      <Form onSubmit={() => void send()} error={submission.error} unplacedError={errors.unplaced} aria-label="Record a hold">
        <Field name="kind" label="What holds collections" error={errors.of('kind')}>
          <select value={kind} onChange={(event) => setKind(event.target.value as HoldKind)} data-autofocus>
            {HOLD_KINDS.map((option) => (
              <option key={option} value={option}>
                {HOLD_KIND_LABELS[option]}
              </option>
            ))}
          </select>
        </Field>
        {kind === 'financial_inability' && (
          <Field name="program" label="Shown by" error={errors.of('program')}>
            <select value={program} onChange={(event) => setProgram(event.target.value as FinancialProgram)}>
              {FINANCIAL_PROGRAMS.map((option) => (
                <option key={option} value={option}>
                  {FINANCIAL_PROGRAM_LABELS[option]}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field name="startedOn" label="From" error={errors.of('startedOn')}>
          <input type="date" value={startedOn} onChange={(event) => setStartedOn(event.target.value)} />
        </Field>
        <Field name="notes" label="Notes (optional)" error={errors.of('notes')}>
          <input value={notes} onChange={(event) => setNotes(event.target.value)} maxLength={1000} />
        </Field>
        <FormActions onCancel={onClose} pending={submission.pending}>
          Record hold
        </FormActions>
      </Form>
    </Dialog>
  );
}

function NoticeDialog({ account, onClose, onDone }: DialogProps) {
  const [kind, setKind] = useState<NoticeKind>('written_notice');
  const [noticeDate, setNoticeDate] = useState(todayIso());
  const [notes, setNotes] = useState('');
  const submission = useSubmission();
  const errors = fieldErrors(submission.error, ['kind', 'noticeDate', 'notes'] as const);
  const send = async () => {
    const result = await submission.send('collections.recordNotice', { accountId: account.accountId, kind, noticeDate, notes });
    if (result.ok) onDone(`${NOTICE_KIND_LABELS[kind]} of ${noticeDate} recorded (${formatCents(result.value.amountDelinquentCents)} delinquent).`);
  };
  return (
    <Dialog title={`Record a notice to account ${account.accountNumber}`} onClose={onClose}>
      <Form onSubmit={() => void send()} error={submission.error} unplacedError={errors.unplaced} aria-label="Record a notice">
        <Field name="kind" label="What was given" error={errors.of('kind')}>
          <select value={kind} onChange={(event) => setKind(event.target.value as NoticeKind)} data-autofocus>
            {NOTICE_KINDS.map((option) => (
              <option key={option} value={option}>
                {NOTICE_KIND_LABELS[option]}
              </option>
            ))}
          </select>
        </Field>
        <Field name="noticeDate" label="Mailed, called or posted on" error={errors.of('noticeDate')}>
          <input type="date" value={noticeDate} onChange={(event) => setNoticeDate(event.target.value)} />
        </Field>
        <Field name="notes" label="Notes (optional)" error={errors.of('notes')}>
          <input value={notes} onChange={(event) => setNotes(event.target.value)} maxLength={1000} />
        </Field>
        <FormActions onCancel={onClose} pending={submission.pending}>
          Record notice
        </FormActions>
      </Form>
    </Dialog>
  );
}

/**
 * Ordering a shut-off. The operation checks every rule on the chosen day; its refusal (the rules
 * and the earliest lawful date) is shown above the form as an alert, announced at once, and the
 * focus goes to the date.
 */
function ShutoffDialog({ account, earliest, onClose, onDone }: DialogProps & { earliest: string | null }) {
  const [scheduledFor, setScheduledFor] = useState(todayIso());
  const [notes, setNotes] = useState('');
  const submission = useSubmission();
  // Only the notes are placed at their field: a refusal about the day is the whole answer, so it goes above.
  const errors = fieldErrors(submission.error, ['notes'] as const);
  const send = async () => {
    const result = await submission.send('workOrders.create', { accountId: account.accountId, type: 'shutoff', scheduledFor, notes }, { purpose: `Order a shut-off of account ${account.accountNumber}` });
    if (result.ok) onDone(`Shut-off ordered for ${scheduledFor} (work order ${result.value.workOrderId}).`);
  };
  return (
    <Dialog title={`Order a shut-off of account ${account.accountNumber}`} onClose={onClose}>
      <Form onSubmit={() => void send()} error={submission.error} unplacedError={errors.unplaced} aria-label="Order a shut-off">
        <p className="field-hint">Earliest lawful date now: {earliest ?? 'none yet'}. The office checks every rule again when you order.</p>
        <Field name="scheduledFor" label="Shut off on">
          <input type="date" value={scheduledFor} onChange={(event) => setScheduledFor(event.target.value)} data-autofocus />
        </Field>
        <Field name="notes" label="Notes for field staff (optional)" error={errors.of('notes')}>
          <input value={notes} onChange={(event) => setNotes(event.target.value)} maxLength={2000} />
        </Field>
        <FormActions onCancel={onClose} pending={submission.pending}>
          Order shut-off
        </FormActions>
      </Form>
    </Dialog>
  );
}
