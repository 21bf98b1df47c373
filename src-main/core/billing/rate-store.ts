/**
 * The district's rates in the database: each save of the rate document is a new immutable
 * version (rate_books); the newest is in force and every bill names the version it used, so a
 * reprint or an explanation years later shows the rates that were charged.
 */
import type { RateClass } from '../../../src-shared/contract/accounts';
import type { RateDocument } from '../../../src-shared/contract/rates';
import { perConnection } from '../storage/prepared';
import { OfficeError } from '../errors';
import { sha256Hex } from '../hashing';
import { createRateBook, parseRateDocument, serializeRateDocument, type RateBook } from '../rates';
import type { Sqlite } from '../storage/database';

export interface StoredRates {
  rateBookId: number;
  savedAt: string;
  note: string;
  document: RateDocument;
  book: RateBook;
  /** Rate classes whose wastewater is billed on the winter average (a run loads their winter reads). */
  winterClasses: ReadonlySet<RateClass>;
}

const statements = perConnection((db: Sqlite) => ({
  newest: db.prepare<[], { id: number; documentJson: string; savedAt: string; note: string }>(
    'SELECT id, document_json AS documentJson, saved_at AS savedAt, note FROM rate_books ORDER BY id DESC LIMIT 1',
  ),
  byId: db.prepare<[number], { id: number; documentJson: string; savedAt: string; note: string }>(
    'SELECT id, document_json AS documentJson, saved_at AS savedAt, note FROM rate_books WHERE id = ?',
  ),
  insert: db.prepare('INSERT INTO rate_books (document_json, sha256, note, saved_at, saved_by_user_id) VALUES (?, ?, ?, ?, ?)'),
}));

/** Parsed books by version: a saved version never changes, so it is parsed once per process. */
const parsedBooks = new WeakMap<Sqlite, Map<number, StoredRates>>();

function toStored(db: Sqlite, row: { id: number; documentJson: string; savedAt: string; note: string }): StoredRates {
  let cache = parsedBooks.get(db);
  if (!cache) parsedBooks.set(db, (cache = new Map()));
  const cached = cache.get(row.id);
  if (cached) return cached;
  const document = parseRateDocument(row.documentJson);
  const winterClasses = new Set(
    document.schedules.flatMap((schedule) =>
      Object.entries(schedule.wastewater ?? {}).flatMap(([rateClass, rates]) => (rates?.method === 'winter_average' ? [rateClass as RateClass] : [])),
    ),
  );
  const stored = { rateBookId: row.id, savedAt: row.savedAt, note: row.note, document, book: createRateBook(document), winterClasses };
  cache.set(row.id, stored);
  return stored;
}

/** The rates in force; refuses when the district has not entered any. */
export function currentRates(db: Sqlite): StoredRates {
  const row = statements(db).newest.get();
  if (!row) throw new OfficeError('CONFLICT', 'No rates have been entered yet: import the district\'s rate document first (Billing → Rates)');
  return toStored(db, row);
}

export function ratesVersion(db: Sqlite, rateBookId: number): StoredRates {
  const row = statements(db).byId.get(rateBookId);
  if (!row) throw new OfficeError('NOT_FOUND', `Rate version ${rateBookId} was not found`, 'rateBookId');
  return toStored(db, row);
}

/** Validates and saves a rate document as the new version in force (a no-op when nothing changed). */
export function saveRates(db: Sqlite, nowIso: string, userId: number | null, input: string | unknown, note: string): StoredRates {
  const document = parseRateDocument(input);
  const json = serializeRateDocument(document);
  const sha256 = sha256Hex(json);
  const newest = statements(db).newest.get();
  if (newest && sha256Hex(newest.documentJson) === sha256) return toStored(db, newest);
  const id = Number(statements(db).insert.run(json, sha256, note, nowIso, userId).lastInsertRowid);
  return toStored(db, { id, documentJson: json, savedAt: nowIso, note });
}
