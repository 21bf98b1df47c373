/**
 * Cross-checks of verify: the records that carry money (payments and their receipts, posted
 * bills, drawer closes, money-moving audit records) against the journal. The journal alone can
 * balance while disagreeing with them — a payment's lines multiplied, or its entry deleted and
 * the balance caches fixed to match — so each is compared with what it says it posted.
 *
 * Each check is one set-based query (joins and GROUP BY over whole tables, no per-row work in
 * JavaScript), so verify stays quick on a 50,000-account office. Given `since` (an incremental
 * verify), each looks only at the rows made or changed after the checkpoint (verify-scope.ts):
 * the filters below are all `1` in a full verify.
 */
import type { VerifyCheck } from '../../../src-shared/contract/system';
import type { Sqlite } from '../storage/database';
import { GL } from './chart';
import { NEW_ENTRIES, SCOPED_BILLS, SCOPED_PAYMENTS, type VerifySince } from './verify-scope';

const LIST_AT_MOST = 5;

function listed(ids: readonly (string | number)[]): string {
  const shown = ids.slice(0, LIST_AT_MOST).join(', ');
  return ids.length > LIST_AT_MOST ? `${shown} and ${ids.length - LIST_AT_MOST} more` : shown;
}

function check(name: string, faults: readonly (string | number)[], okDetail: string, faultDetail: string): VerifyCheck {
  return { name, ok: faults.length === 0, detail: faults.length === 0 ? okDetail : `${faultDetail}: ${listed(faults)}` };
}

const column = (db: Sqlite, sql: string, params: Record<string, unknown> = {}) => db.prepare(sql).pluck().all(params) as (string | number)[];

/** `expr IN table` in an incremental verify; always true in a full one. */
const within = (since: VerifySince | null, expr: string, table: string) => (since ? `${expr} IN ${table}` : '1');

/**
 * `table alias` in a full verify; in an incremental one, the same table reached from its scope
 * (CROSS JOIN keeps the small temp table the outer loop: with `alias.id IN scope` instead, SQLite
 * — without statistics on the temp table — sometimes scanned the whole table in id order).
 */
const scopedTable = (since: VerifySince | null, table: 'payments' | 'bills', alias: string) =>
  since ? `${table === 'payments' ? SCOPED_PAYMENTS : SCOPED_BILLS} scope_${alias} CROSS JOIN ${table} ${alias} ON ${alias}.id = scope_${alias}.id` : `${table} ${alias}`;

/**
 * Each payment has exactly one journal entry (its own UUID, kind 'payment'): what it debits
 * (cash, checks, card, lockbox) and what it credits to receivables both equal the payment; a
 * voided payment's reversal mirrors it; a returned one has its entry; and no payment entry
 * exists without its payment.
 */
export function checkPaymentsAgainstJournal(db: Sqlite, since: VerifySince | null = null): VerifyCheck {
  const payments = scopedTable(since, 'payments', 'p');
  const faults = column(
    db,
    `WITH sums AS (
       SELECT p.id AS paymentId, SUM(MAX(l.amount_cents, 0)) AS debitCents,
              -SUM(CASE WHEN l.gl_code = @ar THEN l.amount_cents ELSE 0 END) AS receivableCreditCents
       FROM ${payments} JOIN journal_lines l ON l.entry_id = p.journal_entry_id GROUP BY p.id)
     SELECT 'receipt ' || p.receipt_number FROM ${payments}
     LEFT JOIN journal_entries e ON e.id = p.journal_entry_id
     LEFT JOIN sums s ON s.paymentId = p.id
     WHERE (e.id IS NULL OR e.kind <> 'payment' OR p.journal_entry_id <> p.payment_uid
        OR s.debitCents IS NOT p.payment_cents OR s.receivableCreditCents IS NOT p.payment_cents
        OR (p.status = 'voided' AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.id = p.void_entry_id AND r.reverses_entry_id = p.journal_entry_id))
        OR (p.status = 'returned' AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.id = p.return_entry_id)))
     UNION ALL
     SELECT 'entry ' || e.id FROM journal_entries e LEFT JOIN payments p ON p.payment_uid = e.id
     WHERE ${within(since, 'e.id', NEW_ENTRIES)} AND e.kind = 'payment' AND p.id IS NULL`,
    { ar: GL.accountsReceivable },
  );
  return check('Payments match their journal entries', faults, 'Every payment has one entry, and it posted exactly the payment', 'Payments or entries that disagree');
}

/**
 * Each receipt's lines match its payment: what it put on each account is what the journal
 * credited that account, its tenders add up to what was tendered, and tendered = paid + change.
 */
export function checkReceiptsAgainstPayments(db: Sqlite, since: VerifySince | null = null): VerifyCheck {
  // Receipt lines and the entry's receivable lines, signed so that agreeing ones cancel out: a
  // GROUP BY over both (sorted once) rather than a join of two derived tables, which SQLite
  // would run as a nested loop over 50,000 × 50,000 rows.
  const faults = column(
    db,
    `WITH faults AS (
       SELECT paymentId FROM (
         SELECT payment_id AS paymentId, account_id AS accountId, amount_cents AS cents FROM payment_accounts WHERE ${within(since, 'payment_id', SCOPED_PAYMENTS)}
         UNION ALL
         SELECT p.id, l.account_id, l.amount_cents FROM ${scopedTable(since, 'payments', 'p')} JOIN journal_lines l ON l.entry_id = p.journal_entry_id AND l.gl_code = @ar)
       GROUP BY paymentId, accountId HAVING SUM(cents) <> 0
       UNION
       SELECT p.id FROM ${scopedTable(since, 'payments', 'p')}
       WHERE p.tendered_cents <> p.payment_cents + p.change_cents
          OR (SELECT SUM(t.amount_cents) FROM payment_tenders t WHERE t.payment_id = p.id) IS NOT p.tendered_cents)
     SELECT COALESCE('receipt ' || p.receipt_number, 'payment ' || f.paymentId) FROM faults f LEFT JOIN payments p ON p.id = f.paymentId ORDER BY f.paymentId`,
    { ar: GL.accountsReceivable },
  );
  return check('Receipts match their payments', faults, 'Every receipt’s accounts, tenders and change agree with its payment and entry', 'Receipts that disagree');
}

/**
 * Each posted (or since cancelled) bill with a total has its entry, which charged exactly the
 * bill's total to the bill's account, and a cancelled one's reversal mirrors it. The drafts of a
 * run cancelled before posting are cancelled too, but were never posted: they need no entry. (An entry of
 * kind 'bill' without a bill row is not flagged: offices converted before bill runs have them.)
 */
export function checkBillsAgainstJournal(db: Sqlite, since: VerifySince | null = null): VerifyCheck {
  const bills = scopedTable(since, 'bills', 'b');
  const faults = column(
    db,
    `WITH charged AS (
       SELECT b.id AS billId, SUM(l.amount_cents) AS cents, MIN(l.account_id) AS lowAccount, MAX(l.account_id) AS highAccount
       FROM ${bills} JOIN journal_lines l ON l.entry_id = b.journal_entry_id AND l.gl_code = @ar
       WHERE b.status <> 'draft' GROUP BY b.id)
     SELECT 'bill ' || b.id FROM ${bills} LEFT JOIN charged c ON c.billId = b.id LEFT JOIN journal_entries e ON e.id = b.journal_entry_id
     WHERE b.status <> 'draft' AND (
           (b.journal_entry_id IS NULL AND b.total_cents <> 0
            -- A draft cancelled with its run was never posted: it has no entry and needs none.
            AND NOT (b.status = 'cancelled' AND b.cancel_entry_id IS NULL
                     AND EXISTS (SELECT 1 FROM bill_runs r WHERE r.id = b.run_id AND r.status = 'cancelled' AND r.posted_at IS NULL)))
        OR (b.journal_entry_id IS NOT NULL AND (e.id IS NULL OR e.kind <> 'bill' OR c.cents IS NOT b.total_cents
                                                OR c.lowAccount IS NOT b.account_id OR c.highAccount IS NOT b.account_id))
        OR (b.status = 'cancelled' AND b.journal_entry_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.id = b.cancel_entry_id AND r.reverses_entry_id = b.journal_entry_id)))`,
    { ar: GL.accountsReceivable },
  );
  return check('Posted bills match their journal entries', faults, 'Every posted bill’s entry charged exactly its total to its account', 'Bills that disagree');
}

/**
 * Each closed drawer's reconciliation still agrees with its payments: what it expected per
 * tender (cash = float + cash tendered − change), what was counted, and its over/short, which
 * (when not zero) is the entry it posted to GL 6900.
 */
export function checkDrawerClosesAgainstPayments(db: Sqlite, since: VerifySince | null = null): VerifyCheck {
  // Incremental: the drawers open at the checkpoint or opened since, and those of payments voided or returned since.
  const scoped = since
    ? `(id >= @drawerFrom OR id IN (SELECT p.drawer_id FROM ${SCOPED_PAYMENTS} s JOIN payments p ON p.id = s.id WHERE p.drawer_id IS NOT NULL))`
    : '1';
  // Per drawer, its payments are found by (business date, drawer): the payments_day_drawer index.
  const faults = column(
    db,
    `WITH closed AS (SELECT * FROM drawer_sessions WHERE ${scoped} AND status <> 'open'),
     expected AS (
       SELECT d.id AS drawerId, json_extract(c.value, '$.expectedCents') AS recordedCents,
              CASE json_extract(c.value, '$.tender')
                WHEN 'cash' THEN d.float_cents
                  + (SELECT COALESCE(SUM(t.amount_cents), 0) FROM payments p JOIN payment_tenders t ON t.payment_id = p.id
                     WHERE p.business_date = d.business_date AND p.drawer_id = d.id AND p.status <> 'voided' AND t.kind = 'cash')
                  - (SELECT COALESCE(SUM(p.change_cents), 0) FROM payments p
                     WHERE p.business_date = d.business_date AND p.drawer_id = d.id AND p.status <> 'voided')
                ELSE (SELECT COALESCE(SUM(t.amount_cents), 0) FROM payments p JOIN payment_tenders t ON t.payment_id = p.id
                      WHERE p.business_date = d.business_date AND p.drawer_id = d.id AND p.status <> 'voided' AND t.kind = json_extract(c.value, '$.tender'))
              END AS paidCents
       FROM closed d JOIN json_each(d.reconciliation_json, '$.comparisons') c)
     SELECT 'drawer ' || id FROM (
       SELECT drawerId AS id FROM expected WHERE recordedCents IS NOT paidCents
       UNION
       SELECT d.id FROM closed d
       WHERE d.reconciliation_json IS NULL
        OR json_extract(d.reconciliation_json, '$.countedCashCents') IS NOT d.counted_cash_cents
        OR json_extract(d.reconciliation_json, '$.overShortCents') IS NOT d.over_short_cents
        OR (SELECT COALESCE(-SUM(l.amount_cents), 0) FROM journal_lines l WHERE l.entry_id = d.over_short_entry_id AND l.gl_code = @overShort) <> d.over_short_cents)
     ORDER BY id`,
    { overShort: GL.cashOverShort, ...(since ? { drawerFrom: since.drawerFromId } : {}) },
  );
  return check('Drawer closes match their payments', faults, 'Every closed drawer’s expected, counted and over/short agree with its payments and entry', 'Drawers that disagree');
}

/** Operations whose input names the journal entry they post (entryId), and always post it. */
const POSTING_OPERATIONS = ['ledger.adjust', 'ledger.reverse', 'payments.void', 'payments.returnCheck'];

/**
 * Money-moving audit records and the journal point to each other: every payments.take record
 * names a payment that exists, every posting operation's entry exists; and every payment taken
 * through the counter, mail or drop box has its payments.take record, every voided one its
 * payments.void record, every returned one its payments.returnCheck record (lockbox payments are
 * recorded by their file's import as a whole). A batch entry corrected while its batch was open
 * (batches.correctEntry) is one record that voids the entry and takes its replacement: it counts
 * as both.
 */
export function checkAuditAgainstJournal(db: Sqlite, since: VerifySince | null = null): VerifyCheck {
  const postingList = POSTING_OPERATIONS.map((name) => `'${name}'`).join(', ');
  // Incremental: the records after the checkpoint's, and the payments taken, voided or returned
  // since (whose records, written in the same transaction, come after it too).
  const newRecords = since ? `seq > ${Number(since.auditSeq)} AND` : '';
  const payments = scopedTable(since, 'payments', 'p');
  const taken = since ? `p.id > ${Number(since.paymentId)} AND` : '';
  const changed = (entryColumn: string) => (since ? `p.${entryColumn} IN ${NEW_ENTRIES} AND` : '');
  // Each direction is a lookup by a unique index or an EXCEPT (one sort): no join between
  // derived tables, which SQLite would run as a nested loop.
  const faults = column(
    db,
    `WITH named AS (
       SELECT seq, operation, json_extract(input_json, '$.paymentId') AS paymentUid, json_extract(input_json, '$.entryId') AS entryId
       FROM audit_log WHERE ${newRecords} operation IN ('payments.take', 'payments.void', 'payments.returnCheck', ${postingList})
       UNION ALL
       SELECT seq, 'payments.void', json_extract(input_json, '$.paymentId'), json_extract(input_json, '$.entryId') FROM audit_log WHERE ${newRecords} operation = 'batches.correctEntry'
       UNION ALL
       SELECT seq, 'payments.take', json_extract(input_json, '$.newPaymentId'), NULL FROM audit_log WHERE ${newRecords} operation = 'batches.correctEntry'),
     unrecorded AS (
       SELECT p.payment_uid AS paymentUid, 'payments.take' AS operation FROM ${payments} WHERE ${taken} p.channel <> 'lockbox'
       UNION ALL SELECT p.payment_uid, 'payments.void' FROM ${payments} WHERE ${changed('void_entry_id')} p.status = 'voided'
       UNION ALL SELECT p.payment_uid, 'payments.returnCheck' FROM ${payments} WHERE ${changed('return_entry_id')} p.status = 'returned'
       EXCEPT SELECT paymentUid, operation FROM named)
     SELECT label FROM (
       SELECT 'audit record ' || n.seq AS label, 0 AS part, n.seq AS position FROM named n
       WHERE (n.operation = 'payments.take' AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.payment_uid = n.paymentUid))
          OR (n.operation IN (${postingList}) AND NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.id = n.entryId))
       UNION ALL
       SELECT DISTINCT 'receipt ' || p.receipt_number, 1, p.id FROM unrecorded u CROSS JOIN payments p ON p.payment_uid = u.paymentUid)
     ORDER BY part, position`,
  );
  return check(
    'Money-moving audit records match the journal',
    faults,
    'Every payment, void, return and adjustment has its audit record, and every such record its payment or entry',
    'Without their counterpart',
  );
}
