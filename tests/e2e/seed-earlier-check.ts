/**
 * For cash-find-payment.spec.ts: a check taken on an EARLIER business day, its drawer closed and
 * deposited — what the browser-mode server (which runs on today's clock) cannot make itself.
 * Opens the e2e server's database file beside it (SQLite WAL: two connections are fine) with a
 * clock fixed on that day and works through the same operations a clerk and supervisor use.
 *
 *   node --import tsx tests/e2e/seed-earlier-check.ts <db> <YYYY-MM-DD> <accountNumber> <checkNumber> <cents>
 * Prints {"receiptNumber": …, "paymentId": …} on stdout.
 */
import { randomUUID } from 'node:crypto';
import type { InputOf, OperationName, ResultOf } from '../../src-shared/contract';
import { fixedClock } from '../../src-main/core/clock';
import { createUser } from '../../src-main/core/users/users';
import { OfficeRuntime } from '../../src-main/operations/runtime';

const [databasePath, businessDate, accountNumber, checkNumber, centsText] = process.argv.slice(2);
if (!databasePath || !businessDate || !accountNumber || !checkNumber || !centsText) {
  console.error('usage: seed-earlier-check.ts <db> <YYYY-MM-DD> <accountNumber> <checkNumber> <cents>');
  process.exit(2);
}
const PASSWORD = 'demo-password';
/** Its own clerk, so a drawer another test left open today is never in the way. */
const CLERK = 'findclerk';

async function main(): Promise<void> {
  const clock = fixedClock(`${businessDate}T16:00:00.000Z`);
  const runtime = await OfficeRuntime.open({ databasePath: databasePath as string, mode: 'test', clock });
  try {
    const db = runtime.database.sqlite;
    if (!db.prepare('SELECT 1 FROM users WHERE username = ?').get(CLERK)) {
      createUser(db, clock.nowIso(), { username: CLERK, displayName: 'Fran Clerk', role: 'clerk', password: PASSWORD });
    }
    const as = async (username: string) => {
      const login = await runtime.call({ op: 'session.login', input: { username, password: PASSWORD } });
      if (!login.ok) throw new Error(`login ${username}: ${login.error.message}`);
      const token = (login.value as { token: string }).token;
      return async <Name extends OperationName>(op: Name, input: InputOf<Name>): Promise<ResultOf<Name>> => {
        const result = await runtime.call({ op, input, sessionToken: token, idempotencyKey: randomUUID() });
        if (!result.ok) throw new Error(`${op}: ${result.error.message}`);
        return result.value as ResultOf<Name>;
      };
    };
    const clerk = await as(CLERK);
    const amountCents = Number(centsText);
    const account = await clerk('accounts.findByNumber', { accountNumber: accountNumber as string });
    const drawer = await clerk('drawer.open', { workstation: 'Counter 9', floatCounts: {} });
    const receipt = await clerk('payments.take', {
      paymentId: randomUUID(),
      payerName: 'E2E payer',
      accounts: [{ accountId: account.accountId, amountCents }],
      tenders: [{ kind: 'check', amountCents, checkNumber: checkNumber as string, bank: 'Valley Bank' }],
    });
    await clerk('drawer.close', { drawerId: drawer.drawerId, entryId: randomUUID(), count: { cash: {}, items: [{ kind: 'check', number: checkNumber as string, amountCents }] } });
    const supervisor = await as('super');
    await supervisor('deposit.create', { depositId: randomUUID(), drawerIds: [drawer.drawerId] });
    console.log(JSON.stringify({ receiptNumber: receipt.receiptNumber, paymentId: receipt.paymentId }));
  } finally {
    await runtime.shutdown();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
