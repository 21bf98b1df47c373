/** The cash drawer screens' pure helpers (src-renderer/cash/cashFormat.ts), figures by hand. */
import { describe, expect, it } from 'vitest';
import {
  assertionFigure,
  blankTender,
  countCash,
  creditSentence,
  draftsOfReceipt,
  nextTenders,
  itemsInput,
  overShortText,
  parseCount,
  pickHit,
  previewChange,
  suggestedAmountText,
  tendersInput,
  typedTenderAmounts,
} from '../../src-renderer/cash/cashFormat';

describe('countCash', () => {
  it('adds a float typed by denomination: $195.00 in bills, $5.00 in coin', () => {
    const result = countCash({ bill_20: '5', bill_10: '5', bill_5: '6', bill_1: '15', coin_25: '16', coin_10: '5', coin_5: '6', coin_1: '20', bill_100: '' });
    expect(result).toEqual({
      counts: { bill_20: 5, bill_10: 5, bill_5: 6, bill_1: 15, coin_25: 16, coin_10: 5, coin_5: 6, coin_1: 20 },
      currencyCents: 19_500,
      coinCents: 500,
      totalCents: 20_000,
      invalid: [],
    });
  });

  it('counts a roll as a full roll of coin: 2 rolls of quarters + 3 of pennies = $21.50', () => {
    expect(countCash({ roll_25: '2', roll_1: '3' })).toMatchObject({ currencyCents: 0, coinCents: 2_150, totalCents: 2_150 });
  });

  it('names the boxes that are not whole counts and leaves them out of the total', () => {
    const result = countCash({ bill_20: '2.5', bill_10: '-1', coin_1: 'x', bill_1: ' 3 ' });
    expect(result.invalid).toEqual(['bill_20', 'bill_10', 'coin_1']);
    expect(result.totalCents).toBe(300);
  });

  it('reads a blank box as none', () => {
    expect([parseCount(undefined), parseCount(''), parseCount('  '), parseCount('07'), parseCount('1e3')]).toEqual([0, 0, 0, 7, null]);
  });
});

describe('previewChange', () => {
  it('gives change from cash: $42.10 paid with $60.00 → $17.90', () => {
    expect(previewChange(4_210, [{ kind: 'cash', amountCents: 6_000 }])).toEqual({ tenderedCents: 6_000, changeCents: 1_790, creditCents: 0, shortCents: 0 });
  });

  it('split tender: $150.00 by a $60.00 check and $100.00 cash → $10.00 change', () => {
    expect(
      previewChange(15_000, [
        { kind: 'check', amountCents: 6_000 },
        { kind: 'cash', amountCents: 10_000 },
      ]),
    ).toEqual({ tenderedCents: 16_000, changeCents: 1_000, creditCents: 0, shortCents: 0 });
  });

  it('never hands back more cash than was given: $100.00 check + $5.00 cash for $80.00 → $5.00 change, $20.00 credit', () => {
    expect(
      previewChange(8_000, [
        { kind: 'check', amountCents: 10_000 },
        { kind: 'cash', amountCents: 500 },
      ]),
    ).toEqual({ tenderedCents: 10_500, changeCents: 500, creditCents: 2_000, shortCents: 0 });
  });

  it('says what is still due when the tenders fall short', () => {
    expect(previewChange(5_000, [{ kind: 'card', amountCents: 3_000 }])).toMatchObject({ changeCents: 0, shortCents: 2_000 });
  });
});

describe('tendersInput', () => {
  it('sends only the chosen kind’s fields, trimmed, in cents', () => {
    const check = { ...blankTender('check', '52.75'), checkNumber: ' 1043 ', bank: 'Valley Bank ', lastFour: '1111' };
    const card = { ...blankTender('card', '10'), lastFour: '4242', authorizationCode: 'a1b2' };
    const moneyOrder = { ...blankTender('money_order', '$25'), serialNumber: 'MO-77', issuer: 'USPS' };
    expect(tendersInput([blankTender('cash', '40'), check, card, moneyOrder])).toEqual({
      ok: true,
      value: [
        { kind: 'cash', amountCents: 4_000 },
        { kind: 'check', amountCents: 5_275, checkNumber: '1043', bank: 'Valley Bank' },
        { kind: 'card', amountCents: 1_000, lastFour: '4242', authorizationCode: 'a1b2' },
        { kind: 'money_order', amountCents: 2_500, serialNumber: 'MO-77', issuer: 'USPS' },
      ],
    });
  });

  it('names the first tender whose amount is not dollars', () => {
    expect(tendersInput([blankTender('cash', '40'), blankTender('check', '12.345')])).toEqual({
      ok: false,
      field: 'tenders.1.amountCents',
      message: 'Enter the amount in dollars, e.g. 40 or 52.75',
    });
    expect(tendersInput([blankTender('cash', '0')])).toMatchObject({ ok: false, field: 'tenders.0.amountCents' });
  });

  it('previews only the rows already typed as amounts', () => {
    expect(typedTenderAmounts([blankTender('cash', '20'), blankTender('check', ''), blankTender('card', 'abc')])).toEqual([{ kind: 'cash', amountCents: 2_000 }]);
  });
});

describe('pickHit', () => {
  const hits = [{ accountNumber: '000154-01' }, { accountNumber: '000154-02' }, { accountNumber: '000154-03' }];
  it('prefers the account whose number was typed exactly', () => {
    expect(pickHit(hits, ' 000154-02 ', 0)).toBe(hits[1]);
  });
  it('otherwise takes the highlighted hit, else the first', () => {
    expect(pickHit(hits, 'Almond', 2)).toBe(hits[2]);
    expect(pickHit(hits, 'Almond', 9)).toBe(hits[0]);
    expect(pickHit([], 'x', 0)).toBeUndefined();
  });
});

describe('words and figures', () => {
  it('suggests paying the balance when the account owes, nothing for a credit', () => {
    expect([suggestedAmountText(12_050), suggestedAmountText(0), suggestedAmountText(-2_500)]).toEqual(['120.50', '', '']);
  });

  it('says over, short or even', () => {
    expect([overShortText(200), overShortText(-500), overShortText(0), overShortText(null)]).toEqual(['Over $2.00', 'Short $5.00', 'Even', '—']);
  });

  it('shows the drawer check as drawers and the others as money', () => {
    expect(assertionFigure({ name: 'Every drawer closed and deposited' }, 1)).toBe('1 drawer');
    expect(assertionFigure({ name: 'Every drawer closed and deposited' }, 2)).toBe('2 drawers');
    expect(assertionFigure({ name: 'Payment register = receipt register' }, 42_050)).toBe('$420.50');
  });

  it('reads the checks listed at close, skipping blank rows and naming a bad amount', () => {
    expect(
      itemsInput([
        { kind: 'check', number: ' 1043 ', amountText: '80' },
        { kind: 'check', number: '', amountText: '' },
        { kind: 'money_order', number: 'MO-77', amountText: '25.00' },
      ]),
    ).toEqual({
      ok: true,
      value: [
        { kind: 'check', number: '1043', amountCents: 8_000 },
        { kind: 'money_order', number: 'MO-77', amountCents: 2_500 },
      ],
    });
    expect(itemsInput([{ kind: 'check', number: '12', amountText: 'eighty' }])).toEqual({ ok: false, field: 'count.items.0.amountCents', message: 'Item 1: enter its amount in dollars' });
  });
});

describe('creditSentence (issue #15, item 17)', () => {
  it('names the tender and splits it into what it pays and the credit it leaves', () => {
    const tenders = [{ kind: 'check' as const, amountCents: 20_000 }];
    expect(creditSentence(13_349, tenders, previewChange(13_349, tenders), false)).toBe('Check $200.00: pays $133.49, leaves a credit of $66.51');
  });

  it('sums several tenders, counts change left on the account, and says nothing when nothing is credited', () => {
    const split = [{ kind: 'check' as const, amountCents: 5_000 }, { kind: 'money_order' as const, amountCents: 5_000 }];
    expect(creditSentence(8_000, split, previewChange(8_000, split), false)).toBe('Tendered $100.00: pays $80.00, leaves a credit of $20.00');
    const cash = [{ kind: 'cash' as const, amountCents: 5_000 }];
    expect(creditSentence(4_000, cash, previewChange(4_000, cash), true)).toBe('Cash $50.00: pays $40.00, leaves a credit of $10.00');
    expect(creditSentence(4_000, cash, previewChange(4_000, cash), false)).toBeNull();
    const short = [{ kind: 'check' as const, amountCents: 3_000 }];
    expect(creditSentence(4_000, short, previewChange(4_000, short), false)).toBeNull();
  });
});

describe('batch tenders (issue #15, item 12)', () => {
  it("starts the next envelope with the last one's kind and bank, amount and number blank", () => {
    const last = [{ ...blankTender('check', '52.00'), checkNumber: '1043', bank: 'Valley Bank' }];
    expect(nextTenders(last)).toEqual([{ ...blankTender('check'), bank: 'Valley Bank' }]);
    expect(nextTenders([blankTender('cash', '20')])).toEqual([blankTender('cash')]);
  });

  it("turns a stored receipt's tenders back into rows to correct", () => {
    const view = (kind: 'check' | 'money_order' | 'card', fields: Partial<Record<'itemNumber' | 'drawnOn' | 'cardLastFour' | 'cardAuthorization', string>>) => ({
      lineNo: 1, kind, amountCents: 4_250, description: '', itemNumber: null, drawnOn: null, cardLastFour: null, cardAuthorization: null, ...fields,
    });
    expect(draftsOfReceipt([view('check', { itemNumber: '311', drawnOn: '' })])).toEqual([{ ...blankTender('check', '42.50'), checkNumber: '311' }]);
    expect(draftsOfReceipt([view('money_order', { itemNumber: 'MO-9', drawnOn: 'USPS' })])).toEqual([{ ...blankTender('money_order', '42.50'), serialNumber: 'MO-9', issuer: 'USPS' }]);
    expect(draftsOfReceipt([view('card', { cardLastFour: '1111', cardAuthorization: 'A1' })])).toEqual([{ ...blankTender('card', '42.50'), lastFour: '1111', authorizationCode: 'A1' }]);
  });
});
