/**
 * The office's audit key: 32 random bytes that key the audit chain (hash_version 3, HMAC-SHA256)
 * and the seals of its head. It is never stored in the database file: the database names the
 * office (setting `auditOfficeId`), and the key lives in a key file of that name kept by an
 * `AuditKeyStore` — by default `<user data folder>/audit-keys/<office id>.json`, readable by the
 * OS user only (mode 0600), the same place for the desktop app, browser mode and the CLI. The key
 * itself is kept in the OS key store where there is one (os-key-store.ts); the file then only
 * names it.
 *
 * The key file also carries what the database cannot vouch for itself: from which audit record
 * on every record must be keyed (`keyedAfterSeq`), and the last sealed head of the chain of each
 * database file of the office on this PC.
 * See README.md (threat model) for what this detects and what it does not.
 */
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { AuditSeal } from '../../../src-shared/contract/system';
import { OfficeError } from '../errors';
import type { Sqlite } from '../storage/database';
import { userDataFolder } from '../storage/paths';
import { osKeyStoreProtector } from './os-key-store';

export const KEY_BYTES = 32;
const KEY_FILE_FORMAT = 'billing-office-audit-key/1';
/** Names the folder of key files (tests, a PC whose keys live elsewhere). */
export const AUDIT_KEYS_ENV = 'BILLING_OFFICE_AUDIT_KEYS';
const OFFICE_ID_SETTING = 'auditOfficeId';

/** Where a key is kept: in its file in clear (the file is protected), or in the OS key store. */
export type KeyProtection = 'file' | 'os-keystore';

export interface StoredKey {
  /** First 16 hex digits of the key's SHA-256: names the key in seals and messages, reveals nothing. */
  keyId: string;
  protection: KeyProtection;
  /** Base64 of the key itself ('file'), or a reference to its entry in the OS key store. */
  key: string;
  /** Why a key is in the file rather than in the OS key store (said by verify). */
  fileBecause?: string;
  /** Every audit record after this sequence number is keyed (0: the whole chain). */
  keyedAfterSeq: number;
  createdAt: string;
}

export type { AuditSeal };

export interface RecordedSeal extends AuditSeal {
  at: string;
  purpose: string;
}

export interface AuditKeyFile {
  format: typeof KEY_FILE_FORMAT;
  officeId: string;
  keys: StoredKey[];
  /**
   * The newest seal made on this PC (end of day, backup, close of the app, restore) for each
   * database file, by its full path: a copy of the database elsewhere (a training copy) is
   * another book, which the original's seal must not be checked against.
   */
  lastSeals: Record<string, RecordedSeal>;
}

/** Keeps and opens keys: the OS key store where there is one (os-key-store.ts), else the file. */
export interface KeyProtector {
  /** How new keys are kept. */
  protect(key: Buffer): Pick<StoredKey, 'protection' | 'key' | 'fileBecause'>;
  /** The key, or a sentence saying why this process cannot open it. */
  unprotect(stored: StoredKey): Buffer | string;
}

export const fileProtector: KeyProtector = {
  protect: (key) => ({ protection: 'file', key: key.toString('base64') }),
  unprotect: (stored) =>
    stored.protection === 'file'
      ? Buffer.from(stored.key, 'base64')
      : 'it is kept in the OS key store, which this process was told not to use',
};

export interface AuditKeyStore {
  /** Where the key file of an office is (for messages). */
  describe(officeId: string): string;
  read(officeId: string): AuditKeyFile | null;
  /** Writes a new key file; false (nothing written) when one is already there. */
  create(file: AuditKeyFile): boolean;
  replace(file: AuditKeyFile): void;
  readonly protector: KeyProtector;
}

/** Key files in a folder, one per office, mode 0600, replaced atomically (write then rename). */
export class FileKeyStore implements AuditKeyStore {
  constructor(
    readonly folder: string,
    readonly protector: KeyProtector = fileProtector,
  ) {}

  describe(officeId: string): string {
    return join(this.folder, `${officeId}.json`);
  }

  read(officeId: string): AuditKeyFile | null {
    const path = this.describe(officeId);
    if (!existsSync(path)) return null;
    const file = JSON.parse(readFileSync(path, 'utf8')) as AuditKeyFile;
    if (file.format !== KEY_FILE_FORMAT || file.officeId !== officeId || !Array.isArray(file.keys)) {
      throw new OfficeError('CONFLICT', `The audit key file ${path} is not one Billing Office wrote for this office; put the right one back`);
    }
    return file;
  }

  create(file: AuditKeyFile): boolean {
    const path = this.describe(file.officeId);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(path, JSON.stringify(file, null, 2), { flag: 'wx', mode: 0o600 });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }

  replace(file: AuditKeyFile): void {
    const path = this.describe(file.officeId);
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(file, null, 2), { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, path);
  }
}

export function defaultAuditKeyFolder(env: NodeJS.ProcessEnv = process.env): string {
  return env[AUDIT_KEYS_ENV] || join(userDataFolder(process.platform, env), 'audit-keys');
}

let configuredStore: AuditKeyStore | undefined;

/** The process's key store: key files in the default folder (the desktop shell names its own), keys in the OS key store where there is one. */
export function auditKeyStore(): AuditKeyStore {
  configuredStore ??= new FileKeyStore(defaultAuditKeyFolder(), osKeyStoreProtector());
  return configuredStore;
}

export function configureAuditKeyStore(store: AuditKeyStore): void {
  configuredStore = store;
  keyrings = new WeakMap();
}

/** One usable key of the office. */
export interface OfficeKey {
  keyId: string;
  key: Buffer;
  keyedAfterSeq: number;
  protection: KeyProtection;
  fileBecause?: string;
  createdAt: string;
}

/** What this process holds of an office's keys, loaded once per connection. */
export interface OfficeKeyring {
  officeId: string;
  location: string;
  /** Keys this process can use, oldest first; the last one keys new records. */
  keys: OfficeKey[];
  /** Keys in the file this process cannot open, with why. */
  unreadable: { keyId: string; reason: string }[];
  /** From which record on the chain must be keyed (the oldest key's start); null: no key file. */
  keyedAfterSeq: number | null;
  /** When the office's oldest key was made: end-of-day reports finalised since carry a seal. */
  keyedSince: string | null;
  lastSeal: RecordedSeal | null;
}

export const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 16);

let keyrings = new WeakMap<Sqlite, OfficeKeyring>();

export function officeIdOf(db: Sqlite): string | null {
  const row = db.prepare('SELECT value_json FROM settings WHERE key = ?').pluck().get(OFFICE_ID_SETTING) as string | undefined;
  return row === undefined ? null : (JSON.parse(row) as string);
}

/** The database file's full path, as its seals are kept under. */
const databaseKey = (db: Sqlite) => resolve(db.name);

function keyringFrom(db: Sqlite, officeId: string, store: AuditKeyStore, file: AuditKeyFile | null): OfficeKeyring {
  const keys: OfficeKey[] = [];
  const unreadable: OfficeKeyring['unreadable'] = [];
  for (const stored of file?.keys ?? []) {
    const opened = store.protector.unprotect(stored);
    if (typeof opened === 'string') unreadable.push({ keyId: stored.keyId, reason: opened });
    else keys.push({ keyId: stored.keyId, key: opened, keyedAfterSeq: stored.keyedAfterSeq, protection: stored.protection, fileBecause: stored.fileBecause, createdAt: stored.createdAt });
  }
  const starts = (file?.keys ?? []).map((stored) => stored.keyedAfterSeq);
  return {
    officeId,
    location: store.describe(officeId),
    keys,
    unreadable,
    keyedAfterSeq: starts.length === 0 ? null : Math.min(...starts),
    keyedSince: (file?.keys ?? []).map((stored) => stored.createdAt).sort()[0] ?? null,
    lastSeal: file?.lastSeals?.[databaseKey(db)] ?? null,
  };
}

/** The office's keys as this process sees them (cached per connection); null when the database names no office key. */
export function loadKeyring(db: Sqlite): OfficeKeyring | null {
  const cached = keyrings.get(db);
  if (cached) return cached;
  const officeId = officeIdOf(db);
  if (officeId === null) return null;
  const store = auditKeyStore();
  const keyring = keyringFrom(db, officeId, store, store.read(officeId));
  // A keyring without a usable key is not cached: the key file may be put back while the app runs.
  if (keyring.keys.length > 0) keyrings.set(db, keyring);
  return keyring;
}

/**
 * Gives a connection the keyring another connection of this process loaded (a job worker's,
 * operations/job-worker.ts): the same key signs its records, and no key store is asked again.
 * The keys crossed a thread as bytes, so they become Buffers again.
 */
export function adoptKeyring(db: Sqlite, keyring: OfficeKeyring): void {
  if (keyrings.get(db)?.keys.at(-1)?.keyId === keyring.keys.at(-1)?.keyId) return;
  const keys = keyring.keys.map((key) => ({ ...key, key: Buffer.from(key.key.buffer, key.key.byteOffset, key.key.byteLength) }));
  keyrings.set(db, { ...keyring, keys });
}

/** Forgets what this process loaded for a connection (after the key file changed under it). */
export function forgetKeyring(db: Sqlite): void {
  keyrings.delete(db);
}

/**
 * The key new audit records are written with. The first write of a database without one makes
 * the office's key (and its id in settings); a database whose key file is missing on this PC (a
 * restored copy) gets a new key from its current last record on, and verify says plainly which
 * records it can no longer check. Called inside the write's transaction.
 */
export function writingKey(db: Sqlite, lastSeq: number, nowIso: string): OfficeKey {
  const keyring = loadKeyring(db);
  const current = keyring?.keys.at(-1);
  if (current) return current;
  if (keyring && keyring.unreadable.length > 0) {
    throw new OfficeError(
      'CONFLICT',
      `Nothing was saved: the audit key of this office (${keyring.location}) cannot be opened here (${keyring.unreadable[0]?.reason}). Sign in to this PC as the user who keeps the office's key, or ask your administrator.`,
    );
  }
  return createKey(db, lastSeq, nowIso);
}

function createKey(db: Sqlite, lastSeq: number, nowIso: string): OfficeKey {
  db.prepare('INSERT OR IGNORE INTO settings (key, value_json) VALUES (?, ?)').run(OFFICE_ID_SETTING, JSON.stringify(randomUUID()));
  const officeId = officeIdOf(db) as string;
  const store = auditKeyStore();
  const key = randomBytes(KEY_BYTES);
  const stored: StoredKey = { keyId: keyIdOf(key), ...store.protector.protect(key), keyedAfterSeq: lastSeq, createdAt: nowIso };
  const existing = store.read(officeId);
  if (existing) {
    // The file is there but holds no key this process can use: keep what it has, add this one.
    store.replace({ ...existing, keys: [...existing.keys, stored] });
  } else if (!store.create({ format: KEY_FILE_FORMAT, officeId, keys: [stored], lastSeals: {} })) {
    // Another process made the office's key first: use that one.
    forgetKeyring(db);
    const theirs = loadKeyring(db)?.keys.at(-1);
    if (theirs) return theirs;
    throw new OfficeError('CONFLICT', `The audit key file ${store.describe(officeId)} cannot be read; ask your administrator`);
  }
  forgetKeyring(db);
  const created = loadKeyring(db)?.keys.find((candidate) => candidate.keyId === stored.keyId);
  if (!created) throw new OfficeError('CONFLICT', `The audit key just written to ${store.describe(officeId)} cannot be read back; ask your administrator`);
  return created;
}

/** The seal of a head: HMAC over its sequence number and hash, so only a key holder can make one. */
export function sealOf(key: Buffer, seq: number, hash: string): string {
  return createHmac('sha256', key).update(`billing-office audit seal 1\n${seq}\n${hash}`).digest('hex');
}

/** Records a seal in the key file (outside the database), for this database file: verify checks the chain still holds it. */
export function recordSeal(db: Sqlite, seal: RecordedSeal): void {
  const keyring = loadKeyring(db);
  if (!keyring) return;
  const store = auditKeyStore();
  const file = store.read(keyring.officeId);
  if (!file) return;
  store.replace({ ...file, lastSeals: { ...file.lastSeals, [databaseKey(db)]: seal } });
  keyring.lastSeal = seal;
}

/** Removes this database file's seal from the key file (a restore of a chain no seal of ours covers). */
export function forgetSeal(db: Sqlite): void {
  const keyring = loadKeyring(db);
  if (!keyring) return;
  const store = auditKeyStore();
  const file = store.read(keyring.officeId);
  if (!file) return;
  const { [databaseKey(db)]: _dropped, ...others } = file.lastSeals;
  store.replace({ ...file, lastSeals: others });
  keyring.lastSeal = null;
}

const TRANSFER_FORMAT = 'billing-office-audit-key-transfer/1';

/** A file carrying an office's keys in clear from one PC to another (mode 0600; delete it once imported). */
export interface KeyTransferFile {
  format: typeof TRANSFER_FORMAT;
  officeId: string;
  exportedAt: string;
  keys: { keyId: string; key: string; keyedAfterSeq: number; createdAt: string }[];
}

/**
 * Writes every key of the office this PC holds to a new transfer file, for another PC that
 * writes the same database file (or takes the office over). Refused when a key of the office
 * cannot be opened here: a partial export would leave the other PC unable to check records.
 */
export function exportOfficeKeys(db: Sqlite, destination: string, nowIso: string): { path: string; officeId: string; keyIds: string[] } {
  const keyring = loadKeyring(db);
  if (!keyring || keyring.keys.length === 0) throw new OfficeError('CONFLICT', 'This PC holds no audit key of this office to export; export it on the PC that made it');
  const unreadable = keyring.unreadable[0];
  if (unreadable) throw new OfficeError('CONFLICT', `Audit key ${unreadable.keyId} of this office cannot be opened here (${unreadable.reason}); export from the PC that holds it`);
  const transfer: KeyTransferFile = {
    format: TRANSFER_FORMAT,
    officeId: keyring.officeId,
    exportedAt: nowIso,
    keys: keyring.keys.map((key) => ({ keyId: key.keyId, key: key.key.toString('base64'), keyedAfterSeq: key.keyedAfterSeq, createdAt: key.createdAt })),
  };
  try {
    writeFileSync(destination, JSON.stringify(transfer, null, 2), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new OfficeError('INVALID_INPUT', `${destination} already exists; choose a new file name`, 'path');
    throw new OfficeError('INVALID_INPUT', `${destination} cannot be written (${code ?? (error as Error).message})`, 'path');
  }
  return { path: destination, officeId: keyring.officeId, keyIds: transfer.keys.map((key) => key.keyId) };
}

function readTransferFile(source: string): KeyTransferFile {
  let transfer: KeyTransferFile;
  try {
    transfer = JSON.parse(readFileSync(source, 'utf8')) as KeyTransferFile;
  } catch (error) {
    throw new OfficeError('INVALID_INPUT', `${source} cannot be read as an audit key transfer file (${(error as Error).message})`, 'path');
  }
  if (transfer?.format !== TRANSFER_FORMAT || typeof transfer.officeId !== 'string' || !Array.isArray(transfer.keys)) {
    throw new OfficeError('INVALID_INPUT', `${source} is not an audit key file exported by Billing Office (billing-office audit-key export)`, 'path');
  }
  for (const [index, key] of transfer.keys.entries()) {
    const bytes = Buffer.from(String(key?.key), 'base64');
    if (bytes.length !== KEY_BYTES || keyIdOf(bytes) !== key.keyId || !Number.isInteger(key.keyedAfterSeq)) {
      throw new OfficeError('INVALID_INPUT', `${source}: key ${index + 1} (${String(key?.keyId)}) is damaged; export it again`, 'path');
    }
  }
  return transfer;
}

/**
 * Takes an office's keys from a transfer file into this PC's store (the OS key store where there
 * is one), beside any it already holds; the imported ones come last, so this PC writes with the
 * same key as the PC they came from. The database only says which office it is: a transfer file
 * of another office is refused.
 */
export function importOfficeKeys(officeId: string, source: string, store: AuditKeyStore = auditKeyStore()): { added: string[]; alreadyHere: string[]; location: string } {
  const transfer = readTransferFile(source);
  if (transfer.officeId !== officeId) {
    throw new OfficeError('CONFLICT', `${source} holds the audit keys of another office (${transfer.officeId}); this database is office ${officeId}`, 'path');
  }
  const existing = store.read(officeId);
  const usable = new Set((existing?.keys ?? []).filter((stored) => typeof store.protector.unprotect(stored) !== 'string').map((stored) => stored.keyId));
  const incoming = transfer.keys.filter((key) => !usable.has(key.keyId));
  const imported: StoredKey[] = incoming.map((key) => ({
    keyId: key.keyId,
    ...store.protector.protect(Buffer.from(key.key, 'base64')),
    keyedAfterSeq: key.keyedAfterSeq,
    createdAt: key.createdAt,
  }));
  const kept = (existing?.keys ?? []).filter((stored) => !incoming.some((key) => key.keyId === stored.keyId));
  const file: AuditKeyFile = { format: KEY_FILE_FORMAT, officeId, keys: [...kept, ...imported], lastSeals: existing?.lastSeals ?? {} };
  if (existing) store.replace(file);
  else if (!store.create(file)) store.replace({ ...file, lastSeals: store.read(officeId)?.lastSeals ?? {} });
  keyrings = new WeakMap();
  return { added: imported.map((key) => key.keyId), alreadyHere: transfer.keys.filter((key) => usable.has(key.keyId)).map((key) => key.keyId), location: store.describe(officeId) };
}
