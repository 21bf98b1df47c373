/**
 * Do the account-first indexes make a bill run slower as history grows (issue #14)? On each
 * history district (history.bench.ts: 13 months and five years, the same cache), a copy of
 * journal_lines' and bills' keys goes into a probe table, and one run's worth of rows — one per
 * account, as a post or a draft writes them — is inserted in one commit (median of 5) into:
 * - the key as the database indexes it today: `journal_lines_account_amount` (account, id,
 *   amount); `bills_account` (account, to_date);
 * - the same keys month first (period, account): the remedy migration 0015 applied to meter_reads;
 * - no index at all: the reference, measured in the same run on the same file.
 * An account-first index takes one new entry on every account's leaf page per run, so its cost
 * grows with the number of pages the accounts' entries fill; month first appends at the end.
 *
 *   HISTORY_ACCOUNTS=2000 npm run bench -- account-indexes
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, type Bench, type BenchRow } from './harness';
import { ACCOUNTS, LONG_MONTHS, SHORT_MONTHS, cachedDistrict } from './history.bench';

const ROUNDS = 5;

interface Layout {
  name: string;
  /** The probe table's rows, from the district. */
  fill: string;
  index: string | null;
}

const LINES = `SELECT l.account_id, l.id, l.amount_cents, substr(e.effective_date, 1, 7) AS period
               FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id WHERE l.account_id IS NOT NULL`;
const BILLS = `SELECT account_id, id, to_date, period FROM bills`;

const LAYOUTS: Layout[] = [
  { name: 'journal lines, account first (today)', fill: LINES, index: 'CREATE INDEX probe_key ON probe (account_id, id, amount_cents)' },
  { name: 'journal lines, month first', fill: LINES, index: 'CREATE INDEX probe_key ON probe (period, account_id, amount_cents)' },
  { name: 'journal lines, no index (reference)', fill: LINES, index: null },
  { name: 'bills, account first (today)', fill: BILLS, index: 'CREATE INDEX probe_key ON probe (account_id, to_date)' },
  { name: 'bills, month first', fill: BILLS, index: 'CREATE INDEX probe_key ON probe (period, account_id)' },
];

/** Median ms to insert one row per account in one commit, for each layout, on a copy of `template`. */
function timeLayouts(template: string, folder: string, label: string): Record<string, number> {
  const path = join(folder, `${label}.sqlite`);
  copyFileSync(template, path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  try {
    const accounts = db.prepare('SELECT id FROM accounts ORDER BY id').pluck().all() as number[];
    const out: Record<string, number> = {};
    for (const layout of LAYOUTS) {
      db.exec('DROP TABLE IF EXISTS probe');
      const columns = layout.fill === LINES ? 'account_id INTEGER, id INTEGER PRIMARY KEY, amount_cents INTEGER, period TEXT' : 'account_id INTEGER, id INTEGER PRIMARY KEY, to_date TEXT, period TEXT';
      db.exec(`CREATE TABLE probe (${columns}); INSERT INTO probe ${layout.fill}`);
      if (layout.index) db.exec(layout.index);
      db.pragma('wal_checkpoint(TRUNCATE)');
      const third = layout.fill === LINES ? 'amount_cents' : 'to_date';
      const insert = db.prepare(`INSERT INTO probe (account_id, ${third}, period) VALUES (?, ?, ?)`);
      const samples: number[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        const period = `2027-0${round + 1}`;
        const started = performance.now();
        db.transaction(() => {
          for (const accountId of accounts) insert.run(accountId, layout.fill === LINES ? 4_321 : `${period}-09`, period);
        })();
        samples.push(performance.now() - started);
        db.pragma('wal_checkpoint(TRUNCATE)');
      }
      out[layout.name] = median(samples);
    }
    return out;
  } finally {
    db.close();
  }
}

export const bench: Bench = {
  name: `history indexes (${ACCOUNTS.toLocaleString('en-US')} accounts: one run's rows into account-first and month-first keys)`,
  async run(log) {
    const short = await cachedDistrict(SHORT_MONTHS, log);
    const long = await cachedDistrict(LONG_MONTHS, log);
    const folder = mkdtempSync(join(tmpdir(), 'billing-office-bench-account-indexes-'));
    try {
      const shortTimes = timeLayouts(short, folder, 'short');
      const longTimes = timeLayouts(long, folder, 'long');
      const rows: BenchRow[] = [];
      for (const layout of LAYOUTS) {
        const [s, l] = [shortTimes[layout.name]!, longTimes[layout.name]!];
        rows.push({ benchmark: 'account-indexes', measure: `${layout.name}: ${SHORT_MONTHS} months`, value: s, unit: 'ms' });
        rows.push({ benchmark: 'account-indexes', measure: `${layout.name}: ${LONG_MONTHS} months`, value: l, unit: 'ms' });
        rows.push({ benchmark: 'account-indexes', measure: `${layout.name}: ${LONG_MONTHS} ÷ ${SHORT_MONTHS} months`, value: l / s, unit: 'count' });
      }
      return rows;
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
