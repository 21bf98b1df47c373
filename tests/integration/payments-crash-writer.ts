/**
 * Child process for the payments crash test: opens a drawer and takes cash payments through the
 * dispatcher as fast as it can, saying "sending" before and "posted" after each, until the
 * parent kills it with SIGKILL.
 *   node --import tsx tests/integration/payments-crash-writer.ts <databasePath> <accountId> <username> <password>
 */
import { randomUUID } from 'node:crypto';
import { OfficeRuntime } from '../../src-main/operations/runtime';

const [databasePath, accountIdText, username, password] = process.argv.slice(2) as [string, string, string, string];
const runtime = await OfficeRuntime.open({ databasePath, mode: 'test' });
const login = await runtime.call({ op: 'session.login', input: { username, password } });
if (!login.ok) throw new Error(login.error.message);
const sessionToken = (login.value as { token: string }).token;
const opened = await runtime.call({ op: 'drawer.open', input: { workstation: 'Crash counter', floatCounts: {} }, sessionToken, idempotencyKey: randomUUID() });
if (!opened.ok) throw new Error(opened.error.message);
process.stdout.write('ready\n');
for (let count = 1; ; count += 1) {
  const paymentId = randomUUID();
  process.stdout.write(`sending ${paymentId} ${count}\n`);
  const result = await runtime.call({
    op: 'payments.take',
    input: { paymentId, accounts: [{ accountId: Number(accountIdText), amountCents: count }], tenders: [{ kind: 'cash', amountCents: count }] },
    sessionToken,
    idempotencyKey: randomUUID(),
  });
  if (!result.ok) throw new Error(result.error.message);
  process.stdout.write(`posted ${paymentId} ${count}\n`);
}
