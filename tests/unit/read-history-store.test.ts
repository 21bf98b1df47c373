/**
 * The columnar read history (core/reads/history-store.ts): what a saved snapshot keeps of each
 * meter, that it reads back exactly (odd readings and usages included), and that its summaries are
 * validate.ts's summarizeHistory over the same reads.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { windowsOf } from '../../src-main/core/reads/history-snapshot';
import { HistoryStore, OLDER_THAN_ANY_NEW_READ, newestFirst, type StoredRead } from '../../src-main/core/reads/history-store';
import { READ_VALIDATION_DEFAULTS } from '../../src-main/core/reads/settings';
import { periodMinusMonths, summarizeHistory } from '../../src-main/core/reads/validate';

const read = (id: number, readDate: string, reading: string, usageHcf: string, extra: Partial<StoredRead> = {}): StoredRead => ({
  id,
  readDate,
  period: readDate.slice(0, 7),
  reading,
  usageHcf,
  estimated: false,
  baseline: false,
  ...extra,
});

const asSaved = (reads: StoredRead[]) => reads.map((item) => ({ ...item, id: OLDER_THAN_ANY_NEW_READ }));

describe('a saved read history', () => {
  const monthly = Array.from({ length: 16 }, (_, index) => read(index + 1, `${periodMinusMonths('2026-11', 16 - index)}-09`, String(1000 + index * 10), '10')).reverse();

  it('keeps each meter’s new read first, then its reads back to the horizon, never fewer than the newest few', () => {
    const store = HistoryStore.empty();
    store.setMeter(7, monthly, true);
    store.setMeter(8, monthly.slice(0, 2), true);
    const added = read(100, '2026-11-09', '1160', '10');
    const saved = HistoryStore.decode(store.encode({ keep: () => true, newest: new Map([[7, added]]), horizonDate: '2026-01-01', keepNewest: 4 }));
    // Meter 7: the new read, then the 10 reads dated 2026-01-09 … 2026-10-09; older ones trimmed, so no longer complete.
    expect(saved.readsOf(7)).toEqual(asSaved([added, ...monthly.filter((item) => item.readDate >= '2026-01-01')]));
    expect(saved.isComplete(7)).toBe(false);
    // Meter 8: two reads, both before the horizon, kept (fewer than 4) and still its whole history.
    expect(saved.readsOf(8)).toEqual(asSaved(monthly.slice(0, 2)));
    expect(saved.isComplete(8)).toBe(true);
  });

  it('merges a back-dated new read in date order and leaves out the meters it is told to', () => {
    const store = HistoryStore.empty();
    store.setMeter(1, monthly.slice(0, 3), true);
    store.setMeter(2, monthly.slice(0, 3), true);
    const backDated = read(200, '2026-09-20', '1145', '5');
    const saved = HistoryStore.decode(store.encode({ keep: (meterId) => meterId === 1, newest: new Map([[1, backDated]]), horizonDate: '2020-01-01', keepNewest: 4 }));
    expect(saved.readsOf(1).map((item) => item.readDate)).toEqual(['2026-10-09', '2026-09-20', '2026-09-09', '2026-08-09']);
    expect(saved.has(2)).toBe(false);
  });

  it('reads back odd readings and usages exactly', () => {
    const odd = [
      read(5, '2026-10-09', '001234', '12.3456', { estimated: true }),
      read(4, '2026-09-09', '99999999999', '-3'),
      read(3, '2026-08-09', '12.5', '0', { baseline: true, period: '2026-09' }),
    ];
    const store = HistoryStore.empty();
    store.setMeter(3, odd, true);
    const saved = HistoryStore.decode(store.encode({ keep: () => true, newest: new Map(), horizonDate: '2026-01-01', keepNewest: 4 }));
    expect(saved.readsOf(3)).toEqual(asSaved(odd));
  });

  it('refuses a BLOB that is not a snapshot or is cut short', () => {
    const store = HistoryStore.empty();
    store.setMeter(1, monthly, true);
    const blob = store.encode({ keep: () => true, newest: new Map(), horizonDate: '2026-01-01', keepNewest: 4 });
    expect(() => HistoryStore.decode(blob.subarray(0, blob.length - 10))).toThrow(/cut short/);
    expect(() => HistoryStore.decode(Buffer.from('not a snapshot at all'))).toThrow(/not a read history snapshot/);
  });
});

const USAGES = ['0', '9', '10', '12.3456', '-3'] as const;
const historyArbitrary = fc.array(
  fc.record({
    monthsBack: fc.integer({ min: 0, max: 28 }),
    day: fc.integer({ min: 1, max: 28 }),
    usageHcf: fc.constantFrom(...USAGES),
    estimated: fc.boolean(),
    baseline: fc.integer({ min: 0, max: 7 }).map((value) => value === 0),
    labelAhead: fc.integer({ min: 0, max: 4 }).map((value) => value === 0),
  }),
  { maxLength: 20 },
);

describe('a history summary from the columns', () => {
  it('is summarizeHistory over the meter’s reads before the period, with the period already read', () => {
    fc.assert(
      fc.property(historyArbitrary, fc.constantFrom(2, 6, 12, 24), fc.integer({ min: 2, max: 5 }), (generated, averagePeriods, repeatedUsePeriods) => {
        const settings = { ...READ_VALIDATION_DEFAULTS, averagePeriods, repeatedUsePeriods };
        const period = '2026-11';
        const reads = generated
          .map((item, index) => {
            const month = periodMinusMonths(period, item.monthsBack);
            return read(index + 1, `${month}-${String(item.day).padStart(2, '0')}`, String(1000 + index), item.usageHcf, {
              estimated: item.estimated,
              baseline: item.baseline,
              period: item.labelAhead ? periodMinusMonths(month, -1) : month,
            });
          })
          .sort(newestFirst);
        const store = HistoryStore.empty();
        store.setMeter(1, reads, true);
        const limit = Math.max(settings.repeatedUsePeriods - 1, settings.maxConsecutiveEstimates, 1) + 1;
        const windows = windowsOf(period, settings);
        const summary = store.summarize(1, windows, limit);
        const before = reads.filter((item) => item.period < period).map(({ id: _id, ...history }) => history);
        // The store's newest reads are looked up when read: compared as the plain reads they stand for.
        expect(JSON.parse(JSON.stringify(summary?.summary))).toEqual(summarizeHistory(before, period, settings));
        const readFor = reads.filter((item) => item.period >= period && item.readDate >= windows.recentFrom).map((item) => item.period).sort().pop() ?? null;
        expect(summary?.readFor).toBe(readFor);
      }),
      { numRuns: 300 },
    );
  });
});
