/**
 * From the technician's choice of profile to parsed rows: built-in formats go straight to the
 * parsers (core/reads/formats); a saved CSV profile is loaded and handed over as a mapping.
 */
import type { ReadFileProfile } from '../../../src-shared/contract/reads';
import { OfficeError } from '../errors';
import type { Sqlite } from '../storage/database';
import { csvMappingProfileSchema, parseReadFile, type ParseResult } from './formats';
import { getProfile } from './profiles';

/** Decodes the base64 file content; a malformed encoding is the technician's to fix. */
export function decodeFileContent(contentBase64: string): Buffer {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length === 0) throw new OfficeError('INVALID_INPUT', 'The file is empty', 'contentBase64');
  return bytes;
}

export function parseUpload(db: Sqlite, bytes: Buffer, profile: ReadFileProfile): ParseResult {
  switch (profile.kind) {
    case 'badger-beacon':
    case 'itron-register':
      return parseReadFile(bytes, { kind: profile.kind });
    case 'sensus-cmep':
      return parseReadFile(bytes, {
        kind: 'sensus-cmep',
        ...(profile.crosswalk ? { crosswalk: profile.crosswalk } : {}),
        ...(profile.meterIdField ? { meterIdField: profile.meterIdField } : {}),
      });
    case 'csv': {
      const saved = getProfile(db, profile.profileId);
      return parseReadFile(bytes, { kind: 'csv', mapping: { ...saved.definition, name: saved.name } as never });
    }
  }
}

/** A saved profile's definition, checked by the parsers' schema before it is stored (defaults filled in). */
export function validateProfileDefinition(name: string, definition: Record<string, unknown>): Record<string, unknown> {
  const checked = csvMappingProfileSchema.safeParse({ ...definition, name });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const path = issue ? issue.path.map(String).join('.') : '';
    throw new OfficeError('INVALID_INPUT', `${path ? `${path}: ` : ''}${issue?.message ?? 'The profile is not valid'}`, path ? `definition.${path}` : 'definition');
  }
  const { name: _name, ...rest } = checked.data;
  return rest as Record<string, unknown>;
}
