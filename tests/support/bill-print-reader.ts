/**
 * A print vendor's reader of the bill file, written from docs/formats/bill-print.md alone: it
 * imports nothing from the product. The layouts (positions, lengths, types), the record length and
 * the CSV columns are read from the document's tables; the rules checked are the document's words.
 * Every problem is an Error naming the line ("Line 4, amountDue: ..."), as a vendor would report it.
 */
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface DocField {
  start: number;
  length: number;
  /** The field's name, or '' for an unnamed filler row (—). */
  name: string;
  type: string;
  contents: string;
}

export interface BillPrintSpec {
  recordLength: number;
  layout: string;
  header: DocField[];
  detail: DocField[];
  trailer: DocField[];
  csvColumns: string[];
}

export type Row = Record<string, string>;

export function readSpec(markdown = readFileSync(resolve(__dirname, '../../docs/formats/bill-print.md'), 'utf8')): BillPrintSpec {
  const recordLength = Number(/Every record is \*\*(\d+) characters\*\*/.exec(markdown)![1]);
  const header = layoutTable(markdown, 'Header record (H)');
  const layout = header.find((field) => field.name === 'layout')!.contents.replace(/^.*: /, '');
  const csvSection = markdown.split('## CSV layout\n')[1]!.split('\n## ')[0]!;
  const csvColumns = [...csvSection.matchAll(/^\| \d+ \| `([a-z_0-9]+)` \|/gm)].map((match) => match[1]!);
  return { recordLength, layout, header, detail: layoutTable(markdown, 'Detail record (D)'), trailer: layoutTable(markdown, 'Trailer record (T)'), csvColumns };
}

function layoutTable(markdown: string, heading: string): DocField[] {
  const section = markdown.split(`### ${heading}\n`)[1]!.split('\n### ')[0]!;
  return section
    .split('\n')
    .filter((line) => /^\| \d/.test(line))
    .map((line) => {
      const cells = line.split('|').map((cell) => cell.trim());
      const start = Number(cells[1]!.split('–')[0]);
      return { start, length: Number(cells[2]), name: cells[3] === '—' ? '' : cells[3]!.replaceAll('`', ''), type: cells[4]!, contents: cells.slice(5, -1).join('|') };
    });
}

const fail = (line: number, what: string): never => {
  throw new Error(`Line ${line}, ${what}`);
};

/** The document's rule for each field type; returns the field's text. */
function checkField(field: DocField, text: string, line: number): string {
  const where = `${field.name || 'filler'} (${field.start}–${field.start + field.length - 1})`;
  const blank = text.trim() === '';
  switch (field.type) {
    case 'constant': {
      const expected = /: (\S+)/.exec(field.contents)![1]!;
      if (text !== expected) fail(line, `${where}: "${text}" is not the constant ${expected}`);
      break;
    }
    case 'number':
    case 'decimal (6 places)':
      if (!blank && !/^\d+$/.test(text)) fail(line, `${where}: "${text}" is not zero-padded digits`);
      break;
    case 'signed cents':
      if (!blank && !/^[+-]\d+$/.test(text)) fail(line, `${where}: "${text}" is not signed cents`);
      break;
    case 'date YYMMDD':
      if (!blank && !/^\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.test(text)) fail(line, `${where}: "${text}" is not a date YYMMDD`);
      break;
    case 'flag Y/N':
      if (text !== 'Y' && text !== 'N') fail(line, `${where}: "${text}" is not Y or N`);
      break;
    case 'filler':
      if (!blank) fail(line, `${where}: filler holds "${text}"`);
      break;
    case 'text':
      if (text.startsWith(' ') && !blank) fail(line, `${where}: "${text}" is not left-justified`);
      // Formula-leading text is written with a quote in front: nothing a spreadsheet would run.
      if (/^[=+\-@\t\r]/.test(text)) fail(line, `${where}: "${text}" would start a formula`);
      break;
    default:
      fail(line, `${where}: the document has no rule for the type "${field.type}"`);
  }
  return text;
}

function readRecord(fields: readonly DocField[], text: string, line: number): Row {
  const row: Row = {};
  for (const field of fields) {
    const value = checkField(field, text.slice(field.start - 1, field.start - 1 + field.length), line);
    if (field.name !== '') row[field.name] = value;
  }
  const end = fields.at(-1)!.start + fields.at(-1)!.length;
  if (text.slice(end - 1).trim() !== '') fail(line, `positions ${end}–${text.length} are not spaces`);
  return row;
}

const signedCents = (text: string): number => (text[0] === '-' ? -1 : 1) * Number(text.slice(1));
const LINE_SLOTS = 8;

export interface FixedFile {
  header: Row;
  details: Row[];
  trailer: Row;
}

/** A fixed-width file read and checked: lengths, record types, every field, each bill's sums, the trailer. */
export function readFixed(spec: BillPrintSpec, content: string): FixedFile {
  if (!content.endsWith('\r\n')) fail(content.split('\r\n').length, 'the file does not end with CR LF');
  const lines = content.slice(0, -2).split('\r\n');
  lines.forEach((text, index) => {
    if (text.length !== spec.recordLength) fail(index + 1, `the record is ${text.length} characters, the layout says ${spec.recordLength}`);
    if (!/^[\x20-\x7e]*$/.test(text)) fail(index + 1, 'the record holds a character that is not printable ASCII');
  });
  if (lines[0]![0] !== 'H') fail(1, 'the first record is not the header (H)');
  if (lines.at(-1)![0] !== 'T') fail(lines.length, 'the last record is not the trailer (T): the file is cut or out of order');
  const header = readRecord(spec.header, lines[0]!, 1);
  if (Number(header.recordLength) !== spec.recordLength) fail(1, `recordLength says ${header.recordLength}`);
  const details = lines.slice(1, -1).map((text, index) => {
    if (text[0] !== 'D') fail(index + 2, `record type "${text[0]}" where a detail (D) belongs`);
    const row = readRecord(spec.detail, text, index + 2);
    checkBill(row, index + 2);
    return row;
  });
  const trailer = readRecord(spec.trailer, lines.at(-1)!, lines.length);
  checkTrailer(trailer, details, lines.length);
  const ids = new Set<string>();
  details.forEach((row, index) => {
    if (ids.has(row.billId!)) fail(index + 2, `bill ${Number(row.billId)} is in the file twice`);
    ids.add(row.billId!);
  });
  return { header, details, trailer };
}

function checkTrailer(trailer: Row, details: readonly Row[], line: number): void {
  if (Number(trailer.recordCount) !== details.length) fail(line, `recordCount ${Number(trailer.recordCount)}, but the file has ${details.length} detail records`);
  const sum = (name: string) => details.reduce((total, row) => total + signedCents(row[name]!), 0);
  if (signedCents(trailer.currentChargesTotal!) !== sum('currentCharges')) fail(line, `currentChargesTotal ${signedCents(trailer.currentChargesTotal!)} ≠ ${sum('currentCharges')}`);
  if (signedCents(trailer.amountDueTotal!) !== sum('amountDue')) fail(line, `amountDueTotal ${signedCents(trailer.amountDueTotal!)} ≠ ${sum('amountDue')}`);
}

/** HCF per register unit (docs: CF 1/100, HCF 1, GAL 1/748, KGAL 1000/748) as a fraction. */
const HCF_PER_UNIT: Record<string, [bigint, bigint]> = { CF: [1n, 100n], HCF: [1n, 1n], GAL: [1n, 748n], KGAL: [1000n, 748n] };
const MICRO = 1_000_000n;

/** A bill's own arithmetic, as the document states it. */
function checkBill(row: Row, line: number): void {
  const due = signedCents(row.amountDue!);
  if (due !== signedCents(row.previousBalance!) + signedCents(row.currentCharges!)) fail(line, 'amountDue is not previousBalance + currentCharges');
  let slots = 0;
  for (let slot = 1; slot <= LINE_SLOTS; slot += 1) if (row[`line${slot}Amount`]!.trim() !== '') slots += signedCents(row[`line${slot}Amount`]!);
  if (slots !== signedCents(row.currentCharges!)) fail(line, `the charge-line slots add up to ${slots}, not currentCharges ${signedCents(row.currentCharges!)}`);
  const usage = BigInt(row.usageTenThousandthsHcf!);
  if (BigInt(row.unitsUsed!) !== (usage + 5_000n) / 10_000n) fail(line, 'unitsUsed is not usageTenThousandthsHcf rounded half-up to whole HCF');
  if (row.usageFromRegister === 'Y') checkRegister(row, usage, line);
}

/** "current − previous = units used", through the register's unit, multiplier and dials. */
function checkRegister(row: Row, usage: bigint, line: number): void {
  const previous = BigInt(row.previousReadingExact!);
  const current = BigInt(row.currentReadingExact!);
  const rollover = 10n ** BigInt(row.registerDials!) * MICRO;
  const used = current - previous + (row.rollover === 'Y' ? rollover : 0n);
  if (used !== BigInt(row.registerUnitsUsed!)) fail(line, `current − previous is ${used} millionths, registerUnitsUsed says ${BigInt(row.registerUnitsUsed!)}`);
  const factor = HCF_PER_UNIT[row.registerUnit!.trim()];
  if (!factor) fail(line, `registerUnit "${row.registerUnit}" is none of CF, HCF, GAL, KGAL`);
  // used (10^-6) × multiplier (10^-6) × factor, in ten-thousandths of an HCF, half-up.
  const numerator = used * BigInt(row.registerMultiplier!) * factor![0] * 10_000n;
  const denominator = MICRO * MICRO * factor![1];
  const hcf = (numerator * 2n + denominator) / (2n * denominator);
  if (hcf !== usage) fail(line, `the register says ${hcf} ten-thousandths of an HCF, usageTenThousandthsHcf says ${usage}`);
}

export interface CsvFile {
  columns: string[];
  bills: Row[];
  trailer: Row;
}

/** The CSV read and checked: one row per line, the documented columns, the trailer's count and sums. */
export function readCsv(spec: BillPrintSpec, content: string): CsvFile {
  if (/[\t]|\n(?<!\r\n)|\r(?!\n)/.test(content)) fail(content.slice(0, content.search(/[\t]|\n(?<!\r\n)|\r(?!\n)/)).split('\r\n').length, 'a raw TAB or line break inside a cell');
  const physical = content.slice(0, -2).split('\r\n');
  const rows = parse(content, { relax_column_count: false }) as string[][];
  if (rows.length !== physical.length) fail(rows.length, `${physical.length} lines hold ${rows.length} rows: a row spans lines`);
  const columns = rows[0]!;
  if (columns.join(',') !== spec.csvColumns.join(',')) fail(1, 'the columns are not the documented ones');
  const named = rows.slice(1).map((cells) => Object.fromEntries(columns.map((name, index) => [name, cells[index]!])) as Row);
  const trailer = named.at(-1)!;
  if (trailer.record_type !== 'T') fail(rows.length, 'the last row is not the trailer (T)');
  const bills = named.slice(0, -1);
  bills.forEach((bill, index) => bill.record_type !== 'D' && fail(index + 2, `record_type ${bill.record_type}`));
  if (Number(trailer.record_count) !== bills.length) fail(rows.length, `record_count ${trailer.record_count}, but ${bills.length} D rows`);
  const cents = (text: string) => Math.round(Number(text) * 100);
  const sum = (name: string) => bills.reduce((total, bill) => total + cents(bill[name]!), 0);
  if (cents(trailer.current_charges!) !== sum('current_charges')) fail(rows.length, 'current_charges total');
  if (cents(trailer.amount_due!) !== sum('amount_due')) fail(rows.length, 'amount_due total');
  if (trailer.layout !== spec.layout) fail(rows.length, `layout ${trailer.layout}, the document is ${spec.layout}`);
  return { columns, bills, trailer };
}

/** ASCII folding as the document states it (NFKD, accents dropped, the listed letters spelled out). */
export function fold(text: string): string {
  const spelled: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', '\u2019': "'", '\u2018': "'", '\u201C': '"', '\u201D': '"', '\u2013': '-', '\u2014': '-', '\u2026': '...' };
  return [...text.normalize('NFKD').replace(/\p{M}/gu, '')].map((char) => spelled[char] ?? (/[\x20-\x7e]/.test(char) ? char : /\s/.test(char) ? ' ' : '?')).join('').replace(/ {2,}/g, ' ').trim();
}

const yymmdd = (iso: string) => (iso === '' ? '      ' : iso.slice(2).replaceAll('-', ''));
const tenThousandths = (decimal: string) => {
  const [whole, fraction = ''] = decimal.split('.');
  return BigInt(whole!) * 10_000n + BigInt(fraction.padEnd(4, '0'));
};
const micro = (decimal: string) => {
  const [whole, fraction = ''] = decimal.split('.');
  return BigInt(whole!) * MICRO + BigInt(fraction.padEnd(6, '0'));
};
const CODES: [string, string][] = [['FINAL', 'finalBill'], ['AUTOPAY', 'autopay'], ['PAST_DUE', 'pastDue'], ['ESTIMATED', 'estimated'], ['FIRST', 'firstBill']];

/** The two files say the same thing about every bill, in the same order. */
export function agree(fixed: FixedFile, csv: CsvFile): void {
  if (fixed.details.length !== csv.bills.length) throw new Error(`${fixed.details.length} bills in the fixed-width file, ${csv.bills.length} in the CSV`);
  fixed.details.forEach((d, index) => {
    const c = csv.bills[index]!;
    const same = (what: string, a: unknown, b: unknown) => {
      if (a !== b) throw new Error(`Bill ${Number(d.billId)} (${index + 1}), ${what}: fixed "${String(a)}", CSV "${String(b)}"`);
    };
    same('bill', Number(d.billId), Number(c.bill_id));
    same('account', d.account!.trim(), c.account);
    for (const [f, k] of [['previousBalance', 'previous_balance'], ['currentCharges', 'current_charges'], ['amountDue', 'amount_due']] as const) same(f, signedCents(d[f]!), Math.round(Number(c[k]) * 100));
    for (const [f, k] of [['billDate', 'bill_date'], ['dueDate', 'due_date'], ['periodFrom', 'period_from'], ['periodTo', 'period_to'], ['currentReadDate', 'current_read_date'], ['previousReadDate', 'previous_read_date']] as const) same(f, d[f], yymmdd(c[k]!));
    same('usage', BigInt(d.usageTenThousandthsHcf!), tenThousandths(c.usage_hcf!));
    for (const [code, flag] of CODES) same(code, d[flag], c.message_codes!.split(' ').includes(code) ? 'Y' : 'N');
    same('suppressReturnEnvelope', d.suppressReturnEnvelope, c.suppress_return_envelope);
    for (const [f, k] of [['name', 'name'], ['nameLine2', 'name_line_2'], ['mailingStreet', 'mailing_street'], ['mailingStreetLine2', 'mailing_street_line_2'], ['serviceStreet', 'service_street'], ['serviceStreetLine2', 'service_street_line_2'], ['mailingCity', 'mailing_city'], ['serviceCity', 'service_city'], ['mailingRegion', 'mailing_region'], ['mailingCountryName', 'mailing_country_name']] as const) {
      same(f, d[f]!.trimEnd(), fold(c[k]!));
    }
    same('meter', d.meter!.trimEnd(), fold(c.meter!));
    same('route', d.route!.trimEnd(), fold(c.route!));
    same('mailingState', d.mailingState!.trim(), c.mailing_state);
    same('mailingZip', d.mailingZip!.trim(), c.mailing_zip!.replace(/\D/g, ''));
    same('mailingPostalCode', d.mailingPostalCode!.trim(), c.mailing_postal_code);
    same('mailingCountry', d.mailingCountry, c.mailing_country);
    same('registerUnit', d.registerUnit!.trim(), c.register_unit);
    same('registerDials', d.registerDials!.trim() === '' ? '' : String(Number(d.registerDials)), c.register_dials);
    for (const [f, k] of [['registerMultiplier', 'register_multiplier'], ['registerUnitsUsed', 'register_units_used'], ['previousReadingExact', 'previous_reading'], ['currentReadingExact', 'current_reading']] as const) {
      same(f, d[f]!.trim() === '' ? null : BigInt(d[f]!), c[k] === '' ? null : micro(c[k]!));
    }
    for (const [f, k] of [['rollover', 'rollover'], ['usageFromRegister', 'usage_from_register'], ['shortened', 'shortened']] as const) same(f, d[f], c[k]);
    same('lineCount', Number(d.lineCount), Number(c.line_count));
    for (let slot = 1; slot <= LINE_SLOTS; slot += 1) {
      const amount = d[`line${slot}Amount`]!;
      same(`line ${slot} amount`, amount.trim() === '' ? null : signedCents(amount), c[`line_${slot}_amount`] === '' ? null : Math.round(Number(c[`line_${slot}_amount`]) * 100));
    }
  });
}
