import type { AccountDetail, CustomerInput, MeterReadRow } from '../../../src-shared/contract/accounts';
import type { ParsedInputOf } from '../../../src-shared/contract';
import type { Sqlite } from '../storage/database';

export function getAccountDetail(_db: Sqlite, _accountId: number): AccountDetail {
  throw new Error('not implemented');
}
export function findAccountByNumber(_db: Sqlite, _accountNumber: string): AccountDetail {
  throw new Error('not implemented');
}
export function createAccount(_db: Sqlite, _nowIso: string, _input: ParsedInputOf<'accounts.create'>): AccountDetail {
  throw new Error('not implemented');
}
export function updateCustomer(_db: Sqlite, _accountId: number, _customer: ParsedInputOf<'accounts.updateCustomer'>['customer']): AccountDetail {
  throw new Error('not implemented');
}
export function setAutopay(_db: Sqlite, _accountId: number, _autopay: boolean): AccountDetail {
  throw new Error('not implemented');
}
export function accountReads(_db: Sqlite, _accountId: number, _limit: number): MeterReadRow[] {
  throw new Error('not implemented');
}
export type { CustomerInput };
