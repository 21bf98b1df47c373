import { describe, expect, it } from 'vitest';
import {
  accountNumberSearchText,
  displayName,
  formatAccountNumber,
  formatServiceAddress,
  matchExpression,
  planSearch,
  foldForSearch,
  meterSerialsSearchText,
  phoneSearchText,
  withCompactWords,
} from '../../src-main/core/accounts';

describe('display rules', () => {
  it('lists a person as "Last, First" and a business by its name', () => {
    expect(displayName({ kind: 'person', firstName: 'María', lastName: 'López', businessName: '' })).toBe('López, María');
    expect(displayName({ kind: 'person', firstName: '', lastName: 'Nguyen', businessName: '' })).toBe('Nguyen');
    expect(displayName({ kind: 'business', firstName: 'Ana', lastName: 'Ruiz', businessName: 'Sierra Hardware' })).toBe('Sierra Hardware');
  });

  it('writes a service address with its unit', () => {
    expect(formatServiceAddress({ street: '120 Oak St', unit: '', city: 'Valle Verde' })).toBe('120 Oak St, Valle Verde');
    expect(formatServiceAddress({ street: '120 Oak St', unit: '4', city: 'Valle Verde' })).toBe('120 Oak St #4, Valle Verde');
    expect(formatServiceAddress({ street: '120 Oak St', unit: 'Apt 4', city: 'Valle Verde' })).toBe('120 Oak St Apt 4, Valle Verde');
  });

  it('numbers accounts NNNNNN-SS and grows rather than wraps', () => {
    expect(formatAccountNumber(1234, 1)).toBe('001234-01');
    expect(formatAccountNumber(7, 12)).toBe('000007-12');
    expect(formatAccountNumber(1_234_567, 100)).toBe('1234567-100');
  });
});

describe('search spellings', () => {
  it('indexes an account number as printed, run together and unpadded', () => {
    expect(accountNumberSearchText('001234-01')).toBe('001234-01 00123401 1234-01');
  });

  it('indexes serials with and without punctuation', () => {
    expect(meterSerialsSearchText(['MTR-0012', 'SN1234'])).toBe('MTR-0012 MTR0012 SN1234');
  });

  it('indexes phones as written plus their digit forms', () => {
    expect(phoneSearchText(['(209) 555-0134', ''])).toBe('(209) 555-0134 2095550134 5550134 209 555 0134');
    expect(phoneSearchText(['1-209-555-0134'])).toBe('1-209-555-0134 2095550134 5550134 209 555 0134');
    expect(phoneSearchText(['555.0134'])).toBe('555.0134 5550134 555 0134');
  });

  it('adds run-together forms of words with inner punctuation', () => {
    expect(withCompactWords("O'Brien, John")).toBe("O'Brien, John OBrien");
    expect(withCompactWords('Kim, Min-jun')).toBe('Kim, Min-jun Minjun');
    expect(withCompactWords('Smith, Jo')).toBe('Smith, Jo');
  });
});

describe('matchExpression', () => {
  it('quotes every word as a prefix phrase', () => {
    expect(matchExpression('MTR-0012')).toBe('"MTR-0012"*');
    expect(matchExpression('  oak   st ')).toBe('"oak"* "st"*');
    expect(matchExpression('NEAR(oak')).toBe('"NEAR(oak"*');
  });

  it('doubles quotes inside a word', () => {
    expect(matchExpression('a"b')).toBe('"a""b"*');
    expect(matchExpression('"oak')).toBe('"""oak"*');
  });

  it('drops words with no letter or digit, and gives null when nothing is left', () => {
    expect(matchExpression('')).toBeNull();
    expect(matchExpression(' - * " ( ')).toBeNull();
    expect(matchExpression('oak - st')).toBe('"oak"* "st"*');
  });

  it('keeps at most eight words', () => {
    expect(matchExpression('a b c d e f g h i j')?.split(' ')).toHaveLength(8);
  });
});

describe('planSearch', () => {
  it('sends words of two or more characters to the index and checks single characters as initials', () => {
    expect(planSearch('walker s')).toEqual({ match: '"walker"*', initials: ['s'] });
    expect(planSearch('Ó walker -b')).toEqual({ match: '"walker"*', initials: ['o', 'b'] });
    expect(planSearch('lopez ma')).toEqual({ match: '"lopez"* "ma"*', initials: [] });
  });

  it('uses the index when only single characters were typed, and gives null for nothing searchable', () => {
    expect(planSearch('s')).toEqual({ match: '"s"*', initials: [] });
    expect(planSearch('s 1')).toEqual({ match: '"s"* "1"*', initials: [] });
    expect(planSearch(' * - ')).toBeNull();
  });

  it('folds accents and case the way the tokenizer does', () => {
    expect(foldForSearch('García Ñoño ÉLAN')).toBe('garcia nono elan');
  });
});
