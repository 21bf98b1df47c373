import Big from 'big.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAccounts } from '../../src-main/core/accounts';
import {
  DEMO_DISTRICT_NAME,
  DEMO_PASSWORD,
  DEMO_USERS,
  OPENING_BALANCE_KIND,
  createDemoDistrict,
  type DemoSummary,
} from '../../src-main/core/demo';
import { GALLON_METER_EVERY } from '../../src-main/core/demo/places';
import { sha256Hex } from '../../src-main/core/hashing';
import { toHcf } from '../../src-main/core/reads/formats/units';
import { closeDatabase, openDatabase, type Sqlite } from '../../src-main/core/storage/database';
import { createTestOffice, type TestOffice } from '../support/office';

const NOW = '2026-11-02T17:00:00.000Z';

/** A digest of every table's rows; password hashes are left out because their salts are random by design. */
function tableDigest(db: Sqlite): string {
  const tables = db
    .prepare(
      `SELECT name, sql LIKE '%WITHOUT ROWID' AS withoutRowid FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'
       AND name NOT LIKE 'account_search_%' ORDER BY name`,
    )
    .all() as { name: string; withoutRowid: number }[];
  const parts = tables.map(({ name: table, withoutRowid }) => {
    // A WITHOUT ROWID table is stored, and read, in its primary key's order.
    const sql = withoutRowid ? `SELECT * FROM ${table}` : `SELECT rowid AS row_id, * FROM ${table} ORDER BY rowid`;
    const rows = db.prepare(sql).all() as Record<string, unknown>[];
    return `${table}\n${JSON.stringify(rows.map(({ password_hash: _salted, ...row }) => row))}`;
  });
  return sha256Hex(parts.join('\n'));
}

async function demoDigest(accountCount: number, seed: number): Promise<{ digest: string; summary: DemoSummary }> {
  const folder = mkdtempSync(join(tmpdir(), 'billing-office-demo-'));
  const database = await openDatabase(join(folder, 'demo.sqlite'));
  try {
    const summary = createDemoDistrict(database.sqlite, { accountCount, seed, nowIso: NOW });
    return { digest: tableDigest(database.sqlite), summary };
  } finally {
    closeDatabase(database);
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('demo determinism', () => {
  it('gives identical tables for the same seed and instant, and different ones for another seed', async () => {
    const first = await demoDigest(300, 2026);
    const second = await demoDigest(300, 2026);
    const other = await demoDigest(300, 2027);
    expect(second.digest).toBe(first.digest);
    expect(second.summary).toEqual(first.summary);
    expect(other.digest).not.toBe(first.digest);
  });

  it('creates exactly the accounts asked for, even very few', async () => {
    for (const accountCount of [1, 2, 3]) {
      expect((await demoDigest(accountCount, 5)).summary.accounts).toBe(accountCount);
    }
  });
});

describe('demo inside a caller', () => {
  it("runs inside the caller's transaction and leaves the connection's cache settings as they were", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'billing-office-demo-'));
    const database = await openDatabase(join(folder, 'demo.sqlite'));
    const db = database.sqlite;
    try {
      db.pragma('cache_size = -4000');
      const before = [db.pragma('cache_size', { simple: true }), db.pragma('temp_store', { simple: true })];
      const summary = db.transaction(() => createDemoDistrict(db, { accountCount: 20, seed: 3, nowIso: NOW }))();
      expect(summary.accounts).toBe(20);
      expect([db.pragma('cache_size', { simple: true }), db.pragma('temp_store', { simple: true })]).toEqual(before);
    } finally {
      closeDatabase(database);
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('a 600-account demo district', () => {
  let office: TestOffice;
  let summary: DemoSummary;
  let db: Sqlite;
  const all = <Row>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as Row[];
  const value = (sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number;

  beforeAll(async () => {
    office = await createTestOffice();
    db = office.runtime.database.sqlite;
    summary = createDemoDistrict(db, { accountCount: 600, seed: 7, nowIso: NOW });
  });
  afterAll(() => office.cleanup());

  it('reports what it created', () => {
    expect(summary.accounts).toBe(600);
    expect(value('SELECT COUNT(*) FROM accounts')).toBe(600);
    expect(summary.activeAccounts + summary.closedAccounts).toBe(600);
    expect(value("SELECT COUNT(*) FROM accounts WHERE status = 'closed'")).toBe(summary.closedAccounts);
    expect(summary.closedAccounts).toBeGreaterThan(0);
    expect(value('SELECT COUNT(*) FROM customers')).toBe(summary.customers);
    expect(value('SELECT COUNT(*) FROM service_locations')).toBe(summary.locations);
    expect(value('SELECT COUNT(*) FROM meters')).toBe(summary.meters);
    expect(value('SELECT COUNT(*) FROM account_services')).toBe(summary.services);
    expect(value('SELECT COUNT(*) FROM meter_reads')).toBe(summary.reads);
    expect(value('SELECT COUNT(*) FROM contacts')).toBe(summary.contacts);
    expect(value('SELECT COUNT(*) FROM account_search')).toBe(600);
  });

  it('gives every active account a location, an active meter and a current service; one active account per location', () => {
    const incomplete = value(
      `SELECT COUNT(*) FROM accounts a WHERE a.status = 'active' AND (
         NOT EXISTS (SELECT 1 FROM service_locations l WHERE l.id = a.location_id)
         OR NOT EXISTS (SELECT 1 FROM meters m WHERE m.location_id = a.location_id AND m.status = 'active')
         OR NOT EXISTS (SELECT 1 FROM account_services s WHERE s.account_id = a.id AND s.ended_on IS NULL))`,
    );
    expect(incomplete).toBe(0);
    expect(value("SELECT COUNT(*) FROM (SELECT location_id FROM accounts WHERE status = 'active' GROUP BY location_id HAVING COUNT(*) <> 1)")).toBe(0);
    expect(value("SELECT COUNT(*) FROM service_locations WHERE id NOT IN (SELECT location_id FROM accounts WHERE status = 'active')")).toBe(0);
  });

  it('closes previous occupants with their services ended the same day', () => {
    const wrong = value(
      `SELECT COUNT(*) FROM accounts a JOIN account_services s ON s.account_id = a.id
       WHERE a.status = 'closed' AND (a.closed_on IS NULL OR s.ended_on IS NOT a.closed_on)`,
    );
    expect(wrong).toBe(0);
    expect(value("SELECT COUNT(*) FROM accounts WHERE status = 'active' AND closed_on IS NOT NULL")).toBe(0);
  });

  it('reads each active meter 13 times, monthly, on its cycle day, up to today (besides the reads at a move)', () => {
    const meters = all<{ cycle: number; reads: number; distinctDates: number; first: string; last: string; days: string }>(
      `SELECT l.cycle, COUNT(r.id) AS reads, COUNT(DISTINCT r.read_date) AS distinctDates, MIN(r.read_date) AS first,
              MAX(r.read_date) AS last, group_concat(DISTINCT substr(r.read_date, 9, 2)) AS days
       FROM meters m JOIN service_locations l ON l.id = m.location_id LEFT JOIN meter_reads r ON r.meter_id = m.id AND r.source NOT IN ('final', 'start')
       WHERE m.status = 'active' GROUP BY m.id`,
    );
    expect(meters).toHaveLength(summary.meters);
    // Cycles read on the 2nd, 9th, 16th and 23rd; on 2 November 2026 only cycle 1 has been read this month.
    const expected: Record<number, [string, string, string]> = {
      1: ['2025-11-02', '2026-11-02', '02'],
      2: ['2025-10-09', '2026-10-09', '09'],
      3: ['2025-10-16', '2026-10-16', '16'],
      4: ['2025-10-23', '2026-10-23', '23'],
    };
    for (const meter of meters) {
      expect(meter.reads).toBe(13);
      expect(meter.distinctDates).toBe(13);
      expect([meter.first, meter.last, meter.days]).toEqual(expected[meter.cycle]);
    }
    expect(new Set(meters.map((meter) => meter.cycle))).toEqual(new Set([1, 2, 3, 4]));
  });

  it('records usage as exact decimals that equal the register difference, rollover included', () => {
    const reads = all<{ meter_id: number; reading: number; usage_hcf: string; dials: number; multiplier: string; unit: string }>(
      `SELECT r.meter_id, r.reading, r.usage_hcf, m.dials, m.multiplier, m.unit
       FROM meter_reads r JOIN meters m ON m.id = r.meter_id ORDER BY r.meter_id, r.read_date, r.id`,
    );
    let checked = 0;
    let rollovers = 0;
    reads.forEach((read, index) => {
      // CF and HCF registers give exact hundredths; gallon registers 748 gal to the HCF, 4 places.
      expect(read.usage_hcf).toMatch(read.unit === 'GAL' ? /^(0|[1-9]\d*)(\.\d{0,3}[1-9])?$/ : /^(0|[1-9]\d*)(\.\d?[1-9])?$/);
      const previous = reads[index - 1];
      if (!previous || previous.meter_id !== read.meter_id) return;
      const capacity = 10 ** read.dials;
      if (read.reading < previous.reading) rollovers += 1;
      const registerUnits = (read.reading - previous.reading + capacity) % capacity;
      const meterUnits = new Big(registerUnits).times(read.multiplier);
      const expectedHcf = read.unit === 'CF' ? meterUnits.div(100) : read.unit === 'GAL' ? toHcf(meterUnits.toFixed(), 'GAL') : meterUnits;
      expect(new Big(read.usage_hcf).eq(expectedHcf), `meter ${read.meter_id}: ${read.usage_hcf} vs ${expectedHcf.toString()}`).toBe(true);
      checked += 1;
    });
    expect(checked).toBe(summary.reads - summary.meters);
    expect(value("SELECT COUNT(DISTINCT unit) FROM meters WHERE unit IN ('CF', 'HCF')")).toBe(2);
    // Every 31st meter registers gallons (GALLON_METER_EVERY), so GAL reads are exercised.
    expect(value("SELECT COUNT(*) FROM meters WHERE unit = 'GAL'")).toBe(value(`SELECT COUNT(*) FROM meters WHERE id % ${GALLON_METER_EVERY} = 5`));
    expect(value("SELECT COUNT(*) FROM meters WHERE unit = 'GAL'")).toBeGreaterThan(0);
    expect(rollovers).toBeGreaterThan(0);
  });

  it('bills each read to the account open at the location on that day', () => {
    const misfiled = value(
      `SELECT COUNT(*) FROM meter_reads r JOIN meters m ON m.id = r.meter_id JOIN accounts a ON a.id = r.account_id
       WHERE a.location_id <> m.location_id OR r.read_date < a.opened_on
         OR (a.closed_on IS NOT NULL AND (r.read_date > a.closed_on OR (r.read_date = a.closed_on AND r.source <> 'final')))`,
    );
    expect(misfiled).toBe(0);
  });

  it("reads the meter at every move: the closed account's final read and the new account's start read, the same day and register", () => {
    const moves = all<{ closedOn: string; openedOn: string; finals: number; starts: number; sameRegister: number }>(
      `SELECT old.closed_on AS closedOn, new.opened_on AS openedOn,
         (SELECT count(*) FROM meter_reads r WHERE r.account_id = old.id AND r.source = 'final' AND r.read_date = old.closed_on) AS finals,
         (SELECT count(*) FROM meter_reads r WHERE r.account_id = new.id AND r.source = 'start' AND r.read_date = new.opened_on) AS starts,
         (SELECT count(*) FROM meter_reads f JOIN meter_reads s ON s.meter_id = f.meter_id AND s.read_date = f.read_date AND s.reading = f.reading
          WHERE f.account_id = old.id AND f.source = 'final' AND s.account_id = new.id AND s.source = 'start') AS sameRegister
       FROM accounts old JOIN accounts new ON new.location_id = old.location_id AND new.status = 'active'
       WHERE old.status = 'closed' AND old.closed_on >= (SELECT min(read_date) FROM meter_reads WHERE source NOT IN ('final', 'start'))`,
    );
    expect(moves.length).toBeGreaterThan(0);
    for (const move of moves) expect(move).toEqual({ closedOn: move.openedOn, openedOn: move.closedOn, finals: 1, starts: 1, sameRegister: 1 });
    expect(value('SELECT COUNT(*) FROM meter_reads WHERE account_id IS NULL')).toBe(0);
  });

  it('passes system.verify, and the customer balances add up to the receivable control account', async () => {
    const report = await office.as('supervisor').must('system.verify', {});
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report.ok).toBe(true);

    const chart = await office.as('clerk').must('ledger.chart', {});
    const glBalance = (code: string) => chart.find((gl) => gl.code === code)?.balanceCents;
    const customerTotal = value('SELECT SUM(balance_cents) FROM account_balances');
    expect(customerTotal).toBe(summary.openingBalanceTotalCents);
    expect(glBalance('1100')).toBe(customerTotal);
    expect(glBalance('2100')).toBe(-summary.depositsHeldCents);
    expect(value("SELECT SUM(deposit_held_cents) FROM accounts WHERE status = 'active'")).toBe(summary.depositsHeldCents);
    expect(glBalance('3900')).toBe(summary.depositsHeldCents - summary.openingBalanceTotalCents);
  });

  it('posts one opening-balance entry per account that owes or is owed, some of them credits', () => {
    expect(value('SELECT COUNT(*) FROM account_balances WHERE balance_cents <> 0')).toBe(summary.openingBalanceEntries);
    expect(value('SELECT COUNT(*) FROM journal_entries WHERE kind = ?', OPENING_BALANCE_KIND)).toBe(summary.openingBalanceEntries);
    expect(value('SELECT COUNT(*) FROM account_balances WHERE balance_cents < 0')).toBe(summary.creditBalanceAccounts);
    expect(summary.creditBalanceAccounts).toBeGreaterThan(0);
    expect(summary.openingBalanceEntries).toBeGreaterThan(300);
    const ids = all<{ id: string }>('SELECT id FROM journal_entries').map((row) => row.id);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(value("SELECT COUNT(*) FROM account_balances WHERE account_id IN (SELECT id FROM accounts WHERE status = 'closed') AND balance_cents <> 0")).toBeLessThan(
      summary.closedAccounts,
    );
  });

  it('marks the database as a demo and names the district', async () => {
    const info = await office.as('clerk').must('system.info', {});
    expect(info).toMatchObject({ isDemo: true, districtName: DEMO_DISTRICT_NAME, accountCount: 600 });
  });

  it('lets each demo user log in with the demo password and the right role', async () => {
    for (const user of DEMO_USERS) {
      const login = await office.runtime.call({ op: 'session.login', input: { username: user.username, password: DEMO_PASSWORD } });
      expect(login).toMatchObject({ ok: true, value: { user: { username: user.username, role: user.role, displayName: user.displayName } } });
    }
    expect(DEMO_USERS.map((user) => user.role)).toEqual(['clerk', 'technician', 'supervisor']);
  });

  it('looks like a real district: households and businesses, six languages, mostly small meters, sewer, fire lines, landlords', () => {
    expect(all<{ kind: string }>('SELECT DISTINCT kind FROM customers ORDER BY kind').map((row) => row.kind)).toEqual(['business', 'person']);
    expect(all<{ l: string }>('SELECT DISTINCT preferred_language AS l FROM customers ORDER BY l').map((row) => row.l)).toEqual(['en', 'es', 'ko', 'tl', 'vi', 'zh']);
    expect(value("SELECT COUNT(*) FROM meters WHERE size IN ('5/8', '3/4')") / summary.meters).toBeGreaterThan(0.75);
    expect(value("SELECT COUNT(DISTINCT size) FROM meters")).toBeGreaterThanOrEqual(5);
    const activeWithSewer = value("SELECT COUNT(DISTINCT account_id) FROM account_services WHERE service = 'wastewater' AND ended_on IS NULL");
    expect(activeWithSewer / summary.activeAccounts).toBeGreaterThan(0.8);
    expect(value("SELECT COUNT(*) FROM account_services WHERE service = 'private_fire' AND fire_line_size_inches IN (4, 6, 8)")).toBeGreaterThan(0);
    expect(value("SELECT COUNT(*) FROM account_services WHERE service <> 'private_fire' AND fire_line_size_inches IS NOT NULL")).toBe(0);
    expect(value("SELECT COUNT(*) FROM accounts WHERE account_number LIKE '%-02'")).toBeGreaterThan(0);
    expect(value("SELECT COUNT(*) FROM accounts WHERE account_number NOT GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9]'")).toBe(0);
    expect(value("SELECT COUNT(DISTINCT cycle) FROM service_locations")).toBe(4);
    expect(value("SELECT COUNT(*) FROM contacts WHERE follow_up_due IS NOT NULL AND follow_up_done_at IS NULL")).toBeGreaterThan(0);
  });

  it('is searchable by account number and meter serial', () => {
    const sample = all<{ id: number; account_number: string; serial: string }>(
      `SELECT a.id, a.account_number, m.serial FROM accounts a JOIN meters m ON m.location_id = a.location_id
       WHERE a.status = 'active' AND a.id % 29 = 0`,
    );
    expect(sample.length).toBeGreaterThan(15);
    for (const account of sample) {
      expect(searchAccounts(db, account.account_number, 5, true)[0]?.accountId).toBe(account.id);
      expect(searchAccounts(db, account.serial, 5, false).map((hit) => hit.accountId)).toContain(account.id);
    }
  });

  it('refuses to run twice in one database and changes nothing', () => {
    expect(() => createDemoDistrict(db, { accountCount: 10, seed: 7, nowIso: NOW })).toThrow(/empty office database/);
    expect(value('SELECT COUNT(*) FROM accounts')).toBe(600);
  });
});

describe('demo options', () => {
  it.each([
    [{ accountCount: 0, seed: 1, nowIso: NOW }, 'accountCount'],
    [{ accountCount: 2.5, seed: 1, nowIso: NOW }, 'accountCount'],
    [{ accountCount: 10, seed: -1, nowIso: NOW }, 'seed'],
    [{ accountCount: 10, seed: 1, nowIso: '2026-11-02' }, 'nowIso'],
  ])('refuses %o', async (options, field) => {
    const folder = mkdtempSync(join(tmpdir(), 'billing-office-demo-'));
    const database = await openDatabase(join(folder, 'demo.sqlite'));
    try {
      expect(() => createDemoDistrict(database.sqlite, options)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field }));
      expect(database.sqlite.prepare('SELECT COUNT(*) FROM users').pluck().get()).toBe(0);
    } finally {
      closeDatabase(database);
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
