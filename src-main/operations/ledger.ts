/** Handlers: the general ledger (chart, entries, adjustments, reversals). */
import { OfficeError } from '../core/errors';
import { GL } from '../core/ledger/chart';
import { postEntry, reverseEntry } from '../core/ledger/journal';
import { chartWithBalances, journalEntryView } from '../core/ledger/queries';
import { requireUser } from './context';
import type { HandlersFor } from './table';

export const ledgerHandlers: HandlersFor<'ledger.'> = {
  'ledger.chart': (context) => chartWithBalances(context.db),
  'ledger.entry': (context, input) => journalEntryView(context.db, input.entryId),
  'ledger.adjust': (context, input) => {
    // A positive adjustment charges the customer (debit receivable, credit the adjustment
    // account); a negative one is a credit to the customer.
    postEntry(context.db, context.nowIso, {
      entryId: input.entryId,
      effectiveDate: context.clock.today(),
      kind: 'adjustment',
      memo: input.reason,
      createdByUserId: requireUser(context).userId,
      approvedByUserId: context.approvedByUserId,
      lines: [
        { glCode: GL.accountsReceivable, accountId: input.accountId, amountCents: input.amountCents },
        { glCode: input.glCode, amountCents: -input.amountCents },
      ],
    });
    return journalEntryView(context.db, input.entryId);
  },
  'ledger.reverse': (context, input) => {
    const kind = context.db.prepare('SELECT kind FROM journal_entries WHERE id = ?').pluck().get(input.originalEntryId);
    // A bill's entry is reversed only with its bill (billing.cancelBill), or the bill would still show as posted.
    if (kind === 'bill') throw new OfficeError('CONFLICT', 'That entry posts a bill: cancel the bill instead (Billing → bill → Cancel/rebill)', 'originalEntryId');
    reverseEntry(context.db, context.nowIso, {
      entryId: input.entryId,
      originalEntryId: input.originalEntryId,
      reason: input.reason,
      effectiveDate: context.clock.today(),
      createdByUserId: requireUser(context).userId,
      approvedByUserId: context.approvedByUserId,
    });
    return journalEntryView(context.db, input.entryId);
  },
};
