import { useState } from 'react';
import type { DrawerReconciliationView, DrawerView } from '../../src-shared/contract/payments';
import { TENDER_KIND_LABELS } from '../../src-shared/contract/payments';
import { formatCents, parseDollars } from '../../src-shared/money';
import { newIdempotencyKey, useQuery, useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { fieldErrors, fieldId } from '../ui/fieldErrors';
import { Form } from '../ui/Form';
import { Loading } from './Loading';
import { useDebounced } from '../ui/useDebounced';
import { countCash, itemsInput, overShortText, type CountTexts, type ItemDraft } from './cashFormat';
import { DenominationSheet } from './DenominationSheet';

/** The end of the clerk's day: count, compare, explain any over/short, lock the drawer. */
export function CloseDrawerPage() {
  const current = useQuery('drawer.current', {});
  const [closed, setClosed] = useState<DrawerView | null>(null);
  if (closed) return <ClosedDrawer drawer={closed} />;
  if (current.loading && current.data === undefined) return <Loading />;
  if (current.error) return <Alert kind="error">{current.error.message}</Alert>;
  if (!current.data) return <p className="muted">You have no open drawer. Open one on the Counter page first.</p>;
  return <CloseDrawer drawer={current.data} onClosed={setClosed} />;
}

function CloseDrawer({ drawer, onClosed }: { drawer: DrawerView; onClosed: (drawer: DrawerView) => void }) {
  const submission = useSubmission();
  const receipts = useQuery('payments.list', { drawerId: drawer.drawerId, limit: 5000 });
  const [texts, setTexts] = useState<CountTexts>({});
  const [items, setItems] = useState<ItemDraft[] | null>(null);
  const [cardText, setCardText] = useState('');
  const [reason, setReason] = useState('');
  const [entryId] = useState(newIdempotencyKey);
  // The checks and money orders taken today, as a starting list the clerk checks against the drawer.
  const expectedItems: ItemDraft[] = (receipts.data ?? [])
    .filter((receipt) => receipt.status === 'posted')
    .flatMap((receipt) => receipt.tenders)
    .filter((tender) => tender.kind === 'check' || tender.kind === 'money_order')
    .map((tender) => ({ kind: tender.kind as 'check' | 'money_order', number: tender.itemNumber ?? '', amountText: (tender.amountCents / 100).toFixed(2) }));
  const itemDrafts = items ?? expectedItems;
  const cash = countCash(texts);
  const parsedItems = itemsInput(itemDrafts);
  const cardBatchTotalCents = cardText.trim() === '' ? null : parseDollars(cardText);
  const count = parsedItems.ok && cash.invalid.length === 0 ? { cash: cash.counts, items: parsedItems.value, cardBatchTotalCents } : null;
  const settled = useDebounced(count, 250);
  const preview = useQuery('drawer.closePreview', settled ? { drawerId: drawer.drawerId, count: settled } : null, { keepPrevious: true });
  const errors = fieldErrors(submission.error, ['overShortReason', 'count']);

  const setItem = (index: number, patch: Partial<ItemDraft>) => setItems(itemDrafts.map((item, at) => (at === index ? { ...item, ...patch } : item)));
  const submit = async () => {
    if (!count) return;
    const result = await submission.send('drawer.close', { drawerId: drawer.drawerId, count, overShortReason: reason, entryId });
    if (result.ok) onClosed(result.value);
  };

  return (
    <Form onSubmit={() => void submit()} error={submission.error} unplacedError={errors.unplaced} aria-label="Close drawer" className="form close-drawer">
      <p className="muted">
        Drawer #{drawer.drawerId}, {drawer.workstation}. Count the cash (the float included), check the list of checks and money orders against the drawer, then
        close. Closing locks the drawer: no more payments in it.
      </p>
      <div className="close-columns">
        <DenominationSheet texts={texts} onChange={setTexts} caption="Cash in the drawer" autoFocus />
        <div>
          <fieldset className="close-items">
            <legend>Checks and money orders in the drawer</legend>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">Number</th>
                  <th scope="col" className="num">Amount</th>
                  <th scope="col">
                    <span className="visually-hidden">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {itemDrafts.map((item, index) => (
                  <tr key={index}>
                    <td>
                      <select aria-label={`Item ${index + 1} kind`} value={item.kind} onChange={(event) => setItem(index, { kind: event.target.value as ItemDraft['kind'] })}>
                        <option value="check">Check</option>
                        <option value="money_order">Money order</option>
                      </select>
                    </td>
                    <td>
                      <input aria-label={`Item ${index + 1} number`} className="input-short" value={item.number} onChange={(event) => setItem(index, { number: event.target.value })} />
                    </td>
                    <td className="num">
                      <input
                        id={fieldId(`count.items.${index}.amountCents`)}
                        aria-label={`Item ${index + 1} amount`}
                        className="input-amount"
                        value={item.amountText}
                        onChange={(event) => setItem(index, { amountText: event.target.value })}
                      />
                    </td>
                    <td>
                      <button type="button" className="button-small" onClick={() => setItems(itemDrafts.filter((_, at) => at !== index))} aria-label={`Remove item ${index + 1}`}>
                        Remove
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button type="button" className="button-small" onClick={() => setItems([...itemDrafts, { kind: 'check', number: '', amountText: '' }])}>
              Add a check or money order
            </button>
            {!parsedItems.ok && <p className="field-error">{parsedItems.message}</p>}
          </fieldset>
          <div className="field">
            <label htmlFor="close-card-batch">Card terminal batch total (optional)</label>
            <input id="close-card-batch" className="input-amount" value={cardText} onChange={(event) => setCardText(event.target.value)} inputMode="decimal" />
          </div>
          {preview.data && <Comparison reconciliation={preview.data} />}
          {preview.error && <Alert kind="error">{preview.error.message}</Alert>}
          <div className="field">
            <label htmlFor={fieldId('overShortReason')}>Reason for any over/short</label>
            <input id={fieldId('overShortReason')} value={reason} onChange={(event) => setReason(event.target.value)} autoComplete="off" />
            {errors.of('overShortReason') && <p className="field-error">{errors.of('overShortReason')}</p>}
          </div>
          <div className="actions">
            <button type="submit" className="button-primary" disabled={submission.pending || !count}>
              Close and lock the drawer
            </button>
          </div>
        </div>
      </div>
    </Form>
  );
}

/** Expected vs counted per tender, the over/short, and the close's findings in words. */
export function Comparison({ reconciliation }: { reconciliation: DrawerReconciliationView }) {
  return (
    <section className="comparison" aria-label="Expected and counted">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Tender</th>
            <th scope="col" className="num">Expected</th>
            <th scope="col" className="num">Counted</th>
            <th scope="col" className="num">Over/short</th>
          </tr>
        </thead>
        <tbody>
          {reconciliation.comparisons.map((row) => (
            <tr key={row.tender} className={row.overShortCents ? 'row-off' : undefined}>
              <th scope="row">{TENDER_KIND_LABELS[row.tender]}</th>
              <td className="num">{formatCents(row.expectedCents)}</td>
              <td className="num">{row.countedCents === null ? '—' : formatCents(row.countedCents)}</td>
              <td className="num">{overShortText(row.overShortCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className={reconciliation.overShortCents === 0 ? 'over-short over-short-even' : 'over-short over-short-off'} data-testid="over-short">
        Drawer {overShortText(reconciliation.overShortCents).toLowerCase()}
      </p>
      {reconciliation.findings.length > 0 && (
        <ul className="findings">
          {reconciliation.findings.map((finding) => (
            <li key={finding}>{finding}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ClosedDrawer({ drawer }: { drawer: DrawerView }) {
  return (
    <section aria-label="Drawer closed">
      <Alert kind="success">
        Drawer #{drawer.drawerId} is closed and locked
        {drawer.reconciliation && drawer.reconciliation.overShortCents !== 0 ? ` — ${overShortText(drawer.reconciliation.overShortCents).toLowerCase()}, posted with the reason given` : ', balanced'}
        . Hand it to your supervisor for the deposit.
      </Alert>
      {drawer.reconciliation && <Comparison reconciliation={drawer.reconciliation} />}
    </section>
  );
}
