/**
 * The unread meters as one table however many there are: only the rows in view are in the
 * page (@tanstack/react-virtual, as the worklist), between two spacer rows that keep the
 * scroll height, under a header that stays put. Keyboard: the table takes the focus, ↑/↓ j/k
 * PgUp/PgDn Home/End move the chosen row (a screen reader follows it as the active
 * descendant), Enter opens its account. Every cell is one line; a cut-short one shows all of
 * it on hover.
 */
import { memo, useRef } from 'react';
import type { UnreadMeter } from '../../src-shared/contract/reads';
import { formatDate, humanize } from '../ui/format';
import { useFillHeight } from '../ui/useFillHeight';
import { useVirtualSelection } from '../ui/useVirtualSelection';

/** Fixed, so the virtualizer never has to measure a row. */
const ROW_HEIGHT = 38;

const rowDomId = (meterId: number) => `unread-row-${meterId}`;
const accountPath = (row: UnreadMeter) => `#/accounts/${row.accountId}/meter`;

export function UnreadTable({ rows }: { rows: readonly UnreadMeter[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const height = useFillHeight(scrollRef, 24, 320);
  const { items, padTop, padBottom, selected, setSelected, onKey } = useVirtualSelection(rows.length, scrollRef, ROW_HEIGHT, (index) => {
    const row = rows[index];
    if (row) window.location.hash = accountPath(row);
  });
  const chosen = rows[selected];

  return (
    <div
      ref={scrollRef}
      className="unread-scroll"
      style={{ height }}
      tabIndex={0}
      role="grid"
      aria-label="Unread meters"
      aria-rowcount={rows.length + 1}
      aria-activedescendant={chosen ? rowDomId(chosen.meterId) : undefined}
      onKeyDown={onKey}
      data-testid="unread-table"
    >
      <table className="table unread-table" role="presentation">
        <colgroup>
          <col className="col-route" />
          <col className="col-meter" />
          <col className="col-account" />
          <col className="col-customer" />
          <col className="col-address" />
          <col className="col-date" />
          <col className="col-reading" />
          <col className="col-worklist" />
        </colgroup>
        <thead>
          <tr role="row" aria-rowindex={1}>
            <th role="columnheader" scope="col" title="Route / sequence on the route">Route</th>
            <th role="columnheader" scope="col">Meter</th>
            <th role="columnheader" scope="col">Account</th>
            <th role="columnheader" scope="col">Customer</th>
            <th role="columnheader" scope="col">Service address</th>
            <th role="columnheader" scope="col">Last read</th>
            <th role="columnheader" scope="col" className="num" title="The reading of the last read">Reading</th>
            <th role="columnheader" scope="col" title="Whether the meter is on the review worklist as a no-read">Worklist</th>
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && <tr aria-hidden="true" style={{ height: padTop }} className="spacer-row" />}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <UnreadRow key={row.meterId} row={row} index={item.index} chosen={item.index === selected} onChoose={setSelected} />
            );
          })}
          {padBottom > 0 && <tr aria-hidden="true" style={{ height: padBottom }} className="spacer-row" />}
        </tbody>
      </table>
    </div>
  );
}

/** Memoized: scrolling draws only the rows coming into view, not the ones already there. */
const UnreadRow = memo(function UnreadRow({ row, index, chosen, onChoose }: { row: UnreadMeter; index: number; chosen: boolean; onChoose: (index: number) => void }) {
  const lastRead = row.lastReadDate ? formatDate(row.lastReadDate) : '—';
  return (
    <tr
      id={rowDomId(row.meterId)}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={chosen}
      className={chosen ? 'unread-row unread-row-chosen' : 'unread-row'}
      style={{ height: ROW_HEIGHT }}
      onClick={() => onChoose(index)}
      data-meter-id={row.meterId}
    >
      <td role="gridcell">
        {row.route}/{row.sequence}
      </td>
      <td role="gridcell" className="mono" title={row.meterSerial}>
        {row.meterSerial}
      </td>
      <td role="gridcell">
        <a href={accountPath(row)} tabIndex={-1}>
          {row.accountNumber}
        </a>
      </td>
      <td role="gridcell" title={row.customerName}>
        {row.customerName}
      </td>
      <td role="gridcell" title={row.serviceAddress}>
        {row.serviceAddress}
      </td>
      <td role="gridcell">{lastRead}</td>
      <td role="gridcell" className="num">
        {row.lastReading ?? '—'}
      </td>
      <td role="gridcell">{row.exceptionStatus ? humanize(row.exceptionStatus) : 'No'}</td>
    </tr>
  );
});
