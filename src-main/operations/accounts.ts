/** Handlers: customer accounts, meter reads on an account, and the contact log. */
import * as accounts from '../core/accounts';
import { accountLedger } from '../core/ledger/queries';
import { requireUser } from './context';
import type { HandlersFor } from './table';

export const accountHandlers: HandlersFor<'accounts.' | 'contacts.'> = {
  'accounts.search': (context, input) => accounts.searchAccounts(context.db, input.query, input.limit, input.includeClosed),
  'accounts.get': (context, input) => accounts.getAccountDetail(context.db, input.accountId),
  'accounts.findByNumber': (context, input) => accounts.findAccountByNumber(context.db, input.accountNumber),
  'accounts.ledger': (context, input) => {
    accounts.getAccountDetail(context.db, input.accountId);
    return accountLedger(context.db, input.accountId, input.limit, input.beforeLineId);
  },
  'accounts.reads': (context, input) => accounts.accountReads(context.db, input.accountId, input.limit),
  'accounts.create': (context, input) => accounts.createAccount(context.db, context.nowIso, input),
  'accounts.updateCustomer': (context, input) => accounts.updateCustomer(context.db, input.accountId, input.customer),
  'accounts.setAutopay': (context, input) => accounts.setAutopay(context.db, input.accountId, input.autopay),
  'contacts.list': (context, input) => accounts.listContacts(context.db, input.accountId),
  'contacts.add': (context, input) => accounts.addContact(context.db, context.nowIso, requireUser(context).userId, input),
  'contacts.completeFollowUp': (context, input) =>
    accounts.completeFollowUp(context.db, context.nowIso, requireUser(context).userId, input.contactId),
};
