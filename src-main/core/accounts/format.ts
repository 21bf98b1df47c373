/**
 * Pure formatting rules for accounts: display names, service addresses, account numbers and the
 * alternative spellings of phones, serials and account numbers the search index carries.
 * No database access here, so the rules are unit-tested on their own.
 */

export interface NameParts {
  kind: 'person' | 'business';
  firstName: string;
  lastName: string;
  businessName: string;
}

/** How the office lists a customer: "Last, First" for a person, the name for a business. */
export function displayName(customer: NameParts): string {
  if (customer.kind === 'business') return customer.businessName;
  return customer.firstName === '' ? customer.lastName : `${customer.lastName}, ${customer.firstName}`;
}

export interface AddressParts {
  street: string;
  unit: string;
  city: string;
}

/** "120 Oak St #4, Valle Verde"; a unit that already names itself ("Apt 4", "Ste B") keeps its word. */
export function formatServiceAddress(location: AddressParts): string {
  const unit = location.unit === '' ? '' : /^[A-Za-z]{2,}/.test(location.unit) ? ` ${location.unit}` : ` #${location.unit}`;
  return `${location.street}${unit}, ${location.city}`;
}

/** Digits of the customer number: six, so the office's printed forms line up. */
export const CUSTOMER_NUMBER_DIGITS = 6;
/** Digits of the per-customer account suffix. */
export const ACCOUNT_SUFFIX_DIGITS = 2;

/**
 * District-style account number `NNNNNN-SS`: the customer number, then which of that customer's
 * accounts this is. The customer number is the customer's row id, so it never repeats; past
 * 999999 customers or 99 accounts the parts simply grow a digit rather than collide.
 */
export function formatAccountNumber(customerId: number, suffix: number): string {
  return `${String(customerId).padStart(CUSTOMER_NUMBER_DIGITS, '0')}-${String(suffix).padStart(ACCOUNT_SUFFIX_DIGITS, '0')}`;
}

/** Text as the search tokenizer sees it: accents removed, lower case ("García" → "garcia"). */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const digitsOf = (text: string) => text.replace(/\D/g, '');

/**
 * Spellings of an account number a clerk may type: as printed ("001234-01"), run together
 * ("00123401") and without the leading zeros ("1234-01").
 */
export function accountNumberSearchText(accountNumber: string): string {
  const compact = accountNumber.replace(/[^\p{L}\p{N}]/gu, '');
  const unpadded = accountNumber.replace(/^0+(?=\d)/, '');
  return uniqueWords([accountNumber, compact, unpadded]);
}

/** Serials as printed ("MTR-0012") and run together ("MTR0012"): barcode scanners drop the dash. */
export function meterSerialsSearchText(serials: readonly string[]): string {
  return uniqueWords(serials.flatMap((serial) => [serial, serial.replace(/[^\p{L}\p{N}]/gu, '')]));
}

/**
 * A phone as written plus its digit forms, so "555-0134", "5550134", "(209) 555-0134" and
 * "2095550134" all find it: the full digits, the seven-digit local number run together, and the
 * local number grouped "ddd dddd" (one FTS phrase per typed group).
 */
export function phoneSearchText(phones: readonly string[]): string {
  const words: string[] = [];
  for (const phone of phones) {
    if (phone.trim() === '') continue;
    let digits = digitsOf(phone);
    if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
    words.push(phone, digits);
    if (digits.length >= 10) {
      const local = digits.slice(3, 10);
      words.push(local, `${digits.slice(0, 3)} ${local.slice(0, 3)} ${local.slice(3)}`);
    } else if (digits.length === 7) {
      words.push(`${digits.slice(0, 3)} ${digits.slice(3)}`);
    }
  }
  return uniqueWords(words);
}

/**
 * Text plus run-together forms of words with inner punctuation ("O'Brien" → "OBrien",
 * "Min-jun" → "Minjun"): the tokenizer splits at the apostrophe, but clerks type "obrien".
 */
export function withCompactWords(text: string): string {
  const compact = text
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}][^\p{L}\p{N}\s]+[\p{L}\p{N}]/u.test(word))
    .map((word) => word.replace(/[^\p{L}\p{N}]/gu, ''));
  return uniqueWords([text, ...compact]);
}

function uniqueWords(parts: readonly string[]): string {
  return [...new Set(parts.filter((part) => part !== ''))].join(' ');
}
