/**
 * The audit trail: one record per write (and per login), each carrying the SHA-256 of the one
 * before it, so an edited or deleted record breaks the chain and `verify` says where.
 */
import type { AuditRow } from '../../../src-shared/contract/system';
import { createHash } from 'node:crypto';
import { canonicalJson, sha256Hex } from '../hashing';
import { perConnection } from '../storage/prepared';
import type { Sqlite } from '../storage/database';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRecordInput {
  at: string;
  userId: number | null;
  username: string;
  operation: string;
  idempotencyKey: string | null;
  inputHash: string;
  input: unknown;
  /** canonicalJson(input), when the caller already made it (the dispatcher, for the input hash). */
  inputJson?: string;
  result: unknown;
  approvedByUserId: number | null;
}

interface StoredAuditRow {
  seq: number;
  at: string;
  user_id: number | null;
  username: string;
  operation: string;
  idempotency_key: string | null;
  input_hash: string;
  input_json: string;
  result_json: string;
  approved_by_user_id: number | null;
  prev_hash: string;
  hash: string;
  hash_version: number;
}

type ChainedFields = Omit<StoredAuditRow, 'seq' | 'prev_hash' | 'hash' | 'hash_version'>;

/** The chain hash new records carry (hash_version). */
export const AUDIT_HASH_VERSION = 2;

/**
 * Version 1 (records written before migration 0013): the canonical JSON of the whole record. It
 * re-escaped the stored input and result JSON character by character at every write.
 */
function chainHashV1(prevHash: string, row: ChainedFields): string {
  return sha256Hex(`${prevHash}\n${canonicalJson(row)}`);
}

/**
 * Version 2: the short fields as a JSON array (no raw newline can occur in it), then the input's
 * length, the input and the result as stored. Unambiguous — the array ends at the first newline
 * and the length says where the input ends — and the two JSON texts are hashed as they are.
 */
function chainHashV2(prevHash: string, row: ChainedFields): string {
  const head = JSON.stringify([row.at, row.user_id, row.username, row.operation, row.idempotency_key, row.input_hash, row.approved_by_user_id]);
  return createHash('sha256')
    .update(`${prevHash}\n${head}\n${row.input_json.length}\n`)
    .update(row.input_json)
    .update(row.result_json)
    .digest('hex');
}

function chainHash(version: number, prevHash: string, row: ChainedFields): string | null {
  if (version === 2) return chainHashV2(prevHash, row);
  if (version === 1) return chainHashV1(prevHash, row);
  return null;
}

/** Fields never written to the audit trail in clear. */
const SECRET_KEYS = new Set(['password', 'currentPassword', 'newPassword', 'passwordHash', 'token', 'approval']);

/**
 * File contents sent with an operation (a read file, a lockbox file) are kept in the audit trail
 * by their SHA-256 and size: the record proves which file it was without storing megabytes.
 */
const FILE_CONTENT_KEYS = new Set(['contentBase64']);

function fileFingerprint(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  return `[file sha256:${sha256Hex(bytes)} bytes:${bytes.length}]`;
}

/**
 * The value with secrets replaced and file contents fingerprinted. Copies only what it changes:
 * every write of the office passes its input and result through here, and almost none holds a
 * secret, so the common case returns the value itself without rebuilding it.
 */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, index) => {
      const redacted = redactSecrets(item);
      if (redacted !== item) (copy ??= [...value])[index] = redacted;
    });
    return copy ?? value;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    let copy: Record<string, unknown> | undefined;
    for (const key of Object.keys(record)) {
      const inner = record[key];
      const redacted = SECRET_KEYS.has(key)
        ? '[redacted]'
        : FILE_CONTENT_KEYS.has(key) && typeof inner === 'string'
          ? fileFingerprint(inner)
          : redactSecrets(inner);
      if (redacted !== inner) (copy ??= { ...record })[key] = redacted;
    }
    return copy ?? value;
  }
  return value;
}

/** Prepared once per connection: every write of the office goes through these two. */
const statements = perConnection((db: Sqlite) => ({
  lastHash: db.prepare<[], { hash: string }>('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1'),
  insert: db.prepare(
    `INSERT INTO audit_log (at, user_id, username, operation, idempotency_key, input_hash, input_json, result_json, approved_by_user_id, prev_hash, hash, hash_version)
     VALUES (@at, @user_id, @username, @operation, @idempotency_key, @input_hash, @input_json, @result_json, @approved_by_user_id, @prevHash, @hash, ${AUDIT_HASH_VERSION})`,
  ),
  byIdempotencyKey: db.prepare<[string], Pick<StoredAuditRow, 'operation' | 'input_hash' | 'result_json' | 'user_id'>>(
    'SELECT operation, input_hash, result_json, user_id FROM audit_log WHERE idempotency_key = ?',
  ),
}));

export function appendAudit(db: Sqlite, record: AuditRecordInput): number {
  const last = statements(db).lastHash.get();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const redactedInput = redactSecrets(record.input);
  const row: ChainedFields = {
    at: record.at,
    user_id: record.userId,
    username: record.username,
    operation: record.operation,
    idempotency_key: record.idempotencyKey,
    input_hash: record.inputHash,
    input_json: redactedInput === record.input && record.inputJson !== undefined ? record.inputJson : canonicalJson(redactedInput),
    // The result as produced (no key sorting): it is stored, replayed and hashed as this text.
    result_json: JSON.stringify(redactSecrets(record.result)) ?? 'null',
    approved_by_user_id: record.approvedByUserId,
  };
  const hash = chainHashV2(prevHash, row);
  const info = statements(db).insert.run({ ...row, prevHash, hash });
  return Number(info.lastInsertRowid);
}

/** The audit record written for an idempotency key, if any. */
export function findByIdempotencyKey(
  db: Sqlite,
  idempotencyKey: string,
): { operation: string; inputHash: string; resultJson: string; userId: number | null } | undefined {
  const row = statements(db).byIdempotencyKey.get(idempotencyKey);
  return row && { operation: row.operation, inputHash: row.input_hash, resultJson: row.result_json, userId: row.user_id };
}

/** Walks the chain; returns the first broken record's sequence number, or null when intact. */
export function verifyAuditChain(db: Sqlite): { records: number; brokenAtSeq: number | null } {
  let prevHash = GENESIS_HASH;
  let records = 0;
  for (const stored of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<StoredAuditRow>) {
    const { seq, prev_hash: storedPrev, hash, hash_version: version, ...row } = stored;
    if (storedPrev !== prevHash || chainHash(version, prevHash, row) !== hash) return { records, brokenAtSeq: seq };
    prevHash = hash;
    records += 1;
  }
  return { records, brokenAtSeq: null };
}

const SUMMARY_MAX_CHARS = 160;

/** "subject: Asked for a payment plan · channel: counter" — the record's input, for people. */
export function summarizeAuditRecord(operation: string, inputJson: string, resultJson: string): string {
  if (operation === 'session.login') return resultJson.includes('"ok":false') ? 'Login refused (wrong user name or password)' : 'Logged in';
  const input = JSON.parse(inputJson) as unknown;
  if (!input || typeof input !== 'object') return '';
  const parts = Object.entries(input as Record<string, unknown>)
    .filter(([, value]) => value !== '' && value !== null && value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  const text = parts.join(' · ');
  return text.length > SUMMARY_MAX_CHARS ? `${text.slice(0, SUMMARY_MAX_CHARS - 1)}…` : text;
}

export function recentAudit(db: Sqlite, limit: number): AuditRow[] {
  const rows = db
    .prepare(
      `SELECT a.seq, a.at, a.username, a.operation, u.display_name AS approvedBy, a.input_json AS inputJson, a.result_json AS resultJson
       FROM audit_log a LEFT JOIN users u ON u.id = a.approved_by_user_id ORDER BY a.seq DESC LIMIT ?`,
    )
    .all(limit) as { seq: number; at: string; username: string; operation: string; approvedBy: string | null; inputJson: string; resultJson: string }[];
  return rows.map(({ inputJson, resultJson, ...row }) => ({ ...row, summary: summarizeAuditRecord(row.operation, inputJson, resultJson) }));
}
