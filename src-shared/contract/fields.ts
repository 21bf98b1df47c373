/** Reusable input-field schemas with messages a clerk can act on. */
import { z } from 'zod';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date "YYYY-MM-DD" that exists (no 2026-02-30). */
export const isoDate = z
  .string()
  .regex(ISO_DATE, 'Use a date like 2026-07-01')
  .refine((text) => {
    const [year, month, day] = text.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }, 'That date does not exist');

export const uuid = z.string().uuid('Expected a generated id (UUID)');

export const positiveId = z.number().int('Expected a whole-number id').positive('Expected an id');

/** Signed integer cents, bounded to a billion dollars so no sum can overflow. */
export const amountCents = z
  .number()
  .int('Amounts are whole cents')
  .min(-100_000_000_000, 'Amount is too large')
  .max(100_000_000_000, 'Amount is too large');

export const nonNegativeCents = amountCents.refine((value) => value >= 0, 'Amount cannot be negative');

/**
 * Typed-in text: one rule for every free-text field, because a value that looks blank or reads
 * backwards on screen (and in the route file, the bill print file, the audit trail) is a trap.
 * Refused, with the field named: C0/C1 control characters and DEL (NUL, escape, ...), the bidi
 * override / embedding / isolate characters that reorder what follows them (U+202A–U+202E,
 * U+2066–U+2069), line breaks in a one-line field, text made only of invisible characters, and
 * broken UTF-16 (a lone surrogate). Zero-width joiners and direction marks inside real text stay:
 * Persian, Hindi and emoji need them.
 */
export type TextShape = 'line' | 'multiline';

export type TextProblem = 'control' | 'bidi' | 'lineBreak' | 'invisible' | 'broken';

// Every C0 control except LF (judged by shape), DEL, and every C1 control (NEL included).
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;
const BIDI_OVERRIDE = /[\u202A-\u202E\u2066-\u2069]/;
// CR, LF, and the Unicode line and paragraph separators, which also break a line.
const LINE_BREAK = /[\r\n\u2028\u2029]/;
// Characters that take no space on screen: zero-width space/joiners, word joiner and invisible
// operators, byte-order mark, soft hyphen, combining grapheme joiner, direction marks, Hangul
// fillers, Mongolian vowel separator, plus ordinary spaces.
const INVISIBLE_ONLY = /^[\s\u00AD\u034F\u061C\u115F\u1160\u180E\u200B-\u200F\u2060-\u2064\u3164\uFEFF\uFFA0]*$/;
// Half of a UTF-16 surrogate pair without the other half (JSON can carry one: "\ud800").
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with a piece of typed-in text, or null when it may be stored. */
export function textProblem(text: string, shape: TextShape = 'line'): TextProblem | null {
  if (LONE_SURROGATE.test(text)) return 'broken';
  if (BIDI_OVERRIDE.test(text)) return 'bidi';
  if (shape === 'line' && LINE_BREAK.test(text)) return 'lineBreak';
  if (CONTROL.test(text)) return 'control';
  if (text !== '' && INVISIBLE_ONLY.test(text)) return 'invisible';
  return null;
}

/** The clerk's message for a problem in the field called `label`. */
export function textProblemMessage(label: string, problem: TextProblem): string {
  switch (problem) {
    case 'control':
      return `${label} contains an invisible control character; retype it`;
    case 'bidi':
      return `${label} contains a hidden text-direction character; retype it`;
    case 'lineBreak':
      return `${label} must be on one line; remove the line break`;
    case 'invisible':
      return `${label} has only invisible characters; retype it`;
    case 'broken':
      return `${label} contains a damaged character; retype it`;
  }
}

/**
 * A free-text string, trimmed, then checked by textProblem. Multi-line text keeps LF only: CRLF,
 * a lone CR and the Unicode line separators become LF first (Windows sends CRLF for Enter).
 */
export function safeText(label: string, shape: TextShape = 'line') {
  const trimmed = z.string().trim();
  const normalised = shape === 'multiline' ? trimmed.overwrite((text) => text.replace(/\r\n?|[\u2028\u2029]/g, '\n')) : trimmed;
  return normalised.check((context) => {
    const problem = textProblem(context.value, shape);
    if (problem) context.issues.push({ code: 'custom', input: context.value, message: textProblemMessage(label, problem), continue: false });
  });
}

export const requiredText = (label: string, max = 200, shape: TextShape = 'line') =>
  safeText(label, shape).min(1, `${label} is required`).max(max, `${label} is at most ${max} characters`);

export const optionalText = (label: string, max = 200, shape: TextShape = 'line') =>
  safeText(label, shape).max(max, `${label} is at most ${max} characters`).optional().default('');

export const phone = safeText('Phone number')
  .max(30, 'Phone number is too long')
  .refine((text) => text === '' || text.replace(/\D/g, '').length >= 7, 'Phone number needs at least 7 digits')
  .optional()
  .default('');

export const email = safeText('Email')
  .max(254, 'Email is at most 254 characters')
  .refine((text) => text === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text), 'That is not an email address')
  .optional()
  .default('');

export const usState = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'State is two letters, like CA');

export const zipCode = z
  .string()
  .trim()
  .regex(/^\d{5}(-?\d{4})?$/, 'ZIP is 5 digits or ZIP+4');

export const searchQuery = safeText('Search text').max(100, 'Search text is at most 100 characters');
