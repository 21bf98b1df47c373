import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { AccountSearchHit } from '../../src-shared/contract/accounts';
import { navigate } from '../app/router';
import { useQuery } from '../client';
import { Alert } from '../ui/Alert';
import { Balance } from '../ui/Amount';
import { useDebounced } from '../ui/useDebounced';
import { useAccountSearchFocus } from './searchFocus';

const SEARCH_DELAY_MS = 150;
const SHOWN_AT_MOST = 25;

/**
 * Search as you type by name, address, account number, meter serial or phone. ↑/↓ move
 * through the results and Enter opens one, so the clerk never leaves the keyboard.
 */
export function AccountSearch({ autoFocus }: { autoFocus: boolean }) {
  const [query, setQuery] = useState('');
  const settledQuery = useDebounced(query.trim(), SEARCH_DELAY_MS);
  const search = useQuery('accounts.search', settledQuery ? { query: settledQuery, limit: SHOWN_AT_MOST } : null, {
    keepPrevious: true,
  });
  const hits = query.trim() && settledQuery ? (search.data ?? []) : [];
  const [activeIndex, setActiveIndex] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  useAccountSearchFocus(input);
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);

  useEffect(() => setActiveIndex(0), [search.data]);
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);

  const open = (hit: AccountSearchHit) => {
    setQuery('');
    navigate(`/accounts/${hit.accountId}`);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
    const move = moves[event.key];
    if (move !== undefined && hits.length > 0) {
      event.preventDefault();
      setActiveIndex((index) => Math.min(hits.length - 1, Math.max(0, index + move)));
    } else if (event.key === 'Enter' && hits[activeIndex]) {
      event.preventDefault();
      open(hits[activeIndex]);
    } else if (event.key === 'Escape') {
      setQuery('');
    }
  };

  const showList = hits.length > 0;
  return (
    <div className="account-search">
      <label htmlFor="account-search" className="visually-hidden">
        Find an account
      </label>
      <input
        ref={input}
        id="account-search"
        type="search"
        role="combobox"
        aria-expanded={showList}
        aria-controls="account-search-results"
        aria-activedescendant={showList ? `account-hit-${activeIndex}` : undefined}
        aria-autocomplete="list"
        placeholder="Find an account: name, address, account number, meter or phone"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellCheck={false}
      />
      {search.error && query.trim() && <Alert kind="error">{search.error.message}</Alert>}
      {query.trim() && settledQuery && search.data?.length === 0 && !search.loading && (
        <p className="muted search-empty">No account matches “{settledQuery}”.</p>
      )}
      {showList && (
        <ul className="search-results" id="account-search-results" role="listbox" aria-label="Matching accounts" ref={list}>
          {hits.map((hit, index) => (
            <SearchHit
              key={hit.accountId}
              hit={hit}
              id={`account-hit-${index}`}
              active={index === activeIndex}
              onOpen={() => open(hit)}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function SearchHit({ hit, id, active, onOpen }: { hit: AccountSearchHit; id: string; active: boolean; onOpen: () => void }) {
  return (
    <li
      id={id}
      role="option"
      aria-selected={active}
      className="search-hit"
      // Keep the focus in the search box so the keyboard still works after a click.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onOpen}
    >
      <span className="hit-number">{hit.accountNumber}</span>
      <span className="hit-name">{hit.customerName}</span>
      <span className="hit-address">{hit.serviceAddress}</span>
      <span className={`status status-${hit.status}`}>{hit.status === 'active' ? 'Active' : 'Closed'}</span>
      <span className="hit-balance">
        <Balance cents={hit.balanceCents} />
      </span>
    </li>
  );
}
