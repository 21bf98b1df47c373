/**
 * The demo district: a whole fictional office (users, customers, locations, meters, services,
 * 13 months of reads, contact log, opening balances) generated from a seed. Same seed and same
 * instant give byte-identical tables (password hashes aside: their salts are random by design).
 * Rows go in through prepared statements in one transaction; the search index is built at the end.
 */
import type { Role } from '../../../src-shared/roles';
import { rebuildSearchIndex } from '../accounts/search';
import { formatAccountNumber } from '../accounts/format';
import { OfficeError } from '../errors';
import { GL } from '../ledger/chart';
import { postEntry } from '../ledger/journal';
import { DemoHistory, type HistoryTotals } from './history';
import type { Sqlite } from '../storage/database';
import { setSetting } from '../storage/settings';
import { createUser } from '../users/users';
import { addDays, monthlyReadDates } from './calendar';
import { CONTACT_SUBJECTS } from './names';
import { planIrrigationOwner, planLandlord, planPerson, planShop, type MailingAddress, type PlannedCustomer } from './people';
import { CYCLE_COUNT, CYCLE_READ_DAYS, LocationPlanner, planMeter, type LocationUse, type PlannedLocation, type PlannedMeter } from './places';
import { drawMoveDate, readsAcrossMove } from './moves';
import { Random } from './random';
import { planReads, planUsageProfile } from './usage';
import { saveRates } from '../billing/rate-store';
import demoRates from '../rates/samples/valle-verde.json';

export const DEMO_DISTRICT_NAME = 'Demo Valley Water District';
export const DEMO_DEFAULT_ACCOUNTS = 500;
export const DEMO_DEFAULT_SEED = 2026;
export const DEMO_PASSWORD = 'demo-password';
export const DEMO_USERS: readonly { username: string; displayName: string; role: Role }[] = [
  { username: 'clerk', displayName: 'Carla Mendoza', role: 'clerk' },
  { username: 'tech', displayName: 'Tomás Rivera', role: 'technician' },
  { username: 'super', displayName: 'Susan Park', role: 'supervisor' },
];
/** Big enough for any benchmark, small enough that a typo cannot fill the disk. */
export const MAX_DEMO_ACCOUNTS = 500_000;
export const DEMO_READ_MONTHS = 13;
/** A landlord with more rentals than this gets a second company in the demo. */
const MAX_RENTALS_PER_LANDLORD = 25;

export interface DemoOptions {
  accountCount: number;
  seed: number;
  /** The instant the demo is created "at": reads, balances and contacts lead up to this day. */
  nowIso: string;
}

export interface DemoSummary {
  districtName: string;
  users: number;
  customers: number;
  locations: number;
  meters: number;
  accounts: number;
  activeAccounts: number;
  closedAccounts: number;
  services: number;
  reads: number;
  contacts: number;
  /** The billing history (history.ts): posted runs and bills, bank-file payments. */
  history: HistoryTotals;
  /** Sum of all customer balances (debits less credits) = the receivable control account. */
  receivableTotalCents: number;
  /** Accounts that owe, and accounts the office owes (a credit balance). */
  owingAccounts: number;
  creditBalanceAccounts: number;
  depositsHeldCents: number;
}

interface Tenure {
  openedOn: string;
  closedOn: string | null;
}

interface Landlord {
  customerId: number;
  rentals: number;
}

function validateOptions(options: DemoOptions): void {
  if (!Number.isInteger(options.accountCount) || options.accountCount < 1 || options.accountCount > MAX_DEMO_ACCOUNTS) {
    throw new OfficeError('INVALID_INPUT', `A demo district has 1 to ${MAX_DEMO_ACCOUNTS} accounts`, 'accountCount');
  }
  if (!Number.isSafeInteger(options.seed) || options.seed < 0) {
    throw new OfficeError('INVALID_INPUT', 'The demo seed is a whole number, 0 or more', 'seed');
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(options.nowIso)) {
    throw new OfficeError('INVALID_INPUT', 'The demo instant is an ISO UTC time like 2026-11-02T17:00:00.000Z', 'nowIso');
  }
}

function prepareStatements(db: Sqlite) {
  return {
    insertCustomer: db.prepare(
      `INSERT INTO customers (kind, first_name, last_name, business_name, primary_phone, alt_phone, email,
         mailing_street, mailing_city, mailing_state, mailing_zip, preferred_language, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertLocation: db.prepare(
      `INSERT INTO service_locations (street, unit, city, state, zip, parcel_number, route, sequence, cycle)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertMeter: db.prepare(
      `INSERT INTO meters (serial, size, dials, multiplier, unit, installed_on, status, location_id)
       VALUES (?, ?, ?, ?, ?, ?, 'active', ?)`,
    ),
    insertAccount: db.prepare(
      `INSERT INTO accounts (account_number, customer_id, location_id, status, opened_on, closed_on, deposit_held_cents, autopay, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertService: db.prepare(
      `INSERT INTO account_services (account_id, service, rate_class, dwelling_units, fire_line_size_inches, started_on, ended_on)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertBalance: db.prepare('INSERT INTO account_balances (account_id, balance_cents) VALUES (?, 0)'),
    insertRead: db.prepare(
      `INSERT INTO meter_reads (meter_id, account_id, read_date, reading, usage_hcf, estimated, source, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertContact: db.prepare(
      `INSERT INTO contacts (account_id, at, user_id, channel, contact_name, subject, notes, follow_up_due, follow_up_done_at, follow_up_done_by_user_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
}

type ServiceRow = [service: string, rateClass: string, dwellingUnits: number, fireLineSizeInches: number | null];

/** What a location of this use is billed for: water always; sewer nearly always; fire lines on some shops. */
function servicesFor(random: Random, location: PlannedLocation): ServiceRow[] {
  const units = location.dwellingUnits;
  switch (location.use) {
    case 'single_family':
    case 'condo':
      // A few older homes on the edge of town are on septic: no wastewater service.
      return random.chance(0.95) ? [['water', 'residential', 1, null], ['wastewater', 'residential', 1, null]] : [['water', 'residential', 1, null]];
    case 'multi_family':
      return [['water', 'multi_family', units, null], ['wastewater', 'multi_family', units, null]];
    case 'commercial': {
      const services: ServiceRow[] = [['water', 'commercial', 1, null]];
      if (random.chance(0.9)) services.push(['wastewater', 'commercial', 1, null]);
      if (random.chance(0.2)) services.push(['private_fire', 'commercial', 1, random.pick([4, 6, 8])]);
      return services;
    }
    case 'irrigation':
      return [['water', 'irrigation', 1, null]];
  }
}

/** About 350 locations a route (a reader's day), but at least three routes per cycle in a small demo. */
function typicalRouteSize(accountCount: number): number {
  return Math.max(10, Math.min(350, Math.floor(accountCount / (3 * CYCLE_COUNT))));
}

/** Accounts at a location can have a previous occupant (a closed account) when people move. */
const MOVES_HAPPEN: ReadonlySet<LocationUse> = new Set(['single_family', 'condo', 'commercial']);

class DemoBuilder {
  private readonly statements;
  private readonly planRandom: Random;
  private readonly readRandom: Random;
  private readonly moneyRandom: Random;
  private readonly idRandom: Random;
  private readonly contactRandom: Random;
  private readonly today: string;
  /** Before the first demo read: accounts open (and meters go in) before it, so every read has its account. */
  private readonly windowStart: string;
  private readonly accountsPerCustomer = new Map<number, number>();
  private readonly landlords: Landlord[] = [];
  /** Read dates per cycle: the same for every meter of a cycle, so computed once. */
  private readonly readDatesByCycle = new Map<number, string[]>();
  private meterNo = 0;
  readonly summary: DemoSummary;

  constructor(
    private readonly db: Sqlite,
    private readonly options: DemoOptions,
    private readonly userIds: readonly number[],
  ) {
    this.statements = prepareStatements(db);
    this.planRandom = new Random(options.seed, 1);
    this.readRandom = new Random(options.seed, 2);
    this.moneyRandom = new Random(options.seed, 3);
    this.idRandom = new Random(options.seed, 4);
    this.contactRandom = new Random(options.seed, 5);
    this.today = options.nowIso.slice(0, 10);
    this.windowStart = addDays(this.today, -31 * (DEMO_READ_MONTHS + 1));
    this.summary = {
      districtName: DEMO_DISTRICT_NAME,
      users: userIds.length,
      customers: 0,
      locations: 0,
      meters: 0,
      accounts: 0,
      activeAccounts: 0,
      closedAccounts: 0,
      services: 0,
      reads: 0,
      contacts: 0,
      history: { billRuns: 0, bills: 0, billedCents: 0, payments: 0, paidCents: 0, bankFiles: 0, heldAccounts: 0 },
      receivableTotalCents: 0,
      owingAccounts: 0,
      creditBalanceAccounts: 0,
      depositsHeldCents: 0,
    };
  }

  build(): void {
    const planner = new LocationPlanner(this.planRandom, typicalRouteSize(this.options.accountCount));
    while (this.summary.accounts < this.options.accountCount) {
      for (const location of planner.nextSlot()) {
        if (this.summary.accounts >= this.options.accountCount) break;
        this.addLocation(location);
      }
    }
    this.postDeposits();
  }

  /** The bill runs and payments of the year (history.ts); the rates must be saved first. */
  buildHistory(): void {
    const [clerk, technician, supervisor] = this.userIds as [number, number, number];
    const history = new DemoHistory(this.db, this.today, this.options.seed, new Random(this.options.seed, 6), new Random(this.options.seed, 7), {
      clerk,
      technician,
      supervisor,
    });
    const cycles = [...this.readDatesByCycle.keys()].sort((a, b) => a - b);
    history.build(new Map(cycles.map((cycle) => [cycle, this.readDatesOf(cycle)])));
    this.summary.history = history.totals;
    const balances = this.db
      .prepare<[], { totalCents: number | null; owing: number; credit: number }>(
        'SELECT SUM(balance_cents) AS totalCents, SUM(balance_cents > 0) AS owing, SUM(balance_cents < 0) AS credit FROM account_balances',
      )
      .get() as { totalCents: number | null; owing: number | null; credit: number | null };
    this.summary.receivableTotalCents = balances.totalCents ?? 0;
    this.summary.owingAccounts = balances.owing ?? 0;
    this.summary.creditBalanceAccounts = balances.credit ?? 0;
  }

  private addLocation(location: PlannedLocation): void {
    const random = this.planRandom;
    const locationId = this.insertLocation(location);
    this.meterNo += 1;
    const meter = planMeter(random, location.use, this.meterNo, this.windowStart);
    const meterId = Number(
      this.statements.insertMeter.run(meter.serial, meter.size, meter.dials, meter.multiplier, meter.unit, meter.installedOn, locationId).lastInsertRowid,
    );
    this.summary.meters += 1;
    const accountsLeft = this.options.accountCount - this.summary.accounts;
    const moved = MOVES_HAPPEN.has(location.use) && accountsLeft >= 2 && random.chance(0.05);
    // Moves are dated against the cycle's reads (moves.ts): each account can then be billed.
    const moveDate = moved ? drawMoveDate(random, location.use, this.readDatesOf(location.cycle)) : null;
    const previousId = moveDate
      ? this.addAccount(location, locationId, { openedOn: addDays(this.windowStart, -random.int(1, 6000)), closedOn: moveDate })
      : null;
    const currentId = this.addAccount(location, locationId, { openedOn: moveDate ?? addDays(this.windowStart, -random.int(1, 9000)), closedOn: null });
    this.addReads(location, meter, meterId, moveDate, { previous: previousId ?? currentId, current: currentId });
  }

  private insertLocation(location: PlannedLocation): number {
    const { street, unit, city, state, zip, parcelNumber, route, sequence, cycle } = location;
    this.summary.locations += 1;
    return Number(this.statements.insertLocation.run(street, unit, city, state, zip, parcelNumber, route, sequence, cycle).lastInsertRowid);
  }

  private insertCustomer(customer: PlannedCustomer, createdOn: string): number {
    const { mailing } = customer;
    this.summary.customers += 1;
    return Number(
      this.statements.insertCustomer.run(
        customer.kind, customer.firstName, customer.lastName, customer.businessName, customer.primaryPhone, customer.altPhone,
        customer.email, mailing.street, mailing.city, mailing.state, mailing.zip, customer.preferredLanguage, `${createdOn}T16:00:00.000Z`,
      ).lastInsertRowid,
    );
  }

  /** A landlord already billed for other rentals (most of the time), or a new one. */
  private landlordFor(zip: string, openedOn: string): number {
    const random = this.planRandom;
    const existing = this.landlords.length > 0 && random.chance(0.7) ? random.pick(this.landlords) : undefined;
    if (existing && existing.rentals < MAX_RENTALS_PER_LANDLORD) {
      existing.rentals += 1;
      return existing.customerId;
    }
    const customerId = this.insertCustomer(planLandlord(random, zip), openedOn);
    this.landlords.push({ customerId, rentals: 1 });
    return customerId;
  }

  private customerFor(location: PlannedLocation, openedOn: string): number {
    const random = this.planRandom;
    const serviceAddress: MailingAddress = {
      street: location.unit === '' ? location.street : `${location.street} #${location.unit}`,
      city: location.city,
      state: location.state,
      zip: location.zip,
      country: 'US',
    };
    switch (location.use) {
      case 'single_family':
      case 'condo':
        return random.chance(0.05) ? this.landlordFor(location.zip, openedOn) : this.insertCustomer(planPerson(random, serviceAddress), openedOn);
      case 'multi_family':
        return random.chance(0.8) ? this.landlordFor(location.zip, openedOn) : this.insertCustomer(planPerson(random, serviceAddress), openedOn);
      case 'commercial':
        return this.insertCustomer(random.chance(0.9) ? planShop(random, serviceAddress) : planPerson(random, serviceAddress), openedOn);
      case 'irrigation':
        return this.insertCustomer(planIrrigationOwner(random, location.zip), openedOn);
    }
  }

  private nextAccountNumber(customerId: number): string {
    const suffix = (this.accountsPerCustomer.get(customerId) ?? 0) + 1;
    this.accountsPerCustomer.set(customerId, suffix);
    return formatAccountNumber(customerId, suffix);
  }

  private depositCents(location: PlannedLocation): number {
    const random = this.moneyRandom;
    if (location.use === 'commercial') return random.chance(0.2) ? random.pick([20_000, 50_000]) : 0;
    return random.chance(0.12) ? random.pick([7_500, 10_000, 15_000]) : 0;
  }

  private addAccount(location: PlannedLocation, locationId: number, tenure: Tenure): number {
    const random = this.planRandom;
    const customerId = this.customerFor(location, tenure.openedOn);
    const active = tenure.closedOn === null;
    const autopay = active && random.chance(0.15);
    const depositCents = active ? this.depositCents(location) : 0;
    const accountId = Number(
      this.statements.insertAccount.run(
        this.nextAccountNumber(customerId), customerId, locationId, active ? 'active' : 'closed', tenure.openedOn, tenure.closedOn,
        depositCents, autopay ? 1 : 0, `${tenure.openedOn}T16:00:00.000Z`,
      ).lastInsertRowid,
    );
    for (const [service, rateClass, units, fireLine] of servicesFor(random, location)) {
      this.statements.insertService.run(accountId, service, rateClass, units, fireLine, tenure.openedOn, tenure.closedOn);
      this.summary.services += 1;
    }
    this.statements.insertBalance.run(accountId);
    this.summary.accounts += 1;
    this.summary[active ? 'activeAccounts' : 'closedAccounts'] += 1;
    this.summary.depositsHeldCents += depositCents;
    if (active) this.addContacts(accountId);
    return accountId;
  }

  /** Deposits held at conversion: one entry, liability against the conversion equity account. */
  private postDeposits(): void {
    const totalCents = this.summary.depositsHeldCents;
    if (totalCents === 0) return;
    postEntry(this.db, this.options.nowIso, {
      entryId: this.idRandom.uuid(),
      effectiveDate: this.today,
      kind: 'opening_deposits',
      memo: 'Customer deposits held, converted from the previous billing system',
      createdByUserId: null,
      lines: [
        { glCode: GL.openingBalances, amountCents: totalCents },
        { glCode: GL.customerDeposits, amountCents: -totalCents },
      ],
    });
  }

  private readDatesOf(cycle: number): string[] {
    let readDates = this.readDatesByCycle.get(cycle);
    if (!readDates) {
      readDates = monthlyReadDates(this.today, CYCLE_READ_DAYS[cycle - 1] as number, DEMO_READ_MONTHS);
      this.readDatesByCycle.set(cycle, readDates);
    }
    return readDates;
  }

  /** The meter's monthly reads, and at a move its final and start reads (moves.ts), each billed to its account. */
  private addReads(location: PlannedLocation, meter: PlannedMeter, meterId: number, moveDate: string | null, accounts: { previous: number; current: number }): void {
    const readDates = this.readDatesOf(location.cycle);
    const profile = planUsageProfile(this.readRandom, location.use, location.dwellingUnits, meter.size, readDates.length);
    const planned = planReads(this.readRandom, meter, profile, readDates, location.readSource);
    const reads = moveDate === null ? planned.map((read) => ({ ...read, owner: 'current' as const })) : readsAcrossMove(planned, moveDate);
    for (const read of reads) {
      this.statements.insertRead.run(
        meterId, accounts[read.owner], read.readDate, read.reading, read.usageHcf, read.estimated ? 1 : 0, read.source,
        `${read.readDate}T22:00:00.000Z`,
      );
    }
    this.summary.reads += reads.length;
  }

  /** A few calls and visits in the last three months, some with follow-ups, most of those done. */
  private addContacts(accountId: number): void {
    const random = this.contactRandom;
    if (!random.chance(0.03)) return;
    const count = random.int(1, 2);
    for (let index = 0; index < count; index += 1) {
      const day = addDays(this.today, -random.int(1, 90));
      const at = `${day}T${String(random.int(16, 23)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:00.000Z`;
      const userId = random.chance(0.7) ? (this.userIds[0] as number) : (this.userIds[1] as number);
      const channel = random.weighted({ phone: 55, counter: 30, email: 10, letter: 3, field: 2 });
      const subject = random.pick(CONTACT_SUBJECTS);
      const followUpDue = random.chance(0.35) ? addDays(day, random.int(2, 21)) : null;
      const done = followUpDue !== null && followUpDue < this.today && random.chance(0.7);
      this.statements.insertContact.run(
        accountId, at, userId, channel, '', subject, `${subject}. Explained the options; noted on the account.`,
        followUpDue, done ? `${followUpDue}T20:00:00.000Z` : null, done ? userId : null,
      );
      this.summary.contacts += 1;
    }
  }
}

function refuseNonEmpty(db: Sqlite): void {
  const existing = db.prepare('SELECT (SELECT COUNT(*) FROM accounts) + (SELECT COUNT(*) FROM customers) AS n').pluck().get() as number;
  if (existing > 0) {
    throw new OfficeError('CONFLICT', 'The demo district can only be created in a new, empty office database');
  }
}

function createDemoUsers(db: Sqlite, nowIso: string): number[] {
  return DEMO_USERS.map((user) => createUser(db, nowIso, { ...user, password: DEMO_PASSWORD }).userId);
}

/**
 * Page cache while the demo is written. The default 2 MB holds little of the random-keyed
 * indexes (journal entry UUIDs), so a 100,000-account demo spent most of its time re-reading
 * pages; the connection's own setting is restored afterwards.
 */
const DEMO_CACHE_KIB = 128 * 1024;

/** Creates the demo district in an empty database, in one transaction. */
export function createDemoDistrict(db: Sqlite, options: DemoOptions): DemoSummary {
  validateOptions(options);
  const cacheSetting = db.pragma('cache_size', { simple: true }) as number;
  const tempStoreSetting = db.pragma('temp_store', { simple: true }) as number;
  // SQLite refuses to move temp storage inside a transaction once the connection has used it (a
  // migration's sort does); a caller's transaction then keeps the connection's own setting.
  const moveTempStore = !db.inTransaction;
  db.pragma(`cache_size = -${DEMO_CACHE_KIB}`);
  if (moveTempStore) db.pragma('temp_store = MEMORY');
  try {
    return db.transaction(() => {
      refuseNonEmpty(db);
      setSetting(db, 'districtName', DEMO_DISTRICT_NAME);
      setSetting(db, 'isDemo', true);
      const builder = new DemoBuilder(db, options, createDemoUsers(db, options.nowIso));
      builder.build();
      saveRates(db, options.nowIso, null, demoRates, 'The demo district\'s published rates (docs/formats/rates.md sample)');
      builder.buildHistory();
      rebuildSearchIndex(db);
      return builder.summary;
    }).immediate();
  } finally {
    db.pragma(`cache_size = ${cacheSetting}`);
    if (moveTempStore) db.pragma(`temp_store = ${tempStoreSetting}`);
  }
}
