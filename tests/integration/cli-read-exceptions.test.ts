/**
 * A CLI-only office releases accounts blocked by abnormal reads and bills them (issue #15 item 6):
 * `reads flag-unread`, `reads exception`, `reads resolve`, `reads bulk-accept`, `reads courtesy-call`,
 * `reads work-order`, `work-orders list|done`, `billing charge-fee` and `audit list|show` on a demo
 * district through the real command, with --json and the documented exit codes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDetail, AuditRow, BillRunReview, CycleSummary, FeeCharge, ReadExceptionDetail, ReadExceptionRow } from '../../src-shared/contract';
import { expectExit, runCli, type CliRun as Run } from '../support/cli';

const tech = { BILLING_OFFICE_USER: 'tech', BILLING_OFFICE_PASSWORD: 'demo-password' };
const clerk = { BILLING_OFFICE_USER: 'clerk', BILLING_OFFICE_PASSWORD: 'demo-password' };
const boss = { BILLING_OFFICE_USER: 'super', BILLING_OFFICE_PASSWORD: 'demo-password' };
let CYCLE: string[] = [];

let folder: string;
let db: string;
const cli = (args: string[], env: Record<string, string> = {}): Promise<Run> => runCli(folder, ['--db', db, ...args], env);
function json<T>(run: Run): T {
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { ok: boolean; value: T }).value;
}

const pad = (value: number) => String(value).padStart(2, '0');
const now = new Date();
const TODAY = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
const DUE = (() => {
  const due = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 20);
  return `${due.getFullYear()}-${pad(due.getMonth() + 1)}-${pad(due.getDate())}`;
})();
const nextMonth = (period: string) => {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01` : `${year}-${pad(month + 1)}`;
};
const BADGER_UNITS: Record<string, string> = { HCF: 'CCF', CF: 'CF', GAL: 'GAL', KGAL: 'KGAL' };

/**
 * The demo is built around today, so the cycle to read is the first with no read yet this month
 * or next; its route export says each meter's prior reading and expected range. The file reads
 * each meter in the middle of its range, except one far above it and two at their prior reading
 * (zero use): three accounts the bill run will block.
 */
async function importAbnormalReads(): Promise<void> {
  let target: CycleSummary | undefined;
  let period = TODAY.slice(0, 7);
  for (let tries = 0; tries < 2 && !target; tries += 1, period = nextMonth(period)) {
    const cycles = json<{ cycles: CycleSummary[] }>(await cli(['--json', 'reads', 'cycles', '--period', period], tech)).cycles;
    target = cycles.find((cycle) => cycle.activeMeters > 5 && cycle.readMeters === 0);
    if (target) CYCLE = ['--cycle', String(target.cycle), '--period', period];
  }
  expect(target).toBeDefined();
  const routeFile = join(folder, 'route.csv');
  expectExit(await cli(['reads', 'route-export', ...CYCLE, '--out', routeFile], tech), 0);
  const [header = '', ...lines] = readFileSync(routeFile, 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '');
  const names = header.split(',');
  // Route rows of the demo hold no quoted commas in these columns except Customer and Service_Address; read by name from the right.
  const field = (line: string, name: string) => {
    const cells = line.split(',');
    const fromEnd = names.length - names.indexOf(name);
    return names.indexOf(name) < 3 ? (cells[names.indexOf(name)] ?? '') : (cells[cells.length - fromEnd] ?? '');
  };
  const reads = lines
    .filter((line) => field(line, 'Prior_Reading') !== '' && Number(field(line, 'Expected_High_Reading')) > Number(field(line, 'Expected_Low_Reading')))
    .map((line, index) => {
      const prior = Number(field(line, 'Prior_Reading'));
      const [low, high] = [Number(field(line, 'Expected_Low_Reading')), Number(field(line, 'Expected_High_Reading'))];
      const capacity = 10 ** Number(field(line, 'Dials'));
      const reading = index === 0 ? prior + Math.max((high - prior) * 6, 50) : index <= 2 ? prior : Math.round((low + high) / 2);
      return [field(line, 'Account'), field(line, 'Meter_Serial'), String(Math.round(reading) % capacity), BADGER_UNITS[field(line, 'Unit')] ?? field(line, 'Unit'), `${TODAY} 07:15:00`, 'N', '0'].join(',');
    });
  const file = join(folder, 'reads.csv');
  writeFileSync(file, `Account_ID,Meter_ID,Read,Read_Unit,Read_Time,Estimated_Flag,Current_Leak_Rate\r\n${reads.join('\r\n')}\r\n`);
  expectExit(await cli(['reads', 'import', file, '--format', 'badger-beacon', ...CYCLE, '--skip-unmatched'], tech), 0);
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'billing-office-cli-exceptions-'));
  db = join(folder, 'demo.sqlite');
  expectExit(await cli(['demo', '--accounts', '120', '--seed', '11']), 0);
  await importAbnormalReads();
}, 180_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('a CLI-only office works the read exceptions and bills', () => {
  let blockedAccount = '';

  it('refuses a resolve without exactly one action, or with a bad id, as usage errors (exit 2)', async () => {
    expectExit(await cli(['reads', 'resolve', '1'], tech), 2);
    expectExit(await cli(['reads', 'resolve', '1', '--accept', '--hold', '--reason', 'x'], tech), 2);
    expectExit(await cli(['reads', 'resolve', '1', '--re-read', '001234'], tech), 2);
    expectExit(await cli(['reads', 'bulk-accept', 'seven'], tech), 2);
  }, 180_000);

  it('releases every blocked account by resolving its read, recomputes, and bills it', async () => {
    const created = json<BillRunReview>(await cli(['--json', 'billing', 'create', ...CYCLE, '--bill-date', TODAY, '--due-date', DUE], tech));
    const blocked = created.accounting.notBilled.filter((row) => row.disposition === 'blocked');
    expect(blocked.filter((row) => !/^No read/.test(row.reason)).length).toBeGreaterThan(0);
    const runId = String(created.run.runId);

    // A meter the file had no read for blocks too: put it on the worklist, to bill an estimate.
    const unread = blocked.filter((row) => /^No read/.test(row.reason));
    expect(json<{ flagged: number }>(await cli(['--json', 'reads', 'flag-unread', ...CYCLE], tech)).flagged).toBe(unread.length);
    const open = json<{ rows: ReadExceptionRow[] }>(await cli(['--json', 'reads', 'exceptions', ...CYCLE, '--status', 'open'], tech)).rows;
    // The one resolved by hand: a blocked account's zero-use (not the high-use) read; the high one gets field work below.
    const isBlocked = (row: ReadExceptionRow) => blocked.some((item) => item.accountNumber === row.accountNumber && !/^No read/.test(item.reason));
    const first = (open.find((row) => isBlocked(row) && !/high/.test(row.type)) ?? open.find(isBlocked)) as ReadExceptionRow;
    expect(first).toBeDefined();
    blockedAccount = first.accountNumber as string;
    const shown = json<ReadExceptionDetail>(await cli(['--json', 'reads', 'exception', String(first.exceptionId)], boss));
    expect(shown.account?.accountNumber).toBe(blockedAccount);

    // One by hand (an estimate when there is no reading to accept), the rest at once; a clerk may not.
    const action = first.reading === null ? ['--estimate', 'average'] : ['--accept'];
    expectExit(await cli(['reads', 'resolve', String(first.exceptionId), ...action, '--reason', 'checked the history'], clerk), 1);
    const resolved = json<ReadExceptionDetail>(await cli(['--json', 'reads', 'resolve', String(first.exceptionId), ...action, '--reason', 'checked the history'], tech));
    expect(resolved.exception.status).toBe('resolved');

    const rest = open.filter((row) => row.exceptionId !== first.exceptionId);
    // Field work on one: a courtesy call, a high-usage check ordered and done.
    const checked = rest.find((row) => row.reading !== null && /high/.test(row.type)) as ReadExceptionRow;
    expect(checked).toBeDefined();
    expectExit(await cli(['reads', 'courtesy-call', String(checked.exceptionId), '--outcome', 'left_message', '--contact', 'owner'], tech), 0);
    const order = json<{ workOrderId: number }>(await cli(['--json', 'reads', 'work-order', String(checked.exceptionId), '--type', 'high_usage_check', '--notes', 'look for a leak'], tech));
    const listed = json<{ workOrderId: number; accountNumber: string }[]>(await cli(['--json', 'work-orders', 'list', '--status', 'open', '--account', checked.accountNumber as string], clerk));
    expect(listed.map((row) => row.workOrderId)).toContain(order.workOrderId);
    expect(json<{ status: string }>(await cli(['--json', 'work-orders', 'done', String(order.workOrderId), '--notes', 'no leak found'], tech)).status).toBe('completed');
    const withReading = rest.filter((row) => row.reading !== null).map((row) => String(row.exceptionId));
    if (withReading.length > 0) {
      const bulk = json<{ accepted: number; skipped: number }>(await cli(['--json', 'reads', 'bulk-accept', ...withReading, '--reason', 'route reviewed'], tech));
      expect(bulk.accepted + bulk.skipped).toBe(withReading.length);
      expect(bulk.accepted).toBeGreaterThan(0);
    }
    for (const row of rest.filter((item) => item.reading === null)) {
      expectExit(await cli(['reads', 'resolve', String(row.exceptionId), '--estimate', 'average'], tech), 0);
    }
    const left = json<{ rows: ReadExceptionRow[] }>(await cli(['--json', 'reads', 'exceptions', ...CYCLE, '--status', 'open'], tech)).rows;
    expect(left.filter((row) => row.accountNumber !== null && blocked.some((item) => item.accountNumber === row.accountNumber))).toEqual([]);

    const review = json<BillRunReview>(await cli(['--json', 'billing', 'recompute', runId], tech));
    expect(review.accounting.notBilled.filter((row) => row.disposition === 'blocked')).toEqual([]);
    expect(review.run.billCount).toBe(created.run.billCount + blocked.length);
    expectExit(await cli(['billing', 'approve', runId, '--note', 'exceptions resolved'], boss), 0);
    expect(json<BillRunReview>(await cli(['--json', 'billing', 'post', runId], tech)).run.status).toBe('posted');
    const bills = json<{ rows: { accountNumber: string; status: string }[] }>(await cli(['--json', 'billing', 'bills', runId, '--query', blockedAccount], tech));
    expect(bills.rows.map((row) => row.accountNumber)).toContain(blockedAccount);
    const accountBills = json<{ billId: number; status: string; totalCents: number }[]>(await cli(['--json', 'billing', 'account-bills', blockedAccount], clerk));
    const posted = accountBills.find((bill) => bill.status === 'posted' && bill.totalCents > 0) as { billId: number; totalCents: number };
    expect(posted).toBeDefined();
    const openItems = json<{ items: { billId: number | null; openCents: number }[] }>(await cli(['--json', 'billing', 'open-items', blockedAccount], clerk));
    // The new bill is owed (less any credit the account already had applied to it).
    const owed = openItems.items.find((item) => item.billId === posted.billId)?.openCents ?? 0;
    expect(owed).toBeGreaterThan(0);
    expect(owed).toBeLessThanOrEqual(posted.totalCents);
  }, 180_000);

  it('charges a fee from the fee table to the account, once per request id', async () => {
    const before = json<{ account: AccountDetail }>(await cli(['--json', 'accounts', 'show', blockedAccount], clerk)).account;
    expectExit(await cli(['billing', 'charge-fee', blockedAccount, '--code', 'RECONNECT'], clerk), 1);
    expectExit(await cli(['billing', 'charge-fee', blockedAccount, '--code', 'NO_SUCH_FEE'], tech), 1);
    expectExit(await cli(['billing', 'charge-fee', blockedAccount, '--code', 'LATE', '--base', 'lots'], tech), 2);
    const requestId = '0b7c3a4e-5d6f-4a8b-9c0d-1e2f3a4b5c6d';
    const args = ['--json', 'billing', 'charge-fee', blockedAccount, '--code', 'reconnect', '--note', 'after shut-off', '--request-id', requestId];
    const fee = json<FeeCharge>(await cli(args, tech));
    expect(fee).toMatchObject({ accountNumber: blockedAccount, code: 'RECONNECT', amountCents: 6500, balanceCents: before.balanceCents + 6500 });
    expect(json<FeeCharge>(await cli(args, tech)).entryId).toBe(fee.entryId);
    const late = json<FeeCharge>(await cli(['--json', 'billing', 'charge-fee', blockedAccount, '--code', 'LATE', '--base', '84.20'], tech));
    expect(late.amountCents).toBe(842);
    expect(json<{ account: AccountDetail }>(await cli(['--json', 'accounts', 'show', blockedAccount], clerk)).account.balanceCents).toBe(before.balanceCents + 6500 + 842);
  }, 180_000);

  it('tells the story in the audit trail, filtered by account, operation and user', async () => {
    expectExit(await cli(['audit', 'list'], tech), 1);
    const rows = json<AuditRow[]>(await cli(['--json', 'audit', 'list', '--account', blockedAccount], boss));
    const sentences = rows.map((row) => row.sentence);
    expect(sentences).toContainEqual(expect.stringMatching(new RegExp(`^Tomás Rivera charged the reconnection, business hours fee \\(\\$65\\.00\\) to account ${blockedAccount} \\(.+\\): “after shut-off”$`)));
    expect(sentences.some((text) => /^Tomás Rivera (accepted|estimated) the .+ \(exception \d+\) on account /.test(text))).toBe(true);
    const fees = json<AuditRow[]>(await cli(['--json', 'audit', 'list', '--operation', 'billing.chargeFee', '--by', 'tech'], boss));
    expect(fees.map((row) => row.operation)).toEqual(['billing.chargeFee', 'billing.chargeFee']);
    const text = await cli(['audit', 'list', '--account', blockedAccount, '--limit', '3'], boss);
    expectExit(text, 0);
    expect(text.stdout).toContain('charged the late charge fee ($8.42)');
    const shown = await cli(['audit', 'show', String(fees[0]?.seq)], boss);
    expectExit(shown, 0);
    expect(shown.stdout).toContain('"code": "LATE"');
    expectExit(await cli(['audit', 'list', '--account', '999999-99'], boss), 1);
    expectExit(await cli(['audit', 'list', '--from', '12/01/2026'], boss), 2);
  }, 180_000);
});
