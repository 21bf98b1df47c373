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
