/**
 * Counting a drawer by denomination and closing it: a hand-computed day (float, cash with change,
 * checks, card, split tender, a void, a short), checks matched by number and amount, and the
 * property that the drawer expects float + cash in − change out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OfficeError } from '../../src-main/core/errors';
import {
  breakdownCents,
  countCash,
  expectDrawer,
  reconcileDrawer,
  settleTenders,
  type DrawerPayment,
  type TenderSettlementInput,
} from '../../src-main/core/payments';
import type { TenderInput } from '../../src-shared/contract/payments';

function refusal(run: () => unknown): [string | undefined, string] {
  try {
    run();
  } catch (error) {
    if (error instanceof OfficeError) return [error.field, error.message];
    throw error;
  }
  throw new Error('expected a refusal');
}

/** A receipt as the drawer stores it: settled at the counter, maybe voided later. */
function receipt(receiptNumber: string, input: TenderSettlementInput, voided = false): DrawerPayment {
  const settled = settleTenders(input);
  return { receiptNumber, voided, tenders: settled.tenders, changeCents: settled.changeCents };
}
const cash = (amountCents: number): TenderInput => ({ kind: 'cash', amountCents });
const check = (amountCents: number, checkNumber: string): TenderInput => ({ kind: 'check', amountCents, checkNumber, bank: 'Valley Bank' });

describe('counting cash by denomination', () => {
  it('adds bills, loose coin and rolled coin, with currency and coin apart for the deposit slip', () => {
    // Currency: 12×$20 + 3×$5 + 17×$1 = $272.00. Coin: 7×25¢ + 2 rolls of quarters ($20) + 1 roll of pennies (50¢) + 3¢ = $22.28.
    const counted = countCash({ bill_20: 12, bill_5: 3, bill_1: 17, coin_25: 7, roll_25: 2, roll_1: 1, coin_1: 3, bill_100: 0 });
    expect([counted.currencyCents, counted.coinCents, counted.totalCents]).toEqual([27_200, 2_228, 29_428]);
    expect(counted.lines.map((line) => [line.code, line.count, line.amountCents])).toEqual([
      ['bill_20', 12, 24_000],
      ['bill_5', 3, 1_500],
      ['bill_1', 17, 1_700],
      ['coin_25', 7, 175],
      ['coin_1', 3, 3],
      ['roll_25', 2, 2_000],
      ['roll_1', 1, 50],
    ]);
  });

  it('refuses negative, fractional and unknown counts, naming the denomination', () => {
    expect(refusal(() => countCash({ bill_1: -1 }))).toEqual(['cash.bill_1', 'cash.bill_1: A count cannot be negative']);
    expect(refusal(() => countCash({ coin_25: 2.5 }))).toEqual(['cash.coin_25', 'cash.coin_25: A count is a whole number of bills, coins or rolls']);
    expect(refusal(() => countCash({ bill_3: 1 }))[1]).toMatch(/^cash: Not a US denomination this drawer counts \(bill_3\)/);
  });

  it('breaks an amount into the fewest till pieces', () => {
    expect(breakdownCents(8_745)).toEqual({ bill_50: 1, bill_20: 1, bill_10: 1, bill_5: 1, bill_1: 2, coin_25: 1, coin_10: 2 });
    expect(countCash(breakdownCents(20_000)).totalCents).toBe(20_000);
    expect(refusal(() => breakdownCents(7, ['coin_5']))[0]).toBe('amountCents');
  });
});

describe('a drawer day, closed with a short', () => {
  // Float $200.00. R-1 cash $100 for $87.45 (change $12.55); R-2 check 1043 $52.00; R-3 card $64.10;
  // R-4 check 2211 $50 + cash $40 for $87.45 (change $2.55); R-5 cash $20.00, voided;
  // R-6 money order $75.00.
  // Expected cash = 200.00 + (100.00 + 40.00) − (12.55 + 2.55) = $324.90.
  const payments: DrawerPayment[] = [
    receipt('R-1', { amountCents: 8_745, tenders: [cash(10_000)] }),
    receipt('R-2', { amountCents: 5_200, tenders: [check(5_200, '1043')] }),
    receipt('R-3', { amountCents: 6_410, tenders: [{ kind: 'card', amountCents: 6_410, lastFour: '4242', authorizationCode: 'A1B2C3' }] }),
    receipt('R-4', { amountCents: 8_745, tenders: [check(5_000, '2211'), cash(4_000)] }),
    receipt('R-5', { amountCents: 2_000, tenders: [cash(2_000)] }, true),
    receipt('R-6', { amountCents: 7_500, tenders: [{ kind: 'money_order', amountCents: 7_500, serialNumber: '27182818284' }] }),
  ];
  const expected = expectDrawer(20_000, payments);
  // $324.88 counted: 1×$100, 2×$50, 5×$20, 1×$10, 2×$5, 4×$1, 3 quarters, 1 dime, 3 pennies.
  const cashCount = { bill_100: 1, bill_50: 2, bill_20: 5, bill_10: 1, bill_5: 2, bill_1: 4, coin_25: 3, coin_10: 1, coin_1: 3 };
  const items = [
    { kind: 'check' as const, number: '2211', amountCents: 5_000 },
    { kind: 'check' as const, number: '001043', amountCents: 5_200 },
    { kind: 'money_order' as const, number: '27182818284', amountCents: 7_500 },
  ];

  it('expects float + cash in − change out, the checks and money order listed, and the card total', () => {
    expect(expected).toMatchObject({
      openingFloatCents: 20_000,
      cashInCents: 14_000,
      changeOutCents: 1_510,
      cashCents: 32_490,
      checkCents: 10_200,
      moneyOrderCents: 7_500,
      cardCents: 6_410,
      paymentCount: 5,
      voidedCount: 1,
    });
    expect(expected.items).toEqual([
      { kind: 'check', number: '1043', amountCents: 5_200, receiptNumber: 'R-2', drawnOn: 'Valley Bank' },
      { kind: 'check', number: '2211', amountCents: 5_000, receiptNumber: 'R-4', drawnOn: 'Valley Bank' },
      { kind: 'money_order', number: '27182818284', amountCents: 7_500, receiptNumber: 'R-6', drawnOn: '' },
    ]);
  });

  it('finds the drawer 2 cents short in cash; checks (leading zeros aside), money order and card agree', () => {
    const close = reconcileDrawer(expected, { cash: cashCount, items, cardBatchTotalCents: 6_410 });
    expect(close.cash.totalCents).toBe(32_488);
    expect(close.comparisons).toEqual([
      { tender: 'cash', expectedCents: 32_490, countedCents: 32_488, overShortCents: -2 },
      { tender: 'check', expectedCents: 10_200, countedCents: 10_200, overShortCents: 0 },
      { tender: 'money_order', expectedCents: 7_500, countedCents: 7_500, overShortCents: 0 },
      { tender: 'card', expectedCents: 6_410, countedCents: 6_410, overShortCents: 0 },
    ]);
    expect([close.overShortCents, close.cardDifferenceCents, close.balanced]).toEqual([-2, 0, false]);
    expect(close.items.missing).toEqual([]);
    expect(close.items.unexpected).toEqual([]);
    expect(close.findings).toEqual(['Cash is short $0.02: counted $324.88, expected $324.90 (float $200.00 + cash in $140.00 − change $15.10).']);
  });

  it('balances when the count is exactly what is expected; the card batch may be left out', () => {
    const close = reconcileDrawer(expected, { cash: { ...cashCount, coin_1: 5 }, items });
    expect([close.overShortCents, close.cardDifferenceCents, close.balanced, close.findings]).toEqual([0, null, true, []]);
    expect(close.comparisons[3]).toEqual({ tender: 'card', expectedCents: 6_410, countedCents: null, overShortCents: null });
  });

  it('a check listed at the wrong amount and an extra check: checks over $10.00 net, each one named', () => {
    const close = reconcileDrawer(expected, {
      cash: { ...cashCount, coin_1: 5 },
      items: [{ kind: 'check', number: '1043', amountCents: 2_500 }, items[0]!, items[2]!, { kind: 'check', number: '7777', amountCents: 3_700 }],
      cardBatchTotalCents: 6_510,
    });
    // Checks counted 25.00 + 50.00 + 37.00 = $112.00 against $102.00 expected.
    expect(close.comparisons[1]).toEqual({ tender: 'check', expectedCents: 10_200, countedCents: 11_200, overShortCents: 1_000 });
    expect([close.overShortCents, close.cardDifferenceCents, close.balanced]).toEqual([1_000, 100, false]);
    expect(close.items.missing.map((item) => item.receiptNumber)).toEqual(['R-2']);
    expect(close.items.unexpected.map((item) => item.number)).toEqual(['1043', '7777']);
    expect(close.findings).toEqual([
      'Checks are over $10.00: counted $112.00, expected $102.00.',
      'The card batch total is over $1.00: counted $65.10, expected $64.10.',
      'Check 1043 for $52.00 (receipt R-2) is listed at $25.00: check the amount keyed on the receipt or the count.',
      'Check 7777 for $37.00 is in the drawer but on no receipt.',
    ]);
  });

  it('refuses a stored receipt whose change exceeds its cash, and a bad count, naming the field', () => {
    const bad: DrawerPayment = { receiptNumber: 'R-9', voided: false, tenders: [{ kind: 'cash', amountCents: 1_000 }], changeCents: 1_001 };
    expect(refusal(() => expectDrawer(0, [bad]))).toEqual([
      'payments.0.changeCents',
      'payments.0.changeCents: receipt R-9 gave $10.01 change from $10.00 cash; change never exceeds the cash tendered',
    ]);
    expect(refusal(() => expectDrawer(-1, []))[0]).toBe('openingFloatCents');
    expect(refusal(() => reconcileDrawer(expected, { cash: { bill_20: -3 }, items: [] }))[0]).toBe('cash.bill_20');
    expect(refusal(() => reconcileDrawer(expected, { cash: {}, items: [{ kind: 'check', number: '4111111111111111', amountCents: 100 }] }))[0]).toBe('items.0.number');
  });
});

describe('drawer properties', () => {
  const tender = fc.oneof(
    fc.integer({ min: 1, max: 30_000 }).map(cash),
    fc.tuple(fc.integer({ min: 1, max: 30_000 }), fc.integer({ min: 1, max: 999_999 })).map(([amount, number]) => check(amount, String(number))),
    fc.integer({ min: 1, max: 30_000 }).map((amount): TenderInput => ({ kind: 'card', amountCents: amount, lastFour: '4242', authorizationCode: 'OK1' })),
  );
  const payment = fc.record({
    tenders: fc.array(tender, { minLength: 1, maxLength: 4 }),
    amountSeed: fc.integer({ min: 0, max: 1_000_000 }),
    voided: fc.boolean(),
    changeAsCredit: fc.boolean(),
  });

  it('expected cash = float + cash in − change out over the receipts not voided; counting exactly that balances', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000 }), fc.array(payment, { maxLength: 25 }), (floatCents, drawn) => {
        const payments = drawn.map((draw, index) => {
          const tenderedCents = draw.tenders.reduce((sum, t) => sum + t.amountCents, 0);
          return receipt(`R-${index}`, { amountCents: 1 + (draw.amountSeed % tenderedCents), tenders: draw.tenders, changeAsCredit: draw.changeAsCredit }, draw.voided);
        });
        const kept = payments.filter((p) => !p.voided);
        const cashIn = kept.flatMap((p) => p.tenders).filter((t) => t.kind === 'cash').reduce((sum, t) => sum + t.amountCents, 0);
        const changeOut = kept.reduce((sum, p) => sum + p.changeCents, 0);
        const expected = expectDrawer(floatCents, payments);
        expect([expected.cashInCents, expected.changeOutCents, expected.cashCents]).toEqual([cashIn, changeOut, floatCents + cashIn - changeOut]);
        expect(expected.cashCents).toBeGreaterThanOrEqual(floatCents);

        const close = reconcileDrawer(expected, {
          cash: breakdownCents(expected.cashCents),
          items: expected.items.map(({ kind, number, amountCents }) => ({ kind, number, amountCents })).reverse(),
          cardBatchTotalCents: expected.cardCents,
        });
        expect([close.overShortCents, close.cardDifferenceCents, close.balanced]).toEqual([0, 0, true]);
      }),
      { numRuns: 300 },
    );
  });
});
