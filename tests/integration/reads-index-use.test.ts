/**
 * meter_reads has no meter-first index (migration 0015): a meter's reads are found month by month
 * through the two month-first indexes, and SQLite uses those only when a query names their exact
 * expressions (core/reads/read-keys.ts). A query that gets this wrong still answers correctly —
 * by reading the whole table for each meter, which no other test would notice. So this test runs
 * the code that reads by meter on a demo district, keeps every statement that touched
 * meter_reads, and asks SQLite how it runs each one: none may scan the table.
 *
 * It also checks read-keys' month lists against the reads themselves (their bounds, a year
 * boundary, and a read whose billing period is not its read date's month).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountReads } from '../../src-main/core/accounts/accounts';
import { loadCycleFacts } from '../../src-main/core/billing/facts';
import { createDemoDistrict } from '../../src-main/core/demo';
import { cycleStatus, cycleSummaries, unreadMeters } from '../../src-main/core/reads/cycle';
import { priorReadOf } from '../../src-main/core/reads/estimate';
import { meterHistory } from '../../src-main/core/reads/history-snapshot';
import { loadCycleMeters, loadMeter } from '../../src-main/core/reads/history';
import { monthsBetween, readMonthsFrom, readPeriodsBetween } from '../../src-main/core/reads/read-keys';
import { getReadValidationSettings } from '../../src-main/core/reads/settings';
import { closeDatabase, openDatabase, type OfficeDatabase, type Sqlite } from '../../src-main/core/storage/database';

const NOW = '2026-11-02T17:00:00.000Z';
const PERIOD = '2026-11';

let folder: string;
let database: OfficeDatabase;
let db: Sqlite;
const touched = new Set<string>();
const originalPrepare = Database.prototype.prepare;

beforeAll(async () => {
  // Every statement prepared from here on that names meter_reads (the perConnection statements
  // are prepared on first use, on this connection).
  Database.prototype.prepare = function prepare(this: Database.Database, source: string) {
    if (/\bmeter_reads\b/.test(source) && /^\s*(SELECT|WITH|UPDATE|DELETE)\b/i.test(source)) touched.add(source);
    return originalPrepare.call(this, source);
  } as typeof Database.prototype.prepare;
  folder = mkdtempSync(join(tmpdir(), 'billing-office-read-index-'));
  database = await openDatabase(join(folder, 'office.sqlite'));
  db = database.sqlite;
  db.transaction(() => createDemoDistrict(db, { accountCount: 40, seed: 7, nowIso: NOW }))();
});

afterAll(() => {
  Database.prototype.prepare = originalPrepare;
  closeDatabase(database);
  rmSync(folder, { recursive: true, force: true });
});

/** A value for each parameter, enough for EXPLAIN QUERY PLAN (json_each needs JSON). */
function sampleParameters(source: string): unknown[] {
  const named = [...new Set([...source.matchAll(/@(\w+)/g)].map((match) => match[1] as string))];
  const positional = (source.match(/\?/g) ?? []).length;
  const values: unknown[] = Array.from({ length: positional }, () => 1);
  if (named.length > 0) values.push(Object.fromEntries(named.map((name) => [name, new RegExp(`json_each\\(@${name}\\)`).test(source) ? '[]' : 1])));
  return values;
}

/** The aliases meter_reads goes by in a statement (its own name included). */
function readAliases(source: string): Set<string> {
  const aliases = new Set(['meter_reads']);
  for (const match of source.matchAll(/\bmeter_reads\s+(?:AS\s+)?(\w+)/gi)) {
    const alias = match[1] as string;
    if (!/^(WHERE|SET|ON|JOIN|LEFT|ORDER|GROUP|LIMIT|VALUES)$/i.test(alias)) aliases.add(alias);
  }
  return aliases;
}

describe('the code that reads meter_reads by meter', () => {
  it('finds them through an index in every statement: no full scan of meter_reads', () => {
    const settings = getReadValidationSettings(db);
    const meterId = db.prepare(`SELECT id FROM meters WHERE status = 'active' ORDER BY id LIMIT 1`).pluck().get() as number;
    const accountId = db.prepare(`SELECT id FROM accounts WHERE status = 'active' ORDER BY id LIMIT 1`).pluck().get() as number;
    const cycle = db.prepare(`SELECT l.cycle FROM meters m JOIN service_locations l ON l.id = m.location_id WHERE m.id = ?`).pluck().get(meterId) as number;
    cycleSummaries(db, PERIOD);
    cycleStatus(db, cycle, PERIOD);
    unreadMeters(db, cycle, '2026-12');
    loadCycleMeters(db, cycle, '2026-12', settings);
    loadMeter(db, meterId, '2026-12', settings);
    meterHistory(db, meterId);
    accountReads(db, accountId, 20);
    priorReadOf(db, { meterId, period: '2026-12', readId: null });
    loadCycleFacts(db, cycle, PERIOD, { winterClasses: new Set(['residential']) });
    expect(touched.size).toBeGreaterThanOrEqual(8);

    const scans: string[] = [];
    // A SCAN, with or without an index, reads every row or entry; a SEARCH looks keys up. The only
    // statements allowed to scan are read-keys' fallbacks for a stored month that is not "YYYY-MM".
    for (const source of [...touched].filter((statement) => !/^SELECT DISTINCT/.test(statement.trim()))) {
      const explain = originalPrepare.call(db, `EXPLAIN QUERY PLAN ${source}`) as Database.Statement<unknown[], { detail: string }>;
      const plan = explain.all(...sampleParameters(source));
      const aliases = readAliases(source);
      for (const { detail } of plan) {
        const scanned = /^SCAN (\w+)\b/.exec(detail)?.[1];
        if (scanned !== undefined && aliases.has(scanned)) scans.push(`${detail} in: ${source.replace(/\s+/g, ' ').slice(0, 200)}`);
      }
    }
    expect(scans).toEqual([]);
  });
});

describe('the months a query names (read-keys.ts)', () => {
  it('lists every month between two, across a year boundary, and none when the first is later', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03', '2026-03')).toEqual(['2026-03']);
    expect(monthsBetween('2026-04', '2026-03')).toEqual([]);
  });

  it('runs from the bound (or the oldest read) to the newest read month, and from the newest period back', () => {
    const [oldest, newest] = db.prepare(`SELECT min(substr(read_date, 1, 7)), max(substr(read_date, 1, 7)) FROM meter_reads`).raw().get() as [string, string];
    expect(JSON.parse(readMonthsFrom(db))).toEqual(monthsBetween(oldest, newest));
    expect(JSON.parse(readMonthsFrom(db, `${newest}-15`))).toEqual([newest]);
    expect(JSON.parse(readMonthsFrom(db, '2099-01-01'))).toEqual([]);
    const periods = JSON.parse(readPeriodsBetween(db, null, '2026-10')) as string[];
    expect(periods[0]).toBe(oldest);
    expect(periods[periods.length - 1]).toBe('2026-10');
  });

  it('finds a read whose billing period is not its read month, by period and by date', () => {
    const meterId = db.prepare(`SELECT id FROM meters WHERE status = 'active' ORDER BY id DESC LIMIT 1`).pluck().get() as number;
    // Read on 2027-01-03 for the 2026-12 period: later than any other read, in a month no other read has.
    const readId = Number(
      db
        .prepare(
          `INSERT INTO meter_reads (meter_id, read_date, reading, usage_hcf, source, created_at, reading_text, period, cycle)
           VALUES (?, '2027-01-03', 1, '0', 'handheld', ?, '1', '2026-12', 1)`,
        )
        .run(meterId, NOW).lastInsertRowid,
    );
    expect(JSON.parse(readMonthsFrom(db)).at(-1)).toBe('2027-01');
    expect(meterHistory(db, meterId)[0]?.id).toBe(readId);
    expect(priorReadOf(db, { meterId, period: '2027-01', readId: null })?.readDate).toBe('2027-01-03');
    expect(priorReadOf(db, { meterId, period: '2026-12', readId: null })?.readDate).not.toBe('2027-01-03');
    db.prepare(`DELETE FROM meter_reads WHERE id = ?`).run(readId);
  });
});
