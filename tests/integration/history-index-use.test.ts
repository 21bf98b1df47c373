/**
 * The end-of-day report reads one business day: none of its statements may read every payment,
 * journal entry or line ever recorded, or it slows down with every year of history (issue #14;
 * the day's returned checks were found by reading every payment until migration 0018 indexed
 * payments.return_entry_id). Each statement the report prepares is asked for its plan.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOfDayReport } from '../../src-main/core/payments/end-of-day';
import { closeDatabase, openDatabase, type OfficeDatabase } from '../../src-main/core/storage/database';

/** Tables that grow with history (small tables — drawers, lockbox files, deposits — may be read whole). */
const GROWING = ['payments', 'payment_accounts', 'payment_tenders', 'journal_entries', 'journal_lines', 'bills'];

let folder: string;
let database: OfficeDatabase;
const prepared = new Set<string>();
const originalPrepare = Database.prototype.prepare;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'billing-office-eod-plans-'));
  database = await openDatabase(join(folder, 'office.sqlite'));
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

describe('the end-of-day report', () => {
  it('reads the day through indexes: no statement scans a table that grows with history', () => {
    endOfDayReport(database.sqlite, '2026-12-14');
    expect(prepared.size).toBeGreaterThan(5);
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
