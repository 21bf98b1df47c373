/**
 * Helpers for formats with a header line: finding named columns, checking each record's field
 * count, and collecting the rows within the read limit.
 */
import { textProblem } from '../../../../src-shared/contract/fields';
import { READ_FILE_LIMITS } from './limits';
import { shown, WHOLE_FILE, type ProblemList } from './problems';
import { FieldProblem, type Checked } from './values';
import type { ParsedReadRow } from './types';

/** Finds each wanted column in a header (names trimmed, case ignored). Null when any is missing. */
export function findColumns<K extends string>(
  header: string[],
  line: number,
  wanted: Readonly<Record<K, { name: string; required: boolean }>>,
  formatLabel: string,
  problems: ProblemList,
): Record<K, number | undefined> | null {
  const positions = new Map<string, number[]>();
  header.forEach((name, index) => {
    const key = name.trim().toUpperCase();
    positions.set(key, [...(positions.get(key) ?? []), index]);
  });
  const found = {} as Record<K, number | undefined>;
  let usable = true;
  let listed = false;
  for (const key of Object.keys(wanted) as K[]) {
    const { name, required } = wanted[key];
    const at = positions.get(name.toUpperCase()) ?? [];
    if (at.length > 1) {
      problems.at(line, name, `the header has the column "${name}" ${at.length} times (columns ${at.map((i) => i + 1).join(', ')}); it must appear once.`);
      usable = false;
    } else if (at.length === 0 && required) {
      const has = listed ? '' : ` The header has: ${header.map((h) => h.trim()).filter((h) => h !== '').slice(0, 20).join(', ') || '(nothing)'}. Is the file really ${formatLabel}? Choose the file's format.`;
      listed = true;
      problems.at(line, name, `the header has no column "${name}".${has}`);
      usable = false;
    }
    found[key] = at[0];
  }
  return usable ? found : null;
}

/** Checks a record has exactly `expected` fields; false (with a problem) when not. */
export function checkFieldCount(fields: string[], expected: number, line: number, cutShort: boolean, source: string, problems: ProblemList): boolean {
  if (fields.length === expected) return true;
  if (fields.length < expected && cutShort) {
    problems.at(line, undefined, `the last line is cut short (${fields.length} of ${expected} fields): the file looks truncated. Export it again.`);
  } else if (fields.length < expected) {
    problems.at(line, undefined, `${fields.length} fields, but ${source} has ${expected}. A value or a delimiter is missing.`);
  } else {
    problems.at(
      line,
      undefined,
      `${fields.length} fields, but ${source} has ${expected}. A value may contain the delimiter without quotes around it (write 1234, not 1,234).`,
    );
  }
  return false;
}

/**
 * Checks the fields of one record at a time: each failed check becomes a problem naming the line
 * and field, and marks the record bad. One object per file (no closures per row: the hot path).
 */
export class RowCheck {
  line = 0;
  good = true;

  constructor(private readonly problems: ProblemList) {}

  start(line: number): void {
    this.line = line;
    this.good = true;
  }

  take<T>(field: string, checked: Checked<T>): T | undefined {
    if (!(checked instanceof FieldProblem)) return checked;
    this.fail(field, checked.problem);
    return undefined;
  }

  fail(field: string | undefined, what: string): void {
    this.problems.at(this.line, field, what);
    this.good = false;
  }
}

/** The reads of one file, refusing more than READ_FILE_LIMITS.maxReads. */
export class ReadRows {
  readonly rows: ParsedReadRow[] = [];
  private refused = false;

  /** Adds a row; false (with a problem, once) when the limit is reached. */
  push(row: ParsedReadRow, problems: ProblemList): boolean {
    if (this.rows.length >= READ_FILE_LIMITS.maxReads) {
      if (!this.refused) {
        problems.at(row.line, undefined, `the file has more than ${READ_FILE_LIMITS.maxReads.toLocaleString('en-US')} reads, the most one import takes. Split it (by route or cycle) and import the parts.`);
      }
      this.refused = true;
      return false;
    }
    this.rows.push(row);
    return true;
  }
}

/** The problem for a file that parsed but holds no reads (empty, header only, all blank). */
export function noReads(problems: ProblemList, detail: string): void {
  problems.add(WHOLE_FILE, undefined, `The file has no reads in it${detail}. Check that you picked the right file and format.`);
}

/** The trimmed field at `index`, or '' when the column is absent (optional columns). */
export const fieldAt = (fields: string[], index: number | undefined): string => (index === undefined ? '' : (fields[index] ?? '').trim());


/** Longest meter serial or account number kept (the meter table's serial is at most 30). */
export const MAX_ID_CHARS = 30;

/** A meter serial or account number: trimmed, not empty (when required), at most 30 characters. */
export function checkId(text: string, required: boolean, what: string): Checked<string | null> {
  if (text === '') return required ? new FieldProblem(`is empty; every read needs its ${what}.`) : null;
  if (text.length > MAX_ID_CHARS) return new FieldProblem(`${shown(text)} is longer than ${MAX_ID_CHARS} characters; it cannot be a ${what}.`);
  // The typed-in text rule (src-shared/contract/fields.ts) holds for ids from files too: they are
  // stored and shown (unmatched meters, the import's record).
  if (textProblem(text) !== null) return new FieldProblem(`${shown(text)} holds an invisible control or text-direction character, so it cannot be a ${what}. Export the file again.`);
  return text;
}
