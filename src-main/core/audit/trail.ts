/**
 * The audit trail for people: records newest first, each said in words (src-shared/audit-sentences.ts),
 * filtered by user, operation, account and office days. Every filter is an index walk in seq order
 * (migration 0020), so a page costs the same on a trail of ten years as on a new one.
 */
import { AUDIT_KINDS, auditSentence } from '../../../src-shared/audit-sentences';
import type { AuditAccountRef, AuditFilter, AuditRecordDetail, AuditRow } from '../../../src-shared/contract/system';
import { displayName } from '../accounts/format';
import { notFound, OfficeError } from '../errors';
import type { Sqlite } from '../storage/database';
import { summarizeAuditRecord } from './log';

interface StoredRow {
  seq: number;
  at: string;
  username: string;
  userDisplayName: string | null;
  operation: string;
  approvedBy: string | null;
  inputJson: string;
  resultJson: string;
  hash: string;
}

const COLUMNS = `a.seq, a.at, a.username, u.display_name AS userDisplayName, a.operation, ap.display_name AS approvedBy,
  a.input_json AS inputJson, a.result_json AS resultJson, a.hash`;
const USERS = 'LEFT JOIN users u ON u.id = a.user_id LEFT JOIN users ap ON ap.id = a.approved_by_user_id';

/** The first instant of an office day (the office's local time, as the clock's today()), in UTC. */
function dayStartIso(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date).toISOString();
}

function nextDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(year, month - 1, date + 1));
  return next.toISOString().slice(0, 10);
}

function accountIdOf(db: Sqlite, accountNumber: string): number {
  const id = db.prepare<[string], number>('SELECT id FROM accounts WHERE account_number = ?').pluck().get(accountNumber.trim());
  if (id === undefined) throw new OfficeError('NOT_FOUND', `There is no account ${accountNumber.trim()}; check the number (like 000123-01)`, 'accountNumber');
  return id;
}

/**
 * The SQL for a filter. With an account, the walk starts from audit_log_accounts (its index
 * audit_log_accounts_account_seq) and CROSS JOIN keeps SQLite from starting anywhere else; otherwise the planner
 * picks the user, operation or date index, or walks seq backwards when there is no filter.
 */
function filteredQuery(db: Sqlite, filter: AuditFilter): { sql: string; params: Record<string, string | number> } {
  const params: Record<string, string | number> = { limit: filter.limit };
  const where: string[] = [];
  let from = 'audit_log a';
  if (filter.accountNumber) {
    params.accountId = accountIdOf(db, filter.accountNumber);
    from = 'audit_log_accounts x CROSS JOIN audit_log a ON a.seq = x.seq';
    where.push('x.account_id = @accountId');
  }
  const seq = filter.accountNumber ? 'x.seq' : 'a.seq';
  if (filter.username) {
    params.username = filter.username.toLowerCase();
    where.push('a.username = @username');
  }
  if (filter.operation) {
    params.operation = filter.operation;
    where.push('a.operation = @operation');
  }
  if (filter.from) {
    params.fromIso = dayStartIso(filter.from);
    where.push('a.at >= @fromIso');
  }
  if (filter.to) {
    params.toIso = dayStartIso(nextDay(filter.to));
    where.push('a.at < @toIso');
  }
  if (filter.beforeSeq) {
    params.beforeSeq = filter.beforeSeq;
    where.push(`${seq} < @beforeSeq`);
  }
  const sql = `SELECT ${COLUMNS} FROM ${from} ${USERS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${seq} DESC LIMIT @limit`;
  return { sql, params };
}

/** The accounts each record touched, labelled, in one query for the page. */
function accountsOf(db: Sqlite, seqs: readonly number[]): Map<number, AuditAccountRef[]> {
  const bySeq = new Map<number, AuditAccountRef[]>();
  if (seqs.length === 0) return bySeq;
  const rows = db
    .prepare(
      `SELECT x.seq, ac.id AS accountId, ac.account_number AS accountNumber, c.kind, c.first_name AS firstName, c.last_name AS lastName, c.business_name AS businessName
       FROM audit_log_accounts x JOIN accounts ac ON ac.id = x.account_id JOIN customers c ON c.id = ac.customer_id
       WHERE x.seq IN (SELECT value FROM json_each(?)) ORDER BY x.seq, ac.account_number`,
    )
    .all(JSON.stringify(seqs)) as { seq: number; accountId: number; accountNumber: string; kind: 'person' | 'business'; firstName: string; lastName: string; businessName: string }[];
  for (const row of rows) {
    const list = bySeq.get(row.seq) ?? [];
    list.push({ accountId: row.accountId, accountNumber: row.accountNumber, customerName: displayName(row) });
    bySeq.set(row.seq, list);
  }
  return bySeq;
}

const accountLabel = (account: AuditAccountRef) => `account ${account.accountNumber} (${account.customerName})`;

function parsed(json: string): Record<string, unknown> {
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function toRow(row: StoredRow, accounts: AuditAccountRef[]): AuditRow {
  const labels = accounts.map(accountLabel);
  const who = row.userDisplayName ?? row.username;
  return {
    seq: row.seq,
    at: row.at,
    username: row.username,
    userDisplayName: who,
    operation: row.operation,
    operationLabel: AUDIT_KINDS[row.operation]?.label ?? row.operation,
    approvedBy: row.approvedBy,
    sentence: auditSentence(row.operation, { who, input: parsed(row.inputJson), result: parsed(row.resultJson), account: labels[0] ?? 'an account', accounts: labels }),
    accounts,
    summary: summarizeAuditRecord(row.operation, row.inputJson, row.resultJson),
  };
}

/** A page of the trail, newest first. */
export function auditTrail(db: Sqlite, filter: AuditFilter): AuditRow[] {
  const { sql, params } = filteredQuery(db, filter);
  const rows = db.prepare(sql).all(params) as StoredRow[];
  const accounts = accountsOf(db, rows.map((row) => row.seq));
  return rows.map((row) => toRow(row, accounts.get(row.seq) ?? []));
}

/** One record in full, for "Details". */
export function auditRecordDetail(db: Sqlite, seq: number): AuditRecordDetail {
  const row = db.prepare(`SELECT ${COLUMNS} FROM audit_log a ${USERS} WHERE a.seq = ?`).get(seq) as StoredRow | undefined;
  if (!row) throw notFound(`Audit record ${seq}`, 'seq');
  const pretty = (json: string) => {
    try {
      return JSON.stringify(JSON.parse(json), null, 2);
    } catch {
      return json;
    }
  };
  return { ...toRow(row, accountsOf(db, [seq]).get(seq) ?? []), inputJson: pretty(row.inputJson), resultJson: pretty(row.resultJson), hash: row.hash };
}

/** The query plan of a filter, for the test that proves each filter walks an index. */
export function auditTrailPlan(db: Sqlite, filter: AuditFilter): string[] {
  const { sql, params } = filteredQuery(db, filter);
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((row) => row.detail);
}
