import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDetail, CustomerInput } from '../../src-shared/contract/accounts';
import { rebuildSearchIndex } from '../../src-main/core/accounts';
import { createTestOffice, type TestOffice } from '../support/office';

let office: TestOffice;
const accounts: Record<'maria' | 'john' | 'sierra' | 'luis', AccountDetail> = {} as never;

const mailing = { street: 'PO Box 1', city: 'Valle Verde', state: 'CA', zip: '95396' };

async function open(customer: CustomerInput, street: string, serial: string): Promise<AccountDetail> {
  return office.as('clerk').must('accounts.create', {
    customer,
    location: { street, city: 'Valle Verde', zip: '95396', route: 'R001', sequence: 10, cycle: 1 },
    meter: { serial, size: '5/8', dials: 6, unit: 'HCF', installedOn: '2026-01-05' },
    services: [{ service: 'water', rateClass: 'residential' }],
    openedOn: '2026-01-05',
  });
}

beforeAll(async () => {
  office = await createTestOffice();
  accounts.maria = await open(
    { kind: 'person', firstName: 'María', lastName: 'López', primaryPhone: '(209) 555-0134', mailing },
    '1450 Sycamore Ave',
    'MTR-0012',
  );
  accounts.john = await open(
    { kind: 'person', firstName: 'John', lastName: "O'Brien", primaryPhone: '209.555.7788', mailing },
    '22 Oak St',
    'BD-778899',
  );
  accounts.sierra = await open(
    { kind: 'business', businessName: 'Sierra Hardware', firstName: 'Ana', lastName: 'Ruiz', primaryPhone: '2095550199', altPhone: '(916) 555-2020', mailing },
    '900 Main St',
    'SN12345678',
  );
  accounts.luis = await open({ kind: 'person', firstName: 'Luis', lastName: 'Lopez', mailing }, '77 Oak Ave', 'NP-4401');
  // Closing an account is another operation's work; here the row is closed directly.
  office.runtime.database.sqlite.prepare("UPDATE accounts SET status = 'closed', closed_on = '2026-06-30' WHERE id = ?").run(accounts.luis.accountId);
});
afterAll(() => office.cleanup());

async function numbersFound(query: string, includeClosed = true): Promise<string[]> {
  const hits = await office.as('clerk').must('accounts.search', { query, includeClosed });
  return hits.map((hit) => hit.accountNumber);
}

describe('accounts.search', () => {
  it('returns everything a counter lookup shows, with the balance', async () => {
    await office.as('supervisor').must('ledger.adjust', {
      entryId: '0e8c6f1a-4d2b-4b7e-8a9c-1d2e3f4a5b6c',
      accountId: accounts.sierra.accountId,
      amountCents: -2_550,
      reason: 'Credit for a duplicate payment',
    });
    const [hit] = await office.as('clerk').must('accounts.search', { query: 'sierra hard' });
    expect(hit).toEqual({
      accountId: accounts.sierra.accountId,
      accountNumber: '000003-01',
      customerName: 'Sierra Hardware',
      serviceAddress: '900 Main St, Valle Verde',
      status: 'active',
      balanceCents: -2_550,
      meterSerials: ['SN12345678'],
      phone: '2095550199',
    });
  });

  it.each([
    ['a surname prefix, accents ignored', 'lop', ['000001-01', '000004-01']],
    ['a surname with its accent', 'López', ['000001-01', '000004-01']],
    ['surname and first name', 'lopez mar', ['000001-01']],
    ['surname and first initial', 'lopez m', ['000001-01']],
    ['first initial, then surname, in capitals', 'M LÓPEZ', ['000001-01']],
    ['an initial that starts the surname itself', 'lopez l', ['000001-01', '000004-01']],
    ['a street and one digit of the house number', 'oak 2', ['000002-01']],
    ['a street name', 'sycamore', ['000001-01']],
    ['house number and street', '1450 syc', ['000001-01']],
    ['a street shared by two accounts', 'oak', ['000002-01', '000004-01']],
    ['the account number as printed', '000002-01', ['000002-01']],
    ['the account number run together', '00000201', ['000002-01']],
    ['the account number without leading zeros', '2-01', ['000002-01']],
    ['a meter serial', 'MTR-0012', ['000001-01']],
    ['a meter serial without its dash', 'mtr0012', ['000001-01']],
    ['the end of a serial', '778899', ['000002-01']],
    ['a phone as the local number', '555-0134', ['000001-01']],
    ['a phone as seven digits', '5550134', ['000001-01']],
    ['a phone with area code', '(209) 555-0134', ['000001-01']],
    ['a phone with dashes', '209-555-0134', ['000001-01']],
    ['a phone as ten digits', '2095550134', ['000001-01']],
    ['a phone stored with dots', '555-7788', ['000002-01']],
    ['a phone stored without punctuation', '555-0199', ['000003-01']],
    ['an alternate phone', '916 555 2020', ['000003-01']],
    ['a name with an apostrophe, typed without', 'obrien', ['000002-01']],
    ['a name with an apostrophe', "o'brien", ['000002-01']],
    ['a business name', 'hardware', ['000003-01']],
    ["a business's contact person", 'ruiz', ['000003-01']],
  ])('finds by %s (%s)', async (_label, query, expected) => {
    expect((await numbersFound(query)).sort()).toEqual(expected);
  });

  it('leaves closed accounts out when asked', async () => {
    expect(await numbersFound('lopez', false)).toEqual(['000001-01']);
    expect(await numbersFound('NP-4401', false)).toEqual([]);
    expect(await numbersFound('NP-4401', true)).toEqual(['000004-01']);
  });

  it('honours the limit', async () => {
    expect(await office.as('clerk').must('accounts.search', { query: 'oak', limit: 1 })).toHaveLength(1);
  });

  it.each(['', '   ', '-', '*', '"', '""', '( )', '^', '-- *'])('finds nothing for blank or punctuation-only text %j', async (query) => {
    expect(await numbersFound(query)).toEqual([]);
  });

  it.each([
    'oak"',
    '"oak',
    'oak*',
    'oak AND',
    'AND',
    'OR oak',
    'NOT',
    'NEAR(',
    'NEAR(oak st)',
    'oak -st',
    'customer_name:lopez',
    '{account_number}: 1',
    "l'op",
    'a"b"c',
    '+oak',
    'oak^',
  ])('never lets user text become FTS syntax: %j', async (query) => {
    const result = await office.as('clerk').call('accounts.search', { query });
    expect(result.ok).toBe(true);
  });

  it('treats operator words and column filters as plain words', async () => {
    // Were "OR" an operator, this would find every account on Oak; as a word it finds none.
    expect(await numbersFound('oak OR lopez')).toEqual([]);
    // Were "customer_name:" a column filter, this would find López; as words it needs "customer" and "name" too.
    expect(await numbersFound('customer_name:lopez')).toEqual([]);
    expect((await numbersFound('"oak')).sort()).toEqual(['000002-01', '000004-01']);
  });

  it('rebuilds the index to exactly the rows kept up one account at a time', async () => {
    const db = office.runtime.database.sqlite;
    const snapshot = () => db.prepare('SELECT rowid, * FROM account_search ORDER BY rowid').all();
    const incremental = snapshot();
    expect(incremental).toHaveLength(4);
    expect(rebuildSearchIndex(db)).toBe(4);
    expect(snapshot()).toEqual(incremental);
  });
});

describe('accounts.search ranking', () => {
  it('ranks an account-number match above an earlier account matching the same text in a phone', async () => {
    const own = await createTestOffice();
    try {
      const clerk = own.as('clerk');
      const location = { street: '1 Elm St', city: 'Valle Verde', zip: '95396', route: 'R001', sequence: 10, cycle: 1 };
      const services = [{ service: 'water' as const, rateClass: 'residential' as const }];
      // The first account's phone as digits ("0000020000") and the second's number run together
      // ("00000201") both start with "0000020": one matches by phone, the other by account number.
      const early = await clerk.must('accounts.create', {
        customer: { kind: 'person', lastName: 'Early', primaryPhone: '000-002-0000', mailing },
        location,
        services,
        openedOn: '2026-01-05',
      });
      const late = await clerk.must('accounts.create', {
        customer: { kind: 'person', lastName: 'Late', mailing },
        location,
        services,
        openedOn: '2026-01-05',
      });
      expect([early.accountNumber, late.accountNumber]).toEqual(['000001-01', '000002-01']);
      const hits = await clerk.must('accounts.search', { query: '0000020' });
      // By account number alone the early account would come first; relevance puts the number match first.
      expect(hits.map((hit) => hit.accountNumber)).toEqual(['000002-01', '000001-01']);
    } finally {
      own.cleanup();
    }
  });
});
