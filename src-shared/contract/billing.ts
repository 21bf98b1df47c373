/**
 * Rates and bill runs: the rate document in force, a cycle's run from draft to posted, the
 * review register, one bill with its arithmetic, cancel and rebill. Amounts are integer cents.
 */
import { z } from 'zod';
import type { ComputedBill, BillLine, RateDocument } from './rates';
import { defineOperation } from './define';
import { isoDate, optionalText, positiveId, requiredText, safeText } from './fields';
import { paymentApplicationRule, type PaymentApplicationRule } from './payments';
import { cycle, period } from './reads';

export const BILL_RUN_STATUSES = ['draft', 'approved', 'posted', 'cancelled'] as const;
export type BillRunStatus = (typeof BILL_RUN_STATUSES)[number];
export type BillKind = 'regular' | 'first' | 'final';
export type BillStatus = 'draft' | 'posted' | 'cancelled';
export type Disposition = 'billed' | 'held' | 'blocked';
/** The print vendor's conditional message codes (docs/formats/bill-print.md). */
export const BILL_MESSAGE_CODES = ['FINAL', 'AUTOPAY', 'PAST_DUE', 'ESTIMATED', 'FIRST'] as const;
export type BillMessageCode = (typeof BILL_MESSAGE_CODES)[number];

export interface RatesInForce {
  rateBookId: number;
  savedAt: string;
  note: string;
  document: RateDocument;
}

export interface BillRunSummary {
  runId: number;
  cycle: number;
  period: string;
  status: BillRunStatus;
  billDate: string;
  dueDate: string;
  rateBookId: number;
  billCount: number;
  totalCents: number;
  heldCount: number;
  blockedCount: number;
  createdAt: string;
  createdBy: string;
  approvedAt: string | null;
  approvedBy: string | null;
  postedAt: string | null;
  postedBy: string | null;
}

export interface RegisterRow {
  service: string;
  rateClass: string | null;
  bills: number;
  amountCents: number;
}

export interface BillListRow {
  billId: number;
  /** The billing period "YYYY-MM" and the days billed [fromDate, toDate). */
  period: string;
  fromDate: string;
  toDate: string;
  accountId: number;
  accountNumber: string;
  customerName: string;
  kind: BillKind;
  usageHcf: string;
  estimated: boolean;
  totalCents: number;
  status: BillStatus;
}

export interface AccountingRow {
  accountId: number;
  accountNumber: string;
  customerName: string;
  disposition: Disposition;
  reason: string;
}

export interface BillRunReview {
  run: BillRunSummary;
  /** Totals by service and rate class (fees on their own rows). */
  register: RegisterRow[];
  /** The cycle's previous posted run, to compare count and revenue. */
  previous: { runId: number; period: string; billCount: number; totalCents: number } | null;
  zeroBills: BillListRow[];
  negativeBills: BillListRow[];
  /** Bills at or above the very-high cutoff (veryHighBillCents). */
  veryHighBills: BillListRow[];
  veryHighBillCents: number;
  /** Every account of the cycle: billed, held or blocked, with why. */
  accounting: { total: number; billed: number; held: number; blocked: number; unaccounted: number; notBilled: AccountingRow[] };
  /** Why it cannot be posted yet, in words; empty when it can. */
  postBlockers: string[];
}

export interface BillView {
  billId: number;
  runId: number | null;
  accountId: number;
  accountNumber: string;
  customerName: string;
  serviceAddress: string;
  kind: BillKind;
  status: BillStatus;
  period: string;
  billDate: string | null;
  dueDate: string | null;
  priorReading: string | null;
  priorReadDate: string | null;
  reading: string | null;
  readDate: string | null;
  meterSerial: string | null;
  /**
   * For a meter that does not register HCF, how its readings became the HCF billed: "Meter
   * registers gallons: 1,234,567 − 1,222,222 = 12,345 gal ÷ 748 gal per HCF = 16.5040 HCF (…)".
   * Null for HCF registers and when the use billed is not the readings' arithmetic (a corrected read).
   */
  usageNote: string | null;
  previousBalanceCents: number;
  amountDueCents: number;
  messageCodes: BillMessageCode[];
  computed: ComputedBill;
  journalEntryId: string | null;
  cancelled: { at: string; by: string; reason: string; entryId: string | null } | null;
  replacesBillId: number | null;
  replacedByBillId: number | null;
  rateBookId: number;
}

export type { BillLine };

export interface MoveOutResult {
  finalBill: BillView;
  depositAppliedCents: number;
  /** The account's balance after the final bill and the deposit: due when positive. */
  balanceCents: number;
  /** What the district owes back when the deposit exceeded the final balance. */
  refundDueCents: number;
}

const runId = positiveId;
const reason = requiredText('Reason', 500);

export const ratesCurrent = defineOperation<RatesInForce>()({
  name: 'rates.current',
  summary: 'The rate document in force (every schedule, fee and rate)',
  role: 'clerk',
  writes: false,
  input: z.object({}),
});

export const ratesImport = defineOperation<RatesInForce>()({
  name: 'rates.import',
  summary: 'Validate and save a rate document (JSON, docs/formats/rates.md) as the rates in force',
  role: 'supervisor',
  writes: true,
  input: z.object({ documentJson: z.string().min(2, 'The rate document is empty').max(2 * 1024 * 1024), note: optionalText('Note', 500) }),
});

export interface RateSample {
  label: string;
  current: ComputedBill | null;
  draft: ComputedBill | null;
  /** Why the draft cannot bill this customer (a size or class it leaves out). */
  error: string | null;
}

export const ratesPreview = defineOperation<{ samples: RateSample[] }>()({
  name: 'rates.preview',
  summary: 'Sample bills under a draft rate document beside the rates in force, before saving it',
  role: 'technician',
  writes: false,
  input: z.object({ documentJson: z.string().min(2).max(2 * 1024 * 1024), onDate: isoDate }),
});

export const billingRuns = defineOperation<BillRunSummary[]>()({
  name: 'billing.runs',
  summary: 'Bill runs, newest first',
  role: 'clerk',
  writes: false,
  input: z.object({ cycle: cycle.optional(), limit: z.number().int().min(1).max(200).default(50) }),
});

export const billingCreateRun = defineOperation<BillRunReview>()({
  name: 'billing.createRun',
  summary: 'Draft the bills of a cycle for a period (no ledger effect until posted)',
  role: 'technician',
  writes: true,
  job: true,
  bulk: true,
  input: z.object({ cycle, period, billDate: isoDate, dueDate: isoDate }),
});

export const billingRecompute = defineOperation<BillRunReview>()({
  name: 'billing.recompute',
  summary: 'Compute a draft run again from the current reads, holds and rates',
  role: 'technician',
  writes: true,
  job: true,
  bulk: true,
  input: z.object({ runId }),
});

export const billingReview = defineOperation<BillRunReview>()({
  name: 'billing.review',
  summary: 'A run\'s register, comparison with the last run, zero/negative/very-high bills and the accounting of every account',
  role: 'clerk',
  writes: false,
  input: z.object({ runId }),
});

export const billingBills = defineOperation<{ rows: BillListRow[]; total: number }>()({
  name: 'billing.bills',
  summary: 'The bills of a run (search by account number or name)',
  role: 'clerk',
  writes: false,
  input: z.object({ runId, query: safeText('Search text').max(60).optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }),
});

export const billingApprove = defineOperation<BillRunReview>()({
  name: 'billing.approve',
  summary: 'Approve a reviewed draft run for posting (supervisor)',
  role: 'supervisor',
  writes: true,
  job: true,
  input: z.object({ runId, note: optionalText('Note', 500) }),
});

export const billingPost = defineOperation<BillRunReview>()({
  name: 'billing.post',
  summary: 'Post an approved run to the ledger: every bill in one transaction',
  role: 'technician',
  writes: true,
  job: true,
  bulk: true,
  input: z.object({ runId }),
});

export const billingCancelRun = defineOperation<BillRunSummary>()({
  name: 'billing.cancelRun',
  summary: 'Cancel a run that has not posted',
  role: 'technician',
  writes: true,
  job: true,
  input: z.object({ runId, reason }),
});

export const billingBill = defineOperation<BillView>()({
  name: 'billing.bill',
  summary: 'One bill with every line\'s arithmetic (explain this bill)',
  role: 'clerk',
  writes: false,
  input: z.object({ billId: positiveId }),
});

export const billingAccountBills = defineOperation<BillListRow[]>()({
  name: 'billing.accountBills',
  summary: 'An account\'s bills, newest first',
  role: 'clerk',
  writes: false,
  input: z.object({ accountId: positiveId }),
});

export const billingCancelBill = defineOperation<BillView>()({
  name: 'billing.cancelBill',
  summary: 'Cancel a posted bill by reversing its entry, and rebill it from the current reads if asked (supervisor approval)',
  role: 'technician',
  writes: true,
  approval: 'supervisor',
  input: z.object({ billId: positiveId, reason, rebill: z.boolean().default(true) }),
});

export const billingMoveOut = defineOperation<MoveOutResult>()({
  name: 'billing.moveOut',
  summary: 'Close an account at move-out: final read, prorated final bill posted, deposit applied, account closed',
  role: 'technician',
  writes: true,
  input: z.object({
    accountId: positiveId,
    moveOutDate: isoDate,
    finalReading: z.string().trim().regex(/^\d{1,12}(\.\d{1,4})?$/, 'A reading is digits, like 001234 or 1234.5'),
    applyDeposit: z.boolean().default(true),
  }),
});

export interface FeeCharge {
  accountId: number;
  accountNumber: string;
  code: string;
  description: string;
  amountCents: number;
  /** The fee's arithmetic ("Late charge: 10% of $84.20 = $8.42"). */
  explanation: string;
  entryId: string;
  balanceCents: number;
}

export const billingChargeFee = defineOperation<FeeCharge>()({
  name: 'billing.chargeFee',
  summary: 'Charge a one-off fee from the rate document\'s fee table (set-up, meter test, door tag…) to an account',
  role: 'technician',
  writes: true,
  input: z.object({
    accountId: positiveId,
    code: z.string().trim().regex(/^[A-Z][A-Z0-9_]{1,23}$/, 'A fee code like SETUP or METER_TEST'),
    /** For a percentage fee: the amount it is a percentage of. */
    baseCents: z.number().int().min(0).max(100_000_000_000).optional(),
    note: optionalText('Note', 300),
  }),
});

export interface OpenItem {
  /** "<journal entry id>:<line id>". */
  chargeId: string;
  entryId: string;
  billId: number | null;
  description: string;
  /** A fee or penalty (paid first under the penalties rule). */
  penalty: boolean;
  chargeDate: string;
  dueDate: string;
  originalCents: number;
  openCents: number;
  bucket: 'penalty' | 'past_due' | 'current';
}

export interface OpenItems {
  accountId: number;
  asOf: string;
  rule: PaymentApplicationRule;
  /** Charges still (partly) unpaid, oldest first. */
  items: OpenItem[];
  penaltyCents: number;
  pastDueCents: number;
  currentCents: number;
  /** Credit on the account not yet used by any charge. */
  creditCents: number;
  /** = open items − credit. */
  balanceCents: number;
}

export const billingOpenItems = defineOperation<OpenItems>()({
  name: 'billing.openItems',
  summary: 'What an account still owes, charge by charge (penalties, past due, current), with payments applied by the district\'s rule',
  role: 'clerk',
  writes: false,
  input: z.object({ accountId: positiveId }),
});

export const billingSetApplicationRule = defineOperation<{ rule: PaymentApplicationRule }>()({
  name: 'billing.setApplicationRule',
  summary: 'How partial payments are applied: oldest charges first, or penalties then past due then current (supervisor)',
  role: 'supervisor',
  writes: true,
  input: z.object({ rule: paymentApplicationRule }),
});

export const billingSetHold = defineOperation<{ accountId: number; billHoldReason: string | null }>()({
  name: 'billing.setHold',
  summary: 'Hold an account out of bill runs (with the reason) or release it',
  role: 'technician',
  writes: true,
  input: z.object({ accountId: positiveId, reason: safeText('Reason').max(300, 'Reason is at most 300 characters').nullable() }),
});

// ---------------------------------------------------------------------------------------------
// The print vendor's file and bill PDFs (docs/formats/bill-print.md).

export const BILL_PRINT_FORMATS = ['csv', 'fixed'] as const;
export type BillPrintFormat = (typeof BILL_PRINT_FORMATS)[number];

/** What a print file carries in its trailer; equal to the run's figures, or the export is refused. */
export interface BillPrintControlTotals {
  recordCount: number;
  currentChargesCents: number;
  amountDueCents: number;
}

export interface BillPrintExport {
  fileName: string;
  content: string;
  recordCount: number;
  controlTotals: BillPrintControlTotals;
}

export const billingExport = defineOperation<BillPrintExport>()({
  name: 'billing.export',
  summary: 'Write the print vendor\'s file of a posted run (CSV or fixed width) with its record count and control totals',
  role: 'technician',
  writes: false,
  input: z.object({ runId, format: z.enum(BILL_PRINT_FORMATS, { message: 'Choose the format: csv or fixed' }) }),
});

/** Bills in one batch PDF of a run (reprints), at most. */
export const MAX_RUN_PDF_BILLS = 200;

export const billingBillPdf = defineOperation<{ fileName: string; pdfBase64: string }>()({
  name: 'billing.billPdf',
  summary: 'One bill as a PDF, as the customer received it (reprint or resend)',
  role: 'clerk',
  writes: false,
  input: z.object({ billId: positiveId }),
});

export const billingRunPdf = defineOperation<{ fileName: string; pdfBase64: string; billCount: number; totalBills: number }>()({
  name: 'billing.runPdf',
  summary: 'The bills of a posted run as one PDF, a page per bill, for a batch of reprints',
  role: 'technician',
  writes: false,
  input: z.object({ runId, limit: z.number().int().min(1).max(MAX_RUN_PDF_BILLS, `At most ${MAX_RUN_PDF_BILLS} bills in one PDF`).default(50) }),
});
