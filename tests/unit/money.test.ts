import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCents, cents, centsToDecimalString, formatCents, parseDollars, roundToCents } from '../../src-shared/money';

describe('money', () => {
  it('parses what a clerk types into exact cents', () => {
    expect(parseDollars('12')).toBe(1200);
    expect(parseDollars('12.5')).toBe(1250);
    expect(parseDollars('$1,234.56')).toBe(123456);
    expect(parseDollars('-3.10')).toBe(-310);
    expect(parseDollars('.75')).toBe(75);
    expect(parseDollars('0.29')).toBe(29); // 0.29 * 100 is 28.999999999999996 in floats
    expect(parseDollars('1.005')).toBeNull();
    expect(parseDollars('12,34')).toBeNull();
    expect(parseDollars('abc')).toBeNull();
    expect(parseDollars('')).toBeNull();
    expect(parseDollars('.')).toBeNull();
  });

  it('formats cents for people and for files', () => {
    expect(formatCents(cents(123456))).toBe('$1,234.56');
    expect(formatCents(cents(-5))).toBe('-$0.05');
    expect(formatCents(cents(0))).toBe('$0.00');
    expect(centsToDecimalString(-123405)).toBe('-1234.05');
  });

  it('rounds half-up by the named rule, half-even on request', () => {
    expect(roundToCents(new Big('1234.5'))).toBe(1235);
    expect(roundToCents(new Big('-1234.5'))).toBe(-1235);
    expect(roundToCents(new Big('1234.4999'))).toBe(1234);
    expect(roundToCents(new Big('1234.5'), 'half-even')).toBe(1234);
    expect(roundToCents(new Big('1235.5'), 'half-even')).toBe(1236);
  });

  it('refuses fractional cents', () => {
    expect(() => cents(1.5)).toThrow(/whole number of cents/);
    expect(() => addCents(cents(Number.MAX_SAFE_INTEGER), cents(1))).toThrow();
  });

  it('formats and parses back to the same cents for any amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }), (amount) => {
        expect(parseDollars(formatCents(cents(amount)))).toBe(amount);
        expect(parseDollars(centsToDecimalString(amount))).toBe(amount);
      }),
    );
  });
});
