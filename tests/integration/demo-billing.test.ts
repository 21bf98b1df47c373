/**
 * The demo district bills cleanly (issue #14 item 4): each cycle's run for its newest read month
 * drafts with no account blocked. A 50,000-account demo had 43 blocked in cycle 2 and 74 in
 * cycle 3: previous occupants closed in the period had no read in it, new occupants had no
 * earlier read of their own ("No earlier read to measure the period from"), and new commercial
 * tenants (wastewater on the winter average) had no winter read ("…needs the winter average
 * use"). The demo now reads the meter at every move and dates a commercial move before the last
 * winter read (core/demo/moves.ts). The demo plants no blocked account; should one be planted, its
 * account carries a bill hold or contact note saying so, and this test lets it through only then.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRun } from '../../src-main/core/billing/runs';
import { createDemoDistrict } from '../../src-main/core/demo';
import { closeDatabase, openDatabase, type Sqlite } from '../../src-main/core/storage/database';

interface CycleOutcome {
  cycle: number;
  period: string;
  billed: number;
  blocked: { accountId: number; reason: string }[];
  closedBilled: number;
  movedInBilled: number;
}

/** The newest read month of each cycle: the run an office would draft now. */
function currentPeriods(db: Sqlite): { cycle: number; period: string; lastRead: string }[] {
  return db
    .prepare<[], { cycle: number; period: string; lastRead: string }>(
      `SELECT l.cycle, substr(max(r.read_date), 1, 7) AS period, max(r.read_date) AS lastRead
       FROM meter_reads r JOIN meters m ON m.id = r.meter_id JOIN service_locations l ON l.id = m.location_id GROUP BY l.cycle ORDER BY l.cycle`,
    )
    .all();
}

/** A blocked account the demo planted on purpose says so in a bill hold or a contact note. */
function plantedNote(db: Sqlite, accountId: number): boolean {
  return (db.prepare(`SELECT count(*) FROM contacts WHERE account_id = ? AND notes LIKE '%planted%'`).pluck().get(accountId) as number) > 0;
}

function draftEveryCycle(db: Sqlite, userId: number, nowIso: string): CycleOutcome[] {
  return currentPeriods(db).map(({ cycle, period, lastRead }) => {
    const runId = db.transaction(() => createRun(db, { userId, nowIso }, { cycle, period, billDate: lastRead, dueDate: `${period}-28` }))();
    const count = (sql: string) => db.prepare(sql).pluck().get(runId) as number;
    return {
      cycle,
      period,
      billed: count(`SELECT count(*) FROM bill_run_accounts WHERE run_id = ? AND disposition = 'billed'`),
      blocked: db.prepare<[number], { accountId: number; reason: string }>(`SELECT account_id AS accountId, reason FROM bill_run_accounts WHERE run_id = ? AND disposition = 'blocked'`).all(runId),
      closedBilled: count(`SELECT count(*) FROM bills b JOIN accounts a ON a.id = b.account_id WHERE b.run_id = ? AND a.status = 'closed'`),
      movedInBilled: count(
        `SELECT count(*) FROM bills WHERE run_id = ? AND account_id IN (SELECT account_id FROM meter_reads WHERE source = 'start')`,
      ),
    };
  });
}

async function withDemo<T>(accountCount: number, nowIso: string, work: (db: Sqlite, userId: number) => T): Promise<T> {
  const folder = mkdtempSync(join(tmpdir(), 'billing-office-demo-billing-'));
  const database = await openDatabase(join(folder, 'office.sqlite'));
  try {
    createDemoDistrict(database.sqlite, { accountCount, seed: 2026, nowIso });
    const userId = database.sqlite.prepare(`SELECT id FROM users WHERE username = 'tech'`).pluck().get() as number;
    return work(database.sqlite, userId);
  } finally {
    closeDatabase(database);
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('the demo district bills cleanly', () => {
  it('a 5,000-account demo drafts every cycle with no account blocked, moves and new commercial tenants included', async () => {
    const NOW = '2026-12-08T17:00:00.000Z';
    const { result: outcomes, active } = await withDemo(5_000, NOW, (db, userId) => {
      const result = draftEveryCycle(db, userId, NOW);
      const unplanned = result.flatMap((outcome) => outcome.blocked.filter((entry) => !plantedNote(db, entry.accountId)).map((entry) => `cycle ${outcome.cycle}: account ${entry.accountId}: ${entry.reason}`));
      expect(unplanned).toEqual([]);
      const active = db.prepare(`SELECT count(*) FROM accounts WHERE status = 'active'`).pluck().get() as number;
      return { result, active };
    });
    expect(outcomes.map((outcome) => outcome.cycle)).toEqual([1, 2, 3, 4]);
    const total = (pick: (outcome: CycleOutcome) => number) => outcomes.reduce((sum, outcome) => sum + pick(outcome), 0);
    // Every active account is billed (and previous occupants closed in the period), and the cases
    // that used to block really are billed.
    expect(total((outcome) => outcome.billed)).toBeGreaterThanOrEqual(active);
    expect(total((outcome) => outcome.closedBilled)).toBe(total((outcome) => outcome.billed) - active);
    // Occupants who moved in within the demo's year are billed from their start read or after it.
    expect(total((outcome) => outcome.movedInBilled)).toBeGreaterThan(20);
    // The demo's year of posted runs (history.ts) comes first: 5,000 accounts take a while to make.
  }, 600_000);

  it('also in spring, when the newest reads are the first after the winter', async () => {
    const NOW = '2027-04-20T17:00:00.000Z';
    await withDemo(2_000, NOW, (db, userId) => {
      const blocked = draftEveryCycle(db, userId, NOW).flatMap((outcome) => outcome.blocked.map((entry) => `cycle ${outcome.cycle}: ${entry.reason}`));
      expect(blocked).toEqual([]);
    });
  }, 120_000);
});
