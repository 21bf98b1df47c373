/**
 * The worklist itself: one line per exception, virtualized so tens of thousands of rows scroll
 * as smoothly as ten. A listbox: the selected row is the active descendant, so a screen reader
 * follows ↑/↓ while the focus stays on the list.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { READ_EXCEPTION_LABELS, type ReadExceptionRow } from '../../src-shared/contract/reads';
import { expectedText, hcf, RESOLUTION_LABELS } from './readsFormat';

const ROW_HEIGHT = 62;
/** A laptop's screen (as reads.css's query): denser rows, so more of the list is in view. */
const LAPTOP_QUERY = '(max-height: 780px)';
const LAPTOP_ROW_HEIGHT = 50;

function useRowHeight(): number {
  const query = typeof window === 'undefined' || !window.matchMedia ? null : window.matchMedia(LAPTOP_QUERY);
  const [laptop, setLaptop] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const changed = () => setLaptop(query.matches);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, [query]);
  return laptop ? LAPTOP_ROW_HEIGHT : ROW_HEIGHT;
}

interface ExceptionListProps {
  rows: readonly ReadExceptionRow[];
  selectedIndex: number;
  onSelect: (index: number) => void;
  onOpen: (index: number) => void;
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
  listRef: React.RefObject<HTMLDivElement | null>;
}

export const rowDomId = (exceptionId: number) => `exception-row-${exceptionId}`;

export function ExceptionList({ rows, selectedIndex, onSelect, onOpen, onKeyDown, listRef }: ExceptionListProps) {
  const rowHeight = useRowHeight();
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  // Rows measured at the other height are measured again when the window crosses the query.
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);
  const selected = rows[selectedIndex];
  const lastScrolled = useRef(-1);
  useEffect(() => {
    if (selectedIndex < 0 || selectedIndex === lastScrolled.current) return;
    lastScrolled.current = selectedIndex;
    virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  return (
    <div
      ref={listRef}
      className="worklist"
      role="listbox"
      tabIndex={0}
      aria-label="Exceptions"
      aria-activedescendant={selected ? rowDomId(selected.exceptionId) : undefined}
      onKeyDown={onKeyDown}
      data-testid="worklist"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <div
              key={row.exceptionId}
              id={rowDomId(row.exceptionId)}
              role="option"
              aria-selected={item.index === selectedIndex}
              aria-posinset={item.index + 1}
              aria-setsize={rows.length}
              className={`worklist-row severity-${row.severity} status-row-${row.status}`}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: rowHeight, transform: `translateY(${item.start}px)` }}
              onClick={() => onSelect(item.index)}
              onDoubleClick={() => onOpen(item.index)}
              data-exception-id={row.exceptionId}
            >
              <ExceptionRowView row={row} />
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** Everything on the row in words, for the tooltip when a narrow list cuts a line short. */
function rowTitle(row: ReadExceptionRow): string {
  return [
    `${READ_EXCEPTION_LABELS[row.type]} (${row.severity}, ${row.status})`,
    `${row.accountNumber ?? 'no account'} ${row.customerName}`,
    row.serviceAddress,
    `route ${row.route} seq ${row.sequence}, meter ${row.meterSerial}`,
    row.reading === null ? 'no reading' : `reading ${row.reading}, use ${hcf(row.usageHcf)}, ${expectedText(row)}`,
  ].join('\n');
}

function ExceptionRowView({ row }: { row: ReadExceptionRow }) {
  const more = row.types.length > 1 ? ` +${row.types.length - 1}` : '';
  return (
    <div title={rowTitle(row)}>
      <div className="worklist-line">
        <span className={`severity-mark severity-mark-${row.severity}`}>{row.severity === 'critical' ? '!!' : row.severity === 'warning' ? '!' : 'i'}</span>
        <span className="worklist-type">
          {READ_EXCEPTION_LABELS[row.type]}
          {more && <span className="muted">{more}</span>}
        </span>
        <span className="worklist-usage">
          {row.reading === null ? (
            <span className="muted">no reading</span>
          ) : (
            <>
              <strong>{hcf(row.usageHcf)}</strong> <span className="muted">{expectedText(row)}</span>
            </>
          )}
        </span>
        {row.workOrderId !== null && <span className="tag">WO {row.workOrderId}</span>}
        <span className={`row-status row-status-${row.status}`}>{row.status === 'resolved' ? (row.resolution ? RESOLUTION_LABELS[row.resolution] : 'resolved') : row.status}</span>
      </div>
      <div className="worklist-line worklist-line-second">
        <span className="worklist-account mono">{row.accountNumber ?? '—'}</span>
        <span className="worklist-name">{row.customerName}</span>
        <span className="worklist-where">
          {row.route}/{row.sequence} · <bdi>{row.serviceAddress}</bdi>
        </span>
        <span className="mono worklist-serial">{row.meterSerial}</span>
      </div>
    </div>
  );
}
