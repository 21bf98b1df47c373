/**
 * The audit trail: one record per write (and per login), each carrying the hash of the one
 * before it, so an edited or deleted record breaks the chain and `verify` says where. New records
 * (hash_version 3) are keyed with the office's audit key (keys.ts), kept outside the database, so
 * a file editor without the key cannot re-hash an edited chain.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { canonicalJson, sha256Hex } from '../hashing';
import { perConnection } from '../storage/prepared';
import type { Sqlite } from '../storage/database';
import { loadKeyring, writingKey, type OfficeKey, type OfficeKeyring } from './keys';

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

/** The chain hash new records carry (hash_version): 3, keyed. */
export const AUDIT_HASH_VERSION = 3;

/**
 * Version 1 (records written before migration 0013): the canonical JSON of the whole record. It
 * re-escaped the stored input and result JSON character by character at every write.
 */
function chainHashV1(prevHash: string, row: ChainedFields): string {
  return sha256Hex(`${prevHash}\n${canonicalJson(row)}`);
}

/**
 * Version 2 (records written from migration 0013 until the keyed chain): the short fields as a JSON array (no raw newline can occur in it), then the input's
 * length, the input and the result as stored. Unambiguous — the array ends at the first newline
 * and the length says where the input ends — and the two JSON texts are hashed as they are.
 */
function chainBytes<Digest extends Hash | Hmac>(digest: Digest, prevHash: string, row: ChainedFields): Digest {
  const head = JSON.stringify([row.at, row.user_id, row.username, row.operation, row.idempotency_key, row.input_hash, row.approved_by_user_id]);
  digest.update(`${prevHash}\n${head}\n${row.input_json.length}\n`).update(row.input_json).update(row.result_json);
  return digest;
}

function chainHashV2(prevHash: string, row: ChainedFields): string {
  return chainBytes(createHash('sha256'), prevHash, row).digest('hex');
}

/** Version 3: HMAC-SHA256 with the office's audit key over the same bytes as version 2. */
function chainHashV3(key: Buffer, prevHash: string, row: ChainedFields): string {
  return chainBytes(createHmac('sha256', key), prevHash, row).digest('hex');
}

function unkeyedChainHash(version: number, prevHash: string, row: ChainedFields): string | null {
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
  last: db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'),
  insert: db.prepare(
    `INSERT INTO audit_log (at, user_id, username, operation, idempotency_key, input_hash, input_json, result_json, approved_by_user_id, prev_hash, hash, hash_version)
     VALUES (@at, @user_id, @username, @operation, @idempotency_key, @input_hash, @input_json, @result_json, @approved_by_user_id, @prevHash, @hash, ${AUDIT_HASH_VERSION})`,
  ),
  touchedAccount: db.prepare<[number, number]>('INSERT OR IGNORE INTO audit_log_accounts (account_id, seq) VALUES (?, ?)'),
  byIdempotencyKey: db.prepare<[string], Pick<StoredAuditRow, 'operation' | 'input_hash' | 'result_json' | 'user_id'>>(
    'SELECT operation, input_hash, result_json, user_id FROM audit_log WHERE idempotency_key = ?',
  ),
}));

export function appendAudit(db: Sqlite, record: AuditRecordInput): number {
  const last = statements(db).last.get();
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Cached per connection after the first write: no database read or write of its own.
  const key = writingKey(db, last?.seq ?? 0, record.at);
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
  const hash = chainHashV3(key.key, prevHash, row);
  const info = statements(db).insert.run({ ...row, prevHash, hash });
  const seq = Number(info.lastInsertRowid);
  for (const accountId of touchedAccountIds([record.input, record.result])) statements(db).touchedAccount.run(accountId, seq);
  return seq;
}

/** A bill run's record can name thousands of accounts; the trail's account filter needs the few a person acted on. */
const MAX_ACCOUNTS_PER_RECORD = 100;

/**
 * Every `accountId` in a record's input and result, at any depth (a payment names each account it
 * pays), for the trail's account filter (table audit_log_accounts, migration 0020).
 */
export function touchedAccountIds(values: readonly unknown[]): number[] {
  const found = new Set<number>();
  const visit = (value: unknown): void => {
    if (found.size >= MAX_ACCOUNTS_PER_RECORD || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      if (key === 'accountId' && Number.isSafeInteger(item) && (item as number) > 0) found.add(item as number);
      else visit(item);
    }
  };
  for (const value of values) visit(value);
  return [...found].slice(0, MAX_ACCOUNTS_PER_RECORD);
}

/** The audit record written for an idempotency key, if any. */
export function findByIdempotencyKey(
  db: Sqlite,
  idempotencyKey: string,
): { operation: string; inputHash: string; resultJson: string; userId: number | null } | undefined {
  const row = statements(db).byIdempotencyKey.get(idempotencyKey);
  return row && { operation: row.operation, inputHash: row.input_hash, resultJson: row.result_json, userId: row.user_id };
}

/** What walking the chain found. */
export interface AuditChainReport {
  records: number;
  /** The first record that breaks the chain, and why; null when none does. */
  brokenAtSeq: number | null;
  brokenReason: string | null;
  /** Keyed records checked with a key this process holds. */
  keyedRecords: number;
  /** Keyed records no key held here verifies (written with a key this PC does not have). */
  uncheckable: { count: number; firstSeq: number; lastSeq: number } | null;
  keyring: OfficeKeyring | null;
}

/** The key among the office's that made `hash`, trying the last one that matched first. */
function matchingKey(keys: readonly OfficeKey[], hint: OfficeKey | undefined, prevHash: string, row: ChainedFields, hash: string): OfficeKey | undefined {
  if (hint && chainHashV3(hint.key, prevHash, row) === hash) return hint;
  return keys.find((candidate) => candidate !== hint && chainHashV3(candidate.key, prevHash, row) === hash);
}

/**
 * Walks the chain — the whole of it, or (`from`, an incremental verify) from a verified point on:
 * that record (still with its hash, and its contents still making it) and every one after it. A record breaks it when its link or hash is wrong, when an unkeyed record
 * follows a keyed one (versions never go back), or when an unkeyed record comes after the point
 * the key file says the keyed chain began (a chain rewritten unkeyed by someone without the key).
 * A keyed record that none of this PC's keys verifies is a break, unless it was written before
 * any key held here began (or the office's key file names keys this process cannot open): then
 * it is counted as uncheckable, which verify reports plainly.
 */
export function checkAuditChain(db: Sqlite, from?: { seq: number; hash: string }): AuditChainReport {
  const keyring = loadKeyring(db);
  const keys = keyring?.keys ?? [];
  const earliestHeldStart = keys.length === 0 ? Infinity : Math.min(...keys.map((key) => key.keyedAfterSeq));
  const keysMissing = keyring === null || keyring.unreadable.length > 0;
  let prevHash = from?.hash ?? GENESIS_HASH;
  let records = 0;
  let keyedRecords = 0;
  let seenKeyed = false;
  let hint: OfficeKey | undefined;
  const unchecked = { count: 0, firstSeq: 0, lastSeq: 0 };
  const report = (brokenAtSeq: number | null, brokenReason: string | null): AuditChainReport => ({
    records, brokenAtSeq, brokenReason, keyedRecords, uncheckable: unchecked.count === 0 ? null : { ...unchecked }, keyring,
  });
  const broken = (seq: number, reason: string) => report(seq, reason);
  if (from && from.seq > 0) {
    // Going on from a verified point (an incremental verify): that record must still be there
    // with the same hash; the walk starts at it, so its contents are checked against that hash.
    const anchor = db.prepare('SELECT hash, prev_hash AS prevHash FROM audit_log WHERE seq = ?').get(from.seq) as { hash: string; prevHash: string } | undefined;
    if (!anchor) return broken(from.seq, 'the last verify checked the chain up to this record, and it is gone');
    if (anchor.hash !== from.hash) return broken(from.seq, 'the last verify checked the chain up to this record, and it has changed since');
    prevHash = anchor.prevHash;
  }
  const rows = db.prepare('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq').iterate(from?.seq ?? 0) as IterableIterator<StoredAuditRow>;
  for (const stored of rows) {
    const { seq, prev_hash: storedPrev, hash, hash_version: version, ...row } = stored;
    if (storedPrev !== prevHash) return broken(seq, 'it does not point to the record before it');
    if (version === AUDIT_HASH_VERSION) {
      seenKeyed = true;
      const key = matchingKey(keys, hint, prevHash, row, hash);
      if (key) {
        hint = key;
        keyedRecords += 1;
      } else if (keysMissing || seq <= earliestHeldStart) {
        if (unchecked.count === 0) unchecked.firstSeq = seq;
        unchecked.count += 1;
        unchecked.lastSeq = seq;
      } else {
        return broken(seq, 'its keyed hash does not match its contents');
      }
    } else {
      if (seenKeyed) return broken(seq, 'an unkeyed record follows keyed ones');
      if (keyring?.keyedAfterSeq !== null && keyring?.keyedAfterSeq !== undefined && seq > keyring.keyedAfterSeq) {
        return broken(seq, `the office's key file says every record after ${keyring.keyedAfterSeq} is keyed, and this one is not`);
      }
      if (unkeyedChainHash(version, prevHash, row) !== hash) return broken(seq, 'its hash does not match its contents');
    }
    prevHash = hash;
    records += 1;
  }
  return report(null, null);
}

/** Walks the chain; returns the first broken record's sequence number, or null when intact. */
export function verifyAuditChain(db: Sqlite): { records: number; brokenAtSeq: number | null } {
  const { records, brokenAtSeq } = checkAuditChain(db);
  return { records, brokenAtSeq };
}

/** The last record of the chain (seq 0 and the genesis hash when there is none). */
export function auditHead(db: Sqlite): { seq: number; hash: string } {
  return statements(db).last.get() ?? { seq: 0, hash: GENESIS_HASH };
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
