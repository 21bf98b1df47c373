/**
 * The print vendor's field rules (core/billing/print/fields.ts), the charge-line slots, the scan
 * line, and docs/formats/bill-print.md checked against the layouts it documents.
 */
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { luhnDigit, scanLine } from '../../src-main/core/billing/print/bill-pdf';
import { CSV_COLUMNS, formatCsv } from '../../src-main/core/billing/print/csv';
import { centsField, decimalField, fitText, foldToAscii, numberField, textField, usageParts, wholeReading, yymmdd, zipDigits } from '../../src-main/core/billing/print/fields';
import { registerFigures } from '../../src-main/core/billing/print/register';
import { DETAIL_FIELDS, HEADER_FIELDS, RECORD_LENGTH, TRAILER_FIELDS, detailField, formatRecord, lineSlots, totalsOfDetails, type FieldSpec } from '../../src-main/core/billing/print/fixed-width';
import type { PrintRecord } from '../../src-main/core/billing/print/records';

const place = { field: 'currentReading', record: 'account 000001-01 (bill 7)' };

/** A record whose customer typed formulas everywhere (and a credit balance). */
function hostileRecord(): PrintRecord {
  return {
    billId: 12, replacesBillId: null, accountNumber: '000004-01', mailingName: '@SUM(1+1) =HYPERLINK("http://x/?"&A1,"Pay here")',
    mailingStreet: "+cmd|' /C calc'!A0", mailingCity: '-1+1', mailingState: 'CA', mailingZip: '95350', mailingCountry: 'US', serviceStreet: '4 Elm St', serviceUnit: '', serviceCity: 'Valle Verde',
    route: 'R2', sequence: 4, meterSerial: 'M-4', register: { unit: 'HCF', multiplier: '1', dials: 6 }, sameMeter: true, priorReadDate: '2026-10-09', priorReading: '130', readDate: '2026-11-09', reading: '139', usageHcf: '9',
    fromDate: '2026-10-09', toDate: '2026-11-09', billDate: '2026-11-12', dueDate: '2026-12-02',
    previousBalanceCents: -1_240, currentChargesCents: 8_486, amountDueCents: 7_246, messageCodes: [], suppressReturnEnvelope: false,
    lines: [{ description: '=Water use', amountCents: 8_486 }],
  };
}

describe('ASCII folding and text fields', () => {
  it('drops accents, spells out letters that do not decompose, plain quotes and dashes, spaces for control characters', () => {
    expect(foldToAscii('José Núñez-Ibáñez')).toBe('Jose Nunez-Ibanez');
    expect(foldToAscii('Straße Æsir Œuvre Øster Łódź Đuro Þór')).toBe('Strasse AEsir OEuvre Oster Lodz Duro THor');
    expect(foldToAscii('O\u2019Brien \u201CBig\u201D \u2013 Ranch\u2026')).toBe('O\'Brien "Big" - Ranch...');
    expect(foldToAscii('  12\tMain\r\nSt  ')).toBe('12 Main St');
    expect(foldToAscii('李 Water ﬁlter №5')).toBe('? Water filter No5');
  });

  it('pads, shortens after folding (whole words, then "..."), and treats null as blank', () => {
    expect(textField('Ana', 5)).toBe('Ana  ');
    expect(textField('Núñez & Sons Landscaping', 10)).toBe('Nunez &...');
    expect(textField(null, 3)).toBe('   ');
  });
});

describe('numbers, amounts and dates', () => {
  it('zero-pads numbers, leaves a missing one blank, and refuses one that does not fit or is negative', () => {
    expect(numberField(141n, 7, place)).toBe('0000141');
    expect(numberField(null, 7, place)).toBe('       ');
    expect(() => numberField(12_345_678n, 7, place)).toThrow('Cannot write the print file: account 000001-01 (bill 7), currentReading: 12345678 needs 8 digits, the field holds 7');
    expect(() => numberField(-1, 7, place)).toThrow('-1 is negative');
  });

  it('writes signed cents and refuses an amount too large for the field', () => {
    expect(centsField(10_003, 11, place)).toBe('+0000010003');
    expect(centsField(-1_240, 11, place)).toBe('-0000001240');
    expect(centsField(0, 11, place)).toBe('+0000000000');
    expect(() => centsField(10_000_000_000, 11, place)).toThrow('needs 11 digits, the field holds 10');
  });

  it('dates YYMMDD, whole readings, usage rounded half-up with the exact ten-thousandths, ZIP digits', () => {
    expect(yymmdd('2026-11-09')).toBe('261109');
    expect(yymmdd(null)).toBe('      ');
    expect(wholeReading('141.75')).toBe(141n);
    expect(wholeReading(null)).toBeNull();
    expect(usageParts('12.5')).toEqual({ wholeHcf: 13n, tenThousandths: 125_000n });
    expect(usageParts('12.4999')).toEqual({ wholeHcf: 12n, tenThousandths: 124_999n });
    expect(usageParts('0')).toEqual({ wholeHcf: 0n, tenThousandths: 0n });
    expect(() => usageParts('-3')).toThrow('Usage "-3" HCF cannot be printed');
    expect(zipDigits('95350-1234')).toBe('953501234');
  });
});

describe('formula-leading text (OWASP CSV injection)', () => {
  it('quotes a text field that would start a formula, after folding and before the cut', () => {
    expect(textField('=1+1', 8)).toBe("'=1+1   ");
    // The quote counts in the width: a one-word value too long for the field is cut, and marked.
    expect(textField('@SUM(1+1)', 5)).toBe("'@...");
    // A tab or leading spaces fold away: the first character the vendor sees is the one judged.
    expect(textField('\t  +cmd', 6)).toBe("'+cmd ");
    // The Unicode minus folds to "-", so it is quoted too.
    expect(textField('\u22125 credit', 10)).toBe("'-5 credit");
    expect(textField("O'Brien", 8)).toBe("O'Brien ");
  });

  const hostile = hostileRecord();

  it('in the CSV, quotes hostile text but keeps a credit of -12.40 a number the vendor parses', () => {
    const csv = formatCsv([hostile], { recordCount: 1, currentChargesCents: 8_486, amountDueCents: 7_246 }, { runId: 3, cycle: 1, period: '2026-11', billDate: '2026-11-12', dueDate: '2026-12-02' });
    const detail = csv.split('\r\n')[1]!;
    // The name takes two lines by the shortening rule; each line that would start a formula is quoted.
    expect(detail).toContain(`,'@SUM(1+1),'+cmd|' /C calc'!A0,'-1+1,CA,`);
    expect(detail).toContain(`,"'=HYPERLINK(""http://x/?""&A1...",`);
    const [, row] = parse(csv) as string[][];
    const cell = (name: string) => row![CSV_COLUMNS.findIndex((column) => column.name === name)];
    expect(['previous_balance', 'current_charges', 'amount_due', 'usage_hcf', 'line_1_amount'].map(cell)).toEqual(['-12.40', '84.86', '72.46', '9', '84.86']);
    expect(cell('line_1_description')).toBe("'=Water use");
  });

  it('in the fixed-width record, quotes hostile text and keeps the credit\'s sign', () => {
    const line = formatRecord(DETAIL_FIELDS, hostile, 'account 000004-01 (bill 12)');
    expect(detailField(line, 'name')).toBe("'@SUM(1+1)".padEnd(30));
    expect(detailField(line, 'nameLine2')).toBe('\'=HYPERLINK("http://x/?"&A1...');
    expect(detailField(line, 'mailingStreet')).toBe("'+cmd|' /C calc'!A0".padEnd(30));
    expect(detailField(line, 'mailingCity')).toBe("'-1+1".padEnd(20));
    expect(detailField(line, 'line1Description')).toBe("'=Water use".padEnd(30));
    expect(detailField(line, 'previousBalance')).toBe('-0000001240');
  });
});

describe('the shortening rule (fitText): whole words, a marker, a unit kept whole', () => {
  it('1: a value that fits is written as it is, on one line', () => {
    expect(fitText('Ana Reader', 30, 2)).toEqual({ lines: ['Ana Reader'], folded: ['Ana Reader'], cut: false });
    expect(fitText('', 30, 2)).toEqual({ lines: [], folded: [], cut: false });
  });

  it('2: a street whose street part fits keeps it on line 1 and the unit, whole, on line 2', () => {
    expect(fitText('1234 Northwestern Boulevard Apt 5 A', 30, 2, { street: true }).lines).toEqual(['1234 Northwestern Boulevard', 'Apt 5 A']);
    expect(fitText('4410 Camino de los Caballeros #12', 30, 2, { street: true }).lines).toEqual(['4410 Camino de los Caballeros', '#12']);
    // A unit stored apart from the street ("Ph 2") is known to be one, whatever its words.
    expect(fitText('1234 Northwestern Boulevard Ph 2', 30, 2, { street: true, unit: 'Ph 2' }).lines).toEqual(['1234 Northwestern Boulevard', 'Ph 2']);
  });

  it('3: words fill line 1, then line 2, breaking only between words (accents counted folded)', () => {
    const name = fitText('María de la Santísima Trinidad González-Fernández', 30, 2);
    expect(name).toEqual({ lines: ['María de la Santísima Trinidad', 'González-Fernández'], folded: ['Maria de la Santisima Trinidad', 'Gonzalez-Fernandez'], cut: false });
    // A unit is one word when the lines fill: never "Apt 5" / "A".
    expect(fitText('1234 Northwestern Boulevard Extension East Apt 5 A', 30, 2, { street: true }).lines).toEqual(['1234 Northwestern Boulevard', 'Extension East Apt 5 A']);
  });

  it('4: what does not fit is left out at a word boundary and marked "..."; a street keeps its unit after the marker', () => {
    expect(fitText('Valle Verde Orchard and Vineyard Irrigation Cooperative Association of Growers', 30, 2)).toEqual({
      lines: ['Valle Verde Orchard and', 'Vineyard Irrigation...'], folded: ['Valle Verde Orchard and', 'Vineyard Irrigation...'], cut: true,
    });
    expect(fitText('1234 North Western Boulevard Extension East Side Frontage Road Apt 5 A', 30, 2, { street: true }).lines).toEqual([
      '1234 North Western Boulevard', 'Extension East Side... Apt 5 A',
    ]);
    expect(fitText('Rancho Santa Margarita', 20, 1).lines).toEqual(['Rancho Santa...']);
    // Only a single word longer than its line is cut inside, and the marker says so.
    expect(fitText('Supercalifragilisticexpialidocious', 20, 1).lines).toEqual(['Supercalifragilis...']);
    // Every line fits its field, the formula quote counted.
    for (const text of ['=HYPERLINK("http://x/?"&A1,"Pay here") @SUM(1+1) -1+1', 'Straße Œuvre Æsir Þór '.repeat(4)]) {
      for (const line of fitText(text, 20, 2).folded) expect(textField(line, 20).trimEnd()).toBe((/^[=+\-@]/.test(line) ? "'" : '') + line);
    }
  });
});

describe('the register behind the usage (register.ts)', () => {
  const record = (overrides: Partial<PrintRecord>): PrintRecord => ({ ...hostileRecord(), ...overrides });

  it('current − previous in register units; + 10^dials after a rollover; Y when × multiplier in HCF is the usage billed', () => {
    expect(registerFigures(record({ register: { unit: 'CF', multiplier: '1', dials: 7 }, priorReading: '9419662', reading: '9420611', usageHcf: '9.49' }))).toEqual({
      unit: 'CF', multiplier: '1', dials: 7, unitsUsed: '949', rolledOver: false, usageFromRegister: true,
    });
    // A 4-dial register from 9990 past 9999 to 0012: 22 units.
    expect(registerFigures(record({ register: { unit: 'HCF', multiplier: '1', dials: 4 }, priorReading: '9990', reading: '12', usageHcf: '22' }))).toMatchObject({ unitsUsed: '22', rolledOver: true, usageFromRegister: true });
    // 1,000 gallons = 1.3369 HCF (748 to the HCF, 4 places, half-up); a ×10 register.
    expect(registerFigures(record({ register: { unit: 'GAL', multiplier: '1', dials: 6 }, priorReading: '5000', reading: '6000', usageHcf: '1.3369' })).usageFromRegister).toBe(true);
    expect(registerFigures(record({ register: { unit: 'HCF', multiplier: '10', dials: 4 }, priorReading: '100', reading: '101', usageHcf: '10' })).usageFromRegister).toBe(true);
    // A usage set another way: the vendor is told not to check.
    expect(registerFigures(record({ register: { unit: 'HCF', multiplier: '1', dials: 4 }, priorReading: '100', reading: '112', usageHcf: '11' })).usageFromRegister).toBe(false);
  });

  it('blank when the reads are of different meters (an exchange) or there is no read', () => {
    expect(registerFigures(record({ sameMeter: false }))).toMatchObject({ unit: 'HCF', unitsUsed: null, usageFromRegister: false });
    expect(registerFigures(record({ register: null, reading: null, priorReading: null }))).toEqual({ unit: null, multiplier: null, dials: null, unitsUsed: null, rolledOver: false, usageFromRegister: false });
  });

  it('writes decimals with six places implied, never cut or rounded', () => {
    expect(decimalField('141.25', 18, place)).toBe('000000000141250000');
    expect(decimalField('1', 12, place)).toBe('000001000000');
    expect(decimalField(null, 4, place)).toBe('    ');
    expect(() => decimalField('1.0000001', 18, place)).toThrow('has more than 6 decimal places');
    expect(() => decimalField('1234567', 12, place)).toThrow('needs 13 digits, the field holds 12');
  });
});

describe('charge-line slots', () => {
  it('keeps up to eight lines; more put the rest, summed, in the eighth slot', () => {
    const lines = Array.from({ length: 10 }, (_, index) => ({ description: `Line ${index + 1}`, amountCents: 100 * (index + 1) }));
    expect(lineSlots(lines.slice(0, 8))).toHaveLength(8);
    const slots = lineSlots(lines);
    expect(slots).toHaveLength(8);
    expect(slots[7]).toEqual({ description: 'Other charges (3 lines)', amountCents: 800 + 900 + 1_000 });
    expect(slots.reduce((sum, line) => sum + line.amountCents, 0)).toBe(5_500);
  });
});

describe('remittance scan line', () => {
  it('carries account digits, amount due in cents and due date, with a Luhn check digit', () => {
    expect(luhnDigit('7992739871')).toBe('3');
    expect(scanLine('000001-01', 12_503, '2026-12-02')).toBe(`0000000101 0000012503 261202 ${luhnDigit('00000001010000012503261202')}`);
    // A credit prints as nothing due.
    expect(scanLine('000001-01', -500, '2026-12-02').split(' ')[1]).toBe('0000000000');
  });
});

/** The rows of the markdown table under a heading: [position, length, name, type]. */
function documentedTable(markdown: string, heading: string): [string, number, string, string][] {
  const section = markdown.split(`### ${heading}\n`)[1]!.split('\n### ')[0]!;
  return section
    .split('\n')
    .filter((line) => /^\| \d/.test(line))
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .filter((cells) => cells[3] !== '—')
    .map((cells) => [cells[1]!, Number(cells[2]), cells[3]!.replaceAll('`', ''), cells[4]!]);
}

function layoutTable<S>(fields: readonly FieldSpec<S>[]): [string, number, string, string][] {
  let start = 1;
  return fields.map((field) => {
    const end = start + field.length - 1;
    const row: [string, number, string, string] = [start === end ? String(start) : `${start}–${end}`, field.length, field.name, field.type];
    start = end + 1;
    return row;
  });
}

describe('docs/formats/bill-print.md', () => {
  const markdown = readFileSync(resolve(__dirname, '../../docs/formats/bill-print.md'), 'utf8');

  it('documents every field of every record at its position, length and type', () => {
    expect(documentedTable(markdown, 'Header record (H)')).toEqual(layoutTable(HEADER_FIELDS));
    expect(documentedTable(markdown, 'Detail record (D)')).toEqual(layoutTable(DETAIL_FIELDS));
    expect(documentedTable(markdown, 'Trailer record (T)')).toEqual(layoutTable(TRAILER_FIELDS));
    expect(markdown).toContain(`Every record is **${RECORD_LENGTH} characters**`);
    const csvColumns = [...markdown.matchAll(/^\| \d+ \| `([a-z_0-9]+)` \|/gm)].map((match) => match[1]);
    expect(csvColumns).toEqual(CSV_COLUMNS.map((column) => column.name));
  });

  it('has a fixed-width sample whose trailer matches its detail records', () => {
    const sample = markdown.split('### Sample\n')[1]!.split('```\n')[1]!.split('\n').filter(Boolean).map((line) => line.padEnd(RECORD_LENGTH));
    const details = sample.filter((line) => line.startsWith('D'));
    const totals = totalsOfDetails(details);
    const trailer = sample.at(-1)!;
    expect(trailer.slice(0, 50)).toBe(`T0000000001${String(totals.recordCount).padStart(9, '0')}+${String(totals.currentChargesCents).padStart(14, '0')}+${String(totals.amountDueCents).padStart(14, '0')}`);
    expect(detailField(details[3]!, 'name').trim()).toBe('Jose Nunez-Ibanez');
  });
});
