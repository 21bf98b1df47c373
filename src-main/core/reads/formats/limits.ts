/**
 * Limits on every read file, so that no file can make the import run without bound (GUIDE §6).
 * Each limit names itself in the message that reports it.
 */
export const READ_FILE_LIMITS = {
  /** Largest file accepted, in bytes (50 MB). The transport may accept less. */
  maxFileBytes: 50 * 1024 * 1024,
  /** Most reads one file may carry (rows, or Sensus triplets kept). */
  maxReads: 500_000,
  /** Longest physical line, in characters (a Sensus record with 48 triplets is about 1,300). */
  maxLineChars: 16_384,
  /** Most problems listed for one file; after that the parser stops and says so. */
  maxProblems: 100,
} as const;

export type ReadFileLimits = typeof READ_FILE_LIMITS;
