/**
 * Field checks shared by the lockbox formats. Each returns the value, or a sentence saying what
 * is wrong with it (the caller adds the line and field). Amounts become integer cents by joining
 * digits, never by multiplying a float.
 */
import { shown } from '../../reads/formats/problems';
import { LOCKBOX_LIMITS } from './limits';

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };
const good = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = <T>(problem: string): Checked<T> => ({ ok: false, problem });

const DOLLARS = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

/** A payment written in dollars, "126.59" / "126.5" / "126": more than zero, at most the payment limit. */
export function paymentDollars(text: string): Checked<number> {
  const value = text.trim();
  if (value === '') return bad('the amount is missing');
  const match = DOLLARS.exec(value);
  if (!match) {
    if (value.startsWith('-') || value.startsWith('(')) return bad(`${shown(value)} is negative; a lockbox file lists payments received, which are positive. Returned items come from the bank separately.`);
    if (/[$,]/.test(value)) return bad(`${shown(value)}: write amounts without "$" or thousands commas, like 1234.56`);
    if (/^\d+\.\d{3,}$/.test(value)) return bad(`${shown(value)} has more than two decimals; amounts are dollars and cents, like 126.59`);
    return bad(`${shown(value)} is not an amount; amounts are dollars and cents, like 126.59`);
  }
  const amountCents = Number(`${match[1]}${(match[2] ?? '').padEnd(2, '0')}`);
  return paymentCents(amountCents, value);
}

/** BAI2 amounts carry two implied decimals: "12659" is $126.59. Unsigned digits only. */
export function impliedCentsPayment(text: string): Checked<number> {
  const value = text.trim();
  if (value === '') return bad('the amount is missing');
  if (!/^\d{1,15}$/.test(value)) {
    return bad(`${shown(value)} is not a BAI2 amount: whole cents as digits only, no sign or decimal point (12659 is $126.59)`);
  }
  return paymentCents(Number(value), value);
}

function paymentCents(amountCents: number, written: string): Checked<number> {
  if (amountCents === 0) return bad(`${shown(written)} is zero, which is not a payment`);
  if (amountCents > LOCKBOX_LIMITS.maxItemCents) return bad(`${shown(written)} is more than the largest payment the office takes ($10,000,000.00)`);
  return good(amountCents);
}

/** A signed BAI2 amount or control total in cents ("+1500", "-20", "0"); empty is `emptyAs`. */
export function signedImpliedCents(text: string, emptyAs: bigint | null): Checked<bigint> {
  const value = text.trim();
  if (value === '') return emptyAs === null ? bad('the amount is missing') : good(emptyAs);
  if (!/^[+-]?\d{1,18}$/.test(value)) return bad(`${shown(value)} is not a BAI2 amount: whole cents as digits with an optional sign`);
  return good(BigInt(value));
}

/** A count (records, accounts, groups): digits only. */
export function wholeCount(text: string): Checked<number> {
  const value = text.trim();
  if (!/^\d{1,9}$/.test(value)) return bad(`${value === '' ? 'the count is missing' : `${shown(value)} is not a count (digits only)`}`);
  return good(Number(value));
}

function realDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "2026-03-05" or "03/05/2026" (also "3/5/2026") → "2026-03-05". */
export function csvDate(text: string): Checked<string> {
  const value = text.trim();
  if (value === '') return bad('the date is missing');
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const parts = iso ? [iso[1], iso[2], iso[3]] : us ? [us[3], us[1], us[2]] : null;
  if (!parts) return bad(`${shown(value)} is not a date; write 2026-03-05 or 03/05/2026`);
  const date = realDate(Number(parts[0]), Number(parts[1]), Number(parts[2]));
  return date === null ? bad(`${shown(value)} is not a real date`) : good(date);
}

/** BAI2 "YYMMDD" → "20YY-MM-DD" (BAI2 files are read for this century). */
export function bai2Date(text: string): Checked<string> {
  const value = text.trim();
  if (!/^\d{6}$/.test(value)) return bad(`${value === '' ? 'the date is missing' : `${shown(value)} is not a BAI2 date`}; BAI2 dates are YYMMDD, like 260305`);
  const date = realDate(2000 + Number(value.slice(0, 2)), Number(value.slice(2, 4)), Number(value.slice(4, 6)));
  return date === null ? bad(`${shown(value)} is not a real date (YYMMDD)`) : good(date);
}

/** An account number from a scan line: letters, digits and dashes, 1–30 characters. */
export function accountNumber(text: string): Checked<string> {
  const value = text.trim();
  if (value === '') return bad('the account number is missing');
  if (!/^[A-Za-z0-9-]{1,30}$/.test(value)) return bad(`${shown(value)} is not an account number (letters, digits and dashes, at most 30)`);
  return good(value);
}

/** A check number: letters, digits and dashes, 1–15 characters; empty is "none". */
export function checkNumber(text: string): Checked<string | null> {
  const value = text.trim();
  if (value === '') return good(null);
  if (!/^[A-Za-z0-9-]{1,15}$/.test(value)) return bad(`${shown(value)} is not a check number (letters, digits and dashes, at most 15)`);
  return good(value);
}
