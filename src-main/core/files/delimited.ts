/**
 * The one writer of the CSV and fixed-width files the office sends out (the print vendor's bill
 * file, the route file for the handheld). Two rules, each in one place:
 *
 * - RFC 4180: a cell holding a comma, a double quote, a line break or an edge space is enclosed in
 *   double quotes and its quotes doubled; rows end CR LF. A cell holding a semicolon or a tab is
 *   quoted too, so a spreadsheet that splits on those (a European list separator, a tab import)
 *   still sees one cell.
 * - OWASP's CSV-injection rule: a text cell whose first character is = + - @ tab or carriage
 *   return is prefixed with a single quote, so a spreadsheet shows it as text instead of running it
 *   as a formula (`=HYPERLINK(...)` → `'=HYPERLINK(...)`).
 * - One line per row: a line break or tab inside a text cell (with any spaces around it) becomes
 *   one space, as in the fixed-width files, so a program that reads the file line by line, or
 *   splits on tabs, never sees a row cut in two. Applied after the formula rule, so a value that
 *   started with a tab keeps its quote.
 *
 * A string is always text: a customer's name, a street, a meter serial, anything a person or a
 * file supplied. A number the office formats itself (a count, an id, an amount "-12.34") is a
 * numeric cell — a JS number, or `decimalCell("-12.34")` for a formatted decimal — and is written
 * as it is, never prefixed, so the vendor's program still reads "-12.34" as a number. A decimal
 * cell must look like a plain decimal, so a numeric cell can never carry a formula either.
 */

/** A formatted decimal the office wrote itself ("-12.34", "001234.5"): written unquoted, unprefixed. */
export interface DecimalCell {
  readonly decimal: string;
}

/** A cell: text (a string), a number (integer counts and ids), a formatted decimal, or empty (null). */
export type Cell = string | number | bigint | DecimalCell | null;

/** First characters that make a spreadsheet treat a cell as a formula (OWASP: = + - @ TAB CR). */
const FORMULA_LEADS = new Set(['=', '+', '-', '@', '\t', '\r']);
/** What makes RFC 4180 quoting needed (plus ; and tab, which some spreadsheets split on). */
const NEEDS_QUOTES = /[",;\t\r\n]|^\s|\s$/;
const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** A decimal string as a numeric cell; anything but an optional minus, digits and one point is a bug. */
export function decimalCell(text: string): DecimalCell {
  if (!PLAIN_DECIMAL.test(text)) throw new Error(`Invariant violated: "${text}" is not a plain decimal number`);
  return { decimal: text };
}

/** A text value a spreadsheet will not run: a formula-leading value gets a single quote in front. */
export function neutraliseFormula(text: string): string {
  return text !== '' && FORMULA_LEADS.has(text[0]!) ? `'${text}` : text;
}

function numericText(cell: number | bigint | DecimalCell): string {
  if (typeof cell === 'bigint') return cell.toString();
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new Error(`Invariant violated: ${cell} cannot be written as a number`);
    return String(cell);
  }
  return cell.decimal;
}

/** Line breaks and tabs of every kind (CR, LF, VT, FF, NEL, the Unicode line and paragraph separators), with the spaces around them. */
const BREAKS = / *[\t\n\v\f\r\u0085\u2028\u2029][\t\n\v\f\r\u0085\u2028\u2029 ]*/g;

/** Text on one line: each run of line breaks and tabs (and the spaces beside it) becomes one space. */
export const foldBreaks = (text: string): string => text.replace(BREAKS, ' ');

const quoted = (text: string): string => (NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** One CSV cell: text neutralised, folded onto one line, then quoted as needed; numbers as they are; null empty. */
export function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return quoted(foldBreaks(neutraliseFormula(cell)));
  return numericText(cell);
}

export const csvRow = (cells: readonly Cell[]): string => cells.map(csvCell).join(',');

/** One CSV line: the row and its CR LF. */
export const csvLine = (cells: readonly Cell[]): string => `${csvRow(cells)}\r\n`;

/**
 * A whole CSV file: CR LF after every row (the last included). Rows may be a generator, so a
 * large file never holds every cell at once, only the text written so far.
 */
export function csvFile(rows: Iterable<readonly Cell[]>): string {
  let text = '';
  for (const cells of rows) text += csvLine(cells);
  return text;
}

/**
 * A fixed-width text field: neutralised, then cut to the field's length, then padded with spaces.
 * The quote goes on before the cut, so the field keeps its width and still starts with the quote;
 * a neutralised value that filled the field loses its last character to the quote.
 */
export function fixedTextField(text: string, length: number): string {
  return neutraliseFormula(text).slice(0, length).padEnd(length, ' ');
}
