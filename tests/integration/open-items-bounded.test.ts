/**
 * An account's open items from the bounded replay (core/payments/open-items.ts, issue #14) equal
 * the full replay's, on random receivable ledgers stored in a real office database: bills, fees,
 * payments in full, partial payments, overpayments, debit and credit adjustments, entries dated
 * out of posting order, and reversals (a reversed entry and its reversal are both left out) —
 * under each application rule.
 */
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAYMENT_APPLICATION_RULES } from '../../src-shared/contract/payments';
import { GL } from '../../src-main/core/ledger/chart';
import { postEntry, reverseEntry } from '../../src-main/core/ledger/journal';
import { accountOpenItems, accountOpenItemsByFullReplay } from '../../src-main/core/payments/open-items';
import { closeDatabase, openDatabase, type OfficeDatabase, type Sqlite } from '../../src-main/core/storage/database';
import { setSetting } from '../../src-main/core/storage/settings';
import { insertBareAccounts } from '../support/fixtures';

const NOW = '2026-11-02T17:00:00.000Z';

type Step =
  | { kind: 'bill' | 'fee' | 'adjustment'; day: number; amountCents: number }
  | { kind: 'payment'; day: number; amountCents: number }
  | { kind: 'payoff'; day: number; extraCents: number }
  | { kind: 'reverse'; pick: number };

// Days mostly move forward, sometimes back (an entry dated before ones already posted).
const day = fc.integer({ min: -20, max: 60 }).map((value) => (value > 30 ? 0 : value)); // often the same day
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom('bill' as const, 'fee' as const, 'adjustment' as const), day, amountCents: fc.integer({ min: 1, max: 20_000 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('payment' as const), day, amountCents: fc.integer({ min: 1, max: 25_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('payoff' as const), day, extraCents: fc.integer({ min: -2_000, max: 2_000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }) },
);

let folder: string;
let database: OfficeDatabase;
let db: Sqlite;
/** Fresh accounts, one per ledger (shrinking a failure posts more ledgers). */
let unused: number[] = [];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'billing-office-open-items-'));
  database = await openDatabase(join(folder, 'office.sqlite'));
  db = database.sqlite;
  unused = insertBareAccounts(db, 2_000);
});
afterAll(() => {
  closeDatabase(database);
  rmSync(folder, { recursive: true, force: true });
});

const dateOf = (days: number) => new Date(Date.UTC(2022, 0, 1 + days)).toISOString().slice(0, 10);

/** Posts the steps to a new account; returns it. */
function ledger(steps: readonly Step[]): number {
  const accountId = unused.shift()!;
  const posted: string[] = [];
  let today = 0;
  let balanceCents = 0;
  for (const item of steps) {
    if (item.kind === 'reverse') {
      if (posted.length === 0) continue;
      const original = posted.splice(item.pick % posted.length, 1)[0]!;
      const amount = db.prepare('SELECT amount_cents FROM journal_lines WHERE entry_id = ? AND account_id = ?').pluck().get(original, accountId) as number;
      reverseEntry(db, NOW, { entryId: randomUUID(), originalEntryId: original, reason: 'test', effectiveDate: dateOf(today), createdByUserId: null });
      balanceCents -= amount;
      continue;
    }
    today = Math.max(0, today + item.day);
    const amountCents = item.kind === 'payment' ? -item.amountCents : item.kind === 'payoff' ? -(balanceCents + item.extraCents) : item.amountCents;
    if (amountCents === 0) continue;
    const entryId = randomUUID();
    const offset = amountCents > 0 ? (item.kind === 'fee' ? GL.feeRevenue : GL.waterRevenue) : GL.cashOnHand;
    postEntry(db, NOW, {
      entryId, effectiveDate: dateOf(today), kind: item.kind === 'payoff' ? 'payment' : item.kind, memo: `${item.kind} on day ${today}`, createdByUserId: null,
      lines: [{ glCode: GL.accountsReceivable, accountId, amountCents }, { glCode: offset, amountCents: -amountCents }],
    });
    posted.push(entryId);
    balanceCents += amountCents;
  }
  return accountId;
}

describe('open items, bounded', () => {
  it('equal the full replay on random stored ledgers, under each rule', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        const accountId = ledger(steps);
        for (const rule of PAYMENT_APPLICATION_RULES) {
          setSetting(db, 'paymentApplicationRule', rule);
          const asOf = dateOf(200);
          expect(accountOpenItems(db, accountId, asOf)).toEqual(accountOpenItemsByFullReplay(db, accountId, asOf));
        }
      }),
      { numRuns: 80 },
    );
  });
});
