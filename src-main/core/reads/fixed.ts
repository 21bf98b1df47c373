/**
 * Usage in whole ten-thousandths of an HCF, as JavaScript integers: the validation hot path
 * (50,000 reads in well under a second) cannot afford a big.js object per figure. Exact, not
 * float: every usage the office stores has at most 4 decimals (toHcf rounds to 4), every value
 * stays far below 2^53, and divisions are done as integer rounding (half-up, away from zero).
 */
import { Big } from './decimal';

/** Ten-thousandths of an HCF in one HCF. */
export const UNITS_PER_HCF = 10_000;

/** "12.5" → 125000; "-3" → −30000. More than 4 decimals round half-up (never stored by the office). */
export function parseHcfUnits(text: string): number {
  const negative = text.charCodeAt(0) === 45;
  const body = negative ? text.slice(1) : text;
  const dot = body.indexOf('.');
  let units: number;
  if (dot < 0) {
    units = Number(body) * UNITS_PER_HCF;
  } else {
    const fraction = body.slice(dot + 1);
    if (fraction.length > 4) return Number(new Big(text).times(UNITS_PER_HCF).round(0, Big.roundHalfUp).toFixed(0));
    units = Number(body.slice(0, dot) || '0') * UNITS_PER_HCF + Number(fraction.padEnd(4, '0'));
  }
  if (!Number.isSafeInteger(units)) throw new RangeError(`Usage out of range: ${text}`);
  return negative ? -units : units;
}

/** 125000 → "12.5", exactly (no trailing zeros). */
export function formatHcfUnits(units: number): string {
  const sign = units < 0 ? '-' : '';
  const magnitude = Math.abs(units);
  const whole = Math.floor(magnitude / UNITS_PER_HCF);
  const fraction = magnitude % UNITS_PER_HCF;
  if (fraction === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(fraction).padStart(4, '0').replace(/0+$/, '')}`;
}

/** numerator / denominator (denominator > 0) rounded to an integer, half away from zero. */
export function divideHalfUp(numerator: number, denominator: number): number {
  const quotient = Math.floor((2 * Math.abs(numerator) + denominator) / (2 * denominator));
  return numerator < 0 ? -quotient : quotient;
}

/** Texts of the hundredths met so far: a cycle's 50,000 reads show a few thousand distinct figures, five per read. */
const hundredthsTexts = new Map<number, string>();
const HUNDREDTHS_TEXTS_KEPT = 65_536;

/** numerator / denominator ten-thousandths, rounded to hundredths of an HCF, as text ("10.83"). */
export function hundredthsText(numerator: number, denominator = 1): string {
  const hundredths = divideHalfUp(numerator, denominator * 100);
  let text = hundredthsTexts.get(hundredths);
  if (text === undefined) {
    text = formatHcfUnits(hundredths * 100);
    if (hundredthsTexts.size >= HUNDREDTHS_TEXTS_KEPT) hundredthsTexts.clear();
    hundredthsTexts.set(hundredths, text);
  }
  return text;
}
