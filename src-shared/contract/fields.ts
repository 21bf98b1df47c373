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

export const requiredText = (label: string, max = 200) =>
  z.string().trim().min(1, `${label} is required`).max(max, `${label} is at most ${max} characters`);

export const optionalText = (label: string, max = 200) =>
  z.string().trim().max(max, `${label} is at most ${max} characters`).optional().default('');

export const phone = z
  .string()
  .trim()
  .max(30, 'Phone number is too long')
  .refine((text) => text === '' || text.replace(/\D/g, '').length >= 7, 'Phone number needs at least 7 digits')
  .optional()
  .default('');

export const email = z
  .string()
  .trim()
  .max(254)
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

export const searchQuery = z.string().max(100, 'Search text is at most 100 characters');
