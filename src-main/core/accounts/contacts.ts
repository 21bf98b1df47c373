import type { Contact } from '../../../src-shared/contract/accounts';
import type { ParsedInputOf } from '../../../src-shared/contract';
import type { Sqlite } from '../storage/database';

export function listContacts(_db: Sqlite, _accountId: number): Contact[] {
  throw new Error('not implemented');
}
export function addContact(_db: Sqlite, _nowIso: string, _userId: number, _input: ParsedInputOf<'contacts.add'>): Contact {
  throw new Error('not implemented');
}
export function completeFollowUp(_db: Sqlite, _nowIso: string, _userId: number, _contactId: number): Contact {
  throw new Error('not implemented');
}
