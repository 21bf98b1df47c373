/** `accounts search | show | create`: accounts.search, accounts.findByNumber + accounts.ledger, accounts.create. */
import { readFileSync, statSync } from 'node:fs';
import type { AccountDetail, InputOf } from '../../../src-shared/contract';
import { formatCents, parseDollars } from '../../../src-shared/money';
import { CliError, usageError } from '../errors';
import { EXIT } from '../exit-codes';
import { printLine, printResult } from '../io';
import { withSession, type GlobalOptions } from '../office';
import { renderFields, renderTable } from '../table';

const MAX_JSON_FILE_BYTES = 1024 * 1024;

export interface SearchOptions extends GlobalOptions {
  limit: number;
  openOnly?: boolean;
}

export async function runAccountsSearch(text: string, options: SearchOptions): Promise<void> {
  await withSession(options, async (session) => {
    const hits = await session.call('accounts.search', { query: text, limit: options.limit, includeClosed: !options.openOnly });
    printResult(options.json === true, hits, () => {
      if (hits.length === 0) {
        printLine(`No accounts match "${text}".`);
        return;
      }
      printLine(
        renderTable(hits, [
          { header: 'Account', value: (hit) => hit.accountNumber },
          { header: 'Customer', value: (hit) => hit.customerName, maxWidth: 32 },
          { header: 'Service address', value: (hit) => hit.serviceAddress, maxWidth: 36 },
          { header: 'Status', value: (hit) => hit.status },
          { header: 'Balance', value: (hit) => formatCents(hit.balanceCents), align: 'right' },
          { header: 'Phone', value: (hit) => hit.phone },
        ]),
      );
      if (hits.length === options.limit) printLine(`(first ${options.limit} matches; narrow the search or raise --limit)`);
    });
  });
}

function serviceAddress(account: AccountDetail): string {
  const { street, unit, city, state, zip } = account.location;
  return `${street}${unit ? ` ${unit}` : ''}, ${city}, ${state} ${zip}`;
}

function printAccount(account: AccountDetail): void {
  const { customer } = account;
  const contact = [customer.primaryPhone, customer.email].filter(Boolean).join(' · ');
  printLine(
    renderFields([
      ['Account', `${account.accountNumber} (${account.status}${account.closedOn ? ` ${account.closedOn}` : ''})`],
      ['Customer', customer.displayName],
      ['Contact', contact || '—'],
      ['Service address', serviceAddress(account)],
      ['Mailing address', `${customer.mailing.street}, ${customer.mailing.city}, ${customer.mailing.state} ${customer.mailing.zip}${customer.mailing.country === 'US' ? '' : ` ${customer.mailing.country}`}`.replace(/ {2,}/g, ' ')],
      ['Opened', account.openedOn],
      ['Balance', formatCents(account.balanceCents)],
      ['Deposit held', formatCents(account.depositHeldCents)],
      ['Autopay', account.autopay ? 'yes' : 'no'],
      ['Meters', account.meters.map((meter) => `${meter.serial} (${meter.size}", ${meter.status})`).join(', ') || '—'],
      ['Services', account.services.map((service) => `${service.service} ${service.rateClass}`).join(', ') || '—'],
      ['Open follow-ups', String(account.openFollowUps)],
    ]),
  );
}

export interface ShowOptions extends GlobalOptions {
  lines: number;
}

export async function runAccountsShow(accountNumber: string, options: ShowOptions): Promise<void> {
  await withSession(options, async (session) => {
    const account = await session.call('accounts.findByNumber', { accountNumber });
    const ledger = await session.call('accounts.ledger', { accountId: account.accountId, limit: options.lines });
    printResult(options.json === true, { account, ledger }, () => {
      printAccount(account);
      printLine('');
      if (ledger.lines.length === 0) {
        printLine('No ledger lines yet.');
        return;
      }
      printLine(`Recent ledger (newest first${ledger.hasMore ? `, latest ${ledger.lines.length}` : ''}):`);
      printLine(
        renderTable(ledger.lines, [
          { header: 'Posted', value: (line) => line.postedAt.slice(0, 10) },
          { header: 'Effective', value: (line) => line.effectiveDate },
          { header: 'Kind', value: (line) => line.kind },
          { header: 'Memo', value: (line) => `${line.memo}${line.reversedByEntryId ? ' (reversed)' : ''}`, maxWidth: 40 },
          { header: 'Amount', value: (line) => formatCents(line.amountCents), align: 'right' },
          { header: 'Balance', value: (line) => formatCents(line.balanceAfterCents), align: 'right' },
        ]),
      );
    });
  });
}

/** Command-line flags of `accounts create`, and the input field each one fills. */
export interface CreateFlags {
  fromJson?: string;
  /** Idempotency key: run again with the same id and the account is not opened twice. */
  requestId?: string;
  existingCustomer?: number;
  first?: string;
  last?: string;
  business?: string;
  phone?: string;
  altPhone?: string;
  email?: string;
  language?: string;
  mailingStreet?: string;
  mailingCity?: string;
  mailingState?: string;
  mailingZip?: string;
  mailingCountry?: string;
  street?: string;
  unit?: string;
  city?: string;
  state?: string;
  zip?: string;
  apn?: string;
  route?: string;
  sequence?: string;
  cycle?: string;
  meterSerial?: string;
  meterSize?: string;
  meterDials?: string;
  meterUnit?: string;
  meterMultiplier?: string;
  meterInstalled?: string;
  meterReading?: string;
  service?: string[];
  rateClass?: string;
  dwellingUnits?: string;
  opened?: string;
  deposit?: string;
  autopay?: boolean;
}

/** Input field path → the flag that sets it, so an error names what the operator typed. */
export const FLAG_FOR_FIELD: Readonly<Record<string, string>> = {
  existingCustomerId: '--existing-customer',
  'customer.kind': '--business or --last',
  'customer.firstName': '--first',
  'customer.lastName': '--last',
  'customer.businessName': '--business',
  'customer.primaryPhone': '--phone',
  'customer.altPhone': '--alt-phone',
  'customer.email': '--email',
  'customer.preferredLanguage': '--language',
  'customer.mailing.street': '--mailing-street',
  'customer.mailing.city': '--mailing-city',
  'customer.mailing.state': '--mailing-state',
  'customer.mailing.zip': '--mailing-zip',
  'customer.mailing.country': '--mailing-country',
  'location.street': '--street',
  'location.unit': '--unit',
  'location.city': '--city',
  'location.state': '--state',
  'location.zip': '--zip',
  'location.parcelNumber': '--apn',
  'location.route': '--route',
  'location.sequence': '--sequence',
  'location.cycle': '--cycle',
  'meter.serial': '--meter-serial',
  'meter.size': '--meter-size',
  'meter.dials': '--meter-dials',
  'meter.unit': '--meter-unit',
  'meter.multiplier': '--meter-multiplier',
  'meter.installedOn': '--meter-installed',
  'meter.initialReading': '--meter-reading',
  services: '--service',
  openedOn: '--opened',
  depositHeldCents: '--deposit',
};

/** The flag behind an input field; mailing fields point at the service-address flags they were copied from. */
export function flagForField(field: string, mailingFromService = false): string | undefined {
  if (mailingFromService && field.startsWith('customer.mailing.')) {
    const serviceField = `location.${field.slice('customer.mailing.'.length)}`;
    return FLAG_FOR_FIELD[serviceField];
  }
  if (FLAG_FOR_FIELD[field]) return FLAG_FOR_FIELD[field];
  const service = /^services\.\d+\.(\w+)$/.exec(field);
  if (service) return { service: '--service', rateClass: '--rate-class', dwellingUnits: '--dwelling-units' }[service[1] as string];
  return undefined;
}

const abroad = (country: string | undefined) => country !== undefined && country.trim().toUpperCase() !== 'US';

/** No mailing flags: the mailing address is the service address. */
const mailingFromService = (flags: CreateFlags) =>
  flags.mailingStreet === undefined && flags.mailingCity === undefined && flags.mailingZip === undefined && flags.mailingState === undefined && flags.mailingCountry === undefined;

/** A whole number when the text is one; otherwise the text, for the schema to reject by field. */
function integerOrText(text: string | undefined): number | string | undefined {
  if (text === undefined) return undefined;
  return /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : text;
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as T;
}

/** Builds the accounts.create input from flags (the operation's schema does the validating). */
export function createInputFromFlags(flags: CreateFlags, today: string): InputOf<'accounts.create'> {
  const openedOn = flags.opened ?? today;
  const location = withoutUndefined({
    street: flags.street,
    unit: flags.unit,
    city: flags.city,
    state: flags.state,
    zip: flags.zip,
    parcelNumber: flags.apn,
    route: flags.route,
    sequence: integerOrText(flags.sequence),
    cycle: integerOrText(flags.cycle),
  });
  const sameAsService = mailingFromService(flags);
  const mailing = sameAsService
    ? withoutUndefined({ street: flags.street && `${flags.street}${flags.unit ? ` ${flags.unit}` : ''}`, city: flags.city, state: flags.state ?? 'CA', zip: flags.zip })
    : withoutUndefined({
        street: flags.mailingStreet,
        city: flags.mailingCity,
        // A foreign address has no US state to default to.
        state: flags.mailingState ?? (abroad(flags.mailingCountry) ? undefined : (flags.state ?? 'CA')),
        zip: flags.mailingZip,
        country: flags.mailingCountry,
      });
  const customer =
    flags.existingCustomer !== undefined
      ? undefined
      : withoutUndefined({
          kind: flags.business !== undefined ? 'business' : 'person',
          firstName: flags.first,
          lastName: flags.last,
          businessName: flags.business,
          primaryPhone: flags.phone,
          altPhone: flags.altPhone,
          email: flags.email,
          preferredLanguage: flags.language,
          mailing,
        });
  const meter =
    flags.meterSerial === undefined
      ? undefined
      : withoutUndefined({
          serial: flags.meterSerial,
          size: flags.meterSize ?? '5/8',
          dials: integerOrText(flags.meterDials ?? '6'),
          multiplier: flags.meterMultiplier,
          unit: flags.meterUnit ?? 'HCF',
          installedOn: flags.meterInstalled ?? openedOn,
          initialReading: integerOrText(flags.meterReading),
        });
  const services = (flags.service && flags.service.length > 0 ? flags.service : ['water']).map((service) =>
    withoutUndefined({ service, rateClass: flags.rateClass ?? 'residential', dwellingUnits: integerOrText(flags.dwellingUnits) }),
  );
  let depositHeldCents: number | string | undefined;
  if (flags.deposit !== undefined) depositHeldCents = parseDollars(flags.deposit) ?? flags.deposit;
  return withoutUndefined({
    customer,
    existingCustomerId: flags.existingCustomer,
    location,
    meter,
    services,
    openedOn,
    depositHeldCents,
    autopay: flags.autopay,
  }) as unknown as InputOf<'accounts.create'>;
}

function readJsonFile(path: string): unknown {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw usageError(`Cannot read ${path}`);
  }
  if (size > MAX_JSON_FILE_BYTES) throw usageError(`${path} is larger than 1 MB; that is not one account`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new CliError(EXIT.failed, `${path} is not valid JSON: ${(error as Error).message}`);
  }
}

const FIELD_FLAGS: readonly (keyof CreateFlags)[] = [
  'existingCustomer', 'first', 'last', 'business', 'phone', 'altPhone', 'email', 'language', 'mailingStreet', 'mailingCity',
  'mailingState', 'mailingZip', 'mailingCountry', 'street', 'unit', 'city', 'state', 'zip', 'apn', 'route', 'sequence', 'cycle', 'meterSerial',
  'meterSize', 'meterDials', 'meterUnit', 'meterMultiplier', 'meterInstalled', 'meterReading', 'service', 'rateClass',
  'dwellingUnits', 'opened', 'deposit', 'autopay',
];

export async function runAccountsCreate(flags: CreateFlags & GlobalOptions): Promise<void> {
  if (flags.fromJson !== undefined && FIELD_FLAGS.some((flag) => flags[flag] !== undefined)) {
    throw usageError('Give the account either in --from-json or in flags, not both');
  }
  await withSession(flags, async (session) => {
    const input = flags.fromJson !== undefined ? readJsonFile(flags.fromJson) : createInputFromFlags(flags, session.runtime.clock.today());
    let account: AccountDetail;
    try {
      account = await session.call('accounts.create', input as InputOf<'accounts.create'>, flags.requestId);
    } catch (error) {
      // Name the flag as well as the field when the account came from flags.
      if (error instanceof CliError && error.error?.field && flags.fromJson === undefined) {
        const flag = flagForField(error.error.field, mailingFromService(flags));
        if (flag) throw new CliError(error.exitCode, `${error.message} [${flag}]`, error.error);
      }
      throw error;
    }
    printResult(flags.json === true, account, () => {
      printLine(`Opened account ${account.accountNumber}.`);
      printLine('');
      printAccount(account);
    });
  });
}
