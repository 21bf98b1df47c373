/**
 * Account search over the FTS5 table `account_search` (rowid = accounts.id), columns
 * account_number, customer_name, service_address, meter_serials, phones. Every typed word becomes
 * a quoted prefix phrase, so user text can never be FTS syntax: `oak "st` is `"oak"* """st"*`.
 */
import type { AccountSearchHit, AccountStatus } from '../../../src-shared/contract/accounts';
import type { Sqlite } from '../storage/database';
import {
  accountNumberSearchText,
  displayName,
  formatServiceAddress,
  meterSerialsSearchText,
  phoneSearchText,
  withCompactWords,
} from './format';
import { perConnection } from './prepared';

/** Words beyond this add nothing a clerk can see and only slow the query. */
export const MAX_SEARCH_WORDS = 8;
/**
 * Up to this many matches are ranked by relevance. bm25 costs about a microsecond per matching
 * row (and per row of each word's own matches), so "ga" at 100,000 accounts would take tens of
 * milliseconds to rank thousands of rows no clerk will scroll through; such a broad search lists
 * the first matches instead and the clerk keeps typing.
 */
export const RANKED_MATCHES_MAX = 1_000;
/** Accounts indexed per batch in a rebuild: bounds memory at any district size. */
const REBUILD_BATCH = 5_000;

/**
 * The FTS5 query for what the clerk typed, or null when nothing searchable is left. A word with
 * no letter or digit ("-", "*", a lone quote) would match nothing, so it is dropped.
 */
export function matchExpression(query: string): string | null {
  const words = query
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .slice(0, MAX_SEARCH_WORDS);
  if (words.length === 0) return null;
  return words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' ');
}

interface SourceRow {
  id: number;
  account_number: string;
  kind: 'person' | 'business';
  first_name: string;
  last_name: string;
  business_name: string;
  primary_phone: string;
  alt_phone: string;
  street: string;
  unit: string;
  parcel_number: string;
  /** Tab-separated: serials may contain spaces. */
  serials: string | null;
}

interface HitRow {
  accountId: number;
  accountNumber: string;
  status: AccountStatus;
  balanceCents: number;
  kind: 'person' | 'business';
  first_name: string;
  last_name: string;
  business_name: string;
  primary_phone: string;
  alt_phone: string;
  street: string;
  unit: string;
  city: string;
  serials: string | null;
}

const SOURCE_SELECT = `
  SELECT a.id, a.account_number, c.kind, c.first_name, c.last_name, c.business_name, c.primary_phone, c.alt_phone,
         l.street, l.unit, l.parcel_number,
         (SELECT group_concat(m.serial, char(9)) FROM meters m WHERE m.location_id = a.location_id) AS serials
  FROM accounts a JOIN customers c ON c.id = a.customer_id JOIN service_locations l ON l.id = a.location_id`;

/**
 * bm25 weights per column, in column order: an account-number or serial hit is almost certainly
 * the account meant; a name beats an address; a phone is often shared by a household.
 */
const RANK = 'bm25(account_search, 10.0, 4.0, 2.0, 6.0, 3.0)';

const statements = perConnection((db: Sqlite) => ({
  sourceOne: db.prepare<[number], SourceRow>(`${SOURCE_SELECT} WHERE a.id = ?`),
  sourceBatch: db.prepare<[number, number], SourceRow>(`${SOURCE_SELECT} WHERE a.id > ? ORDER BY a.id LIMIT ?`),
  deleteRow: db.prepare<[number]>('DELETE FROM account_search WHERE rowid = ?'),
  insertRow: db.prepare<[number, string, string, string, string, string]>(
    'INSERT INTO account_search (rowid, account_number, customer_name, service_address, meter_serials, phones) VALUES (?, ?, ?, ?, ?, ?)',
  ),
  deleteAll: db.prepare('DELETE FROM account_search'),
  optimize: db.prepare("INSERT INTO account_search (account_search) VALUES ('optimize')"),
  countMatches: db.prepare<[string, number], number>(
    'SELECT COUNT(*) FROM (SELECT 1 FROM account_search WHERE account_search MATCH ? LIMIT ?)',
  ).pluck(),
  // The ranked ids are found first and only the page of hits is joined to its details, so a
  // common surname does not look up thousands of customers just to throw most away.
  ranked: db.prepare<SearchParams, HitRow>(hitsQuery(`
      SELECT s.rowid AS id, ${RANK} AS score, a.account_number AS number
      FROM account_search s JOIN accounts a ON a.id = s.rowid
      WHERE account_search MATCH @match AND (@includeClosed = 1 OR a.status = 'active')
      ORDER BY score, number LIMIT @limit`)),
  // FTS5 hands rows out in rowid order, so the first matches cost nothing to find.
  broad: db.prepare<SearchParams, HitRow>(hitsQuery(`
      SELECT s.rowid AS id, 0 AS score, a.account_number AS number
      FROM account_search s JOIN accounts a ON a.id = s.rowid
      WHERE account_search MATCH @match AND (@includeClosed = 1 OR a.status = 'active')
      ORDER BY s.rowid LIMIT @limit`)),
}));

interface SearchParams {
  match: string;
  includeClosed: number;
  limit: number;
}

/** The page of hits chosen by `hitsSql` (id, score, number), with the details a result row shows. */
function hitsQuery(hitsSql: string): string {
  return `
    WITH hits AS (${hitsSql})
    SELECT a.id AS accountId, a.account_number AS accountNumber, a.status, COALESCE(b.balance_cents, 0) AS balanceCents,
           c.kind, c.first_name, c.last_name, c.business_name, c.primary_phone, c.alt_phone, l.street, l.unit, l.city,
           (SELECT group_concat(m.serial, char(9)) FROM meters m WHERE m.location_id = a.location_id AND m.status = 'active') AS serials
    FROM hits h JOIN accounts a ON a.id = h.id JOIN customers c ON c.id = a.customer_id
    JOIN service_locations l ON l.id = a.location_id LEFT JOIN account_balances b ON b.account_id = a.id
    ORDER BY h.score, h.number`;
}

const splitSerials = (serials: string | null) => (serials === null || serials === '' ? [] : serials.split('\t'));

/** The five indexed columns of one account, with the alternative spellings clerks type. */
function searchColumns(row: SourceRow): [string, string, string, string, string] {
  const serials = splitSerials(row.serials);
  // City and ZIP are left out: in a one- or two-town district they match nearly every account,
  // which would make a prefix like "val" (Valencia St) match all of "Valle Verde".
  const address = [row.street, row.unit, row.parcel_number].filter((part) => part !== '').join(' ');
  return [
    accountNumberSearchText(row.account_number),
    withCompactWords(
      displayName({ kind: row.kind, firstName: row.first_name, lastName: row.last_name, businessName: row.business_name }) +
        // A business's contact person is findable by name too.
        (row.kind === 'business' ? ` ${row.first_name} ${row.last_name}`.trimEnd() : ''),
    ),
    address,
    meterSerialsSearchText(serials),
    phoneSearchText([row.primary_phone, row.alt_phone]),
  ];
}

function writeRow(db: Sqlite, row: SourceRow): void {
  statements(db).insertRow.run(row.id, ...searchColumns(row));
}

/** Rewrites one account's row in the FTS5 index (call after any change to what it indexes). */
export function refreshSearchRow(db: Sqlite, accountId: number): void {
  const prepared = statements(db);
  prepared.deleteRow.run(accountId);
  const row = prepared.sourceOne.get(accountId);
  if (row) writeRow(db, row);
}

/** Rebuilds the whole index from the tables (demo creation, conversions, repair), then merges it. */
export function rebuildSearchIndex(db: Sqlite): number {
  const prepared = statements(db);
  return db.transaction(() => {
    prepared.deleteAll.run();
    let indexed = 0;
    let afterId = 0;
    for (;;) {
      const batch = prepared.sourceBatch.all(afterId, REBUILD_BATCH);
      for (const row of batch) writeRow(db, row);
      indexed += batch.length;
      const last = batch.at(-1);
      if (!last || batch.length < REBUILD_BATCH) break;
      afterId = last.id;
    }
    // One merged b-tree per term answers prefix queries fastest.
    prepared.optimize.run();
    return indexed;
  })();
}

function toHit(row: HitRow): AccountSearchHit {
  return {
    accountId: row.accountId,
    accountNumber: row.accountNumber,
    customerName: displayName({ kind: row.kind, firstName: row.first_name, lastName: row.last_name, businessName: row.business_name }),
    serviceAddress: formatServiceAddress(row),
    status: row.status,
    balanceCents: row.balanceCents,
    meterSerials: splitSerials(row.serials),
    phone: row.primary_phone !== '' ? row.primary_phone : row.alt_phone,
  };
}

/**
 * Accounts matching every typed word as a prefix in any column, best match first (bm25), ties by
 * account number. A search too broad to rank (over RANKED_MATCHES_MAX matches) lists the
 * earliest-opened matches by account number. Blank text, or text with nothing searchable, finds
 * nothing.
 */
export function searchAccounts(db: Sqlite, query: string, limit: number, includeClosed: boolean): AccountSearchHit[] {
  const match = matchExpression(query);
  if (match === null) return [];
  const prepared = statements(db);
  const broad = prepared.countMatches.get(match, RANKED_MATCHES_MAX + 1)! > RANKED_MATCHES_MAX;
  const params = { match, includeClosed: includeClosed ? 1 : 0, limit };
  return (broad ? prepared.broad : prepared.ranked).all(params).map(toHit);
}
