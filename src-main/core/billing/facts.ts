/**
 * What a bill run needs to know of each account of a cycle, loaded in a handful of bulk queries
 * (one per kind of fact, not one per account): the account, its services, its meter's read for
 * the period and the read before it, the read's review state, the last bill, the balance.
 */
import type { AccountService, MeterSize, RateClass, ServiceKind } from '../../../src-shared/contract/accounts';
import type { Sqlite } from '../storage/database';
import { divideHalfUp, formatHcfUnits, parseHcfUnits } from '../reads/fixed';

/** An account service as the accounts contract describes it. */
export type ServiceRow = AccountService;

export interface PeriodRead {
  readId: number;
  meterId: number;
  readDate: string;
  usageHcf: string;
  estimated: boolean;
  status: string;
  period: string;
}

export interface AccountFacts {
  accountId: number;
  accountNumber: string;
  status: 'active' | 'closed';
  openedOn: string;
  closedOn: string | null;
  autopay: boolean;
  billHoldReason: string | null;
  balanceCents: number;
  meterId: number | null;
  meterSize: MeterSize | null;
  services: ServiceRow[];
  /** The newest read of the account's meter for the run's period, and the one before it. */
  read: PeriodRead | null;
  priorRead: { readId: number; readDate: string } | null;
  /** The read's exception, when it has one that is not resolved. */
  exception: { exceptionId: number; status: 'open' | 'held'; note: string; message: string } | null;
  /** The day the account was last billed through (a posted bill's to_date). */
  billedThrough: string | null;
  /** Monthly winter average in HCF (December–March reads of the last year), for winter-average wastewater. */
  winterAverageHcf: string | null;
}

type AccountRow = [
  accountId: number,
  accountNumber: string,
  status: 'active' | 'closed',
  openedOn: string,
  closedOn: string | null,
  autopay: number,
  billHoldReason: string | null,
  balanceCents: number | null,
  locationId: number,
];

const periodStart = (period: string) => `${period}-01`;

/** "2026-11" → "2026-09-01": reads from two months back hold the period's read and the one before. */
function lookbackStart(period: string, months: number): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** Each location's meter in service: the newest installed (rows come oldest first). */
function activeMeters(db: Sqlite, cycle: number): Map<number, { meterId: number; size: MeterSize }> {
  const meters = new Map<number, { meterId: number; size: MeterSize }>();
  const rows = db
    .prepare<{ cycle: number }, [number, number, MeterSize]>(
      `SELECT m.location_id, m.id, m.size FROM meters m JOIN service_locations l ON l.id = m.location_id
       WHERE l.cycle = @cycle AND m.status = 'active' ORDER BY m.installed_on, m.id`,
    )
    .raw()
    .iterate({ cycle });
  for (const [locationId, meterId, size] of rows) meters.set(locationId, { meterId, size });
  return meters;
}

/**
 * The accounts a run of this cycle must account for: every active account at the cycle's
 * locations, and every account closed on or after the period began (its final bill).
 * Rows come as arrays: at 50,000 accounts, building named objects in the driver costs more than
 * the query.
 */
function loadAccounts(db: Sqlite, cycle: number, period: string): Map<number, AccountFacts> {
  const meters = activeMeters(db, cycle);
  const rows = db
    .prepare<{ cycle: number; from: string }, AccountRow>(
      `SELECT a.id, a.account_number, a.status, a.opened_on, a.closed_on, a.autopay, a.bill_hold_reason, b.balance_cents, l.id
       FROM service_locations l JOIN accounts a ON a.location_id = l.id
       LEFT JOIN account_balances b ON b.account_id = a.id
       WHERE l.cycle = @cycle AND (a.status = 'active' OR a.closed_on >= @from)
       ORDER BY l.route, l.sequence, a.id`,
    )
    .raw()
    .all({ cycle, from: periodStart(period) });
  const accounts = new Map<number, AccountFacts>();
  for (const [accountId, accountNumber, status, openedOn, closedOn, autopay, billHoldReason, balanceCents, locationId] of rows) {
    const meter = meters.get(locationId);
    accounts.set(accountId, {
      accountId,
      accountNumber,
      status,
      openedOn,
      closedOn,
      autopay: autopay === 1,
      billHoldReason,
      balanceCents: balanceCents ?? 0,
      meterId: meter?.meterId ?? null,
      meterSize: meter?.size ?? null,
      services: [],
      read: null,
      priorRead: null,
      exception: null,
      billedThrough: null,
      winterAverageHcf: null,
    });
  }
  return accounts;
}

function attachServices(db: Sqlite, cycle: number, accounts: Map<number, AccountFacts>): void {
  const rows = db
    .prepare<{ cycle: number }, [number, number, ServiceKind, RateClass, number, number | null, string, string | null]>(
      `SELECT s.account_id, s.id, s.service, s.rate_class, s.dwelling_units, s.fire_line_size_inches, s.started_on, s.ended_on
       FROM account_services s JOIN accounts a ON a.id = s.account_id JOIN service_locations l ON l.id = a.location_id
       WHERE l.cycle = @cycle ORDER BY s.id`,
    )
    .raw()
    .iterate({ cycle });
  for (const [accountId, serviceId, service, rateClass, dwellingUnits, fireLineSizeInches, startedOn, endedOn] of rows) {
    accounts.get(accountId)?.services.push({ serviceId, service, rateClass, dwellingUnits, fireLineSizeInches, startedOn, endedOn });
  }
}

interface ReadRow extends PeriodRead {
  accountId: number | null;
}

/** Months of reads loaded: enough for the read before the period (a bill covers at most 92 days). */
const READ_WINDOW_MONTHS = 4;
/** With winter-average wastewater: the December–March reads of the year before too. */
const WINTER_WINDOW_MONTHS = 14;

/** The period's read of each account's meter (newest if read twice) and the read just before it. */
function attachReads(db: Sqlite, cycle: number, period: string, accounts: Map<number, AccountFacts>): void {
  const byMeter = new Map<number, AccountFacts[]>();
  for (const account of accounts.values()) {
    if (account.meterId === null) continue;
    const list = byMeter.get(account.meterId) ?? [];
    list.push(account);
    byMeter.set(account.meterId, list);
  }
  const rows = db
    .prepare<{ cycle: number; from: string }, [number, number, number | null, string, string, number, string, string]>(
      `SELECT r.id, r.meter_id, r.account_id, r.read_date, r.usage_hcf, r.estimated, r.status, COALESCE(r.period, substr(r.read_date, 1, 7))
       FROM meter_reads r
       WHERE r.meter_id IN (SELECT m.id FROM meters m JOIN service_locations l ON l.id = m.location_id WHERE l.cycle = @cycle)
         AND r.read_date >= @from
       ORDER BY r.meter_id, r.read_date, r.id`,
    )
    .raw()
    .all({ cycle, from: lookbackStart(period, READ_WINDOW_MONTHS) });
  let index = 0;
  while (index < rows.length) {
    const meterId = rows[index]![1];
    let end = index;
    while (end < rows.length && rows[end]![1] === meterId) end += 1;
    const reads: ReadRow[] = [];
    for (let at = index; at < end; at += 1) {
      const [readId, , accountId, readDate, usageHcf, estimated, status, readPeriod] = rows[at]!;
      reads.push({ readId, meterId, accountId, readDate, usageHcf, estimated: estimated === 1, status, period: readPeriod });
    }
    for (const account of byMeter.get(meterId) ?? []) placeReads(account, reads, period);
    index = end;
  }
}

/** Picks the account's period read (its own, or the meter's when the read names no account) and the one before. */
function placeReads(account: AccountFacts, reads: readonly ReadRow[], period: string): void {
  const mine = reads.filter((read) => read.accountId === null || read.accountId === account.accountId);
  let currentIndex = -1;
  for (let index = mine.length - 1; index >= 0; index -= 1) {
    if (mine[index]!.period === period) {
      currentIndex = index;
      break;
    }
  }
  if (currentIndex >= 0) {
    const { accountId: _ignored, ...read } = mine[currentIndex]!;
    account.read = read;
    const prior = mine[currentIndex - 1];
    if (prior) account.priorRead = { readId: prior.readId, readDate: prior.readDate };
  }
}

/**
 * The winter average of the accounts whose wastewater is billed on it (their rate class's method):
 * their meters' reads of the last 14 months, in one query for all of them.
 */
function attachWinterAverages(db: Sqlite, period: string, accounts: Map<number, AccountFacts>, winterClasses: ReadonlySet<RateClass>): void {
  const needing = [...accounts.values()].filter(
    (account) => account.meterId !== null && account.services.some((service) => service.service === 'wastewater' && winterClasses.has(service.rateClass)),
  );
  if (needing.length === 0) return;
  const rows = db
    .prepare<{ meterIds: string; from: string }, [number, number | null, string, string, string]>(
      `SELECT r.meter_id, r.account_id, r.usage_hcf, r.read_date, COALESCE(r.period, substr(r.read_date, 1, 7))
       FROM meter_reads r WHERE r.meter_id IN (SELECT value FROM json_each(@meterIds)) AND r.read_date >= @from`,
    )
    .raw()
    .all({ meterIds: JSON.stringify(needing.map((account) => account.meterId)), from: lookbackStart(period, WINTER_WINDOW_MONTHS) });
  const byMeter = new Map<number, ReadRow[]>();
  for (const [meterId, accountId, usageHcf, readDate, readPeriod] of rows) {
    const list = byMeter.get(meterId) ?? [];
    list.push({ readId: 0, meterId, accountId, readDate, usageHcf, estimated: false, status: 'ok', period: readPeriod });
    byMeter.set(meterId, list);
  }
  for (const account of needing) {
    const mine = (byMeter.get(account.meterId!) ?? []).filter((read) => read.accountId === null || read.accountId === account.accountId);
    account.winterAverageHcf = winterAverage(mine, period);
  }
}

/** Average monthly use of the December–March reads in the 12 months before the period (exact, 4 places). */
function winterAverage(reads: readonly ReadRow[], period: string): string | null {
  const from = lookbackStart(period, 12).slice(0, 7);
  const winter = reads.filter((read) => read.period >= from && read.period < period && ['12', '01', '02', '03'].includes(read.period.slice(5)) && !read.usageHcf.startsWith('-'));
  if (winter.length === 0) return null;
  const totalUnits = winter.reduce((sum, read) => sum + parseHcfUnits(read.usageHcf), 0);
  return formatHcfUnits(divideHalfUp(totalUnits, winter.length));
}

function attachExceptions(db: Sqlite, cycle: number, period: string, accounts: Map<number, AccountFacts>): void {
  const rows = db
    .prepare<{ cycle: number; period: string }, { exceptionId: number; readId: number | null; meterId: number; accountId: number | null; status: 'open' | 'held'; note: string; message: string }>(
      `SELECT id AS exceptionId, read_id AS readId, meter_id AS meterId, account_id AS accountId, status, note, message
       FROM read_exceptions WHERE cycle = @cycle AND period = @period AND status <> 'resolved'`,
    )
    .all({ cycle, period });
  const byRead = new Map(rows.filter((row) => row.readId !== null).map((row) => [row.readId, row]));
  for (const account of accounts.values()) {
    const found = account.read ? byRead.get(account.read.readId) : undefined;
    if (found) account.exception = { exceptionId: found.exceptionId, status: found.status, note: found.note, message: found.message };
  }
}

function attachBilledThrough(db: Sqlite, cycle: number, accounts: Map<number, AccountFacts>): void {
  const rows = db
    .prepare<{ cycle: number }, { accountId: number; billedThrough: string }>(
      `SELECT b.account_id AS accountId, max(b.to_date) AS billedThrough
       FROM bills b JOIN accounts a ON a.id = b.account_id JOIN service_locations l ON l.id = a.location_id
       WHERE l.cycle = @cycle AND b.status = 'posted' GROUP BY b.account_id`,
    )
    .all({ cycle });
  for (const row of rows) {
    const account = accounts.get(row.accountId);
    if (account) account.billedThrough = row.billedThrough;
  }
}

/**
 * Everything a run needs of each account of the cycle, in route order. `winterClasses`: the rate
 * classes whose wastewater is billed on the winter average (their accounts' winter reads are loaded).
 */
export function loadCycleFacts(db: Sqlite, cycle: number, period: string, options: { winterClasses: ReadonlySet<RateClass> }): AccountFacts[] {
  const accounts = loadAccounts(db, cycle, period);
  attachServices(db, cycle, accounts);
  attachReads(db, cycle, period, accounts);
  attachWinterAverages(db, period, accounts, options.winterClasses);
  attachExceptions(db, cycle, period, accounts);
  attachBilledThrough(db, cycle, accounts);
  return [...accounts.values()];
}
