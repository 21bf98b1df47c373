/**
 * The SB 998 guard, rule by rule, on hand-counted dates (2026 calendar: Thanksgiving 26–27 Nov,
 * Christmas 25 Dec). The oldest unpaid bill fell due Tue 15 Sep 2026: 60 days later is Sat 14 Nov.
 */
import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../src-main/core/collections/calendar';
import { evaluateShutoff, refusalMessage, type ShutoffFacts } from '../../src-main/core/collections/guard';
import { seededHolidays } from '../../src-main/core/collections/holiday-seed';

const calendar: BusinessCalendar = { closedDates: new Set(seededHolidays(2026, 2027).map((day) => day.date)), fromYear: 2026, toYear: 2027 };
const schedule = { nonResidentialDaysDelinquent: 45, nonResidentialNoticeBusinessDays: 5 };

const facts = (over: Partial<ShutoffFacts> = {}): ShutoffFacts => ({
  accountId: 7,
  residential: true,
  oldestUnpaidDueDate: '2026-09-15',
  amountDelinquentCents: 18_240,
  holds: [],
  arrangements: [],
  notices: [{ kind: 'written_notice', noticeDate: '2026-11-20' }],
  ...over,
});

const blocking = (result: ReturnType<typeof evaluateShutoff>) => result.rules.filter((rule) => rule.blocks).map((rule) => [rule.rule, rule.lawfulFrom]);

describe('residential (SB 998)', () => {
  it('60 days delinquent and 7 business days after the notice: Thanksgiving pushes the notice date to 3 Dec', () => {
    const early = evaluateShutoff(calendar, schedule, facts(), '2026-12-02');
    expect(early).toMatchObject({ allowed: false, earliestLawfulDate: '2026-12-03', settingRule: 'notice_seven_business_days', daysDelinquent: 78 });
    expect(blocking(early)).toEqual([['notice_seven_business_days', '2026-12-03']]);
    expect(evaluateShutoff(calendar, schedule, facts(), '2026-12-03')).toMatchObject({ allowed: true, earliestLawfulDate: '2026-12-03' });
  });

  it('the 60 days set the date when the notice came early', () => {
    const result = evaluateShutoff(calendar, schedule, facts({ notices: [{ kind: 'phone_contact', noticeDate: '2026-10-01' }] }), '2026-11-13');
    expect(result).toMatchObject({ allowed: false, earliestLawfulDate: '2026-11-14', settingRule: 'sixty_days_delinquent', daysDelinquent: 59 });
    expect(blocking(result)).toEqual([['sixty_days_delinquent', '2026-11-14']]);
  });

  it('no notice since the bill fell due: no date can be set (a notice before the due date does not count)', () => {
    const result = evaluateShutoff(calendar, schedule, facts({ notices: [{ kind: 'written_notice', noticeDate: '2026-09-01' }, { kind: 'door_tag', noticeDate: '2026-11-02' }] }), '2026-12-15');
    expect(result).toMatchObject({ allowed: false, earliestLawfulDate: null, settingRule: 'notice_seven_business_days' });
  });

  it('never while an appeal or bill review is pending; the decision day is the first lawful one', () => {
    const open = evaluateShutoff(calendar, schedule, facts({ holds: [{ kind: 'appeal', startedOn: '2026-11-25', endedOn: null }] }), '2026-12-07');
    expect(open).toMatchObject({ allowed: false, earliestLawfulDate: null, settingRule: 'appeal_pending' });
    const decided = evaluateShutoff(calendar, schedule, facts({ holds: [{ kind: 'bill_review', startedOn: '2026-11-25', endedOn: '2026-12-10' }] }), '2026-12-07');
    expect(blocking(decided)).toEqual([['appeal_pending', '2026-12-10']]);
    expect(decided).toMatchObject({ earliestLawfulDate: '2026-12-10', settingRule: 'appeal_pending' });
    expect(evaluateShutoff(calendar, schedule, facts({ holds: [{ kind: 'bill_review', startedOn: '2026-11-25', endedOn: '2026-12-10' }] }), '2026-12-10').allowed).toBe(true);
  });

  it('never while a medical certificate, financial inability and an accepted arrangement all hold', () => {
    const protectedFacts = facts({
      holds: [
        { kind: 'medical_certificate', startedOn: '2026-11-01', endedOn: '2027-05-01' },
        { kind: 'financial_inability', startedOn: '2026-11-01', endedOn: null },
      ],
      arrangements: [{ acceptedOn: '2026-11-05', failedOn: null, completedOn: null }],
    });
    const result = evaluateShutoff(calendar, schedule, protectedFacts, '2026-12-15');
    expect(blocking(result)).toEqual([['medical_protection', '2027-05-01'], ['arrangement_active', null]]);
    expect(result).toMatchObject({ allowed: false, earliestLawfulDate: null, settingRule: 'arrangement_active' });
    // Two of the three are not protection: without the certificate only the kept arrangement holds.
    const twoOfThree = evaluateShutoff(calendar, schedule, { ...protectedFacts, holds: protectedFacts.holds.slice(1) }, '2026-12-15');
    expect(blocking(twoOfThree)).toEqual([['arrangement_active', null]]);
  });

  it('after a failed arrangement: 5 business days after a final notice posted since the failure', () => {
    const failed = facts({ arrangements: [{ acceptedOn: '2026-10-01', failedOn: '2026-12-01', completedOn: null }] });
    expect(evaluateShutoff(calendar, schedule, failed, '2026-12-14')).toMatchObject({ allowed: false, earliestLawfulDate: null, settingRule: 'failed_arrangement_final_notice' });
    // Posted Fri 4 Dec: Mon 7, Tue 8, Wed 9, Thu 10, Fri 11.
    const posted = { ...failed, notices: [...failed.notices, { kind: 'final_notice_posted' as const, noticeDate: '2026-11-30' }, { kind: 'final_notice_posted' as const, noticeDate: '2026-12-04' }] };
    const result = evaluateShutoff(calendar, schedule, posted, '2026-12-10');
    expect(blocking(result)).toEqual([['failed_arrangement_final_notice', '2026-12-11']]);
    expect(result.earliestLawfulDate).toBe('2026-12-11');
    expect(evaluateShutoff(calendar, schedule, posted, '2026-12-11').allowed).toBe(true);
  });

  it('every blocking rule is reported, and the refusal names each with its date', () => {
    const result = evaluateShutoff(calendar, schedule, facts({ oldestUnpaidDueDate: '2026-10-20', holds: [{ kind: 'appeal', startedOn: '2026-11-21', endedOn: '2026-12-31' }] }), '2026-12-01');
    expect(blocking(result)).toEqual([['sixty_days_delinquent', '2026-12-19'], ['notice_seven_business_days', '2026-12-03'], ['appeal_pending', '2026-12-31']]);
    expect(result).toMatchObject({ earliestLawfulDate: '2026-12-31', settingRule: 'appeal_pending' });
    const message = refusalMessage(result);
    expect(message).toContain('A shut-off on 2026-12-01 is not allowed. The earliest lawful shut-off date is 2026-12-31.');
    expect(message).toContain('[sixty_days_delinquent] — not before 2026-12-19');
    expect(message).toContain('[notice_seven_business_days] — not before 2026-12-03');
    expect(message).toContain('[appeal_pending] — not before 2026-12-31');
  });

  it('nothing past due: never', () => {
    expect(evaluateShutoff(calendar, schedule, facts({ oldestUnpaidDueDate: null, amountDelinquentCents: 0 }), '2026-12-15')).toMatchObject({ allowed: false, earliestLawfulDate: null, settingRule: 'sixty_days_delinquent' });
  });
});

describe("non-residential (the district's schedule)", () => {
  it('45 days and 5 business days after notice; no SB 998 medical or final-notice rule', () => {
    // Due 15 Sep + 45 = 30 Oct; notice Wed 28 Oct + 5: Thu 29, Fri 30, Mon 2, Tue 3, Wed 4 Nov.
    const business = facts({ residential: false, notices: [{ kind: 'written_notice', noticeDate: '2026-10-28' }], arrangements: [{ acceptedOn: '2026-10-01', failedOn: '2026-10-20', completedOn: null }] });
    const result = evaluateShutoff(calendar, schedule, business, '2026-11-03');
    expect(result.rules.map((rule) => rule.rule)).toEqual(['appeal_pending', 'arrangement_active', 'district_days_delinquent', 'district_notice']);
    expect(blocking(result)).toEqual([['district_notice', '2026-11-04']]);
    expect(evaluateShutoff(calendar, schedule, business, '2026-11-04')).toMatchObject({ allowed: true, earliestLawfulDate: '2026-11-04', settingRule: 'district_notice' });
  });
});
