import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src-main/core/clock';
import type { AccountDetail } from '../../src-shared/contract/accounts';
import { createTestOffice, type TestOffice } from '../support/office';

/** A clock the test moves forward, so contacts get distinct times. */
const clock = { now: '2026-11-02T17:00:00.000Z', nowIso() { return this.now; }, today() { return this.now.slice(0, 10); } } satisfies Clock & { now: string };

let office: TestOffice;
let account: AccountDetail;
beforeEach(async () => {
  clock.now = '2026-11-02T17:00:00.000Z';
  office = await createTestOffice({ clock });
  account = await office.as('clerk').must('accounts.create', {
    customer: { kind: 'person', firstName: 'Wei', lastName: 'Chen', mailing: { street: '5 Elm St', city: 'Valle Verde', state: 'CA', zip: '95396' } },
    location: { street: '5 Elm St', city: 'Valle Verde', zip: '95396', route: 'R001', sequence: 10, cycle: 1 },
    services: [{ service: 'water', rateClass: 'residential' }],
    openedOn: '2026-11-02',
  });
});
afterEach(() => office.cleanup());

describe('the contact log', () => {
  it('logs contacts with who took them, lists newest first, and counts open follow-ups', async () => {
    const call = await office.as('clerk').must('contacts.add', {
      accountId: account.accountId,
      channel: 'phone',
      contactName: 'Wei Chen',
      subject: 'High bill question',
      notes: 'Asked why October was 31 HCF; offered a leak check.',
      followUpDue: '2026-11-09',
    });
    expect(call).toEqual({
      contactId: expect.any(Number),
      accountId: account.accountId,
      at: '2026-11-02T17:00:00.000Z',
      byUser: 'Carla Clerk',
      channel: 'phone',
      contactName: 'Wei Chen',
      subject: 'High bill question',
      notes: 'Asked why October was 31 HCF; offered a leak check.',
      followUpDue: '2026-11-09',
      followUpDoneAt: null,
    });
    clock.now = '2026-11-03T18:30:00.000Z';
    const visit = await office.as('technician').must('contacts.add', { accountId: account.accountId, channel: 'field', subject: 'Leak check at meter' });
    expect(visit).toMatchObject({ byUser: 'Tomas Technician', contactName: '', notes: '', followUpDue: null });

    const log = await office.as('clerk').must('contacts.list', { accountId: account.accountId });
    expect(log.map((contact) => contact.subject)).toEqual(['Leak check at meter', 'High bill question']);
    expect((await office.as('clerk').must('accounts.get', { accountId: account.accountId })).openFollowUps).toBe(1);
  });

  it('completes a follow-up once, and refuses contacts without one', async () => {
    const call = await office.as('clerk').must('contacts.add', { accountId: account.accountId, channel: 'counter', subject: 'Payment arrangement request', followUpDue: '2026-11-05' });
    const note = await office.as('clerk').must('contacts.add', { accountId: account.accountId, channel: 'email', subject: 'Copy of last bill' });
    clock.now = '2026-11-05T20:00:00.000Z';
    const done = await office.as('supervisor').must('contacts.completeFollowUp', { contactId: call.contactId });
    expect(done).toMatchObject({ contactId: call.contactId, followUpDue: '2026-11-05', followUpDoneAt: '2026-11-05T20:00:00.000Z', byUser: 'Carla Clerk' });
    const doneBy = office.runtime.database.sqlite.prepare('SELECT u.username FROM contacts k JOIN users u ON u.id = k.follow_up_done_by_user_id WHERE k.id = ?').pluck().get(call.contactId);
    expect(doneBy).toBe('sofia');
    expect((await office.as('clerk').must('accounts.get', { accountId: account.accountId })).openFollowUps).toBe(0);

    const again = await office.as('clerk').call('contacts.completeFollowUp', { contactId: call.contactId });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'contactId' } });
    expect(!again.ok && again.error.message).toContain('already completed');
    const none = await office.as('clerk').call('contacts.completeFollowUp', { contactId: note.contactId });
    expect(none).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'This contact has no follow-up to complete' } });
    expect(await office.as('clerk').call('contacts.completeFollowUp', { contactId: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'contactId' } });
  });

  it('refuses unknown accounts and bad input', async () => {
    const clerk = office.as('clerk');
    expect(await clerk.call('contacts.add', { accountId: 999, channel: 'phone', subject: 'Hello' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'accountId' } });
    expect(await clerk.call('contacts.list', { accountId: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'accountId' } });
    expect(await clerk.call('contacts.add', { accountId: account.accountId, channel: 'phone', subject: '  ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'subject' } });
    expect(await clerk.call('contacts.add', { accountId: account.accountId, channel: 'phone', subject: 'Call', followUpDue: '2026-02-30' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'followUpDue' } });
    expect(await clerk.call('contacts.add', { accountId: account.accountId, channel: 'fax' as never, subject: 'Call' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'channel' } });
    expect(await clerk.must('contacts.list', { accountId: account.accountId })).toEqual([]);
  });
});
