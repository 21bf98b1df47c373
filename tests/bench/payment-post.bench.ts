/**
 * Posting one payment the way the counter does: payments.take through the dispatcher (session,
 * validation, idempotency key, the payment, its tenders and account line, the journal entry, the
 * receipt read back, the audit record; one transaction, synchronous=FULL), 10,000 times over
 * 1,000 accounts with a mix of cash with change, checks, cards and split tenders; each call timed
 * alone after 200 untimed ones. Targets: median under 1 ms, p99 under 3 ms. Then a 500-item
 * lockbox CSV file imported through lockbox.import (parse, match, 500 payments posted, all or
 * nothing): under 1 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OperationRequest } from '../../src-shared/contract';
// The ids the counter's client makes (time-ordered UUIDs, src-shared/ids.ts), as it sends them.
import { newRequestId } from '../../src-shared/ids';
import { initializeOffice } from '../../src-main/core/setup/initialize';
import { createUser } from '../../src-main/core/users/users';
import { OfficeRuntime } from '../../src-main/operations/runtime';
import { insertBareAccounts } from '../support/fixtures';
import { median, percentile, type Bench, type BenchRow } from './harness';

const PAYMENTS = 10_000;
const WARM_UP = 200;
const ACCOUNTS = 1_000;
const LOCKBOX_ITEMS = 500;
const PASSWORD = 'bench-password-1';

async function loginAs(runtime: OfficeRuntime, username: string): Promise<string> {
  const login = await runtime.call({ op: 'session.login', input: { username, password: PASSWORD } });
  if (!login.ok) throw new Error(login.error.message);
  return (login.value as { token: string }).token;
}

async function mustCall(runtime: OfficeRuntime, request: OperationRequest): Promise<unknown> {
  const result = await runtime.call(request);
  if (!result.ok) throw new Error(`${request.op}: ${result.error.message}`);
  return result.value;
}

/** The n-th payment's tenders: cash with change, a check, a card, or cash and check. */
function paymentInput(n: number, accountId: number) {
  const amountCents = 2_000 + ((n * 7_919) % 30_000);
  const kind = n % 4;
  const tenders =
    kind === 0
      ? [{ kind: 'cash', amountCents: Math.ceil(amountCents / 2_000) * 2_000 }]
      : kind === 1
        ? [{ kind: 'check', amountCents, checkNumber: String(1_000 + n), bank: 'Valley Bank' }]
        : kind === 2
          ? [{ kind: 'card', amountCents, lastFour: '1111', authorizationCode: 'A1B2' }]
          : [{ kind: 'check', amountCents: amountCents - 1_000, checkNumber: String(1_000 + n), bank: 'First Bank' }, { kind: 'cash', amountCents: 2_000 }];
  return { paymentId: newRequestId(), accounts: [{ accountId, amountCents }], tenders };
}

function lockboxFile(accountNumbers: readonly string[]): string {
  const lines = ['Account_Number,Amount,Check_Number,Deposit_Date'];
  let totalCents = 0;
  for (let index = 0; index < LOCKBOX_ITEMS; index += 1) {
    const cents = 1_000 + ((index * 3_571) % 40_000);
    totalCents += cents;
    lines.push(`${accountNumbers[index % accountNumbers.length]},${(cents / 100).toFixed(2)},${5_000 + index},2026-11-02`);
  }
  lines.push(`TRAILER,${LOCKBOX_ITEMS},${(totalCents / 100).toFixed(2)}`, '');
  return lines.join('\n');
}

export const bench: Bench = {
  name: 'Posting a payment (payments.take through the dispatcher) and a 500-item lockbox import',
  async run(log) {
    const folder = mkdtempSync(join(tmpdir(), 'billing-office-bench-payments-'));
    const runtime = await OfficeRuntime.open({ databasePath: join(folder, 'office.sqlite'), mode: 'test' });
    try {
      const db = runtime.database.sqlite;
      const now = new Date().toISOString();
      initializeOffice(db, now, { districtName: 'Bench Water District', supervisor: { username: 'sofia', displayName: 'Bench Supervisor', password: PASSWORD } });
      createUser(db, now, { username: 'carla', displayName: 'Bench Clerk', role: 'clerk', password: PASSWORD });
      createUser(db, now, { username: 'tomas', displayName: 'Bench Technician', role: 'technician', password: PASSWORD });
      const accountIds = insertBareAccounts(db, ACCOUNTS);
      const accountNumbers = db.prepare('SELECT account_number FROM accounts ORDER BY id').pluck().all() as string[];
      const clerk = await loginAs(runtime, 'carla');
      await mustCall(runtime, { op: 'drawer.open', input: { workstation: 'Bench', floatCounts: { bill_20: 10 } }, sessionToken: clerk, idempotencyKey: newRequestId() });
      log(`synchronous = ${String(db.pragma('synchronous', { simple: true }))} (2 = FULL), journal_mode = ${String(db.pragma('journal_mode', { simple: true }))}`);

      const samples: number[] = [];
      for (let n = 0; n < WARM_UP + PAYMENTS; n += 1) {
        const request: OperationRequest = { op: 'payments.take', input: paymentInput(n, accountIds[n % ACCOUNTS] as number), sessionToken: clerk, idempotencyKey: newRequestId() };
        const started = performance.now();
        await mustCall(runtime, request);
        const elapsed = performance.now() - started;
        if (n >= WARM_UP) samples.push(elapsed);
      }
      const postedCount = db.prepare('SELECT COUNT(*) FROM payments').pluck().get() as number;
      log(`${postedCount.toLocaleString('en-US')} payments posted; median ${median(samples).toFixed(3)} ms, p99 ${percentile(samples, 99).toFixed(3)} ms, max ${Math.max(...samples).toFixed(1)} ms`);

      // The floor under any FULL commit on this disk: one small row in its own transaction.
      db.exec('CREATE TABLE IF NOT EXISTS bench_commit_probe (id INTEGER PRIMARY KEY, v TEXT)');
      const probe = db.prepare('INSERT INTO bench_commit_probe (v) VALUES (?)');
      const commitSamples: number[] = [];
      for (let n = 0; n < 2_000; n += 1) {
        const commitStarted = performance.now();
        db.transaction(() => probe.run('x'.repeat(200)))();
        commitSamples.push(performance.now() - commitStarted);
      }
      log(`a bare one-row commit with synchronous=FULL: median ${median(commitSamples).toFixed(3)} ms, p99 ${percentile(commitSamples, 99).toFixed(3)} ms (the disk's fsync)`);
      // The same work without waiting for the disk: what the code itself costs.
      db.pragma('synchronous = OFF');
      const cpuSamples: number[] = [];
      for (let n = 0; n < 2_000; n += 1) {
        const request: OperationRequest = { op: 'payments.take', input: paymentInput(n, accountIds[n % ACCOUNTS] as number), sessionToken: clerk, idempotencyKey: newRequestId() };
        const cpuStarted = performance.now();
        await mustCall(runtime, request);
        cpuSamples.push(performance.now() - cpuStarted);
      }
      db.pragma('synchronous = FULL');
      log(`payments.take with synchronous=OFF (no fsync): median ${median(cpuSamples).toFixed(3)} ms, p99 ${percentile(cpuSamples, 99).toFixed(3)} ms`);

      const technician = await loginAs(runtime, 'tomas');
      const content = Buffer.from(lockboxFile(accountNumbers)).toString('base64');
      const started = performance.now();
      const imported = (await mustCall(runtime, { op: 'lockbox.import', input: { format: 'lockbox-csv', fileName: 'bench.csv', contentBase64: content }, sessionToken: technician, idempotencyKey: newRequestId() })) as { itemCount: number };
      const lockboxMs = performance.now() - started;
      log(`lockbox: ${imported.itemCount} items imported in ${lockboxMs.toFixed(1)} ms`);

      const rows: BenchRow[] = [
        { benchmark: 'payment-post', measure: `payments.take median (${PAYMENTS.toLocaleString('en-US')})`, value: median(samples), unit: 'ms', targetBelow: 1 },
        { benchmark: 'payment-post', measure: 'payments.take p99', value: percentile(samples, 99), unit: 'ms', targetBelow: 3 },
        { benchmark: 'payment-post', measure: `lockbox.import ${LOCKBOX_ITEMS} items`, value: lockboxMs / 1000, unit: 's', targetBelow: 1 },
        { benchmark: 'payment-post', measure: 'bare FULL commit median (fsync floor)', value: median(commitSamples), unit: 'ms' },
        { benchmark: 'payment-post', measure: 'payments.take median, synchronous=OFF', value: median(cpuSamples), unit: 'ms' },
        { benchmark: 'payment-post', measure: 'payments.take p99, synchronous=OFF', value: percentile(cpuSamples, 99), unit: 'ms' },
      ];
      return rows;
    } finally {
      runtime.close();
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
