/**
 * Reading and writing the rate document (docs/formats/rates.md). Every problem names its JSON
 * path ("schedules[1].water.classes.residential.tiers[0].ratePerHcf") and what is wrong; all of
 * them are reported at once so an import is fixed in one pass, and nothing of a refused document
 * is used.
 */
import { rateDocument, type RateDocument } from '../../../src-shared/contract/rates';
import { jsonPath, rateDocumentProblems, type RateDocumentProblem } from '../../../src-shared/rate-problems';
import { OfficeError } from '../errors';
import { createRateBook, type RateBook } from './book';

/** Largest rate document read (a few hundred schedules fit in well under this). */
export const MAX_RATE_DOCUMENT_BYTES = 2 * 1024 * 1024;
/** Problems listed in a refusal's message; the rest are counted. */
const MESSAGE_PROBLEMS = 5;

// The problems' wording lives in src-shared, so the rate form in the window checks by the same rule.
export { jsonPath, rateDocumentProblems, type RateDocumentProblem };

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
  if (!result.success) throw new RateDocumentError(rateDocumentProblems(value));
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
