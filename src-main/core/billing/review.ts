/**
 * What a technician and a supervisor look at before a run posts: the register (totals by service
 * and rate class), the comparison with the cycle's last posted run, the bills that deserve a
 * second look (zero, negative, very high) and the accounting of every account of the cycle.
 */
import type { AccountingRow, BillListRow, BillRunReview, BillRunSummary, RegisterRow } from '../../../src-shared/contract/billing';
import { displayName } from '../accounts/format';
import { perConnection } from '../storage/prepared';
import type { Sqlite } from '../storage/database';
import { approvalBlockers, getRunRow } from './runs';

/** Bills at or above this total are listed for a second look ($1,000). */
export const VERY_HIGH_BILL_CENTS = 100_000;
const LIST_LIMIT = 200;

const SUMMARY_SQL = `
  SELECT r.id AS runId, r.cycle, r.period, r.status, r.bill_date AS billDate, r.due_date AS dueDate, r.rate_book_id AS rateBookId,
         r.bill_count AS billCount, r.total_cents AS totalCents,
         (SELECT count(*) FROM bill_run_accounts x WHERE x.run_id = r.id AND x.disposition = 'held') AS heldCount,
         (SELECT count(*) FROM bill_run_accounts x WHERE x.run_id = r.id AND x.disposition = 'blocked') AS blockedCount,
         r.created_at AS createdAt, cu.display_name AS createdBy, r.approved_at AS approvedAt, au.display_name AS approvedBy,
         r.posted_at AS postedAt, pu.display_name AS postedBy
  FROM bill_runs r JOIN users cu ON cu.id = r.created_by_user_id
  LEFT JOIN users au ON au.id = r.approved_by_user_id LEFT JOIN users pu ON pu.id = r.posted_by_user_id`;

const BILL_ROW_SQL = `
  SELECT b.id AS billId, b.account_id AS accountId, a.account_number AS accountNumber, c.kind AS customerKind, c.first_name AS firstName,
         c.last_name AS lastName, c.business_name AS businessName, b.kind, b.period, b.from_date AS fromDate, b.to_date AS toDate, b.usage_hcf AS usageHcf, b.estimated, b.total_cents AS totalCents, b.status
  FROM bills b JOIN accounts a ON a.id = b.account_id JOIN customers c ON c.id = a.customer_id`;

interface BillRowRaw extends Omit<BillListRow, 'customerName' | 'estimated'> {
  customerKind: 'person' | 'business';
  firstName: string;
  lastName: string;
  businessName: string;
  estimated: number;
}

export const toBillRow = ({ customerKind, firstName, lastName, businessName, estimated, ...rest }: BillRowRaw): BillListRow => ({
  ...rest,
  customerName: displayName({ kind: customerKind, firstName, lastName, businessName }),
  estimated: estimated === 1,
});

const statements = perConnection((db: Sqlite) => ({
  summary: db.prepare<[number], BillRunSummary>(`${SUMMARY_SQL} WHERE r.id = ?`),
  list: db.prepare<{ cycle: number | null; limit: number }, BillRunSummary>(`${SUMMARY_SQL} WHERE @cycle IS NULL OR r.cycle = @cycle ORDER BY r.id DESC LIMIT @limit`),
  register: db.prepare<[number], RegisterRow>(
    `SELECT l.service, l.rate_class AS rateClass, count(DISTINCT l.bill_id) AS bills, sum(l.amount_cents) AS amountCents
     FROM bill_lines l JOIN bills b ON b.id = l.bill_id WHERE b.run_id = ? AND b.status <> 'cancelled'
     GROUP BY l.service, l.rate_class ORDER BY l.service, l.rate_class`,
  ),
  previous: db.prepare<[number, number], { runId: number; period: string; billCount: number; totalCents: number }>(
    `SELECT id AS runId, period, bill_count AS billCount, total_cents AS totalCents FROM bill_runs
     WHERE cycle = ? AND status = 'posted' AND id <> ? ORDER BY period DESC, id DESC LIMIT 1`,
  ),
  zero: db.prepare<[number, number], BillRowRaw>(`${BILL_ROW_SQL} WHERE b.run_id = ? AND b.status <> 'cancelled' AND b.total_cents = 0 ORDER BY b.id LIMIT ?`),
  negative: db.prepare<[number, number], BillRowRaw>(`${BILL_ROW_SQL} WHERE b.run_id = ? AND b.status <> 'cancelled' AND b.total_cents < 0 ORDER BY b.total_cents LIMIT ?`),
  veryHigh: db.prepare<[number, number, number], BillRowRaw>(
    `${BILL_ROW_SQL} WHERE b.run_id = ? AND b.status <> 'cancelled' AND b.total_cents >= ? ORDER BY b.total_cents DESC LIMIT ?`,
  ),
  dispositions: db.prepare<[number], { disposition: string; count: number }>(
    'SELECT disposition, count(*) AS count FROM bill_run_accounts WHERE run_id = ? GROUP BY disposition',
  ),
  notBilled: db.prepare<[number, number], AccountingRow & { customerKind: 'person' | 'business'; firstName: string; lastName: string; businessName: string }>(
    `SELECT x.account_id AS accountId, a.account_number AS accountNumber, c.kind AS customerKind, c.first_name AS firstName, c.last_name AS lastName,
            c.business_name AS businessName, x.disposition, x.reason
     FROM bill_run_accounts x JOIN accounts a ON a.id = x.account_id JOIN customers c ON c.id = a.customer_id
     WHERE x.run_id = ? AND x.disposition <> 'billed' ORDER BY x.disposition, a.account_number LIMIT ?`,
  ),
  // Accounts the run must consider now (as facts.ts chooses them) that it has no record of.
  unaccounted: db.prepare<{ runId: number; cycle: number; from: string }, number>(
    `SELECT count(*) FROM accounts a JOIN service_locations l ON l.id = a.location_id
     WHERE l.cycle = @cycle AND (a.status = 'active' OR a.closed_on >= @from)
       AND NOT EXISTS (SELECT 1 FROM bill_run_accounts x WHERE x.run_id = @runId AND x.account_id = a.id)`,
  ).pluck(),
}));

export function runSummary(db: Sqlite, runId: number): BillRunSummary {
  getRunRow(db, runId);
  return statements(db).summary.get(runId)!;
}

export function listRuns(db: Sqlite, cycle: number | undefined, limit: number): BillRunSummary[] {
  return statements(db).list.all({ cycle: cycle ?? null, limit });
}

/** Accounts of the cycle the run has no disposition for (opened since it was computed). */
export function unaccountedCount(db: Sqlite, runId: number): number {
  const run = getRunRow(db, runId);
  if (run.status === 'posted' || run.status === 'cancelled') return 0;
  return statements(db).unaccounted.get({ runId, cycle: run.cycle, from: `${run.period}-01` })!;
}

export function reviewRun(db: Sqlite, runId: number): BillRunReview {
  const prepared = statements(db);
  const run = runSummary(db, runId);
  const counts = Object.fromEntries(prepared.dispositions.all(runId).map((row) => [row.disposition, row.count])) as Record<string, number>;
  const billed = counts.billed ?? 0;
  const heldCount = counts.held ?? 0;
  const blockedCount = counts.blocked ?? 0;
  const unaccounted = unaccountedCount(db, runId);
  const row = getRunRow(db, runId);
  const postBlockers =
    run.status === 'draft' || run.status === 'approved'
      ? [...(run.status === 'draft' ? ['A supervisor has not approved the run'] : []), ...approvalBlockers(db, row, unaccounted)]
      : [];
  return {
    run,
    register: prepared.register.all(runId),
    previous: prepared.previous.get(run.cycle, runId) ?? null,
    zeroBills: prepared.zero.all(runId, LIST_LIMIT).map(toBillRow),
    negativeBills: prepared.negative.all(runId, LIST_LIMIT).map(toBillRow),
    veryHighBills: prepared.veryHigh.all(runId, VERY_HIGH_BILL_CENTS, LIST_LIMIT).map(toBillRow),
    veryHighBillCents: VERY_HIGH_BILL_CENTS,
    accounting: {
      total: billed + heldCount + blockedCount + unaccounted,
      billed,
      held: heldCount,
      blocked: blockedCount,
      unaccounted,
      notBilled: prepared.notBilled.all(runId, 500).map(({ customerKind, firstName, lastName, businessName, ...rest }) => ({
        ...rest,
        customerName: displayName({ kind: customerKind, firstName, lastName, businessName }),
      })),
    },
    postBlockers,
  };
}

export function listBills(db: Sqlite, input: { runId: number; query?: string | undefined; offset: number; limit: number }): { rows: BillListRow[]; total: number } {
  getRunRow(db, input.runId);
  const like = input.query ? `%${input.query.replace(/[%_\\]/g, (match) => `\\${match}`)}%` : null;
  const where = `WHERE b.run_id = @runId AND (@like IS NULL OR a.account_number LIKE @like ESCAPE '\\' OR c.last_name LIKE @like ESCAPE '\\' OR c.business_name LIKE @like ESCAPE '\\')`;
  const rows = db.prepare<Record<string, unknown>, BillRowRaw>(`${BILL_ROW_SQL} ${where} ORDER BY b.id LIMIT @limit OFFSET @offset`).all({ ...input, like });
  const total = db
    .prepare<Record<string, unknown>, number>(`SELECT count(*) FROM bills b JOIN accounts a ON a.id = b.account_id JOIN customers c ON c.id = a.customer_id ${where}`)
    .pluck()
    .get({ runId: input.runId, like })!;
  return { rows: rows.map(toBillRow), total };
}
