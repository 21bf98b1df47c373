/**
 * Posting to the double-entry journal. Every entry's lines sum to zero; entries are immutable
 * (the database refuses UPDATE and DELETE); a mistake is corrected by a reversing entry that
 * points to the original. The entry id is the caller's UUID, so a retry never posts twice.
 */
import type { Sqlite } from '../storage/database';
import { OfficeError, assertInvariant } from '../errors';
import { hashOf } from '../hashing';
import { GL, SUBLEDGER_GL_CODES } from './chart';

export interface PostingLine {
  glCode: string;
  /** The customer account, required on receivable lines and refused elsewhere. */
  accountId?: number | null;
  amountCents: number;
}

export interface PostingInput {
  entryId: string;
  effectiveDate: string;
  kind: string;
  memo: string;
  lines: readonly PostingLine[];
  createdByUserId: number | null;
  approvedByUserId?: number | null;
  reversesEntryId?: string | null;
}

export interface PostingResult {
  entryId: string;
  /** True when this id was already posted with the same content: nothing new was written. */
  replayed: boolean;
}

/** A bound on one entry's size: a bill has a handful of lines, a deposit a few hundred. */
export const MAX_LINES_PER_ENTRY = 10_000;

interface Statements {
  findEntry: import('better-sqlite3').Statement<[string], { content_hash: string }>;
  insertEntry: import('better-sqlite3').Statement;
  insertLine: import('better-sqlite3').Statement;
  bumpBalance: import('better-sqlite3').Statement;
  accountExists: import('better-sqlite3').Statement<[number], { id: number }>;
}
const statementCache = new WeakMap<Sqlite, Statements>();

function statements(db: Sqlite): Statements {
  let cached = statementCache.get(db);
  if (!cached) {
    cached = {
      findEntry: db.prepare('SELECT content_hash FROM journal_entries WHERE id = ?'),
      insertEntry: db.prepare(
        // Positional: a bill run posts 50,000 of these in one transaction.
        `INSERT INTO journal_entries (id, posted_at, effective_date, kind, memo, created_by_user_id, approved_by_user_id, reverses_entry_id, content_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertLine: db.prepare(
        'INSERT INTO journal_lines (entry_id, line_no, gl_code, account_id, amount_cents) VALUES (?, ?, ?, ?, ?)',
      ),
      bumpBalance: db.prepare(
        `INSERT INTO account_balances (account_id, balance_cents) VALUES (?, ?)
         ON CONFLICT(account_id) DO UPDATE SET balance_cents = balance_cents + excluded.balance_cents`,
      ),
      accountExists: db.prepare('SELECT id FROM accounts WHERE id = ?'),
    };
    statementCache.set(db, cached);
  }
  return cached;
}

/** What makes two postings "the same": everything but who and when. */
function contentHash(input: PostingInput): string {
  return hashOf({
    effectiveDate: input.effectiveDate,
    kind: input.kind,
    memo: input.memo,
    reversesEntryId: input.reversesEntryId ?? null,
    lines: input.lines.map((line) => [line.glCode, line.accountId ?? null, line.amountCents]),
  });
}

function validateLines(lines: readonly PostingLine[]): void {
  if (lines.length < 2) throw new OfficeError('UNBALANCED', 'A journal entry needs at least two lines');
  if (lines.length > MAX_LINES_PER_ENTRY) {
    throw new OfficeError('INVALID_INPUT', `A journal entry has at most ${MAX_LINES_PER_ENTRY} lines`);
  }
  let totalCents = 0;
  lines.forEach((line, index) => {
    if (!Number.isSafeInteger(line.amountCents) || line.amountCents === 0) {
      throw new OfficeError('INVALID_INPUT', `Line ${index + 1}: amount must be a non-zero whole number of cents`);
    }
    const isSubledger = SUBLEDGER_GL_CODES.has(line.glCode);
    if (isSubledger && !line.accountId) {
      throw new OfficeError('INVALID_INPUT', `Line ${index + 1}: a receivable line must name a customer account`);
    }
    if (!isSubledger && line.accountId) {
      throw new OfficeError('INVALID_INPUT', `Line ${index + 1}: only receivable lines name a customer account`);
    }
    totalCents += line.amountCents;
  });
  if (totalCents !== 0) {
    throw new OfficeError('UNBALANCED', `The entry does not balance: debits and credits differ by ${totalCents} cents`);
  }
}

/**
 * Posts one entry in one transaction (a savepoint when the caller already holds one).
 * Same id and same content returns the first posting; same id with other content is refused.
 */
export function postEntry(db: Sqlite, postedAtIso: string, input: PostingInput): PostingResult {
  validateLines(input.lines);
  return db.transaction(() => writeEntry(db, postedAtIso, input)).immediate();
}

/**
 * postEntry for a caller that posts many entries in its own transaction and abandons all of them
 * on any error (a bill run's post): the same checks and rows, without a savepoint per entry,
 * which would cost a 50,000-bill post seconds.
 */
export function postEntryInTransaction(db: Sqlite, postedAtIso: string, input: PostingInput, options: FreshEntryOptions = {}): PostingResult {
  assertInvariant(db.inTransaction, 'postEntryInTransaction runs inside the caller\'s transaction');
  validateLines(input.lines);
  return writeEntry(db, postedAtIso, input, options);
}

export interface FreshEntryOptions {
  /**
   * The caller knows the entry is new and its accounts exist (a run's bills, ids derived from
   * bills never posted): skip the two look-ups. The primary key and the foreign keys still refuse
   * a duplicate id or a missing account — loudly, never by posting twice.
   */
  fresh?: boolean;
}

function writeEntry(db: Sqlite, postedAtIso: string, input: PostingInput, options: FreshEntryOptions = {}): PostingResult {
  const statementsForDb = statements(db);
  const hash = contentHash(input);
  const existing = options.fresh ? undefined : statementsForDb.findEntry.get(input.entryId);
  if (existing) {
    if (existing.content_hash !== hash) {
      throw new OfficeError('IDEMPOTENCY_CONFLICT', `Entry ${input.entryId} was already posted with different amounts; nothing was changed`);
    }
    return { entryId: input.entryId, replayed: true };
  }
  statementsForDb.insertEntry.run(
    input.entryId, postedAtIso, input.effectiveDate, input.kind, input.memo, input.createdByUserId, input.approvedByUserId ?? null, input.reversesEntryId ?? null, hash,
  );
  input.lines.forEach((line, index) => {
    if (line.accountId && !options.fresh && !statementsForDb.accountExists.get(line.accountId)) {
      throw new OfficeError('NOT_FOUND', `Line ${index + 1}: customer account ${line.accountId} does not exist`);
    }
    statementsForDb.insertLine.run(input.entryId, index + 1, line.glCode, line.accountId ?? null, line.amountCents);
    if (line.glCode === GL.accountsReceivable) statementsForDb.bumpBalance.run(line.accountId, line.amountCents);
  });
  return { entryId: input.entryId, replayed: false };
}

interface StoredLine {
  gl_code: string;
  account_id: number | null;
  amount_cents: number;
}

export interface ReversalInput {
  entryId: string;
  originalEntryId: string;
  reason: string;
  effectiveDate: string;
  createdByUserId: number | null;
  approvedByUserId?: number | null;
}

/** Posts the mirror image of an entry, pointing back to it. An entry is reversed at most once. */
export function reverseEntry(db: Sqlite, postedAtIso: string, input: ReversalInput): PostingResult {
  return db.transaction((): PostingResult => {
    const original = db
      .prepare('SELECT id, kind, reverses_entry_id FROM journal_entries WHERE id = ?')
      .get(input.originalEntryId) as { id: string; kind: string; reverses_entry_id: string | null } | undefined;
    if (!original) throw new OfficeError('NOT_FOUND', `Journal entry ${input.originalEntryId} was not found`, 'originalEntryId');
    if (original.reverses_entry_id) {
      throw new OfficeError('CONFLICT', 'That entry is itself a reversal; post a new entry instead', 'originalEntryId');
    }
    const existingReversal = db
      .prepare('SELECT id FROM journal_entries WHERE reverses_entry_id = ?')
      .get(input.originalEntryId) as { id: string } | undefined;
    if (existingReversal && existingReversal.id !== input.entryId) {
      throw new OfficeError('CONFLICT', `That entry was already reversed by ${existingReversal.id}`, 'originalEntryId');
    }
    const lines = db
      .prepare('SELECT gl_code, account_id, amount_cents FROM journal_lines WHERE entry_id = ? ORDER BY line_no')
      .all(input.originalEntryId) as StoredLine[];
    assertInvariant(lines.length >= 2, `entry ${input.originalEntryId} has fewer than two lines`);
    return postEntry(db, postedAtIso, {
      entryId: input.entryId,
      effectiveDate: input.effectiveDate,
      kind: 'reversal',
      memo: `Reversal of ${original.kind}: ${input.reason}`,
      createdByUserId: input.createdByUserId,
      approvedByUserId: input.approvedByUserId ?? null,
      reversesEntryId: input.originalEntryId,
      lines: lines.map((line) => ({ glCode: line.gl_code, accountId: line.account_id, amountCents: -line.amount_cents })),
    });
  }).immediate();
}
