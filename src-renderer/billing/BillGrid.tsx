/**
 * Bills in one table however many there are: only the rows in view are in the page
 * (@tanstack/react-virtual, as the unread meters), rows the server has not sent yet ask for their
 * page as they scroll into view. Keyboard: the table takes the focus, ↑/↓ j/k PgUp/PgDn Home/End
 * move the chosen row (the active descendant, for screen readers), Enter opens the bill.
 */
import { memo, useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import type { BillListRow } from '../../src-shared/contract/billing';
import { navigate } from '../app/router';
import { Amount } from '../ui/Amount';
import { useFillHeight } from '../ui/useFillHeight';
import { useVirtualSelection } from '../ui/useVirtualSelection';
import { BILL_KIND_LABELS } from './billingFormat';

const ROW_HEIGHT = 38;
/** The header row is taller than a row (its padding and border): room for it in a short list. */
const HEADER_HEIGHT = 48;

export const billPath = (billId: number) => `/billing/bills/${billId}`;
const rowDomId = (label: string, index: number) => `${label.replaceAll(/\W/g, '-').toLowerCase()}-row-${index}`;

export interface BillGridHandle {
  focus(): void;
  /** Opens the chosen bill (Enter in the search box does this). */
  openChosen(): void;
}

interface BillGridProps {
  label: string;
  count: number;
  /** The row at an index, or undefined while its page is on its way. */
  rowAt: (index: number) => BillListRow | undefined;
  /** Asks for the rows from `first` to `last` (inclusive) when some are missing. */
  onNeedRows?: (first: number, last: number) => void;
  handle?: Ref<BillGridHandle>;
  /** Smallest height, for short lists that sit under other things. */
  minHeight?: number;
}

export function BillGrid({ label, count, rowAt, onNeedRows, handle, minHeight = 240 }: BillGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const fill = useFillHeight(scrollRef, 24, minHeight);
  // A short list takes only the room it needs.
  const height = Math.min(fill, count * ROW_HEIGHT + HEADER_HEIGHT);
  const chosenRef = useRef<() => void>(() => undefined);
  const { items, padTop, padBottom, selected, setSelected, onKey } = useVirtualSelection(count, scrollRef, ROW_HEIGHT, () => chosenRef.current());
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (!onNeedRows || last < first) return;
    for (let index = first; index <= last; index += 1) {
      if (rowAt(index) === undefined) {
        onNeedRows(first, last);
        return;
      }
    }
  }, [first, last, rowAt, onNeedRows]);

  const chosen = rowAt(selected);
  const open = () => {
    if (chosen) navigate(billPath(chosen.billId));
  };
  chosenRef.current = open;
  useImperativeHandle(handle, () => ({ focus: () => scrollRef.current?.focus(), openChosen: open }));

  return (
    <div
      ref={scrollRef}
      className="bill-grid-scroll"
      style={{ height }}
      tabIndex={0}
      role="grid"
      aria-label={label}
      aria-rowcount={count + 1}
      aria-activedescendant={count > 0 ? rowDomId(label, selected) : undefined}
      onKeyDown={onKey}
    >
      <table className="table bill-grid" role="presentation">
        <colgroup>
          <col className="col-account" />
          <col className="col-customer" />
          <col className="col-kind" />
          <col className="col-use" />
          <col className="col-total" />
          <col className="col-status" />
        </colgroup>
        <thead>
          <tr role="row" aria-rowindex={1}>
            <th role="columnheader" scope="col">Account</th>
            <th role="columnheader" scope="col">Customer</th>
            <th role="columnheader" scope="col">Kind</th>
            <th role="columnheader" scope="col" className="num">Use</th>
            <th role="columnheader" scope="col" className="num">Total</th>
            <th role="columnheader" scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && <tr aria-hidden="true" style={{ height: padTop }} className="spacer-row" />}
          {items.map((item) => (
            <BillRow key={item.index} row={rowAt(item.index)} id={rowDomId(label, item.index)} index={item.index} chosen={item.index === selected} onChoose={setSelected} />
          ))}
          {padBottom > 0 && <tr aria-hidden="true" style={{ height: padBottom }} className="spacer-row" />}
        </tbody>
      </table>
    </div>
  );
}

interface BillRowProps {
  row: BillListRow | undefined;
  id: string;
  index: number;
  chosen: boolean;
  onChoose: (index: number) => void;
}

/** Memoized: scrolling draws only the rows coming into view. */
const BillRow = memo(function BillRow({ row, id, index, chosen, onChoose }: BillRowProps) {
  const common = {
    id,
    role: 'row',
    'aria-rowindex': index + 2,
    'aria-selected': chosen,
    className: chosen ? 'bill-row bill-row-chosen' : 'bill-row',
    style: { height: ROW_HEIGHT },
    onClick: () => onChoose(index),
  } as const;
  if (!row) {
    return (
      <tr {...common}>
        <td role="gridcell" colSpan={6} className="muted">
          Loading…
        </td>
      </tr>
    );
  }
  return (
    <tr {...common} onDoubleClick={() => navigate(billPath(row.billId))} data-bill-id={row.billId}>
      <td role="gridcell" className="mono">
        <a href={`#${billPath(row.billId)}`} tabIndex={-1}>
          {row.accountNumber}
        </a>
      </td>
      <td role="gridcell" title={row.customerName}>
        {row.customerName}
      </td>
      <td role="gridcell">{BILL_KIND_LABELS[row.kind]}</td>
      <td role="gridcell" className="num">
        {row.usageHcf} HCF{row.estimated && <span className="tag tag-estimated" title="Estimated read">Est.</span>}
      </td>
      <td role="gridcell" className="num">
        <Amount cents={row.totalCents} />
      </td>
      <td role="gridcell">
        <span className={`bill-status bill-status-${row.status}`}>{row.status === 'draft' ? 'Draft' : row.status === 'posted' ? 'Posted' : 'Cancelled'}</span>
      </td>
    </tr>
  );
});
