/** Demo customers: households, businesses, landlords and irrigation owners, with phones and mail. */
import type { Customer, LanguageCode, MailingAddress } from '../../../src-shared/contract/accounts';
export type { MailingAddress };
import {
  BUSINESS_PREFIXES,
  COMMERCIAL_KINDS,
  IRRIGATION_OWNERS,
  LANDLORD_KINDS,
  MAILING_ELSEWHERE,
  NAME_POOLS,
  ORIGIN_WEIGHTS,
  PUBLIC_IRRIGATION_OWNERS,
  STREET_NAMES,
  STREET_SUFFIXES,
} from './names';
import type { Random } from './random';

export const DEMO_CITY = 'Valle Verde';
export const DEMO_STATE = 'CA';
const AREA_CODES = ['209', '209', '209', '209', '559', '916', '925'] as const;

/** A customer as the demo plans it: the contract's Customer before it has an id or a display name. */
export type PlannedCustomer = Omit<Customer, 'customerId' | 'displayName'>;

/** A phone in the fictional 555 exchange, mostly "(209) 555-0134", some as converted "209-555-0134". */
function phoneNumber(random: Random): string {
  const area = random.pick(AREA_CODES);
  const line = String(random.int(0, 9999)).padStart(4, '0');
  return random.chance(0.15) ? `${area}-555-${line}` : `(${area}) 555-${line}`;
}

/** Letters and digits only, accents dropped: "O'Brien" → "obrien", "García" → "garcia". */
function emailPart(text: string): string {
  return text.normalize('NFD').replace(/[^A-Za-z0-9]/g, '').toLowerCase();
}

function poBox(random: Random, zip: string): MailingAddress {
  return { street: `PO Box ${random.int(1, 4999)}`, city: DEMO_CITY, state: DEMO_STATE, zip, country: 'US' };
}

function addressElsewhere(random: Random): MailingAddress {
  const place = random.pick(MAILING_ELSEWHERE);
  const street = `${random.int(100, 9999)} ${random.pick(STREET_NAMES)} ${random.pick(STREET_SUFFIXES)}`;
  return { street, city: place.city, state: place.state, zip: place.zip, country: 'US' };
}

/** A household; most get their bill at the service address. */
export function planPerson(random: Random, serviceAddress: MailingAddress): PlannedCustomer {
  const origin = random.weighted(ORIGIN_WEIGHTS);
  const pool = NAME_POOLS[origin];
  const firstName = random.pick(pool.firstNames);
  const lastName = random.pick(pool.lastNames);
  const mailingRoll = random.next();
  const mailing = mailingRoll < 0.08 ? poBox(random, serviceAddress.zip) : mailingRoll < 0.12 ? addressElsewhere(random) : serviceAddress;
  const email = random.chance(0.45)
    ? `${emailPart(firstName)}.${emailPart(lastName)}${random.chance(0.5) ? random.int(1, 99) : ''}@example.${random.pick(['com', 'net', 'org'])}`
    : '';
  return {
    kind: 'person',
    firstName,
    lastName,
    businessName: '',
    primaryPhone: random.chance(0.92) ? phoneNumber(random) : '',
    altPhone: random.chance(0.2) ? phoneNumber(random) : '',
    email,
    mailing,
    preferredLanguage: random.chance(pool.ownLanguageShare) ? origin : 'en',
  };
}

function planBusinessNamed(random: Random, businessName: string, mailing: MailingAddress): PlannedCustomer {
  const hasContact = random.chance(0.6);
  const contactPool = NAME_POOLS[random.weighted(ORIGIN_WEIGHTS)];
  return {
    kind: 'business',
    firstName: hasContact ? random.pick(contactPool.firstNames) : '',
    lastName: hasContact ? random.pick(contactPool.lastNames) : '',
    businessName,
    primaryPhone: phoneNumber(random),
    altPhone: random.chance(0.3) ? phoneNumber(random) : '',
    email: random.chance(0.7) ? `billing@${emailPart(businessName)}.example` : '',
    mailing,
    preferredLanguage: 'en',
  };
}

export function planShop(random: Random, serviceAddress: MailingAddress): PlannedCustomer {
  const suffix = random.pick(['', '', '', ' Inc.', ' LLC']);
  const name = `${random.pick(BUSINESS_PREFIXES)} ${random.pick(COMMERCIAL_KINDS)}${suffix}`;
  return planBusinessNamed(random, name, random.chance(0.3) ? poBox(random, serviceAddress.zip) : serviceAddress);
}

/** A landlord billed for rentals: a management company or a family trust, mail usually out of town. */
export function planLandlord(random: Random, zip: string): PlannedCustomer {
  const name = random.chance(0.3)
    ? `${random.pick(NAME_POOLS[random.weighted(ORIGIN_WEIGHTS)].lastNames)} Family Trust`
    : `${random.pick(BUSINESS_PREFIXES)} ${random.pick(LANDLORD_KINDS)}`;
  return planBusinessNamed(random, name, random.chance(0.6) ? addressElsewhere(random) : poBox(random, zip));
}

export function planIrrigationOwner(random: Random, zip: string): PlannedCustomer {
  const name = random.chance(0.3)
    ? random.pick(PUBLIC_IRRIGATION_OWNERS)
    : `${random.pick(BUSINESS_PREFIXES)} ${random.pick(IRRIGATION_OWNERS)}`;
  return planBusinessNamed(random, name, poBox(random, zip));
}
