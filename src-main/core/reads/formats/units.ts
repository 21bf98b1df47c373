/**
 * Register units to HCF (hundred cubic feet), the unit bills are computed in. Exact rule:
 *
 *   HCF = value × multiplier × factor, rounded once to USAGE_HCF_DECIMALS places, half-up
 *   factor: CF 1/100, HCF 1, GAL 1/748, KGAL 1000/748
 *
 * 748 gallons to the HCF is the billing convention (1 HCF = 748.052 gallons exactly; water
 * agencies bill with 748). Gallons do not divide evenly, so the result is rounded, exactly (by
 * integer remainder, never by a float): 1000 GAL = 1.3369 HCF, 2.5 KGAL = 3.3422 HCF.
 * Convert the USAGE (current reading − prior reading, in register units) and round once; do not
 * convert each reading and subtract, which rounds twice.
 */
import Big from 'big.js';
import type { MeterUnit } from '../../../../src-shared/contract/accounts';

/** Decimal places of a usage in HCF. */
export const USAGE_HCF_DECIMALS = 4;
/** How a usage in HCF is rounded to USAGE_HCF_DECIMALS: half-up (away from zero on a tie). */
export const USAGE_HCF_ROUNDING = 'half-up' as const;
/** Gallons in one HCF, by the billing convention. */
export const GALLONS_PER_HCF = '748';
/** Cubic feet in one HCF. */
export const CUBIC_FEET_PER_HCF = '100';

/** HCF per register unit, as an exact fraction numerator / denominator. */
const HCF_PER_UNIT: Record<MeterUnit, { numerator: string; denominator: string }> = {
  CF: { numerator: '1', denominator: CUBIC_FEET_PER_HCF },
  HCF: { numerator: '1', denominator: '1' },
  GAL: { numerator: '1', denominator: GALLONS_PER_HCF },
  KGAL: { numerator: '1000', denominator: GALLONS_PER_HCF },
};

const SIGNED_DECIMAL = /^-?\d{1,15}(\.\d{1,9})?$/;
const UNSIGNED_DECIMAL = /^\d{1,9}(\.\d{1,9})?$/;

/** A constructor of its own, so integer division never depends on the global Big.DP/RM. */
const Whole = Big();
Whole.DP = 0;
Whole.RM = Big.roundDown;

/**
 * A value in register units (a usage, or a reading) in HCF, rounded to USAGE_HCF_DECIMALS
 * half-up. `value` may be negative (a negative usage); `multiplier` is the meter's register
 * multiplier. Throws RangeError on anything that is not a plain decimal string.
 */
export function toHcf(value: string, unit: MeterUnit, multiplier = '1'): Big {
  if (!SIGNED_DECIMAL.test(value)) throw new RangeError(`Not a decimal value: ${JSON.stringify(value)}`);
  if (!UNSIGNED_DECIMAL.test(multiplier)) throw new RangeError(`Not a multiplier: ${JSON.stringify(multiplier)}`);
  const factor = HCF_PER_UNIT[unit];
  if (factor === undefined) throw new RangeError(`Not a meter unit: ${String(unit)}`);

  const numerator = new Big(value).abs().times(multiplier).times(factor.numerator);
  const hcf = divideHalfUp(numerator, new Big(factor.denominator), USAGE_HCF_DECIMALS);
  return value.startsWith('-') && !hcf.eq(0) ? hcf.neg() : hcf;
}

/**
 * numerator / denominator (both ≥ 0) rounded half-up to `places`, exactly: both are scaled to
 * integers, the quotient truncated, and the remainder decides the last digit.
 */
function divideHalfUp(numerator: Big, denominator: Big, places: number): Big {
  const scaledNumerator = numerator.times(new Big(10).pow(places));
  const decimals = Math.max(decimalPlaces(scaledNumerator), decimalPlaces(denominator));
  const shift = new Big(10).pow(decimals);
  const n = new Whole(scaledNumerator.times(shift).toFixed(0));
  const d = new Whole(denominator.times(shift).toFixed(0));
  let quotient = n.div(d);
  const remainder = n.minus(quotient.times(d));
  if (remainder.times(2).gte(d)) quotient = quotient.plus(1);
  return new Big(`${quotient.toFixed(0)}e-${places}`);
}

function decimalPlaces(value: Big): number {
  const text = value.toFixed();
  const point = text.indexOf('.');
  return point === -1 ? 0 : text.length - point - 1;
}
