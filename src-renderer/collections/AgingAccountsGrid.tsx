/**
 * The accounts in one aging bucket, however many (@tanstack/react-virtual through
 * useVirtualSelection, as the bill grid): the table takes the focus, ↑/↓ j/k PgUp/PgDn Home/End
 * move the chosen row (the active descendant, for screen readers), Enter opens the account page.
 */
import { memo, useRef } from 'react';
import { AGING_RATE_CLASS_LABELS, type AgingAccount } from '../../src-shared/contract/collections-aging';
import { navigate } from '../app/router';
import { Amount } from '../ui/Amount';
import { useFillHeight } from '../ui/useFillHeight';
import { useVirtualSelection } from '../ui/useVirtualSelection';

const ROW_HEIGHT = 38;
const HEADER_HEIGHT = 48;
const accountPath = (accountId: number) => `/accounts/${accountId}`;
const rowDomId = (index: number) => `aging-account-row-${index}`;

export function AgingAccountsGrid({ rows, credit, label }: { rows: readonly AgingAccount[]; credit: boolean; label: string }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const fill = useFillHeight(scrollRef, 24, 240);
  const height = Math.min(fill, rows.length * ROW_HEIGHT + HEADER_HEIGHT);
  const { items, padTop, padBottom, selected, setSelected, onKey } = useVirtualSelection(rows.length, scrollRef, ROW_HEIGHT, (index) => {
    const row = rows[index];
    if (row) navigate(accountPath(row.accountId));
  });
  if (rows.length === 0) return <p className="muted">No account in this bucket.</p>;
  return (
    <div
      ref={scrollRef}
      className="aging-grid-scroll"
      style={{ height }}
      tabIndex={0}
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      aria-activedescendant={rowDomId(selected)}
      onKeyDown={onKey}
    >
      <table className="table aging-grid" role="presentation">
        <colgroup>
          <col className="col-account" />
          <col className="col-name" />
          <col className="col-class" />
          <col className="col-amount" />
          <col className="col-amount" />
          <col className="col-days" />
        </colgroup>
        <thead>
          <tr role="row" aria-rowindex={1}>
            <th role="columnheader" scope="col">Account</th>
            <th role="columnheader" scope="col">Customer</th>
            <th role="columnheader" scope="col">Class</th>
            <th role="columnheader" scope="col" className="num">{credit ? 'Credit' : 'In bucket'}</th>
            <th role="columnheader" scope="col" className="num">All open</th>
            <th role="columnheader" scope="col" className="num">Oldest, days</th>
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && <tr aria-hidden="true" style={{ height: padTop }} className="spacer-row" />}
          {items.map((item) => (
            <AccountRow key={item.index} row={rows[item.index]!} index={item.index} chosen={item.index === selected} onChoose={setSelected} />
          ))}
          {padBottom > 0 && <tr aria-hidden="true" style={{ height: padBottom }} className="spacer-row" />}
        </tbody>
      </table>
    </div>
  );
}

const AccountRow = memo(function AccountRow({ row, index, chosen, onChoose }: { row: AgingAccount; index: number; chosen: boolean; onChoose: (index: number) => void }) {
  return (
    <tr
      id={rowDomId(index)}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={chosen}
      className={chosen ? 'aging-row aging-row-chosen' : 'aging-row'}
      style={{ height: ROW_HEIGHT }}
      onClick={() => onChoose(index)}
      onDoubleClick={() => navigate(accountPath(row.accountId))}
      data-account-id={row.accountId}
    >
      <td role="gridcell" className="mono">
        <a href={`#${accountPath(row.accountId)}`} tabIndex={-1}>
          {row.accountNumber}
        </a>
      </td>
      <td role="gridcell" title={row.name}>
        {row.name}
      </td>
      <td role="gridcell">{AGING_RATE_CLASS_LABELS[row.rateClass]}</td>
      <td role="gridcell" className="num">
        <Amount cents={row.bucketCents} />
      </td>
      <td role="gridcell" className="num">
        <Amount cents={row.openCents} />
      </td>
      <td role="gridcell" className="num">
        {row.oldestDaysPastDue}
      </td>
    </tr>
  );
});
