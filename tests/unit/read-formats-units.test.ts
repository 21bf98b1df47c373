/** Register units to HCF by the documented exact rule, checked against hand-computed values. */
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GALLONS_PER_HCF, toHcf, USAGE_HCF_DECIMALS, USAGE_HCF_ROUNDING } from '../../src-main/core/reads/formats/units';

const hcf = (value: string, unit: 'CF' | 'HCF' | 'GAL' | 'KGAL', multiplier?: string) => toHcf(value, unit, multiplier).toFixed(USAGE_HCF_DECIMALS);

describe('toHcf', () => {
  it('names its rule: 748 gallons to the HCF, 4 decimals, half-up', () => {
    expect([GALLONS_PER_HCF, USAGE_HCF_DECIMALS, USAGE_HCF_ROUNDING]).toEqual(['748', 4, 'half-up']);
  });

  it('matches hand-computed conversions', () => {
    expect(hcf('7480', 'GAL')).toBe('10.0000'); // 7480 / 748 = 10 exactly
    expect(hcf('1000', 'GAL')).toBe('1.3369'); // 1.336898...
    expect(hcf('1234', 'CF')).toBe('12.3400');
    expect(hcf('2.5', 'KGAL')).toBe('3.3422'); // 2500 / 748 = 3.342245...
    expect(hcf('17', 'HCF')).toBe('17.0000');
    expect(hcf('001234.5', 'CF')).toBe('12.3450');
    expect(hcf('12', 'HCF', '10')).toBe('120.0000');
    expect(hcf('100', 'GAL', '2.5')).toBe('0.3342'); // 250 / 748 = 0.334224...
    expect(toHcf('7480', 'GAL').toString()).toBe('10');
  });

  it('rounds a tie half-up, and just below a tie down', () => {
    expect(hcf('0.0374', 'GAL')).toBe('0.0001'); // 0.0374 / 748 = 0.00005 exactly
    expect(hcf('0.0373', 'GAL')).toBe('0.0000'); // 0.0000498...
    expect(hcf('1.87', 'GAL')).toBe('0.0025'); // 0.0025 exactly
    expect(hcf('0.00005', 'HCF')).toBe('0.0001');
    expect(hcf('0.000049', 'HCF')).toBe('0.0000');
  });

  it('keeps the sign of a negative usage and rounds it away from zero on a tie', () => {
    expect(hcf('-1000', 'GAL')).toBe('-1.3369');
    expect(hcf('-0.0374', 'GAL')).toBe('-0.0001');
    expect(toHcf('-0.0001', 'GAL').toString()).toBe('0');
  });

  it('refuses anything that is not a plain decimal', () => {
    for (const bad of ['1e3', 'NaN', '1,234', '', ' 12', '0x10']) expect(() => toHcf(bad, 'CF')).toThrow(RangeError);
    expect(() => toHcf('1', 'CF', '-1')).toThrow(RangeError);
    expect(() => toHcf('1', 'M3' as never)).toThrow(RangeError);
  });

  it('equals the exact quotient rounded half-up, for any gallon or kilogallon usage', () => {
    // The exact value × 10^4 is n / 748 (or n × 1000 / 748); rounding it half-up by integer
    // arithmetic must give the same digits as toHcf.
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 3 }), fc.boolean(), (units, decimals, kilo) => {
        const scale = 10n ** BigInt(decimals);
        const text = new Big(units.toString()).div(new Big(scale.toString())).toFixed(decimals);
        const numerator = units * 10_000n * (kilo ? 1000n : 1n);
        const denominator = 748n * scale;
        const quotient = numerator / denominator;
        const expected = (numerator % denominator) * 2n >= denominator ? quotient + 1n : quotient;
        expect(toHcf(text, kilo ? 'KGAL' : 'GAL').times(10_000).toFixed(0)).toBe(expected.toString());
      }),
      { numRuns: 500 },
    );
  });
});
