/**
 * Text that arrives in files follows the typed-in text rule too (src-shared/contract/fields.ts):
 * a meter id or account number in a read file, and a lockbox file's bank reference, are stored
 * and shown, so a control or text-direction character in one refuses the file at its line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLockboxFile } from '../../src-main/core/payments';
import { parseReadFile } from '../../src-main/core/reads/formats';

const fixture = (folder: string, name: string) => readFileSync(join(__dirname, '../fixtures', folder, name), 'utf8');
/** A sample with one 1-based line changed by `edit`. */
function withLine(sample: string, line: number, edit: (text: string) => string): Buffer {
  const lines = sample.split('\n');
  lines[line - 1] = edit(lines[line - 1]!);
  return Buffer.from(lines.join('\n'), 'utf8');
}

describe('read files', () => {
  for (const [name, character] of [
    ['a right-to-left override', '\u202E'],
    ['an escape character', '\u001B'],
    ['a first-strong isolate', '\u2068'],
  ] as const) {
    it(`refuses a meter id holding ${name}, at its line and column`, () => {
      const file = withLine(fixture('reads', 'badger-beacon.csv'), 3, (text) => text.replace('BDG-40018', `BDG-${character}40018`));
      const result = parseReadFile(file, { kind: 'badger-beacon' });
      expect(result.problems.map((problem) => [problem.line, problem.field])).toEqual([[3, 'Meter_ID']]);
      expect(result.problems[0]?.message).toMatch(/invisible control or text-direction character/);
    });
  }

  it('still reads the untouched sample', () => {
    expect(parseReadFile(Buffer.from(fixture('reads', 'badger-beacon.csv')), { kind: 'badger-beacon' }).problems).toEqual([]);
  });
});

describe('lockbox files', () => {
  it('refuses a BAI2 bank reference holding a right-to-left override, at its line, and imports nothing from it', () => {
    const file = withLine(fixture('lockbox', 'lockbox-good.bai'), 6, (text) => text.replace('LBX0305-002', 'LBX0305\u202E-002'));
    const result = parseLockboxFile(file, 'bai2');
    expect(result.problems.map((problem) => [problem.line, problem.field])).toEqual([[6, 'bank reference']]);
    expect(result.problems[0]?.message).toMatch(/holds an invisible control or text-direction character. Ask the bank to send the file again.$/);
    expect(result.items.map((item) => item.line)).toEqual([5, 7]);
  });
});
