/**
 * The bill's conversion line for registers that are not HCF (src-main/core/billing/usage-note.ts),
 * every figure computed by hand: 748 gal to the HCF, rounded half-up to 4 places.
 */
import { describe, expect, it } from 'vitest';
import { groupDigits, registerUseNote, type RegisterFacts } from '../../src-main/core/billing/usage-note';

const CARRY = 'The next bill is measured from this reading, so every gallon is billed once; only the rounding (under 0.04 gal) is not carried over.';
const gal = (priorReading: string, reading: string, usageHcf: string, extra: Partial<RegisterFacts> = {}): RegisterFacts => ({ unit: 'GAL', multiplier: '1', dials: 7, priorReading, reading, usageHcf, ...extra });

describe('the conversion line of a bill', () => {
  it('gallons: 12,345 gal ÷ 748 = 16.504010… → 16.5040 HCF', () => {
    expect(registerUseNote(gal('1222222', '1234567', '16.504'))).toBe(
      `Meter registers gallons: 1,234,567 − 1,222,222 = 12,345 gal ÷ 748 gal per HCF = 16.5040 HCF (16.504010…, rounded half-up to 4 places). ${CARRY}`,
    );
  });

  it('gallons that divide evenly: 7,480 gal = 10 HCF exactly', () => {
    expect(registerUseNote(gal('0', '7480', '10'))).toBe(`Meter registers gallons: 7,480 − 0 = 7,480 gal ÷ 748 gal per HCF = 10.0000 HCF (exact). ${CARRY}`);
  });

  it('a rollover of a 7-dial register: 10,000,000 − 9,999,000 + 500 = 1,500 gal → 2.005347… → 2.0053 HCF', () => {
    expect(registerUseNote(gal('9999000', '500', '2.0053'))).toBe(
      `Meter registers gallons: 500 − 9,999,000 (the register rolled over past 9,999,999) = 1,500 gal ÷ 748 gal per HCF = 2.0053 HCF (2.005347…, rounded half-up to 4 places). ${CARRY}`,
    );
  });

  it('a ×10 gallon register: 1,234 × 10 = 12,340 gal → 16.497326… → 16.4973 HCF', () => {
    expect(registerUseNote(gal('10000', '11234', '16.4973', { multiplier: '10' }))).toBe(
      `Meter registers gallons: 11,234 − 10,000 = 1,234 gal × 10 = 12,340 gal ÷ 748 gal per HCF = 16.4973 HCF (16.497326…, rounded half-up to 4 places). ${CARRY}`,
    );
  });

  it('thousands of gallons: 12.345 − 10 = 2.345 kgal = 2,345 gal → 3.135026… → 3.1350 HCF', () => {
    expect(registerUseNote({ ...gal('10', '12.345', '3.135'), unit: 'KGAL', dials: 6 })).toBe(
      `Meter registers thousands of gallons: 12.345 − 10 = 2.345 kgal = 2,345 gal ÷ 748 gal per HCF = 3.1350 HCF (3.135026…, rounded half-up to 4 places). ${CARRY}`,
    );
  });

  it('cubic feet are exact; HCF registers have no line', () => {
    expect(registerUseNote({ unit: 'CF', multiplier: '1', dials: 6, priorReading: '45210', reading: '45310', usageHcf: '1' })).toBe(
      'Meter registers cubic feet: 45,310 − 45,210 = 100 CF ÷ 100 CF per HCF = 1 HCF (exact).',
    );
    expect(registerUseNote({ unit: 'CF', multiplier: '10', dials: 6, priorReading: '4521', reading: '4531', usageHcf: '1' })).toBe(
      'Meter registers cubic feet: 4,531 − 4,521 = 10 CF × 10 = 100 CF ÷ 100 CF per HCF = 1 HCF (exact).',
    );
    expect(registerUseNote({ unit: 'HCF', multiplier: '1', dials: 6, priorReading: '130', reading: '141', usageHcf: '11' })).toBeNull();
  });

  it('says nothing when the use billed is not the readings’ arithmetic (a read corrected by review)', () => {
    expect(registerUseNote(gal('1222222', '1234567', '20'))).toBeNull();
  });

  it('groups digits, keeping decimals as written', () => {
    expect([groupDigits('1234567'), groupDigits('999'), groupDigits('1234.50'), groupDigits('0')]).toEqual(['1,234,567', '999', '1,234.50', '0']);
  });
});
