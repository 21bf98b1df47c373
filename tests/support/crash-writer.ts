/**
 * Child process for the crash test: posts adjustments through the dispatcher as fast as it can
 * and reports each committed one on stdout, until the parent kills it with SIGKILL.
 *   node --import tsx tests/support/crash-writer.ts <databasePath> <accountId> <username> <password>
 */
import { randomUUID } from 'node:crypto';
import { OfficeRuntime } from '../../src-main/operations/runtime';

const [databasePath, accountIdText, username, password] = process.argv.slice(2) as [string, string, string, string];
const runtime = await OfficeRuntime.open({ databasePath, mode: 'test' });
const login = await runtime.call({ op: 'session.login', input: { username, password } });
if (!login.ok) throw new Error(login.error.message);
const sessionToken = (login.value as { token: string }).token;
process.stdout.write('ready\n');
for (let count = 1; ; count += 1) {
  const entryId = randomUUID();
  const result = await runtime.call({
    op: 'ledger.adjust',
    input: { entryId, accountId: Number(accountIdText), amountCents: count, reason: `crash test ${count}` },
    sessionToken,
    idempotencyKey: entryId,
  });
  if (!result.ok) throw new Error(result.error.message);
  process.stdout.write(`posted ${entryId} ${count}\n`);
}
