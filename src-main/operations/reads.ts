/** Handlers: meter-read import, the abnormal-read worklist, unread report, cycle status, work orders. */
import { OfficeError } from '../core/errors';
import type { HandlersFor } from './table';

const notYet = (): never => {
  throw new OfficeError('INTERNAL', 'Meter-read import is not ready yet in this build');
};

export const readHandlers: HandlersFor<'reads.' | 'workOrders.'> = {
  'reads.preview': notYet,
  'reads.import': notYet,
  'reads.imports': () => [],
  'reads.profiles': () => [],
  'reads.saveProfile': notYet,
  'reads.deleteProfile': notYet,
  'reads.exceptions': () => ({ rows: [], total: 0, truncated: false }),
  'reads.exception': notYet,
  'reads.resolve': notYet,
  'reads.bulkAccept': notYet,
  'reads.orderWorkOrder': notYet,
  'reads.logCourtesyCall': notYet,
  'reads.flagUnread': notYet,
  'reads.unread': () => ({ rows: [], total: 0 }),
  'reads.cycleStatus': notYet,
  'reads.routeExport': notYet,
  'reads.settings': notYet,
  'reads.setSettings': notYet,
  'workOrders.list': () => [],
  'workOrders.setStatus': notYet,
};
