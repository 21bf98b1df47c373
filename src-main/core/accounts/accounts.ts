/**
 * Customer accounts: opening an account (customer, service location, meter, services), reading
 * it back as one AccountDetail, and the few changes a clerk makes to it.
 */
import type {
  AccountDetail,
  AccountService,
  AccountStatus,
  Customer,
  CustomerInput,
  LanguageCode,
  Meter,
  MeterReadRow,
  ServiceLocation,
} from '../../../src-shared/contract/accounts';
import type { ParsedInputOf } from '../../../src-shared/contract';
import { OfficeError, assertInvariant, notFound } from '../errors';
import type { Sqlite } from '../storage/database';
import { displayName, formatAccountNumber } from './format';
import { perConnection } from '../storage/prepared';
import { refreshSearchRow } from './search';
import { inReadMonths, readMonthsFrom } from '../reads/read-keys';

type CreateInput = ParsedInputOf<'accounts.create'>;
type ParsedCustomer = NonNullable<CreateInput['customer']>;
type ParsedMeter = NonNullable<CreateInput['meter']>;

/** A customer with more accounts than this is almost certainly a data-entry loop, not a landlord. */
const MAX_ACCOUNTS_PER_CUSTOMER = 999;

/** One row of ACCOUNT_SELECT: the account, its customer (mailing address flattened) and location. */
type AccountRow = {
  accountId: number;
  accountNumber: string;
  status: AccountStatus;
  openedOn: string;
  closedOn: string | null;
  depositHeldCents: number;
  billHoldReason: string | null;
  autopay: number;
  balanceCents: number;
  mailingStreet: string;
  mailingCity: string;
  mailingState: string;
  mailingZip: string;
  mailingCountry: string;
} & Omit<Customer, 'displayName' | 'mailing'> &
  ServiceLocation;

const ACCOUNT_SELECT = `
  SELECT a.id AS accountId, a.account_number AS accountNumber, a.status, a.opened_on AS openedOn, a.closed_on AS closedOn,
         a.deposit_held_cents AS depositHeldCents, a.bill_hold_reason AS billHoldReason, a.autopay, COALESCE(b.balance_cents, 0) AS balanceCents,
         c.id AS customerId, c.kind, c.first_name AS firstName, c.last_name AS lastName, c.business_name AS businessName,
         c.primary_phone AS primaryPhone, c.alt_phone AS altPhone, c.email, c.mailing_street AS mailingStreet,
         c.mailing_city AS mailingCity, c.mailing_state AS mailingState, c.mailing_zip AS mailingZip, c.mailing_country AS mailingCountry,
         c.preferred_language AS preferredLanguage,
         l.id AS locationId, l.street, l.unit, l.city, l.state, l.zip, l.parcel_number AS parcelNumber,
         l.route, l.sequence, l.cycle
  FROM accounts a JOIN customers c ON c.id = a.customer_id JOIN service_locations l ON l.id = a.location_id
  LEFT JOIN account_balances b ON b.account_id = a.id`;

const statements = perConnection((db: Sqlite) => ({
  accountById: db.prepare<[number], AccountRow>(`${ACCOUNT_SELECT} WHERE a.id = ?`),
  accountByNumber: db.prepare<[string], AccountRow>(`${ACCOUNT_SELECT} WHERE a.account_number = ?`),
  metersAt: db.prepare<[number], Meter>(
    `SELECT id AS meterId, serial, size, dials, multiplier, unit, installed_on AS installedOn, status
     FROM meters WHERE location_id = ? ORDER BY status = 'active' DESC, installed_on DESC, id DESC`,
  ),
  servicesOf: db.prepare<[number], AccountService>(
    `SELECT id AS serviceId, service, rate_class AS rateClass, dwelling_units AS dwellingUnits,
            fire_line_size_inches AS fireLineSizeInches, started_on AS startedOn, ended_on AS endedOn
     FROM account_services WHERE account_id = ? ORDER BY id`,
  ),
  openFollowUps: db.prepare<[number], number>(
    'SELECT COUNT(*) FROM contacts WHERE account_id = ? AND follow_up_due IS NOT NULL AND follow_up_done_at IS NULL',
  ).pluck(),
  customerExists: db.prepare<[number], number>('SELECT id FROM customers WHERE id = ?').pluck(),
  accountCountOf: db.prepare<[number], number>('SELECT COUNT(*) FROM accounts WHERE customer_id = ?').pluck(),
  accountNumberTaken: db.prepare<[string], number>('SELECT id FROM accounts WHERE account_number = ?').pluck(),
  accountsOfCustomer: db.prepare<[number], number>('SELECT id FROM accounts WHERE customer_id = ? ORDER BY id').pluck(),
  // Serials are compared without case: "mtr-0012" on a work order is the meter "MTR-0012".
  serialTaken: db.prepare<[string], string>('SELECT serial FROM meters WHERE serial = ? COLLATE NOCASE').pluck(),
  insertCustomer: db.prepare(
    `INSERT INTO customers (kind, first_name, last_name, business_name, primary_phone, alt_phone, email,
       mailing_street, mailing_city, mailing_state, mailing_zip, mailing_country, preferred_language, created_at)
     VALUES (@kind, @firstName, @lastName, @businessName, @primaryPhone, @altPhone, @email,
       @mailingStreet, @mailingCity, @mailingState, @mailingZip, @mailingCountry, @preferredLanguage, @createdAt)`,
  ),
  updateCustomer: db.prepare(
    `UPDATE customers SET kind = @kind, first_name = @firstName, last_name = @lastName, business_name = @businessName,
       primary_phone = @primaryPhone, alt_phone = @altPhone, email = @email, mailing_street = @mailingStreet,
       mailing_city = @mailingCity, mailing_state = @mailingState, mailing_zip = @mailingZip, mailing_country = @mailingCountry,
       preferred_language = @preferredLanguage
     WHERE id = @customerId`,
  ),
  insertLocation: db.prepare(
    `INSERT INTO service_locations (street, unit, city, state, zip, parcel_number, route, sequence, cycle)
     VALUES (@street, @unit, @city, @state, @zip, @parcelNumber, @route, @sequence, @cycle)`,
  ),
  insertMeter: db.prepare(
    `INSERT INTO meters (serial, size, dials, multiplier, unit, installed_on, status, location_id)
     VALUES (@serial, @size, @dials, @multiplier, @unit, @installedOn, 'active', @locationId)`,
  ),
  insertRead: db.prepare(
    `INSERT INTO meter_reads (meter_id, account_id, read_date, reading, usage_hcf, estimated, source, created_at)
     VALUES (?, ?, ?, ?, ?, 0, ?, ?)`,
  ),
  insertAccount: db.prepare(
    `INSERT INTO accounts (account_number, customer_id, location_id, status, opened_on, deposit_held_cents, autopay, created_at)
     VALUES (@accountNumber, @customerId, @locationId, 'active', @openedOn, @depositHeldCents, @autopay, @createdAt)`,
  ),
  insertService: db.prepare(
    `INSERT INTO account_services (account_id, service, rate_class, dwelling_units, fire_line_size_inches, started_on)
     VALUES (@accountId, @service, @rateClass, @dwellingUnits, @fireLineSizeInches, @startedOn)`,
  ),
  insertBalance: db.prepare('INSERT INTO account_balances (account_id, balance_cents) VALUES (?, 0)'),
  setAutopay: db.prepare<[number, number]>('UPDATE accounts SET autopay = ? WHERE id = ?'),
  // @readMonths: every read month (core/reads/read-keys.ts), so the meters' reads are looked up month by month.
  reads: db.prepare<{ accountId: number; readMonths: string; limit: number }, { readDate: string; reading: string; usageHcf: string; estimated: number; source: string }>(
    `SELECT r.read_date AS readDate, COALESCE(r.reading_text, CAST(r.reading AS TEXT)) AS reading, r.usage_hcf AS usageHcf, r.estimated, r.source
     FROM meter_reads r
     WHERE ${inReadMonths('r')}
       AND r.meter_id IN (SELECT m.id FROM meters m JOIN accounts a ON a.location_id = m.location_id WHERE a.id = @accountId)
       AND (r.account_id = @accountId OR r.account_id IS NULL)
     ORDER BY r.read_date DESC, r.id DESC LIMIT @limit`,
  ),
}));

function toDetail(db: Sqlite, row: AccountRow): AccountDetail {
  const prepared = statements(db);
  const customer: Customer = {
    customerId: row.customerId,
    kind: row.kind,
    displayName: displayName(row),
    firstName: row.firstName,
    lastName: row.lastName,
    businessName: row.businessName,
    primaryPhone: row.primaryPhone,
    altPhone: row.altPhone,
    email: row.email,
    mailing: { street: row.mailingStreet, city: row.mailingCity, state: row.mailingState, zip: row.mailingZip, country: row.mailingCountry },
    preferredLanguage: row.preferredLanguage,
  };
  const location: ServiceLocation = {
    locationId: row.locationId,
    street: row.street,
    unit: row.unit,
    city: row.city,
    state: row.state,
    zip: row.zip,
    parcelNumber: row.parcelNumber,
    route: row.route,
    sequence: row.sequence,
    cycle: row.cycle,
  };
  return {
    accountId: row.accountId,
    accountNumber: row.accountNumber,
    status: row.status,
    openedOn: row.openedOn,
    closedOn: row.closedOn,
    depositHeldCents: row.depositHeldCents,
    billHoldReason: row.billHoldReason,
    autopay: row.autopay === 1,
    balanceCents: row.balanceCents,
    customer,
    location,
    meters: prepared.metersAt.all(row.locationId),
    services: prepared.servicesOf.all(row.accountId),
    openFollowUps: prepared.openFollowUps.get(row.accountId) ?? 0,
  };
}

export function getAccountDetail(db: Sqlite, accountId: number): AccountDetail {
  const row = statements(db).accountById.get(accountId);
  if (!row) throw notFound(`Account ${accountId}`, 'accountId');
  return toDetail(db, row);
}

export function findAccountByNumber(db: Sqlite, accountNumber: string): AccountDetail {
  const typed = accountNumber.trim();
  const row = statements(db).accountByNumber.get(typed);
  if (!row) {
    throw new OfficeError(
      'NOT_FOUND',
      `There is no account number ${typed}. Check the number on the bill (like 001234-01), or search by name or address.`,
      'accountNumber',
    );
  }
  return toDetail(db, row);
}

function customerParams(customer: ParsedCustomer) {
  return {
    kind: customer.kind,
    firstName: customer.firstName,
    lastName: customer.lastName,
    businessName: customer.businessName,
    primaryPhone: customer.primaryPhone,
    altPhone: customer.altPhone,
    email: customer.email,
    mailingStreet: customer.mailing.street,
    mailingCity: customer.mailing.city,
    mailingState: customer.mailing.state,
    mailingZip: customer.mailing.zip,
    mailingCountry: customer.mailing.country,
    preferredLanguage: customer.preferredLanguage,
  };
}

function resolveCustomer(db: Sqlite, nowIso: string, input: CreateInput): number {
  const prepared = statements(db);
  if (input.existingCustomerId !== undefined) {
    if (!prepared.customerExists.get(input.existingCustomerId)) {
      throw new OfficeError('NOT_FOUND', `Customer ${input.existingCustomerId} was not found; search for the customer again`, 'existingCustomerId');
    }
    return input.existingCustomerId;
  }
  assertInvariant(input.customer, 'the contract requires a customer or an existing customer id');
  const info = prepared.insertCustomer.run({ ...customerParams(input.customer), createdAt: nowIso });
  return Number(info.lastInsertRowid);
}

/** The customer's next account number; bounded, and skipping any number a conversion already used. */
function nextAccountNumber(db: Sqlite, customerId: number): string {
  const prepared = statements(db);
  const existing = prepared.accountCountOf.get(customerId) ?? 0;
  for (let suffix = existing + 1; suffix <= MAX_ACCOUNTS_PER_CUSTOMER; suffix += 1) {
    const candidate = formatAccountNumber(customerId, suffix);
    if (!prepared.accountNumberTaken.get(candidate)) return candidate;
  }
  throw new OfficeError('CONFLICT', `Customer ${customerId} already has ${existing} accounts; call your supervisor`, 'existingCustomerId');
}

function checkMeter(db: Sqlite, meter: ParsedMeter): void {
  const taken = statements(db).serialTaken.get(meter.serial);
  if (taken !== undefined) {
    throw new OfficeError('CONFLICT', `Meter ${taken} is already in service at another location; check the serial`, 'meter.serial');
  }
  // The register shows `dials` digits, so a reading of 10^dials or more cannot have been read.
  if (meter.initialReading >= 10 ** meter.dials) {
    throw new OfficeError('INVALID_INPUT', `A ${meter.dials}-dial register cannot show ${meter.initialReading}`, 'meter.initialReading');
  }
}

function checkServices(services: CreateInput['services']): void {
  const seen = new Set<string>();
  services.forEach((service, index) => {
    if (seen.has(service.service)) {
      throw new OfficeError('INVALID_INPUT', `The ${service.service.replace('_', ' ')} service is listed twice`, `services.${index}.service`);
    }
    seen.add(service.service);
    if (service.service === 'private_fire' && service.fireLineSizeInches === undefined) {
      throw new OfficeError('INVALID_INPUT', 'Private fire service needs the fire line size in inches', `services.${index}.fireLineSizeInches`);
    }
  });
}

function insertMeterWithInstallRead(db: Sqlite, nowIso: string, meter: ParsedMeter, locationId: number, accountId: number): void {
  const prepared = statements(db);
  const info = prepared.insertMeter.run({
    serial: meter.serial,
    size: meter.size,
    dials: meter.dials,
    multiplier: meter.multiplier,
    unit: meter.unit,
    installedOn: meter.installedOn,
    locationId,
  });
  // The install read is the baseline the first bill's usage is measured from.
  prepared.insertRead.run(Number(info.lastInsertRowid), accountId, meter.installedOn, meter.initialReading, '0', 'install', nowIso);
}

/** Opens an account in one transaction: customer, location, meter and install read, services, balance, search row. */
export function createAccount(db: Sqlite, nowIso: string, input: CreateInput): AccountDetail {
  checkServices(input.services);
  return db.transaction(() => {
    const prepared = statements(db);
    if (input.meter) checkMeter(db, input.meter);
    const customerId = resolveCustomer(db, nowIso, input);
    const locationId = Number(prepared.insertLocation.run(input.location).lastInsertRowid);
    const accountId = Number(
      prepared.insertAccount.run({
        accountNumber: nextAccountNumber(db, customerId),
        customerId,
        locationId,
        openedOn: input.openedOn,
        depositHeldCents: input.depositHeldCents,
        autopay: input.autopay ? 1 : 0,
        createdAt: nowIso,
      }).lastInsertRowid,
    );
    if (input.meter) insertMeterWithInstallRead(db, nowIso, input.meter, locationId, accountId);
    for (const service of input.services) {
      prepared.insertService.run({
        accountId,
        service: service.service,
        rateClass: service.rateClass,
        dwellingUnits: service.dwellingUnits,
        fireLineSizeInches: service.service === 'private_fire' ? (service.fireLineSizeInches ?? null) : null,
        startedOn: input.openedOn,
      });
    }
    prepared.insertBalance.run(accountId);
    refreshSearchRow(db, accountId);
    return getAccountDetail(db, accountId);
  }).immediate();
}

/** Changes the customer behind an account; every account of that customer is re-indexed. */
export function updateCustomer(db: Sqlite, accountId: number, customer: ParsedCustomer): AccountDetail {
  return db.transaction(() => {
    const prepared = statements(db);
    const before = getAccountDetail(db, accountId);
    const customerId = before.customer.customerId;
    prepared.updateCustomer.run({ ...customerParams(customer), customerId });
    for (const id of prepared.accountsOfCustomer.all(customerId)) refreshSearchRow(db, id);
    return getAccountDetail(db, accountId);
  }).immediate();
}

export function setAutopay(db: Sqlite, accountId: number, autopay: boolean): AccountDetail {
  getAccountDetail(db, accountId);
  statements(db).setAutopay.run(autopay ? 1 : 0, accountId);
  return getAccountDetail(db, accountId);
}

/** Reads of the meters at the account's location that belong to this account (or to no account), newest first. */
/**
 * The account's newest `limit` reads, newest first. Looked up month by month (read-keys.ts) from
 * the newest month back, a window of as many months as reads are still wanted at a time (a meter
 * is read about monthly), so a page costs about `limit` lookups however many years the office
 * holds, and an older window is asked only while the page is not full (issue #14).
 */
export function accountReads(db: Sqlite, accountId: number, limit: number): MeterReadRow[] {
  getAccountDetail(db, accountId);
  const months = JSON.parse(readMonthsFrom(db)) as string[];
  const reads: MeterReadRow[] = [];
  for (const window of newestFirstWindows(months, () => limit - reads.length)) {
    for (const read of statements(db).reads.all({ accountId, readMonths: JSON.stringify(window), limit: limit - reads.length })) reads.push({ ...read, estimated: read.estimated === 1 });
  }
  return reads;
}

/**
 * `months` (oldest first) cut into windows from the newest back, each as many months as `wanted()`
 * says when it is taken, until nothing more is wanted. Months that are not in strict "YYYY-MM"
 * order (read-keys' fallback for a hand-edited row) come as one window: their order is unknown.
 */
function* newestFirstWindows(months: readonly string[], wanted: () => number): Generator<string[]> {
  const ordered = months.every((month, index) => /^\d{4}-\d{2}$/.test(month) && (index === 0 || (months[index - 1] as string) < month));
  if (!ordered) {
    if (wanted() > 0) yield [...months];
    return;
  }
  let end = months.length;
  while (end > 0 && wanted() > 0) {
    const start = Math.max(0, end - wanted());
    yield months.slice(start, end);
    end = start;
  }
}

export type { CustomerInput };
