/**
 * Property: over random sequences of payments (split tenders, change, several accounts, credits)
 * and voids through the operations, the books always verify, the drawer's expected cash is
 * float + cash in − change out and equals GL 1000, checks and money orders equal GL 1010, cards
 * GL 1020, and the accounts' balances fell by exactly the payments not voided.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../src-shared/contract';
import { verifyBooks } from '../../src-main/core/ledger/verify';
import { supervisorApproval, type TestOffice } from '../support/office';
import { accountsWithBalances, balanceOf, createTestOffice, glBalance } from './payments-support';

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

const ACCOUNTS = 3;
type Tender = InputOf<'payments.take'>['tenders'][number];

const tenderArb: fc.Arbitrary<Tender> = fc.oneof(
  fc.integer({ min: 1, max: 50_000 }).map((amountCents): Tender => ({ kind: 'cash', amountCents })),
  fc.tuple(fc.integer({ min: 1, max: 50_000 }), fc.integer({ min: 1, max: 99_999 })).map(([amountCents, number]): Tender => ({ kind: 'check', amountCents, checkNumber: String(number), bank: 'Valley Bank' })),
  fc.integer({ min: 1, max: 50_000 }).map((amountCents): Tender => ({ kind: 'card', amountCents, lastFour: '1111', authorizationCode: 'A1' })),
  fc.integer({ min: 1, max: 50_000 }).map((amountCents): Tender => ({ kind: 'money_order', amountCents, serialNumber: 'MO1', issuer: '' })),
);

const stepArb = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('pay' as const), accounts: fc.uniqueArray(fc.integer({ min: 0, max: ACCOUNTS - 1 }), { minLength: 1, maxLength: ACCOUNTS }), tenders: fc.array(tenderArb, { minLength: 1, maxLength: 3 }), split: fc.double({ min: 0.05, max: 1, noNaN: true }), changeAsCredit: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), pick: fc.nat() }) },
);

describe('payments keep the books balanced', () => {
  it('over random payment and void sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 12 }), async (steps) => {
        office?.cleanup();
        office = await createTestOffice();
        const accountIds = accountsWithBalances(office, [30_000, 0, 10_000]);
        const clerk = office.as('clerk');
        const drawer = await clerk.must('drawer.open', { workstation: 'Counter 1', floatCounts: {} });
        const posted: { paymentId: string; cashKept: number; items: number; card: number; perAccount: number[] }[] = [];
        for (const step of steps) {
          if (step.kind === 'void') {
            const live = posted.filter((payment) => payment.paymentId !== '');
            const target = live[step.pick % Math.max(1, live.length)];
            if (!target) continue;
            await clerk.must('payments.void', { paymentId: target.paymentId, entryId: randomUUID(), reason: 'property test' }, { approval: supervisorApproval });
            target.paymentId = '';
            continue;
          }
          // The amount is some share of what was tendered, spread over the chosen accounts.
          const tendered = step.tenders.reduce((sum, tender) => sum + tender.amountCents, 0);
          // Every account gets at least a cent, so no more accounts than cents tendered.
          const chosen = step.accounts.slice(0, Math.min(step.accounts.length, tendered));
          const amountCents = Math.max(chosen.length, Math.floor(tendered * step.split));
          const base = Math.floor(amountCents / chosen.length);
          const lines = chosen.map((index, position) => ({ accountId: accountIds[index] as number, amountCents: position === 0 ? amountCents - base * (chosen.length - 1) : base }));
          const receipt = await clerk.must('payments.take', { paymentId: randomUUID(), accounts: lines, tenders: step.tenders, changeAsCredit: step.changeAsCredit });
          const byKind = (kind: Tender['kind']) => step.tenders.filter((tender) => tender.kind === kind).reduce((sum, tender) => sum + tender.amountCents, 0);
          expect(receipt.paymentCents + receipt.changeCents).toBe(tendered);
          posted.push({
            paymentId: receipt.paymentId,
            cashKept: byKind('cash') - receipt.changeCents,
            items: byKind('check') + byKind('money_order'),
            card: byKind('card'),
            perAccount: accountIds.map((accountId) => receipt.accounts.find((line) => line.accountId === accountId)?.amountCents ?? 0),
          });
        }
        const live = posted.filter((payment) => payment.paymentId !== '');
        const total = (pick: (payment: (typeof posted)[number]) => number) => live.reduce((sum, payment) => sum + pick(payment), 0);
        const current = await clerk.must('drawer.get', { drawerId: drawer.drawerId });
        expect(current.totals.expectedCashCents).toBe(current.totals.openingFloatCents + current.totals.cashInCents - current.totals.changeOutCents);
        expect([glBalance(office, '1000'), glBalance(office, '1010'), glBalance(office, '1020')]).toEqual([total((p) => p.cashKept), total((p) => p.items), total((p) => p.card)]);
        expect(current.totals.expectedCashCents).toBe(total((p) => p.cashKept));
        expect(accountIds.map((accountId) => balanceOf(office as TestOffice, accountId))).toEqual([30_000, 0, 10_000].map((opening, index) => opening - total((p) => p.perAccount[index] as number)));
        const books = verifyBooks(office.runtime.database.sqlite, '2026-11-02T18:00:00.000Z');
        expect(books.checks.filter((check) => !check.ok)).toEqual([]);
        const report = await office.as('supervisor').must('endOfDay.report', { businessDate: '2026-11-02' });
        expect(report.assertions.slice(0, 2).every((line) => line.ok)).toBe(true);
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});
