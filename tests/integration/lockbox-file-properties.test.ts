/**
 * Property (issue #13): a valid lockbox file — the BAI2 and BAI lockbox samples, written by hand
 * from the published layouts — with any single record removed, duplicated or cut is refused
 * through the import operation with a line number, and the database is exactly as before.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestOffice } from '../support/office';
import { accountsWithBalances, createTestOffice } from './payments-support';

let office: TestOffice;
beforeAll(async () => {
  office = await createTestOffice();
  // The samples' scan lines name these accounts: every good item matches, so only the damage refuses a file.
  const ids = accountsWithBalances(office, [12_659, 8_000, 21_175]);
  const rename = office.runtime.database.sqlite.prepare('UPDATE accounts SET account_number = ? WHERE id = ?');
  ['001234-01', '001877-01', '000452-02'].forEach((number, index) => rename.run(number, ids[index]));
});
afterAll(() => office?.cleanup());

/** Every table's rows, hashed: what an import could have written (the audit log and sessions aside). */
function databaseDigest(): string {
  const db = office.runtime.database.sqlite;
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%audit%' AND name NOT LIKE '%login%' ORDER BY name")
    .pluck()
    .all() as string[];
  const hash = createHash('sha256');
  for (const table of tables) {
    const rows = (db.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[][]).map((row) => JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value)));
    hash.update(`${table}:${rows.sort().join('|')}\n`);
  }
  return hash.digest('hex');
}

type Format = 'bai2' | 'bai-lockbox';
const SAMPLES: { format: Format; file: string }[] = [
  { format: 'bai2', file: 'lockbox-good.bai' },
  { format: 'bai-lockbox', file: 'lockbox-good-bai-lockbox.txt' },
];

type Damage = { kind: 'remove' | 'duplicate'; record: number } | { kind: 'cut'; record: number; keepChars: number };

/** The sample's records (one a line, line break dropped), damaged once; the text a bank would have sent. */
function damaged(lines: readonly string[], damage: Damage): string {
  const at = damage.record;
  if (damage.kind === 'remove') return `${lines.filter((_, index) => index !== at).join('\n')}\n`;
  if (damage.kind !== 'cut') return `${lines.flatMap((line, index) => (index === at ? [line, line] : [line])).join('\n')}\n`;
  // Cut: the file stops inside the record's written characters (trailing blanks are padding).
  return [...lines.slice(0, at), (lines[at] as string).slice(0, damage.keepChars)].join('\n');
}

function damageArb(lines: readonly string[]): fc.Arbitrary<Damage> {
  const record = fc.integer({ min: 0, max: lines.length - 1 });
  return fc.oneof(
    fc.record({ kind: fc.constantFrom('remove' as const, 'duplicate' as const), record }),
    record.chain((index) => {
      const written = (lines[index] as string).trimEnd().length;
      // From the line's start (the file ends at the line break before it; not for the first record,
      // which would leave an empty file) to one character short of the record.
      return fc.integer({ min: index === 0 ? 1 : 0, max: written - 1 }).map((keepChars): Damage => ({ kind: 'cut', record: index, keepChars }));
    }),
  );
}

describe('a lockbox file with one record removed, duplicated or cut imports nothing', () => {
  for (const sample of SAMPLES) {
    it(`${sample.format}: refused with a line number, the database unchanged`, async () => {
      const lines = readFileSync(join(__dirname, '../fixtures/lockbox', sample.file), 'utf8').split('\n').slice(0, -1);
      const technician = office.as('technician');
      const upload = (content: string) => ({ format: sample.format, fileName: sample.file, contentBase64: Buffer.from(content).toString('base64') });
      // The sample itself would import (checked by preview only: importing it would change the books).
      expect(await technician.must('lockbox.preview', upload(`${lines.join('\n')}\n`))).toMatchObject({ canImport: true, problems: [] });
      const before = databaseDigest();
      await fc.assert(
        fc.asyncProperty(damageArb(lines), async (damage) => {
          const content = damaged(lines, damage);
          const preview = await technician.must('lockbox.preview', upload(content));
          expect(preview.canImport).toBe(false);
          expect(preview.problems[0]?.line).toBeGreaterThan(0);
          const refused = await technician.call('lockbox.import', upload(content));
          expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
          expect(refused.ok ? '' : refused.error.message).toMatch(/nothing was imported: line [1-9]\d*/i);
          if (damage.kind === 'cut') expect(preview.problems.map((problem) => problem.message).join(' ')).toContain('truncated');
          expect(databaseDigest()).toBe(before);
        }),
        { numRuns: 150 },
      );
      // The digest does see an import: the undamaged sample changes it.
      await technician.must('lockbox.import', upload(`${lines.join('\n')}\n`));
      expect(databaseDigest()).not.toBe(before);
    }, 60_000);
  }
});
