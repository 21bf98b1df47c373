/**
 * Child process for the concurrency soak and benchmark: one counter PC on the shared database
 * file. It logs in, opens its drawer, takes `warmUpPayments` untimed, says "ready", waits for the
 * parent's go file, then for
 * `durationMs` takes cash payments through OfficeRuntime.call (as the counter does: a payment
 * UUID and an idempotency key made by the caller, a write that answered BUSY resent with the same
 * key) and, every `loginEvery`-th step (0: never), logs in again — every second such login with a wrong
 * password. `paceMs` > 0 spaces the payments' starts that far apart (the benchmark's 10 a second);
 * 0 posts as fast as it can. One line per event on stdout:
 *   warm <paymentId> <receiptNumber> <ms> (untimed, before "ready") | ready | sending <paymentId>
 *   posted <paymentId> <receiptNumber> <ms> | failed <paymentId> <code> <message>
 *   busy <paymentId> | login <ok|refused|failed:<code>> | summary <json>
 *   node --import tsx tests/support/soak-worker.ts <json options>
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { retryWhileBusy, type Result } from '../../src-shared/result';
import { OfficeRuntime } from '../../src-main/operations/runtime';

interface SoakWorkerOptions {
  databasePath: string;
  username: string;
  password: string;
  workstation: string;
  accountIds: number[];
  goFile: string;
  durationMs: number;
  paceMs: number;
  loginEvery: number;
  /** Payments taken before "ready", acknowledged but not timed. */
  warmUpPayments: number;
}

const options = JSON.parse(process.argv[2] as string) as SoakWorkerOptions;
const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const runtime = await OfficeRuntime.open({ databasePath: options.databasePath, mode: 'test' });

async function mustLogin(): Promise<string> {
  const login = await runtime.call({ op: 'session.login', input: { username: options.username, password: options.password } });
  if (!login.ok) throw new Error(`${options.username} could not log in: ${login.error.code} ${login.error.message}`);
  return (login.value as { token: string }).token;
}

let sessionToken = await mustLogin();
const opened = await retryWhileBusy(() =>
  runtime.call({ op: 'drawer.open', input: { workstation: options.workstation, floatCounts: {} }, sessionToken, idempotencyKey: randomUUID() }),
);
if (!opened.ok) throw new Error(`drawer.open: ${opened.error.code} ${opened.error.message}`);

let busyRetries = 0;
let logins = 0;

/** One payment; `posted` names the acknowledgement line ("warm" for the untimed ones). */
async function takePayment(step: number, posted: 'posted' | 'warm' = 'posted'): Promise<void> {
  const paymentId = randomUUID();
  const idempotencyKey = randomUUID();
  const accountId = options.accountIds[Math.abs(step) % options.accountIds.length] as number;
  const amountCents = 100 + (Math.abs(step) % 50);
  const request = {
    op: 'payments.take' as const,
    input: { paymentId, accounts: [{ accountId, amountCents }], tenders: [{ kind: 'cash' as const, amountCents }] },
    sessionToken,
    idempotencyKey,
  };
  say(`sending ${paymentId}`);
  const started = performance.now();
  const result = (await retryWhileBusy(() => runtime.call(request), {
    onRetry: () => {
      busyRetries += 1;
      say(`busy ${paymentId}`);
    },
  })) as Result<{ receiptNumber: string }>;
  const elapsedMs = performance.now() - started;
  if (result.ok) say(`${posted} ${paymentId} ${result.value.receiptNumber} ${elapsedMs.toFixed(3)}`);
  else say(`failed ${paymentId} ${result.error.code} ${result.error.message}`);
}

/** A login at the counter: the right password (a new session replaces this one), or a wrong one. */
async function logInAgain(wrongPassword: boolean): Promise<void> {
  logins += 1;
  const password = wrongPassword ? `${options.password}-typo` : options.password;
  const login = await runtime.call({ op: 'session.login', input: { username: options.username, password } });
  if (login.ok) {
    await runtime.call({ op: 'session.logout', input: {}, sessionToken });
    sessionToken = (login.value as { token: string }).token;
  }
  say(`login ${login.ok ? 'ok' : login.error.code === 'LOGIN_FAILED' ? 'refused' : `failed:${login.error.code}`}`);
}

// Untimed payments first, as the payment-post benchmark does: the first calls of a process
// compile its code and prepare its statements, which an office open all day has long done.
for (let step = 1; step <= options.warmUpPayments; step += 1) await takePayment(-step, 'warm');
say('ready');
while (!existsSync(options.goFile)) await sleep(10);

const started = performance.now();
for (let step = 1; performance.now() - started < options.durationMs; step += 1) {
  const stepStarted = performance.now();
  if (options.loginEvery > 0 && step % options.loginEvery === 0) await logInAgain((step / options.loginEvery) % 2 === 0);
  else await takePayment(step);
  const pauseMs = options.paceMs - (performance.now() - stepStarted);
  if (pauseMs > 0) await sleep(pauseMs);
}
say(`summary ${JSON.stringify({ busyRetries, logins, seconds: (performance.now() - started) / 1000 })}`);
await runtime.shutdown();
