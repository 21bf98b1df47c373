/** Handlers: collections (the shut-off guard, holds, arrangements, notices), the holiday calendar and collections' work orders. */
import { addHold, endArrangement, endHold, recordArrangement, recordNotice, type Recorder } from '../core/collections/facts';
import { addDistrictHoliday, listHolidays, removeHoliday } from '../core/collections/holidays';
import { accountCollections, orderCollectionsWorkOrder, readShutoffFacts, shutoffCounts, shutoffEligibility } from '../core/collections/shutoff';
import { requireUser, type HandlerContext } from './context';
import type { HandlersFor } from './table';

const recorder = (context: HandlerContext): Recorder => ({ nowIso: context.nowIso, today: context.clock.today(), userId: requireUser(context).userId });

// The aging operations are collections-aging.ts's; table.ts's type still requires every operation once.
type AgingOperation = 'collections.aging' | 'collections.agingBuckets' | 'collections.setAgingBuckets';

export const collectionHandlers: Omit<HandlersFor<'collections.' | 'holidays.' | 'workOrders.create'>, AgingOperation> = {
  'holidays.list': (context, input) => listHolidays(context.db, input),
  'holidays.add': (context, input) => addDistrictHoliday(context.db, context.nowIso, requireUser(context).userId, input),
  'holidays.remove': (context, input) => removeHoliday(context.db, context.nowIso, requireUser(context).userId, input.holidayId),
  'collections.shutoffEligibility': (context, input) => shutoffEligibility(context.db, input.accountId, input.date ?? context.clock.today()),
  'collections.account': (context, input) => accountCollections(context.db, input.accountId, context.clock.today()),
  'collections.addHold': (context, input) => addHold(context.db, recorder(context), input),
  'collections.endHold': (context, input) => endHold(context.db, recorder(context), input),
  'collections.recordArrangement': (context, input) => recordArrangement(context.db, recorder(context), input),
  'collections.endArrangement': (context, input) => endArrangement(context.db, recorder(context), input),
  'collections.recordNotice': (context, input) => {
    const by = recorder(context);
    // The amount a notice states defaults to what is past due now, fees included.
    const amountDelinquentCents = input.amountDelinquentCents ?? readShutoffFacts(context.db, input.accountId, by.today).amountDelinquentCents;
    return recordNotice(context.db, by, { ...input, amountDelinquentCents });
  },
  'collections.shutoffCounts': (context, input) => {
    const thisYear = Number(context.clock.today().slice(0, 4));
    return shutoffCounts(context.db, { fromYear: input.fromYear ?? thisYear - 4, toYear: input.toYear ?? thisYear });
  },
  'workOrders.create': (context, input) => orderCollectionsWorkOrder(context.db, recorder(context), input),
};
