import type { AccountSearchHit } from '../../../src-shared/contract/accounts';
import type { Sqlite } from '../storage/database';

/** TODO(helper): FTS5 search over account_search. */
export function searchAccounts(_db: Sqlite, _query: string, _limit: number, _includeClosed: boolean): AccountSearchHit[] {
  throw new Error('not implemented');
}
/** Rewrites one account's row in the FTS5 index (call after any change to what it indexes). */
export function refreshSearchRow(_db: Sqlite, _accountId: number): void {
  throw new Error('not implemented');
}
