/** Handlers: rates (in force, import, preview) and bill runs (draft, review, approve, post, cancel, bills, cancel/rebill, holds). */
import { accountBills, cancelBill, getBillView, setBillHold } from '../core/billing/bills';
import { currentRates, saveRates } from '../core/billing/rate-store';
import { listBills, listRuns, reviewRun, runSummary, unaccountedCount } from '../core/billing/review';
import { approveRun, cancelRun, createRun, postRun, recomputeRun, type Actor } from '../core/billing/runs';
import { chargeFee } from '../core/billing/fees';
import { moveOut } from '../core/billing/move-out';
import { previewSamples } from '../core/billing/samples';
import { billPdf, runPdf } from '../core/billing/print/bill-pdf';
import { exportRun } from '../core/billing/print/export';
import { OfficeError } from '../core/errors';
import { accountOpenItems } from '../core/payments/open-items';
import { setSetting } from '../core/storage/settings';
import { requireUser, type HandlerContext } from './context';
import type { HandlersFor } from './table';

const actor = (context: HandlerContext): Actor => ({ userId: requireUser(context).userId, nowIso: context.nowIso });

const inForce = (stored: ReturnType<typeof currentRates>) => ({ rateBookId: stored.rateBookId, savedAt: stored.savedAt, note: stored.note, document: stored.document });

function ratesOrNull(context: HandlerContext) {
  try {
    return currentRates(context.db);
  } catch (error) {
    if (error instanceof OfficeError && error.code === 'CONFLICT') return null;
    throw error;
  }
}

export const billingHandlers: HandlersFor<'rates.' | 'billing.'> = {
  'rates.current': (context) => inForce(currentRates(context.db)),
  'rates.import': (context, input) => inForce(saveRates(context.db, context.nowIso, requireUser(context).userId, input.documentJson, input.note)),
  'rates.preview': (context, input) => previewSamples(input.documentJson, ratesOrNull(context)?.book ?? null, input.onDate),
  'billing.runs': (context, input) => listRuns(context.db, input.cycle, input.limit),
  'billing.createRun': (context, input) => reviewRun(context.db, createRun(context.db, actor(context), input, context.progress)),
  'billing.recompute': (context, input) => {
    recomputeRun(context.db, actor(context), input.runId, context.progress);
    return reviewRun(context.db, input.runId);
  },
  'billing.review': (context, input) => reviewRun(context.db, input.runId),
  'billing.bills': (context, input) => listBills(context.db, input),
  'billing.approve': (context, input) => {
    approveRun(context.db, actor(context), input.runId, input.note, unaccountedCount(context.db, input.runId), context.progress);
    return reviewRun(context.db, input.runId);
  },
  'billing.post': (context, input) => {
    postRun(context.db, actor(context), input.runId, unaccountedCount(context.db, input.runId), context.progress);
    return reviewRun(context.db, input.runId);
  },
  'billing.cancelRun': (context, input) => {
    cancelRun(context.db, actor(context), input.runId, input.reason, context.progress);
    return runSummary(context.db, input.runId);
  },
  'billing.bill': (context, input) => getBillView(context.db, input.billId),
  'billing.accountBills': (context, input) => accountBills(context.db, input.accountId),
  'billing.cancelBill': (context, input) =>
    getBillView(context.db, cancelBill(context.db, { ...actor(context), today: context.clock.today(), approvedByUserId: context.approvedByUserId }, input)),
  'billing.setHold': (context, input) => setBillHold(context.db, input.accountId, input.reason),
  'billing.openItems': (context, input) => accountOpenItems(context.db, input.accountId, context.clock.today()),
  'billing.setApplicationRule': (context, input) => {
    setSetting(context.db, 'paymentApplicationRule', input.rule);
    return { rule: input.rule };
  },
  'billing.chargeFee': (context, input) =>
    chargeFee(context.db, { ...actor(context), today: context.clock.today(), approvedByUserId: context.approvedByUserId }, input),
  'billing.moveOut': (context, input) => moveOut(context.db, { ...actor(context), today: context.clock.today(), approvedByUserId: context.approvedByUserId }, input),
  'billing.export': (context, input) => exportRun(context.db, input.runId, input.format, context.nowIso),
  // PDFs are reads: the bills are read synchronously, then Chromium renders outside any transaction.
  'billing.billPdf': async (context, input) => {
    const job = billPdf(context.db, input.billId);
    return { fileName: job.fileName, pdfBase64: (await job.render()).toString('base64') };
  },
  'billing.runPdf': async (context, input) => {
    const { render, ...job } = runPdf(context.db, input.runId, input.limit);
    return { ...job, pdfBase64: (await render()).toString('base64') };
  },
};
