/**
 * Exact decimal arithmetic for readings and usage (big.js; never a float). Registers count in
 * the meter's unit; billing is in HCF. Gallons do not divide evenly into HCF (1 HCF = 748 gal):
 * usage is converted by the parsers' toHcf (4 places, half-up), the one rounding of a usage.
 */
import Big from 'big.js';
import type { MeterUnit } from '../../../src-shared/contract/accounts';
import { GALLONS_PER_HCF as GALLONS_PER_HCF_TEXT, toHcf } from './formats/units';

export const GALLONS_PER_HCF = Number(GALLONS_PER_HCF_TEXT);
/** Figures shown beside a usage (benchmarks, ranges) are in hundredths of an HCF, half-up. */
export const HCF_DECIMALS = 2;

/** Whole digits only (a reading JavaScript holds exactly). */
export const WHOLE_DIGITS = /^\d{1,15}$/;

/** The whole register units of a reading, for the integer `reading` column ("1234.5" → 1234). */
export const wholeReading = (reading: string) => (WHOLE_DIGITS.test(reading) ? Number(reading) : Number(new Big(reading).round(0, Big.roundDown).toFixed(0)));

/** "001234" → "1234", "12.50" → "12.5", "-0" → "0". */
export function normalizeDecimal(text: string): string {
  return new Big(text).toFixed();
}

/** Register units → HCF by the file parsers' exact rule (formats/units.ts: 748 gal, 4 places, half-up). */
export function registerUnitsToHcf(units: Big, unit: MeterUnit, multiplier: string): Big {
  return toHcf(units.toFixed(), unit, multiplier);
}

/** Whole register units that make about `hcf` of use (for estimates), half-up. */
export function hcfToRegisterUnits(hcf: Big, unit: MeterUnit, multiplier: string): Big {
  const meterUnits = unit === 'HCF' ? hcf : unit === 'CF' ? hcf.times(100) : unit === 'GAL' ? hcf.times(GALLONS_PER_HCF) : hcf.times(GALLONS_PER_HCF).div(1000);
  return meterUnits.div(multiplier).round(0, Big.roundHalfUp);
}

/** How many of `to` units make one `from` unit, when both count the same family exactly. */
export function unitFactor(from: MeterUnit, to: MeterUnit): Big | null {
  if (from === to) return new Big(1);
  const cf: Partial<Record<MeterUnit, number>> = { CF: 1, HCF: 100 };
  const gal: Partial<Record<MeterUnit, number>> = { GAL: 1, KGAL: 1000 };
  for (const family of [cf, gal]) {
    const a = family[from];
    const b = family[to];
    if (a !== undefined && b !== undefined) return new Big(a).div(b);
  }
  return null;
}

/** Hundredths, half-up, as text without trailing zeros (for figures shown beside a usage). */
export function hcfText(value: Big): string {
  return value.round(HCF_DECIMALS, Big.roundHalfUp).toFixed().replace(/^-0$/, '0');
}

export { Big };
