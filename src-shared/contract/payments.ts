/**
 * Payments and the cash drawer: input schemas and shared tables (no operations yet).
 *
 * What lives here is what both sides need: the tender kinds and their fields, the US
 * denominations a drawer is counted in (the count screen shows their labels), the district's
 * payment-application rules and the lockbox file formats. The rules behind them (change, credit,
 * over/short, allocation, file parsing) are in src-main/core/payments, which validates its own
 * input with these same schemas.
 *
 * Card data (PCI DSS): a card tender carries the last four digits and the authorisation code,
 * nothing more. Every text field of a tender refuses anything that looks like a full card number
 * (13–19 digits passing the Luhn check), and the refusal never repeats the digits.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Limits (GUIDE §6: a bound on everything)

/** Largest single payment or tender: $10,000,000.00. No water bill comes near it. */
export const MAX_PAYMENT_CENTS = 1_000_000_000;
/** Most tenders on one receipt (a split of cash, two checks and a card is four). */
export const MAX_TENDERS_PER_PAYMENT = 10;
/** Most pieces of one denomination in a drawer count. */
export const MAX_DENOMINATION_COUNT = 100_000;
/** Most checks or money orders listed at one drawer close. */
export const MAX_LISTED_ITEMS = 5_000;

// ---------------------------------------------------------------------------------------------
// Card numbers

const CARD_NUMBER_MIN_DIGITS = 13;
const CARD_NUMBER_MAX_DIGITS = 19;
/** Runs of digits, allowing a single space or dash between them ("4111 1111-1111 1111"). */
const DIGIT_RUN = /\d(?:[ -]?\d)*/g;

/** The Luhn (mod 10) check every payment card number satisfies. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    const digit = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (digit < 0 || digit > 9) return false;
    const doubled = index % 2 === 1 ? digit * 2 : digit;
    sum += doubled > 9 ? doubled - 9 : doubled;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * True when the text contains something that looks like a full card number: a run of 13–19
 * digits (spaces or dashes between groups allowed) that passes the Luhn check. Longer runs are
 * not card numbers and are not searched inside, so long reference numbers stay usable.
 */
export function containsCardNumber(text: string): boolean {
  for (const match of text.matchAll(DIGIT_RUN)) {
    const digits = match[0].replace(/[ -]/g, '');
    if (digits.length >= CARD_NUMBER_MIN_DIGITS && digits.length <= CARD_NUMBER_MAX_DIGITS && passesLuhn(digits)) return true;
  }
  return false;
}

export const CARD_NUMBER_REFUSED =
  'That looks like a full card number, which the office never takes or stores. For a card payment enter only the last four digits and the authorisation code from the terminal.';

/** Trimmed text that is never a card number, checked before any format rule so that message wins. */
const cardSafeText = () =>
  z
    .string()
    .trim()
    .refine((text) => !containsCardNumber(text), { message: CARD_NUMBER_REFUSED, abort: true });

// ---------------------------------------------------------------------------------------------
// Tenders

export const TENDER_KINDS = ['cash', 'check', 'card', 'money_order'] as const;
export type TenderKind = (typeof TENDER_KINDS)[number];
export const TENDER_KIND_LABELS: Record<TenderKind, string> = {
  cash: 'Cash',
  check: 'Check',
  card: 'Card',
  money_order: 'Money order',
};

export const tenderAmountCents = z
  .number()
  .int('Amounts are whole cents')
  .positive('A tender must be more than $0.00')
  .max(MAX_PAYMENT_CENTS, 'A tender is at most $10,000,000.00');

export const cashTender = z.strictObject({ kind: z.literal('cash'), amountCents: tenderAmountCents });

export const checkTender = z.strictObject({
  kind: z.literal('check'),
  amountCents: tenderAmountCents,
  /** The check's serial number as printed (top right and in the MICR line). */
  checkNumber: cardSafeText().regex(/^\d{1,12}$/, 'The check number is 1 to 12 digits, as printed on the check'),
  /** The bank the check is drawn on (for the deposit slip and returned-check follow-up). */
  bank: cardSafeText().min(1, 'Enter the bank the check is drawn on').max(60, 'The bank name is at most 60 characters'),
});

export const cardTender = z.strictObject(
  {
    kind: z.literal('card'),
    amountCents: tenderAmountCents,
    lastFour: cardSafeText().regex(/^\d{4}$/, 'Enter the last four digits of the card, exactly four digits'),
    authorizationCode: cardSafeText()
      .toUpperCase()
      .regex(/^[A-Z0-9]{1,12}$/, 'The authorisation code is 1 to 12 letters or digits, as printed on the terminal slip'),
  },
  // A caller sending cardNumber/pan/cvv alongside is refused outright rather than stripped.
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `A card tender takes only the last four digits and the authorisation code (not ${issue.keys.join(', ')}); card numbers are never stored` : undefined) },
);

export const moneyOrderTender = z.strictObject({
  kind: z.literal('money_order'),
  amountCents: tenderAmountCents,
  /** The money order's serial number (listed on the deposit slip like a check number). */
  serialNumber: cardSafeText().regex(/^[A-Za-z0-9-]{1,12}$/, 'The money order number is 1 to 12 letters or digits'),
  /** Who issued it (USPS, Western Union...), for the deposit slip. Optional. */
  issuer: cardSafeText().max(60, 'The issuer is at most 60 characters').optional().default(''),
});

export const tender = z.discriminatedUnion('kind', [cashTender, checkTender, cardTender, moneyOrderTender], {
  error: 'Choose a tender: cash, check, card or money order',
});
export type TenderInput = z.input<typeof tender>;
export type Tender = z.output<typeof tender>;
export type CashTender = z.output<typeof cashTender>;
export type CheckTender = z.output<typeof checkTender>;
export type CardTender = z.output<typeof cardTender>;
export type MoneyOrderTender = z.output<typeof moneyOrderTender>;

export const tenders = z
  .array(tender)
  .min(1, 'Add at least one tender (cash, check, card or money order)')
  .max(MAX_TENDERS_PER_PAYMENT, `At most ${MAX_TENDERS_PER_PAYMENT} tenders on one receipt`);

/**
 * What the counter sends to settle one receipt: the amount the customer is paying (across all
 * accounts on the receipt) and what they hand over. Tenders must cover the amount.
 */
export const tenderSettlementInput = z.object({
  amountCents: z
    .number()
    .int('Amounts are whole cents')
    .positive('The payment must be more than $0.00')
    .max(MAX_PAYMENT_CENTS, 'A payment is at most $10,000,000.00'),
  tenders,
  /** The customer leaves the cash change on the account as a credit instead of taking it. */
  changeAsCredit: z.boolean().optional().default(false),
  /**
   * What to do when non-cash tenders alone exceed the amount (a $100 check for an $80 bill):
   * `credit` takes the whole check and credits the excess; `refuse` asks for a new amount.
   */
  nonCashExcess: z.enum(['credit', 'refuse']).optional().default('credit'),
});
export type TenderSettlementInput = z.input<typeof tenderSettlementInput>;

// ---------------------------------------------------------------------------------------------
// Denominations

/**
 * US currency and coin, and the standard bank rolls of coin (Federal Reserve wrapped-coin
 * standard: 50 pennies, 40 nickels, 50 dimes, 40 quarters, 20 halves, 25 dollar coins).
 * Codes are stable (stored with counts); the order is the order of a count sheet.
 */
export const DENOMINATIONS = [
  { code: 'bill_100', label: '$100 bills', kind: 'currency', valueCents: 10_000 },
  { code: 'bill_50', label: '$50 bills', kind: 'currency', valueCents: 5_000 },
  { code: 'bill_20', label: '$20 bills', kind: 'currency', valueCents: 2_000 },
  { code: 'bill_10', label: '$10 bills', kind: 'currency', valueCents: 1_000 },
  { code: 'bill_5', label: '$5 bills', kind: 'currency', valueCents: 500 },
  { code: 'bill_2', label: '$2 bills', kind: 'currency', valueCents: 200 },
  { code: 'bill_1', label: '$1 bills', kind: 'currency', valueCents: 100 },
  { code: 'coin_100', label: 'Dollar coins', kind: 'coin', valueCents: 100 },
  { code: 'coin_50', label: 'Half dollars', kind: 'coin', valueCents: 50 },
  { code: 'coin_25', label: 'Quarters', kind: 'coin', valueCents: 25 },
  { code: 'coin_10', label: 'Dimes', kind: 'coin', valueCents: 10 },
  { code: 'coin_5', label: 'Nickels', kind: 'coin', valueCents: 5 },
  { code: 'coin_1', label: 'Pennies', kind: 'coin', valueCents: 1 },
  { code: 'roll_100', label: 'Rolls of dollar coins ($25.00)', kind: 'coin', valueCents: 2_500 },
  { code: 'roll_50', label: 'Rolls of half dollars ($10.00)', kind: 'coin', valueCents: 1_000 },
  { code: 'roll_25', label: 'Rolls of quarters ($10.00)', kind: 'coin', valueCents: 1_000 },
  { code: 'roll_10', label: 'Rolls of dimes ($5.00)', kind: 'coin', valueCents: 500 },
  { code: 'roll_5', label: 'Rolls of nickels ($2.00)', kind: 'coin', valueCents: 200 },
  { code: 'roll_1', label: 'Rolls of pennies ($0.50)', kind: 'coin', valueCents: 50 },
] as const;
export type Denomination = (typeof DENOMINATIONS)[number];
export type DenominationCode = Denomination['code'];
export const DENOMINATION_CODES = DENOMINATIONS.map((denomination) => denomination.code) as [DenominationCode, ...DenominationCode[]];

export const denominationCount = z
  .number({ error: 'Enter a count (a whole number, 0 or more)' })
  .int('A count is a whole number of bills, coins or rolls')
  .min(0, 'A count cannot be negative')
  .max(MAX_DENOMINATION_COUNT, `A count is at most ${MAX_DENOMINATION_COUNT.toLocaleString('en-US')}`);

/** Pieces counted per denomination; a denomination left out counts as none. */
export const denominationCounts = z.partialRecord(z.enum(DENOMINATION_CODES), denominationCount, {
  // The record's own issues are about keys (an unknown denomination code); the count's are its own.
  error: (issue) =>
    issue.code === 'invalid_type'
      ? 'Enter the counts as denomination: count pairs'
      : `Not a US denomination this drawer counts${'keys' in issue && Array.isArray(issue.keys) ? ` (${issue.keys.join(', ')})` : ''}: use ${DENOMINATION_CODES.join(', ')}`,
});
export type DenominationCounts = z.output<typeof denominationCounts>;

// ---------------------------------------------------------------------------------------------
// Drawer close

/** A check or money order the clerk lists at close, as it lies in the drawer. */
export const listedItem = z.object({
  kind: z.enum(['check', 'money_order']),
  /** Check number or money order serial, as printed. */
  number: cardSafeText().regex(/^[A-Za-z0-9-]{1,12}$/, 'The number is 1 to 12 letters or digits, as printed'),
  amountCents: tenderAmountCents,
});
export type ListedItem = z.output<typeof listedItem>;

export const drawerCloseCount = z.object({
  /** Cash in the drawer by denomination, the float included. */
  cash: denominationCounts,
  /** Every check and money order in the drawer. */
  items: z.array(listedItem).max(MAX_LISTED_ITEMS, `At most ${MAX_LISTED_ITEMS} checks and money orders at one close`),
  /** The card terminal's batch total for the drawer's session; null when not compared. */
  cardBatchTotalCents: z.number().int('Amounts are whole cents').min(0, 'The batch total cannot be negative').max(MAX_PAYMENT_CENTS * 10).nullable().optional().default(null),
});
export type DrawerCloseCountInput = z.input<typeof drawerCloseCount>;
export type DrawerCloseCount = z.output<typeof drawerCloseCount>;

// ---------------------------------------------------------------------------------------------
// Payment application (district setting)

/**
 * How a payment that does not pay everything is spread over the open charges:
 * - `oldest_first` (the default): oldest charge first, whatever its kind;
 * - `penalties_past_due_current`: penalties and fees first, then past-due charges, then current.
 */
export const PAYMENT_APPLICATION_RULES = ['oldest_first', 'penalties_past_due_current'] as const;
export type PaymentApplicationRule = (typeof PAYMENT_APPLICATION_RULES)[number];
export const DEFAULT_PAYMENT_APPLICATION_RULE: PaymentApplicationRule = 'oldest_first';
export const PAYMENT_APPLICATION_RULE_LABELS: Record<PaymentApplicationRule, string> = {
  oldest_first: 'Oldest charges first',
  penalties_past_due_current: 'Penalties, then past due, then current',
};
export const paymentApplicationRule = z.enum(PAYMENT_APPLICATION_RULES, {
  error: 'Choose oldest charges first, or penalties then past due then current',
});

// ---------------------------------------------------------------------------------------------
// Lockbox files

export const LOCKBOX_FORMATS = ['lockbox-csv', 'bai2'] as const;
export type LockboxFormat = (typeof LOCKBOX_FORMATS)[number];
export const LOCKBOX_FORMAT_LABELS: Record<LockboxFormat, string> = {
  'lockbox-csv': 'Lockbox CSV (Billing Office profile)',
  bai2: 'BAI2 (bank lockbox detail)',
};
/** Largest lockbox file accepted (base64 of it must fit a transport request). */
export const MAX_LOCKBOX_FILE_BYTES = 5 * 1024 * 1024;

export const lockboxFileInput = z.object({
  format: z.enum(LOCKBOX_FORMATS, { error: 'Choose the file format: lockbox CSV or BAI2' }),
  fileName: z.string().trim().min(1, 'The file name is required').max(255, 'The file name is at most 255 characters'),
  contentBase64: z
    .string()
    .min(1, 'The file is empty')
    .max(Math.ceil(MAX_LOCKBOX_FILE_BYTES / 3) * 4 + 4, 'The file is larger than 5 MB'),
});
export type LockboxFileInput = z.input<typeof lockboxFileInput>;
