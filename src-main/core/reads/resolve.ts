/**
 * What a technician does with an abnormal read. Every action records who, when and why on the
 * exception (read_exception_actions); the dispatcher's audit record holds the same operation.
 * Correcting or estimating keeps the reading as first imported (original_reading_text).
 */
import { noProgress, type Progress } from '../progress';
import type {
  CourtesyCallOutcome, EstimateMethod, EstimatePreview, ReadExceptionDetail, ReadExceptionRow, ResolveAction, WorkOrder, WorkOrderType,
} from '../../../src-shared/contract/reads';
import { COURTESY_CALL_TYPES, courtesyCallFits, READ_EXCEPTION_LABELS, WORK_ORDER_TYPE_LABELS } from '../../../src-shared/contract/reads';
import { addContact } from '../accounts/contacts';
import { perConnection } from '../storage/prepared';
import { OfficeError } from '../errors';
import type { Sqlite } from '../storage/database';
import { createWorkOrder } from '../work-orders';
import { Big, hcfText, normalizeDecimal, registerUnitsToHcf, wholeReading } from './decimal';
import { meterFacts, planEstimate, priorReadOf } from './estimate';
import { recordReRead } from './reread';
import { getReadValidationSettings } from './settings';
import { usageBetween } from './validate';
import { getExceptionDetail, getExceptionRow } from './worklist';

const statements = perConnection((db: Sqlite) => ({
  setException: db.prepare(
    `UPDATE read_exceptions SET status = @status, resolution = @resolution, resolved_at = @at, resolved_by_user_id = @userId, note = @note WHERE id = @id`,
  ),
  action: db.prepare(`INSERT INTO read_exception_actions (exception_id, at, user_id, action, reason, detail) VALUES (?, ?, ?, ?, ?, ?)`),
  setReadStatus: db.prepare(`UPDATE meter_reads SET status = ?, resolved_at = ?, resolved_by_user_id = ? WHERE id = ?`),
  replaceReading: db.prepare(
    `UPDATE meter_reads SET original_reading_text = COALESCE(original_reading_text, COALESCE(reading_text, CAST(reading AS TEXT))),
       original_usage_hcf = COALESCE(original_usage_hcf, usage_hcf),
       reading = @reading, reading_text = @readingText, usage_hcf = @usageHcf, estimated = @estimated, status = @status,
       resolved_at = @at, resolved_by_user_id = @userId
     WHERE id = @readId`,
  ),
  insertRead: db.prepare(
    `INSERT INTO meter_reads (meter_id, account_id, read_date, reading, usage_hcf, estimated, source, created_at, reading_text, period, cycle, status, resolved_at, resolved_by_user_id)
     VALUES (@meterId, @accountId, @readDate, @reading, @usageHcf, @estimated, @source, @at, @readingText, @period, @cycle, @status, @at, @userId)`,
  ),
  linkRead: db.prepare(`UPDATE read_exceptions SET read_id = ?, usage_hcf = ? WHERE id = ?`),
}));

export interface Actor {
  userId: number;
  nowIso: string;
  today: string;
}

function record(db: Sqlite, exceptionId: number, actor: Actor, action: string, reason: string, detail: string): void {
  statements(db).action.run(exceptionId, actor.nowIso, actor.userId, action, reason, detail);
}

function closeException(db: Sqlite, exceptionId: number, actor: Actor, resolution: string, note: string): void {
  statements(db).setException.run({ id: exceptionId, status: 'resolved', resolution, at: actor.nowIso, userId: actor.userId, note });
}

/** Puts a reading on the exception's read (replacing it) or, for a missing read, stores a new one. */
function storeReading(
  db: Sqlite,
  exceptionId: number,
  actor: Actor,
  reading: string,
  usageHcf: string,
  estimated: boolean,
): { before: string | null } {
  const exception = getExceptionRow(db, exceptionId);
  const prepared = statements(db);
  const status = estimated ? 'estimated' : 'corrected';
  if (exception.readId !== null) {
    prepared.replaceReading.run({
      readId: exception.readId, reading: wholeReading(reading), readingText: reading, usageHcf, estimated: estimated ? 1 : 0, status, at: actor.nowIso, userId: actor.userId,
    });
    prepared.linkRead.run(exception.readId, usageHcf, exceptionId);
    return { before: exception.reading };
  }
  const readId = Number(
    prepared.insertRead.run({
      meterId: exception.meterId, accountId: exception.accountId, readDate: exception.readDate ?? actor.today, reading: wholeReading(reading), usageHcf,
      estimated: estimated ? 1 : 0, source: estimated ? 'estimate' : 'office', at: actor.nowIso, readingText: reading, period: exception.period,
      cycle: exception.cycle, status, userId: actor.userId,
    }).lastInsertRowid,
  );
  prepared.linkRead.run(readId, usageHcf, exceptionId);
  return { before: exception.reading };
}

function correct(db: Sqlite, exceptionId: number, actor: Actor, readingInput: string, reason: string): void {
  const exception = getExceptionRow(db, exceptionId);
  const meter = meterFacts(db, exception.meterId);
  const reading = normalizeDecimal(readingInput);
  if (new Big(reading).gte(new Big(10).pow(meter.dials))) {
    throw new OfficeError('INVALID_INPUT', `A ${meter.dials}-dial register cannot show ${reading}`, 'action.reading');
  }
  const prior = priorReadOf(db, exception);
  let usageHcf = '0';
  if (prior) {
    const between = usageBetween(prior.reading, reading, meter);
    const capacityLimit = registerUnitsToHcf(new Big(10).pow(meter.dials), meter.unit, meter.multiplier).times(getReadValidationSettings(db).capacityPercent).div(100);
    if (between.rolledOver && between.usageHcf.gt(capacityLimit)) {
      throw new OfficeError(
        'INVALID_INPUT',
        `${reading} is below the prior reading ${prior.reading} (${prior.readDate}) and too far for a rollover; check the reading`,
        'action.reading',
      );
    }
    usageHcf = between.usageHcf.toFixed();
  }
  const { before } = storeReading(db, exceptionId, actor, reading, usageHcf, false);
  closeException(db, exceptionId, actor, 'corrected', reason);
  record(db, exceptionId, actor, 'correct', reason, `reading ${before ?? 'none'} → ${reading}; use ${usageHcf} HCF`);
}

/** Stores the estimate planEstimate works out (the same figures reads.estimatePreview shows). */
function estimate(db: Sqlite, exceptionId: number, actor: Actor, method: EstimateMethod, reason: string): void {
  const planned = planEstimate(db, getExceptionRow(db, exceptionId), method);
  const { before } = storeReading(db, exceptionId, actor, planned.reading, planned.usageHcf, true);
  closeException(db, exceptionId, actor, 'estimated', reason);
  record(db, exceptionId, actor, 'estimate', reason, `estimated from the ${planned.basis}: reading ${before ?? 'none'} → ${planned.reading}; use ${planned.usageHcf} HCF`);
}

/** A resolved exception is changed from the account's reads, not by another action. */
function refuseResolved(exception: ReadExceptionRow): void {
  if (exception.status === 'resolved') {
    throw new OfficeError('CONFLICT', `This exception was already resolved (${exception.resolution}); open the account's reads to change it`, 'exceptionId');
  }
}

/** What estimating would store, or why it cannot (the reason the estimate itself would give). */
export function previewEstimate(db: Sqlite, exceptionId: number, method: EstimateMethod): EstimatePreview {
  try {
    const exception = getExceptionRow(db, exceptionId);
    refuseResolved(exception);
    const planned = planEstimate(db, exception, method);
    return {
      exceptionId, method, available: true, reading: planned.reading, usageHcf: planned.usageHcf,
      priorReading: planned.prior.reading, priorReadDate: planned.prior.readDate, basisHcf: hcfText(planned.targetHcf),
      basisReads: planned.basisReads, basis: planned.basis,
    };
  } catch (error) {
    if (error instanceof OfficeError && error.code === 'CONFLICT') return { exceptionId, method, available: false, reason: error.message };
    throw error;
  }
}

function accept(db: Sqlite, exceptionId: number, actor: Actor, reason: string): void {
  const exception = getExceptionRow(db, exceptionId);
  if (exception.readId === null) {
    throw new OfficeError('CONFLICT', 'There is no reading to accept here: enter the reading, estimate it, order a re-read or hold it', 'exceptionId');
  }
  statements(db).setReadStatus.run('accepted', actor.nowIso, actor.userId, exception.readId);
  closeException(db, exceptionId, actor, 'accepted', reason);
  record(db, exceptionId, actor, 'accept', reason, `accepted ${exception.reading ?? ''} (use ${exception.usageHcf ?? '—'} HCF)`);
}

export function resolveException(db: Sqlite, actor: Actor, exceptionId: number, action: ResolveAction): ReadExceptionDetail {
  const exception = getExceptionRow(db, exceptionId);
  if (action.kind === 'reopen') {
    if (exception.status !== 'held') throw new OfficeError('CONFLICT', 'Only a held exception can be reopened', 'exceptionId');
    statements(db).setException.run({ id: exceptionId, status: 'open', resolution: null, at: null, userId: null, note: '' });
    record(db, exceptionId, actor, 'reopen', action.reason, 'held → open');
    return getExceptionDetail(db, exceptionId);
  }
  refuseResolved(exception);
  switch (action.kind) {
    case 'accept':
      accept(db, exceptionId, actor, action.reason);
      break;
    case 'correct':
      correct(db, exceptionId, actor, action.reading, action.reason);
      break;
    case 'estimate':
      estimate(db, exceptionId, actor, action.method, action.reason);
      break;
    case 're_read':
      recordReRead(db, actor, exception, { reading: action.reading, readDate: action.readDate, note: action.reason });
      break;
    case 'hold':
      statements(db).setException.run({ id: exceptionId, status: 'held', resolution: null, at: actor.nowIso, userId: actor.userId, note: action.reason });
      record(db, exceptionId, actor, 'hold', action.reason, `${exception.status} → held`);
      break;
  }
  return getExceptionDetail(db, exceptionId);
}

/**
 * Accepts each open exception that has a reading. Held ones (someone decided to wait) and ones
 * with an open work order (field staff are checking the meter) are skipped and counted, like
 * those with no reading: a bulk accept must never overrule a decision taken one by one.
 */
export function bulkAccept(db: Sqlite, actor: Actor, exceptionIds: readonly number[], reason: string, progress: Progress = noProgress): { accepted: number; skipped: number } {
  let accepted = 0;
  let skipped = 0;
  const openWorkOrder = db.prepare("SELECT 1 FROM work_orders WHERE exception_id = ? AND status = 'open'").pluck();
  const unique = [...new Set(exceptionIds)];
  for (const [index, exceptionId] of unique.entries()) {
    progress.step(index, unique.length);
    const exception = getExceptionRow(db, exceptionId);
    if (exception.status !== 'open' || exception.readId === null || openWorkOrder.get(exceptionId) !== undefined) {
      skipped += 1;
      continue;
    }
    accept(db, exceptionId, actor, reason === '' ? 'bulk accept' : reason);
    accepted += 1;
  }
  progress.step(unique.length, unique.length);
  return { accepted, skipped };
}

export function orderWorkOrder(db: Sqlite, actor: Actor, exceptionId: number, type: WorkOrderType, notes: string): WorkOrder {
  const exception = getExceptionRow(db, exceptionId);
  const order = createWorkOrder(db, actor.nowIso, actor.userId, {
    type, accountId: exception.accountId, meterId: exception.meterId, exceptionId, notes,
  });
  record(db, exceptionId, actor, 'work_order', notes, `work order ${order.workOrderId} (${WORK_ORDER_TYPE_LABELS[type].toLowerCase()})`);
  return order;
}

const OUTCOME_WORDS: Record<CourtesyCallOutcome, string> = {
  reached: 'reached the customer',
  left_message: 'left a message',
  no_answer: 'no answer',
  wrong_number: 'wrong number',
  customer_aware: 'customer already aware',
};

/** A courtesy call about high use: on the exception and in the account's contact log. */
export function logCourtesyCall(
  db: Sqlite,
  actor: Actor,
  input: { exceptionId: number; outcome: CourtesyCallOutcome; contactName: string; notes: string },
): ReadExceptionDetail {
  const exception = getExceptionRow(db, input.exceptionId);
  if (exception.accountId === null) throw new OfficeError('CONFLICT', 'This meter has no account to call', 'exceptionId');
  if (!courtesyCallFits(exception.types)) {
    const kinds = COURTESY_CALL_TYPES.map((type) => READ_EXCEPTION_LABELS[type].toLowerCase()).join(', ');
    throw new OfficeError('CONFLICT', `A courtesy call is for high use (${kinds}); this read was flagged for ${READ_EXCEPTION_LABELS[exception.type].toLowerCase()}`, 'exceptionId');
  }
  const subject = `High-usage courtesy call: ${OUTCOME_WORDS[input.outcome]}`;
  const usage = exception.usageHcf ? ` Use ${exception.usageHcf} HCF for ${exception.period}` : '';
  const contact = addContact(db, actor.nowIso, actor.userId, {
    accountId: exception.accountId,
    channel: 'phone',
    contactName: input.contactName,
    subject,
    notes: `${input.notes}${usage ? `${input.notes ? '\n' : ''}${usage.trim()} (meter ${exception.meterSerial}).` : ''}`,
  });
  record(db, input.exceptionId, actor, 'courtesy_call', input.notes, `${OUTCOME_WORDS[input.outcome]}; contact log entry ${contact.contactId}`);
  return getExceptionDetail(db, input.exceptionId);
}
