/**
 * Child process for the restore and backup tests: holds the office database open like another
 * counter PC, posts `count` adjustments through the dispatcher (adjustment n is n cents), pausing
 * `pauseMs` between them, reports each committed one on stdout, then closes and exits 0. A write
 * that answers BUSY (another process held the lock past busy_timeout) is resent with the same
 * idempotency key, as the renderer and CLI do.
 *   node --import tsx tests/support/paced-writer.ts <databasePath> <accountId> <username> <password> <count> <pauseMs>
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { OfficeRuntime } from '../../src-main/operations/runtime';
import { retryWhileBusy } from '../../src-shared/result';

const [databasePath, accountIdText, username, password, countText, pauseText] = process.argv.slice(2) as [string, string, string, string, string, string];
const runtime = await OfficeRuntime.open({ databasePath, mode: 'test' });
const login = await runtime.call({ op: 'session.login', input: { username, password } });
if (!login.ok) throw new Error(login.error.message);
const sessionToken = (login.value as { token: string }).token;
process.stdout.write('ready\n');
for (let count = 1; count <= Number(countText); count += 1) {
  const entryId = randomUUID();
  const request = {
    op: 'ledger.adjust',
    input: { entryId, accountId: Number(accountIdText), amountCents: count, reason: `paced writer ${count}` },
    sessionToken,
    idempotencyKey: entryId,
  };
  const result = await retryWhileBusy(() => runtime.call(request), { onRetry: () => process.stdout.write(`retry ${entryId} BUSY\n`) });
  if (!result.ok) throw new Error(result.error.message);
  process.stdout.write(`posted ${entryId} ${count} ${Date.now()}\n`);
  if (Number(pauseText) > 0) await sleep(Number(pauseText));
}
await runtime.shutdown();
process.stdout.write('closed\n');
