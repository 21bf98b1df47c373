/**
 * The rate form's model (src-renderer/billing/rateForm.ts) and how rates are shown: sizes in size
 * order, dollars at the places a rate has (at least cents), the same rule as the main process's
 * formatRate, problems from the one shared schema placed beside their inputs, and a form that
 * gives back exactly the document it was given.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METER_SIZES } from '../../src-shared/contract/accounts';
import { rateDocument, type RateDocument } from '../../src-shared/contract/rates';
import { formatRate, parseRateDocument, serializeRateDocument } from '../../src-main/core/rates';
import { dollars } from '../../src-renderer/billing/billingFormat';
import {
  addFee, addSchedule, addTier, exportText, FIRE_SIZES_IN_ORDER, firstOfNextMonth, formOf, formProblems, inSizeOrder, keyOf, METER_SIZES_IN_ORDER, removeTier, setFeeKind, setText,
  setWinterAverage, sizeInches, textAt,
} from '../../src-renderer/billing/rateForm';

const demo = (): RateDocument => parseRateDocument(readFileSync('src-main/core/rates/samples/valle-verde.json', 'utf8'));
const messages = (form: ReturnType<typeof formOf>) => new Map(formProblems(form).map((problem) => [keyOf(problem.keys), problem.message]));

describe('sizes in size order', () => {
  it('orders meter sizes by inches, not as strings', () => {
    const asStrings = [...METER_SIZES].sort();
    expect(asStrings.slice(0, 3)).toEqual(['1', '1-1/2', '10']);
    expect(inSizeOrder(asStrings)).toEqual(['5/8', '3/4', '1', '1-1/2', '2', '3', '4', '6', '8', '10']);
    expect(METER_SIZES_IN_ORDER).toEqual(['5/8', '3/4', '1', '1-1/2', '2', '3', '4', '6', '8', '10']);
  });
  it('orders fire line sizes the same way', () => {
    expect(inSizeOrder(['12', '10', '2', '1', '8'])).toEqual(['1', '2', '8', '10', '12']);
    expect(FIRE_SIZES_IN_ORDER).toEqual(['1', '2', '3', '4', '6', '8', '10', '12']);
  });
  it('reads fractions and mixed numbers as inches', () => {
    expect(sizeInches('5/8')).toBe(0.625);
    expect(sizeInches('1-1/2')).toBe(1.5);
    expect(sizeInches('10')).toBe(10);
  });
});

describe('dollars as people read them', () => {
  it('drops the zeros a rate was written with, keeping cents', () => {
    expect(dollars('38.5500')).toBe('$38.55');
    expect(dollars('5.1450')).toBe('$5.145');
    expect(dollars('10.0275')).toBe('$10.0275');
    expect(dollars('6.842100')).toBe('$6.8421');
    expect(dollars('0.003271')).toBe('$0.003271');
    expect(dollars('35')).toBe('$35.00');
    expect(dollars('52.3')).toBe('$52.30');
    expect(dollars('3939.6500')).toBe('$3,939.65');
    expect(dollars('1234567.5')).toBe('$1,234,567.50');
    expect(dollars('-12.500')).toBe('-$12.50');
    expect(dollars('0.0000')).toBe('$0.00');
  });
  it('agrees with the main process (formatRate on bills’ explanations) on every rate of the demo district', () => {
    const rates = JSON.stringify(demo()).match(/"\d+(\.\d+)?"/g)!.map((quoted) => quoted.slice(1, -1));
    expect(rates.length).toBeGreaterThan(100);
    for (const rate of rates) expect(dollars(rate), rate).toBe(formatRate(rate));
  });
});

describe('the rate form', () => {
  it('gives back exactly the document it was given, fees in their order', () => {
    const document = demo();
    expect(exportText(formOf(document))).toBe(serializeRateDocument(document));
  });

  it('places a bad rate beside its input, with the schema’s message, as it is typed', () => {
    const form = setText(formOf(demo()), ['schedules', 1, 'water', 'classes', 'residential', 'tiers', 0, 'ratePerHcf'], '5.4O');
    expect(messages(form).get('schedules.1.water.classes.residential.tiers.0.ratePerHcf')).toBe('A rate in dollars must be a non-negative decimal like "4.9000"');
    expect(exportText(form)).toBeNull();
    const empty = setText(form, ['schedules', 1, 'water', 'classes', 'residential', 'tiers', 0, 'ratePerHcf'], '');
    expect(messages(empty).get('schedules.1.water.classes.residential.tiers.0.ratePerHcf')).toBe('A rate in dollars is required');
  });

  it('leaves an emptied optional box out of the document (a meter size, the last fire size takes privateFire with it)', () => {
    let form = setText(formOf(demo()), ['schedules', 0, 'water', 'monthlyServiceCharge', '10'], '', true);
    expect(textAt(form, ['schedules', 0, 'water', 'monthlyServiceCharge', '10'])).toBe('');
    expect(Object.keys(form.schedules[0]!.water.monthlyServiceCharge)).not.toContain('10');
    for (const size of FIRE_SIZES_IN_ORDER) form = setText(form, ['schedules', 0, 'privateFire', 'monthlyChargeByLineSize', size], '', true, 2);
    expect(form.schedules[0]!.privateFire).toBeUndefined();
    expect(formProblems(form)).toEqual([]);
  });

  it('adds a schedule from a date as a copy of one, which overlaps nothing', () => {
    const form = addSchedule(formOf(demo()), 1, '2027-01-01');
    const added = form.schedules[2]!;
    expect(added.effectiveFrom).toBe('2027-01-01');
    expect(added.name).toBe('Rates from 2027-01-01');
    expect(added.adoptedBy).toBeUndefined();
    expect(added.water).toEqual(form.schedules[1]!.water);
    expect(formProblems(form)).toEqual([]);
    // The same date as an earlier schedule is refused on the new one's date, by the shared rule.
    const clash = addSchedule(formOf(demo()), 1, '2026-07-01');
    expect(messages(clash).get('schedules.2.effectiveFrom')).toMatch(/^Overlaps schedule 1/);
  });

  it('adds a tier before the open-ended one and keeps the last tier open when one is removed', () => {
    const at = ['schedules', 1, 'water', 'classes', 'commercial', 'tiers'] as const;
    let form = addTier(formOf(demo()), 1, 'commercial');
    expect(form.schedules[1]!.water.classes.commercial!.tiers).toEqual([{ upToHcf: '', ratePerHcf: '' }, { upToHcf: null, ratePerHcf: '6.4575' }]);
    expect(messages(form).get(keyOf([...at, 0, 'upToHcf']))).toBe('A quantity in HCF is required');
    form = setText(setText(form, [...at, 0, 'upToHcf'], '20'), [...at, 0, 'ratePerHcf'], '5.90');
    expect(formProblems(form)).toEqual([]);
    form = removeTier(form, 1, 'commercial', 1);
    expect(form.schedules[1]!.water.classes.commercial!.tiers).toEqual([{ upToHcf: null, ratePerHcf: '5.90' }]);
    expect(removeTier(form, 1, 'commercial', 0).schedules[1]!.water.classes.commercial!.tiers).toHaveLength(1);
  });

  it('checks tier bounds rise, as on save', () => {
    const form = setText(formOf(demo()), ['schedules', 1, 'water', 'classes', 'residential', 'tiers', 1, 'upToHcf'], '8');
    expect(messages(form).get('schedules.1.water.classes.residential.tiers.1.upToHcf')).toBe('Tier bounds must rise: 8 is not above the tier before');
  });

  it('places a fee’s problems on its row, by code, and a repeated code on the later row', () => {
    let form = addFee(formOf(demo()), 1);
    const row = form.schedules[1]!.fees!.length - 1;
    form = setText(form, ['schedules', 1, 'fees', row, 'code'], 'bad code');
    expect(messages(form).get(keyOf(['schedules', 1, 'fees', row, 'code']))).toBe('A fee code is capitals, digits and _ like "RETURNED_CHECK"');
    form = setText(form, ['schedules', 1, 'fees', row, 'code'], 'SETUP');
    form = setText(form, ['schedules', 1, 'fees', row, 'fee', 'description'], 'Set-up again');
    form = setText(form, ['schedules', 1, 'fees', row, 'fee', 'amount'], '40');
    expect(messages(form).get(keyOf(['schedules', 1, 'fees', row, 'code']))).toBe('Another fee already has the code SETUP; give this one its own');
    form = setText(form, ['schedules', 1, 'fees', row, 'code'], 'SETUP_AGAIN');
    form = setFeeKind(form, 1, row, 'percent');
    expect(messages(form).get(keyOf(['schedules', 1, 'fees', row, 'fee', 'percent']))).toBe('A percentage is required');
    form = setText(form, ['schedules', 1, 'fees', row, 'fee', 'percent'], '1.5');
    expect(formProblems(form)).toEqual([]);
    expect(rateDocument.parse(JSON.parse(exportText(form)!)).schedules[1]!.fees!.SETUP_AGAIN).toEqual({ description: 'Set-up again', kind: 'percent', percent: '1.5' });
  });

  it('keeps the winter-average rates while any box has something, and asks for them when the method needs them', () => {
    let form = formOf(demo());
    for (const field of ['monthlyBaseCharge', 'ratePerHcf', 'capHcf'] as const) form = setWinterAverage(form, 1, 'residential', field, '');
    expect(form.schedules[1]!.wastewater!.residential!.winterAverage).toBeUndefined();
    expect(formProblems(form)).toEqual([]);
    form = setText(form, ['schedules', 1, 'wastewater', 'residential', 'method'], 'winter_average');
    expect(messages(form).get('schedules.1.wastewater.residential.winterAverage')).toBe('The winter_average method needs winterAverage rates');
    form = setWinterAverage(form, 1, 'residential', 'ratePerHcf', '5.46');
    expect(messages(form).get('schedules.1.wastewater.residential.winterAverage.monthlyBaseCharge')).toBe('A rate in dollars is required');
  });

  it('starts a new schedule on the first of next month', () => {
    expect(firstOfNextMonth('2026-12-08')).toBe('2027-01-01');
    expect(firstOfNextMonth('2026-01-31')).toBe('2026-02-01');
  });
});
