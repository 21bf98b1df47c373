/**
 * Exact decimals for rates (big.js; never a float) and how they are written in explanations.
 * Usage quantities have at most 4 decimal places (HCF_PLACES): a usage share or a prorated tier
 * width is rounded to that, half-up, so every quantity on a bill can be re-multiplied by hand.
 */
import Big from 'big.js';

export const HCF_PLACES = 4;
/** Places kept in an explanation's exact (pre-rounding) amount. */
export const EXACT_PLACES = 10;

export const ZERO = new Big(0);

/** HCF rounded to the billing precision, half-up. */
export const roundHcf = (value: Big): Big => value.round(HCF_PLACES, Big.roundHalfUp);

const HCF_SCALE = 10 ** HCF_PLACES;

/**
 * value × numerator / denominator rounded to HCF precision, half-up, for a non-negative value with
 * at most 4 places: the same result as roundHcf(value.times(numerator).div(denominator)), worked in
 * whole ten-thousandths with BigInt because big.js division of a repeating fraction is slow, and
 * a period across a rate change makes several of them for every bill.
 */
export function hcfShare(value: Big, numerator: number, denominator: number): Big {
  const scaled = BigInt(value.times(HCF_SCALE).toFixed(0)) * BigInt(numerator);
  const divisor = BigInt(denominator);
  const quotient = scaled / divisor;
  const rounded = (scaled % divisor) * 2n >= divisor ? quotient + 1n : quotient;
  return new Big(`${rounded}e-${HCF_PLACES}`);
}

/** A Big as plain decimal text without trailing zeros ("9.5333", "2.2", "13"). */
export function plain(value: Big): string {
  const text = value.toFixed();
  return text === '-0' ? '0' : text;
}

/** Exact dollars for an explanation, to EXACT_PLACES, without trailing zeros. */
export const exactText = (value: Big): string => plain(value.round(EXACT_PLACES, Big.roundHalfUp));

/** Groups thousands of a non-negative whole-number string: "1631" → "1,631". */
const group = (whole: string) => whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Rates of a rate book are the same Big objects bill after bill: their text is worked out once. */
const rateTexts = new WeakMap<Big, string>();

function rateText(big: Big): string {
  const negative = big.lt(0);
  const [whole = '0', fraction = ''] = plain(big.abs()).split('.');
  const shown = fraction.length <= 2 ? fraction.padEnd(2, '0') : fraction;
  return `${negative ? '-' : ''}$${group(whole)}.${shown}`;
}

/**
 * A rate for people: "$4.90" for "4.9000", "$0.003271" kept to its significant places, and at
 * least cents ("$52.3" is written "$52.30").
 */
export function formatRate(value: Big | string): string {
  if (typeof value === 'string') return rateText(new Big(value));
  let text = rateTexts.get(value);
  if (text === undefined) {
    text = rateText(value);
    rateTexts.set(value, text);
  }
  return text;
}

/** Cents as "$1,234.56", in integers (no big.js needed for whole cents). */
export function formatCentsText(amountCents: number): string {
  const magnitude = Math.abs(amountCents);
  const remainder = magnitude % 100;
  return `${amountCents < 0 ? '-' : ''}$${group(String((magnitude - remainder) / 100))}.${remainder < 10 ? '0' : ''}${remainder}`;
}

/** A Big's plain text, remembered for the rate book's own Big objects (rates shown on every bill). */
const plainTexts = new WeakMap<Big, string>();
export function plainRate(value: Big): string {
  let text = plainTexts.get(value);
  if (text === undefined) {
    text = plain(value);
    plainTexts.set(value, text);
  }
  return text;
}

export { Big };
