import Database from 'better-sqlite3';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, GENESIS_HASH, verifyAuditChain } from '../../src-main/core/audit/log';
import { canonicalJson, sha256Hex } from '../../src-main/core/hashing';
import { CHART_OF_ACCOUNTS } from '../../src-main/core/ledger/chart';
import { closeDatabase, openDatabase, readKnownMigrations } from '../../src-main/core/storage/database';
import { resolveMigrationsFolder } from '../../src-main/core/storage/paths';
import { createTestOffice, type TestOffice } from '../support/office';

const folders: string[] = [];
let office: TestOffice | undefined;
afterEach(() => {
  office?.cleanup();
  office = undefined;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'billing-office-storage-'));
  folders.push(folder);
  return folder;
}

/** A new database as the app made it before the migration tagged `tag` (and those after it) existed. */
async function databaseBefore(tag: string) {
  const folder = tempFolder();
  const path = join(folder, 'office.sqlite');
  const oldMigrations = join(folder, 'old-migrations');
  cpSync(resolveMigrationsFolder(), oldMigrations, { recursive: true });
  const journalPath = join(oldMigrations, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.filter((entry) => entry.tag < tag) }));
  return { path, old: await openDatabase(path, { migrationsFolder: oldMigrations }) };
}

describe('opening the database', () => {
  it('refuses a database written by a newer version of the app, and leaves it untouched', async () => {
    const folder = tempFolder();
    const path = join(folder, 'office.sqlite');
    (await openDatabase(path)).sqlite.close();
    const raw = new Database(path);
    raw.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('from-the-future', Date.now() + 10 ** 12);
    raw.close();
    await expect(openDatabase(path)).rejects.toThrow(/newer version of Billing Office/);
    const check = new Database(path, { readonly: true });
    expect(check.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get()).toEqual({ n: readKnownMigrations(resolveMigrationsFolder()).count + 1 });
    check.close();
  });

  it('backs up an existing database before applying new migrations', async () => {
    const folder = tempFolder();
    const path = join(folder, 'office.sqlite');
    const oldMigrations = join(folder, 'old-migrations');
    cpSync(resolveMigrationsFolder(), oldMigrations, { recursive: true });
    // Pretend the app used to know only the first migration.
    const journalPath = join(oldMigrations, 'meta', '_journal.json');
    const journal = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(journalPath, 'utf8'))) as { entries: unknown[] };
    writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, 1) }));
    closeDatabase(await openDatabase(path, { migrationsFolder: oldMigrations }));
    expect(existsSync(join(folder, 'backups'))).toBe(false);

    const upgraded = await openDatabase(path);
    closeDatabase(upgraded);
    const backups = readdirSync(join(folder, 'backups'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^pre-migrate-v1-\d+\.sqlite$/);
  });

  it('moves bill line explanations to their shared table when upgrading, keeping every line and its text', async () => {
    // The app as it was before migration 0010: explanations stored on each line.
    const { path, old } = await databaseBefore('0010');
    // Only the line rows matter here; the bills they hang on are stubs (their own references unchecked).
    old.sqlite.pragma('foreign_keys = OFF');
    const bill = old.sqlite.prepare(
      `INSERT INTO bills (account_id, kind, status, period, from_date, to_date, period_days, usage_hcf, total_cents, rate_book_id, created_at)
       VALUES (?, 'regular', 'posted', '2026-10', '2026-09-09', '2026-10-09', 30, '13', 12659, 1, '2026-10-12T00:00:00Z')`,
    );
    const line = old.sqlite.prepare(
      `INSERT INTO bill_lines (bill_id, line_no, kind, service, gl_code, description, amount_cents, from_date, to_date, explanation_json)
       VALUES (?, ?, 'usage', 'water', '4000', 'Water use', ?, '2026-09-09', '2026-10-09', ?)`,
    );
    const shared = '{"sentence":"13 HCF","rounding":"half-up"}';
    for (const accountId of [1, 2]) {
      const billId = Number(bill.run(accountId).lastInsertRowid);
      line.run(billId, 1, 4894, '{"sentence":"3/4\\" meter: $48.94 a month"}');
      line.run(billId, 2, 7765, shared);
    }
    closeDatabase(old);

    const upgraded = await openDatabase(path);
    const rows = upgraded.sqlite
      .prepare('SELECT l.bill_id AS billId, l.line_no AS lineNo, l.amount_cents AS amountCents, e.explanation_json AS text FROM bill_lines l JOIN bill_line_explanations e ON e.id = l.explanation_id ORDER BY l.id')
      .all();
    expect(rows).toEqual([
      { billId: 1, lineNo: 1, amountCents: 4894, text: '{"sentence":"3/4\\" meter: $48.94 a month"}' },
      { billId: 1, lineNo: 2, amountCents: 7765, text: shared },
      { billId: 2, lineNo: 1, amountCents: 4894, text: '{"sentence":"3/4\\" meter: $48.94 a month"}' },
      { billId: 2, lineNo: 2, amountCents: 7765, text: shared },
    ]);
    expect(upgraded.sqlite.prepare('SELECT count(*) FROM bill_line_explanations').pluck().get()).toBe(2);
    // The rebuilt table kept its guards: a posted bill's line cannot change or go.
    expect(() => upgraded.sqlite.prepare('UPDATE bill_lines SET amount_cents = 1 WHERE id = 1').run()).toThrow(/immutable/);
    expect(() => upgraded.sqlite.prepare('DELETE FROM bill_lines WHERE id = 1').run()).toThrow(/draft/);
    expect(() => upgraded.sqlite.prepare('DELETE FROM bill_line_explanations').run()).toThrow(/immutable/);
    closeDatabase(upgraded);
  });

  it('rebuilds the journal lines and payment detail tables leaner when upgrading, keeping every row, id and guard', async () => {
    const { path, old } = await databaseBefore('0012');
    // Stub rows: only the three tables' contents matter here.
    old.sqlite.pragma('foreign_keys = OFF');
    old.sqlite.exec(`
      INSERT INTO accounts (id, account_number, customer_id, location_id, status, opened_on, created_at) VALUES (7, '000007-01', 1, 1, 'active', '2020-01-01', '2020-01-01T00:00:00Z');
      INSERT INTO payments (id, payment_uid, receipt_number, channel, clerk_user_id, business_date, received_at, amount_cents, tendered_cents, change_cents,
        credit_cents, payment_cents, content_hash, journal_entry_id, status)
        VALUES (1, 'p1', 'R0000001', 'counter', 1, '2026-11-02', '2026-11-02T17:00:00Z', 4500, 4500, 0, 0, 4500, 'h', 'e1', 'posted');
      INSERT INTO journal_entries (id, posted_at, effective_date, kind, memo, content_hash) VALUES ('e1', '2026-11-02T17:00:00Z', '2026-11-02', 'payment', 'Receipt R0000001', 'h1');
      INSERT INTO journal_lines (entry_id, line_no, gl_code, account_id, amount_cents) VALUES ('e1', 1, '1000', NULL, 4500), ('e1', 2, '1100', 7, -4500);
      INSERT INTO payment_tenders (payment_id, line_no, kind, amount_cents, item_number, drawn_on) VALUES (1, 1, 'check', 4500, '1042', 'First Valley Bank');
      INSERT INTO payment_accounts (payment_id, line_no, account_id, amount_cents, balance_after_cents) VALUES (1, 1, 7, 4500, 0);`);
    closeDatabase(old);

    const upgraded = await openDatabase(path);
    const db = upgraded.sqlite;
    expect(db.prepare('SELECT id, entry_id AS entryId, line_no AS lineNo, gl_code AS glCode, account_id AS accountId, amount_cents AS amountCents FROM journal_lines ORDER BY id').all()).toEqual([
      { id: 1, entryId: 'e1', lineNo: 1, glCode: '1000', accountId: null, amountCents: 4500 },
      { id: 2, entryId: 'e1', lineNo: 2, glCode: '1100', accountId: 7, amountCents: -4500 },
    ]);
    expect(db.prepare('SELECT item_number AS itemNumber, drawn_on AS drawnOn, amount_cents AS amountCents FROM payment_tenders').all()).toEqual([{ itemNumber: '1042', drawnOn: 'First Valley Bank', amountCents: 4500 }]);
    expect(db.prepare('SELECT account_id AS accountId, balance_after_cents AS balanceAfterCents FROM payment_accounts').all()).toEqual([{ accountId: 7, balanceAfterCents: 0 }]);
    // The next line continues the ids; the guards are back on the rebuilt tables.
    db.pragma('foreign_keys = OFF');
    const next = db.prepare("INSERT INTO journal_lines (entry_id, line_no, gl_code, amount_cents) VALUES ('e1', 3, '4000', 1)").run();
    expect(Number(next.lastInsertRowid)).toBe(3);
    expect(() => db.prepare('UPDATE journal_lines SET amount_cents = 1 WHERE id = 1').run()).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM payment_tenders').run()).toThrow(/immutable/);
    expect(() => db.prepare('UPDATE payment_accounts SET amount_cents = 1').run()).toThrow(/immutable/);
    expect(() => db.prepare("INSERT INTO journal_lines (entry_id, line_no, gl_code, amount_cents) VALUES ('e1', 4, '4000', 0)").run()).toThrow(/CHECK/);
    closeDatabase(upgraded);
  });

  it('makes a payment write fewer pages when upgrading (0013), keeping every payment, GL total and audit record', async () => {
    const { path, old } = await databaseBefore('0013');
    // Stub rows (references unchecked): two payments with their entries, and two audit records
    // chained the way the app chained them before 0013 (version 1: canonical JSON of the record).
    old.sqlite.pragma('foreign_keys = OFF');
    old.sqlite.exec(`
      INSERT INTO journal_entries (id, posted_at, effective_date, kind, memo, content_hash) VALUES
        ('e1', '2026-11-02T17:00:00Z', '2026-11-02', 'payment', 'Receipt R0000001', 'h1'),
        ('e2', '2026-11-02T17:05:00Z', '2026-11-02', 'payment', 'Receipt R0000002', 'h2');
      INSERT INTO journal_lines (entry_id, line_no, gl_code, account_id, amount_cents) VALUES
        ('e1', 1, '1000', NULL, 4500), ('e1', 2, '1100', 7, -4500), ('e2', 1, '1010', NULL, 2500), ('e2', 2, '1100', 8, -2500);
      INSERT INTO payments (id, payment_uid, receipt_number, channel, drawer_id, clerk_user_id, business_date, received_at, amount_cents, tendered_cents,
        change_cents, credit_cents, payment_cents, content_hash, journal_entry_id, status) VALUES
        (1, 'e1', 'R0000001', 'counter', 3, 1, '2026-11-02', '2026-11-02T17:00:00Z', 4500, 5000, 500, 0, 4500, 'h', 'e1', 'posted'),
        (2, 'e2', 'R0000002', 'counter', 3, 1, '2026-11-02', '2026-11-02T17:05:00Z', 2500, 2500, 0, 0, 2500, 'h', 'e2', 'posted');
      INSERT INTO payment_tenders (payment_id, line_no, kind, amount_cents) VALUES (1, 1, 'cash', 5000), (2, 1, 'check', 2500);
      INSERT INTO payment_accounts (payment_id, line_no, account_id, amount_cents, balance_after_cents) VALUES (1, 1, 7, 4500, 0), (2, 1, 8, 2500, 100);`);
    const insertAudit = old.sqlite.prepare(
      `INSERT INTO audit_log (at, user_id, username, operation, idempotency_key, input_hash, input_json, result_json, approved_by_user_id, prev_hash, hash)
       VALUES (@at, @user_id, @username, @operation, @idempotency_key, @input_hash, @input_json, @result_json, @approved_by_user_id, @prevHash, @hash)`,
    );
    let prevHash = GENESIS_HASH;
    for (const [index, key] of ['key-one-1', 'key-two-2'].entries()) {
      const row = {
        at: `2026-11-02T17:0${index}:00Z`,
        user_id: 1,
        username: 'carla',
        operation: 'payments.take',
        idempotency_key: key,
        input_hash: 'x',
        input_json: canonicalJson({ note: 'says "hi"\n', n: index }),
        result_json: canonicalJson({ receiptNumber: `R000000${index + 1}` }),
        approved_by_user_id: null,
      };
      const hash = sha256Hex(`${prevHash}\n${canonicalJson(row)}`);
      insertAudit.run({ ...row, prevHash, hash });
      prevHash = hash;
    }
    closeDatabase(old);

    const upgraded = await openDatabase(path);
    const db = upgraded.sqlite;
    expect(db.prepare('SELECT id, receipt_number AS receiptNumber, drawer_id AS drawerId FROM payments ORDER BY id').all()).toEqual([
      { id: 1, receiptNumber: 'R0000001', drawerId: 3 },
      { id: 2, receiptNumber: 'R0000002', drawerId: 3 },
    ]);
    // GL totals backfilled from the lines (every chart account has a row), and kept by the trigger from now on.
    const glBalance = db.prepare('SELECT balance_cents FROM gl_balances WHERE gl_code = ?').pluck();
    expect([glBalance.get('1000'), glBalance.get('1010'), glBalance.get('1100'), glBalance.get('4000')]).toEqual([4500, 2500, -7000, 0]);
    expect(db.prepare('SELECT count(*) FROM gl_balances').pluck().get()).toBe(CHART_OF_ACCOUNTS.length);
    db.prepare("INSERT INTO journal_lines (entry_id, line_no, gl_code, account_id, amount_cents) VALUES ('e2', 3, '1000', NULL, 125)").run();
    expect(glBalance.get('1000')).toBe(4625);
    // The old records verify by the old hash, new ones are chained on by the newest (keyed, version 3).
    expect(verifyAuditChain(db)).toEqual({ records: 2, brokenAtSeq: null });
    appendAudit(db, { at: '2026-11-03T08:00:00Z', userId: 1, username: 'carla', operation: 'payments.take', idempotencyKey: 'key-three-3', inputHash: 'y', input: { n: 3 }, result: { ok: true }, approvedByUserId: null });
    expect(verifyAuditChain(db)).toEqual({ records: 3, brokenAtSeq: null });
    expect(db.prepare('SELECT seq, hash_version AS version FROM audit_log ORDER BY seq').all()).toEqual([
      { seq: 1, version: 1 },
      { seq: 2, version: 1 },
      { seq: 3, version: 3 },
    ]);
    // No AUTOINCREMENT left on either table; the receipt number must be the id's; the guards are back.
    db.pragma('foreign_keys = OFF');
    expect(db.prepare("SELECT name FROM sqlite_sequence WHERE name IN ('payments', 'audit_log')").all()).toEqual([]);
    const payment = db.prepare(
      `INSERT INTO payments (id, payment_uid, receipt_number, channel, clerk_user_id, business_date, received_at, amount_cents, tendered_cents, change_cents,
         credit_cents, payment_cents, content_hash, journal_entry_id, status) VALUES (3, 'e3', ?, 'counter', 1, '2026-11-03', '2026-11-03T08:00:00Z', 1, 1, 0, 0, 1, 'h', 'e2', 'posted')`,
    );
    expect(() => payment.run('R0000004')).toThrow(/payments_receipt_number_of_id/);
    expect(() => payment.run('R0000003')).not.toThrow();
    expect(() => db.prepare('UPDATE payments SET amount_cents = 1 WHERE id = 1').run()).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM payments WHERE id = 1').run()).toThrow(/never deleted/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('payments', 'journal_lines', 'audit_log') AND sql IS NOT NULL ORDER BY name").pluck().all();
    expect(indexes).toEqual([
      // The audit trail screen's filters (0020).
      'audit_log_at',
      'audit_log_idempotency_key',
      'audit_log_operation_seq',
      'audit_log_username_seq',
      'journal_lines_account_amount',
      'journal_lines_entry_line',
      'payments_batch',
      'payments_day_drawer',
      'payments_lockbox',
      'payments_payment_uid_unique',
      // Partial (0018): only returned checks have it, so a payment writes no page of it.
      'payments_return_entry',
    ]);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'payment_accounts' AND sql IS NOT NULL").pluck().get()).toBe(0);
    closeDatabase(upgraded);
  });

  it('refuses the upgrade whole when a payment tender would point at no payment', async () => {
    const { path, old } = await databaseBefore('0013');
    old.sqlite.pragma('foreign_keys = OFF');
    old.sqlite.exec("INSERT INTO payment_tenders (payment_id, line_no, kind, amount_cents) VALUES (99, 1, 'cash', 100)");
    closeDatabase(old);
    await expect(openDatabase(path)).rejects.toThrow(/could not be upgraded and was left as it was \(CHECK constraint failed: violations/);
    // Nothing of 0013 was applied: the database is as it was, and opens again once repaired.
    const raw = new Database(path);
    expect(raw.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'gl_balances'").pluck().get()).toBe(0);
    raw.pragma('foreign_keys = OFF');
    raw.exec(`INSERT INTO payments (id, payment_uid, receipt_number, channel, clerk_user_id, business_date, received_at, amount_cents, tendered_cents, change_cents,
      credit_cents, payment_cents, content_hash, journal_entry_id, status) VALUES (99, 'e99', 'R0000099', 'counter', 1, '2026-11-02', '2026-11-02T17:00:00Z', 100, 100, 0, 0, 100, 'h', 'e99', 'posted')`);
    raw.close();
    const repaired = await openDatabase(path);
    expect(repaired.sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'gl_balances'").pluck().get()).toBe(1);
    expect(repaired.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    closeDatabase(repaired);
  });

  it('has the chart of accounts the code names, no more and no less', async () => {
    office = await createTestOffice();
    const rows = office.runtime.database.sqlite.prepare('SELECT code, name, type FROM gl_accounts ORDER BY code').all();
    expect(rows).toEqual([...CHART_OF_ACCOUNTS].sort((a, b) => a.code.localeCompare(b.code)));
  });
});

describe('backup and restore through the operations', () => {
  it('restores the books as they were, after a safety backup of the current state', async () => {
    office = await createTestOffice();
    const supervisor = office.as('supervisor');
    const backup = await supervisor.must('system.backup', { label: 'before users' });
    expect(backup.fileName).toMatch(/^billing-office-\d{8}-\d{6}-before-users\.sqlite$/);
    await supervisor.must('users.create', { username: 'newbie', displayName: 'New Clerk', role: 'clerk', password: 'a-long-password' });
    expect((await supervisor.must('users.list', {})).map((user) => user.username)).toContain('newbie');

    const restored = await supervisor.must('system.restore', { fileName: backup.fileName });
    expect(restored.safetyBackup.fileName).toMatch(/before-restore/);
    expect((await supervisor.must('users.list', {})).map((user) => user.username)).not.toContain('newbie');
    expect((await supervisor.must('system.verify', {})).ok).toBe(true);
    expect((await supervisor.must('system.backups', {})).map((file) => file.fileName)).toEqual(
      expect.arrayContaining([backup.fileName, restored.safetyBackup.fileName]),
    );
  });

  it('refuses to restore a file that is not a Billing Office database', async () => {
    office = await createTestOffice();
    const backupsFolder = join(office.folder, 'backups');
    await office.as('supervisor').must('system.backup', {});
    writeFileSync(join(backupsFolder, 'junk.sqlite'), 'this is not a database');
    const result = await office.as('supervisor').call('system.restore', { fileName: 'junk.sqlite' });
    expect(result.ok || result.error.message).toMatch(/cannot be read as a database|not a Billing Office database|damaged/);
    const escape = await office.as('supervisor').call('system.restore', { fileName: '../office.sqlite' });
    expect(escape.ok || escape.error.code).toBe('INVALID_INPUT');
    expect((await office.as('supervisor').must('system.verify', {})).ok).toBe(true);
  });
});

describe('what stopped backups left behind', () => {
  it('is removed by the next backup once untouched for 15 minutes; a part still being written is kept', async () => {
    office = await createTestOffice();
    const backupsFolder = join(office.folder, 'backups');
    mkdirSync(backupsFolder, { recursive: true });
    const abandoned = ['billing-office-20261201-101500-cli.sqlite.partial', 'billing-office-20261201-101500-cli.sqlite.partial-journal', 'x.sqlite.manifest.json.partial'];
    const inProgress = 'billing-office-20261208-090000-other-pc.sqlite.partial';
    const longAgo = new Date(Date.now() - 16 * 60_000);
    for (const name of abandoned) {
      writeFileSync(join(backupsFolder, name), 'half a backup');
      utimesSync(join(backupsFolder, name), longAgo, longAgo);
    }
    writeFileSync(join(backupsFolder, inProgress), 'being written');
    const backup = await office.as('supervisor').must('system.backup', { label: 'nightly' });
    expect(readdirSync(backupsFolder).sort()).toEqual([backup.fileName, `${backup.fileName}.manifest.json`, inProgress].sort());
  });
});

describe('another window of this process during a restore', () => {
  it('is told BUSY (and resends), never INTERNAL, while the restore has the database closed', async () => {
    office = await createTestOffice();
    const clerk = office.as('clerk');
    // Called from inside the restore's work, as a second tab's request arrives while the file is swapped.
    const during = await office.runtime.exclusively(async () => clerk.call('accounts.search', { query: 'x' }));
    expect(during.ok || during.error).toEqual({ code: 'BUSY', message: expect.stringMatching(/being restored/) });
    expect((await clerk.call('accounts.search', { query: 'x' })).ok).toBe(true);
  });
});

describe('sessions after a restore', () => {
  it('ends everyone else\'s session and keeps the restoring supervisor\'s', async () => {
    office = await createTestOffice();
    const backup = await office.as('supervisor').must('system.backup', {});
    await office.as('supervisor').must('system.restore', { fileName: backup.fileName });
    const clerkAfter = await office.as('clerk').call('session.me', {});
    expect(clerkAfter.ok || clerkAfter.error.code).toBe('NOT_LOGGED_IN');
    expect((await office.as('supervisor').call('session.me', {})).ok).toBe(true);
  });
});
