/**
 * Years of history (issue #14 item 3): does any step a clerk or technician takes slow down as the
 * archive grows? Two districts alike in everything but the length of their history — 13 months
 * and five years (60 months) of monthly reads, posted bill runs, lockbox payments and balance
 * adjustments — and on each, this month's work, timed through the dispatcher as the app runs it:
 * the cycle's read import, draft, recompute, cancel, draft again, approve, post; a counter
 * payment; the account page (account, ledger, bills, meter reads, open items); the end-of-day report; the
 * routine verify (incremental, from the checkpoint of a full verify run before the month's work, which is
 * timed too: it reads everything by design and has no target); a backup, beside a plain copy of the file. Each step's five-year figure ÷ its 13-month figure is the result (target: under 1.3).
 *
 * Beside them, in the same run, a raw better-sqlite3 reference on each district (10,000 rows
 * inserted and committed; an indexed lookup 10,000 times): what the machine and the file gave at
 * that moment, so a ratio is not read off a slow minute.
 *
 * The districts are built once through the app's own code (core bill runs, the lockbox import
 * through the dispatcher, core journal postings) and cached, keyed by account count, history
 * length and the number of migrations, in BENCH_CACHE_DIR (default .bench-cache/ at the repository
 * root); each bench run times a fresh copy. HISTORY_ACCOUNTS sets the account count (default
 * 50,000; building five years of that takes long, see docs/performance.md).
 *
 *   HISTORY_ACCOUNTS=5000 npm run bench -- history
 */
import Big from 'big.js';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OperationRequest } from '../../src-shared/contract';
import type { VerifyReport } from '../../src-shared/contract/system';
import { newRequestId } from '../../src-shared/ids';
import { saveRates } from '../../src-main/core/billing/rate-store';
import { approveRun, createRun, postRun } from '../../src-main/core/billing/runs';
import type { Clock } from '../../src-main/core/clock';
import { GL } from '../../src-main/core/ledger/chart';
import { postEntry } from '../../src-main/core/ledger/journal';
import type { ParsedReadRow } from '../../src-main/core/reads/formats/types';
import { analyzeImport, commitImport } from '../../src-main/core/reads/import';
import { parseUpload } from '../../src-main/core/reads/parse';
import { getReadValidationSettings } from '../../src-main/core/reads/settings';
import { periodMinusMonths } from '../../src-main/core/reads/validate';
import { initializeOffice } from '../../src-main/core/setup/initialize';
import { runDeferredWork, withoutAutomaticCheckpoint } from '../../src-main/core/storage/checkpoints';
import { readKnownMigrations } from '../../src-main/core/storage/database';
import { resolveMigrationsFolder } from '../../src-main/core/storage/paths';
import { createUser } from '../../src-main/core/users/users';
import { OfficeRuntime } from '../../src-main/operations/runtime';
import { median, type Bench, type BenchRow } from './harness';
import { beaconFile } from './read-import.bench';

export const ACCOUNTS = Number(process.env.HISTORY_ACCOUNTS ?? 50_000);
export const SHORT_MONTHS = 13;
export const LONG_MONTHS = 60;
const FLAT_TARGET = 1.3;
/** The month whose work is timed; the history is the months before it. */
const PERIOD = '2026-12';
const DIALS = 6;
const PASSWORD = 'bench-password-1';
const PAYMENT_SAMPLES = 60;
const PAGE_SAMPLES = 60;
const REPEATS = 3;
const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const CACHE_DIR = process.env.BENCH_CACHE_DIR ?? join(ROOT, '.bench-cache');
const RATES_PATH = join(ROOT, 'src-main/core/rates/samples/valle-verde.json');

function lcg(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

/** A clock the builder moves month by month (the office's dates follow its history). */
class MovableClock implements Clock {
  constructor(private iso: string) {}
  set(iso: string): void {
    this.iso = iso;
  }
  nowIso = () => this.iso;
  today = () => this.iso.slice(0, 10);
}

async function mustCall(runtime: OfficeRuntime, request: OperationRequest): Promise<unknown> {
  const result = await runtime.call(request);
  if (!result.ok) throw new Error(`${request.op}: ${result.error.message}`);
  return result.value;
}

async function loginAs(runtime: OfficeRuntime, username: string): Promise<string> {
  return ((await mustCall(runtime, { op: 'session.login', input: { username, password: PASSWORD } })) as { token: string }).token;
}

interface Meter {
  meterId: number;
  accountId: number;
  accountNumber: string;
  serial: string;
  baseHcf: number;
  reading: number;
}

const addDaysIso = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Month-to-month variation of a meter's use: never the same twice running, never far from its base. */
const SWING_HCF = [0, 2, -1, 1];

/**
 * Steady use that varies (base −1 to +2 HCF, never the same two months running): a month's reads
 * raise no exception, so every run bills every account.
 */
function nextReading(meter: Meter, period: string): { reading: number; usage: number } {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const usage = meter.baseHcf + (SWING_HCF[(meter.meterId + year * 12 + month) % SWING_HCF.length] as number);
  meter.reading = (meter.reading + usage) % 10 ** DIALS;
  return { reading: meter.reading, usage };
}

function fileRow(index: number, meter: Meter, readDate: string, reading: number): ParsedReadRow {
  return {
    line: index + 2, meterSerial: meter.serial, accountNumber: meter.accountNumber, readDate, readAt: null, reading: String(reading), unit: 'HCF',
    multiplier: null, estimated: false, faulted: false, leakFlag: false, dials: DIALS,
  };
}

/** Parses, checks and stores one cycle file as reads.import does, then leaves the snapshot as the office does at idle time. */
function importFile(runtime: OfficeRuntime, bytes: Buffer, period: string, userId: number, nowIso: string): void {
  const db = runtime.database.sqlite;
  const parsed = parseUpload(db, bytes, { kind: 'badger-beacon' });
  if (parsed.problems.length > 0) throw new Error(`bench file has problems: ${parsed.problems[0]?.message}`);
  const analysis = analyzeImport(db, { fileName: `cycle1-${period}.csv`, bytes, cycle: 1, period, skipUnmatched: false }, parsed, getReadValidationSettings(db));
  withoutAutomaticCheckpoint(db, () => db.transaction(() => commitImport(db, analysis, userId, nowIso))());
  runDeferredWork(db);
}

function lockboxFile(items: readonly { accountNumber: string; cents: number }[], date: string, firstCheck: number): string {
  const totalCents = items.reduce((sum, item) => sum + item.cents, 0);
  const lines = ['Account_Number,Amount,Check_Number,Deposit_Date'];
  items.forEach((item, index) => lines.push(`${item.accountNumber},${new Big(item.cents).div(100).toFixed(2)},${firstCheck + index},${date}`));
  lines.push(`TRAILER,${items.length},${new Big(totalCents).div(100).toFixed(2)}`, '');
  return lines.join('\n');
}

/** Accounts with water and flat wastewater on 3/4" meters, in cycle 1; the meters' first read. */
function insertAccounts(runtime: OfficeRuntime, accounts: number, firstReadDate: string, random: () => number): Meter[] {
  const db = runtime.database.sqlite;
  const meters: Meter[] = [];
  db.transaction(() => {
    const customer = db.prepare(`INSERT INTO customers (kind, last_name, first_name, mailing_street, mailing_city, mailing_state, mailing_zip, created_at) VALUES ('person', ?, 'Bench', '1 Main St', 'Valle Verde', 'CA', '95350', '2020-01-01T00:00:00Z')`);
    const location = db.prepare(`INSERT INTO service_locations (street, city, state, zip, route, sequence, cycle) VALUES (?, 'Valle Verde', 'CA', '95350', ?, ?, 1)`);
    const account = db.prepare(`INSERT INTO accounts (account_number, customer_id, location_id, status, opened_on, created_at) VALUES (?, ?, ?, 'active', '2020-01-01', '2020-01-01T00:00:00Z')`);
    const balance = db.prepare('INSERT INTO account_balances (account_id, balance_cents) VALUES (?, 0)');
    const service = db.prepare(`INSERT INTO account_services (account_id, service, rate_class, dwelling_units, started_on) VALUES (?, ?, 'residential', 1, '2020-01-01')`);
    const meter = db.prepare(`INSERT INTO meters (serial, size, dials, multiplier, unit, installed_on, status, location_id) VALUES (?, '3/4', ${DIALS}, '1', 'HCF', '2020-01-01', 'active', ?)`);
    const read = db.prepare(
      `INSERT INTO meter_reads (meter_id, account_id, read_date, reading, usage_hcf, estimated, source, created_at, period, cycle, status) VALUES (?, ?, ?, ?, '0', 0, 'amr', ?, ?, 1, 'ok')`,
    );
    for (let index = 0; index < accounts; index += 1) {
      const customerId = Number(customer.run(`Customer${index}`).lastInsertRowid);
      const locationId = Number(location.run(`${100 + index} Oak St`, `R${String(Math.floor(index / 350)).padStart(3, '0')}`, index % 350).lastInsertRowid);
      const accountNumber = `${String(customerId).padStart(6, '0')}-01`;
      const accountId = Number(account.run(accountNumber, customerId, locationId).lastInsertRowid);
      balance.run(accountId);
      service.run(accountId, 'water');
      service.run(accountId, 'wastewater');
      const serial = `HM${String(index).padStart(7, '0')}`;
      const meterId = Number(meter.run(serial, locationId).lastInsertRowid);
      const entry: Meter = { meterId, accountId, accountNumber, serial, baseHcf: 6 + Math.floor(random() * 14), reading: Math.floor(random() * 900_000) };
      read.run(meterId, accountId, firstReadDate, entry.reading, `${firstReadDate}T20:00:00.000Z`, firstReadDate.slice(0, 7));
      meters.push(entry);
    }
  })();
  return meters;
}

/**
 * One month of history: the cycle's reads (written directly, or through the import for the last
 * month so its snapshot is the one the timed import starts from), the run drafted, approved and
 * posted, nine in ten accounts paying their bill through a lockbox file, and a few adjustments.
 */
async function addMonth(runtime: OfficeRuntime, clock: MovableClock, meters: Meter[], period: string, viaImport: boolean, users: { tech: number; boss: number; techToken: string }, random: () => number) {
  const db = runtime.database.sqlite;
  const readDate = `${period}-09`;
  clock.set(`${readDate}T20:00:00.000Z`);
  if (viaImport) {
    importFile(runtime, beaconFile(meters.map((meter, index) => fileRow(index, meter, readDate, nextReading(meter, period).reading))), period, users.tech, clock.nowIso());
  } else {
    const read = db.prepare(
      `INSERT INTO meter_reads (meter_id, account_id, read_date, reading, usage_hcf, estimated, source, created_at, period, cycle, status) VALUES (?, ?, ?, ?, ?, 0, 'amr', ?, ?, 1, 'ok')`,
    );
    db.transaction(() => {
      for (const meter of meters) {
        const { reading, usage } = nextReading(meter, period);
        read.run(meter.meterId, meter.accountId, readDate, reading, String(usage), clock.nowIso(), period);
      }
    })();
  }
  const billDate = `${period}-12`;
  clock.set(`${billDate}T17:00:00.000Z`);
  const actor = { userId: users.tech, nowIso: clock.nowIso() };
  const runId = withoutAutomaticCheckpoint(db, () => db.transaction(() => createRun(db, actor, { cycle: 1, period, billDate, dueDate: addDaysIso(billDate, 20) }))());
  const blocked = db.prepare<[number], string>(`SELECT reason FROM bill_run_accounts WHERE run_id = ? AND disposition <> 'billed' LIMIT 1`).pluck().get(runId);
  if (blocked !== undefined) throw new Error(`the ${period} run of the bench history does not bill every account: ${blocked}`);
  db.transaction(() => approveRun(db, { userId: users.boss, nowIso: clock.nowIso() }, runId, 'bench history', 0))();
  withoutAutomaticCheckpoint(db, () => db.transaction(() => postRun(db, actor, runId, 0))());
  const bills = db.prepare<[number], { accountId: number; cents: number }>(`SELECT account_id AS accountId, total_cents AS cents FROM bills WHERE run_id = ?`).all(runId);
  const numbers = new Map(meters.map((meter) => [meter.accountId, meter.accountNumber]));
  const paying = bills.filter(() => random() < 0.9).map((bill) => ({ accountNumber: numbers.get(bill.accountId)!, cents: bill.cents }));
  const depositDate = `${period}-25`;
  clock.set(`${depositDate}T18:00:00.000Z`);
  const content = Buffer.from(lockboxFile(paying, depositDate, 10_000)).toString('base64');
  await mustCall(runtime, { op: 'lockbox.import', input: { format: 'lockbox-csv', fileName: `lockbox-${period}.csv`, contentBase64: content }, sessionToken: users.techToken, idempotencyKey: newRequestId() });
  db.transaction(() => {
    for (const meter of meters) {
      if (random() >= 0.005) continue;
      const cents = (random() < 0.5 ? -1 : 1) * (500 + Math.floor(random() * 5_000));
      postEntry(db, clock.nowIso(), {
        entryId: newRequestId(), effectiveDate: depositDate, kind: 'adjustment', memo: 'Bench adjustment', createdByUserId: users.tech, approvedByUserId: users.boss,
        lines: [{ glCode: GL.accountsReceivable, accountId: meter.accountId, amountCents: cents }, { glCode: '4900', amountCents: -cents }],
      });
    }
  })();
}

/** Builds a district with `months` months of history before PERIOD; returns the meters as they stand. */
async function buildDistrict(path: string, months: number, log: (line: string) => void): Promise<void> {
  const clock = new MovableClock(`${periodMinusMonths(PERIOD, months + 1)}-01T17:00:00.000Z`);
  const runtime = await OfficeRuntime.open({ databasePath: path, mode: 'test', clock });
  try {
    const db = runtime.database.sqlite;
    initializeOffice(db, clock.nowIso(), { districtName: 'History Bench District', supervisor: { username: 'sofia', displayName: 'Bench Supervisor', password: PASSWORD } });
    const tech = createUser(db, clock.nowIso(), { username: 'tomas', displayName: 'Bench Technician', role: 'technician', password: PASSWORD }).userId;
    createUser(db, clock.nowIso(), { username: 'carla', displayName: 'Bench Clerk', role: 'clerk', password: PASSWORD });
    const boss = db.prepare(`SELECT id FROM users WHERE username = 'sofia'`).pluck().get() as number;
    // The demo's rates, the first schedule moved back to cover five years of history.
    const rates = JSON.parse(readFileSync(RATES_PATH, 'utf8')) as { schedules: { effectiveFrom: string }[] };
    rates.schedules[0]!.effectiveFrom = '2020-01-01';
    saveRates(db, clock.nowIso(), tech, JSON.stringify(rates), 'bench');
    const random = lcg(2031);
    const meters = insertAccounts(runtime, ACCOUNTS, `${periodMinusMonths(PERIOD, months + 1)}-09`, random);
    const users = { tech, boss, techToken: await loginAs(runtime, 'tomas') };
    const started = performance.now();
    for (let back = months; back >= 1; back -= 1) {
      await addMonth(runtime, clock, meters, periodMinusMonths(PERIOD, back), back === 1, users, random);
      if (back % 6 === 0 || back === 1) log(`  ${months - back + 1}/${months} months built (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
    // The meters' readings now, for this month's file (kept beside the database).
    db.exec('CREATE TABLE bench_meter_state (meter_id INTEGER PRIMARY KEY, base_hcf INTEGER NOT NULL, reading INTEGER NOT NULL)');
    const state = db.prepare('INSERT INTO bench_meter_state (meter_id, base_hcf, reading) VALUES (?, ?, ?)');
    db.transaction(() => meters.forEach((meter) => state.run(meter.meterId, meter.baseHcf, meter.reading)))();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    runtime.close();
  }
}

/** The cached district for this many accounts and months (built when missing). */
export async function cachedDistrict(months: number, log: (line: string) => void): Promise<string> {
  mkdirSync(CACHE_DIR, { recursive: true });
  // Keyed by the newest migration too: a district built under another schema is built again.
  const schema = readKnownMigrations(resolveMigrationsFolder()).newestMillis;
  const path = join(CACHE_DIR, `history-v1-${ACCOUNTS}-accounts-${months}-months-schema-${schema}.sqlite`);
  if (existsSync(path)) {
    log(`${months}-month district from the cache: ${path} (${(statSync(path).size / 1e6).toFixed(0)} MB)`);
    return path;
  }
  const partial = `${path}.building`;
  rmSync(partial, { force: true });
  rmSync(`${partial}-wal`, { force: true });
  log(`building the ${months}-month district (${ACCOUNTS.toLocaleString('en-US')} accounts), once: it is cached in ${CACHE_DIR}`);
  const started = performance.now();
  await buildDistrict(partial, months, log);
  renameSync(partial, path);
  // The office lock file the build left beside the partial file.
  rmSync(`${partial}.lock`, { force: true });
  log(`  built in ${((performance.now() - started) / 1000).toFixed(0)} s, ${(statSync(path).size / 1e6).toFixed(0)} MB`);
  return path;
}

interface Timings {
  [step: string]: number;
}

/** The raw reference on this district's file: 10,000 rows inserted in one commit; 10,000 indexed lookups. */
function rawReference(runtime: OfficeRuntime): { insertMs: number; lookupMs: number } {
  const db = runtime.database.sqlite;
  db.exec('CREATE TABLE IF NOT EXISTS bench_raw_probe (id INTEGER PRIMARY KEY, account_id INTEGER, v TEXT)');
  const insert = db.prepare('INSERT INTO bench_raw_probe (account_id, v) VALUES (?, ?)');
  let started = performance.now();
  db.transaction(() => {
    for (let n = 0; n < 10_000; n += 1) insert.run(n, 'x'.repeat(60));
  })();
  const insertMs = performance.now() - started;
  const lookup = db.prepare('SELECT balance_cents FROM account_balances WHERE account_id = ?').pluck();
  started = performance.now();
  for (let n = 0; n < 10_000; n += 1) lookup.get(1 + (n % ACCOUNTS));
  return { insertMs, lookupMs: performance.now() - started };
}

/** One verify through the dispatcher; says which kind ran, and what failed if anything did. */
async function timedVerify(runtime: OfficeRuntime, token: string, input: { full?: boolean }, label: string, log: (line: string) => void): Promise<number> {
  let scope = '';
  const ms = await timed(async () => {
    const report = (await mustCall(runtime, { op: 'system.verify', input, sessionToken: token } as OperationRequest)) as VerifyReport;
    scope = report.scope.kind;
    if (!report.ok) log(`${label}: verify found problems: ${JSON.stringify(report.checks.filter((check) => !check.ok)).slice(0, 300)}`);
  });
  log(`${label}: ${scope} verify ${ms.toFixed(0)} ms`);
  return ms;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** This month's work on a fresh copy of the district, each step timed through the dispatcher. */
async function timeMonth(template: string, folder: string, label: string, log: (line: string) => void): Promise<Timings> {
  const path = join(folder, `${label}.sqlite`);
  copyFileSync(template, path);
  const readDate = `${PERIOD}-09`;
  const clock = new MovableClock(`${readDate}T20:00:00.000Z`);
  const runtime = await OfficeRuntime.open({ databasePath: path, mode: 'test', clock, backupsFolder: join(folder, `${label}-backups`) });
  try {
    const db = runtime.database.sqlite;
    const out: Timings = {};
    const reference = rawReference(runtime);
    out['raw reference: 10,000 rows in one commit'] = reference.insertMs;
    out['raw reference: 10,000 indexed lookups'] = reference.lookupMs;
    const [tech, clerk, boss] = [await loginAs(runtime, 'tomas'), await loginAs(runtime, 'carla'), await loginAs(runtime, 'sofia')];
    // Last month's verify, as the office runs one: full (it re-reads every row), and it leaves the
    // sealed checkpoint this month's routine verify goes on from.
    out['full verify (re-reads all history)'] = await timedVerify(runtime, boss, { full: true }, label, log);
    const techId = db.prepare(`SELECT id FROM users WHERE username = 'tomas'`).pluck().get() as number;
    const meters = db
      .prepare<[], Meter>(
        `SELECT s.meter_id AS meterId, m.serial, a.id AS accountId, a.account_number AS accountNumber, s.base_hcf AS baseHcf, s.reading
         FROM bench_meter_state s JOIN meters m ON m.id = s.meter_id JOIN accounts a ON a.location_id = m.location_id ORDER BY s.meter_id`,
      )
      .all();
    const random = lcg(99);
    const file = beaconFile(meters.map((meter, index) => fileRow(index, meter, readDate, nextReading(meter, PERIOD).reading)));
    out['read import (parse, validate, store, snapshot)'] = await timed(async () => importFile(runtime, file, PERIOD, techId, clock.nowIso()));
    clock.set(`${PERIOD}-12T17:00:00.000Z`);
    const call = (op: string, input: unknown, token: string) => mustCall(runtime, { op, input, sessionToken: token, idempotencyKey: newRequestId() } as OperationRequest);
    const runInput = { cycle: 1, period: PERIOD, billDate: `${PERIOD}-12`, dueDate: `${PERIOD}-31` };
    let runId = 0;
    const drafts: number[] = [];
    drafts.push(await timed(async () => (runId = ((await call('billing.createRun', runInput, tech)) as { run: { runId: number } }).run.runId)));
    const recomputes: number[] = [];
    for (let n = 0; n < REPEATS; n += 1) recomputes.push(await timed(() => call('billing.recompute', { runId }, tech)));
    out['recompute (median)'] = median(recomputes);
    out['cancel the run'] = await timed(() => call('billing.cancelRun', { runId, reason: 'bench: draft again' }, tech));
    drafts.push(await timed(async () => (runId = ((await call('billing.createRun', runInput, tech)) as { run: { runId: number } }).run.runId)));
    out['draft (median of 2)'] = median(drafts);
    const blocked = db.prepare(`SELECT count(*) FROM bill_run_accounts WHERE run_id = ? AND disposition <> 'billed'`).pluck().get(runId) as number;
    if (blocked > 0) throw new Error(`${blocked} accounts not billed in the ${label} district's run: the bench month should bill every account`);
    out['approve'] = await timed(() => call('billing.approve', { runId, note: 'bench' }, boss));
    out['post'] = await timed(() => call('billing.post', { runId }, tech));
    log(`${label}: import ${out['read import (parse, validate, store, snapshot)']!.toFixed(0)} ms, draft ${out['draft (median of 2)']!.toFixed(0)} ms, recompute ${out['recompute (median)']!.toFixed(0)} ms, post ${out['post']!.toFixed(0)} ms`);

    clock.set(`${PERIOD}-14T18:00:00.000Z`);
    await call('drawer.open', { workstation: 'Bench', floatCounts: { bill_20: 10 } }, clerk);
    const payments: number[] = [];
    const pages: number[] = [];
    const openItems: number[] = [];
    for (let n = 0; n < Math.max(PAYMENT_SAMPLES, PAGE_SAMPLES); n += 1) {
      const accountId = meters[Math.floor(random() * meters.length)]!.accountId;
      if (n < PAGE_SAMPLES) {
        let openItemsMs = 0;
        pages.push(
          await timed(async () => {
            await call('accounts.get', { accountId }, clerk);
            await call('accounts.ledger', { accountId, limit: 100 }, clerk);
            await call('billing.accountBills', { accountId }, clerk);
            await call('accounts.reads', { accountId, limit: 26 }, clerk);
            openItemsMs = await timed(() => call('billing.openItems', { accountId }, clerk));
          }),
        );
        openItems.push(openItemsMs);
      }
      if (n < PAYMENT_SAMPLES) {
        const input = { paymentId: newRequestId(), accounts: [{ accountId, amountCents: 4_000 }], tenders: [{ kind: 'cash', amountCents: 4_000 }] };
        payments.push(await timed(() => call('payments.take', input, clerk)));
      }
    }
    out['counter payment (median)'] = median(payments);
    out['account page: account, ledger, bills, reads, open items (median)'] = median(pages);
    out['of which open items (median)'] = median(openItems);
    const endOfDay: number[] = [];
    for (let n = 0; n < REPEATS; n += 1) endOfDay.push(await timed(() => call('endOfDay.report', {}, boss)));
    out['end-of-day report (median)'] = median(endOfDay);
    out['verify (routine: incremental since last month’s)'] = await timedVerify(runtime, boss, {}, label, log);
    out['backup'] = await timed(() => call('system.backup', { label: 'bench' }, boss));
    // The raw reference for the backup: a plain copy of the same database file, the log copied in first.
    db.pragma('wal_checkpoint(TRUNCATE)');
    out['raw reference: copy of the database file (fs.copyFile)'] = await timed(() => copyFile(path, join(folder, `${label}-raw-copy.sqlite`)));
    out['database size (MB)'] = statSync(path).size / 1e6;
    return out;
  } finally {
    runtime.close();
  }
}

export const bench: Bench = {
  name: `history (${ACCOUNTS.toLocaleString('en-US')} accounts: ${SHORT_MONTHS} months against ${LONG_MONTHS} months)`,
  async run(log) {
    const short = await cachedDistrict(SHORT_MONTHS, log);
    const long = await cachedDistrict(LONG_MONTHS, log);
    const folder = mkdtempSync(join(tmpdir(), 'billing-office-bench-history-'));
    try {
      // Short first, then long, then short again: each step's short figure is the mean of the two
      // runs around the long one, so a machine that drifts over the minutes does not tilt the ratio.
      const shortBefore = await timeMonth(short, folder, `${SHORT_MONTHS}-months`, log);
      const longer = await timeMonth(long, folder, `${LONG_MONTHS}-months`, log);
      const shortAfter = await timeMonth(short, folder, `${SHORT_MONTHS}-months-again`, log);
      const rows: BenchRow[] = [];
      for (const step of Object.keys(longer)) {
        const shortValue = ((shortBefore[step] ?? 0) + (shortAfter[step] ?? 0)) / 2;
        const longValue = longer[step] as number;
        const isSize = step.startsWith('database size');
        const unit = isSize ? 'count' : 'ms';
        rows.push({ benchmark: 'history', measure: `${step}: ${SHORT_MONTHS} months`, value: shortValue, unit });
        rows.push({ benchmark: 'history', measure: `${step}: ${LONG_MONTHS} months`, value: longValue, unit });
        const isReference = step.startsWith('raw reference') || step.startsWith('full verify');
        rows.push({
          benchmark: 'history',
          measure: `${step}: ${LONG_MONTHS} ÷ ${SHORT_MONTHS} months`,
          value: longValue / shortValue,
          unit: 'count',
          ...(isReference || isSize ? {} : { targetBelow: FLAT_TARGET }),
        });
      }
      return rows;
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
