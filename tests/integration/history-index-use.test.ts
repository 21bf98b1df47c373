/**
 * What reads one day or one account — the end-of-day report, the account page (ledger, bills, open
 * items) — may not read every payment, bill, journal entry or line ever recorded, or it slows down
 * with every year of history (issue #14). Two did until migration 0018: the end-of-day report
 * found the day's returned checks by reading every payment (payments.return_entry_id), and an
 * account's open items found each ledger line's bill by reading every bill (bills.journal_entry_id:
 * 1.8 s per account page at 13 months of 5,000 accounts). Each statement they prepare is asked
 * for its plan.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountLedger } from '../../src-main/core/ledger/queries';
import { accountBills } from '../../src-main/core/billing/bills';
import { endOfDayReport } from '../../src-main/core/payments/end-of-day';
import { accountOpenItems } from '../../src-main/core/payments/open-items';
import { closeDatabase, openDatabase, type OfficeDatabase } from '../../src-main/core/storage/database';
import { insertBareAccounts } from '../support/fixtures';

/** Tables that grow with history (small tables — drawers, lockbox files, deposits — may be read whole). */
const GROWING = ['payments', 'payment_accounts', 'payment_tenders', 'journal_entries', 'journal_lines', 'bills'];

let folder: string;
let database: OfficeDatabase;
const prepared = new Set<string>();
const originalPrepare = Database.prototype.prepare;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'billing-office-eod-plans-'));
  database = await openDatabase(join(folder, 'office.sqlite'));
  insertBareAccounts(database.sqlite, 1);
  Database.prototype.prepare = function prepare(this: Database.Database, source: string) {
    if (/^\s*(SELECT|WITH)\b/i.test(source)) prepared.add(source);
    return originalPrepare.call(this, source);
  } as typeof Database.prototype.prepare;
});

afterAll(() => {
  Database.prototype.prepare = originalPrepare;
  closeDatabase(database);
  rmSync(folder, { recursive: true, force: true });
});

/** The table an alias in a plan's SCAN line stands for ("SCAN p" in "FROM payments p"). */
function tableOf(source: string, alias: string): string {
  if (GROWING.includes(alias)) return alias;
  // "payments p" or "payments AS p", the alias not followed by a column name ("p.id").
  for (const match of source.matchAll(new RegExp(`\\b(\\w+)\\s+(?:AS\\s+)?${alias}\\b(?!\\.)`, 'gi'))) {
    if (!/^(SELECT|FROM|JOIN|ON|AND|OR|WHERE|BY|AS)$/i.test(match[1] as string)) return match[1] as string;
  }
  return alias;
}

describe('the end-of-day report and the account page', () => {
  it('read their day or account through indexes: no statement scans a table that grows with history', () => {
    const db = database.sqlite;
    const accountId = db.prepare('SELECT id FROM accounts LIMIT 1').pluck().get() as number;
    endOfDayReport(db, '2026-12-14');
    accountLedger(db, accountId, 100);
    accountBills(db, accountId);
    accountOpenItems(db, accountId, '2026-12-14');
    expect(prepared.size).toBeGreaterThan(8);
    const scans: string[] = [];
    for (const source of prepared) {
      const parameters = (source.match(/\?/g) ?? []).map(() => '2026-12-14');
      const named = [...new Set([...source.matchAll(/@(\w+)/g)].map((match) => match[1] as string))];
      const values: unknown[] = named.length > 0 ? [...parameters, Object.fromEntries(named.map((name) => [name, '2026-12-14']))] : parameters;
      const explain = originalPrepare.call(database.sqlite, `EXPLAIN QUERY PLAN ${source}`) as Database.Statement<unknown[], { detail: string }>;
      const plan = explain.all(...values);
      for (const { detail } of plan) {
        // A SCAN reads every row; an automatic index is built by reading every row, each time.
        const alias = /^SCAN (\w+)\b/.exec(detail)?.[1] ?? /^SEARCH (\w+) USING AUTOMATIC/.exec(detail)?.[1];
        if (alias && GROWING.includes(tableOf(source, alias))) scans.push(`${detail} in: ${source.replace(/\s+/g, ' ').slice(0, 140)}`);
      }
    }
    expect(scans).toEqual([]);
  });
});
