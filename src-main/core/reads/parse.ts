/**
 * From the technician's choice of profile to parsed rows: built-in formats go straight to the
 * parsers (core/reads/formats); a saved CSV profile is loaded and handed over as a mapping.
 */
import type { ReadFileProfile } from '../../../src-shared/contract/reads';
import { OfficeError } from '../errors';
import type { Sqlite } from '../storage/database';
import type { ParseResult } from './formats/types';

/** Decodes the base64 file content; a malformed encoding is the technician's to fix. */
export function decodeFileContent(contentBase64: string): Buffer {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length === 0) throw new OfficeError('INVALID_INPUT', 'The file is empty', 'contentBase64');
  return bytes;
}

export function parseUpload(_db: Sqlite, _bytes: Buffer, _profile: ReadFileProfile): ParseResult {
  throw new OfficeError('INTERNAL', 'Read file formats are not available in this build yet');
}

/** A saved profile's definition, checked before it is stored (the parsers' schema once they land). */
export function validateProfileDefinition(_name: string, definition: Record<string, unknown>): Record<string, unknown> {
  return definition;
}
