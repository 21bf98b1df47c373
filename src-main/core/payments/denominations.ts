/**
 * Counting cash by denomination: US bills, coins and standard coin rolls (the table is
 * DENOMINATIONS in src-shared/contract/payments.ts, because the count screen shows it too).
 *
 * A count is pieces per denomination code, e.g. `{ bill_20: 12, coin_25: 7, roll_25: 2 }`.
 * Counts are whole numbers, 0 or more; an unknown code is refused by name. A roll counts at the
 * value of a full standard roll ($10.00 of quarters): a broken roll is counted as loose coin.
 */
import {
  DENOMINATIONS,
  denominationCounts,
  type Denomination,
  type DenominationCode,
  type DenominationCounts,
} from '../../../src-shared/contract/payments';
import { assertInvariant, OfficeError } from '../errors';
import { parseInput } from './validate';

export { DENOMINATION_CODES, DENOMINATIONS } from '../../../src-shared/contract/payments';
export type { Denomination, DenominationCode, DenominationCounts };

export interface CountedDenomination {
  code: DenominationCode;
  label: string;
  kind: 'currency' | 'coin';
  /** Value of one piece (one bill, one coin, one full roll). */
  valueCents: number;
  count: number;
  amountCents: number;
}

export interface CashCount {
  /** Denominations with a count above zero, in count-sheet order. */
  lines: CountedDenomination[];
  /** Paper money (the deposit slip's "currency" line). */
  currencyCents: number;
  /** Loose and rolled coin (the deposit slip's "coin" line). */
  coinCents: number;
  totalCents: number;
}

const BY_CODE = new Map<string, Denomination>(DENOMINATIONS.map((denomination) => [denomination.code, denomination]));

/** The denomination with this code; throws for an unknown one. */
export function denominationOf(code: string): Denomination {
  const denomination = BY_CODE.get(code);
  if (!denomination) throw new OfficeError('INVALID_INPUT', `"${code}" is not a US denomination this drawer counts`, code);
  return denomination;
}

/**
 * Cash counted by denomination → cents. `field` names the input in error messages
 * (e.g. "cash.bill_20: A count cannot be negative").
 */
export function countCash(counts: unknown, field = 'cash'): CashCount {
  const checked = parseInput(denominationCounts, counts, field);
  const lines: CountedDenomination[] = [];
  let currencyCents = 0;
  let coinCents = 0;
  for (const denomination of DENOMINATIONS) {
    const count = checked[denomination.code] ?? 0;
    if (count === 0) continue;
    const amountCents = count * denomination.valueCents;
    lines.push({ ...denomination, count, amountCents });
    if (denomination.kind === 'currency') currencyCents += amountCents;
    else coinCents += amountCents;
  }
  const totalCents = currencyCents + coinCents;
  assertInvariant(Number.isSafeInteger(totalCents), 'a drawer count stays within safe integers');
  return { lines, currencyCents, coinCents, totalCents };
}

/** The denominations a till usually holds: no $2 bills, dollar coins, half dollars or rolls. */
export const TILL_DENOMINATIONS: readonly DenominationCode[] = ['bill_100', 'bill_50', 'bill_20', 'bill_10', 'bill_5', 'bill_1', 'coin_25', 'coin_10', 'coin_5', 'coin_1'];

/**
 * Pieces making exactly `amountCents` from `codes`, largest first. With pennies among the codes
 * this always succeeds and, for US denominations, uses the fewest pieces. Used to suggest a
 * float or a change breakdown. Throws when the greedy pass cannot make the amount exactly
 * (a set without pennies).
 */
export function breakdownCents(amountCents: number, codes: readonly DenominationCode[] = TILL_DENOMINATIONS): DenominationCounts {
  if (!Number.isSafeInteger(amountCents) || amountCents < 0) {
    throw new OfficeError('INVALID_INPUT', `amountCents: a breakdown needs whole cents, 0 or more (got ${String(amountCents)})`, 'amountCents');
  }
  const usable = codes.map(denominationOf).sort((a, b) => b.valueCents - a.valueCents);
  const counts: DenominationCounts = {};
  let leftCents = amountCents;
  for (const denomination of usable) {
    const pieces = Math.floor(leftCents / denomination.valueCents);
    if (pieces === 0) continue;
    counts[denomination.code] = (counts[denomination.code] ?? 0) + pieces;
    leftCents -= pieces * denomination.valueCents;
  }
  if (leftCents !== 0) {
    throw new OfficeError('INVALID_INPUT', `amountCents: ${amountCents} cents cannot be made exactly from ${codes.join(', ')}`, 'amountCents');
  }
  return counts;
}
