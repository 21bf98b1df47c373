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
  createDemoDistrict,
  type DemoSummary,
} from '../../src-main/core/demo';
import { GALLON_METER_EVERY } from '../../src-main/core/demo/places';
import { sha256Hex } from '../../src-main/core/hashing';
import { toHcf } from '../../src-main/core/reads/formats/units';
import { closeDatabase, openDatabase, type Sqlite } from '../../src-main/core/storage/database';
import { accountOpenItems } from '../../src-main/core/payments/open-items';
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
    // Three demos, each with its year of bills and payments.
  }, 120_000);

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
  }, 120_000);
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
    expect(customerTotal).toBe(summary.receivableTotalCents);
    expect(glBalance('1100')).toBe(customerTotal);
    expect(glBalance('2100')).toBe(-summary.depositsHeldCents);
    expect(value("SELECT SUM(deposit_held_cents) FROM accounts WHERE status = 'active'")).toBe(summary.depositsHeldCents);
    // Only the deposits were converted; every receivable cent comes from the year's bills and payments.
    expect(glBalance('3900')).toBe(summary.depositsHeldCents);
    expect(glBalance('1100')).toBe(summary.history.billedCents - summary.history.paidCents);
    expect(glBalance('1040')).toBe(summary.history.paidCents);
    expect(value("SELECT COUNT(*) FROM journal_entries WHERE kind = 'opening_balance'")).toBe(0);
  });

  it("posts every cycle's runs for each month the rates cover, leaving the newest read month unbilled", () => {
    const runs = all<{ cycle: number; period: string; status: string; billDate: string; dueDate: string; approvedBy: string; bills: number; billCount: number; totalCents: number; billedCents: number }>(
      `SELECT r.cycle, r.period, r.status, r.bill_date AS billDate, r.due_date AS dueDate, u.username AS approvedBy, r.bill_count AS billCount, r.total_cents AS totalCents,
              (SELECT COUNT(*) FROM bills b WHERE b.run_id = r.id) AS bills, (SELECT SUM(total_cents) FROM bills b WHERE b.run_id = r.id) AS billedCents
       FROM bill_runs r JOIN users u ON u.id = r.approved_by_user_id ORDER BY r.cycle, r.period`,
    );
    expect(runs.length).toBe(summary.history.billRuns);
    for (const run of runs) {
      expect(run).toMatchObject({ status: 'posted', approvedBy: 'super', bills: run.billCount, billedCents: run.totalCents });
      expect(run.dueDate > run.billDate).toBe(true);
    }
    // NOW is 2026-11-02; the rates begin 2026-01-01: cycle 1 (reads on the 2nd) bills February to
    // October, and November (its newest read) is this month's work; cycles 2–4 bill February to September.
    const periodsOf = (cycle: number) => runs.filter((run) => run.cycle === cycle).map((run) => run.period);
    expect(periodsOf(1)).toEqual(['2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    for (const cycle of [2, 3, 4]) expect(periodsOf(cycle)).toEqual(['2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09']);
    const newestUnbilled = value(
      `WITH newest AS (SELECT meter_id AS meterId, MAX(read_date) AS readDate FROM meter_reads GROUP BY meter_id)
       SELECT COUNT(*) FROM bills b JOIN meter_reads r ON r.id = b.read_id JOIN newest n ON n.meterId = r.meter_id AND n.readDate = r.read_date`,
    );
    expect(newestUnbilled).toBe(0);
    expect(value('SELECT COUNT(*) FROM bills')).toBe(summary.history.bills);
    expect(value("SELECT COUNT(*) FROM bills WHERE status <> 'posted' OR journal_entry_id IS NULL")).toBe(0);
    expect(value("SELECT COUNT(*) FROM bill_run_accounts WHERE disposition = 'blocked'")).toBe(0);
    expect(value("SELECT COUNT(*) FROM bill_run_accounts WHERE disposition = 'held'")).toBe(summary.history.heldAccounts);
  });

  it('takes each payment from a bank file (lockbox mail or ACH autopay), one entry each, on business days', () => {
    expect(value('SELECT COUNT(*) FROM payments')).toBe(summary.history.payments);
    expect(value("SELECT COUNT(*) FROM payments WHERE channel <> 'lockbox' OR status <> 'posted'")).toBe(0);
    expect(value('SELECT SUM(payment_cents) FROM payments')).toBe(summary.history.paidCents);
    expect(value('SELECT COUNT(*) FROM lockbox_imports')).toBe(summary.history.bankFiles);
    expect(value("SELECT COUNT(*) FROM lockbox_imports WHERE file_name LIKE 'autopay-ach-%'")).toBeGreaterThan(0);
    // Each file's count and total are its payments'.
    expect(value(`SELECT COUNT(*) FROM lockbox_imports i WHERE item_count <> (SELECT COUNT(*) FROM payments p WHERE p.lockbox_import_id = i.id)
       OR total_cents <> (SELECT SUM(payment_cents) FROM payments p WHERE p.lockbox_import_id = i.id)`)).toBe(0);
    // No payment on a weekend, none today or later.
    expect(value("SELECT COUNT(*) FROM payments WHERE strftime('%w', business_date) IN ('0', '6') OR business_date >= ?", NOW.slice(0, 10))).toBe(0);
    // An autopay account pays each bill on its due date (or the business day after).
    const autopayLate = value(
      `SELECT COUNT(*) FROM payments p JOIN payment_accounts pa ON pa.payment_id = p.id JOIN accounts a ON a.id = pa.account_id
       JOIN lockbox_imports i ON i.id = p.lockbox_import_id WHERE i.file_name LIKE 'autopay-ach-%' AND a.autopay = 0`,
    );
    expect(autopayLate).toBe(0);
  });

  it('leaves accounts 1–30, 31–60, 61–90 and 90+ days past due, some credits, and closed accounts that still owe', () => {
    const asOf = NOW.slice(0, 10);
    const buckets = { current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '90+': 0 };
    let openTotalCents = 0;
    let creditTotalCents = 0;
    for (const { id } of all<{ id: number }>('SELECT account_id AS id FROM account_balances WHERE balance_cents <> 0')) {
      const open = accountOpenItems(db, id, asOf);
      creditTotalCents += open.creditCents;
      for (const item of open.items) {
        const days = Math.round((Date.parse(asOf) - Date.parse(item.dueDate)) / 86_400_000);
        const bucket = days <= 0 ? 'current' : days <= 30 ? '1-30' : days <= 60 ? '31-60' : days <= 90 ? '61-90' : '90+';
        buckets[bucket] += item.openCents;
        openTotalCents += item.openCents;
      }
    }
    expect(openTotalCents - creditTotalCents).toBe(summary.receivableTotalCents);
    for (const bucket of ['1-30', '31-60', '61-90', '90+'] as const) expect(buckets[bucket], bucket).toBeGreaterThan(0);
    expect(summary.creditBalanceAccounts).toBeGreaterThan(0);
    expect(value('SELECT COUNT(*) FROM account_balances WHERE balance_cents < 0')).toBe(summary.creditBalanceAccounts);
    expect(value('SELECT COUNT(*) FROM account_balances WHERE balance_cents > 0')).toBe(summary.owingAccounts);
    expect(value("SELECT COUNT(*) FROM account_balances WHERE balance_cents > 0 AND account_id IN (SELECT id FROM accounts WHERE status = 'closed')")).toBeGreaterThan(0);
    // Bills carry the balance before them, and PAST_DUE when there was one.
    expect(value("SELECT COUNT(*) FROM bills WHERE amount_due_cents <> previous_balance_cents + total_cents")).toBe(0);
    expect(value("SELECT COUNT(*) FROM bills WHERE (previous_balance_cents > 0) <> (message_codes LIKE '%,PAST_DUE,%')")).toBe(0);
  });

  it('has customers who read Spanish, and customers mailed somewhere other than the service address', () => {
    expect(value("SELECT COUNT(*) FROM customers WHERE preferred_language = 'es'")).toBeGreaterThan(10);
    const mailedElsewhere = value(
      `SELECT COUNT(*) FROM accounts a JOIN customers c ON c.id = a.customer_id JOIN service_locations l ON l.id = a.location_id
       WHERE a.status = 'active' AND c.mailing_street NOT LIKE l.street || '%'`,
    );
    expect(mailedElsewhere).toBeGreaterThan(10);
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
