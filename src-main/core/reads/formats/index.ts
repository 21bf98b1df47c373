/**
 * Meter-read files to parsed rows: pure functions of the file's bytes and the chosen profile (no
 * database, no I/O). The import core validates the rows against meters and history.
 *
 * A file with any problem must be imported not at all; `rows` then still holds the rows that
 * parsed, for counts in a preview. Formats, limits and the HCF rule: docs/formats/reads.md.
 */
import { parseBadgerBeacon } from './badger-beacon';
import { parseMappedCsv } from './csv-mapping';
import { parseItronRegister } from './itron-register';
import { ProblemList, WHOLE_FILE } from './problems';
import { readFileProfileSchema, type ReadFileProfile } from './profiles';
import { parseSensusCmep } from './sensus-cmep';
import { decodeReadFile } from './text';
import type { ParseResult } from './types';

export { BADGER_COLUMNS, BADGER_ESTIMATED_FALSE, BADGER_ESTIMATED_TRUE } from './badger-beacon';
export { ITRON_COLUMNS, ITRON_FAULT_SENTINELS, isItronFaultValue } from './itron-register';
export { READ_FILE_LIMITS } from './limits';
export {
  BUILT_IN_PROFILES,
  CMEP_METER_ID_FIELDS,
  CMEP_READS_PER_RECORD,
  CSV_DATE_FORMATS,
  CSV_DELIMITERS,
  csvMappingProfileSchema,
  readFileProfileSchema,
  type BuiltInProfile,
  type CsvDateFormat,
  type CsvMappingProfile,
  type CsvMappingProfileInput,
  type ReadFileProfile,
} from './profiles';
export type { FileProblem, ParsedReadRow, ParseResult } from './types';
export { CUBIC_FEET_PER_HCF, GALLONS_PER_HCF, toHcf, USAGE_HCF_DECIMALS, USAGE_HCF_ROUNDING } from './units';
export { UNIT_CODES } from './values';

/** The `format` a profile reads as: the built-in kind, or "csv:<profile name>". */
export function formatName(profile: ReadFileProfile): string {
  return profile.kind === 'csv' ? `csv:${String(profile.mapping?.name ?? '').trim()}` : profile.kind;
}

export function parseReadFile(content: Buffer, profile: ReadFileProfile): ParseResult {
  const format = formatName(profile);
  const checked = readFileProfileSchema.safeParse(profile);
  if (!checked.success) {
    return {
      format,
      rows: [],
      problems: checked.error.issues.slice(0, 20).map((issue) => {
        const path = issue.path.map(String).join('.');
        return { line: WHOLE_FILE, field: path === '' ? 'profile' : `profile.${path}`, message: `The read profile is not valid${path === '' ? '' : ` (${path})`}: ${issue.message}. Correct the profile, then import again.` };
      }),
    };
  }
  const decoded = decodeReadFile(content);
  if (!decoded.ok) return { format, rows: [], problems: [decoded.problem] };

  const problems = new ProblemList();
  const settings = checked.data;
  switch (settings.kind) {
    case 'badger-beacon':
      return { format, rows: parseBadgerBeacon(decoded.text, problems), problems: problems.items };
    case 'itron-register':
      return { format, rows: parseItronRegister(decoded.text, problems), problems: problems.items };
    case 'sensus-cmep': {
      const { rows, notes } = parseSensusCmep(decoded.text, settings, problems);
      return { format, rows, problems: problems.items, ...(notes.length > 0 ? { notes } : {}) };
    }
    case 'csv':
      return { format, rows: parseMappedCsv(decoded.text, settings.mapping, problems), problems: problems.items };
  }
}
