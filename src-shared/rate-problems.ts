/**
 * The problems of a rate document (docs/formats/rates.md) as sentences with their JSON path, from
 * the one schema (`rateDocument` in contract/rates.ts). Shared so that the rate form in the window
 * checks as the supervisor types by the very rule the main process applies when it saves
 * (src-main/core/rates/document.ts): one rule, two places it is asked.
 */
import type { z } from 'zod';
import { METER_SIZES, RATE_CLASSES } from './contract/accounts';
import { FIRE_LINE_SIZES_INCHES, rateDocument } from './contract/rates';

export interface RateDocumentProblem {
  /** JSON path of the field at fault; "" for the document itself. */
  path: string;
  message: string;
}

/** A problem with its path as keys too (["schedules", 0, "water"]), so a form can place it beside its input. */
export interface RateDocumentIssue extends RateDocumentProblem {
  keys: readonly (string | number)[];
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

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** A zod issue as a sentence a rates analyst can act on. */
function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const allowed = ALLOWED_KEYS[String(issue.path.at(-1))];
    if (allowed) return `${issue.keys.map((key) => `"${key}"`).join(', ')} is not one of ${allowed}`;
    const keys = issue.keys.map((key) => `"${key}"`).join(', ');
    return `Unknown field${issue.keys.length > 1 ? 's' : ''} ${keys} (check the spelling against docs/formats/rates.md)`;
  }
  // Parsed with reportInput; JSON has no undefined, so an undefined input is a missing field.
  if (issue.code === 'invalid_type' && (!('input' in issue) || issue.input === undefined)) return 'Required field is missing';
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input: expected')) {
    const expected = issue.expected === 'object' || issue.expected === 'record' ? 'an object { ... }' : issue.expected === 'array' ? 'a list [ ... ]' : issue.expected;
    return `Expected ${expected}, found ${describeValue(issue.input)}`;
  }
  if (issue.code === 'invalid_key') return `Key not allowed here: ${issue.issues.map((inner) => inner.message).join('; ')}`;
  return issue.message;
}

/** Every problem of a parsed JSON value (or a form's draft), in document order; empty when it is a valid document. */
export function rateDocumentIssues(value: unknown): RateDocumentIssue[] {
  const result = rateDocument.safeParse(value, { reportInput: true });
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const keys = issue.path.map((key) => (typeof key === 'number' ? key : String(key)));
    return { path: jsonPath(keys), keys, message: messageOf(issue) };
  });
}

/** rateDocumentIssues without the keys: what a refusal lists. */
export function rateDocumentProblems(value: unknown): RateDocumentProblem[] {
  return rateDocumentIssues(value).map(({ path, message }) => ({ path, message }));
}
