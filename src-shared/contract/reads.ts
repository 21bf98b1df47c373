/**
 * Meter reads: importing a cycle's field reads, the abnormal-read review worklist, the
 * unread-meter report, cycle status, route export, validation settings, and the minimal work
 * orders the review creates (re-read, leak check, high-usage check).
 *
 * Period model: a billing cycle (1–99) is read once a month; the month it is read for is the
 * period "YYYY-MM". Every import, read and exception carries its cycle and period. Usages are
 * exact decimal strings in HCF (never floats); readings are exact decimal strings in the
 * meter's register units ("001234" is kept as "1234").
 */
import { z } from 'zod';
import { defineOperation } from './define';
import { isoDate, optionalText, positiveId, requiredText, safeText } from './fields';

// ---------------------------------------------------------------------------------------------
// Shared fields

/** A billing period: the month a cycle is read for, "YYYY-MM". */
export const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use a month like 2026-11');
export const cycle = z.number().int('Cycle is a whole number').min(1, 'Cycle is 1 or more').max(99, 'Cycle is at most 99');
/** A register reading as typed or read: digits with an optional decimal part. */
export const readingText = z.string().trim().regex(/^\d{1,12}(\.\d{1,6})?$/, 'A reading is a number like 1234 or 1234.5');

/** Largest read file accepted (base64 of it must still fit a transport request of 8 MB). */
export const MAX_READ_FILE_BYTES = 5 * 1024 * 1024;
/** Largest number of exceptions accepted by one bulk accept. */
export const MAX_BULK_ACCEPT = 50_000;
/** Most worklist rows returned by one call. */
export const MAX_EXCEPTION_ROWS = 100_000;

/** The built-in file formats; a saved CSV mapping profile is chosen by its id. */
export const BUILT_IN_READ_FORMATS = ['badger-beacon', 'itron-register', 'sensus-cmep'] as const;
export type BuiltInReadFormat = (typeof BUILT_IN_READ_FORMATS)[number];
export const BUILT_IN_READ_FORMAT_LABELS: Record<BuiltInReadFormat, string> = {
  'badger-beacon': 'Badger BEACON export (CSV)',
  'itron-register': 'Itron register reads (CSV)',
  'sensus-cmep': 'Sensus CMEP MEPMD01',
};

/** Largest Sensus meter-id → serial crosswalk sent with one file. */
export const MAX_CROSSWALK_ENTRIES = 200_000;

/**
 * Choices a saved CSV profile's definition offers (the file parsers' csvMappingProfileSchema is
 * the rule; these let the profile editor offer the same lists without importing src-main).
 */
export const CSV_PROFILE_DATE_FORMATS = ['YYYY-MM-DD', 'MM/DD/YYYY', 'M/D/YYYY', 'YYYYMMDD', 'YYMMDD', 'ISO'] as const;
export const CSV_PROFILE_DELIMITERS = [',', ';', '\t', '|'] as const;

export const readFileProfile = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['badger-beacon', 'itron-register']) }),
  z.object({
    kind: z.literal('sensus-cmep'),
    /** CMEP meter id → the office's meter serial; ids not listed are taken as the serial. */
    crosswalk: z
      .record(safeText('Crosswalk meter id').min(1).max(60), safeText('Crosswalk meter serial').min(1).max(30))
      .refine((map) => Object.keys(map).length <= MAX_CROSSWALK_ENTRIES, `At most ${MAX_CROSSWALK_ENTRIES} crosswalk entries`)
      .optional(),
    /** Which CMEP field carries the meter number (default meterId). */
    meterIdField: z.enum(['meterId', 'receiverCustomerId', 'receiverId']).optional(),
  }),
  z.object({ kind: z.literal('csv'), profileId: positiveId }),
]);
export type ReadFileProfile = z.output<typeof readFileProfile>;

/** The file the technician picked: content in base64, its name, and how to read it. */
export const readFileInput = z.object({
  fileName: requiredText('File name', 255),
  /** The file's bytes, base64-encoded (at most MAX_READ_FILE_BYTES once decoded). */
  contentBase64: z
    .string()
    .min(1, 'The file is empty')
    .max(Math.ceil(MAX_READ_FILE_BYTES / 3) * 4 + 4, 'The file is larger than 5 MB; split it by route')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file content is not base64'),
  profile: readFileProfile,
  cycle,
  period,
  /**
   * Reads whose meter is unknown, in another cycle, on another account or already read this
   * period are "unmatched". By default a file with any unmatched read is refused whole; with
   * this set, the matched reads are imported and the unmatched ones listed on the import.
   */
  skipUnmatched: z.boolean().default(false),
});

/**
 * A stored read: ok (passed every check), review (an exception is open or held on it),
 * accepted (reviewed and accepted as read), corrected, estimated. Demo and older reads are ok.
 */
export const METER_READ_STATUSES = ['ok', 'review', 'accepted', 'corrected', 'estimated'] as const;
export type MeterReadStatus = (typeof METER_READ_STATUSES)[number];

// ---------------------------------------------------------------------------------------------
// Exceptions

export const READ_EXCEPTION_TYPES = [
  'no_read',
  'faulted_register',
  'negative_use',
  'over_capacity',
  'use_on_inactive',
  'very_high_usage',
  'zero_use',
  'high_usage',
  'low_usage',
  'rollover',
  'repeated_use',
  'consecutive_estimates',
  'meter_changed',
  'leak_reported',
] as const;
export type ReadExceptionType = (typeof READ_EXCEPTION_TYPES)[number];

/** What each type means, for filters, legends and tooltips. */
export const READ_EXCEPTION_LABELS: Record<ReadExceptionType, string> = {
  no_read: 'No read',
  faulted_register: 'Faulted register',
  negative_use: 'Negative use (misread)',
  over_capacity: 'Use above register capacity rule',
  use_on_inactive: 'Use on an inactive account',
  very_high_usage: 'Very high use',
  high_usage: 'High use',
  low_usage: 'Low use',
  zero_use: 'Zero use on an active account',
  rollover: 'Register rolled over',
  repeated_use: 'Same use repeated',
  consecutive_estimates: 'Too many estimates in a row',
  meter_changed: 'Meter exchanged or multiplier changed',
  leak_reported: 'Endpoint reports a leak',
};

export const READ_EXCEPTION_SEVERITIES = ['critical', 'warning', 'info'] as const;
export type ReadExceptionSeverity = (typeof READ_EXCEPTION_SEVERITIES)[number];

/** open: needs review. held: explicitly set aside (does not block billing). resolved: done. */
export const READ_EXCEPTION_STATUSES = ['open', 'held', 'resolved'] as const;
export type ReadExceptionStatus = (typeof READ_EXCEPTION_STATUSES)[number];

export const READ_EXCEPTION_RESOLUTIONS = ['accepted', 'corrected', 'estimated', 'read_received', 're_read'] as const;
export type ReadExceptionResolution = (typeof READ_EXCEPTION_RESOLUTIONS)[number];

/** What a benchmark a usage was compared with is: the prior period, last year, or the average. */
export type UsageBenchmark = 'prior' | 'last_year' | 'average' | 'capacity' | 'history';

/** One check that fired on a read. An exception lists all of them; its type is the most severe. */
export interface ReadFinding {
  type: ReadExceptionType;
  severity: ReadExceptionSeverity;
  basis: UsageBenchmark | null;
  /** The benchmark figure in HCF, when the finding compares with one. */
  benchmarkHcf: string | null;
  /** Deviation from the benchmark in whole percent (+250, −60), when it compares. */
  deviationPercent: number | null;
  message: string;
}

/** A light worklist row: everything a virtualized list shows, and nothing more. */
export interface ReadExceptionRow {
  exceptionId: number;
  cycle: number;
  period: string;
  type: ReadExceptionType;
  /** Every type that fired on this read (the row matches a type filter on any of them). */
  types: ReadExceptionType[];
  severity: ReadExceptionSeverity;
  status: ReadExceptionStatus;
  resolution: ReadExceptionResolution | null;
  accountId: number | null;
  accountNumber: string | null;
  customerName: string;
  serviceAddress: string;
  route: string;
  sequence: number;
  meterId: number;
  meterSerial: string;
  readId: number | null;
  readDate: string | null;
  /** The reading as read (null for no read / faulted register). */
  reading: string | null;
  usageHcf: string | null;
  priorUsageHcf: string | null;
  lastYearUsageHcf: string | null;
  averageUsageHcf: string | null;
  /** The range of use the checks accept without question, in HCF (null without history). */
  expectedLowHcf: string | null;
  expectedHighHcf: string | null;
  /** An open work order on this exception (re-read, leak check...), if any. */
  workOrderId: number | null;
  message: string;
}

export interface UsageHistoryPoint {
  period: string;
  readDate: string;
  reading: string;
  usageHcf: string;
  estimated: boolean;
  /** The read under review. */
  current: boolean;
}

export interface ReadExceptionAction {
  at: string;
  byUser: string;
  action: 'created' | 'accept' | 'correct' | 'estimate' | 'hold' | 'reopen' | 'work_order' | 'courtesy_call' | 'read_received' | 're_read';
  reason: string;
  /** Before → after, e.g. "reading 1234 → 1243", "work order 12 (re-read)". */
  detail: string;
}

export interface ReadExceptionDetail {
  exception: ReadExceptionRow;
  findings: ReadFinding[];
  account: {
    accountId: number;
    accountNumber: string;
    customerName: string;
    serviceAddress: string;
    status: 'active' | 'closed';
    phone: string;
  } | null;
  meter: {
    meterId: number;
    serial: string;
    size: string;
    dials: number;
    multiplier: string;
    unit: string;
    status: string;
    installedOn: string;
  };
  read: {
    readId: number;
    readDate: string;
    reading: string;
    usageHcf: string;
    estimated: boolean;
    status: MeterReadStatus;
    /** The reading as first imported, when it was since corrected or estimated. */
    originalReading: string | null;
    originalUsageHcf: string | null;
    priorReading: string | null;
    priorReadDate: string | null;
  } | null;
  /** At least 13 periods (oldest first) when the meter has them, the read under review included. */
  history: UsageHistoryPoint[];
  benchmarks: {
    priorHcf: string | null;
    lastYearHcf: string | null;
    averageHcf: string | null;
    averagePeriods: number;
  };
  actions: ReadExceptionAction[];
  workOrders: WorkOrder[];
}

// ---------------------------------------------------------------------------------------------
// Imports

export interface UnmatchedRead {
  line: number;
  meterSerial: string;
  accountNumber: string | null;
  reason: 'unknown_meter' | 'other_cycle' | 'account_mismatch' | 'already_read' | 'inactive_meter';
  message: string;
}

export interface FileProblemView {
  line: number;
  field?: string;
  message: string;
}

/** A sample exception in the preview (first few hundred): enough to judge the file. */
export interface PreviewException {
  line: number;
  meterSerial: string;
  accountNumber: string | null;
  type: ReadExceptionType;
  types: ReadExceptionType[];
  severity: ReadExceptionSeverity;
  reading: string | null;
  usageHcf: string | null;
  message: string;
}

export interface ReadImportPreview {
  fileName: string;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
  format: string;
  cycle: number;
  period: string;
  /** Data rows in the file. */
  rowCount: number;
  /** Reads that would be stored (matched, not faulted), re-reads included. */
  readCount: number;
  /** Of those, re-reads: they replace a read of the period still under review instead of adding one. */
  reReadCount: number;
  matchedCount: number;
  unmatched: UnmatchedRead[];
  estimatedCount: number;
  faultedCount: number;
  exceptionCount: number;
  exceptionsByType: Partial<Record<ReadExceptionType, number>>;
  exceptions: PreviewException[];
  /** Malformed lines: a file with any problem cannot be imported. */
  problems: FileProblemView[];
  /** Remarks that do not stop the import: records skipped on purpose, earlier readings not kept, constants applied. */
  notes: string[];
  /** The same file (by SHA-256) was already imported as this import. */
  duplicateOf: { importId: number; importedAt: string; importedBy: string; fileName: string } | null;
  canImport: boolean;
  /** Why it cannot be imported, for the technician, when canImport is false. */
  blockedReason: string | null;
}

export interface ReadImport {
  importId: number;
  fileName: string;
  sha256: string;
  format: string;
  cycle: number;
  period: string;
  rowCount: number;
  readCount: number;
  exceptionCount: number;
  unmatchedCount: number;
  importedAt: string;
  importedBy: string;
}

export interface ReadImportResult extends ReadImportPreview {
  importId: number;
}

export interface CsvReadProfile {
  profileId: number;
  name: string;
  /** The column mapping, as validated by the file parsers' csvMappingProfileSchema. */
  definition: Record<string, unknown>;
  createdAt: string;
  createdBy: string;
}

// ---------------------------------------------------------------------------------------------
// Unread, cycle status, route export

export interface UnreadMeter {
  meterId: number;
  meterSerial: string;
  accountId: number;
  accountNumber: string;
  customerName: string;
  serviceAddress: string;
  route: string;
  sequence: number;
  lastReadDate: string | null;
  lastReading: string | null;
  /** The no_read exception raised for it (reads.flagUnread), if any, and its status. */
  exceptionId: number | null;
  exceptionStatus: ReadExceptionStatus | null;
}

export interface CycleStatus {
  cycle: number;
  period: string;
  activeMeters: number;
  /** Meters with a read stored for the period (actual, corrected or estimated). */
  readMeters: number;
  /** Active meters without a read and not held. */
  unreadCount: number;
  openExceptions: number;
  heldExceptions: number;
  resolvedExceptions: number;
  readyToBill: boolean;
  /** Why not ready, in words (empty when ready). */
  reasons: string[];
}

// ---------------------------------------------------------------------------------------------
// Settings

/** Every validation threshold is a district setting; see core/reads/README.md for defaults. */
export const readValidationSettings = z.object({
  /** High: use above the benchmark by more than this percent. */
  highPercent: z.number().int().min(1).max(10_000),
  /** Very high: above the benchmark by more than this percent. */
  veryHighPercent: z.number().int().min(1).max(100_000),
  /** Low: use below the benchmark by more than this percent. */
  lowPercent: z.number().int().min(1).max(100),
  /** Periods averaged for the "average" benchmark. */
  averagePeriods: z.number().int().min(2).max(24),
  /** Compare with the prior period, the same period last year, the average (each can be turned off). */
  compareWithPrior: z.boolean(),
  compareWithLastYear: z.boolean(),
  compareWithAverage: z.boolean(),
  /** High/low checks are skipped when the benchmark is below this many HCF (decimal string). */
  minimumBenchmarkHcf: z.string().regex(/^\d{1,6}(\.\d{1,4})?$/),
  /** Same use this many periods in a row (current included) is flagged. */
  repeatedUsePeriods: z.number().int().min(2).max(24),
  /** More than this many estimates in a row (current included) is flagged. */
  maxConsecutiveEstimates: z.number().int().min(1).max(24),
  /** Use above this percent of the register's capacity (10^dials × multiplier) is flagged over_capacity. */
  capacityPercent: z.number().int().min(1).max(100),
  /** A rollover whose use exceeds this factor × the average use is treated as a misread. */
  rolloverAverageFactor: z.number().int().min(1).max(1_000),
  /** Flag zero use on an active account. */
  flagZeroUse: z.boolean(),
  /** Periods averaged for an "average" estimate (actual reads only). */
  estimateAveragePeriods: z.number().int().min(1).max(24),
});
export type ReadValidationSettings = z.output<typeof readValidationSettings>;

// ---------------------------------------------------------------------------------------------
// Work orders (minimal; a later issue grows dispatch)

/** What the read review orders from an abnormal read. */
export const READ_WORK_ORDER_TYPES = ['reread', 'leak_check', 'high_usage_check'] as const;
export type ReadWorkOrderType = (typeof READ_WORK_ORDER_TYPES)[number];
/** Every kind of work order: the read review's, and collections' shut-off for non-payment and turn-on (workOrders.create). */
export const WORK_ORDER_TYPES = [...READ_WORK_ORDER_TYPES, 'shutoff', 'turn_on'] as const;
export type WorkOrderType = (typeof WORK_ORDER_TYPES)[number];
export const WORK_ORDER_TYPE_LABELS: Record<WorkOrderType, string> = {
  reread: 'Re-read',
  leak_check: 'Leak check',
  high_usage_check: 'High-usage check',
  shutoff: 'Shut-off for non-payment',
  turn_on: 'Turn-on',
};
export const WORK_ORDER_STATUSES = ['open', 'completed', 'cancelled'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

export interface WorkOrder {
  workOrderId: number;
  type: WorkOrderType;
  status: WorkOrderStatus;
  accountId: number | null;
  accountNumber: string | null;
  serviceAddress: string;
  meterId: number | null;
  meterSerial: string | null;
  exceptionId: number | null;
  notes: string;
  /** The day field staff are to do it; null: as soon as they can. */
  scheduledFor: string | null;
  createdAt: string;
  createdBy: string;
  closedAt: string | null;
  closedBy: string | null;
}

export const COURTESY_CALL_OUTCOMES = ['reached', 'left_message', 'no_answer', 'wrong_number', 'customer_aware'] as const;
export type CourtesyCallOutcome = (typeof COURTESY_CALL_OUTCOMES)[number];

// ---------------------------------------------------------------------------------------------
// Operations

export const readsPreview = defineOperation<ReadImportPreview>()({
  name: 'reads.preview',
  summary: 'Check a read file before importing it: counts, matched and unmatched meters, exceptions, problems',
  role: 'technician',
  writes: false,
  input: readFileInput,
});

export const readsImport = defineOperation<ReadImportResult>()({
  name: 'reads.import',
  summary: "Import a cycle's read file: all reads or none; the same file twice is refused",
  role: 'technician',
  writes: true,
  bulk: true,
  input: readFileInput,
});

export const readsImports = defineOperation<ReadImport[]>()({
  name: 'reads.imports',
  summary: 'Read files imported, newest first',
  role: 'clerk',
  writes: false,
  input: z.object({ cycle: cycle.optional(), period: period.optional(), limit: z.number().int().min(1).max(500).default(100) }),
});

export const readsProfiles = defineOperation<CsvReadProfile[]>()({
  name: 'reads.profiles',
  summary: 'Saved CSV column-mapping profiles for read files',
  role: 'clerk',
  writes: false,
  input: z.object({}),
});

export const readsSaveProfile = defineOperation<CsvReadProfile>()({
  name: 'reads.saveProfile',
  summary: 'Save a CSV column-mapping profile for a read source',
  role: 'technician',
  writes: true,
  input: z.object({
    /** Omit to create a new profile; give to replace an existing one. */
    profileId: positiveId.optional(),
    name: requiredText('Profile name', 60),
    definition: z.record(z.string(), z.unknown()),
  }),
});

export const readsDeleteProfile = defineOperation<{ deleted: true }>()({
  name: 'reads.deleteProfile',
  summary: 'Delete a saved CSV column-mapping profile',
  role: 'technician',
  writes: true,
  input: z.object({ profileId: positiveId }),
});

export const exceptionFilter = z.object({
  cycle,
  period,
  types: z.array(z.enum(READ_EXCEPTION_TYPES)).max(READ_EXCEPTION_TYPES.length).optional(),
  statuses: z.array(z.enum(READ_EXCEPTION_STATUSES)).max(3).optional(),
  route: safeText('Route').max(10).optional(),
});

export const readsExceptions = defineOperation<{ rows: ReadExceptionRow[]; total: number; truncated: boolean }>()({
  name: 'reads.exceptions',
  summary: 'The abnormal-read worklist of a cycle, filtered by type, route and status',
  role: 'clerk',
  writes: false,
  input: exceptionFilter.extend({ limit: z.number().int().min(1).max(MAX_EXCEPTION_ROWS).default(MAX_EXCEPTION_ROWS) }),
});

export const readsException = defineOperation<ReadExceptionDetail>()({
  name: 'reads.exception',
  summary: 'One abnormal read with its account, meter, usage history and what was done',
  role: 'clerk',
  writes: false,
  input: z.object({ exceptionId: positiveId }),
});

export const resolveAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('accept'), reason: optionalText('Reason', 500) }),
  z.object({ kind: z.literal('correct'), reading: readingText, reason: requiredText('Reason for the correction', 500) }),
  z.object({ kind: z.literal('estimate'), method: z.enum(['average', 'last_year']), reason: optionalText('Reason', 500) }),
  /** The reading field staff found on a re-read (keyed from the slip): checked again, clears the exception when it passes. */
  z.object({ kind: z.literal('re_read'), reading: readingText, readDate: isoDate, reason: optionalText('Note', 500) }),
  z.object({ kind: z.literal('hold'), reason: requiredText('Reason for holding', 500) }),
  z.object({ kind: z.literal('reopen'), reason: requiredText('Reason for reopening', 500) }),
]);
export type ResolveAction = z.output<typeof resolveAction>;

export const readsResolve = defineOperation<ReadExceptionDetail>()({
  name: 'reads.resolve',
  summary: 'Accept, correct, estimate, record a re-read, hold or reopen an abnormal read',
  role: 'technician',
  writes: true,
  input: z.object({ exceptionId: positiveId, action: resolveAction }),
});

export const readsBulkAccept = defineOperation<{ accepted: number; skipped: number }>()({
  name: 'reads.bulkAccept',
  summary: 'Accept many abnormal reads at once (open ones with a reading; held ones and ones with an open work order are skipped)',
  role: 'technician',
  writes: true,
  job: true,
  input: z.object({
    exceptionIds: z.array(positiveId).min(1, 'Choose at least one exception').max(MAX_BULK_ACCEPT, `At most ${MAX_BULK_ACCEPT} at once`),
    reason: optionalText('Reason', 500),
  }),
});

export const readsOrderWorkOrder = defineOperation<WorkOrder>()({
  name: 'reads.orderWorkOrder',
  summary: 'Order a re-read, leak check or high-usage check for field staff on an abnormal read',
  role: 'technician',
  writes: true,
  input: z.object({ exceptionId: positiveId, type: z.enum(READ_WORK_ORDER_TYPES), notes: optionalText('Notes', 2000, 'multiline') }),
});

export const readsLogCourtesyCall = defineOperation<ReadExceptionDetail>()({
  name: 'reads.logCourtesyCall',
  summary: 'Log a courtesy call to a customer about high use, with its outcome (also in the contact log)',
  role: 'technician',
  writes: true,
  input: z.object({
    exceptionId: positiveId,
    outcome: z.enum(COURTESY_CALL_OUTCOMES),
    contactName: optionalText('Who was reached', 120),
    notes: optionalText('Notes', 2000, 'multiline'),
  }),
});

export const readsFlagUnread = defineOperation<{ flagged: number; alreadyFlagged: number }>()({
  name: 'reads.flagUnread',
  summary: "Put the cycle's unread meters on the worklist as no-read exceptions",
  role: 'technician',
  writes: true,
  job: true,
  input: z.object({ cycle, period, route: safeText('Route').max(10).optional() }),
});

export const readsUnread = defineOperation<{ rows: UnreadMeter[]; total: number }>()({
  name: 'reads.unread',
  summary: 'Active meters of a cycle (or route) with no read for the period',
  role: 'clerk',
  writes: false,
  input: z.object({ cycle, period, route: safeText('Route').max(10).optional() }),
});

export const readsCycleStatus = defineOperation<CycleStatus>()({
  name: 'reads.cycleStatus',
  summary: 'Whether a cycle is ready to bill: unread meters, open and held exceptions',
  role: 'clerk',
  writes: false,
  input: z.object({ cycle, period }),
});

export const readsRouteExport = defineOperation<{ fileName: string; csv: string; rowCount: number }>()({
  name: 'reads.routeExport',
  summary: 'Export the reads a cycle or route needs, as CSV for the handheld or AMR software',
  role: 'technician',
  writes: false,
  input: z.object({ cycle, period, route: safeText('Route').max(10).optional() }),
});

export const readsSettings = defineOperation<ReadValidationSettings>()({
  name: 'reads.settings',
  summary: 'The read validation thresholds',
  role: 'clerk',
  writes: false,
  input: z.object({}),
});

export const readsSetSettings = defineOperation<ReadValidationSettings>()({
  name: 'reads.setSettings',
  summary: 'Change the read validation thresholds',
  role: 'supervisor',
  writes: true,
  input: readValidationSettings.partial(),
});

export const workOrdersList = defineOperation<WorkOrder[]>()({
  name: 'workOrders.list',
  summary: 'Field work orders, newest first',
  role: 'clerk',
  writes: false,
  input: z.object({
    status: z.enum(WORK_ORDER_STATUSES).optional(),
    accountId: positiveId.optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  }),
});

export const workOrdersSetStatus = defineOperation<WorkOrder>()({
  name: 'workOrders.setStatus',
  summary: 'Complete or cancel a field work order',
  role: 'technician',
  writes: true,
  input: z.object({ workOrderId: positiveId, status: z.enum(['completed', 'cancelled']), notes: optionalText('Notes', 2000, 'multiline') }),
});

// ---------------------------------------------------------------------------------------------
// Every cycle at a glance; the estimate's exact value before it is saved; who gets a courtesy call

/** One billing cycle of a period, as the cycle picker lists it (the counts are reads.cycleStatus's). */
export interface CycleSummary extends CycleStatus {
  /**
   * Day of the month the cycle is read: the most common read day of its reads for the period,
   * else of its newest earlier month with reads (then readDayPeriod says which); null if never read.
   */
  readDay: number | null;
  /** The period the read day was taken from. */
  readDayPeriod: string | null;
}

export const readsCycles = defineOperation<{ period: string; cycles: CycleSummary[] }>()({
  name: 'reads.cycles',
  summary: "Every billing cycle of a period (this month's by default): read day, meters read and unread, open and held exceptions, ready to bill",
  role: 'clerk',
  writes: false,
  input: z.object({ period: period.optional() }),
});

export const ESTIMATE_METHODS = ['average', 'last_year'] as const;
export type EstimateMethod = (typeof ESTIMATE_METHODS)[number];

/**
 * What reads.resolve's estimate would write, worked out by the same function: the exact reading
 * and use, or why there is none (no actual reads to average, no read last year, no prior reading,
 * already resolved) in the words the estimate itself would refuse with.
 */
export type EstimatePreview = {
  exceptionId: number;
  method: EstimateMethod;
} & (
  | {
      available: true;
      /** The reading that would be stored, exact, in the meter's register units. */
      reading: string;
      /** The use that would be stored, exact, in HCF. */
      usageHcf: string;
      priorReading: string;
      priorReadDate: string;
      /** The use estimated from, in hundredths of an HCF (the average, or last year's use). */
      basisHcf: string;
      /** The uses it comes from (newest first for an average), with their periods. */
      basisReads: { period: string; usageHcf: string }[];
      /** "average of the last 3 actual reads (12 HCF)". */
      basis: string;
    }
  | { available: false; reason: string }
);

export const readsEstimatePreview = defineOperation<EstimatePreview>()({
  name: 'reads.estimatePreview',
  summary: 'The exact reading and use an estimate of an abnormal read would store, before it is confirmed',
  role: 'clerk',
  writes: false,
  input: z.object({ exceptionId: positiveId, method: z.enum(ESTIMATE_METHODS) }),
});

/**
 * The exception types a high-usage courtesy call is for: the customer used (or is losing) far
 * more water than usual. A misread, a zero or a missing read is settled in the office instead.
 */
export const COURTESY_CALL_TYPES: readonly ReadExceptionType[] = ['very_high_usage', 'high_usage', 'leak_reported'];

/** Whether a courtesy call makes sense for an exception: any of its findings is a high-usage one. */
export const courtesyCallFits = (types: readonly ReadExceptionType[]) => types.some((type) => COURTESY_CALL_TYPES.includes(type));

/** The CMEP fields a Sensus meter id can be taken from (readFileProfile's meterIdField; docs/formats/reads.md). */
export const CMEP_METER_ID_FIELDS = ['meterId', 'receiverCustomerId', 'receiverId'] as const satisfies readonly NonNullable<
  Extract<ReadFileProfile, { kind: 'sensus-cmep' }>['meterIdField']
>[];
export type CmepMeterIdField = (typeof CMEP_METER_ID_FIELDS)[number];
export const CMEP_METER_ID_FIELD_LABELS: Record<CmepMeterIdField, string> = {
  meterId: 'Meter id (field 7, the usual one)',
  receiverCustomerId: 'Receiver customer id (field 5)',
  receiverId: 'Receiver id (field 4)',
};
