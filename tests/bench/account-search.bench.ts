/**
 * Account search at district scale: a 100,000-account demo district, then a few hundred
 * searches of the kinds a counter clerk types — surname prefixes, surname and first name,
 * streets, account numbers, meter serials, phones in several formats, business names — each
 * timed alone through searchAccounts (the same function the accounts.search operation calls).
 * Target: median under 5 ms overall and for each kind.
 */
import { searchAccounts } from '../../src-main/core/accounts';
import { createDemoDistrict } from '../../src-main/core/demo';
import { Random } from '../../src-main/core/demo/random';
import type { Sqlite } from '../../src-main/core/storage/database';
import { median, percentile, tempOffice, timeMs, type Bench, type BenchRow } from './harness';

const ACCOUNTS = 100_000;
const QUERIES_PER_KIND = 40;
const RESULT_LIMIT = 25;
const TARGET_MEDIAN_MS = 5;
const NOW = '2026-11-02T17:00:00.000Z';

interface SampleAccount {
  accountNumber: string;
  kind: 'person' | 'business';
  firstName: string;
  lastName: string;
  businessName: string;
  primaryPhone: string;
  street: string;
  serial: string;
}

type QueryKind = 'surname prefix' | 'surname + first name' | 'street' | 'account number' | 'meter serial' | 'phone' | 'business name';

/** Turns an account into what a clerk would type to find it, one query per kind. */
const QUERY_MAKERS: Record<QueryKind, (account: SampleAccount, random: Random) => string | null> = {
  'surname prefix': (account, random) =>
    account.kind === 'person' ? account.lastName.slice(0, Math.min(account.lastName.length, random.int(4, 6))) : null,
  'surname + first name': (account, random) =>
    account.kind === 'person' ? `${account.lastName} ${account.firstName.slice(0, random.int(1, 3))}` : null,
  street: (account, random) => {
    const [houseNumber, ...words] = account.street.split(' ');
    const name = words.find((word) => word.length > 1 && !/^[NSEW]$/.test(word)) ?? words[0] ?? '';
    return random.chance(0.5) ? name : `${houseNumber} ${name.slice(0, 4)}`;
  },
  'account number': (account) => account.accountNumber,
  'meter serial': (account) => account.serial,
  phone: (account, random) => {
    if (account.primaryPhone === '') return null;
    const digits = account.primaryPhone.replace(/\D/g, '');
    const local = `${digits.slice(3, 6)}-${digits.slice(6)}`;
    return random.pick([local, digits.slice(3), account.primaryPhone, digits]);
  },
  'business name': (account, random) =>
    account.kind === 'business' ? account.businessName.split(' ').slice(0, random.int(1, 2)).join(' ').toLowerCase() : null,
};

export function sampleAccounts(db: Sqlite): SampleAccount[] {
  return db
    .prepare(
      `SELECT a.account_number AS accountNumber, c.kind, c.first_name AS firstName, c.last_name AS lastName,
              c.business_name AS businessName, c.primary_phone AS primaryPhone, l.street,
              (SELECT serial FROM meters m WHERE m.location_id = a.location_id) AS serial
       FROM accounts a JOIN customers c ON c.id = a.customer_id JOIN service_locations l ON l.id = a.location_id
       WHERE a.id % 97 = 0`,
    )
    .all() as SampleAccount[];
}

export function buildQueries(accounts: readonly SampleAccount[]): { kind: QueryKind; query: string }[] {
  const random = new Random(42, 0);
  const queries: { kind: QueryKind; query: string }[] = [];
  for (const kind of Object.keys(QUERY_MAKERS) as QueryKind[]) {
    let made = 0;
    for (const account of random.shuffle(accounts)) {
      const query = QUERY_MAKERS[kind](account, random);
      if (query === null) continue;
      queries.push({ kind, query });
      made += 1;
      if (made === QUERIES_PER_KIND) break;
    }
  }
  return queries;
}

function summaryRows(label: string, samplesMs: readonly number[], withTarget: boolean): BenchRow[] {
  const row = (measure: string, value: number, targetBelow?: number): BenchRow => ({
    benchmark: 'account-search',
    measure: `${label}: ${measure}`,
    value,
    unit: 'ms',
    ...(targetBelow === undefined ? {} : { targetBelow }),
  });
  return [
    row('median', median(samplesMs), withTarget ? TARGET_MEDIAN_MS : undefined),
    row('p95', percentile(samplesMs, 95)),
    row('p99', percentile(samplesMs, 99)),
  ];
}

export const bench: Bench = {
  name: 'account-search',
  async run(log) {
    const office = await tempOffice('search');
    try {
      const db = office.database.sqlite;
      const creationMs = timeMs(() => createDemoDistrict(db, { accountCount: ACCOUNTS, seed: 2026, nowIso: NOW }));
      log(`created a ${ACCOUNTS.toLocaleString('en-US')}-account demo in ${(creationMs / 1000).toFixed(1)} s`);
      const queries = buildQueries(sampleAccounts(db));
      // One untimed pass: statements prepared, pages in the cache, as in an office open all day.
      for (const { query } of queries) searchAccounts(db, query, RESULT_LIMIT, true);
      const timings = queries.map(({ kind, query }) => {
        let hits = 0;
        const elapsedMs = timeMs(() => {
          hits = searchAccounts(db, query, RESULT_LIMIT, true).length;
        });
        return { kind, query, elapsedMs, hits };
      });
      const slowest = [...timings].sort((a, b) => b.elapsedMs - a.elapsedMs).slice(0, 5);
      log(`${timings.length} searches; slowest: ${slowest.map((t) => `"${t.query}" ${t.elapsedMs.toFixed(1)} ms (${t.hits} hits)`).join(', ')}`);
      const rows = summaryRows(`all ${timings.length} searches`, timings.map((t) => t.elapsedMs), true);
      for (const kind of Object.keys(QUERY_MAKERS) as QueryKind[]) {
        const samples = timings.filter((t) => t.kind === kind).map((t) => t.elapsedMs);
        rows.push(...summaryRows(kind, samples, true).filter((row) => row.measure.endsWith('median') || row.measure.endsWith('p95')));
      }
      return rows;
    } finally {
      office.dispose();
    }
  },
};
