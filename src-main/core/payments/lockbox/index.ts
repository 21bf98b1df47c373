/**
 * Lockbox files from the bank to payments: pure functions of the file's bytes (no database, no
 * I/O). The import (all-or-nothing, duplicate-file refusal by SHA-256, matching accounts) is the
 * caller's; formats, fields, checks and samples: docs/formats/lockbox.md.
 *
 * A file with any problem must be imported not at all; `items` then still holds what parsed,
 * for counts in a preview.
 */
import type { LockboxFormat } from '../../../../src-shared/contract/payments';
import { sha256Hex } from '../../hashing';
import { ProblemList } from '../../reads/formats/problems';
import { parseBai2, type Bai2Options } from './bai2';
import { parseLockboxCsv, type LockboxCsvOptions } from './csv';
import { LOCKBOX_LIMITS } from './limits';
import { decodeLockboxFile } from './text';
import type { LockboxParseResult } from './types';

export { BAI2_DEFAULT_ITEM_TYPE_CODES, BAI2_LOCKBOX_DEPOSIT_TYPE_CODE, type Bai2Options } from './bai2';
export { LOCKBOX_CSV_COLUMNS, LOCKBOX_CSV_TRAILER, type LockboxCsvOptions } from './csv';
export { LOCKBOX_LIMITS } from './limits';
export type { Bai2FileHeader, FileProblem, LockboxFormat, LockboxItem, LockboxParseResult } from './types';

export interface LockboxParseOptions {
  csv?: LockboxCsvOptions;
  bai2?: Bai2Options;
}

export function parseLockboxFile(content: Uint8Array, format: LockboxFormat, options: LockboxParseOptions = {}): LockboxParseResult {
  const base = { format, fileSha256: sha256Hex(content), byteCount: content.byteLength };
  const decoded = decodeLockboxFile(content);
  if (!decoded.ok) return { ...base, items: [], itemCount: 0, itemTotalCents: 0, problems: [decoded.problem], notes: [] };

  const problems = new ProblemList(LOCKBOX_LIMITS.maxProblems);
  const parsed = format === 'bai2' ? parseBai2(decoded.text, problems, options.bai2) : { ...parseLockboxCsv(decoded.text, problems, options.csv), header: null };
  const itemTotalCents = parsed.items.reduce((sum, item) => sum + item.amountCents, 0);
  return {
    ...base,
    items: parsed.items,
    itemCount: parsed.items.length,
    itemTotalCents,
    problems: problems.items,
    notes: parsed.notes,
    ...(parsed.header ? { header: parsed.header } : {}),
  };
}
