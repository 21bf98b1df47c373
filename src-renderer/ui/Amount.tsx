import { formatCents } from '../../src-shared/money';
import { formatBalance } from './format';

/** An amount in a table or figure: tabular digits, negative amounts marked for the eye too. */
export function Amount({ cents }: { cents: number }) {
  return <span className={cents < 0 ? 'amount amount-negative' : 'amount'}>{formatCents(cents)}</span>;
}

/** A customer balance: credit balances read "Credit $12.00". */
export function Balance({ cents }: { cents: number }) {
  return <span className={cents < 0 ? 'amount amount-credit' : 'amount'}>{formatBalance(cents)}</span>;
}
