/**
 * Shared set-up for the payments integration tests: an office with bare accounts carrying
 * opening balances (posted the day before, so they stay out of the day's report), and a
 * second clerk.
 */
import { randomUUID } from 'node:crypto';
import type { InputOf } from '../../src-shared/contract';
import { postEntry } from '../../src-main/core/ledger/journal';
import { createUser } from '../../src-main/core/users/users';
import { insertBareAccounts } from '../support/fixtures';
import { createTestOffice, TEST_PASSWORD, type Caller, type TestOffice } from '../support/office';

export const DAY = '2026-11-02';

/** Accounts with these opening balances (cents), posted against 3900 on the day before. */
export function accountsWithBalances(office: TestOffice, balancesCents: readonly number[]): number[] {
  const db = office.runtime.database.sqlite;
  const ids = insertBareAccounts(db, balancesCents.length);
  ids.forEach((accountId, index) => {
    const cents = balancesCents[index] as number;
    if (cents === 0) return;
    postEntry(db, '2026-11-01T17:00:00.000Z', {
      entryId: randomUUID(),
      effectiveDate: '2026-11-01',
      kind: 'opening_balance',
      memo: 'opening balance',
      createdByUserId: null,
      lines: [
        { glCode: '1100', accountId, amountCents: cents },
        { glCode: '3900', amountCents: -cents },
      ],
    });
  });
  return ids;
}

/** A second clerk, logged in, calling through the same dispatcher. */
export async function secondClerk(office: TestOffice, username = 'cruz'): Promise<Caller> {
  const db = office.runtime.database.sqlite;
  createUser(db, '2026-11-02T08:00:00.000Z', { username, displayName: 'Cruz Clerk', role: 'clerk', password: TEST_PASSWORD });
  const login = await office.runtime.call({ op: 'session.login', input: { username, password: TEST_PASSWORD } });
  if (!login.ok) throw new Error(login.error.message);
  const token = (login.value as { token: string }).token;
  const call: Caller['call'] = (op, input, options = {}) =>
    office.runtime.call({ op, input, sessionToken: token, idempotencyKey: options.idempotencyKey ?? randomUUID(), ...(options.approval ? { approval: options.approval } : {}) }) as never;
  return {
    token,
    call,
    must: async (op, input, options) => {
      const result = await call(op, input, options);
      if (!result.ok) throw new Error(`${op} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
  };
}

/** A $200.00 float: $195.00 in bills, $5.00 in coin. */
export const FLOAT_200: InputOf<'drawer.open'>['floatCounts'] = { bill_20: 5, bill_10: 5, bill_5: 6, bill_1: 15, coin_25: 16, coin_10: 5, coin_5: 6, coin_1: 20 };

export function balanceOf(office: TestOffice, accountId: number): number {
  return (office.runtime.database.sqlite.prepare('SELECT balance_cents FROM account_balances WHERE account_id = ?').pluck().get(accountId) as number | undefined) ?? 0;
}

export function glBalance(office: TestOffice, glCode: string): number {
  return office.runtime.database.sqlite.prepare('SELECT COALESCE(SUM(amount_cents), 0) FROM journal_lines WHERE gl_code = ?').pluck().get(glCode) as number;
}

export { createTestOffice };
