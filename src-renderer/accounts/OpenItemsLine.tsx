import { formatCents } from '../../src-shared/money';
import { useQuery } from '../client';

/**
 * Under the balance: how much of it is past due, current and penalties, as the main process
 * applies payments by the district's rule (billing.openItems). Mounted again when the balance
 * changes, so it always describes the balance above it.
 */
export function OpenItemsLine({ accountId }: { accountId: number }) {
  const open = useQuery('billing.openItems', { accountId });
  const data = open.data;
  if (!data || data.items.length === 0) return null;
  const parts = [
    data.pastDueCents > 0 ? { label: 'Past due', cents: data.pastDueCents, className: 'open-past-due' } : null,
    data.penaltyCents > 0 ? { label: 'Penalties and fees', cents: data.penaltyCents, className: 'open-penalty' } : null,
    data.currentCents > 0 ? { label: 'Current', cents: data.currentCents, className: 'open-current' } : null,
  ].filter((part) => part !== null);
  return (
    <dl className="open-items-line" data-testid="open-items">
      {parts.map((part) => (
        <div key={part.label} className={part.className}>
          <dt>{part.label}</dt>
          <dd>{formatCents(part.cents)}</dd>
        </div>
      ))}
    </dl>
  );
}
