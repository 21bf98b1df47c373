import { useState } from 'react';
import type { BatchView, Receipt } from '../../src-shared/contract/payments';
import { formatCents, parseDollars } from '../../src-shared/money';
import { useQuery, useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/fieldErrors';
import { Form } from '../ui/Form';
import { Loading } from './Loading';
import { ReceiptList } from './CounterPage';
import { TakePayment } from './TakePayment';

/**
 * Mail and drop-box payments in batches: the envelopes are counted and added up first (the
 * control count and total), each is keyed, and the batch closes only when the keyed ones match.
 */
export function BatchesPage() {
  const current = useQuery('drawer.current', {});
  const [batchId, setBatchId] = useState<number | null>(null);
  if (current.loading && current.data === undefined) return <Loading />;
  if (!current.data) return <p className="muted">Batches are keyed into your drawer: open it on the Counter page first.</p>;
  const openBatchId = batchId ?? current.data.openBatchIds[0] ?? null;
  if (openBatchId === null) return <OpenBatch onOpened={(batch) => setBatchId(batch.batchId)} />;
  // Closing the batch is news on the change feed: the drawer (its open batches) reloads itself.
  return <Batch key={openBatchId} batchId={openBatchId} onClosed={() => setBatchId(null)} />;
}

function OpenBatch({ onOpened }: { onOpened: (batch: BatchView) => void }) {
  const submission = useSubmission();
  const [channel, setChannel] = useState<'mail' | 'dropbox'>('mail');
  const [countText, setCountText] = useState('');
  const [totalText, setTotalText] = useState('');
  const [note, setNote] = useState('');
  const errors = fieldErrors(submission.error, ['channel', 'controlCount', 'controlTotalCents', 'note']);
  const submit = async () => {
    const result = await submission.send('batches.open', {
      channel,
      controlCount: /^\d+$/.test(countText.trim()) ? Number(countText.trim()) : -1,
      controlTotalCents: parseDollars(totalText) ?? -1,
      note,
    });
    if (result.ok) onOpened(result.value);
  };
  return (
    <section aria-label="Open a batch">
      <h2>Open a batch</h2>
      <p className="muted">Count the envelopes and add up the checks first; key the payments after.</p>
      <Form onSubmit={() => void submit()} error={submission.error} unplacedError={errors.unplaced} className="form form-narrow" aria-label="Open batch">
        <Field name="channel" label="Batch of" error={errors.of('channel')}>
          <select value={channel} onChange={(event) => setChannel(event.target.value as 'mail' | 'dropbox')} autoFocus>
            <option value="mail">Mail</option>
            <option value="dropbox">Drop box</option>
          </select>
        </Field>
        <div className="form-row">
          <Field name="controlCount" label="Control count (payments)" error={errors.of('controlCount')}>
            <input className="input-short" inputMode="numeric" value={countText} onChange={(event) => setCountText(event.target.value)} />
          </Field>
          <Field name="controlTotalCents" label="Control total ($)" error={errors.of('controlTotalCents')}>
            <input className="input-amount" inputMode="decimal" value={totalText} onChange={(event) => setTotalText(event.target.value)} />
          </Field>
        </div>
        <Field name="note" label="Note (optional)" error={errors.of('note')}>
          <input value={note} onChange={(event) => setNote(event.target.value)} />
        </Field>
        <div className="actions">
          <button type="submit" className="button-primary" disabled={submission.pending}>
            Open batch
          </button>
        </div>
      </Form>
    </section>
  );
}

function Batch({ batchId, onClosed }: { batchId: number; onClosed: () => void }) {
  const batch = useQuery('batches.get', { batchId });
  const entries = useQuery('payments.list', { batchId, limit: 5000 });
  const closing = useSubmission();
  const [last, setLast] = useState<Receipt | null>(null);
  const [correcting, setCorrecting] = useState<Receipt | null>(null);
  if (!batch.data) return batch.error ? <Alert kind="error">{batch.error.message}</Alert> : <Loading />;
  const view = batch.data;
  const matches = view.countDifference === 0 && view.totalDifferenceCents === 0;
  const changed = (receipt: Receipt) => {
    // The batch's figures and entries reload themselves from the change feed.
    setLast(receipt);
    setCorrecting(null);
  };
  const close = async () => {
    const result = await closing.send('batches.close', { batchId });
    if (result.ok) onClosed();
  };
  return (
    <div className="batch">
      <h2>
        {view.channel === 'mail' ? 'Mail' : 'Drop-box'} batch #{view.batchId}
      </h2>
      <table className="table batch-control" aria-label="Control and keyed">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col" className="num">Count</th>
            <th scope="col" className="num">Total</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Control (keyed first)</th>
            <td className="num">{view.controlCount}</td>
            <td className="num">{formatCents(view.controlTotalCents)}</td>
          </tr>
          <tr>
            <th scope="row">Entered so far</th>
            <td className="num">{view.entryCount}</td>
            <td className="num">{formatCents(view.entryTotalCents)}</td>
          </tr>
          <tr className={matches ? 'row-even' : 'row-off'}>
            <th scope="row">Still to enter</th>
            <td className="num" data-testid="batch-count-left">{-view.countDifference}</td>
            <td className="num">{formatCents(-view.totalDifferenceCents)}</td>
          </tr>
        </tbody>
      </table>
      <div className="actions">
        <button type="button" className="button-primary" disabled={!matches || closing.pending} onClick={() => void close()}>
          Close batch
        </button>
        {!matches && <span className="muted">The batch closes when the entries match the control count and total.</span>}
      </div>
      {closing.error && <Alert kind="error">{closing.error.message}</Alert>}
      {last && <Alert kind="success">Entered receipt {last.receiptNumber}: {formatCents(last.amountCents)} on {last.accounts.map((line) => line.accountNumber).join(', ')}.</Alert>}
      {correcting ? (
        <>
          <h3>Correct receipt {correcting.receiptNumber}</h3>
          <TakePayment key={correcting.paymentId} channel={view.channel} batchId={batchId} onPosted={changed} correcting={correcting} onCancelCorrection={() => setCorrecting(null)} />
        </>
      ) : (
        <>
          <h3>Key the next payment</h3>
          <TakePayment key="next" channel={view.channel} batchId={batchId} onPosted={changed} />
        </>
      )}
      <ReceiptList receipts={entries.data ?? []} onChanged={changed} title="Entries in this batch" onCorrect={view.status === 'open' ? setCorrecting : undefined} />
    </div>
  );
}
