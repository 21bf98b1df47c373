/**
 * Properties of computeBill over generated schedules and accounts (fast-check):
 * - the total is the sum of the lines, every line whole cents inside the period;
 * - a period split at an effective date into schedules with the same rates bills what the whole
 *   period bills, within one cent per part line (each part is rounded on its own);
 * - more usage never costs less (across at most one rate change: see the README on why).
 */
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RateDocument, RateSchedule } from '../../src-shared/contract/rates';
import { computeBill, dateOfDay, dayNumber, loadRateBook, type BillInput, type ServiceFacts } from '../../src-main/core/rates';
import { hcfShare } from '../../src-main/core/rates/decimal';

type ScheduleBody = Omit<RateSchedule, 'effectiveFrom' | 'effectiveThrough' | 'name'>;

/** Whole ten-thousandths or millionths as a decimal string: 48940 at 4 places → "4.8940". */
const decimal = (units: number, places: number) => {
  const text = String(units).padStart(places + 1, '0');
  return `${text.slice(0, -places)}.${text.slice(-places)}`;
};
const dollars = (max: number) => fc.oneof(fc.integer({ min: 0, max: max * 10_000 }).map((n) => decimal(n, 4)), fc.integer({ min: 0, max: max * 1_000_000 }).map((n) => decimal(n, 6)));
const hcf = (max: number) => fc.integer({ min: 0, max: max * 10_000 }).map((n) => decimal(n, 4));

const tiers = fc
  .tuple(fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { minLength: 0, maxLength: 3 }), fc.array(dollars(15), { minLength: 4, maxLength: 4 }))
  .map(([bounds, rates]) => {
    const sorted = [...bounds].sort((a, b) => a - b);
    return [...sorted.map((bound, index) => ({ upToHcf: String(bound), ratePerHcf: rates[index]! })), { upToHcf: null, ratePerHcf: rates[3]! }];
  });

const scheduleBody: fc.Arbitrary<ScheduleBody> = fc.record({
  charge34: dollars(100),
  charge2: dollars(400),
  residential: tiers,
  multiFamily: tiers,
  waterMinimum: fc.option(dollars(120), { nil: undefined }),
  perUnit: dollars(80),
  base: dollars(40),
  wastewaterRate: dollars(10),
  cap: fc.option(hcf(20), { nil: undefined }),
  sewerMinimum: fc.option(dollars(90), { nil: undefined }),
  fire4: dollars(60),
}).map((r) => ({
  water: {
    monthlyServiceCharge: { '3/4': r.charge34, '2': r.charge2 },
    classes: {
      residential: { tiers: r.residential, ...(r.waterMinimum ? { monthlyMinimum: r.waterMinimum } : {}) },
      multi_family: { tiers: r.multiFamily, tierWidthsPerDwellingUnit: true },
    },
  },
  wastewater: {
    residential: {
      method: 'flat_per_unit' as const,
      monthlyChargePerUnit: r.perUnit,
      winterAverage: { monthlyBaseCharge: r.base, ratePerHcf: r.wastewaterRate, ...(r.cap ? { capHcf: r.cap } : {}) },
      ...(r.sewerMinimum ? { monthlyMinimum: r.sewerMinimum } : {}),
    },
  },
  privateFire: { monthlyChargeByLineSize: { '4': r.fire4 } },
}));

const documentOf = (...schedules: { from: string; body: ScheduleBody }[]): RateDocument => ({
  format: 'billing-office-rates',
  version: 1,
  schedules: schedules.map(({ from, body }, index) => ({ effectiveFrom: from, name: `Schedule ${index + 1}`, ...body })),
});

const FIRST_DAY = dayNumber('2026-01-01');

/** A period of 25–35 days in 2026, the account's services, optional move-in/out days inside it. */
const account = fc
  .record({
    startOffset: fc.integer({ min: 0, max: 300 }),
    periodDays: fc.integer({ min: 25, max: 35 }),
    multiFamily: fc.boolean(),
    units: fc.integer({ min: 1, max: 24 }),
    sewer: fc.option(fc.constantFrom('flat_per_unit' as const, 'winter_average' as const), { nil: undefined }),
    fire: fc.boolean(),
    movedIn: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
    movedOut: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
    usageHcf: hcf(200),
    winterAverageHcf: hcf(30),
    estimated: fc.boolean(),
  })
  .map((a) => {
    const fromDay = FIRST_DAY + a.startOffset;
    const toDay = fromDay + a.periodDays;
    const window = {
      ...(a.movedIn === undefined ? {} : { startedOn: dateOfDay(fromDay + a.movedIn) }),
      ...(a.movedOut === undefined ? {} : { endedOn: dateOfDay(toDay - a.movedOut) }),
    };
    const rateClass = a.multiFamily ? ('multi_family' as const) : ('residential' as const);
    const services: ServiceFacts[] = [{ service: 'water', rateClass, meterSize: a.multiFamily ? '2' : '3/4', dwellingUnits: a.units, ...window }];
    if (a.sewer) services.push({ service: 'wastewater', rateClass: 'residential', dwellingUnits: a.units, wastewaterMethod: a.sewer, ...window });
    if (a.fire) services.push({ service: 'private_fire', rateClass, fireLineSizeInches: 4 });
    const input: Omit<BillInput, 'rates'> = {
      period: { fromDate: dateOfDay(fromDay), toDate: dateOfDay(toDay) },
      services,
      usageHcf: a.usageHcf,
      winterAverageHcf: a.winterAverageHcf,
      estimated: a.estimated,
    };
    return { input, fromDay, toDay };
  })
  // A move-out before the move-in leaves no water service to bill the usage on.
  .filter(({ input }) => {
    const water = input.services[0]!;
    return water.startedOn === undefined || water.endedOn === undefined || water.startedOn < water.endedOn;
  });

const sumCents = (lines: readonly { amountCents: number }[]) => lines.reduce((sum, line) => sum + line.amountCents, 0);

describe('bill properties', () => {
  it('a share of HCF in integers equals big.js: round(value × days / of, 4 places, half-up)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), fc.integer({ min: 1, max: 92 }), fc.integer({ min: 1, max: 92 }), (tenThousandths, days, ofDays) => {
        const value = new Big(decimal(tenThousandths, 4));
        const expected = value.times(days).div(ofDays).round(4, Big.roundHalfUp);
        expect(hcfShare(value, days, ofDays).eq(expected)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(hcfShare(new Big('13'), 22, 30).toFixed()).toBe('9.5333');
    expect(hcfShare(new Big('10'), 2, 3).toFixed()).toBe('6.6667');
    expect(hcfShare(new Big('0.0001'), 1, 2).toFixed()).toBe('0.0001'); // half-up at the half
  });

  it('the total is the sum of the lines; every line is whole cents within the period', () => {
    fc.assert(
      fc.property(scheduleBody, scheduleBody, fc.integer({ min: 1, max: 360 }), account, (before, after, changeOffset, { input }) => {
        const rates = loadRateBook(documentOf({ from: '2026-01-01', body: before }, { from: dateOfDay(FIRST_DAY + changeOffset), body: after }));
        const bill = computeBill({ rates, ...input });
        expect(bill.totalCents).toBe(sumCents(bill.lines));
        for (const line of bill.lines) {
          expect(Number.isSafeInteger(line.amountCents)).toBe(true);
          expect(line.amountCents).toBeGreaterThanOrEqual(0);
          expect(line.fromDate >= input.period.fromDate && line.toDate <= input.period.toDate && line.fromDate < line.toDate).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('splitting a period at an effective date with unchanged rates moves each charge by at most a cent per part line', () => {
    fc.assert(
      fc.property(scheduleBody, account, fc.integer({ min: 1, max: 34 }), (body, { input, fromDay, toDay }, splitAfter) => {
        const splitDay = Math.min(fromDay + splitAfter, toDay - 1);
        const whole = computeBill({ rates: loadRateBook(documentOf({ from: '2025-01-01', body })), ...input });
        const split = computeBill({ rates: loadRateBook(documentOf({ from: '2025-01-01', body }, { from: dateOfDay(splitDay), body })), ...input });
        for (const service of ['water', 'wastewater', 'private_fire'] as const) {
          const wholeLines = whole.lines.filter((line) => line.service === service);
          const partLines = split.lines.filter((line) => line.service === service);
          for (const kind of ['service_charge', 'usage', 'wastewater', 'fire_service'] as const) {
            const parts = partLines.filter((line) => line.kind === kind);
            expect(Math.abs(sumCents(parts) - sumCents(wholeLines.filter((line) => line.kind === kind)))).toBeLessThanOrEqual(parts.length);
          }
          // With a minimum, a service's total is max(minimum, charges): it moves no more than the charges do.
          const charges = partLines.filter((line) => line.kind !== 'minimum').length;
          expect(Math.abs(sumCents(partLines) - sumCents(wholeLines))).toBeLessThanOrEqual(charges);
        }
        // The usage parts add up to the metered usage exactly.
        const billedHcf = (bill: typeof whole) =>
          bill.lines.filter((line) => line.kind === 'usage').flatMap((line) => line.explanation.terms).reduce((sum, term) => sum.plus(term.quantity), new Big(0));
        expect(billedHcf(split).eq(billedHcf(whole))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('more usage never costs less', () => {
    fc.assert(
      fc.property(scheduleBody, scheduleBody, fc.integer({ min: 1, max: 360 }), account, hcf(50), (before, after, changeOffset, { input }, extraHcf) => {
        const rates = loadRateBook(documentOf({ from: '2026-01-01', body: before }, { from: dateOfDay(FIRST_DAY + changeOffset), body: after }));
        const less = computeBill({ rates, ...input });
        const moreUsage = new Big(input.usageHcf).plus(extraHcf).toFixed();
        const more = computeBill({ rates, ...input, usageHcf: moreUsage });
        expect(more.totalCents).toBeGreaterThanOrEqual(less.totalCents);
      }),
      { numRuns: 300 },
    );
  });
});
