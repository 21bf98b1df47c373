import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { AccountSearchHit } from '../../src-shared/contract/accounts';
import { TENDER_KIND_LABELS, TENDER_KINDS, type Receipt, type TenderKind } from '../../src-shared/contract/payments';
import { formatCents, parseDollars } from '../../src-shared/money';
import { newIdempotencyKey, useQuery, useSubmission } from '../client';
import { Balance } from '../ui/Amount';
import { fieldErrors, fieldId } from '../ui/fieldErrors';
import { Form } from '../ui/Form';
import { useDebounced } from '../ui/useDebounced';
import { blankTender, creditSentence, draftsOfReceipt, hitFromAccount, nextTenders, pickHit, previewChange, suggestedAmountText, tendersInput, typedTenderAmounts, type TenderDraft } from './cashFormat';

interface AccountLine {
  account: AccountSearchHit;
  amountText: string;
}

interface TakePaymentProps {
  channel?: 'counter' | 'mail' | 'dropbox';
  batchId?: number;
  /** An account to start with (the account page's "Take payment"): added as if found and chosen. */
  startAccountId?: number | undefined;
  onPosted: (receipt: Receipt) => void;
  /**
   * A batch entry being corrected (its batch still open): the form starts from it and saving
   * replaces it (batches.correctEntry). Only in a batch.
   */
  correcting?: Receipt;
  onCancelCorrection?: () => void;
}

const SEARCH_ID = 'cash-account-search';
const focusSoon = (id: string) => window.setTimeout(() => document.getElementById(id)?.focus(), 0);

/**
 * One payment, start to finish, from the keyboard: type to find the account, Enter adds it (its
 * balance as the amount), type what the customer hands over, Enter posts. The payment's id is
 * made once when the payment starts, so a second Enter or a retry can never post it twice.
 */
export function TakePayment({ channel = 'counter', batchId, startAccountId, onPosted, correcting, onCancelCorrection }: TakePaymentProps) {
  const submission = useSubmission();
  const [paymentId, setPaymentId] = useState(newIdempotencyKey);
  const [reversalId] = useState(newIdempotencyKey);
  const [query, setQuery] = useState('');
  const [highlight, setHighlight] = useState(0);
  const [lines, setLines] = useState<AccountLine[]>(() => (correcting ? correcting.accounts.map(lineOfReceipt) : []));
  const [tenders, setTenders] = useState<TenderDraft[]>(() => (correcting ? draftsOfReceipt(correcting.tenders) : [blankTender(channel === 'counter' ? 'cash' : 'check')]));
  const [payerName, setPayerName] = useState(correcting?.payerName ?? '');
  const [changeAsCredit, setChangeAsCredit] = useState(false);
  const [localError, setLocalError] = useState<{ field: string; message: string } | null>(null);
  const postedRef = useRef(false);

  const settledQuery = useDebounced(query.trim(), 150);
  const search = useQuery('accounts.search', settledQuery.length >= 1 ? { query: settledQuery, limit: 8, includeClosed: false } : null, { keepPrevious: true });
  const hits = query.trim() === '' ? [] : (search.data ?? []);

  // Opened for one account: it is on the form with its balance as the amount, the cursor on the
  // tender, as though the clerk had found it here (no second search).
  const startAccount = useQuery('accounts.get', startAccountId === undefined ? null : { accountId: startAccountId });
  const startedWith = useRef<number | null>(null);
  useEffect(() => {
    const detail = startAccount.data;
    if (!detail || startedWith.current === detail.accountId) return;
    startedWith.current = detail.accountId;
    addAccount(hitFromAccount(detail));
  }, [startAccount.data]);

  const amountCents = lines.reduce((sum, line) => sum + (parseDollars(line.amountText) ?? 0), 0);
  const change = previewChange(amountCents, typedTenderAmounts(tenders));
  const error = localError ? { code: 'INVALID_INPUT' as const, message: localError.message, field: localError.field } : submission.error;
  const errors = fieldErrors(error, ['accounts', 'tenders', 'payerName', 'changeAsCredit']);

  const addAccount = (hit: AccountSearchHit) => {
    const known = lines.some((line) => line.account.accountId === hit.accountId);
    setLines((current) => (current.some((line) => line.account.accountId === hit.accountId) ? current : [...current, { account: hit, amountText: suggestedAmountText(hit.balanceCents) }]));
    // A kept check tender (the last envelope's) starts at what this account owes, like a new one.
    const only = tenders.length === 1 ? tenders[0] : undefined;
    if (!known && only && only.kind !== 'cash' && only.amountText === '' && hit.balanceCents > 0) setTender(0, { amountText: (hit.balanceCents / 100).toFixed(2) });
    setQuery('');
    setHighlight(0);
    focusSoon(fieldId('tenders.0.amountCents'));
  };

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setHighlight((index) => Math.max(0, Math.min(hits.length - 1, index + step)));
    } else if (event.key === 'Enter' && query.trim() !== '') {
      // Enter in the search picks the account; it posts only once the search box is empty.
      event.preventDefault();
      const hit = pickHit(hits, query, highlight);
      if (hit) addAccount(hit);
    } else if (event.key === 'Escape') {
      setQuery('');
    }
  };

  const setTender = (index: number, patch: Partial<TenderDraft>) =>
    setTenders((current) => current.map((tender, at) => (at === index ? { ...tender, ...patch } : tender)));

  const changeKind = (index: number, kind: TenderKind) => {
    const draft = tenders[index];
    // A check or card is usually for exactly what is still owed: offer that amount.
    const others = typedTenderAmounts(tenders.filter((_, at) => at !== index)).reduce((sum, tender) => sum + tender.amountCents, 0);
    const remaining = Math.max(0, amountCents - others);
    const amountText = draft && draft.amountText === '' && kind !== 'cash' && remaining > 0 ? (remaining / 100).toFixed(2) : (draft?.amountText ?? '');
    setTender(index, { kind, amountText });
  };

  const addTender = () => {
    const remaining = change.shortCents;
    setTenders((current) => [...current, blankTender('check', remaining > 0 ? (remaining / 100).toFixed(2) : '')]);
    focusSoon(`tender-${tenders.length}-kind`);
  };

  const reset = () => {
    setPaymentId(newIdempotencyKey());
    setLines([]);
    // At the counter each customer starts from cash; in a batch the next envelope is most
    // likely paid like the last (a stack of checks), so its tender kind (and bank) is kept.
    setTenders((current) => (channel === 'counter' ? [blankTender('cash')] : nextTenders(current)));
    setPayerName('');
    setChangeAsCredit(false);
    setLocalError(null);
    submission.clearError();
    focusSoon(SEARCH_ID);
  };

  const submit = async () => {
    if (postedRef.current) return;
    setLocalError(null);
    if (lines.length === 0) return setLocalError({ field: 'accounts', message: 'Find the account being paid: type its number, name or address above and press Enter' });
    for (const [index, line] of lines.entries()) {
      const cents = parseDollars(line.amountText);
      if (cents === null || cents <= 0) return setLocalError({ field: `accounts.${index}.amountCents`, message: `Enter what is paid on account ${line.account.accountNumber}, in dollars` });
    }
    const parsed = tendersInput(tenders);
    if (!parsed.ok) return setLocalError({ field: parsed.field, message: parsed.message });
    if (change.shortCents > 0) return setLocalError({ field: 'tenders.0.amountCents', message: `The tenders are ${formatCents(change.shortCents)} short of the ${formatCents(amountCents)} being paid` });
    postedRef.current = true;
    const payment = {
      accounts: lines.map((line) => ({ accountId: line.account.accountId, amountCents: parseDollars(line.amountText) ?? 0 })),
      tenders: parsed.value,
      changeAsCredit,
      payerName,
    };
    const result = correcting
      ? await submission.send('batches.correctEntry', { paymentId: correcting.paymentId, entryId: reversalId, newPaymentId: paymentId, ...payment })
      : await submission.send('payments.take', { paymentId, channel, ...(batchId === undefined ? {} : { batchId }), ...payment });
    postedRef.current = false;
    if (!result.ok) return;
    onPosted(result.value);
    reset();
  };

  const credit = creditSentence(amountCents, typedTenderAmounts(tenders), change, changeAsCredit);
  const postsCents = change.shortCents > 0 ? amountCents : change.tenderedCents - (changeAsCredit ? 0 : change.changeCents);
  const submitText = submission.pending ? 'Posting…' : correcting ? `Save the corrected entry ${formatCents(postsCents)}` : `Post payment ${formatCents(postsCents)}`;
  return (
    <Form onSubmit={() => void submit()} error={error} unplacedError={errors.unplaced} className="form take-payment" aria-label={correcting ? `Correct receipt ${correcting.receiptNumber}` : 'Take a payment'}>
      {correcting && (
        <p className="correcting-note" role="status">
          Correcting receipt {correcting.receiptNumber} ({formatCents(correcting.amountCents)}). Saving replaces it with a new receipt; the batch is still open, so no supervisor is needed.
        </p>
      )}
      <div className="account-search">
        <label htmlFor={SEARCH_ID}>Account</label>
        <input
          id={SEARCH_ID}
          value={query}
          autoFocus
          autoComplete="off"
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls="cash-account-hits"
          aria-activedescendant={hits.length > 0 ? `cash-hit-${highlight}` : undefined}
          placeholder="Number, name, address or phone"
          onChange={(event) => {
            setQuery(event.target.value);
            setHighlight(0);
          }}
          onKeyDown={onSearchKey}
        />
        {hits.length > 0 && (
          <ul id="cash-account-hits" role="listbox" className="account-hits" aria-label="Matching accounts">
            {hits.map((hit, index) => (
              <li
                key={hit.accountId}
                id={`cash-hit-${index}`}
                role="option"
                aria-selected={index === highlight}
                onMouseDown={(event) => {
                  event.preventDefault();
                  addAccount(hit);
                }}
              >
                <strong>{hit.accountNumber}</strong> <bdi>{hit.customerName}</bdi>
                <span className="muted"> <bdi>{hit.serviceAddress}</bdi></span>
                <span className="hit-balance">
                  <Balance cents={hit.balanceCents} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>

      {lines.length > 0 ? (
        <table className="table payment-accounts">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col" className="num">Owes</th>
              <th scope="col" className="num">Paying</th>
              <th scope="col"><span className="visually-hidden">Remove</span></th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line, index) => (
              <tr key={line.account.accountId}>
                <td>
                  <strong className="nowrap">{line.account.accountNumber}</strong> <bdi>{line.account.customerName}</bdi>
                  <div className="muted">{line.account.serviceAddress}</div>
                </td>
                <td className="num">
                  <Balance cents={line.account.balanceCents} />
                </td>
                <td className="num">
                  <input
                    id={fieldId(`accounts.${index}.amountCents`)}
                    className="input-amount"
                    inputMode="decimal"
                    aria-label={`Paying on ${line.account.accountNumber}`}
                    value={line.amountText}
                    onFocus={(event) => event.target.select()}
                    onChange={(event) => setLines((current) => current.map((item, at) => (at === index ? { ...item, amountText: event.target.value } : item)))}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="button-small"
                    tabIndex={-1}
                    aria-label={`Remove ${line.account.accountNumber}`}
                    onClick={() => setLines((current) => current.filter((_, at) => at !== index))}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
          {lines.length > 1 && (
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>Total on this receipt</th>
                <td className="num">{formatCents(amountCents)}</td>
                <td />
              </tr>
            </tfoot>
          )}
        </table>
      ) : (
        <p className="muted empty-accounts">No account yet. Several accounts can go on one receipt: find and add each.</p>
      )}
      {errors.of('accounts') && <p className="field-error">{errors.of('accounts')}</p>}
      {startAccount.error && <p className="field-error" role="alert">{startAccount.error.message}</p>}

      <fieldset className="tenders">
        <legend>Tendered</legend>
        {tenders.map((tender, index) => (
          <TenderRow
            key={index}
            index={index}
            tender={tender}
            onKind={(kind) => changeKind(index, kind)}
            onChange={(patch) => setTender(index, patch)}
            onRemove={tenders.length > 1 ? () => setTenders((current) => current.filter((_, at) => at !== index)) : undefined}
          />
        ))}
        <button type="button" className="button-small" onClick={addTender}>
          Add a tender (split payment)
        </button>
        {errors.of('tenders') && <p className="field-error">{errors.of('tenders')}</p>}
      </fieldset>

      <div className="form-row">
        <div className="field">
          <label htmlFor={fieldId('payerName')}>Paid by (optional)</label>
          <input id={fieldId('payerName')} value={payerName} onChange={(event) => setPayerName(event.target.value)} autoComplete="off" />
        </div>
        <label className="choice change-credit">
          <input type="checkbox" checked={changeAsCredit} onChange={(event) => setChangeAsCredit(event.target.checked)} /> Leave the change on the account
        </label>
      </div>

      {lines.length > 0 && <ChangeDue amountCents={amountCents} change={change} changeAsCredit={changeAsCredit} credit={credit} />}

      <div className="actions">
        <button type="submit" className="button-primary" disabled={submission.pending}>
          {submitText} <kbd>Enter</kbd>
        </button>
        {correcting ? (
          <button type="button" onClick={onCancelCorrection}>
            Keep the entry as it is
          </button>
        ) : (
          <button type="button" onClick={reset}>
            Clear
          </button>
        )}
      </div>
    </Form>
  );
}

/** A receipt's account line as the form's line (what it owed before this payment). */
function lineOfReceipt(line: Receipt['accounts'][number]): AccountLine {
  const balanceCents = line.balanceAfterCents + line.amountCents;
  const account: AccountSearchHit = { accountId: line.accountId, accountNumber: line.accountNumber, customerName: line.customerName, serviceAddress: line.serviceAddress, status: 'active', balanceCents, meterSerials: [], phone: '' };
  return { account, amountText: (line.amountCents / 100).toFixed(2) };
}

interface ChangeDueProps {
  amountCents: number;
  change: ReturnType<typeof previewChange>;
  changeAsCredit: boolean;
  /** "Check $200.00: pays $133.49, leaves a credit of $66.51", when part stays as a credit. */
  credit: string | null;
}

function ChangeDue({ amountCents, change, changeAsCredit, credit }: ChangeDueProps) {
  const short = change.shortCents > 0;
  return (
    <div className={short ? 'change-due change-due-short' : 'change-due'} aria-live="polite" data-testid="change-due">
      <div>
        <span className="change-label">Paying</span> <span className="amount">{formatCents(amountCents)}</span>
        <span className="change-label"> Tendered</span> <span className="amount">{formatCents(change.tenderedCents)}</span>
      </div>
      {short ? (
        <div className="change-big">Still due {formatCents(change.shortCents)}</div>
      ) : credit !== null && (changeAsCredit || change.changeCents === 0) ? (
        <div className="change-big change-credit" data-testid="tender-credit">{credit}</div>
      ) : credit !== null ? (
        <>
          <div className="change-big">Change due {formatCents(change.changeCents)}</div>
          <div className="change-credit" data-testid="tender-credit">{credit}</div>
        </>
      ) : (
        <div className="change-big">
          {changeAsCredit ? 'Change to credit' : 'Change due'} {formatCents(change.changeCents)}
        </div>
      )}
    </div>
  );
}

interface TenderRowProps {
  index: number;
  tender: TenderDraft;
  onKind: (kind: TenderKind) => void;
  onChange: (patch: Partial<TenderDraft>) => void;
  onRemove: (() => void) | undefined;
}

/** One tender: its kind, amount and the details its kind needs (never a card number). */
function TenderRow({ index, tender, onKind, onChange, onRemove }: TenderRowProps) {
  const id = (name: string) => fieldId(`tenders.${index}.${name}`);
  const text = (name: keyof TenderDraft, label: string, extra: { className?: string; inputMode?: 'numeric'; maxLength?: number } = {}) => (
    <div className="field">
      <label htmlFor={id(name)}>{label}</label>
      <input id={id(name)} autoComplete="off" value={tender[name]} onChange={(event) => onChange({ [name]: event.target.value })} {...extra} />
    </div>
  );
  return (
    <div className="tender-row" data-tender={index}>
      <div className="field">
        <label htmlFor={`tender-${index}-kind`}>Tender {index + 1}</label>
        <select id={`tender-${index}-kind`} value={tender.kind} onChange={(event) => onKind(event.target.value as TenderKind)}>
          {TENDER_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {TENDER_KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={id('amountCents')}>{tender.kind === 'cash' ? 'Cash handed over' : 'Amount'}</label>
        <input
          id={id('amountCents')}
          className="input-amount"
          inputMode="decimal"
          autoComplete="off"
          value={tender.amountText}
          onFocus={(event) => event.target.select()}
          onChange={(event) => onChange({ amountText: event.target.value })}
        />
      </div>
      {tender.kind === 'check' && (
        <>
          {text('checkNumber', 'Check number', { className: 'input-short', inputMode: 'numeric', maxLength: 12 })}
          {text('bank', 'Bank (optional)')}
        </>
      )}
      {tender.kind === 'card' && (
        <>
          {text('lastFour', 'Last four digits', { className: 'input-short', inputMode: 'numeric', maxLength: 4 })}
          {text('authorizationCode', 'Authorisation code', { className: 'input-short', maxLength: 12 })}
        </>
      )}
      {tender.kind === 'money_order' && (
        <>
          {text('serialNumber', 'Money order number', { className: 'input-short', maxLength: 12 })}
          {text('issuer', 'Issuer (optional)')}
        </>
      )}
      {onRemove && (
        <button type="button" className="button-small tender-remove" onClick={onRemove}>
          Remove
        </button>
      )}
    </div>
  );
}
