/**
 * Money in Billing Office: integer cents everywhere, big.js for arithmetic that can produce
 * fractions (rates, proration), and exactly one rounding rule applied where a fraction of a cent
 * must become cents. Never a JavaScript float for money.
 */
import Big from 'big.js';

declare const centsBrand: unique symbol;
/** An amount of money in integer US cents. Positive = debit (owed to the district) on a customer. */
export type Cents = number & { readonly [centsBrand]: 'Cents' };

/** The district's rounding rule for turning a fractional amount into cents. */
export const ROUNDING_RULE = 'half-up' as const;
export type RoundingRule = typeof ROUNDING_RULE | 'half-even';

const MAX_SAFE_CENTS = Number.MAX_SAFE_INTEGER;

/** Brands an integer as cents; refuses anything that is not a safe integer. */
export function cents(value: number): Cents {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`Not a whole number of cents: ${value}`);
  }
  return value as Cents;
}

export const ZERO_CENTS = cents(0);

export function addCents(...amounts: readonly Cents[]): Cents {
  let total = 0;
  for (const amount of amounts) total += amount;
  if (Math.abs(total) > MAX_SAFE_CENTS) throw new RangeError('Amount out of range');
  return cents(total);
}

export function negateCents(amount: Cents): Cents {
  return cents(amount === 0 ? 0 : -amount);
}

/**
 * Rounds a big.js dollar-or-cent amount to whole cents by the named rule.
 * `valueInCents` is a Big in cents (for example 1234.5 cents); the result is integer cents.
 */
export function roundToCents(valueInCents: Big, rule: RoundingRule = ROUNDING_RULE): Cents {
  const mode = rule === 'half-up' ? Big.roundHalfUp : Big.roundHalfEven;
  return cents(Number(valueInCents.round(0, mode).toFixed(0)));
}

const DOLLARS_PATTERN = /^(-)?\$?\s*(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d{0,2}))?$/;

/**
 * Parses what a clerk types ("12", "12.5", "$1,234.56", "-3.10") into cents without floats.
 * Returns null when the text is not a dollar amount with at most two decimals.
 */
export function parseDollars(text: string): Cents | null {
  const trimmed = text.trim();
  const match = DOLLARS_PATTERN.exec(trimmed);
  if (!match || (match[2] === undefined && (match[3] === undefined || match[3] === ''))) return null;
  const whole = (match[2] ?? '0').replaceAll(',', '');
  const fraction = (match[3] ?? '').padEnd(2, '0');
  // Digits joined, not multiplied: "1234" and "56" are 123456 cents exactly.
  const magnitude = Number(`${whole}${fraction}`);
  if (!Number.isSafeInteger(magnitude)) return null;
  return cents(match[1] ? -magnitude : magnitude);
}

/** Formats cents as "$1,234.56" (negative as "-$1,234.56"). */
export function formatCents(amount: Cents | number): string {
  const negative = amount < 0;
  const magnitude = Math.abs(amount);
  const dollars = Math.trunc(magnitude / 100);
  const remainder = magnitude % 100;
  const grouped = dollars.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}$${grouped}.${remainder.toString().padStart(2, '0')}`;
}

/** Cents as a plain decimal string "1234.56" for files and exports. */
export function centsToDecimalString(amount: Cents | number): string {
  const negative = amount < 0;
  const magnitude = Math.abs(amount);
  return `${negative ? '-' : ''}${Math.trunc(magnitude / 100)}.${(magnitude % 100).toString().padStart(2, '0')}`;
}
