/**
 * Hand-computed bills from the Valle Verde sample schedule (src-main/core/rates/samples): the
 * issue's published example, wastewater flat and on the winter average, fire service, minimum
 * charges, first and final bills, a period across the 2026-07-01 rate change, fees and the
 * refusals of facts that cannot be billed. Every figure below was worked by hand; the comments
 * show the arithmetic.
 */
import Big from 'big.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ComputedBill } from '../../src-shared/contract/rates';
import { computeBill, computeFee, loadRateBook, type BillInput, type ServiceFacts } from '../../src-main/core/rates';

const book = loadRateBook(readFileSync(resolve(__dirname, '../../src-main/core/rates/samples/valle-verde.json'), 'utf8'));
const MARCH = { fromDate: '2026-03-09', toDate: '2026-04-09' }; // 31 days, all under the 2026-01-01 schedule
const RESIDENTIAL_WATER: ServiceFacts = { serviceId: 11, service: 'water', rateClass: 'residential', meterSize: '3/4' };
const RESIDENTIAL_SEWER: ServiceFacts = { serviceId: 12, service: 'wastewater', rateClass: 'residential' };

const bill = (input: Omit<BillInput, 'rates'>) => computeBill({ rates: book, ...input });
const amounts = (computed: ComputedBill) => computed.lines.map((line) => [line.description, line.amountCents]);

/** The OfficeError a call throws (fails when it does not throw). */
function refusal(call: () => unknown): { message: string; field?: string; code: string } {
  try {
    call();
  } catch (error) {
    return error as { message: string; field?: string; code: string };
  }
  throw new Error('Expected a refusal');
}

describe('the published example', () => {
  it('13 HCF on a 3/4" meter: 48.94 + 10 × 4.90 + 3 × 9.55 = $126.59', () => {
    const computed = bill({ period: MARCH, usageHcf: '13', services: [RESIDENTIAL_WATER] });
    expect(computed.totalCents).toBe(12659);
    expect(computed.periodDays).toBe(31);
    const [charge, use] = computed.lines;
    expect(charge).toMatchObject({
      kind: 'service_charge', service: 'water', serviceId: 11, rateClass: 'residential', glCode: '4000', amountCents: 4894,
      description: 'Water service charge, 3/4" meter', fromDate: '2026-03-09', toDate: '2026-04-09', scheduleEffectiveFrom: '2026-01-01',
    });
    expect(charge!.explanation).toEqual({
      sentence: '3/4" meter: $48.94 a month',
      terms: [{ label: 'Service charge, 3/4" meter', quantity: '1', unit: 'month', rate: '48.94', amount: '48.94' }],
      proration: null,
      usageSplit: null,
      exactAmount: '48.94',
      rounding: 'half-up',
      scheduleEffectiveFrom: '2026-01-01',
      estimated: false,
    });
    expect(use).toMatchObject({ kind: 'usage', glCode: '4000', amountCents: 7765, description: 'Water use, residential', estimated: false });
    expect(use!.explanation.sentence).toBe('13 HCF: 10 × $4.90 + 3 × $9.55 = $77.65');
    expect(use!.explanation.terms).toEqual([
      { label: 'Tier 1 (up to 10 HCF)', quantity: '10', unit: 'HCF', rate: '4.9', amount: '49' },
      { label: 'Tier 2 (10 to 30 HCF)', quantity: '3', unit: 'HCF', rate: '9.55', amount: '28.65' },
    ]);
    expect(computed.summary).toBe('Total $126.59 = $48.94 + $77.65');
  });

  it('rounds each line half-up once: 11.5 HCF = 49.00 + 1.5 × 9.55 = 63.325 → $63.33', () => {
    const input = { period: MARCH, usageHcf: '11.5', services: [RESIDENTIAL_WATER] };
    const use = bill(input).lines[1]!;
    expect(use.explanation.exactAmount).toBe('63.325');
    expect(use.amountCents).toBe(6333);
    // The district could choose banker's rounding: the half cent then goes to the even cent.
    expect(bill({ ...input, rounding: 'half-even' }).lines[1]!.amountCents).toBe(6332);
  });

  it('charges the third tier above 30 HCF: 10 × 4.90 + 20 × 9.55 + 4.25 × 11.20 = $287.60', () => {
    const use = bill({ period: MARCH, usageHcf: '34.25', services: [RESIDENTIAL_WATER] }).lines[1]!;
    expect(use.explanation.sentence).toBe('34.25 HCF: 10 × $4.90 + 20 × $9.55 + 4.25 × $11.20 = $287.60');
    expect(use.explanation.terms[2]!.label).toBe('Tier 3 (over 30 HCF)');
    expect(use.amountCents).toBe(28760);
  });

  it('shows a zero-use month as a $0.00 line and an estimated read as such', () => {
    const zero = bill({ period: MARCH, usageHcf: '0', services: [RESIDENTIAL_WATER] });
    expect(zero.lines[1]).toMatchObject({ amountCents: 0, explanation: { sentence: '0 HCF: no usage charge', terms: [] } });
    expect(zero.totalCents).toBe(4894);
    const estimated = bill({ period: MARCH, usageHcf: '13', estimated: true, services: [RESIDENTIAL_WATER] });
    expect(estimated.estimated).toBe(true);
    expect(estimated.lines[1]).toMatchObject({ estimated: true, amountCents: 7765 });
    expect(estimated.lines[1]!.explanation.sentence).toBe('13 HCF: 10 × $4.90 + 3 × $9.55 = $77.65 (estimated read)');
    expect(estimated.lines[0]!.estimated).toBe(false);
  });
});

describe('wastewater', () => {
  it('flat per dwelling unit, with multi-family tiers as wide as its units', () => {
    const computed = bill({
      period: MARCH,
      usageHcf: '80',
      services: [
        { service: 'water', rateClass: 'multi_family', meterSize: '2', dwellingUnits: 12 },
        { service: 'wastewater', rateClass: 'multi_family', dwellingUnits: 12 },
      ],
    });
    // 2" meter $261.01; tier 1 is 6 HCF × 12 units = 72 HCF: 72 × 4.90 + 8 × 7.35 = 352.80 + 58.80 = $411.60;
    // wastewater 12 units × $41.85 = $502.20.
    expect(amounts(computed)).toEqual([
      ['Water service charge, 2" meter', 26101],
      ['Water use, multi-family', 41160],
      ['Wastewater, multi-family (flat per dwelling unit)', 50220],
    ]);
    expect(computed.lines[1]!.explanation.sentence).toBe('80 HCF (tiers × 12 dwelling units): 72 × $4.90 + 8 × $7.35 = $411.60');
    expect(computed.lines[2]).toMatchObject({ glCode: '4100', service: 'wastewater' });
    expect(computed.lines[2]!.explanation.sentence).toBe('12 units × $41.85 = $502.20');
    expect(computed.totalCents).toBe(26101 + 41160 + 50220);
  });

  it('on the winter average: $18.00 + 9.5 HCF × $5.20 = $67.40; above the 12 HCF cap, 12 is billed', () => {
    const onWinter: ServiceFacts = { ...RESIDENTIAL_SEWER, wastewaterMethod: 'winter_average' };
    const sewer = (winterAverageHcf: string) => bill({ period: MARCH, usageHcf: '13', winterAverageHcf, services: [RESIDENTIAL_WATER, onWinter] }).lines[2]!;
    expect(sewer('9.5')).toMatchObject({ amountCents: 6740, description: 'Wastewater, residential (winter average)', glCode: '4100' });
    expect(sewer('9.5').explanation.sentence).toBe('$18.00 + 9.5 HCF winter average × $5.20 = $67.40');
    // 18.00 + 12 × 5.20 = 80.40, whatever the winter average above 12.
    expect(sewer('14.25').amountCents).toBe(8040);
    expect(sewer('14.25').explanation.sentence).toBe('$18.00 + 12 HCF (winter average 14.25 HCF, capped at 12) × $5.20 = $80.40');
    expect(sewer('14.25').explanation.terms[1]).toEqual({ label: 'Winter average, capped', quantity: '12', unit: 'HCF', rate: '5.2', amount: '62.4' });
  });

  it('on the winter average at a six-place rate: $28.00 + 7.3 × $6.842100 = 77.94733 → $77.95', () => {
    const computed = bill({
      period: MARCH, usageHcf: '7.3', winterAverageHcf: '7.3',
      services: [{ service: 'water', rateClass: 'commercial', meterSize: '1' }, { service: 'wastewater', rateClass: 'commercial' }],
    });
    expect(computed.lines[2]!.explanation.exactAmount).toBe('77.94733');
    expect(computed.lines[2]!.amountCents).toBe(7795);
    expect(computed.lines[2]!.explanation.sentence).toBe('$28.00 + 7.3 HCF winter average × $6.8421 = $77.95');
  });

  it('refuses the winter-average method without a winter average', () => {
    const error = refusal(() => bill({ period: MARCH, usageHcf: '3', services: [{ service: 'wastewater', rateClass: 'commercial' }, { service: 'water', rateClass: 'commercial', meterSize: '1' }] }));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'winterAverageHcf' });
    expect(error.message).toBe('Wastewater on the winter average needs the winter average use (winterAverageHcf)');
  });
});

describe('private fire service', () => {
  it('charges the line size monthly to 4200, with no water use needed', () => {
    const computed = bill({ period: MARCH, usageHcf: '0', services: [{ serviceId: 7, service: 'private_fire', rateClass: 'commercial', fireLineSizeInches: 6 }] });
    expect(computed.lines).toHaveLength(1);
    expect(computed.lines[0]).toMatchObject({ kind: 'fire_service', glCode: '4200', amountCents: 8820, serviceId: 7, description: 'Private fire service, 6" line' });
    expect(computed.lines[0]!.explanation.sentence).toBe('6" fire line: $88.20 a month');
  });

  it('refuses a line size the schedule has no charge for, naming the field', () => {
    const error = refusal(() => bill({ period: MARCH, usageHcf: '0', services: [{ service: 'private_fire', rateClass: 'commercial', fireLineSizeInches: 5 }] }));
    expect(error.field).toBe('services[0].fireLineSizeInches');
    expect(error.message).toBe('The schedule effective 2026-01-01 ("2026 rates") has no private fire charge for a 5" line: add it to the schedule, or correct the account\'s service');
  });
});

describe('minimum charges', () => {
  const commercial = (winterAverageHcf: string) =>
    bill({
      period: MARCH, usageHcf: '3', winterAverageHcf,
      services: [{ service: 'water', rateClass: 'commercial', meterSize: '1' }, { service: 'wastewater', rateClass: 'commercial' }],
    });

  it('makes up the wastewater minimum: $28.00 + 2 × $6.8421 = $41.68 < $45.00, so a $3.32 line', () => {
    const computed = commercial('2');
    expect(amounts(computed)).toEqual([
      ['Water service charge, 1" meter', 8157],
      ['Water use, commercial', 1845], // 3 × 6.15
      ['Wastewater, commercial (winter average)', 4168],
      ['Wastewater minimum charge', 332],
    ]);
    expect(computed.lines[3]).toMatchObject({ kind: 'minimum', glCode: '4100' });
    expect(computed.lines[3]!.explanation.sentence).toBe('Minimum $45.00 a month, less charges of $41.68 = $3.32');
    expect(computed.totalCents).toBe(8157 + 1845 + 4500);
  });

  it('adds nothing when the charges reach the minimum: 28.00 + 2.5 × 6.8421 = $45.11', () => {
    const computed = commercial('2.5');
    expect(computed.lines.map((line) => line.kind)).toEqual(['service_charge', 'usage', 'wastewater']);
    expect(computed.lines[2]!.amountCents).toBe(4511);
  });

  it('prorates the minimum on a first bill: 15/30 days × $25.00 = $12.50, charges $11.00 → $1.50', () => {
    const document = JSON.parse(readFileSync(resolve(__dirname, '../../src-main/core/rates/samples/valle-verde.json'), 'utf8'));
    const schedule = document.schedules[0];
    schedule.water.monthlyServiceCharge['5/8'] = '10.00';
    schedule.water.classes.irrigation = { tiers: [{ upToHcf: null, ratePerHcf: '2.00' }], monthlyMinimum: '25.00' };
    const rates = loadRateBook(document);
    const water: ServiceFacts = { service: 'water', rateClass: 'irrigation', meterSize: '5/8' };
    const april = { fromDate: '2026-04-09', toDate: '2026-05-09' }; // 30 days
    const whole = computeBill({ rates, period: april, usageHcf: '3', services: [water] });
    expect(amounts(whole)).toEqual([['Water service charge, 5/8" meter', 1000], ['Water use, irrigation', 600], ['Water minimum charge', 900]]);
    expect(whole.totalCents).toBe(2500);
    expect(computeBill({ rates, period: april, usageHcf: '8', services: [water] }).totalCents).toBe(2600); // 10 + 16 ≥ 25
    const first = computeBill({ rates, period: april, usageHcf: '3', services: [{ ...water, startedOn: '2026-04-24' }] });
    // 15 days served: 15/30 × 10.00 = 5.00; 3 × 2.00 = 6.00 (tiers are not prorated); minimum 12.50.
    expect(amounts(first).map(([, cents]) => cents)).toEqual([500, 600, 150]);
    expect(first.lines[2]!.explanation.sentence).toBe('Minimum 15/30 days × $25.00 = $12.50, less charges of $11.00 = $1.50');
  });
});

describe('first and final bills', () => {
  it('a first bill prorates monthly charges by the days served, not the tiers, and adds the set-up fee', () => {
    const started = '2026-03-20'; // served 2026-03-20 .. 2026-04-08: 20 of the period's 31 days
    const computed = bill({
      period: MARCH, usageHcf: '6',
      services: [{ ...RESIDENTIAL_WATER, startedOn: started }, { ...RESIDENTIAL_SEWER, startedOn: started }],
      fees: [{ code: 'SETUP' }],
    });
    // 20/31 × 48.94 = 31.5742 → 31.57; 6 × 4.90 = 29.40; 20/31 × 52.30 = 33.7419 → 33.74; set-up 35.00.
    expect(amounts(computed)).toEqual([
      ['Water service charge, 3/4" meter, 03/20/2026 through 04/08/2026', 3157],
      ['Water use, residential, 03/20/2026 through 04/08/2026', 2940],
      ['Wastewater, residential (flat per dwelling unit), 03/20/2026 through 04/08/2026', 3374],
      ['Account set-up', 3500],
    ]);
    expect(computed.totalCents).toBe(12971);
    expect(computed.lines[0]!.explanation.sentence).toBe('3/4" meter: 20/31 days × $48.94 = $31.57');
    expect(computed.lines[0]!.explanation.proration).toEqual({ days: 20, periodDays: 31 });
    expect(computed.lines[0]!.explanation.exactAmount).toBe('31.5741935484');
    expect(computed.lines[2]!.explanation.sentence).toBe('20/31 days × 1 unit × $52.30 = $33.74');
    expect(computed.lines[3]).toMatchObject({ kind: 'fee', service: 'fee', glCode: '4300', serviceId: null });
  });

  it('a final bill stops the day of the move-out read: 11 of 31 days', () => {
    const ended = '2026-05-20';
    const computed = bill({
      period: { fromDate: '2026-05-09', toDate: '2026-06-09' }, usageHcf: '4.25',
      services: [{ ...RESIDENTIAL_WATER, endedOn: ended }, { ...RESIDENTIAL_SEWER, endedOn: ended }],
    });
    // 11/31 × 48.94 = 17.3658 → 17.37; 4.25 × 4.90 = 20.825 → 20.83 (half-up); 11/31 × 52.30 = 18.5581 → 18.56.
    expect(amounts(computed).map(([, cents]) => cents)).toEqual([1737, 2083, 1856]);
    expect(computed.totalCents).toBe(5676);
    expect(computed.lines[0]!.toDate).toBe('2026-05-20');
    expect(computed.lines[0]!.description).toBe('Water service charge, 3/4" meter, 05/09/2026 through 05/19/2026');
  });

  it('a move-out and a move-in the same day share the period without a day billed twice', () => {
    const period = { fromDate: '2026-05-09', toDate: '2026-06-09' };
    const leaving = bill({ period, usageHcf: '0', services: [{ ...RESIDENTIAL_WATER, endedOn: '2026-05-20' }] });
    const arriving = bill({ period, usageHcf: '0', services: [{ ...RESIDENTIAL_WATER, startedOn: '2026-05-20' }] });
    expect(leaving.lines[0]!.explanation.proration).toEqual({ days: 11, periodDays: 31 });
    expect(arriving.lines[0]!.explanation.proration).toEqual({ days: 20, periodDays: 31 });
    // 17.3658 + 31.5742 = 48.94 exactly before rounding; rounded 17.37 + 31.57.
    expect(leaving.totalCents + arriving.totalCents).toBe(4894);
  });
});

describe('a period across the 2026-07-01 rate change', () => {
  const period = { fromDate: '2026-06-09', toDate: '2026-07-09' }; // 30 days: 22 in June, 8 in July

  it('splits every charge at the effective date, with hand-computed cents', () => {
    const computed = bill({ period, usageHcf: '13', services: [RESIDENTIAL_WATER, RESIDENTIAL_SEWER] });
    // Service charge: 22/30 × 48.94 = 35.8893 → 35.89; 8/30 × 51.39 = 13.704 → 13.70.
    // Usage 13 HCF: 13 × 22/30 = 9.5333 HCF old, 3.4667 new. Tier 1 widths 10 × 22/30 = 7.3333 and
    // 10 × 8/30 = 2.6667: 7.3333 × 4.90 + 2.2 × 9.55 = 56.94317 → 56.94;
    // 2.6667 × 5.145 + 0.8 × 10.0275 = 21.7421715 → 21.74.
    // Wastewater: 22/30 × 52.30 = 38.3533 → 38.35; 8/30 × 54.92 = 14.6453 → 14.65.
    expect(amounts(computed)).toEqual([
      ['Water service charge, 3/4" meter, 06/09/2026 through 06/30/2026', 3589],
      ['Water service charge, 3/4" meter, 07/01/2026 through 07/08/2026', 1370],
      ['Water use, residential, 06/09/2026 through 06/30/2026', 5694],
      ['Water use, residential, 07/01/2026 through 07/08/2026', 2174],
      ['Wastewater, residential (flat per dwelling unit), 06/09/2026 through 06/30/2026', 3835],
      ['Wastewater, residential (flat per dwelling unit), 07/01/2026 through 07/08/2026', 1465],
    ]);
    expect(computed.totalCents).toBe(18127);
    expect(computed.lines.map((line) => line.scheduleEffectiveFrom)).toEqual(['2026-01-01', '2026-07-01', '2026-01-01', '2026-07-01', '2026-01-01', '2026-07-01']);
    const june = computed.lines[2]!.explanation;
    expect(june.sentence).toBe('22/30 of 13 HCF = 9.5333 HCF (tiers × 22/30): 7.3333 × $4.90 + 2.2 × $9.55 = $56.94');
    expect(june.usageSplit).toEqual({ wholeUsageHcf: '13', days: 22, servedDays: 30 });
    expect(computed.lines[3]!.explanation.sentence).toBe('8/30 of 13 HCF = 3.4667 HCF (tiers × 8/30): 2.6667 × $5.145 + 0.8 × $10.0275 = $21.74');
    // The parts of the usage add up to the metered usage exactly.
    const quantities = [computed.lines[2]!, computed.lines[3]!].flatMap((line) => line.explanation.terms.map((t) => t.quantity));
    expect(quantities.reduce((sum, quantity) => sum.plus(quantity), new Big(0)).toFixed()).toBe('13');
  });

  it('a final bill across the change splits the days served (26), not the period', () => {
    const computed = bill({ period, usageHcf: '13', services: [{ ...RESIDENTIAL_WATER, endedOn: '2026-07-05' }] });
    // Fixed: 22/30 × 48.94 = 35.89; 4/30 × 51.39 = 6.852 → 6.85.
    // Usage: 13 × 22/26 = 11 HCF old, 2 new; tier 1 widths 10 × 22/26 = 8.4615, 10 × 4/26 = 1.5385:
    // 8.4615 × 4.90 + 2.5385 × 9.55 = 65.704025 → 65.70; 1.5385 × 5.145 + 0.4615 × 10.0275 = 12.54327375 → 12.54.
    expect(amounts(computed).map(([, cents]) => cents)).toEqual([3589, 685, 6570, 1254]);
    expect(computed.totalCents).toBe(12098);
  });

  it('charges a fee from the schedule in effect on the last day of the period', () => {
    const fee = bill({ period, usageHcf: '0', services: [RESIDENTIAL_WATER], fees: [{ code: 'RECONNECT' }] }).lines.at(-1)!;
    expect(fee).toMatchObject({ amountCents: 6500, scheduleEffectiveFrom: '2026-07-01', description: 'Reconnection, business hours' });
  });
});

describe('fees on their own', () => {
  it('looks the fee up by code on its date', () => {
    expect(computeFee(book, { code: 'RECONNECT', date: '2026-06-30' }).amountCents).toBe(6000);
    expect(computeFee(book, { code: 'RECONNECT', date: '2026-07-01' }).amountCents).toBe(6500);
    const returned = computeFee(book, { code: 'RETURNED_CHECK', date: '2026-03-02' });
    expect(returned).toMatchObject({ glCode: '4300', amountCents: 2500, fromDate: '2026-03-02', toDate: '2026-03-03' });
    expect(returned.explanation.sentence).toBe('Returned check: $25.00');
  });

  it('a late charge is 10% of the past-due amount, half-up, at least $5.00', () => {
    const late = computeFee(book, { code: 'LATE', date: '2026-03-02', baseCents: 12345 });
    expect(late.amountCents).toBe(1235); // 12.345 → 12.35
    expect(late.explanation.sentence).toBe('10% of $123.45 = $12.35 (minimum $5.00)');
    const small = computeFee(book, { code: 'LATE', date: '2026-03-02', baseCents: 3005 });
    expect(small.amountCents).toBe(500);
    expect(small.explanation.sentence).toBe('10% of $30.05 = $3.005, below the minimum of $5.00: $5.00');
  });

  it('refuses an unknown code and a percentage fee without its base', () => {
    expect(refusal(() => computeFee(book, { code: 'PAINT', date: '2026-03-02' }))).toMatchObject({
      field: 'fee.code', message: 'The schedule effective 2026-01-01 ("2026 rates") has no fee with the code PAINT',
    });
    expect(refusal(() => computeFee(book, { code: 'LATE', date: '2026-03-02' }))).toMatchObject({ field: 'fee.baseCents' });
    expect(refusal(() => bill({ period: MARCH, usageHcf: '0', services: [RESIDENTIAL_WATER], fees: [{ code: 'SETUP' }, { code: 'NOPE' }] })).field).toBe('fees[1].code');
  });
});

describe('facts that cannot be billed are refused, naming the field', () => {
  const cases: [string, Omit<BillInput, 'rates'>, string, string][] = [
    ['a water service without a meter size', { period: MARCH, usageHcf: '1', services: [{ service: 'water', rateClass: 'residential' }] }, 'services[0].meterSize', 'A water service needs its meter\'s size'],
    ['usage with more than 4 decimals', { period: MARCH, usageHcf: '13.12345', services: [RESIDENTIAL_WATER] }, 'usageHcf', 'usageHcf must be HCF as a decimal string with at most 4 places'],
    ['usage as a number', { period: MARCH, usageHcf: 13 as unknown as string, services: [RESIDENTIAL_WATER] }, 'usageHcf', 'not 13'],
    ['a period that ends before it starts', { period: { fromDate: '2026-04-09', toDate: '2026-03-09' }, usageHcf: '1', services: [RESIDENTIAL_WATER] }, 'period.toDate', 'The period must end after it starts'],
    ['a period of 120 days', { period: { fromDate: '2026-01-01', toDate: '2026-05-01' }, usageHcf: '1', services: [RESIDENTIAL_WATER] }, 'period.toDate', 'A bill covers at most 92 days; this period has 120'],
    ['a date that does not exist', { period: { fromDate: '2026-02-30', toDate: '2026-03-30' }, usageHcf: '1', services: [RESIDENTIAL_WATER] }, 'period.fromDate', 'period.fromDate must be a date'],
    ['two water services', { period: MARCH, usageHcf: '1', services: [RESIDENTIAL_WATER, RESIDENTIAL_WATER] }, 'services', 'A bill covers one metered water service'],
    ['usage with no water service', { period: MARCH, usageHcf: '4', services: [RESIDENTIAL_SEWER] }, 'usageHcf', 'There is usage but no water service'],
    ['a class the schedule has no wastewater rates for', { period: MARCH, usageHcf: '4', services: [{ service: 'water', rateClass: 'irrigation', meterSize: '1' }, { service: 'wastewater', rateClass: 'irrigation' }] }, 'services[1].rateClass', 'The schedule effective 2026-01-01 ("2026 rates") has no wastewater rates for the irrigation class'],
    ['no dwelling units', { period: MARCH, usageHcf: '4', services: [{ ...RESIDENTIAL_WATER, dwellingUnits: 0 }] }, 'services[0].dwellingUnits', 'Dwelling units are a whole number'],
    ['a start date that is not a date', { period: MARCH, usageHcf: '4', services: [{ ...RESIDENTIAL_WATER, startedOn: '03/20/2026' }] }, 'services[0].startedOn', 'services[0].startedOn must be a date like 2026-07-01'],
  ];
  it.each(cases)('%s', (_name, input, field, message) => {
    const error = refusal(() => bill(input));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe(field);
    expect(error.message).toContain(message);
  });
});

describe('periods that are not a month (26–35 days is one month of fixed charges)', () => {
  const water = [RESIDENTIAL_WATER];
  const lineOf = (fromDate: string, toDate: string, usageHcf = '10') => bill({ period: { fromDate, toDate }, usageHcf, services: water }).lines[0]!;

  it('charges a 62-day first period by the day: $51.39 × 62 × 12/365 = 104.7511 → $104.75 (not one month’s $51.39)', () => {
    const computed = bill({ period: { fromDate: '2026-10-01', toDate: '2026-12-02' }, usageHcf: '20', services: water });
    expect(computed.periodDays).toBe(62);
    expect(computed.lines[0]).toMatchObject({ amountCents: 10_475 });
    expect(computed.lines[0]!.explanation.sentence).toBe('3/4" meter: 62 days × 12/365 × $51.39 = $104.75');
    expect(computed.lines[0]!.explanation.proration).toEqual({ days: 62, periodDays: 62, perDay: true });
    // The use is charged on the tiers as they stand: 10 × 5.145 + 10 × 10.0275 = 151.725 → $151.73.
    expect(computed.lines[1]).toMatchObject({ amountCents: 15_173 });
    expect(computed.totalCents).toBe(10_475 + 15_173);
  });

  it('a 12-day period: $51.39 × 12 × 12/365 = 20.2744 → $20.27', () => {
    expect(lineOf('2026-10-01', '2026-10-13', '4')).toMatchObject({ amountCents: 2_027 });
  });

  it('26 and 35 days are one month ($51.39); 25 and 36 days go by the day ($42.24, $60.82)', () => {
    expect(lineOf('2026-10-09', '2026-11-04').amountCents).toBe(5_139);
    expect(lineOf('2026-10-09', '2026-11-13').amountCents).toBe(5_139);
    // 51.39 × 25 × 12/365 = 42.2383 → 42.24; 51.39 × 36 × 12/365 = 60.8230 → 60.82.
    expect(lineOf('2026-10-09', '2026-11-03').amountCents).toBe(4_224);
    expect(lineOf('2026-10-09', '2026-11-14').amountCents).toBe(6_082);
  });

  it('a first bill inside a regular period is still its days served over the period: 19/31 × $51.39 = 31.4971 → $31.50', () => {
    const computed = bill({ period: { fromDate: '2026-10-09', toDate: '2026-11-09' }, usageHcf: '5', services: [{ ...RESIDENTIAL_WATER, startedOn: '2026-10-21' }] });
    expect(computed.lines[0]).toMatchObject({ amountCents: 3_150 });
    expect(computed.lines[0]!.explanation.sentence).toBe('3/4" meter: 19/31 days × $51.39 = $31.50');
  });
});
