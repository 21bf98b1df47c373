/**
 * The pure core of payments and the cash drawer (no database): tenders and change, drawer
 * counts and close, payment application, lockbox files. See README.md.
 */
export * from './application';
export * from './denominations';
export * from './drawer';
export * from './lockbox';
export * from './tenders';
