import { useState } from 'react';
import type { DepositPreview, DepositSlip, EndOfDayReport } from '../../src-shared/contract/payments';
import type { AuditSeal } from '../../src-shared/contract/system';
import { TENDER_KIND_LABELS } from '../../src-shared/contract/payments';
import { formatCents } from '../../src-shared/money';
import { client, newIdempotencyKey, useQuery, useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { Form, FormActions } from '../ui/Form';
import { formatDate, todayIso } from '../ui/format';
import { Loading } from './Loading';
import { assertionFigure, overShortText } from './cashFormat';
import { PdfButton } from './PdfButton';

/** The supervisor's day: every drawer, the bank deposit of closed ones, the end-of-day report. */
export function SupervisorPage() {
  const businessDate = todayIso();
  const drawers = useQuery('drawer.list', { status: 'all', businessDate });
  const report = useQuery('endOfDay.report', { businessDate });
  // Both reload themselves when the cash area changes (change feed): a drawer closed at a counter,
  // a payment taken, this page's own deposit or finalising.
  return (
    <div className="supervisor">
      <Drawers drawers={drawers.data} loading={drawers.loading} error={drawers.error?.message} />
      {report.data ? <EndOfDay report={report.data} /> : report.error ? <Alert kind="error">{report.error.message}</Alert> : <Loading />}
    </div>
  );
}

type DrawerRows = ReturnType<typeof useQuery<'drawer.list'>>['data'];

function Drawers({ drawers, loading, error }: { drawers: DrawerRows; loading: boolean; error: string | undefined }) {
  const submission = useSubmission();
  const [chosen, setChosen] = useState<number[]>([]);
  const [depositId] = useState(newIdempotencyKey);
  const [slip, setSlip] = useState<DepositSlip | null>(null);
  const [preview, setPreview] = useState<DepositPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  if (error) return <Alert kind="error">{error}</Alert>;
  if (!drawers) return loading ? <Loading /> : null;
  // The totals come from the main process, figured as the deposit will be: confirm, then post.
  const review = async () => {
    setPreviewError(null);
    setPreviewing(true);
    const result = await client.call('deposit.preview', { drawerIds: chosen });
    setPreviewing(false);
    if (result.ok) setPreview(result.value);
    else setPreviewError(result.error.message);
  };
  const deposit = async () => {
    const result = await submission.send('deposit.create', { depositId, drawerIds: chosen });
    if (!result.ok) return;
    setPreview(null);
    setSlip(result.value);
    setChosen([]);
  };
  return (
    <section aria-label="Drawers today">
      <h2>Drawers today</h2>
      {drawers.length === 0 ? (
        <p className="muted">No drawer has been opened today.</p>
      ) : (
        <table className="table drawers-table">
          <thead>
            <tr>
              <th scope="col">Deposit</th>
              <th scope="col">Drawer</th>
              <th scope="col">Clerk</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">Payments</th>
              <th scope="col" className="num">Cash expected</th>
              <th scope="col" className="num">Checks</th>
              <th scope="col" className="num">Card</th>
              <th scope="col">Over/short</th>
            </tr>
          </thead>
          <tbody>
            {drawers.map((drawer) => (
              <tr key={drawer.drawerId}>
                <td>
                  {drawer.nothingToDeposit ? (
                    <span className="muted">Nothing to deposit</span>
                  ) : drawer.status === 'closed' ? (
                    <input
                      type="checkbox"
                      aria-label={`Deposit drawer ${drawer.drawerId}`}
                      checked={chosen.includes(drawer.drawerId)}
                      onChange={(event) => setChosen(event.target.checked ? [...chosen, drawer.drawerId] : chosen.filter((id) => id !== drawer.drawerId))}
                    />
                  ) : drawer.depositId !== null ? (
                    <PdfButton op="deposit.slipPdf" input={{ depositId: drawer.depositId }} label={`Slip #${drawer.depositId}`} />
                  ) : null}
                </td>
                <td>
                  #{drawer.drawerId} {drawer.workstation}
                </td>
                <td>{drawer.clerk}</td>
                <td>
                  <span className={`drawer-status drawer-status-${drawer.status}`}>{drawer.status}</span>
                </td>
                <td className="num">{drawer.totals.paymentCount}</td>
                <td className="num">{formatCents(drawer.totals.expectedCashCents)}</td>
                <td className="num">{formatCents(drawer.totals.checkCents + drawer.totals.moneyOrderCents)}</td>
                <td className="num">{formatCents(drawer.totals.cardCents)}</td>
                <td>
                  {drawer.reconciliation ? overShortText(drawer.reconciliation.overShortCents) : '—'}
                  {drawer.overShortReason && <div className="muted">{drawer.overShortReason}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        <button type="button" className="button-primary" disabled={chosen.length === 0 || previewing || submission.pending} aria-describedby={chosen.length === 0 ? 'deposit-why' : undefined} onClick={() => void review()}>
          Make the deposit of {chosen.length === 0 ? 'the chosen drawers' : `${chosen.length} drawer${chosen.length === 1 ? '' : 's'}`}…
        </button>
        {chosen.length === 0 && (
          <span id="deposit-why" className="muted">
            Tick the closed drawers going to the bank.
          </span>
        )}
      </div>
      {previewError && <Alert kind="error">{previewError}</Alert>}
      {preview && <ConfirmDeposit preview={preview} pending={submission.pending} error={submission.error?.message} onConfirm={() => void deposit()} onCancel={() => { setPreview(null); submission.clearError(); }} />}
      {!preview && submission.error && <Alert kind="error">{submission.error.message}</Alert>}
      {slip && <SlipSummary slip={slip} />}
    </section>
  );
}

interface ConfirmDepositProps {
  preview: DepositPreview;
  pending: boolean;
  error: string | undefined;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The deposit's totals before it posts: the drawers become "deposited" and cannot change after. */
function ConfirmDeposit({ preview, pending, error, onConfirm, onCancel }: ConfirmDepositProps) {
  const drawers = `${preview.drawerIds.length} drawer${preview.drawerIds.length === 1 ? '' : 's'}`;
  return (
    <Dialog title="Confirm the deposit" onClose={onCancel}>
      <p>
        The deposit of {drawers} (#{preview.drawerIds.join(', #')}) goes to the bank as below. Once made, these drawers are marked deposited and cannot change.
      </p>
      <table className="table confirm-totals" aria-label="Deposit totals">
        <tbody>
          <tr>
            <th scope="row">Currency</th>
            <td className="num">{formatCents(preview.currencyCents)}</td>
          </tr>
          <tr>
            <th scope="row">Coin</th>
            <td className="num">{formatCents(preview.coinCents)}</td>
          </tr>
          <tr>
            <th scope="row">
              {preview.items.length} check{preview.items.length === 1 ? '' : 's'} and money orders
            </th>
            <td className="num">{formatCents(preview.itemsCents)}</td>
          </tr>
          <tr className="confirm-total">
            <th scope="row">Deposit total</th>
            <td className="num" data-testid="deposit-total">{formatCents(preview.totalCents)}</td>
          </tr>
        </tbody>
      </table>
      {error && <Alert kind="error">{error}</Alert>}
      <Form onSubmit={onConfirm} error={null} unplacedError={undefined} aria-label="Confirm the deposit">
        <FormActions onCancel={onCancel} pending={pending}>
          Make the deposit of {formatCents(preview.totalCents)}
        </FormActions>
      </Form>
    </Dialog>
  );
}

function SlipSummary({ slip }: { slip: DepositSlip }) {
  return (
    <div className="slip-summary" aria-label={`Deposit ${slip.depositId}`}>
      <Alert kind="success">
        Deposit #{slip.depositId}: currency {formatCents(slip.currencyCents)}, coin {formatCents(slip.coinCents)}, {slip.items.length} check
        {slip.items.length === 1 ? '' : 's'} and money orders {formatCents(slip.itemsCents)} — total {formatCents(slip.totalCents)}.
      </Alert>
      <PdfButton op="deposit.slipPdf" input={{ depositId: slip.depositId }} label="Print deposit slip" />
    </div>
  );
}

/** The audit chain's head sealed at finalising, as printed on the report's PDF. */
function AuditSealLine({ seal }: { seal: AuditSeal }) {
  return (
    <p className="muted audit-seal" aria-label="Audit seal">
      Audit seal: the audit trail ended at record {seal.seq} (office key {seal.keyId}). Record hash <code>{seal.hash}</code>, seal{' '}
      <code>{seal.seal}</code>.
    </p>
  );
}

function EndOfDay({ report }: { report: EndOfDayReport }) {
  const submission = useSubmission();
  const [confirming, setConfirming] = useState(false);
  const finalise = async () => {
    const result = await submission.send('endOfDay.finalise', { businessDate: report.businessDate });
    if (!result.ok) return;
    // The report (now finalised) reloads itself from the change feed.
    setConfirming(false);
  };
  const failing = report.assertions.filter((assertion) => !assertion.ok);
  const blockedBecause = finaliseBlockedBecause(report);
  return (
    <section aria-label="End of day" className="end-of-day">
      <h2>End of day</h2>
      {report.finalised ? (
        <>
          <Alert kind="success">Finalised by {report.finalised.by}.</Alert>
          {report.finalised.auditSeal && <AuditSealLine seal={report.finalised.auditSeal} />}
        </>
      ) : failing.length > 0 ? (
        <Alert kind="error">Does not balance: {failing.length === 1 ? 'one check disagrees' : `${failing.length} checks disagree`} (marked below). It cannot be finalised until they agree.</Alert>
      ) : (
        <Alert kind="info">Every check agrees: the day can be finalised.</Alert>
      )}
      <table className="table assertions">
        <thead>
          <tr>
            <th scope="col">Check</th>
            <th scope="col" className="num">Left</th>
            <th scope="col" className="num">Right</th>
            <th scope="col">Where they disagree</th>
          </tr>
        </thead>
        <tbody>
          {report.assertions.map((assertion) => (
            <tr key={assertion.name} className={assertion.ok ? 'assertion-ok' : 'assertion-fails'}>
              <th scope="row">
                <span className="assertion-mark">{assertion.ok ? 'OK' : 'Fails'}</span> {assertion.name}
              </th>
              <td className="num">{assertionFigure(assertion, assertion.leftCents)}</td>
              <td className="num">{assertionFigure(assertion, assertion.rightCents)}</td>
              <td>{assertion.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="eod-figures">
        <table className="table">
          <caption>Payments by tender</caption>
          <tbody>
            {report.byTender.map((row) => (
              <tr key={row.tender}>
                <th scope="row">{TENDER_KIND_LABELS[row.tender]}</th>
                <td className="num">{row.count}</td>
                <td className="num">{formatCents(row.amountCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <dl className="eod-totals">
          <div>
            <dt>Payment register</dt>
            <dd>{formatCents(report.paymentRegisterCents)}</dd>
          </div>
          <div>
            <dt>Receipt register</dt>
            <dd>{formatCents(report.receiptRegisterCents)}</dd>
          </div>
          <div>
            <dt>Change given</dt>
            <dd>{formatCents(report.changeCents)}</dd>
          </div>
          <div>
            <dt>Over/short</dt>
            <dd>{overShortText(report.overShortCents)}</dd>
          </div>
          <div>
            <dt>Voids</dt>
            <dd>{report.voids.length}</dd>
          </div>
          <div>
            <dt>Deposits</dt>
            <dd>{formatCents(report.deposits.reduce((sum, deposit) => sum + deposit.totalCents, 0))}</dd>
          </div>
        </dl>
      </div>
      <div className="actions">
        {/* Keyed by the finalised state: the PDF made before finalising says "not yet finalised". */}
        <PdfButton
          key={report.finalised ? 'final' : 'draft'}
          op="endOfDay.pdf"
          input={{ businessDate: report.businessDate }}
          label={report.finalised ? 'Print the finalised end-of-day report' : 'Print end-of-day report (draft)'}
        />
        {!report.finalised && (
          <button type="button" className="button-primary" onClick={() => setConfirming(true)} disabled={blockedBecause !== null || submission.pending} aria-describedby={blockedBecause ? 'finalise-why' : undefined}>
            Finalise the day…
          </button>
        )}
        {!report.finalised && blockedBecause && (
          <span id="finalise-why" className="muted" data-testid="finalise-why">
            {blockedBecause}
          </span>
        )}
      </div>
      {!confirming && submission.error && <Alert kind="error">{submission.error.message}</Alert>}
      {confirming && (
        <ConfirmFinalise report={report} pending={submission.pending} error={submission.error?.message} onConfirm={() => void finalise()} onCancel={() => { setConfirming(false); submission.clearError(); }} />
      )}
    </section>
  );
}

/** Why the day cannot be finalised yet, in words; null when it can. */
function finaliseBlockedBecause(report: Pick<EndOfDayReport, 'assertions' | 'finalised'>): string | null {
  if (report.finalised) return null;
  const failing = report.assertions.filter((assertion) => !assertion.ok);
  if (failing.length === 0) return null;
  // The first disagreement in words ("drawer 3 (Carla Clerk, Counter 1) is still open"); the table above lists them all.
  const first = failing[0] as (typeof failing)[number];
  const more = failing.length > 1 ? ` (and ${failing.length - 1} more check${failing.length > 2 ? 's' : ''} above)` : '';
  return `Cannot finalise yet: ${first.detail === '' ? `${first.name} disagrees` : first.detail}${more}.`;
}

interface ConfirmFinaliseProps {
  report: EndOfDayReport;
  pending: boolean;
  error: string | undefined;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The day's totals before finalising seals it (the audit chain's head goes into the report). */
function ConfirmFinalise({ report, pending, error, onConfirm, onCancel }: ConfirmFinaliseProps) {
  const depositsCents = report.deposits.reduce((sum, deposit) => sum + deposit.totalCents, 0);
  return (
    <Dialog title={`Finalise ${formatDate(report.businessDate)}`} onClose={onCancel}>
      <p>Finalising seals the day: its report and the audit trail up to now cannot change after. Check the totals.</p>
      <table className="table confirm-totals" aria-label="End-of-day totals">
        <tbody>
          <tr>
            <th scope="row">Payment register</th>
            <td className="num" data-testid="finalise-payments">{formatCents(report.paymentRegisterCents)}</td>
          </tr>
          <tr>
            <th scope="row">Deposits</th>
            <td className="num">{formatCents(depositsCents)}</td>
          </tr>
          <tr>
            <th scope="row">Over/short</th>
            <td className="num">{overShortText(report.overShortCents)}</td>
          </tr>
          <tr>
            <th scope="row">Voids</th>
            <td className="num">{report.voids.length}</td>
          </tr>
        </tbody>
      </table>
      {error && <Alert kind="error">{error}</Alert>}
      <Form onSubmit={onConfirm} error={null} unplacedError={undefined} aria-label="Confirm finalising">
        <FormActions onCancel={onCancel} pending={pending}>
          Finalise the day
        </FormActions>
      </Form>
    </Dialog>
  );
}
