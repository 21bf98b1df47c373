/**
 * Crash injection (issue 12, "Proof"): kill -9 at seeded random moments of taking payments,
 * posting a bill run and importing a read file. Each run copies one template district, gives a
 * child OS process (tests/support/crash-child.ts) the work to do through OfficeRuntime.call, and
 * SIGKILLs it somewhere: before the transaction, inside it, during the commit, or after it (while
 * the child closes: deferred work and checkpoint) — see Aim. Then the file is reopened and must
 * hold: integrity_check ok, no dangling reference, verifyBooks clean; no half batch (a payment has
 * its receipt row, tenders, account lines, journal entry and audit record or none of them; a bill
 * run is posted with every bill's entry or not at all; a read file's reads are all stored with
 * their exceptions or none); everything acknowledged before the kill is there; and the office
 * carries on — every request resent with its idempotency key returns the first result (or does
 * the work once, if it had not committed), a new payment posts, and after a read import the next
 * month's file is judged exactly as on an office that never crashed.
 *
 * Reproducible: the requests and the kill aims are drawn from CRASH_SEED (aims in ms are shares of
 * a run left to finish, timed first: see aimOf). A failure's message names its run and aim, and
 * CRASH_SEED=… CRASH_REPLAY=kind:run:aim replays that one run. Each kind prints a summary line.
 */
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src-main/core/clock';
import { Random } from '../../src-main/core/demo/random';
import { verifyBooks } from '../../src-main/core/ledger/verify';
import type { Sqlite } from '../../src-main/core/storage/database';
import { OfficeRuntime } from '../../src-main/operations/runtime';
import { buildDistrict } from '../bench/bill-run.bench';
import type { CrashJob } from '../support/crash-child';
import { startWarmChild, type WarmChild } from '../support/warm-child';

const SEED = Number(process.env.CRASH_SEED ?? 20_261_207);
type Kind = 'payments' | 'post' | 'import';
/** Kills per kind: 44 in all (issue 12 asks for 50 with the restore crash runs, which live with the restore tests). */
const RUNS: Record<Kind, number> = { payments: 16, post: 14, import: 14 };
/** Big enough that a post or an import takes a few hundred ms, small enough for many runs. */
const ACCOUNTS = 600;
const PAYMENTS_PER_CHILD = 40;
const NOW = '2026-12-10T17:00:00.000Z';
const PASSWORD = 'bench-password';
/** buildDistrict's technician: posts, imports and (a technician may do what a clerk does) takes payments, one login per process. */
const USERNAME = 'tech';
/** Children loading ahead (on the other core) while one runs and is checked. */
const SPARE_CHILDREN = 1;
const CHILD_SCRIPT = 'tests/support/crash-child.ts';
const READ_PERIOD = '2026-12';
const NEXT_READ_PERIOD = '2027-01';

type Request = CrashJob['requests'][number];

interface Template {
  path: string;
  accountIds: number[];
  runId: number;
  billsInRun: number;
  /** Exceptions the read file raises (from its preview). */
  readExceptions: number;
  readFile: ReadFile;
  /** January's file, and its preview on an office that imported December without a crash. */
  nextReadFile: ReadFile;
  nextPreview: unknown;
}

interface ReadFile {
  fileName: string;
  contentBase64: string;
  profile: { kind: 'badger-beacon' };
  cycle: number;
  period: string;
}

/** What the parent saw of one child: the requests it was given, the last one it began, what it acknowledged. */
interface Outcome {
  requests: Request[];
  lastSent: number;
  acknowledged: Map<number, unknown>;
  killed: boolean;
  /** When the parent sent SIGKILL, in ms after "start". */
  killedAtMs: number | null;
}

/** Where the kill landed, judged from the reopened file and the child's last lines. */
type Moment = 'before commit' | 'committed, unacknowledged' | 'after acknowledgement' | 'not killed';

/** A run left to finish, timed from "start": its (last) acknowledgement and "closed"; what its commits added to the log. */
interface Timing {
  ackMs: number;
  closedMs: number;
  commitLogBytes: number;
}

/**
 * Where a kill is aimed: ms after the child's "start" (before or inside the transaction); as soon
 * as the parent reads "sending <index>" (the request is in the dispatcher, before its commit);
 * once the write-ahead log has grown by `bytes` since "start" (the log grows only when a
 * transaction commits — the page cache holds its pages until then — and a 600 KB commit writes
 * its frames in well under the 1 ms poll, so this lands while the commit syncs the log or just
 * after); or ms after the acknowledgement (the child closing: deferred work and checkpoint).
 */
type Aim = { after: 'start' | 'ack'; ms: number } | { after: 'sending'; index: number } | { after: 'log'; bytes: number };

function aimText(aim: Aim | null): string {
  if (aim === null) return 'none';
  if (aim.after === 'log') return `log+${aim.bytes}B`;
  if (aim.after === 'sending') return `sending#${aim.index}`;
  return `${aim.after}+${aim.ms}ms`;
}

function parseAim(text: string): Aim {
  const [after, amount] = text.split(/[+#]/) as [string, string];
  if (after === 'log') return { after, bytes: Number.parseInt(amount, 10) };
  if (after === 'sending') return { after, index: Number.parseInt(amount, 10) };
  if (after === 'start' || after === 'ack') return { after, ms: Number.parseInt(amount, 10) };
  throw new Error(`CRASH_REPLAY: "${text}" is not an aim (start+Nms, sending#N, log+NB or ack+Nms)`);
}

const folder = mkdtempSync(join(tmpdir(), 'billing-office-crash-injection-'));
let template: Template;
const spares: WarmChild[] = [];

/** The next child, already loaded (or loading); another starts loading in its place. */
function takeChild(): WarmChild {
  const child = spares.shift() ?? startWarmChild(CHILD_SCRIPT);
  while (spares.length < SPARE_CHILDREN) spares.push(startWarmChild(CHILD_SCRIPT));
  return child;
}

beforeAll(async () => {
  while (spares.length < SPARE_CHILDREN) spares.push(startWarmChild(CHILD_SCRIPT));
  template = await buildTemplate(join(folder, 'template.sqlite'));
}, 60_000);

afterAll(() => {
  for (const spare of spares.splice(0)) spare.discard();
  rmSync(folder, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// The template: a small district with an approved bill run, an open drawer and two months' read files

/** Any office call as one user, failing the test on an error. */
async function caller(runtime: OfficeRuntime, username: string) {
  const login = await runtime.call({ op: 'session.login', input: { username, password: PASSWORD } });
  if (!login.ok) throw new Error(login.error.message);
  const sessionToken = (login.value as { token: string }).token;
  return (op: string, input: unknown, idempotencyKey: string) => runtime.call({ op, input, sessionToken, idempotencyKey });
}

async function buildTemplate(path: string): Promise<Template> {
  await buildDistrict(path, ACCOUNTS);
  const runtime = await OfficeRuntime.open({ databasePath: path, mode: 'test', clock: fixedClock(NOW) });
  const db = runtime.database.sqlite;
  const random = new Random(SEED, 0);
  const must = async (call: ReturnType<typeof caller>, op: string, input: unknown) => {
    const result = await (await call)(op, input, uuidFrom(random));
    if (!result.ok) throw new Error(`${op}: ${result.error.message}`);
    return result.value as Record<string, unknown>;
  };
  const created = await must(caller(runtime, USERNAME), 'billing.createRun', { cycle: 1, period: '2026-11', billDate: '2026-11-12', dueDate: '2026-12-02' });
  const runId = (created.run as { runId: number }).runId;
  await must(caller(runtime, 'boss'), 'billing.approve', { runId, note: 'crash-injection template' });
  await must(caller(runtime, USERNAME), 'drawer.open', { workstation: 'Crash counter', floatCounts: {} });
  const [december, january] = readFiles(db, random);
  const readFile: ReadFile = { fileName: `cycle1-${READ_PERIOD}.csv`, contentBase64: december, profile: { kind: 'badger-beacon' }, cycle: 1, period: READ_PERIOD };
  const nextReadFile: ReadFile = { fileName: `cycle1-${NEXT_READ_PERIOD}.csv`, contentBase64: january, profile: { kind: 'badger-beacon' }, cycle: 1, period: NEXT_READ_PERIOD };
  const preview = await must(caller(runtime, USERNAME), 'reads.preview', readFile);
  if (preview.canImport !== true || preview.readCount !== ACCOUNTS) throw new Error(`the template's read file would not import whole: ${JSON.stringify(preview).slice(0, 500)}`);
  const result: Template = {
    path,
    accountIds: db.prepare('SELECT id FROM accounts ORDER BY id').pluck().all() as number[],
    runId,
    billsInRun: count(db, 'SELECT COUNT(*) FROM bills WHERE run_id = ?', runId),
    readExceptions: preview.exceptionCount as number,
    readFile,
    nextReadFile,
    nextPreview: null,
  };
  runtime.close();
  result.nextPreview = await nextPreviewWithoutCrash(path, readFile, nextReadFile);
  return result;
}

/**
 * December's and January's reads for every meter, as Badger files: ordinary use, some very high
 * (exceptions), some leaks reported.
 */
function readFiles(db: Sqlite, random: Random): [string, string] {
  const meters = db
    .prepare(
      `SELECT m.serial, a.account_number AS accountNumber, (SELECT MAX(reading) FROM meter_reads r WHERE r.meter_id = m.id) AS reading
       FROM meters m JOIN accounts a ON a.location_id = m.location_id ORDER BY m.id`,
    )
    .all() as { serial: string; accountNumber: string; reading: number }[];
  const header = 'Account_ID,Meter_ID,Read,Read_Unit,Read_Time,Estimated_Flag,Current_Leak_Rate,Dials,Register_Resolution';
  const months = [
    { readTime: '2026-12-09 06:41:00', lines: [header] },
    { readTime: '2027-01-09 06:41:00', lines: [header] },
  ];
  for (const meter of meters) {
    let reading = meter.reading;
    for (const month of months) {
      reading += random.int(1, 20) === 1 ? random.int(80, 150) : random.int(4, 30);
      const leakRate = random.int(1, 25) === 1 ? '2.5' : '0';
      month.lines.push(`${meter.accountNumber},${meter.serial},${reading},CCF,${month.readTime},N,${leakRate},6,1`);
    }
  }
  const [december, january] = months.map((month) => Buffer.from([...month.lines, ''].join('\r\n')).toString('base64')) as [string, string];
  return [december, january];
}

/**
 * January's preview once December is in, on a copy that never crashed: after any crash and the
 * resend, the office must judge January's reads the same (the read history an import leaves for
 * the next one is a cache written after the commit, which a kill may interrupt).
 */
async function nextPreviewWithoutCrash(templatePath: string, december: ReadFile, january: ReadFile): Promise<unknown> {
  const path = join(folder, 'reference.sqlite');
  copyFileSync(templatePath, path);
  const runtime = await OfficeRuntime.open({ databasePath: path, mode: 'test', clock: fixedClock(NOW) });
  try {
    const call = await caller(runtime, USERNAME);
    const imported = await call('reads.import', december, 'reference-december-import');
    if (!imported.ok) throw new Error(`reads.import: ${imported.error.message}`);
    const preview = await call('reads.preview', january, 'reference-january-preview');
    if (!preview.ok) throw new Error(`reads.preview: ${preview.error.message}`);
    const value = preview.value as { canImport: boolean; readCount: number };
    if (!value.canImport || value.readCount !== ACCOUNTS) throw new Error(`January's read file would not import whole: ${JSON.stringify(value).slice(0, 500)}`);
    return value;
  } finally {
    runtime.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

function count(db: Sqlite, sql: string, ...params: unknown[]): number {
  return db.prepare(sql).pluck().get(...params) as number;
}

/** A version-4-shaped UUID from the seeded generator, so a replay sends the same ids. */
function uuidFrom(random: Random): string {
  const hex = Array.from({ length: 4 }, () => random.nextUint32().toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The file is sound: SQLite's own check, every reference resolves, and the books verify. */
function expectSound(db: Sqlite, label: string): void {
  expect(db.pragma('integrity_check', { simple: true }), label).toBe('ok');
  expect(db.pragma('foreign_key_check'), label).toEqual([]);
  expect(verifyBooks(db, NOW).checks.filter((check) => !check.ok), label).toEqual([]);
}

/** One payment: one to three accounts, paid in cash with change, by check, or card plus cash. */
function paymentRequest(random: Random): Request {
  const accountIds = new Set<number>();
  const wanted = random.int(1, 3);
  while (accountIds.size < wanted) accountIds.add(random.pick(template.accountIds));
  const accounts = [...accountIds].map((accountId) => ({ accountId, amountCents: random.int(100, 25_000) }));
  const totalCents = accounts.reduce((sum, line) => sum + line.amountCents, 0);
  const style = random.int(0, 2);
  const cardCents = random.int(1, totalCents - 1);
  const tenders =
    style === 0
      ? [{ kind: 'cash', amountCents: totalCents + random.int(0, 2_000) }]
      : style === 1
        ? [{ kind: 'check', amountCents: totalCents, checkNumber: String(random.int(100, 99_999)), bank: 'Valley Bank' }]
        : [
            { kind: 'card', amountCents: cardCents, lastFour: '4242', authorizationCode: 'A1B2C3' },
            { kind: 'cash', amountCents: totalCents - cardCents },
          ];
  return { op: 'payments.take', input: { paymentId: uuidFrom(random), accounts, tenders }, idempotencyKey: uuidFrom(random) };
}

/**
 * Copies the template, runs a child on it and SIGKILLs it where `aim` says (never, if null). A
 * log aim is watched by polling the size of the write-ahead log every millisecond.
 */
async function runChild(path: string, requests: Request[], aim: Aim | null): Promise<{ outcome: Outcome; timing: Timing }> {
  copyFileSync(template.path, path);
  const outcome: Outcome = { requests, lastSent: -1, acknowledged: new Map(), killed: false, killedAtMs: null };
  const timing: Timing = { ackMs: 0, closedMs: 0, commitLogBytes: 0 };
  let startedAt = 0;
  let startLogBytes = 0;
  let watch: NodeJS.Timeout | undefined;
  const job: CrashJob = { databasePath: path, nowIso: NOW, username: USERNAME, password: PASSWORD, requests };
  const { killed } = await takeChild().run(job, (line, killChild) => {
    const kill = () => {
      outcome.killedAtMs ??= performance.now() - startedAt;
      killChild();
    };
    const [word, ...rest] = line.split(' ');
    if (word === 'start') {
      startedAt = performance.now();
      startLogBytes = Number(rest[0]);
      if (aim?.after === 'start') setTimeout(kill, aim.ms);
      if (aim?.after === 'log') {
        watch = setInterval(() => {
          if (logBytes(path) - startLogBytes < aim.bytes) return;
          kill();
          clearInterval(watch);
        }, 1);
      }
    } else if (word === 'sending') {
      outcome.lastSent = Number(rest[0]);
      if (aim?.after === 'sending' && aim.index === outcome.lastSent) kill();
    } else if (word === 'acknowledged') {
      timing.ackMs = performance.now() - startedAt;
      timing.commitLogBytes = Number(rest[1]) - startLogBytes;
      if (aim?.after === 'ack') setTimeout(kill, aim.ms);
      // The result JSON is the rest of the line (after the index and the log size).
      outcome.acknowledged.set(Number(rest[0]), JSON.parse(rest.slice(2).join(' ')));
    } else if (word === 'closed') {
      timing.closedMs = performance.now() - startedAt;
    }
  });
  clearInterval(watch);
  outcome.killed = killed;
  return { outcome, timing };
}

function logBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}

/** Reopens the file as the office would after the crash, logged in as the child's user. */
async function reopen(path: string) {
  const runtime = await OfficeRuntime.open({ databasePath: path, mode: 'test', clock: fixedClock(NOW) });
  return { runtime, db: runtime.database.sqlite, call: await caller(runtime, USERNAME) };
}

type Reopened = Awaited<ReturnType<typeof reopen>>;

/** Every request the child began, resent with its key: the first result comes back, or the work is done now. */
async function resendAll(office: Reopened, outcome: Outcome, label: string): Promise<void> {
  for (const [index, request] of outcome.requests.slice(0, outcome.lastSent + 1).entries()) {
    const again = await office.call(request.op, request.input, request.idempotencyKey);
    expect(again.ok ? 'ok' : again.error.message, `${label} resend ${index}`).toBe('ok');
    if (again.ok && outcome.acknowledged.has(index)) expect(again.value, `${label} resend ${index}`).toEqual(outcome.acknowledged.get(index));
  }
}

/** A new payment after the crash posts (the drawer, the ledger and the audit chain carry on). */
async function expectNewPaymentPosts(office: Reopened, random: Random, label: string): Promise<void> {
  const request = paymentRequest(random);
  const before = count(office.db, 'SELECT COUNT(*) FROM payments');
  const taken = await office.call(request.op, request.input, request.idempotencyKey);
  expect(taken.ok ? 'ok' : taken.error.message, `${label} new payment`).toBe('ok');
  expect(count(office.db, 'SELECT COUNT(*) FROM payments'), label).toBe(before + 1);
}

// ---------------------------------------------------------------------------------------------
// What each kind sends, and what "whole or none" means for it

interface KindSpec {
  requests(random: Random): Request[];
  /** Asserts the reopened file before anything is resent; returns where the kill landed. */
  checkAfterCrash(db: Sqlite, outcome: Outcome, label: string): Moment;
  /** Asserts the file after every request was resent: each done exactly once. */
  checkAfterResend(db: Sqlite, outcome: Outcome, label: string): void;
  /** The office's next step of this kind works as it would have without the crash. */
  checkNextStep?(office: Reopened, label: string): Promise<void>;
}

/** The moment of one operation's kill: `committed` from the file, acknowledgement from the child. */
function momentOf(outcome: Outcome, index: number, committed: boolean): Moment {
  if (!outcome.killed) return 'not killed';
  if (outcome.acknowledged.has(index)) return 'after acknowledgement';
  return committed ? 'committed, unacknowledged' : 'before commit';
}

const paymentUid = (request: Request) => (request.input as { paymentId: string }).paymentId;

/** Each stored payment is whole: receipt row, every tender and account line, its journal entry, its audit record. */
function expectWholePayments(db: Sqlite, requests: Request[], label: string): Set<string> {
  const byUid = new Map(requests.map((request) => [paymentUid(request), request]));
  const stored = db.prepare('SELECT id, payment_uid AS uid, journal_entry_id AS entryId, amount_cents AS amountCents FROM payments').all() as {
    id: number;
    uid: string;
    entryId: string;
    amountCents: number;
  }[];
  let tenders = 0;
  let accountLines = 0;
  for (const payment of stored) {
    const request = byUid.get(payment.uid);
    expect(request, `${label}: payment ${payment.uid} was never sent`).toBeDefined();
    const input = (request as Request).input as { accounts: { amountCents: number }[]; tenders: unknown[] };
    tenders += input.tenders.length;
    accountLines += input.accounts.length;
    expect(
      [
        payment.amountCents,
        count(db, 'SELECT COUNT(*) FROM payment_tenders WHERE payment_id = ?', payment.id),
        count(db, 'SELECT COUNT(*) FROM payment_accounts WHERE payment_id = ?', payment.id),
        count(db, "SELECT COUNT(*) FROM journal_entries WHERE id = ? AND kind = 'payment'", payment.entryId),
        count(db, "SELECT COUNT(*) FROM audit_log WHERE operation = 'payments.take' AND idempotency_key = ?", (request as Request).idempotencyKey),
      ],
      `${label}: payment ${payment.uid}`,
    ).toEqual([input.accounts.reduce((sum, line) => sum + line.amountCents, 0), input.tenders.length, input.accounts.length, 1, 1]);
  }
  // Nothing of a payment outside its row: no stray tender, account line, entry or audit record.
  expect(
    [
      count(db, 'SELECT COUNT(*) FROM payment_tenders'),
      count(db, 'SELECT COUNT(*) FROM payment_accounts'),
      count(db, "SELECT COUNT(*) FROM journal_entries WHERE kind = 'payment'"),
      count(db, "SELECT COUNT(*) FROM audit_log WHERE operation = 'payments.take'"),
    ],
    `${label}: payment parts`,
  ).toEqual([tenders, accountLines, stored.length, stored.length]);
  return new Set(stored.map((payment) => payment.uid));
}

const payments: KindSpec = {
  requests: (random) => Array.from({ length: PAYMENTS_PER_CHILD }, () => paymentRequest(random)),
  checkAfterCrash(db, outcome, label) {
    const stored = expectWholePayments(db, outcome.requests, label);
    for (const index of outcome.acknowledged.keys()) expect(stored.has(paymentUid(outcome.requests[index] as Request)), `${label}: acknowledged payment ${index}`).toBe(true);
    // Only the payment in flight may have committed without its acknowledgement; none after it.
    const inFlight = outcome.requests[outcome.lastSent];
    const unacknowledged = outcome.requests.filter((request, index) => stored.has(paymentUid(request)) && !outcome.acknowledged.has(index));
    expect(unacknowledged.every((request) => request === inFlight), `${label}: only the payment in flight is unacknowledged`).toBe(true);
    return momentOf(outcome, outcome.lastSent, inFlight !== undefined && stored.has(paymentUid(inFlight)));
  },
  checkAfterResend(db, outcome, label) {
    const sent = outcome.requests.slice(0, outcome.lastSent + 1);
    const stored = expectWholePayments(db, sent, label);
    expect(stored.size, `${label}: each payment sent is stored once`).toBe(sent.length);
  },
};

interface RunState {
  status: string;
  postedBills: number;
  billsWithEntry: number;
  billEntries: number;
  audits: number;
}

function runState(db: Sqlite): RunState {
  const runId = template.runId;
  return {
    status: db.prepare('SELECT status FROM bill_runs WHERE id = ?').pluck().get(runId) as string,
    postedBills: count(db, "SELECT COUNT(*) FROM bills WHERE run_id = ? AND status = 'posted'", runId),
    billsWithEntry: count(db, "SELECT COUNT(*) FROM bills b JOIN journal_entries j ON j.id = b.journal_entry_id WHERE b.run_id = ? AND j.kind = 'bill'", runId),
    billEntries: count(db, "SELECT COUNT(*) FROM journal_entries WHERE kind = 'bill'"),
    audits: count(db, "SELECT COUNT(*) FROM audit_log WHERE operation = 'billing.post'"),
  };
}

const postedRun = (): RunState => ({ status: 'posted', postedBills: template.billsInRun, billsWithEntry: template.billsInRun, billEntries: template.billsInRun, audits: 1 });

const post: KindSpec = {
  requests: (random) => [{ op: 'billing.post', input: { runId: template.runId }, idempotencyKey: uuidFrom(random) }],
  checkAfterCrash(db, outcome, label) {
    const state = runState(db);
    const committed = state.status === 'posted';
    if (outcome.acknowledged.has(0)) expect(state.status, `${label}: acknowledged post`).toBe('posted');
    // The whole run with every bill's entry, or nothing at all.
    expect(state, label).toEqual(committed ? postedRun() : { status: 'approved', postedBills: 0, billsWithEntry: 0, billEntries: 0, audits: 0 });
    return momentOf(outcome, 0, committed);
  },
  checkAfterResend(db, _outcome, label) {
    expect(runState(db), `${label}: posted once`).toEqual(postedRun());
  },
};

function importState(db: Sqlite) {
  const imports = db.prepare('SELECT id, read_count AS readCount, exception_count AS exceptionCount FROM read_imports WHERE period = ?').all(READ_PERIOD) as {
    id: number;
    readCount: number;
    exceptionCount: number;
  }[];
  return {
    imports: imports.length,
    reads: count(db, 'SELECT COUNT(*) FROM meter_reads WHERE period = ?', READ_PERIOD),
    readsOfImport: count(db, 'SELECT COUNT(*) FROM meter_reads WHERE import_id = ?', imports[0]?.id ?? -1),
    exceptions: count(db, 'SELECT COUNT(*) FROM read_exceptions WHERE period = ?', READ_PERIOD),
    exceptionsOfImport: count(db, 'SELECT COUNT(*) FROM read_exceptions WHERE import_id = ?', imports[0]?.id ?? -1),
    recorded: { reads: imports[0]?.readCount ?? 0, exceptions: imports[0]?.exceptionCount ?? 0 },
    audits: count(db, "SELECT COUNT(*) FROM audit_log WHERE operation = 'reads.import'"),
  };
}

function importedFile() {
  const exceptions = template.readExceptions;
  return { imports: 1, reads: ACCOUNTS, readsOfImport: ACCOUNTS, exceptions, exceptionsOfImport: exceptions, recorded: { reads: ACCOUNTS, exceptions }, audits: 1 };
}

const readImport: KindSpec = {
  requests: (random) => [{ op: 'reads.import', input: template.readFile, idempotencyKey: uuidFrom(random) }],
  checkAfterCrash(db, outcome, label) {
    const state = importState(db);
    const committed = state.imports > 0;
    if (outcome.acknowledged.has(0)) expect(state.imports, `${label}: acknowledged import`).toBe(1);
    // Every read with its exceptions, or nothing of the file.
    expect(state, label).toEqual(committed ? importedFile() : { imports: 0, reads: 0, readsOfImport: 0, exceptions: 0, exceptionsOfImport: 0, recorded: { reads: 0, exceptions: 0 }, audits: 0 });
    return momentOf(outcome, 0, committed);
  },
  checkAfterResend(db, _outcome, label) {
    expect(importState(db), `${label}: imported once`).toEqual(importedFile());
  },
  async checkNextStep(office, label) {
    const preview = await office.call('reads.preview', template.nextReadFile, 'next-month-preview');
    expect(preview.ok ? preview.value : preview.error.message, `${label}: January judged as without the crash`).toEqual(template.nextPreview);
  },
};

const SPECS: Record<Kind, KindSpec> = { payments, post, import: readImport };

// ---------------------------------------------------------------------------------------------
// The runs

/**
 * The aim of run `run`, drawn from `fraction` and a finished run's timing, so every set of runs
 * covers both sides of the commit. Payments (a stream of 40), in turn: any moment from "start" to
 * "closed", one payment's dispatch, any point of the commits' log writes. A post or an import (one
 * long operation), in turn: early (before or inside the transaction), inside the commit's log
 * write, and after the acknowledgement.
 */
function aimOf(kind: Kind, run: number, fraction: number, timing: Timing): Aim {
  if (kind === 'payments') {
    if (run % 3 === 1) return { after: 'start', ms: Math.floor(fraction * timing.closedMs) };
    if (run % 3 === 2) return { after: 'sending', index: Math.floor(fraction * PAYMENTS_PER_CHILD) };
    return { after: 'log', bytes: Math.floor(fraction * timing.commitLogBytes) };
  }
  switch (run % 3) {
    case 1:
      return { after: 'start', ms: Math.floor(fraction * 0.95 * timing.ackMs) };
    case 2:
      return { after: 'log', bytes: Math.floor(fraction * timing.commitLogBytes) };
    default:
      return { after: 'ack', ms: Math.floor(fraction * (timing.closedMs - timing.ackMs)) };
  }
}

/** CRASH_REPLAY="post:7:log+1234567B": only run 7 of the posts, with that aim ("none": left to finish); a failure's label gives it. */
function replayOf(kind: Kind): { run: number; aim: Aim | null } | undefined {
  const [replayKind, run, aim] = (process.env.CRASH_REPLAY ?? '').split(':');
  return replayKind === kind && aim ? { run: Number(run), aim: aim === 'none' ? null : parseAim(aim) } : undefined;
}

/** One child, killed as aimed (or left to finish), then the file checked, every request resent, a new payment taken. */
async function crashAndCheck(kind: Kind, run: number, aim: Aim | null, random: Random): Promise<{ moment: Moment; timing: Timing; killedAtMs: number | null }> {
  const spec = SPECS[kind];
  const label = `${kind} run ${run}, kill at ${aimText(aim)} (replay: CRASH_SEED=${SEED} CRASH_REPLAY=${kind}:${run}:${aimText(aim)})`;
  const path = join(folder, `${kind}-${run}.sqlite`);
  const { outcome, timing } = await runChild(path, spec.requests(random), aim);
  const office = await reopen(path);
  try {
    expectSound(office.db, `${label} after the crash`);
    const moment = spec.checkAfterCrash(office.db, outcome, label);
    await resendAll(office, outcome, label);
    spec.checkAfterResend(office.db, outcome, label);
    await spec.checkNextStep?.(office, label);
    await expectNewPaymentPosts(office, random, label);
    expectSound(office.db, `${label} after carrying on`);
    return { moment, timing, killedAtMs: outcome.killed ? outcome.killedAtMs : null };
  } finally {
    office.runtime.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  }
}

/**
 * RUNS[kind] kills. A run that finished before its kill (the machine got faster than the timing
 * it was aimed by) does not count, and its timing replaces the old one.
 */
async function crashKind(kind: Kind): Promise<void> {
  if (process.env.CRASH_REPLAY) {
    const replay = replayOf(kind);
    if (replay) await crashAndCheck(kind, replay.run, replay.aim, new Random(SEED, 100 + replay.run));
    return;
  }
  const startedAt = performance.now();
  const baseline = await crashAndCheck(kind, 0, null, new Random(SEED, 100));
  expect(baseline.moment).toBe('not killed');
  let timing = baseline.timing;
  const fractions = new Random(SEED, kind === 'payments' ? 1 : kind === 'post' ? 2 : 3);
  const moments: Record<Moment, number> = { 'before commit': 0, 'committed, unacknowledged': 0, 'after acknowledgement': 0, 'not killed': 0 };
  const aims: string[] = [];
  let run = 0;
  while (aims.length - moments['not killed'] < RUNS[kind] && run < RUNS[kind] + 6) {
    run += 1;
    const aim = aimOf(kind, run, fractions.next(), timing);
    const result = await crashAndCheck(kind, run, aim, new Random(SEED, 100 + run));
    aims.push(`${aimText(aim)}${result.killedAtMs === null ? '' : `@${Math.round(result.killedAtMs)}ms`}`);
    moments[result.moment] += 1;
    if (result.moment === 'not killed') timing = result.timing;
  }
  const kills = aims.length - moments['not killed'];
  const committed = moments['committed, unacknowledged'] + moments['after acknowledgement'];
  console.log(
    `[crash-injection] ${kind}: ${kills} kills in ${aims.length} runs (and 1 left to finish), CRASH_SEED=${SEED}; kill aims @ ms after "start" [${aims.join(', ')}]; ` +
      `killed before commit ${moments['before commit']}, after commit ${committed} (${moments['committed, unacknowledged']} unacknowledged), ` +
      `finished before the kill ${moments['not killed']}; a finished run: acknowledged at ${Math.round(timing.ackMs)} ms, closed at ${Math.round(timing.closedMs)} ms, ` +
      `its commit${kind === 'payments' ? 's' : ''} wrote ${timing.commitLogBytes} log bytes; ${((performance.now() - startedAt) / 1000).toFixed(1)} s`,
  );
  // Enough real kills, on both sides of the commit, or the test proves little.
  expect(kills).toBeGreaterThanOrEqual(RUNS[kind]);
  expect(moments['before commit']).toBeGreaterThan(0);
  expect(committed).toBeGreaterThan(0);
}

describe('kill -9 at random moments (issue 12 crash injection)', () => {
  it('payments: every payment whole or absent, every acknowledged one kept, resends post once', async () => {
    await crashKind('payments');
  }, 240_000);

  it('bill run post: the whole run with every entry or none, and a re-post completes it once', async () => {
    await crashKind('post');
  }, 240_000);

  it('read import: every read with its exceptions or none, and a re-import stores it once', async () => {
    await crashKind('import');
  }, 240_000);
});
