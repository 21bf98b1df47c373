/** Customer accounts: customers, service locations, meters, services, contact log, search. */
import { z } from 'zod';
import { defineOperation } from './define';
import {
  email, isoDate, nonNegativeCents, optionalText, phone, positiveId, requiredText, searchQuery, usState, zipCode,
} from './fields';

export const METER_SIZES = ['5/8', '3/4', '1', '1-1/2', '2', '3', '4', '6', '8', '10'] as const;
export type MeterSize = (typeof METER_SIZES)[number];
/** Units a meter register counts in; bills are in HCF (100 cubic feet). */
export const METER_UNITS = ['CF', 'HCF', 'GAL', 'KGAL'] as const;
export type MeterUnit = (typeof METER_UNITS)[number];
export const METER_STATUSES = ['active', 'removed', 'inventory'] as const;
export const SERVICE_KINDS = ['water', 'wastewater', 'private_fire'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];
export const RATE_CLASSES = ['residential', 'multi_family', 'commercial', 'irrigation'] as const;
export type RateClass = (typeof RATE_CLASSES)[number];
export const ACCOUNT_STATUSES = ['active', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
/** Languages the district publishes notices in (SB 998). */
export const LANGUAGES = { en: 'English', es: 'Spanish', zh: 'Chinese', tl: 'Tagalog', vi: 'Vietnamese', ko: 'Korean' } as const;
export type LanguageCode = keyof typeof LANGUAGES;
export const CONTACT_CHANNELS = ['phone', 'counter', 'email', 'letter', 'field'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

const languageCode = z.enum(Object.keys(LANGUAGES) as [LanguageCode, ...LanguageCode[]]);

/** A country as its ISO 3166-1 two-letter code ("US", "MX", "CA"), one the platform's region names know. */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code)) return false;
  const name = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' }).of(code);
  return name !== undefined && name !== code && name !== 'Unknown Region';
}

const US_STATE = /^[A-Z]{2}$/;
const US_ZIP = /^\d{5}(-?\d{4})?$/;
/** A foreign postal code as written on the envelope: letters, digits, spaces and dashes ("K1A 0B1", "06600"). */
const POSTAL_CODE = /^[A-Za-z0-9](?:[A-Za-z0-9 -]*[A-Za-z0-9])?$/;

/**
 * A mailing address. `country` (ISO code, "US" when left out) decides the rules: a US address needs
 * a two-letter state and a ZIP or ZIP+4; a foreign one keeps its state or province and postal code
 * as written (either may be blank), never forced into US ZIP form.
 */
export const mailingAddressInput = z
  .object({
    street: requiredText('Street', 120),
    city: requiredText('City', 60),
    state: optionalText('State or province', 40),
    zip: optionalText('ZIP or postal code', 12),
    country: z.string().trim().toUpperCase().default('US'),
  })
  .superRefine((address, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (!isCountryCode(address.country)) return issue('country', 'Country is a two-letter code, like US, MX or CA');
    if (address.country === 'US') {
      if (!US_STATE.test(address.state.toUpperCase())) issue('state', 'State is two letters, like CA');
      if (!US_ZIP.test(address.zip)) issue('zip', 'ZIP is 5 digits or ZIP+4');
    } else if (address.zip !== '' && !POSTAL_CODE.test(address.zip)) {
      issue('zip', 'A postal code is letters, digits, spaces and dashes, as on the envelope');
    }
  })
  .overwrite((address) => (address.country === 'US' ? { ...address, state: address.state.toUpperCase() } : address));
export type MailingAddress = z.output<typeof mailingAddressInput>;

export const customerInput = z
  .object({
    kind: z.enum(['person', 'business']),
    firstName: optionalText('First name', 60),
    lastName: optionalText('Last name', 60),
    businessName: optionalText('Business name', 120),
    primaryPhone: phone,
    altPhone: phone,
    email,
    mailing: mailingAddressInput,
    preferredLanguage: languageCode.default('en'),
  })
  .superRefine((customer, ctx) => {
    if (customer.kind === 'person' && customer.lastName === '') {
      ctx.addIssue({ code: 'custom', path: ['lastName'], message: 'Last name is required for a person' });
    }
    if (customer.kind === 'business' && customer.businessName === '') {
      ctx.addIssue({ code: 'custom', path: ['businessName'], message: 'Business name is required for a business' });
    }
  });
export type CustomerInput = z.input<typeof customerInput>;

export const locationInput = z.object({
  street: requiredText('Service address', 120),
  unit: optionalText('Unit', 20),
  city: requiredText('City', 60),
  state: usState.default('CA'),
  zip: zipCode,
  parcelNumber: optionalText('Parcel number (APN)', 20),
  route: requiredText('Route', 10),
  sequence: z.number().int('Sequence is a whole number').min(0).max(999_999),
  cycle: z.number().int('Cycle is a whole number').min(1, 'Cycle is 1 or more').max(99),
});
export type LocationInput = z.input<typeof locationInput>;

export const meterInput = z.object({
  serial: requiredText('Meter serial', 30),
  size: z.enum(METER_SIZES),
  dials: z.number().int().min(3, 'A register has 3 to 9 dials').max(9, 'A register has 3 to 9 dials'),
  /** Decimal string: register units × multiplier = meter units. */
  multiplier: z.string().regex(/^\d{1,6}(\.\d{1,6})?$/, 'Multiplier is a number like 1 or 10').default('1'),
  unit: z.enum(METER_UNITS),
  installedOn: isoDate,
  initialReading: z.number().int().min(0).default(0),
});
export type MeterInput = z.input<typeof meterInput>;

export const serviceInput = z.object({
  service: z.enum(SERVICE_KINDS),
  rateClass: z.enum(RATE_CLASSES),
  dwellingUnits: z.number().int().min(1).max(999).default(1),
  fireLineSizeInches: z.number().int().min(1).max(12).optional(),
});
export type ServiceInput = z.input<typeof serviceInput>;

export interface Customer {
  customerId: number;
  kind: 'person' | 'business';
  displayName: string;
  firstName: string;
  lastName: string;
  businessName: string;
  primaryPhone: string;
  altPhone: string;
  email: string;
  mailing: MailingAddress;
  preferredLanguage: LanguageCode;
}
export interface ServiceLocation {
  locationId: number;
  street: string;
  unit: string;
  city: string;
  state: string;
  zip: string;
  parcelNumber: string;
  route: string;
  sequence: number;
  cycle: number;
}
export interface Meter {
  meterId: number;
  serial: string;
  size: MeterSize;
  dials: number;
  multiplier: string;
  unit: MeterUnit;
  installedOn: string;
  status: (typeof METER_STATUSES)[number];
}
export interface AccountService {
  serviceId: number;
  service: ServiceKind;
  rateClass: RateClass;
  dwellingUnits: number;
  fireLineSizeInches: number | null;
  startedOn: string;
  endedOn: string | null;
}
export interface AccountSearchHit {
  accountId: number;
  accountNumber: string;
  customerName: string;
  serviceAddress: string;
  status: AccountStatus;
  balanceCents: number;
  meterSerials: string[];
  phone: string;
}
export interface AccountDetail {
  accountId: number;
  accountNumber: string;
  status: AccountStatus;
  openedOn: string;
  closedOn: string | null;
  depositHeldCents: number;
  /** Why bill runs hold this account out (billing.setHold); null when it is billed normally. */
  billHoldReason: string | null;
  autopay: boolean;
  balanceCents: number;
  customer: Customer;
  location: ServiceLocation;
  meters: Meter[];
  services: AccountService[];
  openFollowUps: number;
}
export interface AccountLedgerLine {
  entryId: string;
  lineId: number;
  postedAt: string;
  effectiveDate: string;
  kind: string;
  memo: string;
  amountCents: number;
  balanceAfterCents: number;
  reversesEntryId: string | null;
  reversedByEntryId: string | null;
}
export interface MeterReadRow {
  readDate: string;
  /** As read from the register ("0141", "141.0"), in its own unit. */
  reading: string;
  usageHcf: string;
  estimated: boolean;
  source: string;
}
export interface Contact {
  contactId: number;
  accountId: number;
  at: string;
  byUser: string;
  channel: ContactChannel;
  contactName: string;
  subject: string;
  notes: string;
  followUpDue: string | null;
  followUpDoneAt: string | null;
}

export const accountsSearch = defineOperation<AccountSearchHit[]>()({
  name: 'accounts.search',
  summary: 'Find accounts by name, service address, account number, meter serial or phone',
  role: 'clerk',
  writes: false,
  input: z.object({
    query: searchQuery,
    limit: z.number().int().min(1).max(200).default(25),
    includeClosed: z.boolean().default(true),
  }),
});

export const accountsGet = defineOperation<AccountDetail>()({
  name: 'accounts.get',
  summary: 'An account with its customer, location, meters, services and balance',
  role: 'clerk',
  writes: false,
  input: z.object({ accountId: positiveId }),
});

export const accountsFindByNumber = defineOperation<AccountDetail>()({
  name: 'accounts.findByNumber',
  summary: 'An account by its account number',
  role: 'clerk',
  writes: false,
  input: z.object({ accountNumber: requiredText('Account number', 20) }),
});

export const accountsLedger = defineOperation<{ lines: AccountLedgerLine[]; balanceCents: number; hasMore: boolean }>()({
  name: 'accounts.ledger',
  summary: "An account's ledger history, newest first, with the balance after each line",
  role: 'clerk',
  writes: false,
  input: z.object({
    accountId: positiveId,
    limit: z.number().int().min(1).max(500).default(100),
    /** Line id to page before (exclusive); omit for the newest. */
    beforeLineId: z.number().int().positive().optional(),
  }),
});

export const accountsReads = defineOperation<MeterReadRow[]>()({
  name: 'accounts.reads',
  summary: "An account's meter reads, newest first",
  role: 'clerk',
  writes: false,
  input: z.object({ accountId: positiveId, limit: z.number().int().min(1).max(120).default(26) }),
});

export const accountsCreate = defineOperation<AccountDetail>()({
  name: 'accounts.create',
  summary: 'Open a new account: customer (new or existing), service location, meter and services',
  role: 'clerk',
  writes: true,
  input: z.object({
    customer: customerInput.optional(),
    existingCustomerId: positiveId.optional(),
    location: locationInput,
    meter: meterInput.optional(),
    services: z.array(serviceInput).min(1, 'Choose at least one service').max(5),
    openedOn: isoDate,
    depositHeldCents: nonNegativeCents.default(0),
    autopay: z.boolean().default(false),
  }).refine((input) => (input.customer === undefined) !== (input.existingCustomerId === undefined), {
    message: 'Give either a new customer or an existing customer, not both',
    path: ['customer'],
  }),
});

export const accountsUpdateCustomer = defineOperation<AccountDetail>()({
  name: 'accounts.updateCustomer',
  summary: "Change a customer's name, phones, email, mailing address or language",
  role: 'clerk',
  writes: true,
  input: z.object({ accountId: positiveId, customer: customerInput }),
});

export const accountsSetAutopay = defineOperation<AccountDetail>()({
  name: 'accounts.setAutopay',
  summary: 'Turn autopay on or off for an account',
  role: 'clerk',
  writes: true,
  input: z.object({ accountId: positiveId, autopay: z.boolean() }),
});

export const contactsList = defineOperation<Contact[]>()({
  name: 'contacts.list',
  summary: "An account's contact log, newest first",
  role: 'clerk',
  writes: false,
  input: z.object({ accountId: positiveId }),
});

export const contactsAdd = defineOperation<Contact>()({
  name: 'contacts.add',
  summary: 'Log a call, visit, email or letter on an account, with an optional follow-up date',
  role: 'clerk',
  writes: true,
  input: z.object({
    accountId: positiveId,
    channel: z.enum(CONTACT_CHANNELS),
    contactName: optionalText('Who called', 120),
    subject: requiredText('Subject', 120),
    notes: optionalText('Notes', 4000, 'multiline'),
    followUpDue: isoDate.optional(),
  }),
});

export const contactsCompleteFollowUp = defineOperation<Contact>()({
  name: 'contacts.completeFollowUp',
  summary: 'Mark a contact-log follow-up as done',
  role: 'clerk',
  writes: true,
  input: z.object({ contactId: positiveId }),
});
