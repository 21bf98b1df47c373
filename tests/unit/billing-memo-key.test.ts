import { describe, expect, it } from 'vitest';
import { memoKey } from '../../src-main/core/billing/draft';

/** A bill input as decide() builds it for the memo (every field that changes the bill). */
const input = () => ({
  period: { fromDate: '2026-10-09', toDate: '2026-11-09' },
  services: [
    { service: 'water', rateClass: 'residential', dwellingUnits: 1, meterSize: '3/4' },
    { service: 'wastewater', rateClass: 'residential', dwellingUnits: 1 },
  ],
  usageHcf: '13',
  estimated: false,
});

describe('the bill memo key (bills computed alike share one computation)', () => {
  it('is the same for the same inputs built separately', () => {
    expect(memoKey(input())).toBe(memoKey(input()));
  });

  it('differs when any field that changes the bill differs, however deep', () => {
    const base = memoKey(input());
    const variants = [
      { ...input(), usageHcf: '13.01' },
      { ...input(), estimated: true },
      { ...input(), winterAverageHcf: '6' },
      { ...input(), period: { fromDate: '2026-10-08', toDate: '2026-11-09' } },
      { ...input(), services: [input().services[0]!] },
      { ...input(), services: [{ ...input().services[0]!, meterSize: '1' }, input().services[1]!] },
      { ...input(), services: [input().services[0]!, { ...input().services[1]!, dwellingUnits: 2 }] },
      { ...input(), services: [input().services[0]!, { ...input().services[1]!, endedOn: '2026-11-01' }] },
      { ...input(), services: [...input().services].reverse() },
    ];
    const keys = variants.map(memoKey);
    for (const key of keys) expect(key).not.toBe(base);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('tells a number from the same digits as text, and absent from empty', () => {
    expect(memoKey({ units: 1 })).not.toBe(memoKey({ units: '1' }));
    expect(memoKey({ endedOn: undefined })).not.toBe(memoKey({ endedOn: '' }));
    expect(memoKey({ endedOn: null })).not.toBe(memoKey({ endedOn: 'null' }));
  });
});
