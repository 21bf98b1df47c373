/**
 * Lockbox files from the bank to payments: pure functions of the file's bytes (no database, no
 * I/O). The import (all-or-nothing, duplicate-file refusal by SHA-256, matching accounts) is the
 * caller's; formats, fields, checks and samples: docs/formats/lockbox.md.
 *
 * A file with any problem must be imported not at all; `items` then still holds what parsed,
 * for counts in a preview.
 */
import { LOCKBOX_FORMAT_LABELS, type LockboxFormat } from '../../../../src-shared/contract/payments';
import { sha256Hex } from '../../hashing';
import { ProblemList } from '../../reads/formats/problems';
import { parseBaiLockbox } from './bai-lockbox';
import { parseBai2, type Bai2Options } from './bai2';
import { parseLockboxCsv, type LockboxCsvOptions } from './csv';
import { LOCKBOX_LIMITS } from './limits';
import { decodeLockboxFile } from './text';
import type { Bai2FileHeader, LockboxItem, LockboxParseResult } from './types';

export { BAI_LOCKBOX_LAYOUT, BAI_LOCKBOX_RECORD_CHARS } from './bai-lockbox';
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
  const parsed = parseAs(format, decoded.text, problems, options);
  const looksLike = problems.count > 0 ? formatItLooksLike(decoded.text) : null;
  if (looksLike !== null && looksLike !== format) parsed.notes.push(`This file looks like ${LOCKBOX_FORMAT_LABELS[looksLike]}, not ${LOCKBOX_FORMAT_LABELS[format]}: check the format chosen.`);
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

function parseAs(format: LockboxFormat, text: string, problems: ProblemList, options: LockboxParseOptions): { items: LockboxItem[]; notes: string[]; header?: Bai2FileHeader | null } {
  switch (format) {
    case 'bai2':
      return parseBai2(text, problems, options.bai2);
    case 'bai-lockbox':
      return parseBaiLockbox(text, problems);
    case 'lockbox-csv':
      return parseLockboxCsv(text, problems, options.csv);
  }
}

/**
 * The format a file's first record shows, to tell the operator who chose the wrong one: BAI2
 * starts "01,", a BAI lockbox file "1" then its 2-digit priority code, the CSV profile with its
 * header row.
 */
export function formatItLooksLike(text: string): LockboxFormat | null {
  const first = (text.replace(/^\s+/, '').split(/\r\n|\n|\r/)[0] ?? '').toUpperCase();
  if (first.startsWith('01,')) return 'bai2';
  if (/^1\d\d/.test(first)) return 'bai-lockbox';
  if (first.includes('ACCOUNT_NUMBER')) return 'lockbox-csv';
  return null;
}
