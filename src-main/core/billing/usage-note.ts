/**
 * The line a bill shows under its use when the meter does not register HCF: how the register's
 * figure became the HCF billed, with the conversion rule of docs/formats/reads.md ("Converting to
 * HCF") spelled out — 748 gallons to the HCF, rounded once to 4 places half-up, and why nothing is
 * lost between bills (each is measured from the last reading, so the register carries every
 * gallon to the next bill; only the rounding, under 0.04 gal, is not carried).
 *
 *   Meter registers gallons: 1,234,567 − 1,222,222 = 12,345 gal ÷ 748 gal per HCF = 16.5040 HCF
 *   (16.504011…, rounded half-up to 4 places). …
 *
 * A pure function of the bill's two readings and the meter. It gives null for HCF registers and
 * whenever the arithmetic from the readings is not the use billed (a read corrected by review, a
 * CMEP calculation constant accepted): the note never contradicts the bill.
 */
import Big from 'big.js';
import type { MeterUnit } from '../../../src-shared/contract/accounts';
import { CUBIC_FEET_PER_HCF, GALLONS_PER_HCF, USAGE_HCF_DECIMALS, toHcf } from '../reads/formats/units';

export interface RegisterFacts {
  unit: MeterUnit;
  multiplier: string;
  dials: number;
  priorReading: string;
  reading: string;
  /** The use billed, HCF as stored. */
  usageHcf: string;
}

/** Division to 20 places whatever the global Big.DP is. */
const Precise = Big();
Precise.DP = 20;

const DECIMAL = /^\d{1,15}(\.\d{1,9})?$/;

/** "1234567.5" → "1,234,567.5" (the decimals as they are). */
export function groupDigits(text: string): string {
  const [whole, fraction] = text.split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** The quotient for "(16.504011…, rounded …)": exact when it is, else cut to 6 places with "…". */
function quotientText(numerator: Big, denominator: string): { text: string; exact: boolean } {
  const quotient = new Precise(numerator).div(denominator);
  const exact = quotient.times(denominator).eq(numerator);
  return { text: exact ? quotient.toFixed() : `${quotient.round(6, Big.roundDown).toFixed(6)}…`, exact };
}

export function registerUseNote(facts: RegisterFacts): string | null {
  const { unit, multiplier, dials, priorReading, reading, usageHcf } = facts;
  if (unit === 'HCF' || !DECIMAL.test(priorReading) || !DECIMAL.test(reading) || !/^\d+(\.\d+)?$/.test(multiplier)) return null;
  let registerUnits = new Big(reading).minus(priorReading);
  let rollover = '';
  if (registerUnits.lt(0)) {
    registerUnits = registerUnits.plus(new Big(10).pow(dials));
    rollover = ` (the register rolled over past ${groupDigits('9'.repeat(dials))})`;
  }
  const billedHcf = toHcf(registerUnits.toFixed(), unit, multiplier);
  if (!billedHcf.eq(usageHcf)) return null;

  const difference = `${groupDigits(reading)} − ${groupDigits(priorReading)}${rollover}`;
  const scaled = registerUnits.times(multiplier);
  const times = multiplier === '1' || new Big(multiplier).eq(1) ? '' : ` × ${multiplier}`;
  if (unit === 'CF') {
    const cubicFeet = `${groupDigits(registerUnits.toFixed())}${times ? ` CF${times} = ${groupDigits(scaled.toFixed())}` : ''} CF`;
    return `Meter registers cubic feet: ${difference} = ${cubicFeet} ÷ ${CUBIC_FEET_PER_HCF} CF per HCF = ${billedHcf.toFixed()} HCF (exact).`;
  }
  const gallons = unit === 'KGAL' ? scaled.times(1000) : scaled;
  const read =
    unit === 'KGAL'
      ? `Meter registers thousands of gallons: ${difference} = ${groupDigits(registerUnits.toFixed())} kgal${times} = ${groupDigits(gallons.toFixed())} gal`
      : `Meter registers gallons: ${difference} = ${groupDigits(registerUnits.toFixed())} gal${times ? `${times} = ${groupDigits(gallons.toFixed())} gal` : ''}`;
  const quotient = quotientText(gallons, GALLONS_PER_HCF);
  const rounding = quotient.exact ? 'exact' : `${quotient.text}, rounded half-up to ${USAGE_HCF_DECIMALS} places`;
  return (
    `${read} ÷ ${GALLONS_PER_HCF} gal per HCF = ${billedHcf.toFixed(USAGE_HCF_DECIMALS)} HCF (${rounding}). ` +
    'The next bill is measured from this reading, so every gallon is billed once; only the rounding (under 0.04 gal) is not carried over.'
  );
}
