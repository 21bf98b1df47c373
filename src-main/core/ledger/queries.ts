/** Read side of the ledger: balances, entries and an account's history. */
import type { AccountLedgerLine } from '../../../src-shared/contract/accounts';
import type { GlAccountBalance, JournalEntryView } from '../../../src-shared/contract/ledger';
import { notFound } from '../errors';
import type { Sqlite } from '../storage/database';

export function chartWithBalances(db: Sqlite): GlAccountBalance[] {
  return db
    .prepare(
      // gl_balances is kept by a trigger on every line written; verify proves it against the lines.
      `SELECT g.code, g.name, g.type, COALESCE(b.balance_cents, 0) AS balanceCents
       FROM gl_accounts g LEFT JOIN gl_balances b ON b.gl_code = g.code
       ORDER BY g.code`,
    )
    .all() as GlAccountBalance[];
}

/**
 * A GL account's balance at the end of a day: its running balance (gl_balances) less the lines of
 * entries dated after that day. Entries are found by date (the partial effective-date index for
 * every entry but payments; a payment's entry through its payment's business date, which is its
 * effective date), so a recent date reads only the days since, not the whole journal.
 */
export function glBalanceAsOf(db: Sqlite, glCode: string, asOf: string): number {
  const nowCents = (db.prepare('SELECT balance_cents FROM gl_balances WHERE gl_code = ?').pluck().get(glCode) as number | undefined) ?? 0;
  const laterCents = db
    .prepare(
      `WITH later(id) AS MATERIALIZED (SELECT id FROM journal_entries WHERE effective_date > ? AND kind <> 'payment'
                          UNION ALL SELECT payment_uid FROM payments WHERE business_date > ?)
       SELECT COALESCE(SUM(l.amount_cents), 0) FROM later CROSS JOIN journal_lines l ON l.entry_id = later.id WHERE l.gl_code = ?`,
    )
    .pluck()
    .get(asOf, asOf, glCode) as number;
  return nowCents - laterCents;
}

export function accountBalanceCents(db: Sqlite, accountId: number): number {
  const row = db.prepare('SELECT balance_cents FROM account_balances WHERE account_id = ?').get(accountId) as
    | { balance_cents: number }
    | undefined;
  return row?.balance_cents ?? 0;
}

export function journalEntryView(db: Sqlite, entryId: string): JournalEntryView {
  const entry = db
    .prepare(
      `SELECT e.id AS entryId, e.posted_at AS postedAt, e.effective_date AS effectiveDate, e.kind, e.memo,
              COALESCE(u.display_name, 'system') AS createdBy, a.display_name AS approvedBy,
              e.reverses_entry_id AS reversesEntryId,
              (SELECT r.id FROM journal_entries r WHERE r.reverses_entry_id = e.id) AS reversedByEntryId
       FROM journal_entries e
       LEFT JOIN users u ON u.id = e.created_by_user_id
       LEFT JOIN users a ON a.id = e.approved_by_user_id
       WHERE e.id = ?`,
    )
    .get(entryId) as Omit<JournalEntryView, 'lines'> | undefined;
  if (!entry) throw notFound(`Journal entry ${entryId}`, 'entryId');
  const lines = db
    .prepare(
      `SELECT l.line_no AS lineNo, l.gl_code AS glCode, g.name AS glName, l.account_id AS accountId,
              a.account_number AS accountNumber, l.amount_cents AS amountCents
       FROM journal_lines l JOIN gl_accounts g ON g.code = l.gl_code
       LEFT JOIN accounts a ON a.id = l.account_id
       WHERE l.entry_id = ? ORDER BY l.line_no`,
    )
    .all(entryId) as JournalEntryView['lines'];
  return { ...entry, lines };
}

/**
 * An account's receivable lines, newest first, each with the balance right after it. The
 * running balance is the current balance minus the lines newer than it, so paging stays exact.
 */
export function accountLedger(
  db: Sqlite,
  accountId: number,
  limit: number,
  beforeLineId?: number,
): { lines: AccountLedgerLine[]; balanceCents: number; hasMore: boolean } {
  const balanceCents = accountBalanceCents(db, accountId);
  const newerSumCents = beforeLineId
    ? ((db
        .prepare('SELECT COALESCE(SUM(amount_cents), 0) AS total FROM journal_lines WHERE account_id = ? AND id >= ?')
        .get(accountId, beforeLineId) as { total: number }).total)
    : 0;
  const rows = db
    .prepare(
      `SELECT l.id AS lineId, l.entry_id AS entryId, e.posted_at AS postedAt, e.effective_date AS effectiveDate,
              e.kind, e.memo, l.amount_cents AS amountCents, e.reverses_entry_id AS reversesEntryId,
              (SELECT r.id FROM journal_entries r WHERE r.reverses_entry_id = e.id) AS reversedByEntryId
       FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
       WHERE l.account_id = ? AND l.id < ?
       ORDER BY l.id DESC LIMIT ?`,
    )
    .all(accountId, beforeLineId ?? Number.MAX_SAFE_INTEGER, limit + 1) as Omit<AccountLedgerLine, 'balanceAfterCents'>[];
  const hasMore = rows.length > limit;
  let balanceAfterCents = balanceCents - newerSumCents;
  const lines = rows.slice(0, limit).map((row) => {
    const line = { ...row, balanceAfterCents };
    balanceAfterCents -= row.amountCents;
    return line;
  });
  return { lines, balanceCents, hasMore };
}
