/**
 * The one rule for typed-in text (src-shared/contract/fields.ts): every character class a
 * hostile or careless value can carry, in one-line and multi-line fields, and the message the
 * clerk sees (the field named, what to do).
 */
import { describe, expect, it } from 'vitest';
import { optionalText, requiredText, safeText, textProblem, type TextProblem } from '../../src-shared/contract/fields';
import { contract } from '../../src-shared/contract';

const code = (point: number) => String.fromCodePoint(point);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

/** C0 controls (LF and CR are line breaks, judged by shape), DEL, C1 controls. */
const CONTROLS = [...range(0x00, 0x1f).filter((point) => point !== 0x0a && point !== 0x0d), 0x7f, ...range(0x80, 0x9f)];
const BIDI = [...range(0x202a, 0x202e), ...range(0x2066, 0x2069)];
const INVISIBLES = [0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff, 0x00ad, 0x034f, 0x061c, 0x115f, 0x1160, 0x180e, 0x3164, 0xffa0];

function problemOf(value: string, shape: 'line' | 'multiline' = 'line'): TextProblem | null {
  return textProblem(value, shape);
}

describe('textProblem: what a piece of typed-in text may hold', () => {
  it('accepts ordinary names and addresses in any script, with the joiners real text needs', () => {
    for (const value of ['María López', "O'Brien-Smith", '1450 Sycamore Ave #2', '陈伟', 'Nguyễn Văn An', 'محمد', 'שרה', 'می‌خواهم', 'क्‍ष', '👨‍👩‍👧', 'Café\u00a0Luna', '']) {
      expect(problemOf(value), JSON.stringify(value)).toBeNull();
    }
  });

  it('refuses every C0 and C1 control character and DEL, in one-line and multi-line text', () => {
    for (const point of CONTROLS) {
      expect(problemOf(`Ana${code(point)}Ruiz`), `U+${point.toString(16)}`).toBe('control');
      expect(problemOf(`Ana${code(point)}Ruiz`, 'multiline'), `U+${point.toString(16)} multiline`).toBe('control');
    }
  });

  it('refuses every bidi override, embedding and isolate character', () => {
    for (const point of BIDI) {
      expect(problemOf(`Ana${code(point)}Ruiz`), `U+${point.toString(16)}`).toBe('bidi');
      expect(problemOf(`notes ${code(point)}`, 'multiline')).toBe('bidi');
    }
  });

  it('refuses line breaks in one-line text (LF, CR, U+2028, U+2029) and allows LF in multi-line text', () => {
    for (const brk of ['\n', '\r', '\r\n', '\u2028', '\u2029']) expect(problemOf(`Ana${brk}Ruiz`), JSON.stringify(brk)).toBe('lineBreak');
    expect(problemOf('first line\nsecond line', 'multiline')).toBeNull();
    // A CR left in multi-line text (safeText turns CRLF into LF before this check) is a control.
    expect(problemOf('first\rsecond', 'multiline')).toBe('control');
  });

  it('refuses text made only of invisible characters, alone or with spaces, and keeps them inside real text', () => {
    for (const point of INVISIBLES) {
      expect(problemOf(code(point)), `U+${point.toString(16)}`).toBe('invisible');
      expect(problemOf(` ${code(point)}${code(point)} `)).toBe('invisible');
    }
    expect(problemOf('\u200b\u200c\u2060\ufeff')).toBe('invisible');
    expect(problemOf('Ana\u200bRuiz')).toBeNull();
  });

  it('refuses a lone UTF-16 surrogate (JSON can carry "\\ud800")', () => {
    expect(problemOf('Ana\ud800')).toBe('broken');
    expect(problemOf('\udc00Ana')).toBe('broken');
    expect(problemOf('Ana 😀')).toBeNull();
  });
});

describe('requiredText / optionalText / safeText', () => {
  const name = requiredText('Last name', 60);
  const notes = optionalText('Notes', 4000, 'multiline');

  function messageOf(schema: { safeParse(value: unknown): { success: boolean; error?: { issues: { message: string }[] } } }, value: unknown): string | undefined {
    const parsed = schema.safeParse(value);
    return parsed.success ? undefined : parsed.error?.issues[0]?.message;
  }

  it('names the field and says what to do', () => {
    expect(messageOf(name, 'L\u202eópez')).toBe('Last name contains a hidden text-direction character; retype it');
    expect(messageOf(name, 'López\u0000')).toBe('Last name contains an invisible control character; retype it');
    expect(messageOf(name, 'Ló\npez')).toBe('Last name must be on one line; remove the line break');
    expect(messageOf(name, '\u200b\u200b')).toBe('Last name has only invisible characters; retype it');
    expect(messageOf(name, 'L\ud800')).toBe('Last name contains a damaged character; retype it');
    expect(messageOf(name, '   ')).toBe('Last name is required');
  });

  it('reports only the character problem, not a length problem too', () => {
    const parsed = name.safeParse(`${'x'.repeat(70)}\u202e`);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toHaveLength(1);
  });

  it('trims surrounding whitespace before checking (a pasted trailing tab or newline is not an error)', () => {
    expect(name.parse('  López\t\n')).toBe('López');
  });

  it('keeps LF in multi-line notes and turns CRLF and CR into LF', () => {
    expect(notes.parse('called\r\nleft message\rwill call back')).toBe('called\nleft message\nwill call back');
    expect(messageOf(notes, 'called\u0007')).toBe('Notes contains an invisible control character; retype it');
    expect(notes.parse(undefined)).toBe('');
  });

  it('optional text refuses an invisible-only value instead of storing it', () => {
    expect(messageOf(optionalText('Unit', 20), '\u2060')).toBe('Unit has only invisible characters; retype it');
  });

  it('safeText alone carries the same rule for schemas with their own limits', () => {
    expect(messageOf(safeText('Workstation name').min(1), 'Counter\u202e1')).toBe('Workstation name contains a hidden text-direction character; retype it');
  });
});

describe('every operation that takes typed-in text applies the rule', () => {
  /** A valid input but for one hostile field: refused, with that field named. */
  const cases: [string, unknown, string][] = [
    ['accounts.updateCustomer', { accountId: 1, customer: { kind: 'person', firstName: 'A', lastName: 'B\u202e', mailing: { street: '1 Main', city: 'X', state: 'CA', zip: '95000' } } }, 'customer.lastName'],
    ['accounts.updateCustomer', { accountId: 1, customer: { kind: 'business', businessName: 'Acme\u0000', mailing: { street: '1 Main', city: 'X', state: 'CA', zip: '95000' } } }, 'customer.businessName'],
    ['accounts.updateCustomer', { accountId: 1, customer: { kind: 'person', lastName: 'B', primaryPhone: '209 555 0134\u202e', mailing: { street: '1 Main', city: 'X', state: 'CA', zip: '95000' } } }, 'customer.primaryPhone'],
    ['accounts.updateCustomer', { accountId: 1, customer: { kind: 'person', lastName: 'B', email: 'a\u202e@b.com', mailing: { street: '1 Main', city: 'X', state: 'CA', zip: '95000' } } }, 'customer.email'],
    ['accounts.updateCustomer', { accountId: 1, customer: { kind: 'person', lastName: 'B', mailing: { street: '1 Main\r\nSuite 2', city: 'X', state: 'CA', zip: '95000' } } }, 'customer.mailing.street'],
    ['contacts.add', { accountId: 1, channel: 'phone', subject: 'Call\u2066', notes: '' }, 'subject'],
    ['contacts.add', { accountId: 1, channel: 'phone', subject: 'Call', notes: 'ok\u0000' }, 'notes'],
    ['users.create', { username: 'ana', displayName: '\u200b', role: 'clerk', password: 'a-long-enough-password-1' }, 'displayName'],
    ['ledger.reverse', { entryId: '00000000-0000-4000-8000-000000000000', originalEntryId: '00000000-0000-4000-8000-000000000001', reason: 'x\u202d' }, 'reason'],
    ['billing.setHold', { accountId: 1, reason: 'why\u202e' }, 'reason'],
  ];
  for (const [op, input, field] of cases) {
    it(`${op} refuses a bad ${field}`, () => {
      const spec = (contract as Record<string, { input: { safeParse(value: unknown): { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } } }>)[op];
      expect(spec, op).toBeDefined();
      const parsed = spec!.input.safeParse(input);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.path.map(String).join('.')).toBe(field);
    });
  }
});
