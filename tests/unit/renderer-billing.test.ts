/** The Billing screens' pure parts: default run dates, the comparison, an explanation's arithmetic, tier ranges, refused-document problems. */
import { describe, expect, it } from 'vitest';
import {
  addDaysIso, defaultRunDates, dollars, percentChange, prorationText, rateProblems, readsPageFor, scheduleInForce, signedCents,
  signedCount, termArithmetic, tierRanges, usageSplitText, wasRounded,
} from '../../src-renderer/billing/billingFormat';

describe('new run defaults', () => {
  it('this month, bills dated today, due 20 days later across a month and a year end', () => {
    expect(defaultRunDates('2026-11-26')).toEqual({ period: '2026-11', billDate: '2026-11-26', dueDate: '2026-12-16' });
    expect(defaultRunDates('2026-12-20')).toEqual({ period: '2026-12', billDate: '2026-12-20', dueDate: '2027-01-09' });
  });
  it('adds days on the calendar, leap day included', () => {
    expect(addDaysIso('2028-02-20', 9)).toBe('2028-02-29');
    expect(addDaysIso('2027-02-20', 9)).toBe('2027-03-01');
    expect(addDaysIso('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('comparison with the last run', () => {
  it('percent change to one decimal with its sign', () => {
    // $8,905.20 against $8,700.00: 205.20 / 8700 = 2.3586% → +2.4%
    expect(percentChange(890_520, 870_000)).toBe('+2.4%');
    // 52 bills against 53: -1/53 = -1.8868% → -1.9%
    expect(percentChange(52, 53)).toBe('-1.9%');
    expect(percentChange(100, 100)).toBe('0.0%');
    expect(percentChange(200, 100)).toBe('+100.0%');
  });
  it('rounds half away from zero both ways', () => {
    // 1/2000 = 0.05% exactly
    expect(percentChange(2001, 2000)).toBe('+0.1%');
    expect(percentChange(1999, 2000)).toBe('-0.1%');
    // 0.04% rounds to zero and carries no sign
    expect(percentChange(2500 + 1, 2500)).toBe('0.0%');
  });
  it('says nothing when there was nothing before', () => {
    expect(percentChange(12_345, 0)).toBe('—');
  });
  it('signed counts and amounts', () => {
    expect(signedCount(3)).toBe('+3');
    expect(signedCount(-1_204)).toBe('-1,204');
    expect(signedCount(0)).toBe('0');
    expect(signedCents(20_520)).toBe('+$205.20');
    expect(signedCents(-1_200)).toBe('-$12.00');
    expect(signedCents(0)).toBe('$0.00');
  });
});

describe('explain this bill', () => {
  it('keeps every significant decimal of a rate, at least cents, and groups thousands', () => {
    expect(dollars('4.9000')).toBe('$4.90');
    expect(dollars('0.003271')).toBe('$0.003271');
    expect(dollars('1631.33')).toBe('$1,631.33');
    expect(dollars('-51.45')).toBe('-$51.45');
    expect(dollars('12')).toBe('$12.00');
  });
  it('one multiplication per term, in the unit it counts', () => {
    expect(termArithmetic({ label: '1–10 HCF', quantity: '10', unit: 'HCF', rate: '4.9000', amount: '49' })).toBe('10 HCF × $4.90 = $49.00');
    expect(termArithmetic({ label: 'Service charge', quantity: '1', unit: 'month', rate: '48.94', amount: '48.94' })).toBe('1 month × $48.94 = $48.94');
    expect(termArithmetic({ label: 'Units', quantity: '4', unit: 'dwelling unit', rate: '41.85', amount: '167.4' })).toBe('4 dwelling units × $41.85 = $167.40');
    expect(termArithmetic({ label: 'Late charge', quantity: '10', unit: 'percent', rate: '12.00', amount: '1.2' })).toBe('10% × $12.00 = $1.20');
  });
  it('proration and a usage split in words, nothing for a whole month', () => {
    expect(prorationText({ proration: { days: 12, periodDays: 30 } })).toBe('prorated 12 of 30 days');
    expect(prorationText({ proration: null })).toBeNull();
    expect(usageSplitText({ usageSplit: { wholeUsageHcf: '13', days: 18, servedDays: 31 } })).toBe('the 18 of 31 days at these rates, of 13 HCF used');
    expect(usageSplitText({ usageSplit: null })).toBeNull();
  });
  it('says a line was rounded only when the exact amount has more than cents', () => {
    // 10 × 5.145 + 1 × 10.0275 = 61.4775 → $61.48
    expect(wasRounded('61.4775', 6_148)).toBe(true);
    expect(wasRounded('38.55', 3_855)).toBe(false);
    expect(wasRounded('38.5500', 3_855)).toBe(false);
    expect(wasRounded('49', 4_900)).toBe(false);
    expect(wasRounded('-12.50', -1_250)).toBe(false);
  });
});

describe('rates', () => {
  it('tiers as ranges of use', () => {
    expect(tierRanges([{ upToHcf: '10', ratePerHcf: '4.90' }, { upToHcf: '30', ratePerHcf: '9.55' }, { upToHcf: null, ratePerHcf: '11.20' }])).toEqual(['0–10 HCF', '10–30 HCF', 'Over 30 HCF']);
    expect(tierRanges([{ upToHcf: null, ratePerHcf: '6.15' }])).toEqual(['All use']);
  });
  it('the schedule in force on a day: the latest started, unless it already ended', () => {
    const schedules = [{ effectiveFrom: '2026-01-01' }, { effectiveFrom: '2026-07-01' }, { effectiveFrom: '2027-01-01' }];
    expect(scheduleInForce(schedules, '2026-11-26')).toBe(schedules[1]);
    expect(scheduleInForce(schedules, '2026-07-01')).toBe(schedules[1]);
    expect(scheduleInForce(schedules, '2026-06-30')).toBe(schedules[0]);
    expect(scheduleInForce(schedules, '2025-12-31')).toBeUndefined();
    const ended = [{ effectiveFrom: '2026-01-01' }, { effectiveFrom: '2026-07-01', effectiveThrough: '2026-08-31' }];
    expect(scheduleInForce(ended, '2026-09-01')).toBeUndefined();
  });
  it('the problems of a refused document, each with its JSON path', () => {
    const message =
      'The rate document was refused: schedules[0].water.classes.residential.tiers[1].ratePerHcf: A rate in dollars must be a decimal string in quotes, like "4.9000" (a JSON number could lose digits); schedules[1].effectiveFrom: Overlaps schedule 0 ("2026 rates"), which also starts 2026-01-01; and 2 more';
    expect(rateProblems(message)).toEqual([
      { path: 'schedules[0].water.classes.residential.tiers[1].ratePerHcf', message: 'A rate in dollars must be a decimal string in quotes, like "4.9000" (a JSON number could lose digits)' },
      { path: 'schedules[1].effectiveFrom', message: 'Overlaps schedule 0 ("2026 rates"), which also starts 2026-01-01' },
      { path: '', message: 'and 2 more' },
    ]);
    expect(rateProblems('The rate document was refused: (document): Not valid JSON at line 4, column 12: Unexpected token')).toEqual([
      { path: '', message: 'Not valid JSON at line 4, column 12: Unexpected token' },
    ]);
    expect(rateProblems('The rate document was refused: schedules[0].fees["LATE"]: bad; really bad')).toEqual([{ path: 'schedules[0].fees["LATE"]', message: 'bad; really bad' }]);
    expect(rateProblems('Only a supervisor can do this')).toEqual([{ path: '', message: 'Only a supervisor can do this' }]);
  });
});

describe('not billed', () => {
  it('sends read-related blocks to the meter-read page that works them', () => {
    expect(readsPageFor('Open read exception: High use: 22 HCF')).toBe('review');
    expect(readsPageFor('The read is still under review')).toBe('review');
    expect(readsPageFor('No read for 2026-11 (unread meter)')).toBe('unread');
    expect(readsPageFor('The account has no services to bill')).toBeNull();
  });
});
