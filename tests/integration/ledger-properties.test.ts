/**
 * Property: whatever sequence of postings, retries and reversals the office makes, every entry
 * balances, each customer's balance is what an independent model says, and the receivable
 * control account equals the sum of customer balances.
 */
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GL } from '../../src-main/core/ledger/chart';
import { postEntry, reverseEntry } from '../../src-main/core/ledger/journal';
import { verifyBooks } from '../../src-main/core/ledger/verify';
import { OfficeError } from '../../src-main/core/errors';
import { insertBareAccounts } from '../support/fixtures';
import { createTestOffice, type TestOffice } from '../support/office';

const NOW = '2026-11-02T17:00:00.000Z';
const ACCOUNT_COUNT = 5;
const OFFSET_GL_CODES = [GL.waterRevenue, GL.wastewaterRevenue, GL.feeRevenue, GL.cashOnHand, GL.checksOnHand, GL.billingAdjustments];

type Step =
  | { kind: 'post'; accountIndexes: number[]; amountsCents: number[]; offsetIndex: number }
  | { kind: 'retry'; pick: number }
  | { kind: 'reverse'; pick: number };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({
    kind: fc.constant('post' as const),
    accountIndexes: fc.array(fc.integer({ min: 0, max: ACCOUNT_COUNT - 1 }), { minLength: 1, maxLength: 3 }),
    amountsCents: fc.array(fc.integer({ min: -500_000, max: 500_000 }).filter((value) => value !== 0), { minLength: 3, maxLength: 3 }),
    offsetIndex: fc.integer({ min: 0, max: OFFSET_GL_CODES.length - 1 }),
  }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('retry' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }) },
);

let office: TestOffice;
let accountIds: number[];
beforeAll(async () => {
  office = await createTestOffice();
  accountIds = insertBareAccounts(office.runtime.database.sqlite, ACCOUNT_COUNT);
});
afterAll(() => office.cleanup());

describe('the ledger under any sequence of operations', () => {
  it('stays balanced and agrees with an independent model', () => {
    const db = office.runtime.database.sqlite;
    fc.assert(
      fc.property(fc.array(stepArbitrary, { minLength: 1, maxLength: 40 }), (steps) => {
        // Each run starts from the books as they are; the model tracks only this run's effect.
        const startBalances = new Map(accountIds.map((id) => [id, balanceOf(id)]));
        const expected = new Map(startBalances);
        const posted: { entryId: string; lines: { glCode: string; accountId: number | null; amountCents: number }[]; reversed: boolean }[] = [];
        for (const step of steps) {
          if (step.kind === 'post') {
            const lines = step.accountIndexes.map((index, position) => ({
              glCode: GL.accountsReceivable,
              accountId: accountIds[index] as number,
              amountCents: step.amountsCents[position] as number,
            }));
            const total = lines.reduce((sum, line) => sum + line.amountCents, 0);
            const allLines = total === 0 ? lines : [...lines, { glCode: OFFSET_GL_CODES[step.offsetIndex] as string, accountId: null, amountCents: -total }];
            const entryId = randomUUID();
            const input = { entryId, effectiveDate: '2026-11-02', kind: 'test', memo: 'property', createdByUserId: null, lines: allLines };
            if (allLines.length < 2) {
              expect(() => postEntry(db, NOW, input)).toThrow(OfficeError);
              continue;
            }
            postEntry(db, NOW, input);
            posted.push({ entryId, lines: allLines, reversed: false });
            for (const line of lines) expected.set(line.accountId, (expected.get(line.accountId) ?? 0) + line.amountCents);
          } else if (posted.length > 0) {
            const target = posted[step.pick % posted.length]!;
            if (step.kind === 'retry') {
              const replay = postEntry(db, NOW, { entryId: target.entryId, effectiveDate: '2026-11-02', kind: 'test', memo: 'property', createdByUserId: null, lines: target.lines });
              expect(replay.replayed).toBe(true);
            } else if (target.reversed) {
              expect(() => reverseEntry(db, NOW, { entryId: randomUUID(), originalEntryId: target.entryId, reason: 'again', effectiveDate: '2026-11-02', createdByUserId: null })).toThrow(/already reversed/);
            } else {
              reverseEntry(db, NOW, { entryId: randomUUID(), originalEntryId: target.entryId, reason: 'property', effectiveDate: '2026-11-02', createdByUserId: null });
              target.reversed = true;
              for (const line of target.lines) {
                if (line.accountId !== null) expected.set(line.accountId, (expected.get(line.accountId) ?? 0) - line.amountCents);
              }
            }
          }
        }
        for (const id of accountIds) expect(balanceOf(id)).toBe(expected.get(id));
        const report = verifyBooks(db, NOW);
        expect(report.checks.filter((check) => !check.ok)).toEqual([]);
      }),
      { numRuns: 60 },
    );

    function balanceOf(accountId: number): number {
      const row = db.prepare('SELECT COALESCE(SUM(amount_cents), 0) AS total FROM journal_lines WHERE account_id = ?').get(accountId) as { total: number };
      return row.total;
    }
  });
});
