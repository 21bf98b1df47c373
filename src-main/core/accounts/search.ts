/**
 * Account search over the FTS5 table `account_search` (rowid = accounts.id), columns
 * account_number, customer_name, service_address, meter_serials, phones (kept by
 * search-index.ts). Every typed word becomes a quoted prefix phrase, so user text can never be
 * FTS syntax: `oak "st` is `"oak"* """st"*`.
 */
import type { AccountSearchHit, AccountStatus } from '../../../src-shared/contract/accounts';
import type { Sqlite } from '../storage/database';
import { displayName, foldForSearch, formatServiceAddress } from './format';
import { perConnection } from '../storage/prepared';
import { splitSerials, type AccountTextColumns } from './search-index';

export { rebuildSearchIndex, refreshSearchRow } from './search-index';

/** Words beyond this add nothing a clerk can see and only slow the query. */
export const MAX_SEARCH_WORDS = 8;
/**
 * Up to this many matches are ranked by relevance. bm25 costs one to a few microseconds per
 * matching row (and per row of each word's own matches), so "ga" at 100,000 accounts would take
 * tens of milliseconds to rank thousands of rows no clerk will scroll through; such a broad
 * search lists the first matches instead and the clerk keeps typing. 500 keeps a ranked search
 * near a millisecond on a 2-core office PC (docs/performance.md).
 */
export const RANKED_MATCHES_MAX = 500;
/** Candidates read at most while checking initials; bounds the work of "smith a b c". */
const INITIALS_SCAN_MAX = 5_000;

const quote = (word: string) => `"${word.replaceAll('"', '""')}"*`;
const searchable = (word: string) => /[\p{L}\p{N}]/u.test(word);

/**
 * The FTS5 query for what the clerk typed, or null when nothing searchable is left. A word with
 * no letter or digit ("-", "*", a lone quote) would match nothing, so it is dropped.
 */
export function matchExpression(query: string): string | null {
  const words = query.split(/\s+/).filter(searchable).slice(0, MAX_SEARCH_WORDS);
  return words.length === 0 ? null : words.map(quote).join(' ');
}

export interface SearchPlan {
  /** FTS5 query of the words the index answers. */
  match: string;
  /**
   * Single letters or digits ("walker s"), checked against the candidates' text instead: a
   * one-character prefix matches a large part of the index, and FTS5 would merge all of it.
   */
  initials: string[];
}

/** How a typed text is searched, or null when it has nothing searchable. */
export function planSearch(query: string): SearchPlan | null {
  const words = query.split(/\s+/).filter(searchable).slice(0, MAX_SEARCH_WORDS);
  const letters = (word: string) => foldForSearch(word).replace(/[^\p{L}\p{N}]/gu, '');
  const long = words.filter((word) => letters(word).length > 1);
  if (long.length === 0) return words.length === 0 ? null : { match: words.map(quote).join(' '), initials: [] };
  const initials = words.filter((word) => letters(word).length === 1).map(letters);
  return { match: long.map(quote).join(' '), initials };
}

interface SearchParams {
  match: string;
  includeClosed: number;
  limit: number;
}

interface IndexedText {
  account_number: string;
  customer_name: string;
  service_address: string;
  meter_serials: string;
  phones: string;
}

interface HitRow extends AccountTextColumns {
  accountId: number;
  accountNumber: string;
  status: AccountStatus;
  balanceCents: number;
  city: string;
}

/**
 * bm25 weights per column, in column order: an account-number or serial hit is almost certainly
 * the account meant; a name beats an address; a phone is often shared by a household.
 */
const RANK = 'bm25(account_search, 10.0, 4.0, 2.0, 6.0, 3.0)';
const MATCHING = `FROM account_search s JOIN accounts a ON a.id = s.rowid
  WHERE account_search MATCH @match AND (@includeClosed = 1 OR a.status = 'active')`;

const statements = perConnection((db: Sqlite) => ({
  countMatches: db.prepare<[string, number], number>(
    'SELECT COUNT(*) FROM (SELECT 1 FROM account_search WHERE account_search MATCH ? LIMIT ?)',
  ).pluck(),
  // Ids only: the page is chosen first and only its rows are joined to their details, so a
  // common surname does not look up thousands of customers just to throw most away.
  rankedIds: db.prepare<SearchParams, number>(`SELECT s.rowid ${MATCHING} ORDER BY ${RANK}, a.account_number LIMIT @limit`).pluck(),
  // FTS5 hands rows out in rowid order, so the first matches cost nothing to find.
  broadIds: db.prepare<SearchParams, number>(`SELECT s.rowid ${MATCHING} ORDER BY s.rowid LIMIT @limit`).pluck(),
  indexedText: db.prepare<[number], IndexedText>(
    'SELECT account_number, customer_name, service_address, meter_serials, phones FROM account_search WHERE rowid = ?',
  ),
  hits: db.prepare<[string], HitRow>(`
    SELECT a.id AS accountId, a.account_number AS accountNumber, a.status, COALESCE(b.balance_cents, 0) AS balanceCents,
           c.kind, c.first_name, c.last_name, c.business_name, c.primary_phone, c.alt_phone, l.street, l.unit, l.city,
           (SELECT group_concat(m.serial, char(9)) FROM meters m WHERE m.location_id = a.location_id AND m.status = 'active') AS serials
    FROM json_each(?) page JOIN accounts a ON a.id = page.value JOIN customers c ON c.id = a.customer_id
    JOIN service_locations l ON l.id = a.location_id LEFT JOIN account_balances b ON b.account_id = a.id
    ORDER BY page.key`),
}));

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

/** Whether every initial starts some word of the account's indexed text, as an FTS prefix would. */
function hasInitials(text: IndexedText, initials: readonly string[]): boolean {
  const words = foldForSearch(Object.values(text).join(' ')).split(/[^\p{L}\p{N}]+/u);
  return initials.every((initial) => words.some((word) => word.startsWith(initial)));
}

/** The ids of the page, best first: ranked when the match is narrow enough, else the first matches. */
function pageIds(db: Sqlite, plan: SearchPlan, limit: number, includeClosed: boolean): { ids: number[]; broad: boolean } {
  const prepared = statements(db);
  const broad = (prepared.countMatches.get(plan.match, RANKED_MATCHES_MAX + 1) ?? 0) > RANKED_MATCHES_MAX;
  const ordered = broad ? prepared.broadIds : prepared.rankedIds;
  const params = { match: plan.match, includeClosed: includeClosed ? 1 : 0 };
  if (plan.initials.length === 0) return { ids: ordered.all({ ...params, limit }), broad };
  const ids: number[] = [];
  for (const id of ordered.all({ ...params, limit: INITIALS_SCAN_MAX })) {
    const text = prepared.indexedText.get(id);
    if (text && hasInitials(text, plan.initials)) ids.push(id);
    if (ids.length === limit) break;
  }
  return { ids, broad };
}

/**
 * Accounts matching every typed word as a prefix in any column, best match first (bm25), ties by
 * account number. A search too broad to rank (over RANKED_MATCHES_MAX matches) lists the
 * earliest-opened matches, by account number. Blank text, or text with nothing searchable,
 * finds nothing.
 */
export function searchAccounts(db: Sqlite, query: string, limit: number, includeClosed: boolean): AccountSearchHit[] {
  const plan = planSearch(query);
  if (plan === null) return [];
  const { ids, broad } = pageIds(db, plan, limit, includeClosed);
  if (ids.length === 0) return [];
  const hits = statements(db).hits.all(JSON.stringify(ids)).map(toHit);
  return broad ? hits.sort((a, b) => (a.accountNumber < b.accountNumber ? -1 : a.accountNumber > b.accountNumber ? 1 : 0)) : hits;
}
