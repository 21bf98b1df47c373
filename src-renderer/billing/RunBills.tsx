/**
 * A run's bills, searchable by account number or name: the first page comes at once, the rest as
 * the table scrolls to them. ↓ in the search box moves into the table; Enter opens the chosen bill.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { BillListRow } from '../../src-shared/contract/billing';
import { client, useChanges } from '../client';
import { Alert } from '../ui/Alert';
import { useDebounced } from '../ui/useDebounced';
import { BillGrid, type BillGridHandle } from './BillGrid';
import { plural } from './billingFormat';

/** The most billing.bills sends at once. */
const PAGE_ROWS = 500;

interface Loaded {
  /** Rows by page number. */
  pages: Map<number, BillListRow[]>;
  total: number | null;
}

export function RunBills({ runId }: { runId: number }) {
  // Bumped when the books change in billing (a recompute, another window): the list starts again.
  const [version, setVersion] = useState(0);
  useChanges('billing', () => setVersion((value) => value + 1));
  const [search, setSearch] = useState('');
  const query = useDebounced(search.trim(), 250);
  const [loaded, setLoaded] = useState<Loaded>({ pages: new Map(), total: null });
  const [error, setError] = useState<string | null>(null);
  const requested = useRef(new Set<number>());
  const generation = useRef(0);
  const grid = useRef<BillGridHandle>(null);

  const fetchPage = useCallback(
    async (page: number) => {
      if (requested.current.has(page)) return;
      requested.current.add(page);
      const asked = generation.current;
      const result = await client.call('billing.bills', { runId, offset: page * PAGE_ROWS, limit: PAGE_ROWS, ...(query ? { query } : {}) });
      if (asked !== generation.current) return;
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setLoaded((previous) => ({ pages: new Map(previous.pages).set(page, result.value.rows), total: result.value.total }));
    },
    [runId, query],
  );
  // A new search (or a recomputed run) starts again from the first page.
  useEffect(() => {
    generation.current += 1;
    requested.current = new Set();
    setError(null);
    setLoaded({ pages: new Map(), total: null });
    void fetchPage(0);
  }, [fetchPage, version]);

  const rowAt = useCallback((index: number) => loaded.pages.get(Math.floor(index / PAGE_ROWS))?.[index % PAGE_ROWS], [loaded]);
  const needRows = useCallback(
    (first: number, last: number) => {
      for (let page = Math.floor(first / PAGE_ROWS); page <= Math.floor(last / PAGE_ROWS); page += 1) void fetchPage(page);
    },
    [fetchPage],
  );
  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      grid.current?.focus();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      grid.current?.openChosen();
    }
  };

  const total = loaded.total;
  return (
    <section aria-label="Bills of the run">
      <div className="billing-toolbar">
        <label className="bill-search">
          <span>Find a bill</span>
          <input
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            onKeyDown={onSearchKey}
            placeholder="Account number or name"
            aria-describedby="bill-search-hint"
          />
        </label>
        <span className="muted" id="bill-search-hint" data-testid="bill-count">
          {total === null ? 'Loading…' : `${plural(total, 'bill')}${query ? ` matching “${query}”` : ''}`} · <kbd>↓</kbd> to the list, <kbd>Enter</kbd> opens a bill
        </span>
      </div>
      {error && <Alert kind="error">{error}</Alert>}
      {total === 0 && <p className="muted">{query ? 'No bill matches.' : 'This run has no bills.'}</p>}
      {total !== null && total > 0 && <BillGrid label="Bills" count={total} rowAt={rowAt} onNeedRows={needRows} handle={grid} />}
    </section>
  );
}
