/**
 * The account page's billing helpers: which fees are in force on a day, how a fee reads in the
 * list, what it will charge (flat, a percentage, raised to its minimum, rounded half-up), and the
 * words for a move-out's outcome.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rateDocument, type FeeRate } from '../../src-shared/contract/rates';
import { feeAmountCents, feeTerms, feesInForce, moveOutOutcome } from '../../src-renderer/accounts/accountBilling';

const valleVerde = rateDocument.parse(JSON.parse(readFileSync('src-main/core/rates/samples/valle-verde.json', 'utf8')));
const late: FeeRate = { description: 'Late charge', kind: 'percent', percent: '10', minimumAmount: '5.00' };

describe('feesInForce', () => {
  it('takes the fee table of the schedule in force that day', () => {
    const june = feesInForce(valleVerde, '2026-06-30');
    const july = feesInForce(valleVerde, '2026-07-01');
    expect(june.find((fee) => fee.code === 'RECONNECT')?.fee).toMatchObject({ amount: '60.00' });
    expect(july.find((fee) => fee.code === 'RECONNECT')?.fee).toMatchObject({ amount: '65.00' });
    expect(july[0]).toMatchObject({ code: 'SETUP', scheduleName: '2026-27 rates (5% increase)' });
    expect(july.map((fee) => fee.code)).toEqual(['SETUP', 'RETURNED_CHECK', 'LATE', 'DOOR_TAG', 'RECONNECT', 'RECONNECT_AFTER_HOURS', 'METER_TEST']);
  });

  it('is empty before the first schedule starts', () => {
    expect(feesInForce(valleVerde, '2025-12-31')).toEqual([]);
  });
});

describe('feeAmountCents', () => {
  it('charges a flat fee its published amount', () => {
    expect(feeAmountCents({ description: 'Account set-up', kind: 'flat', amount: '35.00' }, null)).toBe(3_500);
  });

  it('charges a percentage of the base, or the minimum when that is more', () => {
    // 10% of $84.20 = $8.42; 10% of $20.00 = $2.00, below the $5.00 minimum.
    expect(feeAmountCents(late, 8_420)).toBe(842);
    expect(feeAmountCents(late, 2_000)).toBe(500);
    expect(feeAmountCents(late, null)).toBeNull();
  });

  it('rounds half a cent up, as the main process does', () => {
    // 10% of $84.25 = $8.425 → $8.43; 10% of $84.24 = $8.424 → $8.42.
    expect(feeAmountCents({ ...late, minimumAmount: undefined }, 8_425)).toBe(843);
    expect(feeAmountCents({ ...late, minimumAmount: undefined }, 8_424)).toBe(842);
  });
});

describe('feeTerms', () => {
  it('says a flat amount, or the percentage and its minimum', () => {
    expect(feeTerms({ description: 'Door tag', kind: 'flat', amount: '15.00' })).toBe('$15.00');
    expect(feeTerms(late)).toBe('10% of an amount (minimum $5.00)');
  });
});

describe('moveOutOutcome', () => {
  it('says a refund, a balance due, or nothing owed', () => {
    expect(moveOutOutcome({ balanceCents: -5_048, refundDueCents: 5_048 })).toEqual({ label: 'REFUND DUE to the customer', amountCents: 5_048, kind: 'refund' });
    expect(moveOutOutcome({ balanceCents: 1_250, refundDueCents: 0 })).toEqual({ label: 'Balance due from the customer', amountCents: 1_250, kind: 'due' });
    expect(moveOutOutcome({ balanceCents: 0, refundDueCents: 0 })).toMatchObject({ kind: 'settled', amountCents: 0 });
  });
});
