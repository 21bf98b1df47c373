/**
 * Hostile text and envelopes through the dispatcher on a real office file: refused with the field
 * named, and nothing written (no customer, no audit record, no journal entry).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../src-shared/contract';
import { createTestOffice, TEST_PASSWORD, TEST_USERS, type TestOffice } from '../support/office';

let office: TestOffice;
beforeEach(async () => {
  office = await createTestOffice();
});
afterEach(() => office.cleanup());

const count = (table: string) => (office.runtime.database.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const counts = () => ({ customers: count('customers'), audit: count('audit_log'), journal: count('journal_entries') });

function newAccount(lastName: string, street = '1450 Sycamore Ave'): InputOf<'accounts.create'> {
  return {
    customer: { kind: 'person', firstName: 'Ana', lastName, primaryPhone: '(209) 555-0134', mailing: { street, city: 'Valle Verde', state: 'CA', zip: '95396' } },
    location: { street, city: 'Valle Verde', zip: '95396', route: 'R001', sequence: 1, cycle: 1 },
    services: [{ service: 'water', rateClass: 'residential' }],
    openedOn: '2026-11-02',
  };
}

describe('typed-in text through the dispatcher', () => {
  it('refuses a name with a right-to-left override (U+202E), naming the field, and writes nothing', async () => {
    const before = counts();
    const result = await office.as('clerk').call('accounts.create', newAccount('Ruiz\u202Egnp.exe'));
    expect(result).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'customer.lastName', message: 'customer.lastName: Last name contains a hidden text-direction character; retype it' },
    });
    expect(counts()).toEqual(before);
  });

  it('refuses NUL, a zero-width-only name and a line break in an address, each with its field', async () => {
    const before = counts();
    const cases: [InputOf<'accounts.create'>, string][] = [
      [newAccount('Ruiz\u0000'), 'customer.lastName'],
      [newAccount('\u200B\u200D'), 'customer.lastName'],
      [newAccount('Ruiz', '1450 Sycamore Ave\r\nApt 2'), 'customer.mailing.street'],
    ];
    for (const [input, field] of cases) {
      const result = await office.as('clerk').call('accounts.create', input);
      expect(result.ok ? undefined : result.error, field).toMatchObject({ code: 'INVALID_INPUT', field });
    }
    expect(counts()).toEqual(before);
  });

  it('keeps a multi-line contact note and refuses a control character in it', async () => {
    const account = await office.as('clerk').must('accounts.create', newAccount('Ruiz'));
    const added = await office.as('clerk').must('contacts.add', { accountId: account.accountId, channel: 'phone', subject: 'Leak', notes: 'Called back.\r\nWill visit Monday.' });
    expect(added.notes).toBe('Called back.\nWill visit Monday.');
    const before = counts();
    const refused = await office.as('clerk').call('contacts.add', { accountId: account.accountId, channel: 'phone', subject: 'Leak', notes: 'bell\u0007' });
    expect(refused.ok ? undefined : refused.error).toMatchObject({ code: 'INVALID_INPUT', field: 'notes' });
    expect(counts()).toEqual(before);
  });
});

describe('the request envelope through the dispatcher', () => {
  it('refuses an approval of the wrong types with a field error (no crash, no approval attempt, nothing written)', async () => {
    const before = counts();
    const result = await office.runtime.call({
      op: 'ledger.adjust',
      input: { entryId: randomUUID(), accountId: 1, amountCents: 500, reason: 'meter misread' },
      sessionToken: office.as('technician').token,
      idempotencyKey: randomUUID(),
      approval: { username: 1, password: 2 } as never,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'approval' } });
    const badToken = await office.runtime.call({ op: 'session.me', input: {}, sessionToken: { token: 'x' } as never });
    expect(badToken).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'sessionToken' } });
    expect(counts()).toEqual(before);
    // A well-formed approval still works.
    const account = await office.as('clerk').must('accounts.create', newAccount('Ruiz'));
    const approved = await office.as('technician').call(
      'ledger.adjust',
      { entryId: randomUUID(), accountId: account.accountId, amountCents: 500, reason: 'meter misread' },
      { approval: { username: TEST_USERS.supervisor, password: TEST_PASSWORD } },
    );
    expect(approved.ok).toBe(true);
  });
});
