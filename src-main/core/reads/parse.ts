/**
 * From the technician's choice of profile to parsed rows: built-in formats go straight to the
 * parsers (core/reads/formats); a saved CSV profile is loaded and handed over as a mapping.
 */
import type { ReadFileProfile } from '../../../src-shared/contract/reads';
import { OfficeError } from '../errors';
import { sha256Hex } from '../hashing';
import type { Sqlite } from '../storage/database';
import { csvMappingProfileSchema, parseReadFile, type ParseResult, type ReadFileProfile as ParserProfile } from './formats';
import { getProfile } from './profiles';

/** Decodes the base64 file content; a malformed encoding is the technician's to fix. */
export function decodeFileContent(contentBase64: string): Buffer {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length === 0) throw new OfficeError('INVALID_INPUT', 'The file is empty', 'contentBase64');
  return bytes;
}

/**
 * The file's rows as the chosen profile reads them. The import screen previews a file and then
 * imports the same bytes: the last parse on each connection is kept, keyed by the bytes' SHA-256
 * and the parser's settings as they are now (a CSV profile edited in between is a new key), so the
 * import does not parse 50,000 rows a second time to get the same rows. Parsing is a pure
 * function of those two, and nothing downstream changes a parse (analyzeImport copies what it
 * adds to). commitImport forgets it (forgetParsedUpload): the rows are of no further use.
 */
export function parseUpload(db: Sqlite, bytes: Buffer, profile: ReadFileProfile): ParseResult {
  const settings = parserSettings(db, profile);
  const key = `${sha256Hex(bytes)} ${JSON.stringify(settings)}`;
  const last = lastParsed.get(db);
  if (last?.key === key) return last.result;
  const result = parseReadFile(bytes, settings);
  lastParsed.set(db, { key, result });
  return result;
}

const lastParsed = new WeakMap<Sqlite, { key: string; result: ParseResult }>();

export function forgetParsedUpload(db: Sqlite): void {
  lastParsed.delete(db);
}

function parserSettings(db: Sqlite, profile: ReadFileProfile): ParserProfile {
  switch (profile.kind) {
    case 'badger-beacon':
    case 'itron-register':
      return { kind: profile.kind };
    case 'sensus-cmep':
      return {
        kind: 'sensus-cmep',
        ...(profile.crosswalk ? { crosswalk: profile.crosswalk } : {}),
        ...(profile.meterIdField ? { meterIdField: profile.meterIdField } : {}),
      };
    case 'csv': {
      const saved = getProfile(db, profile.profileId);
      return { kind: 'csv', mapping: { ...saved.definition, name: saved.name } as never };
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
