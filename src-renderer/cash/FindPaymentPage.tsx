/**
 * Find payment (/cash/find): a past receipt by check or money-order number, receipt number,
 * account and business days — the check that bounces next week, after its drawer was closed and
 * deposited. Enter searches; the focus goes to the results, where ↑/↓ move and Enter opens the
 * receipt: reprint, and for a check payment "Return check…" (reason, then a supervisor's
 * approval). /cash/find/payment/<paymentId> opens one receipt directly (the account ledger's link).
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { AccountSearchHit } from '../../src-shared/contract/accounts';
import type { Receipt } from '../../src-shared/contract/payments';
import { formatCents } from '../../src-shared/money';
import type { OperationError } from '../../src-shared/result';
import { client, useQuery } from '../client';
import { Alert } from '../ui/Alert';
import { Balance } from '../ui/Amount';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/fieldErrors';
import { Form } from '../ui/Form';
import { formatDate } from '../ui/format';
import { EMPTY_FIND_FORM, FIND_LIMIT, movedIndex, returnCheckBlockedBy, searchInputOf, shortTender, type FindForm } from './findPayment';
import { ReasonDialog, ReceiptView, StatusTag } from './ReceiptView';

const FIELDS = ['checkNumber', 'receiptNumber', 'accountId', 'fromDate', 'toDate'] as const;
const ACCOUNT_CHOICES = 6;

type AccountAnswer = { accountId: number | null } | { error: OperationError; choices: AccountSearchHit[] };

/** The account box → an id: an exact account number, else a name or address with one match. */
async function resolveAccount(text: string): Promise<AccountAnswer> {
  const typed = text.trim();
  if (typed === '') return { accountId: null };
  const exact = await client.call('accounts.findByNumber', { accountNumber: typed });
  if (exact.ok) return { accountId: exact.value.accountId };
  const search = await client.call('accounts.search', { query: typed, limit: ACCOUNT_CHOICES });
  if (!search.ok) return { error: { ...search.error, field: 'accountId' }, choices: [] };
  if (search.value.length === 1) return { accountId: (search.value[0] as AccountSearchHit).accountId };
  const message = search.value.length === 0 ? `No account matches "${typed}"` : `Several accounts match "${typed}": choose one below`;
  return { error: { code: search.value.length === 0 ? 'NOT_FOUND' : 'INVALID_INPUT', message, field: 'accountId' }, choices: search.value };
}

export function FindPaymentPage({ paymentId }: { paymentId?: string | undefined }) {
  const [form, setForm] = useState<FindForm>(EMPTY_FIND_FORM);
  const [results, setResults] = useState<Receipt[] | null>(null);
  const [error, setError] = useState<OperationError | null>(null);
  const [choices, setChoices] = useState<AccountSearchHit[]>([]);
  const [pending, setPending] = useState(false);
  const [activeIndex, setActiveIndex] = useState(0);
  const [opened, setOpened] = useState<Receipt | null>(null);
  const table = useRef<HTMLTableElement>(null);
  const receiptPane = useRef<HTMLElement>(null);
  // A receipt opened from the results is brought into view; the focus stays in the results.
  useEffect(() => {
    if (opened) receiptPane.current?.scrollIntoView({ block: 'nearest' });
  }, [opened?.paymentId]);
  const errors = fieldErrors(error, FIELDS);

  // Each search with results hands the focus to them (after they render) so ↑/↓ and Enter work at once.
  const [focusResults, setFocusResults] = useState(0);
  useEffect(() => {
    if (focusResults > 0) table.current?.focus();
  }, [focusResults]);

  const showResults = (receipts: Receipt[], open: Receipt | null) => {
    setResults(receipts);
    setActiveIndex(0);
    setOpened(open);
    if (receipts.length > 0) setFocusResults((count) => count + 1);
  };

  const search = async (values: FindForm = form) => {
    setPending(true);
    setError(null);
    setChoices([]);
    const account = await resolveAccount(values.account);
    if ('error' in account) {
      setPending(false);
      setError(account.error);
      setChoices(account.choices);
      return;
    }
    const found = await client.call('payments.search', searchInputOf(values, account.accountId));
    setPending(false);
    if (!found.ok) return setError(found.error);
    showResults(found.value, null);
  };

  // Opened from an account's ledger: that one receipt, found by its number.
  useEffect(() => {
    if (!paymentId) return;
    void client.call('payments.receipt', { paymentId }).then((found) => {
      if (!found.ok) return setError(found.error);
      setForm({ ...EMPTY_FIND_FORM, receiptNumber: found.value.receiptNumber });
      showResults([found.value], found.value);
    });
  }, [paymentId]);

  const set = (name: keyof FindForm) => (value: string) => setForm((previous) => ({ ...previous, [name]: value }));
  const changed = (receipt: Receipt) => {
    setOpened(receipt);
    setResults((previous) => previous?.map((row) => (row.paymentId === receipt.paymentId ? receipt : row)) ?? null);
  };

  return (
    <div className="find-payment">
      <section className="find-form" aria-label="Find a payment">
        <Form onSubmit={() => void search()} error={error} unplacedError={errors.unplaced} aria-label="Find a payment" className="form find-fields">
          <Field name="checkNumber" label="Check no." error={errors.of('checkNumber')}>
            <input value={form.checkNumber} onChange={(event) => set('checkNumber')(event.target.value)} autoComplete="off" autoFocus={!paymentId} />
          </Field>
          <Field name="receiptNumber" label="Receipt no." error={errors.of('receiptNumber')}>
            <input value={form.receiptNumber} onChange={(event) => set('receiptNumber')(event.target.value)} autoComplete="off" />
          </Field>
          <Field name="accountId" label="Account" error={errors.of('accountId')}>
            <input value={form.account} onChange={(event) => set('account')(event.target.value)} autoComplete="off" placeholder="Number or name" />
          </Field>
          <Field name="fromDate" label="From" error={errors.of('fromDate')}>
            <input type="date" value={form.fromDate} onChange={(event) => set('fromDate')(event.target.value)} />
          </Field>
          <Field name="toDate" label="To" error={errors.of('toDate')}>
            <input type="date" value={form.toDate} onChange={(event) => set('toDate')(event.target.value)} />
          </Field>
          <div className="find-submit">
            <button type="submit" className="button-primary" disabled={pending}>
              {pending ? 'Searching…' : 'Search'}
            </button>
          </div>
        </Form>
        {choices.length > 0 && (
          <ul className="find-account-choices" aria-label="Matching accounts">
            {choices.map((hit) => (
              <li key={hit.accountId}>
                <button
                  type="button"
                  className="button-small"
                  onClick={() => {
                    const next = { ...form, account: hit.accountNumber };
                    setForm(next);
                    void search(next);
                  }}
                >
                  {hit.accountNumber}
                </button>{' '}
                <bdi>{hit.customerName}</bdi> · <bdi>{hit.serviceAddress}</bdi>
              </li>
            ))}
          </ul>
        )}
        <p className="muted find-hint">Enter searches. “Check no.” finds money-order numbers too, leading zeros or not. Fill any boxes; all must match.</p>
      </section>
      <div className="find-columns">
        <section className="find-results" aria-label="Payments found">
          {results === null ? (
            <p className="muted">Search by the check number from the bank’s return notice, the receipt number, or the account.</p>
          ) : (
            <ResultTable receipts={results} activeIndex={activeIndex} setActiveIndex={setActiveIndex} onOpen={setOpened} tableRef={table} />
          )}
        </section>
        <aside className="counter-side find-receipt" ref={receiptPane}>
          {opened ? <OpenedReceipt key={opened.paymentId} receipt={opened} onChanged={changed} /> : <p className="muted receipt-placeholder">Choose a payment (↑/↓, Enter) to see its receipt.</p>}
        </aside>
      </div>
    </div>
  );
}

interface ResultTableProps {
  receipts: readonly Receipt[];
  activeIndex: number;
  setActiveIndex: (index: number) => void;
  onOpen: (receipt: Receipt) => void;
  tableRef: React.RefObject<HTMLTableElement | null>;
}

function ResultTable({ receipts, activeIndex, setActiveIndex, onOpen, tableRef }: ResultTableProps) {
  if (receipts.length === 0) return <p className="muted">No payment matches.</p>;
  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const next = movedIndex(event.key, activeIndex, receipts.length);
    if (next !== null) {
      event.preventDefault();
      setActiveIndex(next);
      document.getElementById(`found-${receipts[next]?.paymentId}`)?.scrollIntoView({ block: 'nearest' });
    } else if (event.key === 'Enter' && receipts[activeIndex]) {
      event.preventDefault();
      onOpen(receipts[activeIndex]);
    }
  };
  const active = receipts[activeIndex];
  return (
    <>
      <p className="find-count">
        {receipts.length === FIND_LIMIT ? `The newest ${FIND_LIMIT} payments — narrow the search to see older ones` : `${receipts.length} payment${receipts.length === 1 ? '' : 's'} found, newest first`}
      </p>
      <table className="table find-table" role="grid" aria-label="Payments found" tabIndex={0} ref={tableRef} onKeyDown={onKeyDown} aria-activedescendant={active ? `found-${active.paymentId}` : undefined}>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Receipt</th>
            <th scope="col">Account</th>
            <th scope="col">Tenders</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {receipts.map((receipt, index) => (
            <tr
              key={receipt.paymentId}
              id={`found-${receipt.paymentId}`}
              data-receipt={receipt.receiptNumber}
              aria-selected={index === activeIndex}
              className={receipt.status === 'posted' ? 'find-row' : 'find-row receipt-undone'}
              onClick={() => {
                setActiveIndex(index);
                onOpen(receipt);
              }}
            >
              <td className="nowrap">{formatDate(receipt.businessDate)}</td>
              <td className="nowrap">{receipt.receiptNumber}</td>
              <td>
                {receipt.accounts.map((line) => (
                  <div key={line.accountId} className="find-account">
                    <span className="nowrap">{line.accountNumber}</span>
                    <span className="muted find-customer" title={line.customerName}>
                      {line.customerName}
                    </span>
                  </div>
                ))}
              </td>
              <td title={receipt.tenders.map((tender) => tender.description).join('; ')}>{receipt.tenders.map(shortTender).join(', ')}</td>
              <td className="num">{formatCents(receipt.paymentCents)}</td>
              <td>{receipt.status === 'posted' ? <span className="muted">Posted</span> : <StatusTag receipt={receipt} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The chosen receipt: reprint, the accounts' balances now, and "Return check…" when it can be. */
function OpenedReceipt({ receipt, onChanged }: { receipt: Receipt; onChanged: (receipt: Receipt) => void }) {
  const [returning, setReturning] = useState(false);
  const [balanceVersion, setBalanceVersion] = useState(0);
  const blockedBy = returnCheckBlockedBy(receipt);
  // The action first: one Tab from the results reaches it.
  return (
    <>
      {blockedBy === null ? (
        <div className="actions find-return">
          <button type="button" className="button-primary" onClick={() => setReturning(true)}>
            Return check…
          </button>
        </div>
      ) : (
        receipt.status === 'posted' && <p className="muted find-return">Return check: {blockedBy}</p>
      )}
      <ReceiptView receipt={receipt} showChangeDue={false} />
      <dl className="find-balances" aria-label="Balances now">
        {receipt.accounts.map((line) => (
          <BalanceNow key={`${line.accountId}-${balanceVersion}`} accountId={line.accountId} accountNumber={line.accountNumber} />
        ))}
      </dl>
      {returning && (
        <ReasonDialog
          receipt={receipt}
          kind="returnCheck"
          onClose={() => setReturning(false)}
          onDone={(returned) => {
            setReturning(false);
            setBalanceVersion((version) => version + 1);
            onChanged(returned);
          }}
        />
      )}
    </>
  );
}

function BalanceNow({ accountId, accountNumber }: { accountId: number; accountNumber: string }) {
  const account = useQuery('accounts.get', { accountId });
  return (
    <div>
      <dt>
        <a href={`#/accounts/${accountId}`}>{accountNumber}</a> balance now
      </dt>
      <dd data-testid={`balance-now-${accountNumber}`}>{account.data ? <Balance cents={account.data.balanceCents} /> : '…'}</dd>
    </div>
  );
}
