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
