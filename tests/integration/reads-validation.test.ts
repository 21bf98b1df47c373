/**
 * The abnormal-read checks as a pure function, with hand-computed numbers. Defaults: high > +50%,
 * very high > +200%, low < −50%, average of 12, benchmarks under 2 HCF ignored, same use 3 periods,
 * more than 3 estimates, use over 50% of register capacity, rollover over 10× average = misread.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { READ_VALIDATION_DEFAULTS } from '../../src-main/core/reads/settings';
import { measuringMultiplier, periodMinusMonths, primaryFinding, validateRead, type HistoryRead, type MeterFacts } from '../../src-main/core/reads/validate';

const METER: MeterFacts = { dials: 4, multiplier: '1', unit: 'HCF', installedOn: '2020-01-01' };
const PERIOD = '2026-11';

/** 13 prior reads, newest first (2026-10 back to 2025-10), each `usages[i]` HCF, the newest at `latestReading`. */
function history(usages: readonly string[], latestReading: number, estimated: readonly boolean[] = []): HistoryRead[] {
  let reading = latestReading;
  return usages.map((usageHcf, index) => {
    const period = periodMinusMonths(PERIOD, index + 1);
    const read = { period, readDate: `${period}-09`, reading: String(reading), usageHcf, estimated: estimated[index] ?? false, baseline: false };
    reading -= Number(usageHcf);
    return read;
  });
}

const tens = Array.from({ length: 13 }, () => '10');

function check(reading: string, options: { meter?: MeterFacts; active?: boolean; past?: HistoryRead[]; estimated?: boolean; leak?: boolean; fileMultiplier?: string | null; settings?: Partial<typeof READ_VALIDATION_DEFAULTS> } = {}) {
  return validateRead(
    { reading, readDate: '2026-11-09', period: PERIOD, estimated: options.estimated ?? false, leakFlag: options.leak ?? false, fileMultiplier: options.fileMultiplier ?? null },
    options.meter ?? METER,
    options.active ?? true,
    options.past ?? history(tens, 1000),
    { ...READ_VALIDATION_DEFAULTS, ...options.settings },
  );
}
const types = (result: ReturnType<typeof check>) => result.findings.map((item) => item.type);

describe('usage and benchmarks', () => {
  it('passes a normal read: 1000 → 1011 is 11 HCF, +10% on every benchmark', () => {
    const result = check('1011');
    expect(result.usageHcf).toBe('11');
    expect(result.findings).toEqual([]);
    expect([result.priorHcf, result.lastYearHcf, result.averageHcf]).toEqual(['10', '10', '10']);
    // Expected range: average 10 × (1 − 50%) … × (1 + 50%).
    expect([result.expectedLowHcf, result.expectedHighHcf]).toEqual(['5', '15']);
  });

  it('flags high above the expected range (15.01 vs 5–15), high at +200% (30 vs 10), very high above it (31 vs 10 = +210%)', () => {
    expect(types(check('1015'))).toEqual([]);
    const justAbove = history(['10.99', ...tens.slice(1)], 1000);
    // 15.02 used, prior 10.99: the range is 10 × 50% = 5 to 10.99 × 150% = 16.485 → 16.49 (half-up).
    expect(check('1016.49', { past: justAbove }).expectedHighHcf).toBe('16.49');
    expect(types(check('1016.49', { past: justAbove }))).toEqual([]);
    expect(types(check('1016.5', { past: justAbove }))).toEqual(['high_usage']);
    const high = check('1030');
    // One finding, against the highest benchmark (all three are 10 here: of equals, the average).
    expect(high.findings.map((item) => [item.type, item.deviationPercent])).toEqual([['high_usage', 200]]);
    const veryHigh = check('1031');
    expect(types(veryHigh)).toEqual(['very_high_usage']);
    expect(veryHigh.findings[0]?.message).toBe('Very high: 31 HCF against 10 HCF the average (+210%; expected 5–15 HCF)');
  });

  it('flags low below −50% (4 vs 10 = −60%) but not at −50% (5 vs 10)', () => {
    expect(types(check('1004'))).toEqual(['low_usage']);
    expect(check('1004').findings[0]?.message).toBe('Low: 4 HCF against 10 HCF last period (-60%; expected 5–15 HCF)');
    expect(check('1004').findings[0]?.deviationPercent).toBe(-60);
    expect(types(check('1005'))).toEqual([]);
  });

  it('one expected range over the benchmarks: last year 20, prior 10 and average 10.83 give 5–30', () => {
    const usages = [...tens];
    usages[11] = '20'; // 2025-11, the same period last year
    const past = history(usages, 1000);
    // Lowest benchmark: prior 10 × 50% = 5; highest: last year 20 × 150% = 30. Average of 12: (11 × 10 + 20) / 12 = 10.83.
    const inside = check('1016', { past });
    expect([inside.expectedLowHcf, inside.expectedHighHcf, inside.averageHcf]).toEqual(['5', '30', '10.83']);
    expect(inside.findings).toEqual([]);
    // 31 vs last year's 20 = +55%: high, named against the highest benchmark.
    expect(check('1031', { past }).findings.map((item) => [item.type, item.basis, item.deviationPercent])).toEqual([['high_usage', 'last_year', 55]]);
    // 4 vs prior 10 = −60%: low, against the lowest.
    expect(check('1004', { past }).findings.map((item) => [item.type, item.basis, item.deviationPercent])).toEqual([['low_usage', 'prior', -60]]);
  });

  it('a read at its average is inside the range even when last year was low (IT21000053: 70.54 vs last year 22.79)', () => {
    const usages = Array.from({ length: 13 }, () => '76');
    usages[11] = '22.79';
    const past = history(usages, 5000);
    // Average of 12: (11 × 76 + 22.79) / 12 = 71.5658… → 71.57; range 22.79 × 50% = 11.395 → 11.40 to 76 × 150% = 114.
    const result = check('5070.54', { past });
    expect([result.expectedLowHcf, result.expectedHighHcf]).toEqual(['11.4', '114']);
    expect(result.findings).toEqual([]);
  });

  it('skips high/low against a benchmark under the minimum (1 HCF a month, then 5)', () => {
    const ones = Array.from({ length: 13 }, () => '1');
    expect(types(check('1005', { past: history(ones, 1000) }))).toEqual([]);
    expect(types(check('1005', { past: history(ones, 1000), settings: { minimumBenchmarkHcf: '1' } }))).toContain('very_high_usage');
  });

  it('each threshold is a setting: high at 20% flags 13 vs 10', () => {
    expect(types(check('1013', { settings: { highPercent: 20 } }))).toEqual(['high_usage']);
    expect(check('1013', { settings: { highPercent: 20 } }).expectedHighHcf).toBe('12');
    // With every benchmark off there is no expected range and no high/low finding.
    const noneOn = check('1013', { settings: { highPercent: 20, compareWithPrior: false, compareWithLastYear: false, compareWithAverage: false } });
    expect(types(noneOn)).toEqual([]);
    expect([noneOn.expectedLowHcf, noneOn.expectedHighHcf]).toEqual([null, null]);
  });
});

describe('zero, inactive, repeated, estimates, meter changes, leaks', () => {
  it('zero use on an active account (and low against every benchmark)', () => {
    const result = check('1000');
    expect(result.usageHcf).toBe('0');
    expect(types(result)).toEqual(['zero_use', 'low_usage']);
    expect(primaryFinding(result.findings).type).toBe('zero_use');
    expect(types(check('1000', { settings: { flagZeroUse: false } }))).not.toContain('zero_use');
  });

  it('use on a closed account', () => {
    const result = check('1005', { active: false });
    expect(types(result)).toEqual(['use_on_inactive']);
    expect(result.findings[0]?.severity).toBe('critical');
    expect(types(check('1000', { active: false }))).not.toContain('use_on_inactive');
  });

  it('the same use three periods in a row (10, 10, then 10 again); not with 2 periods of history', () => {
    expect(types(check('1010'))).toEqual(['repeated_use']);
    const varied = history(['10', '9', '10', '10', '10', '10', '10', '10', '10', '10', '10', '10', '10'], 1000);
    expect(types(check('1010', { past: varied }))).toEqual([]);
    expect(types(check('1010', { past: history(['10', '10'], 1000), settings: { compareWithLastYear: false } }))).toEqual(['repeated_use']);
    expect(types(check('1010', { past: history(['10'], 1000) }))).toEqual([]);
  });

  it('more than 3 estimates in a row: this one plus 3 before = 4; plus 2 before = 3 is fine', () => {
    const threeEstimated = history(tens, 1000, [true, true, true]);
    const twoEstimated = history(tens, 1000, [true, true, false, true]);
    expect(types(check('1011', { estimated: true, past: threeEstimated }))).toEqual(['consecutive_estimates']);
    expect(check('1011', { estimated: true, past: threeEstimated }).findings[0]?.message).toMatch(/^4 estimates in a row/);
    expect(types(check('1011', { estimated: true, past: twoEstimated }))).toEqual([]);
    expect(types(check('1011', { estimated: false, past: threeEstimated }))).toEqual([]);
  });

  it('meter exchanged after the prior read, a multiplier the file disagrees with, a first read with no prior', () => {
    expect(types(check('1011', { meter: { ...METER, installedOn: '2026-10-20' } }))).toEqual(['meter_changed']);
    // A file constant of 10 on a ×1 meter is applied (11 × 10 = 110 HCF) and goes to review.
    const conflict = check('1011', { fileMultiplier: '10' });
    // Very high (110 against benchmarks of 10, above the expected 5–15), and the conflict.
    expect(types(conflict)).toEqual(['very_high_usage', 'meter_changed']);
    expect(conflict.usageHcf).toBe('110');
    expect(types(check('1011', { fileMultiplier: '1.000' }))).toEqual([]);
    const first = check('0042', { past: [] });
    expect(types(first)).toEqual(['meter_changed']);
    expect(first.usageHcf).toBe('0');
  });

  it('the file constant rule: none or 1 = the meter multiplier; equal = agreed; anything else applied, with a conflict', () => {
    expect(measuringMultiplier(null, '10')).toEqual({ multiplier: '10', conflict: false });
    expect(measuringMultiplier('1.0', '10')).toEqual({ multiplier: '10', conflict: false });
    expect(measuringMultiplier('10.00', '10')).toEqual({ multiplier: '10', conflict: false });
    expect(measuringMultiplier('010', '1')).toEqual({ multiplier: '10', conflict: true });
    expect(measuringMultiplier('0.5', '1')).toEqual({ multiplier: '0.5', conflict: true });
    const tenOnFile = { ...METER, multiplier: '10' };
    // 1000 → 1011 on a ×10 register: 110 HCF, whether the file says 10, 1 or nothing.
    for (const fileMultiplier of ['10', '1', null]) {
      const result = check('1011', { meter: tenOnFile, fileMultiplier, past: history(Array.from({ length: 13 }, () => '100'), 1000) });
      expect([result.usageHcf, types(result)]).toEqual(['110', []]);
    }
    // A constant of 0.5 on a ×1 register: 11 × 0.5 = 5.5 HCF (−45%, inside the usual range), and the conflict.
    const half = check('1011', { fileMultiplier: '0.5' });
    expect([half.usageHcf, types(half)]).toEqual(['5.5', ['meter_changed']]);
    expect(half.findings[0]?.message).toBe(
      "The file's calculation constant is 0.5 but this meter's multiplier on file is 1. Use is measured with the file's 0.5: 5.5 HCF (11 HCF with the meter's 1). If the register really multiplies by 0.5, change the meter's multiplier; otherwise correct this read",
    );
  });

  it('a leak reported by the endpoint', () => {
    expect(types(check('1011', { leak: true }))).toEqual(['leak_reported']);
  });
});

describe('rollover, misread and register capacity', () => {
  it('a 4-dial register from 9990 to 15 rolled over: 10000 − 9990 + 15 = 25 HCF', () => {
    const result = check('15', { past: history(tens, 9990) });
    expect(result.usageHcf).toBe('25');
    expect(result.rolledOver).toBe(true);
    expect(types(result)).toEqual(['rollover', 'high_usage']);
    expect(result.findings[0]?.severity).toBe('info');
  });

  it('9990 to 5000 would be 5010 HCF as a rollover, over 10× the average of 10: a misread (−4990)', () => {
    const result = check('5000', { past: history(tens, 9990) });
    expect(result.rolledOver).toBe(false);
    expect(result.usageHcf).toBe('-4990');
    expect(types(result)).toEqual(['negative_use']);
    expect(result.findings[0]?.message).toMatch(/below last period's 9990.*5010 HCF.*misread/);
  });

  it('a small backwards step (1000 → 998) is a misread, not a 9998 HCF rollover', () => {
    const result = check('998');
    expect(types(result)).toEqual(['negative_use']);
    expect(result.usageHcf).toBe('-2');
  });

  it('with no average, the capacity rule decides: rollover over 50% of 10000 is a misread', () => {
    const justPrior = [{ period: '2026-10', readDate: '2026-10-09', reading: '9000', usageHcf: '0', estimated: false, baseline: true }];
    expect(types(check('100', { past: justPrior }))).toEqual(['rollover']);
    expect(types(check('5000', { past: justPrior }))).toEqual(['negative_use']);
  });

  it('use above 50% of what the register counts, and a reading with more digits than the dials', () => {
    const justPrior = [{ period: '2026-10', readDate: '2026-10-09', reading: '0', usageHcf: '0', estimated: false, baseline: true }];
    expect(types(check('6000', { past: justPrior }))).toEqual(['over_capacity']);
    expect(types(check('12000', { past: justPrior }))).toContain('over_capacity');
    expect(check('12000', { past: justPrior }).findings[0]?.message).toMatch(/more digits than this 4-dial register/);
  });

  it('converts exactly: CF register 1000 → 2250 is 12.5 HCF; multiplier 10 on 125 CF is 12.5 HCF; 1000 gallons is 1.3369 HCF (748 gal, 4 places)', () => {
    const cf: MeterFacts = { dials: 6, multiplier: '1', unit: 'CF', installedOn: '2020-01-01' };
    expect(check('2250', { meter: cf, past: history(['1250'], 1000) }).usageHcf).toBe('12.5');
    expect(check('1125', { meter: { ...cf, multiplier: '10' }, past: history(['125'], 1000) }).usageHcf).toBe('12.5');
    const gallons: MeterFacts = { dials: 7, multiplier: '1', unit: 'GAL', installedOn: '2020-01-01' };
    expect(check('2000', { meter: gallons, past: history(['1'], 1000) }).usageHcf).toBe('1.3369');
  });
});

describe('the expected range and the high/low checks agree (property)', () => {
  const hundredths = (text: string | null) => (text === null ? null : Math.round(Number(text) * 100));
  const HIGH_LOW = new Set(['high_usage', 'very_high_usage', 'low_usage']);

  it('a use shown inside the range never raises high, very high or low; one shown outside raises exactly one', () => {
    const usageText = fc.integer({ min: 0, max: 30_000 }).map((cents) => (cents / 100).toFixed(2));
    fc.assert(
      fc.property(
        fc.array(usageText, { minLength: 1, maxLength: 13 }),
        fc.integer({ min: 0, max: 40_000 }),
        fc.record({
          highPercent: fc.integer({ min: 1, max: 300 }),
          lowPercent: fc.integer({ min: 1, max: 99 }),
          compareWithPrior: fc.boolean(),
          compareWithLastYear: fc.boolean(),
          compareWithAverage: fc.boolean(),
          minimumBenchmarkHcf: fc.constantFrom('0', '1', '2', '5'),
        }),
        (usages, usedCents, settings) => {
          const past = history(usages, 100_000);
          const reading = (100_000 + usedCents / 100).toFixed(2);
          const result = check(reading, { past, settings: { ...settings, veryHighPercent: Math.max(settings.highPercent, 200) } });
          const used = hundredths(result.usageHcf) as number;
          const flags = result.findings.filter((item) => HIGH_LOW.has(item.type));
          const low = hundredths(result.expectedLowHcf);
          const high = hundredths(result.expectedHighHcf);
          if (low === null || high === null) return flags.length === 0;
          const inside = used >= low && used <= high;
          return inside ? flags.length === 0 : flags.length === 1 && (used > high) === (flags[0]?.type !== 'low_usage');
        },
      ),
      { numRuns: 2000 },
    );
  });
});
