/**
 * A bill's name and addresses as printed: each laid out once by the shortening rule (fields.ts
 * fitText) for the widths of the fixed-width layout, and used as they are by the fixed-width file,
 * the CSV and the bill PDF — so the vendor's bill and the office's reprint carry the same words on
 * the same lines. A foreign mailing address keeps its province and postal code as written; the
 * US-only state and ZIP fields are left blank for it.
 */
import { fitText, type FittedText } from './fields';

/** Widths of the fixed-width fields (docs/formats/bill-print.md); the PDF lays text out the same. */
export const NAME_WIDTH = 30;
export const STREET_WIDTH = 30;
export const CITY_WIDTH = 20;
export const REGION_WIDTH = 20;
export const POSTAL_CODE_WIDTH = 12;
export const COUNTRY_NAME_WIDTH = 30;
/** Lines a name or a street may take: the published field, then its second line. */
const LINES = 2;

export interface AddressSource {
  /** The name the envelope carries: "Ana Reader" for a person, the business name otherwise. */
  mailingName: string;
  mailingStreet: string;
  mailingCity: string;
  mailingState: string;
  mailingZip: string;
  /** ISO 3166-1 code ("US" for every address in the country). */
  mailingCountry: string;
  serviceStreet: string;
  /** The unit part of serviceStreet ("Apt 5 A", "#12"), kept whole when the street is shortened; '' when none. */
  serviceUnit: string;
  serviceCity: string;
}

export interface PrintedAddress {
  name: FittedText;
  mailingStreet: FittedText;
  mailingCity: FittedText;
  serviceStreet: FittedText;
  serviceCity: FittedText;
  /** The address is outside the US: no state or ZIP in the US-only fields, the country named last. */
  abroad: boolean;
  /** ISO code, "US" at home. */
  country: string;
  /** US state (two letters) at home; '' abroad. */
  usState: string;
  /** US ZIP as entered at home; '' abroad. */
  usZip: string;
  /** State or province as written (the state at home). */
  region: FittedText;
  /** ZIP or postal code as written. */
  postalCode: string;
  /** The country's English name in capitals for the envelope's last line; '' at home. */
  countryName: FittedText;
  /** Some text was left out somewhere (it ends "..."). */
  shortened: boolean;
}

const countryNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** "MX" → "MEXICO": the last line of a foreign address, as postal services ask for it. */
export const countryName = (code: string): string => (countryNames.of(code) ?? code).toUpperCase();

/**
 * The last record laid out: a file's fields and columns are written record by record, so one
 * entry serves every field of a record (a WeakMap of 50,000 records cost more in collection than
 * the layout itself).
 */
let last: { source: AddressSource; printed: PrintedAddress } | null = null;

/** The address block of a bill, laid out once per record although many fields ask. */
export function printedAddress(source: AddressSource): PrintedAddress {
  if (last?.source !== source) last = { source, printed: layOut(source) };
  return last.printed;
}

function layOut(source: AddressSource): PrintedAddress {
  const country = source.mailingCountry === '' ? 'US' : source.mailingCountry;
  const abroad = country !== 'US';
  const name = fitText(source.mailingName, NAME_WIDTH, LINES);
  const mailingStreet = fitText(source.mailingStreet, STREET_WIDTH, LINES, { street: true });
  const mailingCity = fitText(source.mailingCity, CITY_WIDTH, 1);
  const serviceStreet = fitText(source.serviceStreet, STREET_WIDTH, LINES, { street: true, unit: source.serviceUnit });
  const serviceCity = fitText(source.serviceCity, CITY_WIDTH, 1);
  const region = fitText(source.mailingState, REGION_WIDTH, 1);
  const countryLine = fitText(abroad ? countryName(country) : '', COUNTRY_NAME_WIDTH, 1);
  // Built field by field, not spread: this runs once per bill of a 50,000-bill file.
  return {
    name, mailingStreet, mailingCity, serviceStreet, serviceCity, region, countryName: countryLine,
    abroad,
    country,
    usState: abroad ? '' : source.mailingState,
    usZip: abroad ? '' : source.mailingZip,
    postalCode: source.mailingZip,
    shortened: name.cut || mailingStreet.cut || mailingCity.cut || serviceStreet.cut || serviceCity.cut || region.cut || countryLine.cut,
  };
}

/** The envelope's lines after the name: street lines, the city line, and the country abroad. */
export function mailingLines(address: PrintedAddress): string[] {
  const city = address.mailingCity.lines[0] ?? '';
  const place = address.abroad
    ? [city, address.region.lines[0] ?? '', address.postalCode].filter(Boolean).join(' ')
    : `${city}, ${address.usState} ${address.usZip}`;
  return [...address.mailingStreet.lines, place, ...address.countryName.lines];
}

/**
 * The service address as pieces that are never broken inside ("1234 Northwestern Boulevard",
 * "Apt 5 A,", "Valle Verde"): the street's lines as the print file has them, then the city. A page
 * too narrow for all of them wraps between pieces, so a unit is never split across lines.
 */
export function serviceAddressParts(address: PrintedAddress): string[] {
  const street = [...address.serviceStreet.lines];
  const city = address.serviceCity.lines;
  if (street.length > 0 && city.length > 0) street[street.length - 1] += ',';
  return [...street, ...city];
}
