/**
 * Reading and writing the rate document (docs/formats/rates.md). Every problem names its JSON
 * path ("schedules[1].water.classes.residential.tiers[0].ratePerHcf") and what is wrong; all of
 * them are reported at once so an import is fixed in one pass, and nothing of a refused document
 * is used.
 */
import type { z } from 'zod';
import { METER_SIZES, RATE_CLASSES } from '../../../src-shared/contract/accounts';
import { FIRE_LINE_SIZES_INCHES, rateDocument, type RateDocument } from '../../../src-shared/contract/rates';
import { OfficeError } from '../errors';
import { createRateBook, type RateBook } from './book';

/** Largest rate document read (a few hundred schedules fit in well under this). */
export const MAX_RATE_DOCUMENT_BYTES = 2 * 1024 * 1024;
/** Problems listed in a refusal's message; the rest are counted. */
const MESSAGE_PROBLEMS = 5;

export interface RateDocumentProblem {
  /** JSON path of the field at fault; "" for the document itself. */
  path: string;
  message: string;
}

/** A refused rate document: `problems` lists every one; `field` names the first. */
export class RateDocumentError extends OfficeError {
  constructor(readonly problems: readonly RateDocumentProblem[]) {
    super('INVALID_INPUT', describeProblems(problems), problems[0]?.path || undefined);
    this.name = 'RateDocumentError';
  }
}

function describeProblems(problems: readonly RateDocumentProblem[]): string {
  const listed = problems.slice(0, MESSAGE_PROBLEMS).map((problem) => `${problem.path || '(document)'}: ${problem.message}`);
  const more = problems.length > MESSAGE_PROBLEMS ? `; and ${problems.length - MESSAGE_PROBLEMS} more` : '';
  return `The rate document was refused: ${listed.join('; ')}${more}`;
}

/** ["schedules", 0, "water"] → "schedules[0].water"; keys that are not identifiers are quoted. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) text += text === '' ? key : `.${key}`;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

/** What the keys of the records keyed by a fixed list may be, for a wrong key's message. */
const ALLOWED_KEYS: Record<string, string> = {
  monthlyServiceCharge: `the meter sizes ${METER_SIZES.join(', ')}`,
  monthlyChargeByLineSize: `the fire line sizes (inches) ${FIRE_LINE_SIZES_INCHES.join(', ')}`,
  classes: `the rate classes ${RATE_CLASSES.join(', ')}`,
  wastewater: `the rate classes ${RATE_CLASSES.join(', ')}`,
};

/** A zod issue as a sentence a rates analyst can act on. */
function problemOf(issue: z.core.$ZodIssue): RateDocumentProblem {
  const path = jsonPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const allowed = ALLOWED_KEYS[String(issue.path.at(-1))];
    if (allowed) return { path, message: `${issue.keys.map((key) => `"${key}"`).join(', ')} is not one of ${allowed}` };
    const keys = issue.keys.map((key) => `"${key}"`).join(', ');
    return { path, message: `Unknown field${issue.keys.length > 1 ? 's' : ''} ${keys} (check the spelling against docs/formats/rates.md)` };
  }
  // Parsed with reportInput; JSON has no undefined, so an undefined input is a missing field.
  if (issue.code === 'invalid_type' && (!('input' in issue) || issue.input === undefined)) return { path, message: 'Required field is missing' };
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input: expected')) {
    return { path, message: `Expected ${issue.expected === 'object' || issue.expected === 'record' ? 'an object { ... }' : issue.expected === 'array' ? 'a list [ ... ]' : issue.expected}, found ${describeValue(issue.input)}` };
  }
  if (issue.code === 'invalid_key') return { path, message: `Key not allowed here: ${issue.issues.map((inner) => inner.message).join('; ')}` };
  return { path, message: issue.message };
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** The problems of a parsed JSON value, in document order; empty when it is a valid document. */
export function rateDocumentProblems(value: unknown): RateDocumentProblem[] {
  const result = rateDocument.safeParse(value, { reportInput: true });
  return result.success ? [] : result.error.issues.map(problemOf);
}

/** "Unexpected token } in JSON at position 41" → the line and column of position 41. */
function jsonSyntaxProblem(text: string, error: unknown): RateDocumentProblem {
  const detail = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(detail);
  if (!position) return { path: '', message: `Not valid JSON: ${detail}` };
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return { path: '', message: `Not valid JSON at line ${line}, column ${column}: ${detail}` };
}

/**
 * A rate document from JSON text or an already-parsed value; throws RateDocumentError naming
 * every problem (bad JSON, a wrong or missing field, overlapping effective dates).
 */
export function parseRateDocument(input: string | unknown): RateDocument {
  let value: unknown = input;
  if (typeof input === 'string') {
    if (input.length > MAX_RATE_DOCUMENT_BYTES) {
      throw new RateDocumentError([{ path: '', message: `A rate document is at most ${MAX_RATE_DOCUMENT_BYTES / 1024 / 1024} MB` }]);
    }
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new RateDocumentError([jsonSyntaxProblem(input, error)]);
    }
  }
  const result = rateDocument.safeParse(value, { reportInput: true });
  if (!result.success) throw new RateDocumentError(result.error.issues.map(problemOf));
  return result.data;
}

/** parseRateDocument, then prepared for billing. */
export function loadRateBook(input: string | unknown): RateBook {
  return createRateBook(parseRateDocument(input));
}

/**
 * The document as JSON for export: schedules in date order, two-space indent, a final newline.
 * Rates are written as the same strings that were read, so export → import is lossless.
 */
export function serializeRateDocument(document: RateDocument): string {
  const schedules = [...document.schedules].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  return `${JSON.stringify({ ...document, schedules }, null, 2)}\n`;
}
