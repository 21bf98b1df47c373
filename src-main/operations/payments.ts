/** Handlers: the cash drawer, payments, batches, lockbox imports, deposits and the end of day (issue #5). */
import { roleAllows } from '../../src-shared/roles';
import {
  closeBatch,
  correctBatchEntry,
  closeDrawer,
  createDeposit,
  currentDrawer,
  endOfDayReport,
  finaliseEndOfDay,
  getBatch,
  getDeposit,
  getDrawer,
  getLockboxTypeCodes,
  importLockbox,
  listCashDays,
  listDrawers,
  listPaymentRows,
  openBatch,
  openDrawer,
  previewClose,
  previewDeposit,
  previewLockbox,
  receiptByNumber,
  receiptByUid,
  receiptOf,
  returnCheck,
  searchPayments,
  setLockboxTypeCodes,
  takePayment,
  voidPayment,
  type Actor,
} from '../core/payments';
import { depositPdf, endOfDayPdf, receiptPdf, type PdfJob } from '../core/reports/payment-pdfs';
import { requireUser, type HandlerContext } from './context';
import type { HandlersFor } from './table';

const actor = (context: HandlerContext): Actor => ({
  userId: requireUser(context).userId,
  nowIso: context.nowIso,
  today: context.clock.today(),
  approvedByUserId: context.approvedByUserId,
});

/** Clerks work in their own drawers; technicians (back office) and supervisors see every drawer. */
const viewer = (context: HandlerContext) => {
  const user = requireUser(context);
  return { userId: user.userId, seesAll: roleAllows(user.role, 'technician') };
};

/** Reads now (synchronously, inside the dispatcher's read), renders after. */
const pdfOf = async (job: PdfJob) => ({ fileName: job.fileName, pdfBase64: (await job.render()).toString('base64') });

export const paymentHandlers: HandlersFor<'drawer.' | 'payments.' | 'batches.' | 'lockbox.' | 'deposit.' | 'endOfDay.'> = {
  'drawer.open': (context, input) => openDrawer(context.db, actor(context), input),
  'drawer.current': (context) => currentDrawer(context.db, requireUser(context).userId),
  'drawer.get': (context, input) => getDrawer(context.db, input.drawerId, viewer(context)),
  'drawer.list': (context, input) => listDrawers(context.db, input, viewer(context)),
  'drawer.closePreview': (context, input) => previewClose(context.db, input.drawerId, input.count, viewer(context)),
  'drawer.close': (context, input) => closeDrawer(context.db, actor(context), input, viewer(context)),
  'payments.take': (context, input) => takePayment(context.db, actor(context), input),
  'payments.receipt': (context, input) => ('paymentId' in input ? receiptByUid(context.db, input.paymentId) : receiptByNumber(context.db, input.receiptNumber)),
  'payments.reprint': (context, input) => receiptByUid(context.db, input.paymentId, { reprint: true }),
  'payments.list': (context, input) => listPaymentRows(context.db, input).map((row) => receiptOf(context.db, row)),
  'payments.search': (context, input) => searchPayments(context.db, input),
  'payments.void': (context, input) => voidPayment(context.db, actor(context), input),
  'payments.returnCheck': (context, input) => returnCheck(context.db, actor(context), input),
  'batches.open': (context, input) => openBatch(context.db, actor(context), input),
  'batches.get': (context, input) => getBatch(context.db, input.batchId),
  'batches.close': (context, input) => closeBatch(context.db, actor(context), input.batchId, viewer(context)),
  'batches.correctEntry': (context, input) => correctBatchEntry(context.db, actor(context), input),
  'lockbox.preview': (context, input) => previewLockbox(context.db, input),
  'lockbox.import': (context, input) => importLockbox(context.db, actor(context), input),
  'lockbox.settings': (context) => getLockboxTypeCodes(context.db),
  'lockbox.updateSettings': (context, input) => setLockboxTypeCodes(context.db, input),
  'deposit.create': (context, input) => createDeposit(context.db, actor(context), input),
  'deposit.preview': (context, input) => previewDeposit(context.db, input.drawerIds),
  'deposit.get': (context, input) => getDeposit(context.db, input.depositId),
  'endOfDay.days': (context, input) => listCashDays(context.db, input.limit),
  'endOfDay.report': (context, input) => endOfDayReport(context.db, input.businessDate ?? context.clock.today()),
  'endOfDay.finalise': (context, input) => finaliseEndOfDay(context.db, actor(context), input.businessDate),
  'payments.receiptPdf': (context, input) => pdfOf(receiptPdf(context.db, input.paymentId, input.layout, input.reprint)),
  'deposit.slipPdf': (context, input) => pdfOf(depositPdf(context.db, input.depositId)),
  'endOfDay.pdf': (context, input) => pdfOf(endOfDayPdf(context.db, input.businessDate ?? context.clock.today())),
};
