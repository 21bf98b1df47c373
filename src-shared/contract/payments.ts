/**
 * Payments and the cash drawer: input schemas, shared tables and the operations (issue #5).
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
import { defineOperation } from './define';
import { isoDate, positiveId, requiredText, safeText, uuid } from './fields';
import type { AuditSeal } from './system';

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
  /**
   * The bank the check is drawn on (for the deposit slip and returned-check follow-up). Optional:
   * the MICR line on the check names it, and a mail keyer should not have to type it per envelope.
   */
  bank: cardSafeText().max(60, 'The bank name is at most 60 characters').optional().default(''),
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

export const LOCKBOX_FORMATS = ['lockbox-csv', 'bai2', 'bai-lockbox'] as const;
export type LockboxFormat = (typeof LOCKBOX_FORMATS)[number];
export const LOCKBOX_FORMAT_LABELS: Record<LockboxFormat, string> = {
  'lockbox-csv': 'Lockbox CSV (Billing Office profile)',
  bai2: 'BAI2 (bank lockbox detail)',
  'bai-lockbox': 'BAI lockbox transmission (80-character records 1, 2, 5, 6, 4, 7, 8, 9)',
};
/** Largest lockbox file accepted (base64 of it must fit a transport request). */
export const MAX_LOCKBOX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Which BAI2 detail (16) records are lockbox payments and which are the deposit's total: an office
 * setting, because banks differ (BAI's own codes are 116 "Item in Lockbox Deposit" and 115
 * "Lockbox Deposit"). Only BAI2 files use them.
 */
export interface LockboxTypeCodes {
  itemCodes: string[];
  depositCodes: string[];
}
export const DEFAULT_LOCKBOX_TYPE_CODES: LockboxTypeCodes = { itemCodes: ['116'], depositCodes: ['115'] };
export const MAX_LOCKBOX_TYPE_CODES = 10;
const BAI2_TYPE_CODE_RULE = 'A BAI2 detail type code is three digits from 100 to 999, like 116 (codes under 100 are balances, not transactions)';
export const bai2TypeCode = z.string({ error: BAI2_TYPE_CODE_RULE }).trim().regex(/^[1-9]\d\d$/, BAI2_TYPE_CODE_RULE);
const itemCodeList = z
  .array(bai2TypeCode, { error: 'List the item type codes, like 116' })
  .min(1, 'Name at least one item type code (BAI2 lockbox payments are usually 116)')
  .max(MAX_LOCKBOX_TYPE_CODES, `At most ${MAX_LOCKBOX_TYPE_CODES} item type codes`)
  .refine((codes) => new Set(codes).size === codes.length, 'A type code is listed twice');
export const lockboxTypeCodes = z
  .object({
    itemCodes: itemCodeList,
    depositCodes: z
      .array(bai2TypeCode, { error: 'List the deposit type codes, like 115 (or none)' })
      .max(MAX_LOCKBOX_TYPE_CODES, `At most ${MAX_LOCKBOX_TYPE_CODES} deposit type codes`)
      .refine((codes) => new Set(codes).size === codes.length, 'A type code is listed twice'),
  })
  .superRefine((codes, context) => {
    const both = codes.itemCodes.filter((code) => codes.depositCodes.includes(code));
    if (both.length > 0) {
      context.addIssue({ code: 'custom', path: ['depositCodes'], message: `${both.join(', ')} cannot be both a payment (item) code and a deposit-total code: a deposit's total would be posted as a payment` });
    }
  });

export const lockboxFileInput = z.object({
  format: z.enum(LOCKBOX_FORMATS, { error: 'Choose the file format: lockbox CSV, BAI2 or BAI lockbox' }),
  /**
   * BAI2 only: the item type codes for this one file, instead of the office's setting (a bank
   * file sent with other codes). The deposit codes stay the setting's, less any given here.
   */
  itemCodes: itemCodeList.optional(),
  fileName: safeText('File name').min(1, 'The file name is required').max(255, 'The file name is at most 255 characters'),
  contentBase64: z
    .string()
    .min(1, 'The file is empty')
    .max(Math.ceil(MAX_LOCKBOX_FILE_BYTES / 3) * 4 + 4, 'The file is larger than 5 MB'),
});
export type LockboxFileInput = z.input<typeof lockboxFileInput>;

// =============================================================================================
// Operations: the drawer, payments, batches, lockbox imports, deposits, end of day (issue #5)


export const PAYMENT_CHANNELS = ['counter', 'mail', 'dropbox', 'lockbox'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];
export const DRAWER_STATUSES = ['open', 'closed', 'deposited'] as const;
export type DrawerStatus = (typeof DRAWER_STATUSES)[number];
export type PaymentStatus = 'posted' | 'voided' | 'returned';
/** Most accounts paid on one receipt (a landlord paying for a row of units). */
export const MAX_ACCOUNTS_PER_RECEIPT = 50;
/** Most drawers in one deposit. */
export const MAX_DRAWERS_PER_DEPOSIT = 50;

const workstation = safeText('Workstation name').min(1, 'Name the workstation (the counter position)').max(40, 'The workstation name is at most 40 characters');

/** A tender as stored and shown on a receipt. */
export interface TenderView {
  lineNo: number;
  kind: TenderKind;
  amountCents: number;
  /** "Check 1043 (Valley Bank) $52.00". */
  description: string;
  itemNumber: string | null;
  drawnOn: string | null;
  cardLastFour: string | null;
  cardAuthorization: string | null;
}

export interface ReceiptAccountLine {
  accountId: number;
  accountNumber: string;
  customerName: string;
  serviceAddress: string;
  amountCents: number;
  /** The account's balance just after this payment posted (a credit is negative). */
  balanceAfterCents: number;
}

export interface Receipt {
  paymentId: string;
  receiptNumber: string;
  channel: PaymentChannel;
  status: PaymentStatus;
  businessDate: string;
  receivedAt: string;
  clerk: string;
  drawerId: number | null;
  workstation: string | null;
  batchId: number | null;
  lockboxImportId: number | null;
  payerName: string;
  accounts: ReceiptAccountLine[];
  tenders: TenderView[];
  amountCents: number;
  tenderedCents: number;
  changeCents: number;
  creditCents: number;
  paymentCents: number;
  journalEntryId: string;
  voided: { at: string; by: string; approvedBy: string | null; reason: string; entryId: string } | null;
  returned: { at: string; by: string; reason: string; entryId: string; feeCents: number } | null;
  /** True on a reprint (the receipt says "REPRINT"). */
  reprint: boolean;
  /** True when this call found the payment already posted (a retry): nothing new was written. */
  replayed: boolean;
}

export interface DrawerTotals {
  openingFloatCents: number;
  cashInCents: number;
  changeOutCents: number;
  /** What the drawer should hold in cash: float + cash in − change out. */
  expectedCashCents: number;
  checkCents: number;
  moneyOrderCents: number;
  cardCents: number;
  paymentCount: number;
  voidedCount: number;
}

export interface TenderComparisonView {
  tender: TenderKind;
  expectedCents: number;
  countedCents: number | null;
  overShortCents: number | null;
}

export interface DrawerReconciliationView {
  countedCashCents: number;
  countedCurrencyCents: number;
  countedCoinCents: number;
  comparisons: TenderComparisonView[];
  missingItems: { kind: 'check' | 'money_order'; number: string; amountCents: number; receiptNumber: string }[];
  unexpectedItems: { kind: 'check' | 'money_order'; number: string; amountCents: number }[];
  overShortCents: number;
  cardDifferenceCents: number | null;
  balanced: boolean;
  findings: string[];
}

export interface DrawerView {
  drawerId: number;
  clerkUserId: number;
  clerk: string;
  workstation: string;
  businessDate: string;
  status: DrawerStatus;
  openedAt: string;
  floatCounts: DenominationCounts;
  closedAt: string | null;
  totals: DrawerTotals;
  /** Set once closed. */
  reconciliation: DrawerReconciliationView | null;
  overShortReason: string | null;
  overShortEntryId: string | null;
  depositId: number | null;
  /** Closed with nothing for the bank (cash = float, no checks or money orders): settled without a deposit. */
  nothingToDeposit: boolean;
  openBatchIds: number[];
}

export interface BatchView {
  batchId: number;
  drawerId: number;
  channel: 'mail' | 'dropbox';
  status: 'open' | 'closed';
  controlCount: number;
  controlTotalCents: number;
  /** Entries keyed so far (voided ones left out). */
  entryCount: number;
  entryTotalCents: number;
  /** Entries − control: zero in both when the batch may close. */
  countDifference: number;
  totalDifferenceCents: number;
  openedAt: string;
  closedAt: string | null;
  note: string;
}

export interface LockboxLineView {
  line: number;
  accountNumber: string;
  accountId: number | null;
  amountCents: number;
  checkNumber: string | null;
  depositDate: string;
}

export interface LockboxPreview {
  fileName: string;
  format: LockboxFormat;
  /** BAI2: the type codes the file was read with, and whether they are the office's setting; else null. */
  typeCodes: (LockboxTypeCodes & { fromSetting: boolean }) | null;
  fileSha256: string;
  itemCount: number;
  totalCents: number;
  items: LockboxLineView[];
  /** Line-numbered problems; empty when the file may be imported. */
  problems: { line: number; field?: string; message: string }[];
  notes: string[];
  /** Set when this exact file was imported before. */
  duplicateOf: { importId: number; fileName: string; importedAt: string } | null;
  canImport: boolean;
}

export interface LockboxImportResult {
  importId: number;
  fileName: string;
  itemCount: number;
  totalCents: number;
  firstReceiptNumber: string;
  lastReceiptNumber: string;
}

export interface DepositSlipItem {
  kind: 'check' | 'money_order';
  number: string;
  drawnOn: string;
  amountCents: number;
  receiptNumber: string;
  drawerId: number;
}

/** A deposit before it is made: what the slip will hold (deposit.preview). */
export interface DepositPreview {
  drawerIds: number[];
  currencyCents: number;
  coinCents: number;
  items: DepositSlipItem[];
  itemsCents: number;
  totalCents: number;
}

export interface DepositSlip {
  depositId: number;
  depositUid: string;
  businessDate: string;
  createdAt: string;
  createdBy: string;
  drawerIds: number[];
  currencyCents: number;
  coinCents: number;
  items: DepositSlipItem[];
  itemsCents: number;
  totalCents: number;
  journalEntryId: string;
}

export interface EndOfDayAssertion {
  name: string;
  ok: boolean;
  leftCents: number;
  rightCents: number;
  /** Where they disagree, in words (empty when ok). */
  detail: string;
}

export interface EndOfDayReport {
  businessDate: string;
  byTender: { tender: TenderKind; count: number; amountCents: number }[];
  changeCents: number;
  byDrawer: {
    drawerId: number;
    clerk: string;
    workstation: string;
    status: DrawerStatus;
    paymentCount: number;
    paymentCents: number;
    overShortCents: number | null;
    overShortReason: string | null;
    depositId: number | null;
    /** Closed with nothing for the bank: settled without a deposit. */
    nothingToDeposit: boolean;
  }[];
  byBatch: { batchId: number; channel: 'mail' | 'dropbox'; status: 'open' | 'closed'; controlCount: number; controlTotalCents: number; entryCount: number; entryTotalCents: number }[];
  lockbox: { importId: number; fileName: string; itemCount: number; totalCents: number }[];
  voids: { receiptNumber: string; amountCents: number; reason: string; by: string; approvedBy: string | null }[];
  returnedChecks: { receiptNumber: string; amountCents: number; feeCents: number; reason: string }[];
  overShortCents: number;
  deposits: { depositId: number; totalCents: number; currencyCents: number; coinCents: number; itemsCents: number }[];
  /** Journal lines effective that day, summed per GL account (debits positive). */
  postingsByGl: { glCode: string; glName: string; debitCents: number; creditCents: number; netCents: number }[];
  /** Posted payments (not voided) of the day: the payment register. */
  paymentRegisterCents: number;
  /** What those receipts put on accounts: the receipt register. */
  receiptRegisterCents: number;
  assertions: EndOfDayAssertion[];
  balanced: boolean;
  /** Set once finalised; `auditSeal`: the audit chain's head sealed at that moment (null for days finalised before the keyed chain). */
  finalised: { at: string; by: string; auditSeal: AuditSeal | null } | null;
}

export const drawerOpen = defineOperation<DrawerView>()({
  name: 'drawer.open',
  summary: 'Open your cash drawer for the day with its starting float counted by denomination',
  role: 'clerk',
  writes: true,
  input: z.object({ workstation, floatCounts: denominationCounts }),
});

export const drawerCurrent = defineOperation<DrawerView | null>()({
  name: 'drawer.current',
  summary: 'Your open drawer with its running totals',
  role: 'clerk',
  writes: false,
  input: z.object({}),
});

export const drawerGet = defineOperation<DrawerView>()({
  name: 'drawer.get',
  summary: 'One drawer with its totals and close',
  role: 'clerk',
  writes: false,
  input: z.object({ drawerId: positiveId }),
});

export const drawerList = defineOperation<DrawerView[]>()({
  name: 'drawer.list',
  summary: 'Drawers (a supervisor sees every clerk’s; a clerk their own)',
  role: 'clerk',
  writes: false,
  input: z.object({ status: z.enum([...DRAWER_STATUSES, 'all']).optional().default('open'), businessDate: isoDate.optional() }),
});

export const drawerClosePreview = defineOperation<DrawerReconciliationView>()({
  name: 'drawer.closePreview',
  summary: 'Compare a drawer count with what the drawer should hold (nothing is saved)',
  role: 'clerk',
  writes: false,
  input: z.object({ drawerId: positiveId, count: drawerCloseCount }),
});

export const drawerClose = defineOperation<DrawerView>()({
  name: 'drawer.close',
  summary: 'Close a drawer: count it, post any over/short with a reason, and lock it',
  role: 'clerk',
  writes: true,
  input: z.object({
    drawerId: positiveId,
    count: drawerCloseCount,
    overShortReason: safeText('Reason').max(500, 'The reason is at most 500 characters').optional().default(''),
    /** The over/short journal entry's id (client-generated, like every posting). */
    entryId: uuid,
  }),
});

export const paymentAccountInput = z.object({
  accountId: positiveId,
  amountCents: z.number().int('Amounts are whole cents').positive('Each account’s amount must be more than $0.00').max(MAX_PAYMENT_CENTS, 'A payment is at most $10,000,000.00'),
});

export const paymentsTake = defineOperation<Receipt>()({
  name: 'payments.take',
  summary: 'Take a payment (one receipt, one or several accounts, split tenders)',
  role: 'clerk',
  writes: true,
  input: z.object({
    /** Generated by the screen when the payment is started; a retry sends the same id. */
    paymentId: uuid,
    channel: z.enum(['counter', 'mail', 'dropbox']).optional().default('counter'),
    batchId: positiveId.optional(),
    accounts: z.array(paymentAccountInput).min(1, 'Choose the account being paid').max(MAX_ACCOUNTS_PER_RECEIPT, `At most ${MAX_ACCOUNTS_PER_RECEIPT} accounts on one receipt`),
    tenders,
    changeAsCredit: z.boolean().optional().default(false),
    /** The account that receives any tender credit (default: the first). */
    creditAccountId: positiveId.optional(),
    payerName: cardSafeText().max(120, 'The payer name is at most 120 characters').optional().default(''),
  }),
});

const paymentRef = z.object({ paymentId: uuid });

export const paymentsReceipt = defineOperation<Receipt>()({
  name: 'payments.receipt',
  summary: 'A receipt by payment id or receipt number',
  role: 'clerk',
  writes: false,
  input: z.union([paymentRef, z.object({ receiptNumber: safeText('Receipt number').min(1, 'Enter the receipt number').max(20) })]),
});

export const paymentsReprint = defineOperation<Receipt>()({
  name: 'payments.reprint',
  summary: 'Reprint a receipt (recorded in the audit log)',
  role: 'clerk',
  writes: true,
  input: paymentRef,
});

export const paymentsList = defineOperation<Receipt[]>()({
  name: 'payments.list',
  summary: 'The receipts of a drawer, a batch or a day',
  role: 'clerk',
  writes: false,
  input: z.object({ drawerId: positiveId.optional(), batchId: positiveId.optional(), businessDate: isoDate.optional(), limit: z.number().int().min(1).max(5000).optional().default(500) }),
});

/** Most receipts one payment search answers. */
export const MAX_PAYMENT_SEARCH_RESULTS = 500;
/** Longest date range one payment search covers (a year and a day: "this day last year" fits). */
export const MAX_PAYMENT_SEARCH_DAYS = 367;

const daysBetween = (fromDate: string, toDate: string) => (Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / 86_400_000;

/**
 * "R0000123", "r123" or "123" → "R0000123": clerks read receipt numbers off paper and drop the
 * zeros. Anything else is left as typed so the schema's message names it.
 */
export function normaliseReceiptNumber(text: string): string {
  const match = /^R?0*(\d{1,12})$/i.exec(text.trim());
  return match ? `R${(match[1] as string).padStart(7, '0')}` : text.trim();
}

/**
 * Finding a past payment (a check that bounced after its drawer was deposited): by receipt,
 * check or money-order number, account, business-day range. At least one filter; all given
 * filters must match. Newest first.
 */
export const paymentSearchInput = z
  .object({
    receiptNumber: z
      .string()
      .trim()
      .transform(normaliseReceiptNumber)
      .pipe(z.string().regex(/^R\d{7,12}$/, 'A receipt number is R and its digits, like R0000123'))
      .optional(),
    /** A check number or money-order serial as printed; leading zeros do not matter. */
    checkNumber: cardSafeText()
      .regex(/^[A-Za-z0-9-]{1,12}$/, 'The check or money order number is 1 to 12 letters or digits, as printed')
      .optional(),
    accountId: positiveId.optional(),
    fromDate: isoDate.optional(),
    toDate: isoDate.optional(),
    limit: z
      .number()
      .int('The limit is a whole number')
      .min(1, 'The limit is at least 1')
      .max(MAX_PAYMENT_SEARCH_RESULTS, `The limit is at most ${MAX_PAYMENT_SEARCH_RESULTS}`)
      .optional()
      .default(50),
  })
  .superRefine((input, context) => {
    const filters = [input.receiptNumber, input.checkNumber, input.accountId, input.fromDate, input.toDate];
    if (filters.every((filter) => filter === undefined)) {
      context.addIssue({ code: 'custom', path: ['receiptNumber'], message: 'Enter a receipt number, a check number, an account or a date range to search by' });
    }
    if (input.fromDate !== undefined && input.toDate !== undefined) {
      const days = daysBetween(input.fromDate, input.toDate);
      if (days < 0) context.addIssue({ code: 'custom', path: ['toDate'], message: `The range ends (${input.toDate}) before it starts (${input.fromDate})` });
      else if (days >= MAX_PAYMENT_SEARCH_DAYS) context.addIssue({ code: 'custom', path: ['toDate'], message: `A search covers at most ${MAX_PAYMENT_SEARCH_DAYS} days; narrow the dates or add a receipt, check or account` });
    }
  });
export type PaymentSearchInput = z.input<typeof paymentSearchInput>;
export type PaymentSearch = z.output<typeof paymentSearchInput>;

export const paymentsSearch = defineOperation<Receipt[]>()({
  name: 'payments.search',
  summary: 'Find past payments by receipt, check or money-order number, account and business-day range, newest first',
  role: 'clerk',
  writes: false,
  input: paymentSearchInput,
});

export const paymentsVoid = defineOperation<Receipt>()({
  name: 'payments.void',
  summary: 'Void a payment taken today (reversing its posting); needs a supervisor',
  role: 'clerk',
  approval: 'supervisor',
  writes: true,
  input: z.object({ paymentId: uuid, entryId: uuid, reason: requiredText('Reason', 500) }),
});

export const paymentsReturnCheck = defineOperation<Receipt>()({
  name: 'payments.returnCheck',
  summary: 'Record a returned (NSF) check: reverse its payment and charge the returned-check fee; needs a supervisor',
  role: 'clerk',
  approval: 'supervisor',
  writes: true,
  input: z.object({ paymentId: uuid, entryId: uuid, feeEntryId: uuid, reason: requiredText('Reason', 500) }),
});

export const batchesOpen = defineOperation<BatchView>()({
  name: 'batches.open',
  summary: 'Open a mail or drop-box batch with its control count and total',
  role: 'clerk',
  writes: true,
  input: z.object({
    channel: z.enum(['mail', 'dropbox'], { error: 'A batch is mail or drop box' }),
    controlCount: z.number().int('The control count is a whole number').min(1, 'The control count is at least 1').max(10_000, 'A batch holds at most 10,000 payments'),
    controlTotalCents: z.number().int('Amounts are whole cents').positive('The control total must be more than $0.00').max(MAX_PAYMENT_CENTS, 'The control total is at most $10,000,000.00'),
    note: safeText('Note').max(200, 'Note is at most 200 characters').optional().default(''),
  }),
});

export const batchesGet = defineOperation<BatchView>()({
  name: 'batches.get',
  summary: 'A batch with its entries so far against its control figures',
  role: 'clerk',
  writes: false,
  input: z.object({ batchId: positiveId }),
});

/**
 * A mail or drop-box entry keyed wrong, put right while its batch is still open: the entry's
 * payment is reversed and the corrected one posted in its place, in one transaction, with no
 * supervisor (nothing has left the keyer's hands yet). Once the batch is closed an entry changes
 * only by a void, with a supervisor's approval.
 */
export const batchesCorrectEntry = defineOperation<Receipt>()({
  name: 'batches.correctEntry',
  summary: 'Correct an entry of an open mail or drop-box batch (the entry is replaced; no approval while the batch is open)',
  role: 'clerk',
  writes: true,
  input: z.object({
    /** The entry (payment) being corrected. */
    paymentId: uuid,
    /** The id of the reversal of the entry's posting. */
    entryId: uuid,
    /** The corrected payment's id (a new receipt). */
    newPaymentId: uuid,
    accounts: z.array(paymentAccountInput).min(1, 'Choose the account being paid').max(MAX_ACCOUNTS_PER_RECEIPT, `At most ${MAX_ACCOUNTS_PER_RECEIPT} accounts on one receipt`),
    tenders,
    changeAsCredit: z.boolean().optional().default(false),
    creditAccountId: positiveId.optional(),
    payerName: cardSafeText().max(120, 'The payer name is at most 120 characters').optional().default(''),
  }),
});

export const batchesClose = defineOperation<BatchView>()({
  name: 'batches.close',
  summary: 'Close a batch (only when its entries match the control count and total)',
  role: 'clerk',
  writes: true,
  input: z.object({ batchId: positiveId }),
});

export const lockboxPreview = defineOperation<LockboxPreview>()({
  name: 'lockbox.preview',
  summary: 'Check a bank lockbox file: items, accounts, problems by line (nothing is saved)',
  role: 'technician',
  writes: false,
  input: lockboxFileInput,
});

export const lockboxImport = defineOperation<LockboxImportResult>()({
  name: 'lockbox.import',
  summary: 'Import a bank lockbox file, all or nothing',
  role: 'technician',
  writes: true,
  bulk: true,
  input: lockboxFileInput,
});

export const lockboxSettings = defineOperation<LockboxTypeCodes>()({
  name: 'lockbox.settings',
  summary: 'See which BAI2 type codes are lockbox payments and deposit totals',
  role: 'technician',
  writes: false,
  input: z.object({}),
});

export const lockboxUpdateSettings = defineOperation<LockboxTypeCodes>()({
  name: 'lockbox.updateSettings',
  summary: 'Change which BAI2 type codes are lockbox payments and deposit totals',
  role: 'technician',
  writes: true,
  input: lockboxTypeCodes,
});

export const depositCreate = defineOperation<DepositSlip>()({
  name: 'deposit.create',
  summary: 'Prepare the bank deposit of closed drawers and mark them deposited',
  role: 'supervisor',
  writes: true,
  input: z.object({
    depositId: uuid,
    drawerIds: z.array(positiveId).min(1, 'Choose at least one closed drawer').max(MAX_DRAWERS_PER_DEPOSIT, `At most ${MAX_DRAWERS_PER_DEPOSIT} drawers in one deposit`),
  }),
});

export const depositPreview = defineOperation<DepositPreview>()({
  name: 'deposit.preview',
  summary: 'What a deposit of closed drawers would hold (currency, coin, each check), before it is made',
  role: 'supervisor',
  writes: false,
  input: z.object({
    drawerIds: z.array(positiveId).min(1, 'Choose at least one closed drawer').max(MAX_DRAWERS_PER_DEPOSIT, `At most ${MAX_DRAWERS_PER_DEPOSIT} drawers in one deposit`),
  }),
});

export const depositGet = defineOperation<DepositSlip>()({
  name: 'deposit.get',
  summary: 'A deposit slip',
  role: 'clerk',
  writes: false,
  input: z.object({ depositId: positiveId }),
});

export const endOfDayReport = defineOperation<EndOfDayReport>()({
  name: 'endOfDay.report',
  summary: 'The end-of-day report: payments by tender, drawer and batch, voids, over/short, postings, balance checks',
  role: 'clerk',
  writes: false,
  input: z.object({ businessDate: isoDate.optional() }),
});

/** One business day of the cash drawer, as the Reports page lists it. */
export interface CashDay {
  businessDate: string;
  drawerCount: number;
  /** Set once the day's end-of-day report is finalised. */
  finalised: { at: string; by: string } | null;
  deposits: { depositId: number; totalCents: number; createdAt: string }[];
}

export const endOfDayDays = defineOperation<CashDay[]>()({
  name: 'endOfDay.days',
  summary: 'The latest business days with drawers, deposits or an end-of-day report, newest first',
  role: 'clerk',
  writes: false,
  input: z.object({ limit: z.number().int().min(1).max(366).optional().default(31) }),
});

export const endOfDayFinalise = defineOperation<EndOfDayReport>()({
  name: 'endOfDay.finalise',
  summary: 'Finalise the end-of-day report (refused when it does not balance)',
  role: 'supervisor',
  writes: true,
  input: z.object({ businessDate: isoDate }),
});


// ---------------------------------------------------------------------------------------------
// Printed documents (PDF via jsreport; read operations: nothing is saved)

export const RECEIPT_LAYOUTS = ['letter', 'roll80'] as const;
export type ReceiptLayout = (typeof RECEIPT_LAYOUTS)[number];
export const RECEIPT_LAYOUT_LABELS: Record<ReceiptLayout, string> = { letter: 'Half letter page', roll80: 'Receipt printer (80 mm)' };

export interface PdfFile {
  fileName: string;
  pdfBase64: string;
}

export const paymentsReceiptPdf = defineOperation<PdfFile>()({
  name: 'payments.receiptPdf',
  summary: 'A receipt as a PDF: half a letter page, or the 80 mm roll of a receipt printer',
  role: 'clerk',
  writes: false,
  input: z.object({
    paymentId: uuid,
    layout: z.enum(RECEIPT_LAYOUTS, { error: 'Choose the layout: letter or roll80 (80 mm receipt printer)' }).optional().default('letter'),
    /** Prints "REPRINT" on it (record the reprint itself with payments.reprint). */
    reprint: z.boolean().optional().default(false),
  }),
});

export const depositSlipPdf = defineOperation<PdfFile>()({
  name: 'deposit.slipPdf',
  summary: 'A bank deposit slip as a PDF',
  role: 'clerk',
  writes: false,
  input: z.object({ depositId: positiveId }),
});

export const endOfDayPdf = defineOperation<PdfFile>()({
  name: 'endOfDay.pdf',
  summary: 'The end-of-day report as a PDF, with its balance checks',
  role: 'clerk',
  writes: false,
  input: z.object({ businessDate: isoDate.optional() }),
});
