/** A test office whose clock a test moves day by day, and accounts with a service of a chosen rate class. */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../src-main/core/clock';
import type { RateClass } from '../../src-shared/contract/accounts';
import { insertBareAccounts } from '../support/fixtures';
import { createTestOffice, type TestOffice } from '../support/office';

export interface MovableClock extends Clock {
  set(date: string): void;
}

export function movableClock(start: string): MovableClock {
  let day = start;
  return { nowIso: () => `${day}T17:00:00.000Z`, today: () => day, set: (date) => (day = date) };
}

export async function collectionsOffice(start = '2026-09-01'): Promise<{ office: TestOffice; clock: MovableClock }> {
  const clock = movableClock(start);
  return { office: await createTestOffice({ clock }), clock };
}

/** Accounts (numbers T000000…) each with a water service of the rate class. */
export function accountsOfClass(office: TestOffice, rateClasses: readonly RateClass[]): number[] {
  const db = office.runtime.database.sqlite;
  const ids = insertBareAccounts(db, rateClasses.length);
  const insert = db.prepare("INSERT INTO account_services (account_id, service, rate_class, started_on) VALUES (?, 'water', ?, '2026-01-01')");
  ids.forEach((id, index) => insert.run(id, rateClasses[index]));
  return ids;
}

/** A charge (positive) or a payment (negative) on the office's day, through the ledger. */
export async function post(office: TestOffice, accountId: number, amountCents: number): Promise<void> {
  await office.as('supervisor').must('ledger.adjust', { entryId: randomUUID(), accountId, amountCents, reason: amountCents > 0 ? 'water charges' : 'payment' });
}
