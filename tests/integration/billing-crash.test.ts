/**
 * A crash in the middle of posting a bill run (SIGKILL while the post's one transaction is open):
 * after reopening, either the whole run is posted — every bill with its entry — or nothing is,
 * and the books verify. Then posting again completes it exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { approveRun, createRun } from '../../src-main/core/billing/runs';
import { verifyBooks } from '../../src-main/core/ledger/verify';
import { closeDatabase, openDatabase } from '../../src-main/core/storage/database';
import { OfficeRuntime } from '../../src-main/operations/runtime';
import { buildDistrict } from '../bench/bill-run.bench';
import { runChild } from '../support/child';

const ACCOUNTS = 4_000;
const NOW = '2026-11-12T17:00:00.000Z';
const folder = mkdtempSync(join(tmpdir(), 'billing-office-bill-crash-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Runs the poster and kills it `delayMs` after it says "posting"; resolves whether it had finished. */
async function postAndKill(databasePath: string, runId: number, delayMs: number): Promise<boolean> {
  let finished = false;
  await runChild('tests/support/crash-poster.ts', [databasePath, String(runId), 'tech', 'bench-password'], (line, kill) => {
    if (line === 'posting') setTimeout(kill, delayMs);
    if (line === 'posted') finished = true;
  });
  return finished;
}

describe('a crash while a bill run posts', () => {
  it('leaves the run wholly posted or not at all, and a second post completes it once', async () => {
    const databasePath = join(folder, 'office.sqlite');
    const userId = await buildDistrict(databasePath, ACCOUNTS);
    const database = await openDatabase(databasePath);
    const runId = database.sqlite.transaction(() => createRun(database.sqlite, { userId, nowIso: NOW }, { cycle: 1, period: '2026-11', billDate: '2026-11-12', dueDate: '2026-12-02' }))();
    const boss = database.sqlite.prepare("SELECT id FROM users WHERE username = 'boss'").pluck().get() as number;
    database.sqlite.transaction(() => approveRun(database.sqlite, { userId: boss, nowIso: NOW }, runId, 'crash test', 0))();
    closeDatabase(database);

    const finished = await postAndKill(databasePath, runId, 120);
    const after = await openDatabase(databasePath);
    const db = after.sqlite;
    const status = db.prepare('SELECT status FROM bill_runs WHERE id = ?').pluck().get(runId);
    const postedBills = db.prepare("SELECT count(*) FROM bills WHERE status = 'posted'").pluck().get() as number;
    const entries = db.prepare("SELECT count(*) FROM journal_entries WHERE kind = 'bill'").pluck().get() as number;
    if (finished) expect([status, postedBills, entries]).toEqual(['posted', ACCOUNTS, ACCOUNTS]);
    else expect([status, postedBills, entries]).toEqual(['approved', 0, 0]);
    expect(verifyBooks(db, NOW).checks.filter((check) => !check.ok)).toEqual([]);
    closeDatabase(after);

    // Posting again (as an operator would after the crash) completes the run exactly once.
    const runtime = await OfficeRuntime.open({ databasePath, mode: 'test' });
    try {
      const login = await runtime.call({ op: 'session.login', input: { username: 'tech', password: 'bench-password' } });
      if (!login.ok) throw new Error(login.error.message);
      const sessionToken = (login.value as { token: string }).token;
      const again = await runtime.call({ op: 'billing.post', input: { runId }, sessionToken, idempotencyKey: 'a0e5c1d2-3b4f-4a6e-9c7d-8e9f0a1b2c3d' });
      expect(again.ok).toBe(true);
      const sqlite = runtime.database.sqlite;
      expect(sqlite.prepare("SELECT count(*) FROM journal_entries WHERE kind = 'bill'").pluck().get()).toBe(ACCOUNTS);
      expect(sqlite.prepare("SELECT sum(amount_cents) FROM journal_lines WHERE gl_code = '1100'").pluck().get()).toBe(
        sqlite.prepare("SELECT sum(total_cents) FROM bills WHERE status = 'posted'").pluck().get(),
      );
    } finally {
      runtime.close();
    }
  }, 180_000);
});
