/**
 * Receivable aging as of a date (issue #16 item 2): under 1 s over 50,000 accounts with 13 months
 * of history, through the dispatcher as the app asks for it.
 *
 * The district (AGING_ACCOUNTS, default 50,000) is written straight into the tables
 * (tests/support/aging-ledger.ts, raw mode): 13 monthly bill runs (bill on the 12th, due 20 days
 * later), each account's bill split water/wastewater, rate classes 80% residential, 10%
 * multi-family, 8% commercial, 2% irrigation, and payments by habit — most pay in full within the
 * month, some a month late, some part of each bill, 3% stop paying (90+ days by the end), 2%
 * overpay (credit balances) — with a late fee for each late payment and a few voided payments.
 * Built once and cached in BENCH_CACHE_DIR (default .bench-cache/), keyed by the account count and
 * the newest migration.
 *
 * Timed: the report as of the last month's end (the month-end question), the drill-down into the
 * oldest bucket, and — for information — as of six months back (more later lines to subtract).
 * Beside them, in the same run: a raw reference on the same file (10,000 indexed balance lookups;
 * one full SUM over the receivable lines, what a naive as-of query would cost before any replay).
 *
 *   npm run bench -- aging            (AGING_ACCOUNTS=5000 for a quick run)
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OperationRequest } from '../../src-shared/contract';
import { fixedClock } from '../../src-main/core/clock';
import { initializeOffice } from '../../src-main/core/setup/initialize';
import { readKnownMigrations } from '../../src-main/core/storage/database';
import { resolveMigrationsFolder } from '../../src-main/core/storage/paths';
import { OfficeRuntime } from '../../src-main/operations/runtime';
import { AgingLedger, type TestRateClass } from '../support/aging-ledger';
import { median, type Bench, type BenchRow } from './harness';

const ACCOUNTS = Number(process.env.AGING_ACCOUNTS ?? 50_000);
const MONTHS = 13;
/** The first bill month; the last is 12 months later (2026-11), and the report is as of its end. */
const FIRST_MONTH = Date.UTC(2025, 10, 1);
const AS_OF = '2026-11-30';
const EARLIER_AS_OF = '2026-05-31';
const TARGET_MS = 1_000;
const SAMPLES = 5;
const PASSWORD = 'bench-password-1';
const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const CACHE_DIR = process.env.BENCH_CACHE_DIR ?? join(ROOT, '.bench-cache');

function lcg(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const plusDays = (day: string, days: number) => iso(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000);

type Habit = 'onTime' | 'late' | 'partial' | 'stopped' | 'overpays';
function habitOf(random: () => number): Habit {
  const roll = random();
  return roll < 0.85 ? 'onTime' : roll < 0.9 ? 'late' : roll < 0.95 ? 'partial' : roll < 0.98 ? 'stopped' : 'overpays';
}
function classOf(random: () => number): TestRateClass {
  const roll = random();
  return roll < 0.8 ? 'residential' : roll < 0.9 ? 'multi_family' : roll < 0.98 ? 'commercial' : 'irrigation';
}

async function buildDistrict(path: string, log: (line: string) => void): Promise<void> {
  const runtime = await OfficeRuntime.open({ databasePath: path, mode: 'test', clock: fixedClock('2025-10-01T17:00:00.000Z') });
  try {
    const db = runtime.database.sqlite;
    initializeOffice(db, '2025-10-01T17:00:00.000Z', { districtName: 'Aging Bench District', supervisor: { username: 'sofia', displayName: 'Bench Supervisor', password: PASSWORD } });
    const ledger = new AgingLedger(db, true);
    const random = lcg(1116);
    const accounts: { id: number; habit: Habit }[] = [];
    db.transaction(() => {
      for (let index = 0; index < ACCOUNTS; index += 1) accounts.push({ id: ledger.addAccount(`${String(index + 1).padStart(6, '0')}-01`, classOf(random)), habit: habitOf(random) });
    })();
    // What each account has not yet paid of earlier bills (a late payer pays last month's bill with this one).
    const owed = new Map<number, number>();
    for (let month = 0; month < MONTHS; month += 1) {
      const monthStart = new Date(FIRST_MONTH);
      monthStart.setUTCMonth(monthStart.getUTCMonth() + month);
      const billDate = `${iso(monthStart.getTime()).slice(0, 8)}12`;
      const dueDate = plusDays(billDate, 20);
      db.transaction(() => {
        const runId = ledger.addRun(billDate, dueDate);
        for (const account of accounts) {
          const water = 2_000 + Math.floor(random() * 8_000);
          const wastewater = 3_000 + Math.floor(random() * 3_000);
          ledger.addBill(runId, account.id, billDate, water, wastewater);
          const billCents = water + wastewater;
          const before = owed.get(account.id) ?? 0;
          const payDay = plusDays(billDate, 8 + Math.floor(random() * 12));
          if (account.habit === 'onTime') {
            const paymentId = ledger.addPayment(account.id, payDay, billCents + before);
            owed.set(account.id, 0);
            // A few payments are voided (a returned check) and paid again a week later.
            if (random() < 0.01) {
              ledger.reverse(paymentId, plusDays(payDay, 3));
              ledger.addPayment(account.id, plusDays(payDay, 7), billCents + before);
            }
          } else if (account.habit === 'late') {
            // Pays the previous bill with a late fee after its due date; this bill waits a month.
            if (before > 0) {
              ledger.addFee(account.id, plusDays(billDate, 1), 1_000);
              ledger.addPayment(account.id, payDay, before + 1_000);
            }
            owed.set(account.id, billCents);
          } else if (account.habit === 'partial') {
            const paidCents = Math.floor(billCents * 0.6);
            ledger.addPayment(account.id, payDay, paidCents);
            owed.set(account.id, before + billCents - paidCents);
          } else if (account.habit === 'stopped') {
            if (month < MONTHS - 5) ledger.addPayment(account.id, payDay, billCents + before);
            else {
              if (before > 0) ledger.addFee(account.id, plusDays(billDate, 1), 1_000);
              owed.set(account.id, before + billCents);
            }
          } else {
            ledger.addPayment(account.id, payDay, billCents + 2_500);
          }
        }
      })();
      log(`  month ${month + 1}/${MONTHS} written`);
    }
    ledger.settleBalances();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    runtime.close();
  }
}

async function cachedDistrict(log: (line: string) => void): Promise<string> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const schema = readKnownMigrations(resolveMigrationsFolder()).newestMillis;
  const path = join(CACHE_DIR, `aging-v2-${ACCOUNTS}-accounts-${MONTHS}-months-schema-${schema}.sqlite`);
  if (existsSync(path)) {
    log(`district from the cache: ${path} (${(statSync(path).size / 1e6).toFixed(0)} MB)`);
    return path;
  }
  const partial = `${path}.building`;
  for (const suffix of ['', '-wal', '-shm', '.lock']) rmSync(`${partial}${suffix}`, { force: true });
  log(`building the district (${ACCOUNTS.toLocaleString('en-US')} accounts, ${MONTHS} months), once: it is cached in ${CACHE_DIR}`);
  const started = performance.now();
  await buildDistrict(partial, log);
  renameSync(partial, path);
  rmSync(`${partial}.lock`, { force: true });
  log(`  built in ${((performance.now() - started) / 1000).toFixed(0)} s, ${(statSync(path).size / 1e6).toFixed(0)} MB`);
  return path;
}

async function timedMs(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export const bench: Bench = {
  name: 'aging',
  async run(log) {
    const template = await cachedDistrict(log);
    const folder = mkdtempSync(join(tmpdir(), 'billing-office-bench-aging-'));
    const path = join(folder, 'office.sqlite');
    copyFileSync(template, path);
    const runtime = await OfficeRuntime.open({ databasePath: path, mode: 'test', clock: fixedClock(`${AS_OF}T17:00:00.000Z`) });
    try {
      const db = runtime.database.sqlite;
      const login = await runtime.call({ op: 'session.login', input: { username: 'sofia', password: PASSWORD } });
      if (!login.ok) throw new Error(login.error.message);
      const token = (login.value as { token: string }).token;
      const call = async (input: Record<string, unknown>) => {
        const result = await runtime.call({ op: 'collections.aging', input, sessionToken: token } as OperationRequest);
        if (!result.ok) throw new Error(`collections.aging: ${result.error.message}`);
        return result.value as { openTotalCents: number; openAccountCount: number; creditTotalCents: number; accounts: unknown[] | null; control: { controlAccountCents: number }; computation: { accountsFromWindow: number; accountsFromFullHistory: number } };
      };
      // Raw reference, same file, same minute.
      const lookup = db.prepare('SELECT balance_cents FROM account_balances WHERE account_id = ?').pluck();
      const lookupMs = await timedMs(async () => {
        for (let n = 0; n < 10_000; n += 1) lookup.get(1 + (n % ACCOUNTS));
      });
      const scanMs = await timedMs(async () => db.prepare(`SELECT SUM(amount_cents) FROM journal_lines WHERE gl_code = '1100'`).pluck().get());
      const lineCount = db.prepare(`SELECT COUNT(*) FROM journal_lines WHERE gl_code = '1100'`).pluck().get() as number;

      await call({ asOf: AS_OF }); // warm the statement cache and the page cache, as a second look in the app would
      const monthEnd: number[] = [];
      let last = await call({ asOf: AS_OF });
      for (let sample = 0; sample < SAMPLES; sample += 1) monthEnd.push(await timedMs(async () => (last = await call({ asOf: AS_OF }))));
      log(`  as of ${AS_OF}: ${last.openAccountCount.toLocaleString('en-US')} accounts owing ${last.openTotalCents} cents, credits ${last.creditTotalCents}; control ${last.control.controlAccountCents}; replayed from the window ${last.computation.accountsFromWindow}, from the whole history ${last.computation.accountsFromFullHistory}`);
      const drill: number[] = [];
      let drilled = last;
      for (let sample = 0; sample < SAMPLES; sample += 1) drill.push(await timedMs(async () => (drilled = await call({ asOf: AS_OF, accountsIn: '91+' }))));
      log(`  drill-down into 91+: ${drilled.accounts?.length ?? 0} accounts`);
      const earlier: number[] = [];
      for (let sample = 0; sample < 3; sample += 1) earlier.push(await timedMs(async () => call({ asOf: EARLIER_AS_OF })));
      const rows: BenchRow[] = [
        { benchmark: 'aging', measure: `raw reference: 10,000 indexed balance lookups`, value: lookupMs, unit: 'ms' },
        { benchmark: 'aging', measure: `raw reference: one SUM over all ${lineCount.toLocaleString('en-US')} receivable lines`, value: scanMs, unit: 'ms' },
        { benchmark: 'aging', measure: `collections.aging as of ${AS_OF}, ${ACCOUNTS.toLocaleString('en-US')} accounts × ${MONTHS} months (median of ${SAMPLES})`, value: median(monthEnd), unit: 'ms', targetBelow: TARGET_MS },
        { benchmark: 'aging', measure: `… with the drill-down into 91+ (median of ${SAMPLES})`, value: median(drill), unit: 'ms', targetBelow: TARGET_MS },
        { benchmark: 'aging', measure: `… as of ${EARLIER_AS_OF} (six months of later lines to take off; median of 3)`, value: median(earlier), unit: 'ms' },
      ];
      return rows;
    } finally {
      runtime.close();
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
