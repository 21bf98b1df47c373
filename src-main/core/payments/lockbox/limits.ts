/** Limits on every lockbox file, so no file can make the import run without bound (GUIDE §6). */
import { MAX_LOCKBOX_FILE_BYTES, MAX_PAYMENT_CENTS } from '../../../../src-shared/contract/payments';

export const LOCKBOX_LIMITS = {
  /** Largest file accepted, in bytes (the contract's limit: 5 MB, about 60,000 BAI2 items). */
  maxFileBytes: MAX_LOCKBOX_FILE_BYTES,
  /** Most payments one file may carry. */
  maxItems: 100_000,
  /** Longest physical line, in characters (BAI2 records are usually 80; CSV rows far less). */
  maxLineChars: 2_000,
  /** Largest single payment, in cents ($10,000,000.00, as at the counter). */
  maxItemCents: MAX_PAYMENT_CENTS,
  /** Most problems listed for one file; after that the parser stops and says so. */
  maxProblems: 100,
} as const;
