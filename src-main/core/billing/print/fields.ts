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
 * A text field: folded to ASCII, fitted to the field by the shortening rule (fitText: whole words,
 * "..." where something was left out), a formula-leading value quoted ('=...), left-justified and
 * space-padded. Folding comes first, so a value whose tab or leading spaces fold away is judged by
 * the character the vendor will see first.
 */
export function textField(value: string | null, length: number): string {
  const text = value ?? '';
  const key = `${length}|${text}`;
  let field = recentFields.get(key);
  if (field === undefined) {
    field = fixedTextField(fitText(text, length, 1).folded[0] ?? '', length);
    if (recentFields.size >= RECENT_FIELDS) recentFields.clear();
    recentFields.set(key, field);
  }
  return field;
}

/**
 * Text fields written lately: a run's charge descriptions, cities and routes repeat on every bill,
 * and a value that needs the shortening rule costs microseconds each time. Bounded: cleared when full.
 */
const recentFields = new Map<string, string>();
const RECENT_FIELDS = 2_000;

/** The marker at the end of text that was shortened: the reader knows something is missing. */
export const CUT_MARKER = '...';
const FORMULA_LEAD = /^[=+\-@]/;
/** What separates words: anything folding turns into a space. */
const WORD_GAP = /[\s\p{Cc}\u00B0]+/u;
/** A unit designator (USPS secondary unit: "Apt 5 A", "#12", "Ste. 200") and what follows it. */
const UNIT_DESIGNATOR = /^(?:#|(?:apt|apartment|unit|ste|suite|bldg|building|fl|floor|rm|room|spc|space|lot|trlr|dept|pmb)\.?$|#\S+$)/i;

/** A value laid out on at most `lineCount` lines of `width` characters: as written (UTF-8) and folded (ASCII). */
export interface FittedText {
  /** The lines as the customer wrote them (the CSV and the bill PDF). */
  lines: string[];
  /** The same lines folded to ASCII (the fixed-width file); same words, same line breaks. */
  folded: string[];
  /** True when part of the value was left out ("..." ends the kept text). */
  cut: boolean;
}

interface Word {
  text: string;
  folded: string;
}

const wordOf = (text: string): Word => ({ text, folded: foldToAscii(text) });

/** The printed width of a line of words: folded, spaces between, plus the formula quote the writer adds. */
function widthOf(words: readonly Word[], marker = ''): number {
  const folded = words.map((word) => word.folded).join(' ') + marker;
  return folded.length + (FORMULA_LEAD.test(folded) ? 1 : 0);
}

/** The longest start of a word that fits `room` printed characters (cutting its letters, never its folded pieces). */
function cutWord(word: Word, room: number): Word {
  let text = '';
  let folded = '';
  for (const char of word.text) {
    const piece = foldToAscii(char);
    if (folded.length + piece.length > room) break;
    text += char;
    folded += piece;
  }
  return { text, folded };
}

const joined = (words: readonly Word[]): Word => ({ text: words.map((word) => word.text).join(' '), folded: words.map((word) => word.folded).join(' ') });

/**
 * The last line when the rest does not fit: as many whole words as fit with the marker after
 * them, then the unit (`tail`, kept whole). A first word too long for the line alone is cut, the
 * marker saying so.
 */
function shortened(words: readonly Word[], width: number, tail: Word | null): Word[] {
  const after = tail ? [tail] : [];
  const kept: Word[] = [];
  for (const word of words) {
    if (widthOf([...kept, word, ...after], CUT_MARKER) > width) break;
    kept.push(word);
  }
  if (kept.length === 0 && words.length > 0) {
    const quote = FORMULA_LEAD.test(words[0]!.folded) ? 1 : 0;
    const room = width - CUT_MARKER.length - (tail ? tail.folded.length + 1 : 0) - quote;
    if (room > 0) kept.push(cutWord(words[0]!, room));
  }
  const last = kept.pop();
  const marked = last ? [...kept, { text: last.text + CUT_MARKER, folded: last.folded + CUT_MARKER }] : [{ text: CUT_MARKER, folded: CUT_MARKER }];
  return [...marked, ...after];
}

/** Where a known unit ("Ph 2", stored apart from the street) begins at the end of the words, or -1. */
function unitFromEnd(words: readonly Word[], unit: string): number {
  const count = unit.split(WORD_GAP).filter((text) => foldToAscii(text) !== '').length;
  return count > 0 && count < words.length ? words.length - count : -1;
}

/** Where the unit designator begins in a street's words, or -1 (the first word is never a unit). */
function unitStart(words: readonly Word[]): number {
  for (let index = 1; index < words.length; index += 1) if (UNIT_DESIGNATOR.test(words[index]!.folded)) return index;
  return -1;
}

/**
 * The shortening rule (docs/formats/bill-print.md, "Long names and addresses"), one place for the
 * print file and the bill PDF so both say the same thing:
 * 1. a value that fits the first line is written as it is;
 * 2. a street with a unit ("Apt 5 A", "#12", or the service address's unit as stored) whose street part fits keeps the street on the first
 *    line and the unit, whole, on the next;
 * 3. otherwise words fill each line in turn, a line breaking only between words (a unit counts
 *    as one word);
 * 4. what does not fit on the last line is left out and the kept text ends "..." — a street keeps
 *    its unit whole after the marker; a single word longer than a line is the only thing ever cut
 *    inside a word, and the marker says so.
 * Widths are counted on the folded (ASCII) text, with the quote a formula-leading line gets.
 */
export function fitText(value: string, width: number, lineCount: number, options: { street?: boolean; unit?: string } = {}): FittedText {
  // Nearly every value is plain ASCII, single-spaced, and fits: rule 1 without splitting words.
  if (value.length + 1 <= width && PLAIN_ASCII.test(value) && !DOUBLE_SPACE.test(value) && !value.startsWith(' ') && !value.endsWith(' ')) {
    return value === '' ? { lines: [], folded: [], cut: false } : { lines: [value], folded: [value], cut: false };
  }
  const words = value.split(WORD_GAP).map(wordOf).filter((word) => word.folded !== '');
  const unitAt = !options.street ? -1 : options.unit ? unitFromEnd(words, options.unit) : unitStart(words);
  const tail = unitAt > 0 && widthOf(words.slice(unitAt)) <= width ? joined(words.slice(unitAt)) : null;
  const head = tail ? words.slice(0, unitAt) : words;
  let lines: Word[][];
  let cut = false;
  if (widthOf(words) <= width) lines = words.length > 0 ? [words] : [];
  else if (tail && lineCount > 1 && widthOf(head) <= width) lines = [head, [tail]];
  else ({ lines, cut } = fill(head, tail, width, lineCount));
  return {
    lines: lines.map((line) => joined(line).text),
    folded: lines.map((line) => joined(line).folded),
    cut,
  };
}

/** Rules 3 and 4: whole words line by line; the last line shortened, with the marker, when the rest does not fit. */
function fill(head: readonly Word[], tail: Word | null, width: number, lineCount: number): { lines: Word[][]; cut: boolean } {
  const lines: Word[][] = [];
  const rest = tail ? [...head, tail] : [...head];
  while (rest.length > 0 && lines.length < lineCount - 1) {
    const line: Word[] = [];
    while (rest.length > 0 && widthOf([...line, rest[0]!]) <= width) line.push(rest.shift()!);
    if (line.length === 0) break; // a word longer than a line: the next line cuts it, marked
    lines.push(line);
  }
  if (rest.length === 0) return { lines, cut: false };
  if (widthOf(rest) <= width) return { lines: [...lines, rest], cut: false };
  const restTail = tail && rest.includes(tail) ? tail : null;
  return { lines: [...lines, shortened(rest.filter((word) => word !== restTail), width, restTail)], cut: true };
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

/** Decimal places a `decimal (6 places)` field implies. */
export const IMPLIED_DECIMALS = 6;

/**
 * A decimal with six places implied, zero-padded: 141.25 in 18 → "000000000141250000". Blank when
 * null; refused when negative, finer than six places, or too long for the field (never cut).
 */
export function decimalField(value: string | null, length: number, place: FieldPlace): string {
  if (value === null) return ' '.repeat(length);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) refuse(place, `${value} is not a decimal of 0 or more`);
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > IMPLIED_DECIMALS) refuse(place, `${value} has more than ${IMPLIED_DECIMALS} decimal places`);
  const digits = (BigInt(match[1]!) * 10n ** BigInt(IMPLIED_DECIMALS) + BigInt(fraction.padEnd(IMPLIED_DECIMALS, '0') || '0')).toString();
  if (digits.length > length) refuse(place, `${value} needs ${digits.length} digits, the field holds ${length}`);
  return digits.padStart(length, '0');
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
