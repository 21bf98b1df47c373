/**
 * Branded identifiers: an AccountId can never be passed where a CustomerId or an amount goes.
 * Ids of records the office creates are integers; ids the caller generates (journal entries,
 * idempotency keys) are UUID strings.
 */
declare const brand: unique symbol;
type Brand<T, Name extends string> = T & { readonly [brand]: Name };

export type AccountId = Brand<number, 'AccountId'>;
export type CustomerId = Brand<number, 'CustomerId'>;
export type LocationId = Brand<number, 'LocationId'>;
export type MeterId = Brand<number, 'MeterId'>;
export type ServiceId = Brand<number, 'ServiceId'>;
export type ContactId = Brand<number, 'ContactId'>;
export type UserId = Brand<number, 'UserId'>;
/** Caller-generated UUID of a journal entry: the posting's idempotency key. */
export type JournalEntryId = Brand<string, 'JournalEntryId'>;

export const asAccountId = (value: number) => value as AccountId;
export const asCustomerId = (value: number) => value as CustomerId;
export const asLocationId = (value: number) => value as LocationId;
export const asMeterId = (value: number) => value as MeterId;
export const asUserId = (value: number) => value as UserId;
export const asJournalEntryId = (value: string) => value as JournalEntryId;

/**
 * A new caller-generated id (payment UUID, journal entry id, idempotency key): a UUID version 7,
 * whose first 48 bits are the time in milliseconds. Ids made one after another sort one after
 * another, so each lands at the end of its index instead of on a random page — a random UUID
 * made SQLite rebalance pages of the payment, entry and audit indexes at most commits (about 1.5
 * of a payment's 20 pages written; docs/performance.md). The rest is random, so ids from two
 * workstations never collide.
 */
export { v7 as newRequestId } from 'uuid';
