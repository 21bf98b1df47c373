/**
 * The print vendor's field rules, pure and unit-tested: text folded to ASCII, left-justified,
 * space-padded and truncated; numbers zero-padded (never truncated: a number that does not fit is
 * a refusal, because a cut-off reading or amount would print a wrong bill); dates YYMMDD; signed
 * amounts in cents; text that would start a spreadsheet formula gets a leading quote (the shared
 * writer, core/files/delimited.ts). docs/formats/bill-print.md states each rule.
 */
import { OfficeError } from '../../errors';
import { fixedTextField } from '../../files/delimited';

const PLAIN_ASCII = /^[\x20-\x7e]*$/;
const DOUBLE_SPACE = / {2}/;

/** Letters NFKD does not take apart, spelled the way a US mail house expects. */
const SPELLED: Record<string, string> = {
  ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ł: 'l', Ł: 'L', þ: 'th', Þ: 'TH', ð: 'd', Ð: 'D', ı: 'i',
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u2013': '-', '\u2014': '-', '\u2212': '-',
  '\u2026': '...', '\u00A0': ' ', '\u00B0': ' ',
};

/**
 * Text as plain printable ASCII: accents dropped ("Núñez" → "Nunez"), ligatures and a few letters
 * spelled out ("Straße" → "Strasse"), typographic quotes and dashes made plain, control characters
 * (tabs, line breaks) made spaces, runs of spaces collapsed, and anything else left over → "?".
 */
export function foldToAscii(text: string): string {
  // Most names and addresses are plain ASCII already: no decomposition, no per-character loop.
  if (PLAIN_ASCII.test(text)) return DOUBLE_SPACE.test(text) || text.startsWith(' ') || text.endsWith(' ') ? text.replace(/ {2,}/g, ' ').trim() : text;
  const decomposed = text.normalize('NFKD').replace(/\p{M}/gu, '');
  let folded = '';
  for (const char of decomposed) {
    if (char >= ' ' && char <= '~') folded += char;
    else if (SPELLED[char] !== undefined) folded += SPELLED[char];
    else if (/[\s\p{Cc}]/u.test(char)) folded += ' ';
    else folded += '?';
  }
  return folded.replace(/ {2,}/g, ' ').trim();
}

/**
 * A text field: folded to ASCII, a formula-leading value quoted ('=...), cut to the field's length,
 * left-justified and space-padded. Folding comes first, so a value whose tab or leading spaces fold
 * away is judged by the character the vendor will see first.
 */
export function textField(value: string | null, length: number): string {
  return fixedTextField(foldToAscii(value ?? ''), length);
}

/** Where a value that cannot be written came from, for the refusal. */
export interface FieldPlace {
  field: string;
  /** "account 000004-01 (bill 12)" */
  record: string;
}

function refuse(place: FieldPlace, why: string): never {
  throw new OfficeError('CONFLICT', `Cannot write the print file: ${place.record}, ${place.field}: ${why}`, 'runId');
}

/** A whole number, zero-padded on the left; blank (spaces) when null; refused when it does not fit. */
export function numberField(value: number | bigint | null, length: number, place: FieldPlace): string {
  if (value === null) return ' '.repeat(length);
  if (value < 0) refuse(place, `${value} is negative; this field holds no sign`);
  const digits = value.toString();
  if (digits.length > length) refuse(place, `${digits} needs ${digits.length} digits, the field holds ${length}`);
  return digits.padStart(length, '0');
}

/** Signed cents: "+" or "-" then length − 1 zero-padded digits ($100.03 in 11 → "+0000010003"). */
export function centsField(amountCents: number, length: number, place: FieldPlace): string {
  if (!Number.isSafeInteger(amountCents)) refuse(place, `${amountCents} is not a whole number of cents`);
  const digits = Math.abs(amountCents).toString();
  if (digits.length > length - 1) refuse(place, `${amountCents} cents needs ${digits.length} digits, the field holds ${length - 1}`);
  return `${amountCents < 0 ? '-' : '+'}${digits.padStart(length - 1, '0')}`;
}

/** Reads a signed-cents field back (the trailer check re-reads what was written). */
export function parseCentsField(text: string): number {
  const match = /^([+-])(\d+)$/.exec(text);
  if (!match) throw new Error(`Invariant violated: "${text}" is not a signed cents field`);
  const magnitude = Number(match[2]);
  return match[1] === '-' ? -magnitude : magnitude;
}

/** "2026-11-09" → "261109"; blank when there is no date. */
export function yymmdd(isoDate: string | null): string {
  if (isoDate === null) return '      ';
  const match = /^\d{2}(\d{2})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) throw new Error(`Invariant violated: "${isoDate}" is not an ISO date`);
  return `${match[1]}${match[2]}${match[3]}`;
}

/** Y or N. */
export const flagField = (on: boolean): string => (on ? 'Y' : 'N');

/** The register's whole units: "141.25" → 141 (the exact usage travels in its own field). */
export function wholeReading(reading: string | null): bigint | null {
  if (reading === null || reading.trim() === '') return null;
  const match = /^(\d+)(?:\.\d+)?$/.exec(reading.trim());
  if (!match) throw new Error(`Invariant violated: reading "${reading}" is not a non-negative decimal`);
  return BigInt(match[1]!);
}

/** Usage "12.3456" HCF → whole HCF rounded half-up (12) and exact ten-thousandths (123456). */
export function usageParts(usageHcf: string): { wholeHcf: bigint; tenThousandths: bigint } {
  const match = /^(\d+)(?:\.(\d{1,4}))?$/.exec(usageHcf.trim());
  if (!match) throw new OfficeError('CONFLICT', `Usage "${usageHcf}" HCF cannot be printed: only usage of 0 or more, to 4 decimal places, can`, 'runId');
  const tenThousandths = BigInt(match[1]!) * 10_000n + BigInt((match[2] ?? '').padEnd(4, '0'));
  return { wholeHcf: (tenThousandths + 5_000n) / 10_000n, tenThousandths };
}

/** ZIP as the layout wants it: digits only ("95350-1234" → "953501234"). */
export const zipDigits = (zip: string): string => zip.replace(/\D/g, '');
