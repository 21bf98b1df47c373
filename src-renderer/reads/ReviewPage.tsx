/**
 * The abnormal-read worklist of a cycle: filters, the virtualized list, the chosen exception
 * beside it, and an action on a key press. After an action the cursor stays where it was and
 * lands on the next open row.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { courtesyCallFits, READ_EXCEPTION_LABELS, READ_EXCEPTION_STATUSES, READ_EXCEPTION_TYPES, type ReadExceptionDetail, type ReadExceptionStatus, type ReadExceptionType } from '../../src-shared/contract/reads';
import { useCan } from '../app/session';
import { useQuery } from '../client';
import { Alert } from '../ui/Alert';
import { useDebounced } from '../ui/useDebounced';
import { useFillHeight } from '../ui/useFillHeight';
import { ActionDialog, BulkAcceptDialog, type ActionKind } from './ActionDialogs';
import { ExceptionDetailView } from './ExceptionDetail';
import { ExceptionList } from './ExceptionList';
import { bulkAcceptable, DEFAULT_FILTER, plural, selectionAfter, type CyclePeriod, type WorklistFilter } from './readsFormat';

/** Keys of the worklist and what they do (shown on screen). */
export const ACTION_KEYS: readonly { key: string; kind: ActionKind; label: string; short: string }[] = [
  { key: 'A', kind: 'accept', label: 'Accept', short: 'accept' },
  { key: 'C', kind: 'correct', label: 'Correct', short: 'correct' },
  { key: 'E', kind: 'estimate', label: 'Estimate', short: 'estimate' },
  // R keys the reading a field re-read brought back; W sends someone out (re-read, leak or high-use check).
  { key: 'R', kind: 're_read', label: 'Record re-read', short: 'record a field re-read' },
  { key: 'W', kind: 'work_order', label: 'Order field work', short: 'order field work' },
  { key: 'H', kind: 'hold', label: 'Hold', short: 'hold' },
  { key: 'L', kind: 'call', label: 'Courtesy call', short: 'call (high use)' },
];

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export function ReviewPage({ choice, onChanged }: { choice: CyclePeriod; onChanged: () => void }) {
  const canAct = useCan('technician');
  const [filter, setFilter] = useState<WorklistFilter>(DEFAULT_FILTER);
  const route = useDebounced(filter.route.trim(), 300);
  const input = useMemo(
    () => ({
      cycle: choice.cycle,
      period: choice.period,
      ...(filter.type ? { types: [filter.type] } : {}),
      ...(filter.status === 'all' ? {} : { statuses: [filter.status] }),
      ...(route ? { route } : {}),
    }),
    [choice.cycle, choice.period, filter.type, filter.status, route],
  );
  const list = useQuery('reads.exceptions', input, { keepPrevious: true });
  const rows = useMemo(() => list.data?.rows ?? [], [list.data]);
  const [selectedIndex, setSelectedIndex] = useState(0);
  // Set by an action: once the list has reloaded, move to the next open row from here.
  const advanceFrom = useRef<{ index: number; exceptionId: number | null; stay: boolean } | null>(null);
  const [dialog, setDialog] = useState<ActionKind | 'bulk' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  // A small margin under the list and detail: on a laptop every pixel goes to the chart.
  const bodyHeight = useFillHeight(bodyRef, 12);

  // The exception the cursor is on, so a list reloaded under it (another window's work, the
  // change feed) keeps the cursor on the same read rather than on whatever now has its index.
  const selectedId = useRef<number | null>(null);
  useEffect(() => {
    if (advanceFrom.current !== null) {
      setSelectedIndex(selectionAfter(rows, advanceFrom.current));
      advanceFrom.current = null;
      return;
    }
    const kept = selectedId.current === null ? -1 : rows.findIndex((row) => row.exceptionId === selectedId.current);
    setSelectedIndex((index) => (kept >= 0 ? kept : Math.min(Math.max(index, 0), Math.max(rows.length - 1, 0))));
  }, [rows]);

  const selected = rows[selectedIndex];
  selectedId.current = selected?.exceptionId ?? null;
  const detail = useQuery('reads.exception', selected ? { exceptionId: selected.exceptionId } : null);

  const afterAction = useCallback(
    (message: string, options?: { stay?: boolean }) => {
      setDialog(null);
      setDone(message);
      advanceFrom.current = { index: selectedIndex, exceptionId: dialog === 'bulk' ? null : (selected?.exceptionId ?? null), stay: options?.stay === true };
      // Kept by hand: the cursor advances from this action's result, at once, not after the change
      // feed's round trip (which would reload them too; the quiet second reload changes nothing).
      list.reload();
      detail.reload();
      onChanged();
      listRef.current?.focus();
    },
    [selectedIndex, selected, dialog, list, detail, onChanged],
  );

  const pendingAction = useRef<{ kind: ActionKind; exceptionId: number } | null>(null);
  const openAction = useCallback((kind: ActionKind, shown: ReadExceptionDetail) => {
    // No courtesy call where there is no high use to call about (the detail offers none).
    if (kind === 'call' && !courtesyCallFits(shown.exception.types)) return;
    // H on a held read offers to reopen it.
    setDialog(kind === 'hold' && shown.exception.status === 'held' ? 'reopen' : kind);
  }, []);
  useEffect(() => {
    const pending = pendingAction.current;
    if (pending === null || selected?.exceptionId !== pending.exceptionId) {
      if (pending !== null && selected !== undefined) pendingAction.current = null;
      return;
    }
    if (detail.data?.exception.exceptionId !== pending.exceptionId) return;
    pendingAction.current = null;
    openAction(pending.kind, detail.data);
  }, [detail.data, selected, openAction]);

  // From the index as it is when React applies it: a held-down arrow key repeats faster than renders.
  const move = (to: number | ((index: number) => number)) => {
    // The user's own choice wins over an action's pending "go to the next open row".
    advanceFrom.current = null;
    setSelectedIndex((index) => Math.min(Math.max(typeof to === 'number' ? to : to(index), 0), rows.length - 1));
    setDone(null);
  };

  const onListKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
    const key = event.key;
    const page = Math.max(1, Math.floor((listRef.current?.clientHeight ?? 600) / 62) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1, PageDown: page, PageUp: -page };
    if (key in moves) {
      event.preventDefault();
      const step = moves[key] ?? 0;
      move((index) => index + step);
      return;
    }
    if (key === 'Home' || key === 'End') {
      event.preventDefault();
      move(key === 'Home' ? 0 : rows.length - 1);
      return;
    }
    if (key === 'Escape' && event.currentTarget.id === 'exception-detail') {
      event.preventDefault();
      listRef.current?.focus();
      return;
    }
    if (key === 'Enter') {
      event.preventDefault();
      document.getElementById('exception-detail')?.focus();
      return;
    }
    const action = ACTION_KEYS.find((candidate) => candidate.key === key.toUpperCase());
    if (action && canAct && selected) {
      event.preventDefault();
      setDone(null);
      // A key pressed right after choosing a row waits for that row's detail rather than being lost.
      if (detail.data?.exception.exceptionId === selected.exceptionId) openAction(action.kind, detail.data);
      else pendingAction.current = { kind: action.kind, exceptionId: selected.exceptionId };
    }
  };

  const acceptable = bulkAcceptable(rows);
  const setField = <Key extends keyof WorklistFilter>(key: Key, value: WorklistFilter[Key]) => {
    setFilter((current) => ({ ...current, [key]: value }));
    setSelectedIndex(0);
    setDone(null);
  };

  return (
    <div className="review">
      <div className="review-filters" role="group" aria-label="Filter the worklist">
        <label>
          Type
          <select value={filter.type} onChange={(event) => setField('type', event.target.value as ReadExceptionType | '')}>
            <option value="">Every type</option>
            {READ_EXCEPTION_TYPES.map((type) => (
              <option key={type} value={type}>
                {READ_EXCEPTION_LABELS[type]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Route
          <input className="input-route" value={filter.route} onChange={(event) => setField('route', event.target.value)} placeholder="All" />
        </label>
        <label>
          Status
          <select className="select-status" value={filter.status} onChange={(event) => setField('status', event.target.value as ReadExceptionStatus | 'all')}>
            {READ_EXCEPTION_STATUSES.map((status) => (
              <option key={status} value={status}>
                {status.charAt(0).toUpperCase() + status.slice(1)}
              </option>
            ))}
            <option value="all">Any status</option>
          </select>
        </label>
        <span className="review-count" aria-live="polite">
          {list.data ? `${plural(list.data.total, 'exception')}${list.data.truncated ? ` (first ${rows.length.toLocaleString('en-US')} shown)` : ''}` : 'Loading…'}
        </span>
        {canAct && (
          <button type="button" className="bulk-accept" onClick={() => setDialog('bulk')} disabled={acceptable.length === 0}>
            Accept the {acceptable.length.toLocaleString('en-US')} open reads shown…
          </button>
        )}
      </div>
      <p className="key-help">

        <kbd>↑</kbd>
        <kbd>↓</kbd> <kbd>j</kbd>
        <kbd>k</kbd> move · <kbd>Enter</kbd> open, <kbd>Esc</kbd> back
        {canAct &&
          ACTION_KEYS.map((action) => (
            <span key={action.key}>
              {' '}
              · <kbd>{action.key}</kbd> {action.short}
            </span>
          ))}
      </p>
      {list.error && <Alert kind="error">{list.error.message}</Alert>}
      {done && <Alert kind="success">{done}</Alert>}
      <div className="review-body" ref={bodyRef} style={{ height: bodyHeight }}>
        <div className="review-list">
          {list.data && rows.length === 0 ? (
            <p className="worklist-empty">No exceptions match this filter.</p>
          ) : (
            <ExceptionList
              rows={rows}
              selectedIndex={selectedIndex}
              onSelect={(index) => {
                move(index);
                listRef.current?.focus();
              }}
              onOpen={(index) => {
                move(index);
                document.getElementById('exception-detail')?.focus();
              }}
              onKeyDown={onListKey}
              listRef={listRef}
            />
          )}
        </div>
        <div className="review-detail" id="exception-detail" tabIndex={-1} aria-label="Chosen exception" onKeyDown={onListKey}>
          {selected ? (
            <ExceptionDetailView
              detail={detail.data?.exception.exceptionId === selected.exceptionId ? detail.data : undefined}
              error={detail.error?.message ?? null}
              canAct={canAct}
              onAction={(kind) => {
                setDone(null);
                setDialog(kind);
              }}
            />
          ) : (
            <p className="muted">Choose an exception on the left.</p>
          )}
        </div>
      </div>
      {dialog === 'bulk' && (
        <BulkAcceptDialog
          count={acceptable.length}
          filter={filter}
          choice={choice}
          exceptionIds={acceptable.map((row) => row.exceptionId)}
          onClose={() => setDialog(null)}
          onDone={afterAction}
        />
      )}
      {dialog !== null && dialog !== 'bulk' && detail.data && (
        <ActionDialog kind={dialog} detail={detail.data as ReadExceptionDetail} onClose={() => setDialog(null)} onDone={afterAction} />
      )}
    </div>
  );
}
