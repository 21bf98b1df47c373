import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RANKED_MATCHES_MAX, matchExpression, searchAccounts } from '../../src-main/core/accounts';
import { createDemoDistrict } from '../../src-main/core/demo';
import { closeDatabase, openDatabase, type OfficeDatabase, type Sqlite } from '../../src-main/core/storage/database';

/** Search over a demo district big enough that some searches are too broad to rank. */
let folder: string;
let database: OfficeDatabase;
let db: Sqlite;
const matchCount = (query: string) =>
  db.prepare('SELECT COUNT(*) FROM account_search WHERE account_search MATCH ?').pluck().get(matchExpression(query)) as number;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'billing-office-search-'));
  database = await openDatabase(join(folder, 'office.sqlite'));
  db = database.sqlite;
  createDemoDistrict(db, { accountCount: 1_500, seed: 11, nowIso: '2026-11-02T17:00:00.000Z' });
});
afterAll(() => {
  closeDatabase(database);
  rmSync(folder, { recursive: true, force: true });
});

describe('search at scale', () => {
  it('lists the earliest-opened matches by account number when a search is too broad to rank', () => {
    // Every demo phone is in the 555 exchange.
    expect(matchCount('555')).toBeGreaterThan(RANKED_MATCHES_MAX);
    const expectedIds = db
      .prepare('SELECT rowid FROM account_search WHERE account_search MATCH ? ORDER BY rowid LIMIT 25')
      .pluck()
      .all(matchExpression('555')) as number[];
    const hits = searchAccounts(db, '555', 25, true);
    expect(hits.map((hit) => hit.accountId).sort((a, b) => a - b)).toEqual(expectedIds);
    const numbers = hits.map((hit) => hit.accountNumber);
    expect(numbers).toEqual([...numbers].sort());
  });

  it('leaves closed accounts out of a broad search when asked', () => {
    const hits = searchAccounts(db, '555', 200, false);
    expect(hits).toHaveLength(200);
    expect(hits.every((hit) => hit.status === 'active')).toBe(true);
    expect(searchAccounts(db, '555', 200, true).some((hit) => hit.status === 'closed')).toBe(true);
  });

  it('ranks a narrower search by relevance: the account whose number was typed comes first', () => {
    const account = db.prepare('SELECT id, account_number FROM accounts WHERE id = 777').get() as { id: number; account_number: string };
    expect(searchAccounts(db, account.account_number, 10, true)[0]?.accountId).toBe(account.id);
    expect(matchCount('garcia')).toBeGreaterThan(10);
    expect(matchCount('garcia')).toBeLessThanOrEqual(RANKED_MATCHES_MAX);
    // Ranked, not broad: a household named García leads, not a business whose contact is one.
    const hits = searchAccounts(db, 'garcia', 200, true);
    expect(hits).toHaveLength(matchCount('garcia'));
    expect(hits[0]?.customerName).toMatch(/^Garc[ií]a, /);
  });

  it.each(['garcia m', 'smith j', 'r lopez', 'oak 1', 'garcia a 5'])(
    'finds with typed initials (%s) exactly what the index would with a prefix per initial',
    (query) => {
      const allMatches = db
        .prepare('SELECT rowid FROM account_search WHERE account_search MATCH ?')
        .pluck()
        .all(matchExpression(query)) as number[];
      expect(allMatches.length).toBeGreaterThan(0);
      expect(allMatches.length).toBeLessThan(200);
      const hits = searchAccounts(db, query, 200, true);
      expect(hits.map((hit) => hit.accountId).sort((a, b) => a - b)).toEqual(allMatches.sort((a, b) => a - b));
    },
  );
});
