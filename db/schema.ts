/**
 * The Billing Office database schema (drizzle). Money columns are INTEGER cents and end in
 * `_cents`; dates are ISO text ("YYYY-MM-DD"), instants ISO-8601 UTC text. Migrations are
 * generated from this file into db/migrations (npm run db:generate); hand-written SQL that
 * drizzle cannot express (immutability triggers, FTS5) lives in custom migrations beside them.
 */
import { sql } from 'drizzle-orm';
import { blob, check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** District settings: key/value, values as JSON text. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  valueJson: text('value_json').notNull(),
});

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['clerk', 'technician', 'supervisor'] }).notNull(),
  passwordHash: text('password_hash').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull(),
  lastLoginAt: text('last_login_at'),
});

/**
 * Wrong passwords per user name (login, supervisor approval, change of own password), in the
 * database so every process on the file (desktop, browser mode, CLI) shares one lock-out
 * (core/users/login-throttle.ts). One row per name that failed recently; a row is pruned only
 * once its window and its lock have both run out, so no volume of other names evicts a lock.
 */
export const loginThrottle = sqliteTable(
  'login_throttle',
  {
    username: text('username').primaryKey(),
    failureCount: integer('failure_count').notNull(),
    windowEndsAt: text('window_ends_at').notNull(),
    lockedUntil: text('locked_until'),
  },
  (table) => [index('login_throttle_window_ends_at').on(table.windowEndsAt)],
);

/** Chart of accounts of the general ledger. */
export const glAccounts = sqliteTable('gl_accounts', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  type: text('type', { enum: ['asset', 'liability', 'equity', 'revenue', 'expense'] }).notNull(),
});

/**
 * A journal entry: immutable once written (triggers refuse UPDATE and DELETE). The id is the
 * caller's UUID, so posting is idempotent; content_hash detects a reused id with other content.
 */
export const journalEntries = sqliteTable(
  'journal_entries',
  {
    id: text('id').primaryKey(),
    postedAt: text('posted_at').notNull(),
    effectiveDate: text('effective_date').notNull(),
    kind: text('kind').notNull(),
    memo: text('memo').notNull(),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    approvedByUserId: integer('approved_by_user_id').references(() => users.id),
    reversesEntryId: text('reverses_entry_id').references((): any => journalEntries.id),
    contentHash: text('content_hash').notNull(),
  },
  (table) => [
    // Partial: only reversals have the key, and an entry that is not one then writes no index page.
    uniqueIndex('journal_entries_reverses_unique').on(table.reversesEntryId).where(sql`${table.reversesEntryId} IS NOT NULL`),
    // Partial (0013): a payment's entry is found by day through its payment (payments_day_drawer,
    // business day = effective date), so a payment writes no page of this index.
    index('journal_entries_effective_date').on(table.effectiveDate).where(sql`${table.kind} <> 'payment'`),
  ],
);

/** Lines of an entry: signed cents, debit positive, credit negative; each entry sums to zero. */
export const journalLines = sqliteTable(
  'journal_lines',
  {
    // No AUTOINCREMENT (migration 0012): lines are never deleted, so the next id is the largest
    // plus one either way, and every posting no longer rewrites sqlite_sequence.
    id: integer('id').primaryKey(),
    entryId: text('entry_id').notNull().references(() => journalEntries.id),
    lineNo: integer('line_no').notNull(),
    glCode: text('gl_code').notNull().references(() => glAccounts.code),
    accountId: integer('account_id').references(() => accounts.id),
    amountCents: integer('amount_cents').notNull(),
  },
  (table) => [
    uniqueIndex('journal_lines_entry_line').on(table.entryId, table.lineNo),
    // Covering index: a customer's balance and history never touch the table rows.
    index('journal_lines_account_amount').on(table.accountId, table.id, table.amountCents),
    // No index by GL code (dropped in 0013): GL totals are kept in gl_balances by a trigger.
    check('journal_lines_amount_nonzero', sql`${table.amountCents} <> 0`),
  ],
);

/**
 * Cached customer balances, updated in the same transaction as every posting. `verify` proves
 * each equals the sum of its receivable lines and that they add up to the control account.
 */
export const accountBalances = sqliteTable('account_balances', {
  accountId: integer('account_id').primaryKey().references(() => accounts.id),
  balanceCents: integer('balance_cents').notNull().default(0),
});

/**
 * Cached GL balances (migration 0013), kept by the trigger journal_lines_gl_balance on every line
 * written (hand-written in the migration: drizzle cannot express triggers). `verify` proves each
 * equals the sum of its lines. Replaces an index on journal_lines by GL code, which every posting
 * wrote two or three pages of.
 */
export const glBalances = sqliteTable('gl_balances', {
  glCode: text('gl_code').primaryKey().references(() => glAccounts.code),
  balanceCents: integer('balance_cents').notNull().default(0),
});

/** Append-only audit trail, each record chained to the one before (keyed HMAC-SHA256 since issue #12: core/audit/README.md). */
export const auditLog = sqliteTable(
  'audit_log',
  {
    // No AUTOINCREMENT (migration 0013): records are never deleted, so seq is the largest plus one
    // either way, and a write no longer rewrites sqlite_sequence.
    seq: integer('seq').primaryKey(),
    at: text('at').notNull(),
    userId: integer('user_id'),
    username: text('username').notNull(),
    operation: text('operation').notNull(),
    idempotencyKey: text('idempotency_key'),
    inputHash: text('input_hash').notNull(),
    inputJson: text('input_json').notNull(),
    resultJson: text('result_json').notNull(),
    approvedByUserId: integer('approved_by_user_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /** How `hash` was computed (audit/log.ts): 1 before 0013, 2 since, 3 (HMAC with the office's audit key, kept outside the database) since issue #12. */
    hashVersion: integer('hash_version').notNull().default(1),
  },
  (table) => [
    uniqueIndex('audit_log_idempotency_key').on(table.idempotencyKey),
    // The audit trail screen's filters (migration 0020): each walks newest first by seq.
    index('audit_log_username_seq').on(table.username, table.seq),
    index('audit_log_operation_seq').on(table.operation, table.seq),
    index('audit_log_at').on(table.at),
  ],
);

/**
 * Which accounts each audit record touched (every accountId in its input and result), for the
 * trail's account filter. Derived from the record in its transaction; not part of the chain.
 */
export const auditLogAccounts = sqliteTable(
  'audit_log_accounts',
  {
    seq: integer('seq').notNull(),
    accountId: integer('account_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.seq, table.accountId] }), index('audit_log_accounts_account_seq').on(table.accountId, table.seq)],
);

export const customers = sqliteTable('customers', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind', { enum: ['person', 'business'] }).notNull(),
  firstName: text('first_name').notNull().default(''),
  lastName: text('last_name').notNull().default(''),
  businessName: text('business_name').notNull().default(''),
  primaryPhone: text('primary_phone').notNull().default(''),
  altPhone: text('alt_phone').notNull().default(''),
  email: text('email').notNull().default(''),
  mailingStreet: text('mailing_street').notNull(),
  mailingCity: text('mailing_city').notNull(),
  mailingState: text('mailing_state').notNull(),
  mailingZip: text('mailing_zip').notNull(),
  /** ISO 3166-1 code of the mailing address's country (0019): "US" unless the customer lives abroad. */
  mailingCountry: text('mailing_country').notNull().default('US'),
  preferredLanguage: text('preferred_language').notNull().default('en'),
  createdAt: text('created_at').notNull(),
});

export const serviceLocations = sqliteTable(
  'service_locations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    street: text('street').notNull(),
    unit: text('unit').notNull().default(''),
    city: text('city').notNull(),
    state: text('state').notNull(),
    zip: text('zip').notNull(),
    parcelNumber: text('parcel_number').notNull().default(''),
    route: text('route').notNull(),
    sequence: integer('sequence').notNull(),
    cycle: integer('cycle').notNull(),
  },
  (table) => [index('service_locations_cycle_route').on(table.cycle, table.route, table.sequence)],
);

export const meters = sqliteTable(
  'meters',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    serial: text('serial').notNull().unique(),
    size: text('size').notNull(),
    dials: integer('dials').notNull(),
    multiplier: text('multiplier').notNull().default('1'),
    unit: text('unit', { enum: ['CF', 'HCF', 'GAL', 'KGAL'] }).notNull(),
    installedOn: text('installed_on').notNull(),
    removedOn: text('removed_on'),
    status: text('status', { enum: ['active', 'removed', 'inventory'] }).notNull(),
    locationId: integer('location_id').references(() => serviceLocations.id),
  },
  (table) => [index('meters_location').on(table.locationId)],
);

export const accounts = sqliteTable(
  'accounts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountNumber: text('account_number').notNull().unique(),
    customerId: integer('customer_id').notNull().references(() => customers.id),
    locationId: integer('location_id').notNull().references(() => serviceLocations.id),
    status: text('status', { enum: ['active', 'closed'] }).notNull(),
    openedOn: text('opened_on').notNull(),
    closedOn: text('closed_on'),
    depositHeldCents: integer('deposit_held_cents').notNull().default(0),
    autopay: integer('autopay', { mode: 'boolean' }).notNull().default(false),
    /** Why bill runs skip this account (a dispute, a pending rebill…); NULL: billed normally. */
    billHoldReason: text('bill_hold_reason'),
    createdAt: text('created_at').notNull(),
  },
  (table) => [index('accounts_customer').on(table.customerId), index('accounts_location').on(table.locationId)],
);

export const accountServices = sqliteTable(
  'account_services',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id').notNull().references(() => accounts.id),
    service: text('service', { enum: ['water', 'wastewater', 'private_fire'] }).notNull(),
    rateClass: text('rate_class', { enum: ['residential', 'multi_family', 'commercial', 'irrigation'] }).notNull(),
    dwellingUnits: integer('dwelling_units').notNull().default(1),
    fireLineSizeInches: integer('fire_line_size_inches'),
    startedOn: text('started_on').notNull(),
    endedOn: text('ended_on'),
  },
  (table) => [index('account_services_account').on(table.accountId)],
);

/**
 * Meter reads (register values as read). `reading` is the whole register value; `reading_text`
 * keeps the exact decimal when a read has a fraction (older and demo rows leave it NULL: their
 * integer reading is exact). Imported reads carry their import, cycle, period and review status.
 */
export const meterReads = sqliteTable(
  'meter_reads',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meterId: integer('meter_id').notNull().references(() => meters.id),
    accountId: integer('account_id').references(() => accounts.id),
    readDate: text('read_date').notNull(),
    reading: integer('reading').notNull(),
    /** Use since the previous read in billing units (HCF), as an exact decimal string. */
    usageHcf: text('usage_hcf').notNull(),
    estimated: integer('estimated', { mode: 'boolean' }).notNull().default(false),
    source: text('source').notNull(),
    createdAt: text('created_at').notNull(),
    readingText: text('reading_text'),
    /** Billing period "YYYY-MM" (NULL on older rows: the read date's month). */
    period: text('period'),
    cycle: integer('cycle'),
    importId: integer('import_id').references(() => readImports.id),
    status: text('status', { enum: ['ok', 'review', 'accepted', 'corrected', 'estimated'] }).notNull().default('ok'),
    originalReadingText: text('original_reading_text'),
    originalUsageHcf: text('original_usage_hcf'),
    resolvedByUserId: integer('resolved_by_user_id').references(() => users.id),
    resolvedAt: text('resolved_at'),
  },
  // Keyed by month first, then meter — never by meter first. A meter-first index gets one new
  // entry on every one of its pages from each cycle's import, so each import rewrote the whole
  // index: 7.8 MB at 13 months of history, 37 MB at five years (docs/performance.md). Here a
  // month's reads go to the end of both indexes. A meter's reads are found month by month
  // (core/reads/read-keys.ts): by billing period — COALESCE(period, read month), as every query
  // names it — and by the read date's month, for reads asked for by date.
  (table) => [
    index('meter_reads_period_meter').on(sql`COALESCE(${table.period}, substr(${table.readDate}, 1, 7))`, table.meterId),
    index('meter_reads_month_meter').on(sql`substr(${table.readDate}, 1, 7)`, table.meterId),
  ],
);

/**
 * A cycle's read history as the last import left it (core/reads/history-store.ts encodes `data`):
 * each meter's reads dated on or after `horizon_date`, never fewer than its `kept_newest` newest.
 * It describes meter_reads as they were through read `through_read_id` and change
 * `through_change_id`; reads added since are merged in and meters changed since are read again
 * (core/reads/history-snapshot.ts). A cache: deleting a row only makes the next import slower.
 */
export const readHistorySnapshots = sqliteTable('read_history_snapshots', {
  cycle: integer('cycle').primaryKey(),
  horizonDate: text('horizon_date').notNull(),
  keptNewest: integer('kept_newest').notNull(),
  throughReadId: integer('through_read_id').notNull(),
  throughChangeId: integer('through_change_id').notNull(),
  builtAt: text('built_at').notNull(),
  data: blob('data', { mode: 'buffer' }).notNull(),
});

/**
 * Meters whose stored reads were changed or deleted (written by triggers on meter_reads, migration
 * 0014): a read history snapshot older than the change reads those meters again. AUTOINCREMENT so
 * an id is never reused after pruning.
 */
export const readHistoryChanges = sqliteTable('read_history_changes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  meterId: integer('meter_id').notNull(),
});

/** One imported read file; the SHA-256 of its bytes refuses the same file twice. */
export const readImports = sqliteTable('read_imports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  fileName: text('file_name').notNull(),
  sha256: text('sha256').notNull().unique(),
  format: text('format').notNull(),
  cycle: integer('cycle').notNull(),
  period: text('period').notNull(),
  rowCount: integer('row_count').notNull(),
  readCount: integer('read_count').notNull(),
  exceptionCount: integer('exception_count').notNull(),
  unmatchedCount: integer('unmatched_count').notNull(),
  /** The unmatched reads skipped, as JSON (UnmatchedRead[]). */
  unmatchedJson: text('unmatched_json').notNull().default('[]'),
  importedByUserId: integer('imported_by_user_id').notNull().references(() => users.id),
  importedAt: text('imported_at').notNull(),
});

/**
 * An abnormal read (or a missing one) for review: one row per read, listing every check that
 * fired (`types` as ",high_usage,repeated_use," so a type filter is a LIKE), the most severe
 * as `type`, and the benchmark figures the worklist shows.
 */
export const readExceptions = sqliteTable(
  'read_exceptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cycle: integer('cycle').notNull(),
    period: text('period').notNull(),
    meterId: integer('meter_id').notNull().references(() => meters.id),
    accountId: integer('account_id').references(() => accounts.id),
    readId: integer('read_id').references(() => meterReads.id),
    importId: integer('import_id').references(() => readImports.id),
    type: text('type').notNull(),
    types: text('types').notNull(),
    severity: text('severity', { enum: ['critical', 'warning', 'info'] }).notNull(),
    status: text('status', { enum: ['open', 'held', 'resolved'] }).notNull().default('open'),
    resolution: text('resolution'),
    message: text('message').notNull(),
    findingsJson: text('findings_json').notNull(),
    /** The reading as the file gave it (for a faulted register: the sentinel). */
    readingText: text('reading_text'),
    readDate: text('read_date'),
    usageHcf: text('usage_hcf'),
    priorUsageHcf: text('prior_usage_hcf'),
    lastYearUsageHcf: text('last_year_usage_hcf'),
    averageUsageHcf: text('average_usage_hcf'),
    expectedLowHcf: text('expected_low_hcf'),
    expectedHighHcf: text('expected_high_hcf'),
    createdAt: text('created_at').notNull(),
    resolvedByUserId: integer('resolved_by_user_id').references(() => users.id),
    resolvedAt: text('resolved_at'),
    note: text('note').notNull().default(''),
  },
  (table) => [
    index('read_exceptions_cycle_period').on(table.cycle, table.period, table.status),
    index('read_exceptions_read').on(table.readId),
    index('read_exceptions_meter_period').on(table.meterId, table.period),
  ],
);

/** What was done on an exception: who, when, why (the audit trail holds the same, by operation). */
export const readExceptionActions = sqliteTable(
  'read_exception_actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    exceptionId: integer('exception_id').notNull().references(() => readExceptions.id),
    at: text('at').notNull(),
    userId: integer('user_id').references(() => users.id),
    action: text('action').notNull(),
    reason: text('reason').notNull().default(''),
    detail: text('detail').notNull().default(''),
  },
  (table) => [index('read_exception_actions_exception').on(table.exceptionId)],
);

/** Saved CSV column-mapping profiles, one per read source. */
export const readProfiles = sqliteTable('read_profiles', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  definitionJson: text('definition_json').notNull(),
  createdAt: text('created_at').notNull(),
  createdByUserId: integer('created_by_user_id').notNull().references(() => users.id),
});

/** Minimal field work orders (re-read, leak check, high-usage check); a later issue grows dispatch. */
export const workOrders = sqliteTable(
  'work_orders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    type: text('type', { enum: ['reread', 'leak_check', 'high_usage_check', 'shutoff', 'turn_on'] }).notNull(),
    status: text('status', { enum: ['open', 'completed', 'cancelled'] }).notNull().default('open'),
    accountId: integer('account_id').references(() => accounts.id),
    meterId: integer('meter_id').references(() => meters.id),
    exceptionId: integer('exception_id').references(() => readExceptions.id),
    notes: text('notes').notNull().default(''),
    createdAt: text('created_at').notNull(),
    createdByUserId: integer('created_by_user_id').notNull().references(() => users.id),
    closedAt: text('closed_at'),
    closedByUserId: integer('closed_by_user_id').references(() => users.id),
    /** The day field staff are to do it (a shut-off's date, which the SB 998 guard checks); NULL: as soon as they can. */
    scheduledFor: text('scheduled_for'),
  },
  (table) => [
    index('work_orders_status').on(table.status, table.id),
    index('work_orders_exception').on(table.exceptionId),
    index('work_orders_account').on(table.accountId, table.type),
  ],
);

export const contacts = sqliteTable(
  'contacts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id').notNull().references(() => accounts.id),
    at: text('at').notNull(),
    userId: integer('user_id').notNull().references(() => users.id),
    channel: text('channel').notNull(),
    contactName: text('contact_name').notNull().default(''),
    subject: text('subject').notNull(),
    notes: text('notes').notNull().default(''),
    followUpDue: text('follow_up_due'),
    followUpDoneAt: text('follow_up_done_at'),
    followUpDoneByUserId: integer('follow_up_done_by_user_id').references(() => users.id),
  },
  (table) => [index('contacts_account_at').on(table.accountId, table.at), index('contacts_follow_up').on(table.followUpDue)],
);

/**
 * The district's rates, as saved versions of the rate document (docs/formats/rates.md). The
 * newest row is in force; older rows are kept so every bill can name the rates it used.
 */
export const rateBooks = sqliteTable('rate_books', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  documentJson: text('document_json').notNull(),
  sha256: text('sha256').notNull(),
  note: text('note').notNull().default(''),
  savedAt: text('saved_at').notNull(),
  savedByUserId: integer('saved_by_user_id').references(() => users.id),
});

/**
 * A cycle's bills for one period: draft (no ledger effect; recomputed at will) → approved (by a
 * supervisor) → posted (one journal entry per bill, in one transaction) — or cancelled while a
 * draft. One live run per cycle and period.
 */
export const billRuns = sqliteTable(
  'bill_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cycle: integer('cycle').notNull(),
    period: text('period').notNull(),
    status: text('status', { enum: ['draft', 'approved', 'posted', 'cancelled'] }).notNull(),
    rateBookId: integer('rate_book_id').notNull().references(() => rateBooks.id),
    /** The bills' date (the ledger's effective date) and due date. */
    billDate: text('bill_date').notNull(),
    dueDate: text('due_date').notNull(),
    billCount: integer('bill_count').notNull().default(0),
    totalCents: integer('total_cents').notNull().default(0),
    createdAt: text('created_at').notNull(),
    createdByUserId: integer('created_by_user_id').notNull().references(() => users.id),
    computedAt: text('computed_at').notNull(),
    approvedAt: text('approved_at'),
    approvedByUserId: integer('approved_by_user_id').references(() => users.id),
    postedAt: text('posted_at'),
    postedByUserId: integer('posted_by_user_id').references(() => users.id),
    cancelledAt: text('cancelled_at'),
    note: text('note').notNull().default(''),
  },
  (table) => [
    index('bill_runs_cycle_period').on(table.cycle, table.period),
    uniqueIndex('bill_runs_live').on(table.cycle, table.period).where(sql`${table.status} <> 'cancelled'`),
  ],
);

/** Every account the run had to consider, and what became of it: no account goes unaccounted for. */
export const billRunAccounts = sqliteTable(
  'bill_run_accounts',
  {
    runId: integer('run_id').notNull().references(() => billRuns.id),
    accountId: integer('account_id').notNull().references(() => accounts.id),
    disposition: text('disposition', { enum: ['billed', 'held', 'blocked'] }).notNull(),
    reason: text('reason').notNull().default(''),
  },
  (table) => [primaryKey({ columns: [table.runId, table.accountId] })],
);

/**
 * One bill: the period [from_date, to_date) read date to read date, its usage and lines. Posted
 * bills are immutable; a posted bill is cancelled by reversing its journal entry (and may be
 * replaced by a rebill that points back to it).
 */
export const bills = sqliteTable(
  'bills',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    runId: integer('run_id').references(() => billRuns.id),
    accountId: integer('account_id').notNull().references(() => accounts.id),
    kind: text('kind', { enum: ['regular', 'first', 'final'] }).notNull(),
    status: text('status', { enum: ['draft', 'posted', 'cancelled'] }).notNull(),
    period: text('period').notNull(),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date').notNull(),
    periodDays: integer('period_days').notNull(),
    readId: integer('read_id').references(() => meterReads.id),
    priorReadId: integer('prior_read_id').references(() => meterReads.id),
    usageHcf: text('usage_hcf').notNull(),
    estimated: integer('estimated', { mode: 'boolean' }).notNull().default(false),
    totalCents: integer('total_cents').notNull(),
    /** The account's balance before this bill posted (a credit is negative) and what is then due. */
    previousBalanceCents: integer('previous_balance_cents').notNull().default(0),
    amountDueCents: integer('amount_due_cents').notNull().default(0),
    /** ",FINAL,AUTOPAY," — the print vendor's conditional message codes. */
    messageCodes: text('message_codes').notNull().default(','),
    summary: text('summary').notNull().default(''),
    journalEntryId: text('journal_entry_id').references(() => journalEntries.id),
    rateBookId: integer('rate_book_id').notNull().references(() => rateBooks.id),
    createdAt: text('created_at').notNull(),
    cancelledAt: text('cancelled_at'),
    cancelledByUserId: integer('cancelled_by_user_id').references(() => users.id),
    cancelReason: text('cancel_reason'),
    cancelEntryId: text('cancel_entry_id').references(() => journalEntries.id),
    replacesBillId: integer('replaces_bill_id').references((): any => bills.id),
  },
  (table) => [
    index('bills_run').on(table.runId, table.accountId),
    index('bills_account').on(table.accountId, table.toDate),
    // For the foreign key's check (migration 0018): deleting a draft bill (recompute) looks for
    // bills that replace it; without this, each deleted bill scanned the whole table (16 s to
    // recompute a run at 23,000 bills). Partial: only rebills have the key, so a run's bills write
    // no page of it, and `replaces_bill_id = ?` implies the condition, so SQLite uses it.
    index('bills_replaces').on(table.replacesBillId).where(sql`${table.replacesBillId} IS NOT NULL`),
    // A ledger line's bill, found by its entry (the account's open items, on the account page):
    // without this, each of an account's lines read every bill ever made (1.8 s at 13 months of
    // 5,000 accounts). Partial: drafts have no entry yet. Bill entry ids grow with the bill id,
    // so a post appends to it.
    index('bills_journal_entry').on(table.journalEntryId).where(sql`${table.journalEntryId} IS NOT NULL`),
  ],
);

/**
 * A bill line's arithmetic (contract LineExplanation) as JSON, stored once per distinct text:
 * accounts billed alike share one explanation, so a 50,000-account run writes a few thousand of
 * these instead of 150,000 copies. Content-addressed and immutable; never deleted (a recomputed
 * draft's explanation is reused by the next computation with the same figures).
 */
export const billLineExplanations = sqliteTable('bill_line_explanations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  explanationJson: text('explanation_json').notNull().unique('bill_line_explanations_text'),
});

export const billLines = sqliteTable(
  'bill_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    billId: integer('bill_id').notNull().references(() => bills.id),
    lineNo: integer('line_no').notNull(),
    kind: text('kind').notNull(),
    service: text('service').notNull(),
    rateClass: text('rate_class'),
    glCode: text('gl_code').notNull().references(() => glAccounts.code),
    description: text('description').notNull(),
    amountCents: integer('amount_cents').notNull(),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date').notNull(),
    /** The line's arithmetic, shared with every line computed alike. */
    explanationId: integer('explanation_id').notNull().references(() => billLineExplanations.id),
  },
  (table) => [uniqueIndex('bill_lines_bill_line').on(table.billId, table.lineNo)],
);

// ---------------------------------------------------------------------------------------------
// Payments and the cash drawer (issue #5). Amounts are integer cents; rows that carry money are
// immutable once they count (triggers in the custom migration beside the generated one).

/**
 * One clerk's drawer for one business day at one workstation: open (taking payments) → closed
 * (counted; over/short posted; locked) → deposited. One open drawer per clerk.
 */
export const drawerSessions = sqliteTable(
  'drawer_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clerkUserId: integer('clerk_user_id').notNull().references(() => users.id),
    workstation: text('workstation').notNull(),
    businessDate: text('business_date').notNull(),
    status: text('status', { enum: ['open', 'closed', 'deposited'] }).notNull(),
    openedAt: text('opened_at').notNull(),
    /** The starting float as counted, by denomination (contract DenominationCounts JSON). */
    floatCountsJson: text('float_counts_json').notNull(),
    floatCents: integer('float_cents').notNull(),
    floatCurrencyCents: integer('float_currency_cents').notNull(),
    floatCoinCents: integer('float_coin_cents').notNull(),
    closedAt: text('closed_at'),
    closedByUserId: integer('closed_by_user_id').references(() => users.id),
    /** The close count: cash by denomination, checks and money orders listed, card batch total. */
    countJson: text('count_json'),
    countedCashCents: integer('counted_cash_cents'),
    countedCurrencyCents: integer('counted_currency_cents'),
    countedCoinCents: integer('counted_coin_cents'),
    countedItemsCents: integer('counted_items_cents'),
    /** The reconciliation at close (expected vs counted per tender, findings) as JSON. */
    reconciliationJson: text('reconciliation_json'),
    /** Counted − expected for cash, checks and money orders (over positive, short negative). */
    overShortCents: integer('over_short_cents'),
    overShortReason: text('over_short_reason'),
    overShortEntryId: text('over_short_entry_id').references(() => journalEntries.id),
    depositId: integer('deposit_id').references((): any => deposits.id),
  },
  (table) => [
    uniqueIndex('drawer_sessions_one_open_per_clerk').on(table.clerkUserId).where(sql`${table.status} = 'open'`),
    index('drawer_sessions_date').on(table.businessDate, table.status),
  ],
);

/** A mail or drop-box batch: control count and total keyed first; closes only when entries match. */
export const paymentBatches = sqliteTable(
  'payment_batches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    drawerId: integer('drawer_id').notNull().references(() => drawerSessions.id),
    channel: text('channel', { enum: ['mail', 'dropbox'] }).notNull(),
    controlCount: integer('control_count').notNull(),
    controlTotalCents: integer('control_total_cents').notNull(),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    note: text('note').notNull().default(''),
    openedAt: text('opened_at').notNull(),
    openedByUserId: integer('opened_by_user_id').notNull().references(() => users.id),
    closedAt: text('closed_at'),
  },
  (table) => [index('payment_batches_drawer').on(table.drawerId)],
);

/** A bank lockbox file, imported all-or-nothing; the same file (SHA-256) is refused twice. */
export const lockboxImports = sqliteTable('lockbox_imports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  fileName: text('file_name').notNull(),
  format: text('format', { enum: ['lockbox-csv', 'bai2', 'bai-lockbox'] }).notNull(),
  fileSha256: text('file_sha256').notNull().unique(),
  itemCount: integer('item_count').notNull(),
  totalCents: integer('total_cents').notNull(),
  businessDate: text('business_date').notNull(),
  importedAt: text('imported_at').notNull(),
  importedByUserId: integer('imported_by_user_id').notNull().references(() => users.id),
});

/**
 * One payment (one receipt). `payment_uid` is the client's UUID and its journal entry's id: a
 * double click, a retry or a resend after a crash finds it and never posts twice.
 */
export const payments = sqliteTable(
  'payments',
  {
    // No AUTOINCREMENT (migration 0013): payments are never deleted and take the largest id plus one.
    id: integer('id').primaryKey(),
    paymentUid: text('payment_uid').notNull().unique(),
    // The receipt number is the id's ("R0000042"), checked below: a lookup by receipt number goes
    // by id, and no separate unique index is written at every payment.
    receiptNumber: text('receipt_number').notNull(),
    channel: text('channel', { enum: ['counter', 'mail', 'dropbox', 'lockbox'] }).notNull(),
    drawerId: integer('drawer_id').references(() => drawerSessions.id),
    batchId: integer('batch_id').references(() => paymentBatches.id),
    lockboxImportId: integer('lockbox_import_id').references(() => lockboxImports.id),
    /** The lockbox file's line, for a lockbox payment. */
    sourceLine: integer('source_line'),
    clerkUserId: integer('clerk_user_id').notNull().references(() => users.id),
    businessDate: text('business_date').notNull(),
    receivedAt: text('received_at').notNull(),
    payerName: text('payer_name').notNull().default(''),
    /** What the customer said they pay; tendered; cash handed back; tender excess credited; posted. */
    amountCents: integer('amount_cents').notNull(),
    tenderedCents: integer('tendered_cents').notNull(),
    changeCents: integer('change_cents').notNull(),
    creditCents: integer('credit_cents').notNull(),
    paymentCents: integer('payment_cents').notNull(),
    contentHash: text('content_hash').notNull(),
    journalEntryId: text('journal_entry_id').notNull().references(() => journalEntries.id),
    status: text('status', { enum: ['posted', 'voided', 'returned'] }).notNull(),
    voidedAt: text('voided_at'),
    voidedByUserId: integer('voided_by_user_id').references(() => users.id),
    voidApprovedByUserId: integer('void_approved_by_user_id').references(() => users.id),
    voidReason: text('void_reason'),
    voidEntryId: text('void_entry_id').references(() => journalEntries.id),
    returnedAt: text('returned_at'),
    returnedByUserId: integer('returned_by_user_id').references(() => users.id),
    returnReason: text('return_reason'),
    returnEntryId: text('return_entry_id').references(() => journalEntries.id),
    returnFeeCents: integer('return_fee_cents'),
  },
  (table) => [
    // One index for the day and the drawer: a drawer's payments all carry its business date, so
    // drawer queries name both (a payment's commit writes one index page instead of two).
    index('payments_day_drawer').on(table.businessDate, table.drawerId),
    // Partial (batch and lockbox payments only): a counter payment's commit writes two pages fewer.
    index('payments_batch').on(table.batchId).where(sql`${table.batchId} IS NOT NULL`),
    index('payments_lockbox').on(table.lockboxImportId).where(sql`${table.lockboxImportId} IS NOT NULL`),
    // Partial (returned checks only, migration 0018): the end-of-day report finds the day's
    // returned checks from the day's entries; without it, it read every payment ever taken.
    index('payments_return_entry').on(table.returnEntryId).where(sql`${table.returnEntryId} IS NOT NULL`),
    // Unqualified column names: a table rebuild renames the table under its constraints.
    check('payments_receipt_number_of_id', sql`receipt_number = printf('R%07d', id)`),
  ],
);

/** The accounts one receipt pays, with what each received and its balance just after. */
// WITHOUT ROWID in the database (migration 0012; drizzle cannot say so): the (payment, line) key
// is the table, so a payment's commit writes one page less per table.
export const paymentAccounts = sqliteTable(
  'payment_accounts',
  {
    paymentId: integer('payment_id').notNull().references(() => payments.id),
    lineNo: integer('line_no').notNull(),
    accountId: integer('account_id').notNull().references(() => accounts.id),
    amountCents: integer('amount_cents').notNull(),
    balanceAfterCents: integer('balance_after_cents').notNull(),
  },
  // No index by account (dropped in 0013): an account's payments are found through its journal
  // lines (journal_lines_account_amount) and the payment's entry id, which is its UUID.
  (table) => [primaryKey({ columns: [table.paymentId, table.lineNo] })],
);

/** What the customer handed over. Card tenders hold the last four digits and the authorisation code only. */
// WITHOUT ROWID in the database (migration 0012; drizzle cannot say so): the (payment, line) key
// is the table, so a payment's commit writes one page less per table.
export const paymentTenders = sqliteTable(
  'payment_tenders',
  {
    paymentId: integer('payment_id').notNull().references(() => payments.id),
    lineNo: integer('line_no').notNull(),
    kind: text('kind', { enum: ['cash', 'check', 'card', 'money_order'] }).notNull(),
    amountCents: integer('amount_cents').notNull(),
    /** Check number or money order serial. */
    itemNumber: text('item_number'),
    /** Bank of a check, issuer of a money order. */
    drawnOn: text('drawn_on'),
    cardLastFour: text('card_last_four'),
    cardAuthorization: text('card_authorization'),
  },
  (table) => [primaryKey({ columns: [table.paymentId, table.lineNo] })],
);

/** A bank deposit of one or several closed drawers: the slip (currency, coin, each check) and its posting. */
export const deposits = sqliteTable('deposits', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  depositUid: text('deposit_uid').notNull().unique(),
  businessDate: text('business_date').notNull(),
  createdAt: text('created_at').notNull(),
  createdByUserId: integer('created_by_user_id').notNull().references(() => users.id),
  currencyCents: integer('currency_cents').notNull(),
  coinCents: integer('coin_cents').notNull(),
  itemsCents: integer('items_cents').notNull(),
  itemCount: integer('item_count').notNull(),
  totalCents: integer('total_cents').notNull(),
  /** The slip's lines (each check and money order) as JSON. */
  slipJson: text('slip_json').notNull(),
  journalEntryId: text('journal_entry_id').notNull().references(() => journalEntries.id),
});

/** A business day's end-of-day report, finalised by a supervisor only when it balances. */
export const endOfDayReports = sqliteTable('end_of_day_reports', {
  businessDate: text('business_date').primaryKey(),
  finalisedAt: text('finalised_at').notNull(),
  finalisedByUserId: integer('finalised_by_user_id').notNull().references(() => users.id),
  reportJson: text('report_json').notNull(),
});

// ---------------------------------------------------------------------------------------------
// Collections (core/collections): the business-day calendar and the facts the SB 998 guard reads.
// Rows are never deleted: a holiday is removed, a hold or arrangement ended, by dating the row.

/** Days the office is closed besides weekends: seeded from date-holidays (California + federal) or added by the district. */
export const holidays = sqliteTable(
  'holidays',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    date: text('date').notNull(),
    name: text('name').notNull(),
    source: text('source', { enum: ['seeded', 'district'] }).notNull(),
    /** 1: the weekday a weekend holiday is observed on (Friday 3 July 2026 for Saturday the 4th). */
    observed: integer('observed', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    /** Set when the district removes the day (the office opens after all); the row stays. */
    removedAt: text('removed_at'),
    removedByUserId: integer('removed_by_user_id').references(() => users.id),
  },
  (table) => [uniqueIndex('holidays_date_name').on(table.date, table.name)],
);

/** What holds collections on an account: a pending appeal or bill review, a medical certificate, financial inability. */
export const collectionHolds = sqliteTable(
  'collection_holds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id').notNull().references(() => accounts.id),
    kind: text('kind', { enum: ['appeal', 'bill_review', 'medical_certificate', 'financial_inability'] }).notNull(),
    /** For financial_inability: the program or test that shows it (CalWORKs, CalFresh, … under 200% FPL). */
    program: text('program', { enum: ['calworks', 'calfresh', 'general_assistance', 'medi_cal', 'ssi_ssp', 'wic', 'under_200_fpl'] }),
    startedOn: text('started_on').notNull(),
    /** First day the hold no longer applies (an appeal decided, a certificate expired); NULL: still in force. */
    endedOn: text('ended_on'),
    notes: text('notes').notNull().default(''),
    createdAt: text('created_at').notNull(),
    createdByUserId: integer('created_by_user_id').notNull().references(() => users.id),
    endedAt: text('ended_at'),
    endedByUserId: integer('ended_by_user_id').references(() => users.id),
  },
  (table) => [index('collection_holds_account').on(table.accountId, table.kind)],
);

/** A payment arrangement the customer accepted; the arrangements work adds its schedule and installments. */
export const paymentArrangements = sqliteTable(
  'payment_arrangements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id').notNull().references(() => accounts.id),
    kind: text('kind', { enum: ['amortization', 'alternative_schedule', 'partial_reduction', 'deferral'] }).notNull(),
    acceptedOn: text('accepted_on').notNull(),
    status: text('status', { enum: ['active', 'failed', 'completed'] }).notNull().default('active'),
    /** The day it was declared failed (the customer out of compliance 60+ days) or completed. */
    failedOn: text('failed_on'),
    completedOn: text('completed_on'),
    totalCents: integer('total_cents').notNull(),
    notes: text('notes').notNull().default(''),
    createdAt: text('created_at').notNull(),
    createdByUserId: integer('created_by_user_id').notNull().references(() => users.id),
    endedAt: text('ended_at'),
    endedByUserId: integer('ended_by_user_id').references(() => users.id),
  },
  (table) => [index('payment_arrangements_account').on(table.accountId, table.acceptedOn)],
);

/** Each notice sent, call made or tag posted about an account's delinquency (by hand now; the delinquency steps later). */
export const collectionNotices = sqliteTable(
  'collection_notices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id').notNull().references(() => accounts.id),
    kind: text('kind', { enum: ['written_notice', 'phone_contact', 'final_notice_posted', 'door_tag'] }).notNull(),
    /** The day it was mailed, the call made, the notice posted at the residence. */
    noticeDate: text('notice_date').notNull(),
    amountDelinquentCents: integer('amount_delinquent_cents').notNull(),
    notes: text('notes').notNull().default(''),
    createdAt: text('created_at').notNull(),
    createdByUserId: integer('created_by_user_id').notNull().references(() => users.id),
  },
  (table) => [index('collection_notices_account').on(table.accountId, table.noticeDate)],
);
