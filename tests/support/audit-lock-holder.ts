/**
 * Child process for the concurrency tests: another workstation in the middle of an audited
 * write. It opens the office, logs in, begins an IMMEDIATE transaction on its connection (the
 * write lock), posts an adjustment through OfficeRuntime.call inside it (the dispatcher's own
 * transaction becomes a savepoint, so the adjustment and its audit record are written but not yet
 * committed), prints "locked", holds the lock `holdMs`, commits, and prints "committed".
 *   node --import tsx tests/support/audit-lock-holder.ts <databasePath> <accountId> <username> <password> <holdMs>
 */
import { randomUUID } from 'node:crypto';
import { OfficeRuntime } from '../../src-main/operations/runtime';

const [databasePath, accountIdText, username, password, holdText] = process.argv.slice(2) as [string, string, string, string, string];
const runtime = await OfficeRuntime.open({ databasePath, mode: 'test' });
const login = await runtime.call({ op: 'session.login', input: { username, password } });
if (!login.ok) throw new Error(login.error.message);
const sessionToken = (login.value as { token: string }).token;
const db = runtime.database.sqlite;
db.exec('BEGIN IMMEDIATE');
const entryId = randomUUID();
const adjusted = await runtime.call({
  op: 'ledger.adjust',
  input: { entryId, accountId: Number(accountIdText), amountCents: 100, reason: 'written while another workstation logs in' },
  sessionToken,
  idempotencyKey: entryId,
});
if (!adjusted.ok) throw new Error(adjusted.error.message);
process.stdout.write('locked\n');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(holdText));
db.exec('COMMIT');
process.stdout.write('committed\n');
await runtime.shutdown();
