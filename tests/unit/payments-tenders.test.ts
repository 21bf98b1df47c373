/**
 * Tenders at the counter: change, split tenders and credits computed by hand, card numbers
 * refused without being repeated, and the settlement's invariants over random tenders.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OfficeError } from '../../src-main/core/errors';
import { describeTender, settleTenders, type TenderSettlementInput } from '../../src-main/core/payments';
import { containsCardNumber, passesLuhn, type TenderInput } from '../../src-shared/contract/payments';

const cash = (amountCents: number): TenderInput => ({ kind: 'cash', amountCents });
const check = (amountCents: number, checkNumber = '1043', bank = 'Valley Bank'): TenderInput => ({ kind: 'check', amountCents, checkNumber, bank });
const card = (amountCents: number, lastFour = '1111', authorizationCode = '0a12b'): TenderInput => ({ kind: 'card', amountCents, lastFour, authorizationCode });

/** The OfficeError settleTenders throws, as [field, message]. */
function refusal(input: TenderSettlementInput): [string | undefined, string] {
  try {
    settleTenders(input);
  } catch (error) {
    if (error instanceof OfficeError) return [error.field, error.message];
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('change and credit', () => {
  it('cash $100.00 for an $87.45 payment: $12.55 change, nothing credited', () => {
    const settled = settleTenders({ amountCents: 8_745, tenders: [cash(10_000)] });
    expect(settled).toMatchObject({ tenderedCents: 10_000, changeCents: 1_255, paymentCents: 8_745, creditCents: 0, cashKeptCents: 8_745 });
  });

  it('exact cash gives no change', () => {
    expect(settleTenders({ amountCents: 8_745, tenders: [cash(8_745)] })).toMatchObject({ changeCents: 0, paymentCents: 8_745, creditCents: 0 });
  });

  it('split: a $50.00 check and $40.00 cash for $87.45 gives $2.55 change from the cash', () => {
    const settled = settleTenders({ amountCents: 8_745, tenders: [check(5_000), cash(4_000)] });
    expect(settled).toMatchObject({ tenderedCents: 9_000, changeCents: 255, paymentCents: 8_745, creditCents: 0, cashKeptCents: 3_745 });
    expect(settled.tenderedByKind).toEqual({ cash: 4_000, check: 5_000, card: 0, money_order: 0 });
  });

  it('split across three kinds: card $30.00 + check $40.00 + cash $20.00 for $87.45: $2.55 change', () => {
    const settled = settleTenders({ amountCents: 8_745, tenders: [card(3_000), check(4_000), cash(2_000)] });
    expect(settled).toMatchObject({ tenderedCents: 9_000, changeCents: 255, paymentCents: 8_745, creditCents: 0 });
  });

  it('a $100.00 check for an $80.00 payment: no change (a check cannot give it), $20.00 credited', () => {
    const settled = settleTenders({ amountCents: 8_000, tenders: [check(10_000)] });
    expect(settled).toMatchObject({ changeCents: 0, paymentCents: 10_000, creditCents: 2_000, cashKeptCents: 0 });
  });

  it('check $90.00 + cash $20.00 for $80.00: change is all the cash ($20.00), never more; the other $10.00 is credited', () => {
    const settled = settleTenders({ amountCents: 8_000, tenders: [check(9_000), cash(2_000)] });
    expect(settled).toMatchObject({ tenderedCents: 11_000, changeCents: 2_000, paymentCents: 9_000, creditCents: 1_000, cashKeptCents: 0 });
  });

  it('the customer may leave the change on the account as a credit', () => {
    const settled = settleTenders({ amountCents: 8_745, tenders: [cash(10_000)], changeAsCredit: true });
    expect(settled).toMatchObject({ changeCents: 0, paymentCents: 10_000, creditCents: 1_255, cashKeptCents: 10_000 });
  });

  it('a district that refuses non-cash excess asks for a new amount instead of crediting it', () => {
    expect(refusal({ amountCents: 8_000, tenders: [check(10_000)], nonCashExcess: 'refuse' })).toEqual([
      'tenders',
      'tenders: the check, card and money order tenders ($100.00) are more than the $80.00 payment, and only cash gives change. Make the payment $100.00 or lower a tender.',
    ]);
    // Cash excess is still change under that rule.
    expect(settleTenders({ amountCents: 8_000, tenders: [check(5_000), cash(5_000)], nonCashExcess: 'refuse' }).changeCents).toBe(2_000);
  });

  it('refuses tenders that do not cover the payment, saying by how much', () => {
    expect(refusal({ amountCents: 8_745, tenders: [cash(5_000)] })).toEqual([
      'tenders',
      'tenders: the tenders total $50.00, $37.45 short of the $87.45 payment. Add a tender or lower the amount.',
    ]);
  });
});

describe('tender fields', () => {
  it('keeps a card tender to last four and authorisation code (upper case)', () => {
    const settled = settleTenders({ amountCents: 6_410, tenders: [card(6_410)] });
    expect(settled.tenders).toEqual([{ kind: 'card', amountCents: 6_410, lastFour: '1111', authorizationCode: '0A12B' }]);
  });

  it('refuses a full card number typed as the last four, without repeating it', () => {
    const [field, message] = refusal({ amountCents: 100, tenders: [cash(50), card(50, '4111 1111 1111 1111')] });
    expect(field).toBe('tenders.1.lastFour');
    expect(message).toBe(
      'tenders.1.lastFour: That looks like a full card number, which the office never takes or stores. For a card payment enter only the last four digits and the authorisation code from the terminal.',
    );
    expect(message).not.toMatch(/4111/);
  });

  it('refuses a card number in any tender field: authorisation code, check number, bank name', () => {
    expect(refusal({ amountCents: 100, tenders: [card(100, '1111', '5555555555554444')] })[0]).toBe('tenders.0.authorizationCode');
    expect(refusal({ amountCents: 100, tenders: [check(100, '378282246310005')] })[0]).toBe('tenders.0.checkNumber');
    expect(refusal({ amountCents: 100, tenders: [check(100, '1043', 'Card 4012-8888-8888-1881')] })[0]).toBe('tenders.0.bank');
  });

  it('refuses a card tender carrying any other field (a card number sent as cardNumber)', () => {
    const tender = { ...card(100), cardNumber: '4111111111111111' } as unknown as TenderInput;
    const [field, message] = refusal({ amountCents: 100, tenders: [tender] });
    expect(field).toBe('tenders.0');
    expect(message).toBe('tenders.0: A card tender takes only the last four digits and the authorisation code (not cardNumber); card numbers are never stored');
  });

  it('a 16-digit number failing the Luhn check is not a card number: it is simply not four digits', () => {
    expect(refusal({ amountCents: 100, tenders: [card(100, '4111111111111112')] })).toEqual([
      'tenders.0.lastFour',
      'tenders.0.lastFour: Enter the last four digits of the card, exactly four digits',
    ]);
  });

  it('checks each tender: a check needs its number (the bank is optional); amounts are whole cents above zero; kinds are known', () => {
    expect(refusal({ amountCents: 100, tenders: [check(100, '', 'Valley Bank')] })[0]).toBe('tenders.0.checkNumber');
    // A mail keyer need not type the bank per envelope (issue #15): blank is kept as no bank.
    expect(settleTenders({ amountCents: 100, tenders: [check(100, '1043', '  ')] }).tenders).toEqual([{ kind: 'check', amountCents: 100, checkNumber: '1043', bank: '' }]);
    expect(describeTender({ kind: 'check', amountCents: 100, checkNumber: '1043', bank: '' })).toBe('Check 1043 $1.00');
    expect(refusal({ amountCents: 100, tenders: [check(100, '1043', 'B'.repeat(61))] })).toEqual(['tenders.0.bank', 'tenders.0.bank: The bank name is at most 60 characters']);
    expect(refusal({ amountCents: 100, tenders: [cash(99.5)] })).toEqual(['tenders.0.amountCents', 'tenders.0.amountCents: Amounts are whole cents']);
    expect(refusal({ amountCents: 100, tenders: [cash(0)] })).toEqual(['tenders.0.amountCents', 'tenders.0.amountCents: A tender must be more than $0.00']);
    expect(refusal({ amountCents: 100, tenders: [{ kind: 'bitcoin', amountCents: 100 } as never] })).toEqual(['tenders.0.kind', 'tenders.0.kind: Choose a tender: cash, check, card or money order']);
    expect(refusal({ amountCents: 100, tenders: [] })).toEqual(['tenders', 'tenders: Add at least one tender (cash, check, card or money order)']);
    expect(refusal({ amountCents: 100, tenders: Array.from({ length: 11 }, () => cash(10)) })[1]).toBe('tenders: At most 10 tenders on one receipt');
    expect(refusal({ amountCents: 0, tenders: [cash(100)] })[0]).toBe('amountCents');
  });

  it('describes each tender for a receipt', () => {
    const settled = settleTenders({
      amountCents: 26_000,
      tenders: [cash(10_000), check(5_200), card(6_410), { kind: 'money_order', amountCents: 4_390, serialNumber: '27182818284', issuer: 'USPS' }],
    });
    expect(settled.tenders.map(describeTender)).toEqual(['Cash $100.00', 'Check 1043 (Valley Bank) $52.00', 'Card ending 1111, auth 0A12B $64.10', 'Money order 27182818284 (USPS) $43.90']);
  });
});

describe('card number detection', () => {
  it('finds 13–19 digit Luhn numbers, with spaces or dashes, inside other text', () => {
    expect(['4111111111111111', '4111-1111-1111-1111', '378282246310005', 'paid with 5555 5555 5555 4444 ok', '4222222222222'].map(containsCardNumber)).toEqual([true, true, true, true, true]);
    expect(['4111111111111112', '411111111111', '41111111111111111111', '1043', 'Valley Bank 121000358', ''].map(containsCardNumber)).toEqual([false, false, false, false, false, false]);
    expect([passesLuhn('79927398713'), passesLuhn('79927398710'), passesLuhn('')]).toEqual([true, false, false]);
  });
});

describe('settlement invariants (property)', () => {
  const tenderArbitrary = fc.oneof(
    fc.integer({ min: 1, max: 50_000 }).map(cash),
    fc.integer({ min: 1, max: 50_000 }).map((amount) => check(amount)),
    fc.integer({ min: 1, max: 50_000 }).map((amount) => card(amount)),
  );

  it('tendered = payment + change; payment = amount + credit; change is cash, never above the cash tendered', () => {
    fc.assert(
      fc.property(fc.array(tenderArbitrary, { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), (tenders, rawAmount, changeAsCredit) => {
        const tenderedCents = tenders.reduce((sum, tender) => sum + tender.amountCents, 0);
        const amountCents = 1 + (rawAmount % tenderedCents);
        const settled = settleTenders({ amountCents, tenders, changeAsCredit });
        const cashCents = settled.tenderedByKind.cash;
        expect(settled.paymentCents + settled.changeCents).toBe(tenderedCents);
        expect(settled.paymentCents).toBe(amountCents + settled.creditCents);
        expect(settled.changeCents).toBeGreaterThanOrEqual(0);
        expect(settled.changeCents).toBeLessThanOrEqual(cashCents);
        expect(settled.creditCents).toBeGreaterThanOrEqual(0);
        // Change is as much as the cash allows, unless the customer left it on the account.
        expect(settled.changeCents).toBe(changeAsCredit ? 0 : Math.min(tenderedCents - amountCents, cashCents));
      }),
      { numRuns: 500 },
    );
  });
});
