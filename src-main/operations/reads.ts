/** Handlers: meter-read import, the abnormal-read worklist, unread report, cycle status, work orders. */
import type { ParsedInputOf } from '../../src-shared/contract';
import { cycleStatus, cycleSummaries, flagUnread, routeExport, unreadMeters } from '../core/reads/cycle';
import { analyzeImport, commitImport, previewOf } from '../core/reads/import';
import { decodeFileContent, parseUpload } from '../core/reads/parse';
import { deleteProfile, listProfiles, saveProfile } from '../core/reads/profiles';
import { listImports } from '../core/reads/imports';
import { bulkAccept, logCourtesyCall, orderWorkOrder, previewEstimate, resolveException, type Actor } from '../core/reads/resolve';
import { getReadValidationSettings, setReadValidationSettings } from '../core/reads/settings';
import { getExceptionDetail, listExceptions } from '../core/reads/worklist';
import { validateProfileDefinition } from '../core/reads/parse';
import { closeWorkOrder, listWorkOrders } from '../core/work-orders';
import { requireUser, type HandlerContext } from './context';
import type { HandlersFor } from './table';

const actor = (context: HandlerContext): Actor => ({ userId: requireUser(context).userId, nowIso: context.nowIso, today: context.clock.today() });

function analyze(context: HandlerContext, input: ParsedInputOf<'reads.preview'>) {
  const bytes = decodeFileContent(input.contentBase64);
  const parsed = parseUpload(context.db, bytes, input.profile);
  return analyzeImport(
    context.db,
    { fileName: input.fileName, bytes, cycle: input.cycle, period: input.period, skipUnmatched: input.skipUnmatched },
    parsed,
    getReadValidationSettings(context.db),
  );
}

export const readHandlers: HandlersFor<'reads.' | 'workOrders.list' | 'workOrders.setStatus'> = {
  'reads.preview': (context, input) => previewOf(analyze(context, input)),
  'reads.import': (context, input) => commitImport(context.db, analyze(context, input), requireUser(context).userId, context.nowIso),
  'reads.imports': (context, input) => listImports(context.db, input),
  'reads.profiles': (context) => listProfiles(context.db),
  'reads.saveProfile': (context, input) =>
    saveProfile(context.db, context.nowIso, requireUser(context).userId, { ...input, definition: validateProfileDefinition(input.name, input.definition) }),
  'reads.deleteProfile': (context, input) => {
    deleteProfile(context.db, input.profileId);
    return { deleted: true as const };
  },
  'reads.exceptions': (context, input) => listExceptions(context.db, input),
  'reads.exception': (context, input) => getExceptionDetail(context.db, input.exceptionId),
  'reads.estimatePreview': (context, input) => previewEstimate(context.db, input.exceptionId, input.method),
  'reads.resolve': (context, input) => resolveException(context.db, actor(context), input.exceptionId, input.action),
  'reads.bulkAccept': (context, input) => bulkAccept(context.db, actor(context), input.exceptionIds, input.reason, context.progress),
  'reads.orderWorkOrder': (context, input) => orderWorkOrder(context.db, actor(context), input.exceptionId, input.type, input.notes),
  'reads.logCourtesyCall': (context, input) => logCourtesyCall(context.db, actor(context), input),
  'reads.flagUnread': (context, input) => flagUnread(context.db, context.nowIso, input.cycle, input.period, input.route, context.progress),
  'reads.unread': (context, input) => unreadMeters(context.db, input.cycle, input.period, input.route),
  'reads.cycleStatus': (context, input) => cycleStatus(context.db, input.cycle, input.period),
  'reads.cycles': (context, input) => {
    // The office's current month when the technician has not picked one.
    const period = input.period ?? context.clock.today().slice(0, 7);
    return { period, cycles: cycleSummaries(context.db, period) };
  },
  'reads.routeExport': (context, input) => routeExport(context.db, input.cycle, input.period, input.route),
  'reads.settings': (context) => getReadValidationSettings(context.db),
  'reads.setSettings': (context, input) => setReadValidationSettings(context.db, input),
  'workOrders.list': (context, input) => listWorkOrders(context.db, input),
  'workOrders.setStatus': (context, input) => closeWorkOrder(context.db, context.nowIso, requireUser(context).userId, input),
};
