import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';

/** JSON with sorted keys, so equal content always hashes equally. */
export function canonicalJson(value: unknown): string {
  return stringify(value) ?? 'null';
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export const hashOf = (value: unknown) => sha256Hex(canonicalJson(value));

/**
 * A UUID-shaped id derived from a seed ("bill:42"): the same seed always gives the same id, so a
 * posting the office makes for a record it owns (a bill's journal entry) is idempotent on retry.
 */
export function derivedUuid(seed: string): string {
  const hex = sha256Hex(`billing-office:${seed}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
