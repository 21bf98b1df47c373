/**
 * Every foreign key's child column has an index that starts with it, or a written reason why it
 * needs none (issue #14). Deleting a parent row (or changing its key) makes SQLite look for
 * children by the child column; without an index that is a scan of the whole child table for
 * each parent row. `DELETE FROM bills WHERE run_id = ? AND status = 'draft'` scanned every bill
 * for `replaces_bill_id` once per deleted draft: a recompute took 16 s at 23,000 bills.
 *
 * The test walks the migrated schema (PRAGMA foreign_key_list, index_list, index_info). A child
 * column needs no index only when it is on ALLOWED below, with a reason; and since those reasons
 * all say "this parent's rows are never deleted and its key never changes", the test also reads
 * src-main for any statement that deletes, replaces or re-keys a row of such a parent.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type OfficeDatabase, type Sqlite } from '../../src-main/core/storage/database';

const NEVER_DELETED = {
  users: 'users are deactivated (users.active), never deleted; their id never changes',
  accounts: 'accounts are closed (status, closed_on), never deleted; their id never changes',
  customers: 'customers are never deleted; their id never changes',
  serviceLocations: 'service locations are never deleted; their id never changes',
  meters: 'meters are removed (status, removed_on), never deleted; their id never changes',
  meterReads: 'reads are corrected in place (reading, status), never deleted; their id never changes',
  readImports: 'read imports are kept as the record of each file; never deleted',
  readExceptions: 'read exceptions are resolved (status), never deleted',
  journalEntries: 'journal entries are immutable: triggers refuse UPDATE and DELETE (migration 0001)',
  glAccounts: 'the chart of accounts is never deleted from; its codes never change',
  rateBooks: 'rate books are kept so every bill can name the rates it used; never deleted',
  billRuns: 'bill runs are cancelled (status), never deleted',
  billLineExplanations: 'explanations are content-addressed and never deleted (bill_line_explanations)',
  deposits: 'deposits are never deleted (payments are immutable, migration 0009)',
  drawerSessions: 'drawer sessions are closed and deposited, never deleted',
  paymentBatches: 'payment batches are closed, never deleted',
  lockboxImports: 'lockbox imports are kept as the record of each file; never deleted',
  payments: 'payments are voided or returned (status), never deleted (migration 0009)',
} as const;

/** "child_table.child_column" → why it needs no index of its own. */
const ALLOWED: Record<string, string> = {
  'contacts.follow_up_done_by_user_id': NEVER_DELETED.users,
  'contacts.user_id': NEVER_DELETED.users,
  'journal_entries.approved_by_user_id': NEVER_DELETED.users,
  'journal_entries.created_by_user_id': NEVER_DELETED.users,
  'meter_reads.account_id': NEVER_DELETED.accounts,
  'meter_reads.meter_id': `${NEVER_DELETED.meters}; reads are found by month, then meter (migration 0015: a meter-first index was rewritten whole at every import)`,
  'meter_reads.resolved_by_user_id': NEVER_DELETED.users,
  'meter_reads.import_id': NEVER_DELETED.readImports,
  'read_exception_actions.user_id': NEVER_DELETED.users,
  'read_exceptions.resolved_by_user_id': NEVER_DELETED.users,
  'read_exceptions.import_id': NEVER_DELETED.readImports,
  'read_exceptions.account_id': NEVER_DELETED.accounts,
  'read_imports.imported_by_user_id': NEVER_DELETED.users,
  'read_profiles.created_by_user_id': NEVER_DELETED.users,
  'work_orders.closed_by_user_id': NEVER_DELETED.users,
  'work_orders.created_by_user_id': NEVER_DELETED.users,
  'work_orders.meter_id': NEVER_DELETED.meters,
  'collection_holds.created_by_user_id': NEVER_DELETED.users,
  'collection_holds.ended_by_user_id': NEVER_DELETED.users,
  'collection_notices.created_by_user_id': NEVER_DELETED.users,
  'holidays.created_by_user_id': NEVER_DELETED.users,
  'holidays.removed_by_user_id': NEVER_DELETED.users,
  'payment_arrangements.created_by_user_id': NEVER_DELETED.users,
  'payment_arrangements.ended_by_user_id': NEVER_DELETED.users,
  'bill_run_accounts.account_id': NEVER_DELETED.accounts,
  'bill_runs.posted_by_user_id': NEVER_DELETED.users,
  'bill_runs.approved_by_user_id': NEVER_DELETED.users,
  'bill_runs.created_by_user_id': NEVER_DELETED.users,
  'bill_runs.rate_book_id': NEVER_DELETED.rateBooks,
  'bills.cancel_entry_id': NEVER_DELETED.journalEntries,
  'bills.cancelled_by_user_id': NEVER_DELETED.users,
  'bills.rate_book_id': NEVER_DELETED.rateBooks,
  'bills.prior_read_id': NEVER_DELETED.meterReads,
  'bills.read_id': NEVER_DELETED.meterReads,
  'rate_books.saved_by_user_id': NEVER_DELETED.users,
  'deposits.journal_entry_id': NEVER_DELETED.journalEntries,
  'deposits.created_by_user_id': NEVER_DELETED.users,
  'drawer_sessions.deposit_id': NEVER_DELETED.deposits,
  'drawer_sessions.over_short_entry_id': NEVER_DELETED.journalEntries,
  'drawer_sessions.closed_by_user_id': NEVER_DELETED.users,
  // Its only index is partial (open drawers only), so it does not serve a lookup by clerk.
  'drawer_sessions.clerk_user_id': NEVER_DELETED.users,
  'end_of_day_reports.finalised_by_user_id': NEVER_DELETED.users,
  'lockbox_imports.imported_by_user_id': NEVER_DELETED.users,
  'payment_batches.opened_by_user_id': NEVER_DELETED.users,
  'bill_lines.explanation_id': NEVER_DELETED.billLineExplanations,
  'bill_lines.gl_code': NEVER_DELETED.glAccounts,
  'journal_lines.gl_code': `${NEVER_DELETED.glAccounts}; GL totals come from gl_balances (migration 0013 dropped this index to lighten every posting)`,
  'payment_accounts.account_id': `${NEVER_DELETED.accounts}; an account's payments are found through its journal lines (migration 0013)`,
  'payments.returned_by_user_id': NEVER_DELETED.users,
  'payments.void_entry_id': NEVER_DELETED.journalEntries,
  'payments.void_approved_by_user_id': NEVER_DELETED.users,
  'payments.voided_by_user_id': NEVER_DELETED.users,
  'payments.journal_entry_id': NEVER_DELETED.journalEntries,
  'payments.clerk_user_id': NEVER_DELETED.users,
  'payments.drawer_id': `${NEVER_DELETED.drawerSessions}; a drawer's payments are found by day and drawer (payments_day_drawer)`,
};

interface ForeignKey {
  child: string;
  column: string;
  parent: string;
  parentColumn: string;
}

let folder: string;
let database: OfficeDatabase;
let db: Sqlite;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'billing-office-fk-indexes-'));
  database = await openDatabase(join(folder, 'office.sqlite'));
  db = database.sqlite;
});

afterAll(() => {
  closeDatabase(database);
  rmSync(folder, { recursive: true, force: true });
});

function tables(): string[] {
  return db.prepare<[], string>(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'`).pluck().all();
}

function foreignKeys(): ForeignKey[] {
  return tables().flatMap((child) =>
    db
      .prepare<[string], { table: string; from: string; to: string | null }>('SELECT "table", "from", "to" FROM pragma_foreign_key_list(?)')
      .all(child)
      .map((row) => ({ child, column: row.from, parent: row.table, parentColumn: row.to ?? 'rowid' })),
  );
}

/** Is `column` the table's INTEGER PRIMARY KEY (the rowid itself: no index needed, none listed)? */
function isRowid(table: string, column: string): boolean {
  const info = db.prepare<[string], { name: string; type: string; pk: number }>('SELECT name, type, pk FROM pragma_table_info(?)').all(table);
  const keyColumns = info.filter((row) => row.pk > 0);
  return keyColumns.length === 1 && keyColumns[0]!.name === column && keyColumns[0]!.type.toUpperCase() === 'INTEGER';
}

/** Does SQLite answer `column = ?` on `table` through an index (how it looks for a parent's children)? */
function searchedByIndex(table: string, column: string): boolean {
  const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT 1 FROM "${table}" WHERE "${column}" = ?`).all(1) as { detail: string }[];
  return plan.some((step) => /^SEARCH .*USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY|USING PRIMARY KEY/.test(step.detail));
}

/** An index whose first column is the child column (a partial one counts only if `column = ?` can use it). */
function isIndexed(key: ForeignKey): boolean {
  if (isRowid(key.child, key.column)) return true;
  const indexes = db.prepare<[string], { name: string; partial: number }>('SELECT name, partial FROM pragma_index_list(?)').all(key.child);
  return indexes.some((index) => {
    const first = db.prepare<[string], string>('SELECT name FROM pragma_index_info(?) WHERE seqno = 0').pluck().get(index.name);
    return first === key.column && (index.partial === 0 || searchedByIndex(key.child, key.column));
  });
}

const SOURCE = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../src-main');

function sourceFiles(folderPath: string): string[] {
  return readdirSync(folderPath).flatMap((name) => {
    const path = join(folderPath, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') || name.endsWith('.tsx') ? [path] : [];
  });
}

/** Statements in src-main that delete or replace a row of `table`, or assign its key column. */
function writesThatDropParents(source: string, table: string, keyColumn: string): string[] {
  const found: string[] = [];
  const deletes = new RegExp(`\\b(DELETE\\s+FROM|REPLACE\\s+INTO|INSERT\\s+OR\\s+REPLACE\\s+INTO)\\s+"?${table}"?\\b`, 'gi');
  for (const match of source.matchAll(deletes)) found.push(match[0]);
  const updates = new RegExp(`\\bUPDATE\\s+"?${table}"?\\s+SET\\s+([\\s\\S]*?)(\\bWHERE\\b|\`|'\\))`, 'gi');
  for (const match of source.matchAll(updates)) {
    if (new RegExp(`(^|,)\\s*"?${keyColumn}"?\\s*=`, 'i').test(match[1] ?? '')) found.push(match[0].slice(0, 80));
  }
  return found;
}

describe('foreign keys and the indexes their checks need', () => {
  it('every child column is indexed (as an index\'s first column) or allowed with a reason', () => {
    const keys = foreignKeys();
    expect(keys.length).toBeGreaterThan(60);
    const unindexed = keys.filter((key) => !isIndexed(key)).map((key) => `${key.child}.${key.column} → ${key.parent}.${key.parentColumn}`);
    const unexplained = unindexed.filter((entry) => !(entry.split(' ')[0]! in ALLOWED));
    expect(unexplained, 'child columns with neither an index nor a reason on ALLOWED').toEqual([]);
  });

  it('the allow-list names only real, unindexed child columns, each with a reason', () => {
    const keys = new Map(foreignKeys().map((key) => [`${key.child}.${key.column}`, key]));
    for (const [entry, reason] of Object.entries(ALLOWED)) {
      const key = keys.get(entry);
      expect(key, `${entry} is not a foreign key any more: remove it from ALLOWED`).toBeDefined();
      expect(isIndexed(key!), `${entry} is indexed now: remove it from ALLOWED`).toBe(false);
      expect(reason.length).toBeGreaterThan(20);
    }
  });

  it('no parent behind an allowed child column has its rows deleted, replaced or re-keyed anywhere in src-main', () => {
    const keys = foreignKeys().filter((key) => `${key.child}.${key.column}` in ALLOWED);
    const parents = new Map(keys.map((key) => [key.parent, key.parentColumn === 'rowid' ? 'id' : key.parentColumn]));
    const sources = sourceFiles(SOURCE).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
    const offending: string[] = [];
    for (const [parent, keyColumn] of parents) {
      for (const { path, text } of sources) {
        for (const statement of writesThatDropParents(text, parent, keyColumn)) offending.push(`${path.slice(SOURCE.length + 1)}: ${statement}`);
      }
    }
    expect(offending, 'a parent on the allow-list loses rows: index its children instead').toEqual([]);
  });

  it('the scan above recognises the statements it looks for', () => {
    expect(writesThatDropParents("db.prepare(`DELETE FROM bills WHERE run_id = ?`)", 'bills', 'id')).toHaveLength(1);
    expect(writesThatDropParents("db.prepare(`INSERT OR REPLACE INTO users (id) VALUES (?)`)", 'users', 'id')).toHaveLength(1);
    expect(writesThatDropParents("db.prepare(`UPDATE accounts SET status = ?, id = ? WHERE id = ?`)", 'accounts', 'id')).toHaveLength(1);
    expect(writesThatDropParents("db.prepare(`UPDATE accounts SET status = ? WHERE id = ?`)", 'accounts', 'id')).toEqual([]);
  });
});
