/**
 * Receivable aging as of any date (issue #16 item 2), from the ledger alone.
 *
 * Each account's open items as of the date are what `accountOpenItems` (core/payments/open-items.ts)
 * gives on the ledger as it stood that day: its receivable lines dated up to then, a reversed entry
 * and its reversal left out together once the reversal is dated, payments applied by the district's
 * rule. Computed set-based, not by replaying 50,000 whole histories:
 *  1. one query reads every receivable line dated after (date − window): entries by date through
 *     the partial effective-date index, payments' entries through their business date;
 *  2. an account's balance as of the date = its running balance − its lines dated later; zero or
 *     less means nothing is open (a credit balance is −balance), no replay needed;
 *  3. an account that owes is replayed only from the last moment inside the window where it owed
 *     nothing (aging-replay.ts explains why that state is exact); an account that owed all through
 *     the window (long delinquent) is replayed from its whole history, one indexed query each.
 * Open items age by their due date; a bill's open amount is split over its services in proportion
 * to the bill's revenue lines (water 4000, wastewater 4100, private fire 4200, fees 4300; anything
 * else "other"), rounding down with the cents left to the largest share — so the split always adds
 * up to the item. The total is checked against GL 1100 as of the date (core/ledger glBalanceAsOf):
 * the operation refuses to answer if open items − credit balances differ from it.
 */
import {
  AGING_RATE_CLASSES, AGING_SERVICES, agingBuckets, bucketIndexOf, CREDIT_BUCKET_KEY,
  type AgingAccount, type AgingRateClass, type AgingReport, type AgingRow, type AgingService,
} from '../../../src-shared/contract/collections-aging';
import { displayName } from '../accounts/format';
import { assertInvariant, OfficeError } from '../errors';
import { GL } from '../ledger/chart';
import { glBalanceAsOf } from '../ledger/queries';
import { paymentApplicationRuleSetting } from '../payments/open-items';
import type { Sqlite } from '../storage/database';
import { perConnection } from '../storage/prepared';
import { agingBucketStarts } from './aging-settings';
import { compareReplayOrder, replayOpenItems, withoutReversedPairs, type ReceivableLine, type ReplayedItem } from './aging-replay';

/** How far back the set-based read looks; accounts that owed all through it are replayed whole. */
export const AGING_WINDOW_DAYS = 45;
const DAY_MS = 86_400_000;

interface AccountLine extends ReceivableLine {
  accountId: number;
}

// Entries dated after a day: the partial effective-date index for all but payments, whose entries
// are found by their payment's business date (= the entry's effective date; payments.take and the
// lockbox post both with the office's day). MATERIALIZED and CROSS JOIN keep SQLite from turning
// the payments half inside out (it would scan every journal line to look up its payment).
const LINE_COLUMNS = `l.account_id AS accountId, e.id AS entryId, e.kind, e.effective_date AS effectiveDate, e.posted_at AS postedAt,
   e.reverses_entry_id AS reversesEntryId, l.id AS lineId, l.amount_cents AS amountCents`;

const statements = perConnection((db: Sqlite) => ({
  recentLines: db.prepare<[string, string, string], AccountLine>(
    `WITH e AS MATERIALIZED (
       SELECT id, kind, effective_date, posted_at, reverses_entry_id FROM journal_entries WHERE effective_date > ? AND kind <> 'payment'
       UNION ALL
       SELECT x.id, x.kind, x.effective_date, x.posted_at, x.reverses_entry_id FROM payments p CROSS JOIN journal_entries x ON x.id = p.payment_uid WHERE p.business_date > ?)
     SELECT ${LINE_COLUMNS} FROM e CROSS JOIN journal_lines l ON l.entry_id = e.id WHERE l.gl_code = ?`,
  ),
  accountLines: db.prepare<[number, string, string], AccountLine>(
    `SELECT ${LINE_COLUMNS} FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
     WHERE l.account_id = ? AND l.gl_code = ? AND e.effective_date <= ?`,
  ),
  balances: db.prepare<[], { accountId: number; balanceCents: number }>('SELECT account_id AS accountId, balance_cents AS balanceCents FROM account_balances WHERE balance_cents <> 0'),
  rateClasses: db.prepare<[], { accountId: number; rateClass: string }>(
    `SELECT account_id AS accountId, COALESCE(MAX(CASE WHEN service = 'water' THEN rate_class END), MIN(rate_class)) AS rateClass
     FROM account_services GROUP BY account_id`,
  ),
  // A bill's due date: its run's, or for a rebill the run of the bill it replaces (as open-items.ts); null for any other entry.
  dueDate: db
    .prepare<[string], string | null>(
      `SELECT COALESCE(r.due_date, o.due_date) FROM bills b LEFT JOIN bill_runs r ON r.id = b.run_id
       LEFT JOIN bills ob ON ob.id = b.replaces_bill_id LEFT JOIN bill_runs o ON o.id = ob.run_id WHERE b.journal_entry_id = ?`,
    )
    .pluck(),
  entryLines: db.prepare<[string], { glCode: string; amountCents: number }>('SELECT gl_code AS glCode, amount_cents AS amountCents FROM journal_lines WHERE entry_id = ?'),
  accountName: db.prepare<[number], { accountNumber: string; kind: 'person' | 'business'; firstName: string; lastName: string; businessName: string }>(
    `SELECT a.account_number AS accountNumber, c.kind, c.first_name AS firstName, c.last_name AS lastName, c.business_name AS businessName
     FROM accounts a JOIN customers c ON c.id = a.customer_id WHERE a.id = ?`,
  ),
}));

/** One account's position as of the date. */
export interface AccountAging {
  accountId: number;
  balanceCents: number;
  items: ReplayedItem[];
  creditCents: number;
  fromFullHistory: boolean;
}

export interface AgingInput {
  asOf: string;
  rateClass?: AgingRateClass | undefined;
  service?: AgingService | undefined;
  accountsIn?: string | undefined;
}

const dayNumber = (isoDate: string) => Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
const isoOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * Every account's open items and credit as of `asOf` (accounts owing nothing and holding no credit
 * are left out). Each account's open items − credit equals its balance as of the date (asserted).
 */
export function accountsAgingAsOf(db: Sqlite, asOf: string, windowDays = AGING_WINDOW_DAYS): AccountAging[] {
  const rule = paymentApplicationRuleSetting(db);
  const windowStart = isoOfDay(dayNumber(asOf) - windowDays);
  const laterCents = new Map<number, number>();
  const windowLines = new Map<number, AccountLine[]>();
  for (const line of statements(db).recentLines.all(windowStart, windowStart, GL.accountsReceivable)) {
    if (line.effectiveDate > asOf) laterCents.set(line.accountId, (laterCents.get(line.accountId) ?? 0) + line.amountCents);
    else {
      const lines = windowLines.get(line.accountId);
      if (lines) lines.push(line);
      else windowLines.set(line.accountId, [line]);
    }
  }
  const nowCents = new Map<number, number>();
  for (const row of statements(db).balances.all()) nowCents.set(row.accountId, row.balanceCents);
  const accountIds = new Set([...nowCents.keys(), ...laterCents.keys()]);

  const result: AccountAging[] = [];
  for (const accountId of accountIds) {
    const balanceCents = (nowCents.get(accountId) ?? 0) - (laterCents.get(accountId) ?? 0);
    if (balanceCents === 0) continue;
    // Owing nothing means nothing open (aging-replay.ts): a credit balance needs no replay.
    if (balanceCents < 0) {
      result.push({ accountId, balanceCents, items: [], creditCents: -balanceCents, fromFullHistory: false });
      continue;
    }
    result.push(owingAccount(db, accountId, balanceCents, windowLines.get(accountId) ?? [], asOf, rule));
  }
  return result;
}

function owingAccount(db: Sqlite, accountId: number, balanceCents: number, window: AccountLine[], asOf: string, rule: ReturnType<typeof paymentApplicationRuleSetting>): AccountAging {
  const lines = withoutReversedPairs(window).sort(compareReplayOrder);
  // The balance just before the window, in the replay's terms (pairs straddling its start included).
  let runningCents = balanceCents - lines.reduce((sum, line) => sum + line.amountCents, 0);
  let restartAt = runningCents <= 0 ? 0 : -1;
  // `0 - 0` would be −0, which is not 0 to a deep equality: credits are taken as `0 - x` only when x < 0.
  let startCreditCents = runningCents < 0 ? -runningCents : 0;
  lines.forEach((line, index) => {
    runningCents += line.amountCents;
    if (runningCents <= 0) {
      restartAt = index + 1;
      startCreditCents = runningCents < 0 ? -runningCents : 0;
    }
  });
  let replayed: ReturnType<typeof replayOpenItems>;
  const fromFullHistory = restartAt < 0;
  if (fromFullHistory) {
    const history = withoutReversedPairs(statements(db).accountLines.all(accountId, GL.accountsReceivable, asOf)).sort(compareReplayOrder);
    replayed = replayOpenItems(history, 0, rule, dueDateOf(db));
  } else {
    replayed = replayOpenItems(lines.slice(restartAt), startCreditCents, rule, dueDateOf(db));
  }
  const openCents = replayed.items.reduce((sum, item) => sum + item.openCents, 0);
  assertInvariant(openCents - replayed.unappliedCents === balanceCents, `aging: open items of account ${accountId} (${openCents} − ${replayed.unappliedCents}) equal its balance ${balanceCents} as of ${asOf}`);
  return { accountId, balanceCents, items: replayed.items, creditCents: replayed.unappliedCents, fromFullHistory };
}

/** Read only when the replay needs it: most charges are paid before their due date matters. */
const dueDateOf = (db: Sqlite) => (entryId: string) => statements(db).dueDate.get(entryId) ?? null;

/** Service weights of an entry: what each service's revenue lines credited (never below zero). */
const SERVICE_OF_GL: Record<string, AgingService> = { [GL.waterRevenue]: 'water', [GL.wastewaterRevenue]: 'wastewater', [GL.fireServiceRevenue]: 'fire', [GL.feeRevenue]: 'fees' };

/** An open item's cents per service, in AGING_SERVICES order, adding up to the item exactly. */
export function splitByService(openCents: number, entryLines: readonly { glCode: string; amountCents: number }[]): number[] {
  const weights = AGING_SERVICES.map(() => 0);
  for (const line of entryLines) {
    if (line.glCode === GL.accountsReceivable) continue;
    const service = SERVICE_OF_GL[line.glCode] ?? 'other';
    weights[AGING_SERVICES.indexOf(service)]! -= line.amountCents;
  }
  const positive = weights.map((weight) => Math.max(0, weight));
  const totalWeight = positive.reduce((sum, weight) => sum + weight, 0);
  const shares = AGING_SERVICES.map(() => 0);
  if (totalWeight === 0) {
    shares[AGING_SERVICES.indexOf('other')] = openCents;
    return shares;
  }
  let largest = 0;
  positive.forEach((weight, index) => {
    // Exact integers: cents × cents stays far below 2^53 for any bill this office prints.
    shares[index] = Math.floor((openCents * weight) / totalWeight);
    if (weight > positive[largest]!) largest = index;
  });
  shares[largest]! += openCents - shares.reduce((sum, share) => sum + share, 0);
  return shares;
}

/** The aging report: buckets by class and service under the filters, credits, the control check, a drill-down. */
export function agingReport(db: Sqlite, input: AgingInput, nowMs: () => number = () => performance.now()): AgingReport {
  const startedMs = nowMs();
  const starts = agingBucketStarts(db);
  const buckets = agingBuckets(starts);
  const drillIndex = input.accountsIn === undefined || input.accountsIn === CREDIT_BUCKET_KEY ? -1 : buckets.findIndex((bucket) => bucket.key === input.accountsIn);
  if (input.accountsIn !== undefined && input.accountsIn !== CREDIT_BUCKET_KEY && drillIndex < 0) {
    throw new OfficeError('INVALID_INPUT', `accountsIn: "${input.accountsIn}" is not a bucket; use ${[...buckets.map((bucket) => bucket.key), CREDIT_BUCKET_KEY].join(', ')}`, 'accountsIn');
  }
  const accounts = accountsAgingAsOf(db, input.asOf);
  const classOf = new Map<number, AgingRateClass>();
  for (const row of statements(db).rateClasses.all()) classOf.set(row.accountId, (AGING_RATE_CLASSES as readonly string[]).includes(row.rateClass) ? (row.rateClass as AgingRateClass) : 'none');

  const asOfDay = dayNumber(input.asOf);
  const dueDays = new Map<string, number>();
  const daysPastDue = (dueDate: string) => {
    let day = dueDays.get(dueDate);
    if (day === undefined) dueDays.set(dueDate, (day = dayNumber(dueDate)));
    return asOfDay - day;
  };
  const cells = new Map<string, AgingRow>();
  const credits = new Map<AgingRateClass, { accountCount: number; creditCents: number }>();
  const drill: AgingAccount[] = [];
  let allOpenCents = 0;
  let allCreditCents = 0;
  let openAccountCount = 0;
  for (const account of accounts) {
    const rateClass = classOf.get(account.accountId) ?? 'none';
    const classShown = input.rateClass === undefined || input.rateClass === rateClass;
    allCreditCents += account.creditCents;
    if (account.creditCents > 0 && classShown) {
      const credit = credits.get(rateClass) ?? { accountCount: 0, creditCents: 0 };
      credit.accountCount += 1;
      credit.creditCents += account.creditCents;
      credits.set(rateClass, credit);
      if (input.accountsIn === CREDIT_BUCKET_KEY) drill.push(drillRow(account, rateClass, account.creditCents, 0));
    }
    let shownCents = 0;
    let drillCents = 0;
    let oldestDays = 0;
    for (const item of account.items) {
      allOpenCents += item.openCents;
      if (!classShown) continue;
      const days = daysPastDue(item.dueDate);
      const bucket = bucketIndexOf(starts, days);
      const shares = splitByService(item.openCents, statements(db).entryLines.all(item.entryId));
      shares.forEach((cents, serviceIndex) => {
        const service = AGING_SERVICES[serviceIndex]!;
        if (cents === 0 || (input.service !== undefined && input.service !== service)) return;
        const key = `${rateClass}|${service}`;
        let row = cells.get(key);
        if (!row) cells.set(key, (row = { rateClass, service, bucketCents: buckets.map(() => 0), totalCents: 0 }));
        row.bucketCents[bucket]! += cents;
        row.totalCents += cents;
        shownCents += cents;
        if (bucket === drillIndex) drillCents += cents;
        if (days > oldestDays) oldestDays = days;
      });
    }
    if (shownCents > 0) openAccountCount += 1;
    if (drillCents > 0) drill.push(drillRow(account, rateClass, drillCents, oldestDays));
  }

  const controlAccountCents = glBalanceAsOf(db, GL.accountsReceivable, input.asOf);
  const netCents = allOpenCents - allCreditCents;
  // The report's promise: its total is the books'. A difference is a broken ledger or a bug, never a user mistake.
  assertInvariant(netCents === controlAccountCents, `aging as of ${input.asOf}: open items ${allOpenCents} − credit balances ${allCreditCents} = ${netCents} differs from the receivable control account ${controlAccountCents}`);

  const rows = [...cells.values()].sort((a, b) => AGING_RATE_CLASSES.indexOf(a.rateClass) - AGING_RATE_CLASSES.indexOf(b.rateClass) || AGING_SERVICES.indexOf(a.service) - AGING_SERVICES.indexOf(b.service));
  const bucketTotalsCents = buckets.map((_, index) => rows.reduce((sum, row) => sum + row.bucketCents[index]!, 0));
  const creditRows = AGING_RATE_CLASSES.filter((rateClass) => credits.has(rateClass)).map((rateClass) => ({ rateClass, ...credits.get(rateClass)! }));
  const withNames = input.accountsIn === undefined ? null : named(db, drill.sort((a, b) => b.bucketCents - a.bucketCents || a.accountId - b.accountId));
  return {
    asOf: input.asOf,
    rule: paymentApplicationRuleSetting(db),
    buckets,
    filter: { rateClass: input.rateClass ?? null, service: input.service ?? null, accountsIn: input.accountsIn ?? null },
    rows,
    bucketTotalsCents,
    openTotalCents: bucketTotalsCents.reduce((sum, cents) => sum + cents, 0),
    openAccountCount,
    credits: creditRows,
    creditTotalCents: creditRows.reduce((sum, row) => sum + row.creditCents, 0),
    control: { glCode: GL.accountsReceivable, openItemsCents: allOpenCents, creditBalancesCents: allCreditCents, netCents, controlAccountCents, agrees: true },
    accounts: withNames,
    computation: {
      windowDays: AGING_WINDOW_DAYS,
      accountsFromWindow: accounts.filter((account) => !account.fromFullHistory).length,
      accountsFromFullHistory: accounts.filter((account) => account.fromFullHistory).length,
      elapsedMs: Math.round(nowMs() - startedMs),
    },
  };
}

function drillRow(account: AccountAging, rateClass: AgingRateClass, bucketCents: number, oldestDaysPastDue: number): AgingAccount {
  const openCents = account.items.reduce((sum, item) => sum + item.openCents, 0);
  return { accountId: account.accountId, accountNumber: '', name: '', rateClass, bucketCents, openCents, oldestDaysPastDue };
}

function named(db: Sqlite, rows: AgingAccount[]): AgingAccount[] {
  for (const row of rows) {
    const found = statements(db).accountName.get(row.accountId);
    if (found) {
      row.accountNumber = found.accountNumber;
      row.name = displayName(found);
    }
  }
  return rows;
}
