/**
 * Charging a one-off fee from the rate document's fee table to an account (account set-up, meter
 * test, door tag, reconnection…): the amount comes from the schedule in force that day, never
 * typed, and posts receivable against fee revenue with the fee's arithmetic in the memo.
 */
import { newRequestId } from '../../../src-shared/ids';
import type { FeeCharge } from '../../../src-shared/contract/billing';
import { notFound } from '../errors';
import { GL } from '../ledger/chart';
import { postEntryInTransaction } from '../ledger/journal';
import { computeFee } from '../rates';
import type { Sqlite } from '../storage/database';
import { perConnection } from '../storage/prepared';
import { currentRates } from './rate-store';

const statements = perConnection((db: Sqlite) => ({
  account: db.prepare<[number], string>('SELECT account_number FROM accounts WHERE id = ?').pluck(),
  balance: db.prepare<[number], number>('SELECT balance_cents FROM account_balances WHERE account_id = ?').pluck(),
}));

export function chargeFee(
  db: Sqlite,
  actor: { userId: number; nowIso: string; today: string; approvedByUserId: number | null },
  input: { accountId: number; code: string; baseCents?: number | undefined; note: string },
): FeeCharge {
  const accountNumber = statements(db).account.get(input.accountId);
  if (accountNumber === undefined) throw notFound(`Account ${input.accountId}`, 'accountId');
  const line = computeFee(currentRates(db).book, { code: input.code, date: actor.today, ...(input.baseCents !== undefined ? { baseCents: input.baseCents } : {}) });
  // A retry of the same request is replayed by the dispatcher's idempotency key before it gets here.
  const entryId = newRequestId();
  postEntryInTransaction(db, actor.nowIso, {
    entryId,
    effectiveDate: actor.today,
    kind: 'fee',
    // A flat fee's sentence already names the fee ("Account set-up: $35.00"); a percentage one does not.
    memo: `${line.explanation.sentence.startsWith(line.description) ? '' : `${line.description}: `}${line.explanation.sentence}${input.note ? ` — ${input.note}` : ''}`,
    lines: [
      { glCode: GL.accountsReceivable, accountId: input.accountId, amountCents: line.amountCents },
      { glCode: GL.feeRevenue, amountCents: -line.amountCents },
    ],
    createdByUserId: actor.userId,
    approvedByUserId: actor.approvedByUserId,
  });
  return { accountId: input.accountId, accountNumber, code: input.code, description: line.description, amountCents: line.amountCents, explanation: line.explanation.sentence, entryId, balanceCents: statements(db).balance.get(input.accountId) ?? 0 };
}
