/**
 * The pure core of payments and the cash drawer (no database): tenders and change, drawer
 * counts and close, payment application, lockbox files. See README.md.
 */
export * from './application';
export * from './denominations';
export * from './drawer';
export * from './lockbox';
export * from './tenders';
// Storage and postings (issue #5): drawers, payments, batches, lockbox imports, deposits, end of day.
export type { Actor } from './actor';
export * from './batches';
export * from './deposits';
export * from './drawers';
export * from './end-of-day';
export * from './lockbox-import';
export * from './lockbox-settings';
export * from './posting';
export * from './receipts';
export * from './search';
