/**
 * The rate document: the Valle Verde sample validates and round-trips; a malformed document is
 * refused with every problem named by its JSON path.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  computeBill, createRateBook, loadRateBook, parseRateDocument, RateDocumentError, rateDocumentProblems, serializeRateDocument, type RateDocumentProblem,
} from '../../src-main/core/rates';

const SAMPLE_PATH = resolve(__dirname, '../../src-main/core/rates/samples/valle-verde.json');
const sampleText = readFileSync(SAMPLE_PATH, 'utf8');
const sample = () => JSON.parse(sampleText) as Record<string, any>;

/** The problems of a refused document (fails the test when it is accepted). */
function problemsOf(input: unknown): RateDocumentProblem[] {
  try {
    parseRateDocument(input);
  } catch (error) {
    expect(error).toBeInstanceOf(RateDocumentError);
    return [...(error as RateDocumentError).problems];
  }
  throw new Error('The document was accepted');
}

describe('the Valle Verde sample schedule', () => {
  it('validates, with two effective dates in order', () => {
    const document = parseRateDocument(sampleText);
    expect(document.district).toBe('Demo Valley Water District');
    expect(document.schedules.map((schedule) => schedule.effectiveFrom)).toEqual(['2026-01-01', '2026-07-01']);
    const book = createRateBook(document);
    expect(book.schedules[0]!.untilDay - book.schedules[0]!.fromDay).toBe(181); // Jan–Jun 2026
    expect(book.schedules[1]!.untilDay).toBe(Number.POSITIVE_INFINITY);
  });

  it('keeps every rate at its published precision through export and import', () => {
    const document = parseRateDocument(sampleText);
    const exported = serializeRateDocument(document);
    expect(parseRateDocument(exported)).toEqual(document);
    expect(exported).toContain('"ratePerHcf": "6.842100"');
    expect(exported).toContain('"3/4": "48.9400"');
    expect(JSON.parse(exported)).toEqual(JSON.parse(sampleText));
  });

  it('exports schedules in date order whatever order they were imported in', () => {
    const reversed = sample();
    reversed.schedules.reverse();
    const exported = JSON.parse(serializeRateDocument(parseRateDocument(reversed)));
    expect(exported.schedules.map((schedule: { effectiveFrom: string }) => schedule.effectiveFrom)).toEqual(['2026-01-01', '2026-07-01']);
  });
});

describe('a malformed rate document', () => {
  it('refuses a rate written as a JSON number, naming its path', () => {
    const document = sample();
    document.schedules[0].water.classes.residential.tiers[1].ratePerHcf = 9.55;
    const problems = problemsOf(document);
    expect(problems).toEqual([
      {
        path: 'schedules[0].water.classes.residential.tiers[1].ratePerHcf',
        message: 'A rate in dollars must be a decimal string in quotes, like "4.9000" (a JSON number could lose digits)',
      },
    ]);
  });

  it('refuses a negative rate, too many decimals and a misspelt field, all at once', () => {
    const document = sample();
    document.schedules[1].water.monthlyServiceCharge['3/4'] = '-51.39';
    document.schedules[1].privateFire.monthlyChargeByLineSize['4'] = '43.6800001';
    document.schedules[0].water.classes.commercial.ratePerHCF = '6.15';
    const problems = problemsOf(document);
    expect(problems.map((problem) => problem.path).sort()).toEqual([
      'schedules[0].water.classes.commercial',
      'schedules[1].privateFire.monthlyChargeByLineSize["4"]',
      'schedules[1].water.monthlyServiceCharge["3/4"]',
    ]);
    expect(problems.find((problem) => problem.path === 'schedules[0].water.classes.commercial')?.message).toBe(
      'Unknown field "ratePerHCF" (check the spelling against docs/formats/rates.md)',
    );
    expect(problems.find((problem) => problem.path.endsWith('["3/4"]'))?.message).toBe('A rate in dollars must be a non-negative decimal like "4.9000"');
  });

  it('names every refused problem in the error message and the first as the field', () => {
    const document = sample();
    delete document.schedules[0].name;
    try {
      parseRateDocument(document);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(RateDocumentError);
      const refused = error as RateDocumentError;
      expect(refused.code).toBe('INVALID_INPUT');
      expect(refused.field).toBe('schedules[0].name');
      expect(refused.message).toBe('The rate document was refused: schedules[0].name: Required field is missing');
    }
  });

  it('refuses a meter size or rate class the office does not use, listing those it does', () => {
    const document = sample();
    document.schedules[0].water.monthlyServiceCharge['7/8'] = '40.00';
    document.schedules[1].wastewater.industrial = { method: 'flat_per_unit', monthlyChargePerUnit: '80.00' };
    expect(problemsOf(document)).toEqual([
      { path: 'schedules[0].water.monthlyServiceCharge', message: '"7/8" is not one of the meter sizes 5/8, 3/4, 1, 1-1/2, 2, 3, 4, 6, 8, 10' },
      { path: 'schedules[1].wastewater', message: '"industrial" is not one of the rate classes residential, multi_family, commercial, irrigation' },
    ]);
  });

  it('refuses tiers whose bounds do not rise, and a last tier with an upper bound', () => {
    const document = sample();
    document.schedules[0].water.classes.residential.tiers = [
      { upToHcf: '10', ratePerHcf: '4.90' },
      { upToHcf: '10', ratePerHcf: '9.55' },
      { upToHcf: '40', ratePerHcf: '11.20' },
    ];
    expect(problemsOf(document)).toEqual([
      { path: 'schedules[0].water.classes.residential.tiers[1].upToHcf', message: 'Tier bounds must rise: 10 is not above the tier before' },
      { path: 'schedules[0].water.classes.residential.tiers[2].upToHcf', message: 'The last tier must be open-ended: "upToHcf": null' },
    ]);
  });

  it('refuses an open-ended tier that is not the last', () => {
    const document = sample();
    document.schedules[1].water.classes.irrigation.tiers = [
      { upToHcf: null, ratePerHcf: '7.10' },
      { upToHcf: null, ratePerHcf: '8.95' },
    ];
    expect(problemsOf(document)).toEqual([
      { path: 'schedules[1].water.classes.irrigation.tiers[0].upToHcf', message: 'Only the last tier can be open-ended (null)' },
    ]);
  });

  it('refuses two schedules starting the same day, naming the later one in the file', () => {
    const document = sample();
    document.schedules[1].effectiveFrom = '2026-01-01';
    expect(problemsOf(document)).toEqual([
      { path: 'schedules[1].effectiveFrom', message: 'Overlaps schedule 0 ("2026 rates"), which also starts 2026-01-01' },
    ]);
  });

  it('refuses a schedule running past the start of the next', () => {
    const document = sample();
    document.schedules[0].effectiveThrough = '2026-07-01';
    expect(problemsOf(document)).toEqual([
      { path: 'schedules[1].effectiveFrom', message: 'Overlaps schedule 0 ("2026 rates"), which runs through 2026-07-01' },
    ]);
    document.schedules[0].effectiveThrough = '2026-06-30';
    expect(rateDocumentProblems(document)).toEqual([]);
  });

  it('refuses a schedule that ends before it starts and a date that does not exist', () => {
    const document = sample();
    document.schedules[0].effectiveThrough = '2025-12-31';
    document.schedules[1].effectiveFrom = '2026-02-30';
    const problems = problemsOf(document);
    expect(problems).toContainEqual({ path: 'schedules[0].effectiveThrough', message: 'Ends before it starts (2026-01-01)' });
    expect(problems).toContainEqual({ path: 'schedules[1].effectiveFrom', message: 'That date does not exist' });
  });

  it('refuses a wastewater method without its rates', () => {
    const document = sample();
    delete document.schedules[0].wastewater.multi_family.monthlyChargePerUnit;
    document.schedules[1].wastewater.commercial.method = 'per_fixture';
    const problems = problemsOf(document);
    expect(problems).toContainEqual({ path: 'schedules[0].wastewater.multi_family.monthlyChargePerUnit', message: 'The flat_per_unit method needs monthlyChargePerUnit' });
    expect(problems.map((problem) => problem.path)).toContain('schedules[1].wastewater.commercial.method');
  });

  it('refuses a fee code in lower case and a percentage fee without its percent', () => {
    const document = sample();
    document.schedules[0].fees.door_tag = { description: 'Door tag', kind: 'flat', amount: '15.00' };
    delete document.schedules[1].fees.LATE.percent;
    const problems = problemsOf(document);
    expect(problems).toContainEqual({ path: 'schedules[1].fees.LATE.percent', message: 'Required field is missing' });
    const codeProblem = problems.find((problem) => problem.path.startsWith('schedules[0].fees'));
    expect(codeProblem?.message).toContain('A fee code is capitals, digits and _ like "RETURNED_CHECK"');
  });

  it('refuses another version or format, saying which it reads', () => {
    const document = sample();
    document.version = 2;
    document.format = 'excel';
    expect(problemsOf(document)).toEqual([
      { path: 'format', message: 'format must be "billing-office-rates"' },
      { path: 'version', message: 'This build reads rate documents of version 1; this one says 2' },
    ]);
  });

  it('refuses JSON it cannot parse, with the line and column', () => {
    const text = '{\n  "format": "billing-office-rates",\n  "version": 1,\n}';
    const [problem] = problemsOf(text);
    expect(problem?.path).toBe('');
    expect(problem?.message).toMatch(/^Not valid JSON/);
    expect(problem?.message).toMatch(/line 4, column 1|line 4 column 1/);
  });

  it('refuses a document with no schedules', () => {
    expect(problemsOf({ format: 'billing-office-rates', version: 1, schedules: [] })).toEqual([
      { path: 'schedules', message: 'A rate document needs at least one schedule' },
    ]);
  });
});

describe('docs/formats/rates.md', () => {
  const doc = readFileSync(resolve(__dirname, '../../docs/formats/rates.md'), 'utf8');

  it('holds a complete sample that validates and bills', () => {
    const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => match[1]!);
    const complete = blocks.find((block) => block.includes('"format": "billing-office-rates"'));
    const document = parseRateDocument(complete);
    expect(document.schedules).toHaveLength(2);
    expect(document.schedules[0]!.effectiveThrough).toBe('2026-06-30');
    const bill = computeBill({
      rates: createRateBook(document),
      period: { fromDate: '2026-03-09', toDate: '2026-04-09' },
      usageHcf: '13',
      services: [{ service: 'water', rateClass: 'residential', meterSize: '3/4' }],
    });
    expect(bill.totalCents).toBe(12659);
  });

  it('quotes the refusals exactly as they are written', () => {
    const document = sample();
    document.schedules[0].water.classes.residential.tiers[1].ratePerHcf = 9.55;
    document.schedules[0].effectiveThrough = '2026-07-01';
    document.schedules[0].water.classes.commercial.ratePerHCF = '6.15';
    document.schedules[0].water.monthlyServiceCharge['7/8'] = '40.00';
    for (const problem of problemsOf(document)) expect(doc).toContain(`${problem.path}: ${problem.message}`);
    const [syntax] = problemsOf('{\n  "format": "billing-office-rates",\n  "version": 1,\n}');
    // Node 20 says "at position 54"; newer versions word it differently, so only the start is compared.
    expect(doc).toContain(`(document): ${syntax!.message.slice(0, 'Not valid JSON at line 4, column 1'.length)}`);
  });
});

describe('schedule coverage', () => {
  it('refuses to bill a day no schedule covers, naming the day', () => {
    const document = sample();
    document.schedules[0].effectiveThrough = '2026-06-20';
    const book = loadRateBook(document);
    const bill = () =>
      computeBill({
        rates: book,
        period: { fromDate: '2026-06-09', toDate: '2026-07-09' },
        usageHcf: '13',
        services: [{ service: 'water', rateClass: 'residential', meterSize: '3/4' }],
      });
    expect(bill).toThrow('No rate schedule is in effect on 2026-06-21: add or extend a schedule that covers it');
    expect(() =>
      computeBill({ rates: book, period: { fromDate: '2025-12-15', toDate: '2026-01-15' }, usageHcf: '1', services: [{ service: 'water', rateClass: 'residential', meterSize: '3/4' }] }),
    ).toThrow('No rate schedule is in effect on 2025-12-15');
  });
});
