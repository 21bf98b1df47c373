import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../src-shared/contract';
import { createTestOffice, type TestOffice } from '../support/office';

let office: TestOffice;
beforeEach(async () => {
  office = await createTestOffice();
});
afterEach(() => office.cleanup());

const clerk = () => office.as('clerk');
const sqlite = () => office.runtime.database.sqlite;
const count = (table: string) => (sqlite().prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

/** A new household account at 1450 Sycamore Ave with a 5/8" meter, water and sewer. */
function newAccount(overrides: Partial<InputOf<'accounts.create'>> = {}): InputOf<'accounts.create'> {
  return {
    customer: {
      kind: 'person',
      firstName: 'María',
      lastName: 'López',
      primaryPhone: '(209) 555-0134',
      email: 'maria.lopez@example.com',
      mailing: { street: '1450 Sycamore Ave', city: 'Valle Verde', state: 'ca', zip: '95396' },
      preferredLanguage: 'es',
    },
    location: { street: '1450 Sycamore Ave', city: 'Valle Verde', zip: '95396', route: 'R001', sequence: 120, cycle: 1 },
    meter: { serial: 'MTR-0012', size: '5/8', dials: 6, unit: 'HCF', installedOn: '2026-10-15', initialReading: 1234 },
    services: [
      { service: 'water', rateClass: 'residential' },
      { service: 'wastewater', rateClass: 'residential' },
    ],
    openedOn: '2026-11-02',
    depositHeldCents: 7500,
    ...overrides,
  };
}

describe('accounts.create', () => {
  it('opens an account with customer, location, meter, install read, services, zero balance and a search row', async () => {
    const detail = await clerk().must('accounts.create', newAccount());
    expect(detail.accountNumber).toBe('000001-01');
    expect(detail.status).toBe('active');
    expect(detail.openedOn).toBe('2026-11-02');
    expect(detail.closedOn).toBeNull();
    expect(detail.balanceCents).toBe(0);
    expect(detail.depositHeldCents).toBe(7500);
    expect(detail.autopay).toBe(false);
    expect(detail.openFollowUps).toBe(0);
    expect(detail.customer).toMatchObject({
      kind: 'person',
      displayName: 'López, María',
      primaryPhone: '(209) 555-0134',
      mailing: { street: '1450 Sycamore Ave', city: 'Valle Verde', state: 'CA', zip: '95396' },
      preferredLanguage: 'es',
    });
    expect(detail.location).toMatchObject({ street: '1450 Sycamore Ave', unit: '', state: 'CA', route: 'R001', sequence: 120, cycle: 1 });
    expect(detail.meters).toEqual([
      { meterId: expect.any(Number), serial: 'MTR-0012', size: '5/8', dials: 6, multiplier: '1', unit: 'HCF', installedOn: '2026-10-15', status: 'active' },
    ]);
    expect(detail.services.map((service) => [service.service, service.rateClass, service.dwellingUnits, service.startedOn, service.endedOn])).toEqual([
      ['water', 'residential', 1, '2026-11-02', null],
      ['wastewater', 'residential', 1, '2026-11-02', null],
    ]);

    const meterLocation = sqlite().prepare('SELECT location_id FROM meters WHERE id = ?').pluck().get(detail.meters[0]?.meterId);
    expect(meterLocation).toBe(detail.location.locationId);
    expect(sqlite().prepare('SELECT balance_cents FROM account_balances WHERE account_id = ?').pluck().get(detail.accountId)).toBe(0);
    expect(sqlite().prepare('SELECT account_number FROM account_search WHERE rowid = ?').pluck().get(detail.accountId)).toMatch(/^000001-01 /);
    const reads = await clerk().must('accounts.reads', { accountId: detail.accountId });
    expect(reads).toEqual([{ readDate: '2026-10-15', reading: '1234', usageHcf: '0', estimated: false, source: 'install' }]);
  });

  it('opens a second account for an existing customer with the next suffix, and no meter if none is given', async () => {
    const first = await clerk().must('accounts.create', newAccount());
    const { customer: _unused, meter: _none, ...rest } = newAccount();
    const second = await clerk().must('accounts.create', {
      ...rest,
      existingCustomerId: first.customer.customerId,
      location: { street: '88 Oak St', unit: 'B', city: 'Valle Verde', zip: '95396', route: 'R002', sequence: 10, cycle: 2 },
      services: [{ service: 'water', rateClass: 'residential' }],
    });
    expect(second.accountNumber).toBe('000001-02');
    expect(second.customer.customerId).toBe(first.customer.customerId);
    expect(second.meters).toEqual([]);
    expect(count('customers')).toBe(1);
    const otherCustomer = await clerk().must('accounts.create', newAccount({ meter: undefined }));
    expect(otherCustomer.accountNumber).toBe('000002-01');
  });

  it('names a business by its name and keeps a private fire line size', async () => {
    const detail = await clerk().must(
      'accounts.create',
      newAccount({
        customer: {
          kind: 'business',
          businessName: 'Sierra Hardware',
          firstName: 'Ana',
          lastName: 'Ruiz',
          mailing: { street: 'PO Box 12', city: 'Valle Verde', state: 'CA', zip: '95396' },
        },
        services: [
          { service: 'water', rateClass: 'commercial' },
          { service: 'private_fire', rateClass: 'commercial', fireLineSizeInches: 6 },
        ],
      }),
    );
    expect(detail.customer.displayName).toBe('Sierra Hardware');
    expect(detail.customer.preferredLanguage).toBe('en');
    expect(detail.services[1]).toMatchObject({ service: 'private_fire', fireLineSizeInches: 6 });
  });

  it('refuses a meter serial already in service (any letter case) and writes nothing', async () => {
    await clerk().must('accounts.create', newAccount());
    const before = ['customers', 'service_locations', 'accounts', 'meters', 'meter_reads', 'account_services'].map(count);
    const result = await clerk().call('accounts.create', newAccount({ meter: { ...newAccount().meter!, serial: 'mtr-0012' } }));
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'meter.serial' } });
    expect(!result.ok && result.error.message).toContain('MTR-0012');
    expect(['customers', 'service_locations', 'accounts', 'meters', 'meter_reads', 'account_services'].map(count)).toEqual(before);
  });

  it('refuses an unknown existing customer', async () => {
    const { customer: _unused, ...rest } = newAccount();
    const result = await clerk().call('accounts.create', { ...rest, existingCustomerId: 4242 });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'existingCustomerId' } });
    expect(count('accounts')).toBe(0);
  });

  it.each([
    ['a bad mailing ZIP', { customer: { ...newAccount().customer!, mailing: { street: '1 A St', city: 'X', state: 'CA', zip: '9539' } } }, 'customer.mailing.zip'],
    ['a person without a last name', { customer: { ...newAccount().customer!, lastName: '  ' } }, 'customer.lastName'],
    ['a business without a name', { customer: { kind: 'business' as const, mailing: newAccount().customer!.mailing } }, 'customer.businessName'],
    ['both a new and an existing customer', { existingCustomerId: 1 }, 'customer'],
    ['no service', { services: [] }, 'services'],
    ['a cycle of 0', { location: { ...newAccount().location, cycle: 0 } }, 'location.cycle'],
    ['a meter with 2 dials', { meter: { ...newAccount().meter!, dials: 2 } }, 'meter.dials'],
    ['a date that does not exist', { openedOn: '2026-02-30' }, 'openedOn'],
    ['a short phone', { customer: { ...newAccount().customer!, primaryPhone: '555-01' } }, 'customer.primaryPhone'],
    ['water listed twice', { services: [{ service: 'water' as const, rateClass: 'residential' as const }, { service: 'water' as const, rateClass: 'commercial' as const }] }, 'services.1.service'],
    ['a fire line without a size', { services: [{ service: 'water' as const, rateClass: 'commercial' as const }, { service: 'private_fire' as const, rateClass: 'commercial' as const }] }, 'services.1.fireLineSizeInches'],
    ['a reading the register cannot show', { meter: { ...newAccount().meter!, dials: 4, initialReading: 10_000 } }, 'meter.initialReading'],
  ])('refuses %s as INVALID_INPUT on its field', async (_label, overrides, field) => {
    const result = await clerk().call('accounts.create', newAccount(overrides as Partial<InputOf<'accounts.create'>>));
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field } });
    expect(count('accounts')).toBe(0);
  });
});

describe('accounts.get and accounts.findByNumber', () => {
  it('finds by number and by id; unknown ones are NOT_FOUND with a message a clerk can act on', async () => {
    const created = await clerk().must('accounts.create', newAccount());
    expect(await clerk().must('accounts.findByNumber', { accountNumber: ' 000001-01 ' })).toEqual(created);
    expect(await clerk().must('accounts.get', { accountId: created.accountId })).toEqual(created);

    const missingNumber = await clerk().call('accounts.findByNumber', { accountNumber: '009999-01' });
    expect(missingNumber).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'accountNumber' } });
    expect(!missingNumber.ok && missingNumber.error.message).toMatch(/no account number 009999-01/);
    expect(await clerk().call('accounts.get', { accountId: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'accountId' } });
    expect(await clerk().call('accounts.reads', { accountId: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('shows the balance from the ledger', async () => {
    const created = await clerk().must('accounts.create', newAccount());
    await office.as('supervisor').must('ledger.adjust', {
      entryId: '5a0c3c1e-8f1d-4c4e-9d0a-2f3b4c5d6e7f',
      accountId: created.accountId,
      amountCents: 12_659,
      reason: 'Bill carried over from the old system',
    });
    expect((await clerk().must('accounts.get', { accountId: created.accountId })).balanceCents).toBe(12_659);
  });
});

describe('accounts.updateCustomer', () => {
  it('changes the customer and re-indexes every account of that customer', async () => {
    const first = await clerk().must('accounts.create', newAccount());
    const { customer: _unused, meter: _none, ...rest } = newAccount();
    const second = await clerk().must('accounts.create', { ...rest, existingCustomerId: first.customer.customerId });
    const updated = await clerk().must('accounts.updateCustomer', {
      accountId: first.accountId,
      customer: {
        kind: 'person',
        firstName: 'María',
        lastName: 'Castellanos',
        primaryPhone: '209-555-0777',
        mailing: { street: 'PO Box 77', city: 'Valle Verde', state: 'CA', zip: '95396' },
      },
    });
    expect(updated.customer).toMatchObject({ displayName: 'Castellanos, María', primaryPhone: '209-555-0777', email: '', preferredLanguage: 'en' });
    expect(updated.customer.mailing.street).toBe('PO Box 77');

    const byNewName = await clerk().must('accounts.search', { query: 'castell' });
    expect(byNewName.map((hit) => hit.accountId).sort()).toEqual([first.accountId, second.accountId].sort());
    expect(await clerk().must('accounts.search', { query: 'lopez' })).toEqual([]);
    expect((await clerk().must('accounts.search', { query: '5550777' })).length).toBe(2);
  });

  it('refuses an unknown account and bad input', async () => {
    const customer = newAccount().customer!;
    expect(await clerk().call('accounts.updateCustomer', { accountId: 77, customer })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const created = await clerk().must('accounts.create', newAccount());
    const bad = await clerk().call('accounts.updateCustomer', { accountId: created.accountId, customer: { ...customer, email: 'not-an-email' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'customer.email' } });
  });
});

describe('accounts.setAutopay', () => {
  it('turns autopay on and off', async () => {
    const created = await clerk().must('accounts.create', newAccount());
    expect((await clerk().must('accounts.setAutopay', { accountId: created.accountId, autopay: true })).autopay).toBe(true);
    expect((await clerk().must('accounts.get', { accountId: created.accountId })).autopay).toBe(true);
    expect((await clerk().must('accounts.setAutopay', { accountId: created.accountId, autopay: false })).autopay).toBe(false);
    expect(await clerk().call('accounts.setAutopay', { accountId: 404, autopay: true })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('accounts.reads', () => {
  it("lists the account's reads newest first, not a previous occupant's, limited", async () => {
    const created = await clerk().must('accounts.create', newAccount());
    const meterId = created.meters[0]!.meterId;
    const insert = sqlite().prepare(
      `INSERT INTO meter_reads (meter_id, account_id, read_date, reading, usage_hcf, estimated, source, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'handheld', '2026-12-01T00:00:00.000Z')`,
    );
    insert.run(meterId, created.accountId, '2026-12-02', 1246, '12', 0);
    insert.run(meterId, created.accountId, '2027-01-02', 1255, '9', 1);
    insert.run(meterId, null, '2026-11-20', 1240, '6', 0);
    // A read of this meter billed to someone else (a previous occupant) is not this account's.
    const other = await clerk().must('accounts.create', newAccount({ meter: undefined }));
    insert.run(meterId, other.accountId, '2026-10-01', 1200, '5', 0);

    const reads = await clerk().must('accounts.reads', { accountId: created.accountId });
    expect(reads.map((read) => [read.readDate, read.reading, read.usageHcf, read.estimated])).toEqual([
      ['2027-01-02', '1255', '9', true],
      ['2026-12-02', '1246', '12', false],
      ['2026-11-20', '1240', '6', false],
      ['2026-10-15', '1234', '0', false],
    ]);
    expect((await clerk().must('accounts.reads', { accountId: created.accountId, limit: 2 })).map((read) => read.readDate)).toEqual([
      '2027-01-02',
      '2026-12-02',
    ]);
    expect(await clerk().must('accounts.reads', { accountId: other.accountId })).toEqual([]);
  });
});
