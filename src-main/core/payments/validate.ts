/**
 * Input checking for the payments core: the contract's zod schemas are the one statement of each
 * rule, and a failure becomes an OfficeError naming the field, as the dispatcher reports it.
 */
import type { z } from 'zod';
import { OfficeError } from '../errors';

/** Parses `input` with `schema` or throws INVALID_INPUT for the first issue, "field: message". */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown, fieldPrefix = ''): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = [fieldPrefix, ...(issue?.path ?? []).map(String)].filter((part) => part !== '').join('.');
  const message = issue?.message ?? 'The input is not valid';
  throw new OfficeError('INVALID_INPUT', path === '' ? message : `${path}: ${message}`, path === '' ? undefined : path);
}

/** Refuses anything but a whole number of cents within ±limit, naming the field. */
export function requireCents(value: number, field: string, options: { min?: number; max?: number } = {}): number {
  const min = options.min ?? -Number.MAX_SAFE_INTEGER;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(value)) throw new OfficeError('INVALID_INPUT', `${field}: amounts are whole cents (got ${String(value)})`, field);
  if (value < min || value > max) {
    throw new OfficeError('INVALID_INPUT', `${field}: ${value} cents is outside the allowed ${min} to ${max} cents`, field);
  }
  return value;
}
