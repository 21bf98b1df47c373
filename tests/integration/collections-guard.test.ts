/**
 * The SB 998 guard through the operations: the holiday calendar the migration seeds and the
 * district edits, holds / arrangements / notices recorded and never deleted, and a shut-off
 * order refused by workOrders.create itself, naming each rule and the earliest lawful date.
 * Charges are ledger adjustments, due the day they post (open items' rule for non-bill charges).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { seededHolidays } from '../../src-main/core/collections/holiday-seed';
import { SEEDED_YEARS } from '../../src-main/core/collections/holidays';
import type { TestOffice } from '../support/office';
import { accountsOfClass, collectionsOffice, post } from './collections-support';

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

async function refusal(o: TestOffice, accountId: number, scheduledFor: string) {
  const result = await o.as('technician').call('workOrders.create', { accountId, type: 'shutoff', scheduledFor });
  if (result.ok) throw new Error(`a shut-off on ${scheduledFor} was scheduled`);
  return result.error;
}

describe('the holiday calendar', () => {
  it('migration 0021 seeds exactly what date-holidays gives for the span', async () => {
    ({ office } = await collectionsOffice());
    const rows = office.runtime.database.sqlite.prepare("SELECT date, name, observed FROM holidays WHERE source = 'seeded' ORDER BY date").all() as { date: string; name: string; observed: number }[];
    expect(rows.map((row) => ({ ...row, observed: row.observed === 1 }))).toEqual(seededHolidays(SEEDED_YEARS.fromYear, SEEDED_YEARS.toYear));
  });

  it('a supervisor adds and removes a district closure; the lawful date moves with it; nothing is deleted', async () => {
    const setup = await collectionsOffice('2026-10-01');
    office = setup.office;
    const [accountId] = accountsOfClass(office, ['residential']);
    await post(office, accountId!, 12_000);
    setup.clock.set('2026-12-15');
    await office.as('technician').must('collections.recordNotice', { accountId: accountId!, kind: 'written_notice', noticeDate: '2026-12-15' });
    // Tue 15 Dec + 7: Wed 16, Thu 17, Fri 18, Mon 21, Tue 22, Wed 23, Thu 24.
    expect((await office.as('clerk').must('collections.shutoffEligibility', { accountId: accountId! })).earliestLawfulDate).toBe('2026-12-24');

    const clerkAdd = await office.as('clerk').call('holidays.add', { date: '2026-12-24', name: 'Christmas Eve' });
    expect(clerkAdd.ok || clerkAdd.error.code).toBe('FORBIDDEN');
    const eve = await office.as('supervisor').must('holidays.add', { date: '2026-12-24', name: 'Christmas Eve' });
    expect(eve).toMatchObject({ date: '2026-12-24', source: 'district', observed: false, removedAt: null });
    // Thu 24 and Fri 25 closed: Mon 28.
    expect((await office.as('clerk').must('collections.shutoffEligibility', { accountId: accountId! })).earliestLawfulDate).toBe('2026-12-28');
    const twice = await office.as('supervisor').call('holidays.add', { date: '2026-12-25', name: 'Navidad' });
    expect(twice.ok || [twice.error.code, twice.error.field]).toEqual(['CONFLICT', 'date']);

    await office.as('supervisor').must('holidays.remove', { holidayId: eve.holidayId });
    expect((await office.as('clerk').must('collections.shutoffEligibility', { accountId: accountId! })).earliestLawfulDate).toBe('2026-12-24');
    const december = await office.as('clerk').must('holidays.list', { fromDate: '2026-12-01', toDate: '2026-12-31', includeRemoved: true });
    expect(december.map((day) => [day.date, day.name, day.removedAt !== null])).toEqual([
      ['2026-12-24', 'Christmas Eve', true],
      ['2026-12-25', 'Christmas Day', false],
    ]);
    const db = office.runtime.database.sqlite;
    expect(() => db.prepare('DELETE FROM holidays WHERE id = ?').run(eve.holidayId)).toThrow('holidays are never deleted');
    expect(() => db.prepare("UPDATE holidays SET date = '2026-12-23' WHERE id = ?").run(eve.holidayId)).toThrow('a holiday changes only by being removed');
    const outside = await office.as('supervisor').call('holidays.add', { date: '2050-01-03', name: 'Too far' });
    expect(outside.ok || [outside.error.code, outside.error.field]).toEqual(['INVALID_INPUT', 'date']);
  });
});

describe('a residential shut-off', () => {
  it('is refused by the operation for each rule, with its name and the earliest lawful date, until every rule allows it', async () => {
    const setup = await collectionsOffice('2026-09-15');
    office = setup.office;
    const tech = office.as('technician');
    const [accountId] = accountsOfClass(office, ['residential']);
    await post(office, accountId!, 18_240);

    // Day 50: too early, and no notice yet.
    setup.clock.set('2026-11-04');
    let error = await refusal(office, accountId!, '2026-11-04');
    expect(error).toMatchObject({ code: 'CONFLICT', field: 'scheduledFor' });
    expect(error.message).toContain('No lawful shut-off date can be set yet.');
    expect(error.message).toContain('[sixty_days_delinquent] — not before 2026-11-14');
    expect(error.message).toContain('[notice_seven_business_days]: No written notice or phone contact');

    // Notice Fri 20 Nov: 7 business days over Thanksgiving is Thu 3 Dec.
    setup.clock.set('2026-11-20');
    const notice = await tech.must('collections.recordNotice', { accountId: accountId!, kind: 'written_notice', noticeDate: '2026-11-20' });
    expect(notice).toMatchObject({ amountDelinquentCents: 18_240, createdBy: 'Tomas Technician' });
    error = await refusal(office, accountId!, '2026-12-02');
    expect(error.message).toMatch(/^A shut-off on 2026-12-02 is not allowed\. The earliest lawful shut-off date is 2026-12-03\. .*\[notice_seven_business_days\] — not before 2026-12-03/);
    expect(error.message).not.toContain('sixty_days_delinquent');

    // An appeal filed: no shut-off while it is pending, whatever the date.
    setup.clock.set('2026-11-23');
    const appeal = await tech.must('collections.addHold', { accountId: accountId!, kind: 'appeal', startedOn: '2026-11-23' });
    error = await refusal(office, accountId!, '2026-12-10');
    expect(error.message).toContain('No lawful shut-off date can be set yet.');
    expect(error.message).toContain('[appeal_pending]');
    // Decided on 8 Dec (recorded ahead): the shut-off may follow from that day.
    await tech.must('collections.endHold', { holdId: appeal.holdId, endedOn: '2026-12-08', notes: 'appeal denied' });
    error = await refusal(office, accountId!, '2026-12-07');
    expect(error.message).toContain('The earliest lawful shut-off date is 2026-12-08.');
    expect(error.message).toContain('[appeal_pending] — not before 2026-12-08');

    // Medical certificate, WIC and an arrangement: protected, and the arrangement holds it too.
    await tech.must('collections.addHold', { accountId: accountId!, kind: 'medical_certificate', startedOn: '2026-11-23', endedOn: '2027-05-23' });
    await tech.must('collections.addHold', { accountId: accountId!, kind: 'financial_inability', program: 'wic', startedOn: '2026-11-23' });
    const arrangement = await tech.must('collections.recordArrangement', { accountId: accountId!, kind: 'amortization', acceptedOn: '2026-11-23', totalCents: 18_240 });
    error = await refusal(office, accountId!, '2026-12-10');
    expect(error.message).toContain('[medical_protection] — not before 2027-05-23');
    expect(error.message).toContain('[arrangement_active]');

    // The arrangement fails (60+ days out of compliance): a final notice must be posted, then 5 business days.
    setup.clock.set('2027-02-01');
    await tech.must('collections.endArrangement', { arrangementId: arrangement.arrangementId, status: 'failed', on: '2027-02-01' });
    error = await refusal(office, accountId!, '2027-02-05');
    expect(error.message).toContain('[failed_arrangement_final_notice]: The arrangement failed 2027-02-01; no final notice posted');
    await tech.must('collections.recordNotice', { accountId: accountId!, kind: 'final_notice_posted', noticeDate: '2027-02-01' });
    // Mon 1 Feb + 5: Tue 2, Wed 3, Thu 4, Fri 5, Mon 8 (no February holiday before the 15th).
    const eligibility = await office.as('clerk').must('collections.shutoffEligibility', { accountId: accountId!, date: '2027-02-05' });
    expect(eligibility).toMatchObject({ allowed: false, earliestLawfulDate: '2027-02-08', settingRule: 'failed_arrangement_final_notice', daysDelinquent: 143, amountDelinquentCents: 18_240 });
    expect((await refusal(office, accountId!, '2027-02-05')).message).toContain('The earliest lawful shut-off date is 2027-02-08.');

    const order = await tech.must('workOrders.create', { accountId: accountId!, type: 'shutoff', scheduledFor: '2027-02-08', notes: 'Meter at the left of the driveway' });
    expect(order).toMatchObject({ type: 'shutoff', status: 'open', scheduledFor: '2027-02-08', accountId });
    const again = await tech.call('workOrders.create', { accountId: accountId!, type: 'shutoff', scheduledFor: '2027-02-09' });
    expect(again.ok || again.error.message).toContain(`Work order ${order.workOrderId} already orders a shut-off`);

    // Completed: counted in the year's residential shut-offs.
    setup.clock.set('2027-02-08');
    await tech.must('workOrders.setStatus', { workOrderId: order.workOrderId, status: 'completed' });
    expect(await office.as('clerk').must('collections.shutoffCounts', { fromYear: 2026, toYear: 2027 })).toEqual([{ year: 2027, residential: 1, nonResidential: 0 }]);
    const turnOn = await tech.must('workOrders.create', { accountId: accountId!, type: 'turn_on' });
    expect(turnOn).toMatchObject({ type: 'turn_on', scheduledFor: '2027-02-08' });
  });

  it('a payment that clears what is past due makes it unlawful again; multi-family counts as residential', async () => {
    const setup = await collectionsOffice('2026-09-15');
    office = setup.office;
    const [landlord] = accountsOfClass(office, ['multi_family']);
    await post(office, landlord!, 50_000);
    setup.clock.set('2026-11-20');
    await office.as('technician').must('collections.recordNotice', { accountId: landlord!, kind: 'phone_contact', noticeDate: '2026-11-20' });
    setup.clock.set('2026-12-03');
    expect(await office.as('clerk').must('collections.shutoffEligibility', { accountId: landlord! })).toMatchObject({ residential: true, allowed: true, earliestLawfulDate: '2026-12-03' });
    await post(office, landlord!, -50_000);
    const error = await refusal(office, landlord!, '2026-12-03');
    expect(error.message).toContain('[sixty_days_delinquent]: Nothing is owed past due');
  });

  it('refuses a shut-off scheduled in the past, facts dated ahead, ending a hold twice; holds are never deleted', async () => {
    const setup = await collectionsOffice('2026-11-02');
    office = setup.office;
    const tech = office.as('technician');
    const [accountId] = accountsOfClass(office, ['residential']);
    const past = await tech.call('workOrders.create', { accountId: accountId!, type: 'shutoff', scheduledFor: '2026-11-01' });
    expect(past.ok || [past.error.code, past.error.field]).toEqual(['INVALID_INPUT', 'scheduledFor']);
    const ahead = await tech.call('collections.recordNotice', { accountId: accountId!, kind: 'written_notice', noticeDate: '2026-11-03' });
    expect(ahead.ok || [ahead.error.code, ahead.error.field]).toEqual(['INVALID_INPUT', 'noticeDate']);
    const noProgram = await tech.call('collections.addHold', { accountId: accountId!, kind: 'financial_inability', startedOn: '2026-11-02' });
    expect(noProgram.ok || [noProgram.error.code, noProgram.error.field]).toEqual(['INVALID_INPUT', 'program']);
    const clerkHold = await office.as('clerk').call('collections.addHold', { accountId: accountId!, kind: 'appeal', startedOn: '2026-11-02' });
    expect(clerkHold.ok || clerkHold.error.code).toBe('FORBIDDEN');
    const hold = await tech.must('collections.addHold', { accountId: accountId!, kind: 'bill_review', startedOn: '2026-11-02' });
    await tech.must('collections.endHold', { holdId: hold.holdId, endedOn: '2026-11-10' });
    const twice = await tech.call('collections.endHold', { holdId: hold.holdId, endedOn: '2026-11-12' });
    expect(twice.ok || twice.error.code).toBe('CONFLICT');
    const db = office.runtime.database.sqlite;
    expect(() => db.prepare('DELETE FROM collection_holds').run()).toThrow('never deleted');
    expect(() => db.prepare("UPDATE collection_holds SET ended_on = '2026-11-20'").run()).toThrow('changes only by being ended, once');
    const audit = await office.as('supervisor').must('audit.recent', { limit: 5 });
    expect(audit.map((row) => row.sentence)).toContainEqual(expect.stringMatching(/^Tomas Technician ended the bill review \(hold 1\) on 2026-11-10 on account T000000/));
  });
});

describe('a non-residential shut-off', () => {
  it("follows the district's schedule (a setting), with no SB 998 rule", async () => {
    const setup = await collectionsOffice('2026-09-15');
    office = setup.office;
    const [store] = accountsOfClass(office, ['commercial']);
    await post(office, store!, 75_000);
    setup.clock.set('2026-10-28');
    await office.as('technician').must('collections.recordNotice', { accountId: store!, kind: 'written_notice', noticeDate: '2026-10-28' });
    // Due 15 Sep + 45 = 30 Oct; Wed 28 Oct + 5 business days = Wed 4 Nov.
    const eligibility = await office.as('clerk').must('collections.shutoffEligibility', { accountId: store!, date: '2026-11-03' });
    expect(eligibility).toMatchObject({ residential: false, allowed: false, earliestLawfulDate: '2026-11-04', settingRule: 'district_notice' });
    expect(eligibility.rules.map((rule) => rule.rule)).toEqual(['appeal_pending', 'arrangement_active', 'district_days_delinquent', 'district_notice']);
    office.runtime.database.sqlite.prepare("INSERT INTO settings (key, value_json) VALUES ('collectionsNonResidentialDaysDelinquent', '60')").run();
    expect((await office.as('clerk').must('collections.shutoffEligibility', { accountId: store!, date: '2026-11-03' })).earliestLawfulDate).toBe('2026-11-14');
  });
});
