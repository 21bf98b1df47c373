/**
 * Applying a partial payment to open charges by the district's rule, hand-computed for both
 * orders, and properties: the allocations sum to what the payment covers, nothing goes negative,
 * and the order of the input does not matter.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OfficeError } from '../../src-main/core/errors';
import { applyPayment, type ApplyPaymentInput, type OpenCharge } from '../../src-main/core/payments';

function refusal(input: ApplyPaymentInput): [string | undefined, string] {
  try {
    applyPayment(input);
  } catch (error) {
    if (error instanceof OfficeError) return [error.field, error.message];
    throw error;
  }
  throw new Error('expected a refusal');
}

// An account on 2026-03-10: January's bill ($42.10, past due), its late fee ($5.00), February's
// bill ($63.15, past due), its late fee ($5.00) and March's bill ($71.50, not yet due).
// Everything open: $186.75.
const CHARGES: OpenCharge[] = [
  { chargeId: 5, kind: 'charge', chargeDate: '2026-03-02', dueDate: '2026-03-25', openCents: 7_150 },
  { chargeId: 2, kind: 'penalty', chargeDate: '2026-01-27', dueDate: '2026-02-20', openCents: 500 },
  { chargeId: 1, kind: 'charge', chargeDate: '2026-01-02', dueDate: '2026-01-25', openCents: 4_210 },
  { chargeId: 4, kind: 'penalty', chargeDate: '2026-02-27', dueDate: '2026-03-20', openCents: 500 },
  { chargeId: 3, kind: 'charge', chargeDate: '2026-02-02', dueDate: '2026-02-25', openCents: 6_315 },
];
const AS_OF = '2026-03-10';
const applied = (input: ApplyPaymentInput) => applyPayment(input).allocations.map((line) => [line.chargeId, line.bucket, line.appliedCents, line.openAfterCents]);

describe('oldest charges first (the default)', () => {
  it('$100.00 pays January ($42.10), its fee ($5.00), then $52.90 of February', () => {
    expect(applied({ paymentCents: 10_000, charges: CHARGES, asOfDate: AS_OF })).toEqual([
      [1, 'past_due', 4_210, 0],
      [2, 'penalty', 500, 0],
      [3, 'past_due', 5_290, 1_025],
    ]);
    expect(applyPayment({ paymentCents: 10_000, charges: CHARGES, asOfDate: AS_OF })).toMatchObject({ rule: 'oldest_first', appliedCents: 10_000, creditCents: 0 });
  });
});

describe('penalties, then past due, then current', () => {
  it('$100.00 pays both fees ($10.00), January ($42.10), then $47.90 of February', () => {
    expect(applied({ paymentCents: 10_000, charges: CHARGES, asOfDate: AS_OF, rule: 'penalties_past_due_current' })).toEqual([
      [2, 'penalty', 500, 0],
      [4, 'penalty', 500, 0],
      [1, 'past_due', 4_210, 0],
      [3, 'past_due', 4_790, 1_525],
    ]);
  });

  it('$150.00 reaches the current bill only after everything past due: $34.75 of March', () => {
    // 5.00 + 5.00 + 42.10 + 63.15 = 115.25; 150.00 − 115.25 = 34.75 of March's 71.50.
    expect(applied({ paymentCents: 15_000, charges: CHARGES, asOfDate: AS_OF, rule: 'penalties_past_due_current' }).at(-1)).toEqual([5, 'current', 3_475, 3_675]);
  });

  it('a charge due on the payment date is current, not past due', () => {
    const dueToday: OpenCharge = { chargeId: 9, kind: 'charge', chargeDate: '2026-02-10', dueDate: AS_OF, openCents: 1_000 };
    expect(applyPayment({ paymentCents: 100, charges: [dueToday], asOfDate: AS_OF }).allocations[0]?.bucket).toBe('current');
  });
});

describe('overpayment and order', () => {
  it('pays everything and leaves the rest as a credit, whatever the rule', () => {
    for (const rule of ['oldest_first', 'penalties_past_due_current'] as const) {
      const result = applyPayment({ paymentCents: 20_000, charges: CHARGES, asOfDate: AS_OF, rule });
      expect([result.appliedCents, result.creditCents, result.allocations.every((line) => line.openAfterCents === 0)]).toEqual([18_675, 1_325, true]);
    }
    expect(applyPayment({ paymentCents: 2_500, charges: [], asOfDate: AS_OF })).toMatchObject({ allocations: [], appliedCents: 0, creditCents: 2_500 });
  });

  it('breaks ties by due date, then by id (numbers numerically, before text ids)', () => {
    const sameDay = (chargeId: number | string, dueDate = '2026-02-25'): OpenCharge => ({ chargeId, kind: 'charge', chargeDate: '2026-02-02', dueDate, openCents: 100 });
    const order = applyPayment({ paymentCents: 10_000, charges: [sameDay('b'), sameDay(10), sameDay('a'), sameDay(9), sameDay(1, '2026-02-26')], asOfDate: AS_OF }).allocations.map((line) => line.chargeId);
    expect(order).toEqual([9, 10, 'a', 'b', 1]);
  });

  it('refuses a payment of nothing, a charge twice, a charge with nothing open, a bad date or rule, naming the field', () => {
    expect(refusal({ paymentCents: 0, charges: CHARGES, asOfDate: AS_OF })[0]).toBe('paymentCents');
    expect(refusal({ paymentCents: 100, charges: [CHARGES[0]!, CHARGES[0]!], asOfDate: AS_OF })).toEqual(['charges.1.chargeId', 'charges.1.chargeId: charge 5 is listed twice']);
    expect(refusal({ paymentCents: 100, charges: [{ ...CHARGES[0]!, openCents: 0 }], asOfDate: AS_OF })).toEqual(['charges.0.openCents', 'charges.0.openCents: An open charge has more than $0.00 open']);
    expect(refusal({ paymentCents: 100, charges: CHARGES, asOfDate: '2026-02-30' })).toEqual(['asOfDate', 'asOfDate: That date does not exist']);
    expect(refusal({ paymentCents: 100, charges: CHARGES, asOfDate: AS_OF, rule: 'largest_first' as never })[0]).toBe('rule');
  });
});

describe('application properties', () => {
  const date = fc.integer({ min: 0, max: 400 }).map((day) => new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10));
  const charges = fc.uniqueArray(
    fc.record({ chargeId: fc.integer({ min: 1, max: 10_000 }), kind: fc.constantFrom('penalty' as const, 'charge' as const), chargeDate: date, dueDate: date, openCents: fc.integer({ min: 1, max: 100_000 }) }),
    { selector: (charge) => charge.chargeId, maxLength: 30 },
  );

  it('allocations sum to min(payment, open); none is negative or above its charge; the rest is credit; input order does not matter', () => {
    fc.assert(
      fc.property(charges, fc.integer({ min: 1, max: 3_000_000 }), fc.constantFrom('oldest_first' as const, 'penalties_past_due_current' as const), date, (open, paymentCents, rule, asOfDate) => {
        const result = applyPayment({ paymentCents, charges: open, rule, asOfDate });
        const totalOpen = open.reduce((sum, charge) => sum + charge.openCents, 0);
        const sum = result.allocations.reduce((total, line) => total + line.appliedCents, 0);
        expect(sum).toBe(Math.min(paymentCents, totalOpen));
        expect(result.appliedCents).toBe(sum);
        expect(result.creditCents).toBe(paymentCents - sum);
        expect(result.creditCents).toBeGreaterThanOrEqual(0);
        for (const line of result.allocations) {
          expect(line.appliedCents).toBeGreaterThan(0);
          expect(line.openAfterCents).toBeGreaterThanOrEqual(0);
          expect(line.openBeforeCents - line.appliedCents).toBe(line.openAfterCents);
        }
        // Only the last charge paid may be left partly open.
        expect(result.allocations.slice(0, -1).every((line) => line.openAfterCents === 0)).toBe(true);
        expect(applyPayment({ paymentCents, charges: [...open].reverse(), rule, asOfDate })).toEqual(result);
      }),
      { numRuns: 500 },
    );
  });
});
