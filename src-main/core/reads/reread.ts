/**
 * A field re-read of a meter whose read for the period is under review: it replaces the reading
 * (the first one is kept as original_reading_text), is checked again against the same history,
 * and either clears the exception (resolution "re_read") or leaves it open with what the re-read
 * shows — a re-read that confirms high use is still high use, and the technician decides.
 * Open re-read work orders of the exception are completed with it.
 *
 * Both ways in use this one function: a re-read file imported for the cycle (import.ts) and a
 * reading keyed from the field slip (the "re_read" review action).
 */
import type { ReadExceptionRow } from '../../../src-shared/contract/reads';
import { perConnection } from '../storage/prepared';
import { OfficeError } from '../errors';
import type { Sqlite } from '../storage/database';
import { closeWorkOrder } from '../work-orders';
import { Big, normalizeDecimal, wholeReading } from './decimal';
import { loadMeter } from './history';
import { getReadValidationSettings } from './settings';
import { primaryFinding, typesColumn, uniqueTypes, validateWithSummary, type ValidationResult } from './validate';

/** The read under review that a re-read replaces. */
export interface PendingReview {
  readId: number;
  exceptionId: number;
  reading: string;
}

export interface ReRead {
  reading: string;
  /** The whole register units for the integer `reading` column. */
  wholeReading: number;
  readDate: string;
  estimated: boolean;
  validation: ValidationResult;
  /** Where it came from, for the exception's history: "import 12 (reread.csv)" or "keyed from the field slip". */
  source: string;
}

export interface ReReadOutcome {
  cleared: boolean;
  workOrdersCompleted: number;
}

const statements = perConnection((db: Sqlite) => ({
  pending: db.prepare<[number, string], { readId: number; exceptionId: number; reading: string }>(
    `SELECT r.id AS readId, e.id AS exceptionId, COALESCE(r.reading_text, CAST(r.reading AS TEXT)) AS reading
     FROM meter_reads r JOIN read_exceptions e ON e.read_id = r.id
     WHERE r.meter_id = ? AND COALESCE(r.period, substr(r.read_date, 1, 7)) = ? AND r.status = 'review' AND e.status <> 'resolved'
     ORDER BY r.id DESC LIMIT 1`,
  ),
  replaceRead: db.prepare(
    `UPDATE meter_reads SET original_reading_text = COALESCE(original_reading_text, COALESCE(reading_text, CAST(reading AS TEXT))),
       original_usage_hcf = COALESCE(original_usage_hcf, usage_hcf),
       reading = @wholeReading, reading_text = @reading, read_date = @readDate, usage_hcf = @usageHcf, estimated = @estimated,
       status = @status, resolved_at = @at, resolved_by_user_id = @userId
     WHERE id = @readId`,
  ),
  clearException: db.prepare(
    `UPDATE read_exceptions SET status = 'resolved', resolution = 're_read', resolved_at = @at, resolved_by_user_id = @userId,
       reading_text = @reading, read_date = @readDate, usage_hcf = @usageHcf WHERE id = @exceptionId`,
  ),
  refreshException: db.prepare(
    `UPDATE read_exceptions SET status = 'open', type = @type, types = @types, severity = @severity, message = @message, findings_json = @findingsJson,
       reading_text = @reading, read_date = @readDate, usage_hcf = @usageHcf, prior_usage_hcf = @priorHcf, last_year_usage_hcf = @lastYearHcf,
       average_usage_hcf = @averageHcf, expected_low_hcf = @expectedLowHcf, expected_high_hcf = @expectedHighHcf
     WHERE id = @exceptionId`,
  ),
  insertRead: db.prepare(
    `INSERT INTO meter_reads (meter_id, account_id, read_date, reading, usage_hcf, estimated, source, created_at, reading_text, period, cycle, status)
     VALUES (@meterId, @accountId, @readDate, @reading, '0', 0, 'field', @at, @readingText, @period, @cycle, 'review')`,
  ),
  linkRead: db.prepare(`UPDATE read_exceptions SET read_id = ? WHERE id = ?`),
  action: db.prepare(`INSERT INTO read_exception_actions (exception_id, at, user_id, action, reason, detail) VALUES (?, ?, ?, 're_read', ?, ?)`),
  openReReadOrders: db.prepare<[number], number>(`SELECT id FROM work_orders WHERE exception_id = ? AND type = 'reread' AND status = 'open'`).pluck(),
}));

/** The meter's read for the period that is waiting on review, if any (what a re-read replaces). */
export function pendingReviewOf(db: Sqlite, meterId: number, period: string): PendingReview | undefined {
  return statements(db).pending.get(meterId, period);
}

/** Puts the re-read on the pending read and clears or refreshes its exception. Runs in the caller's transaction. */
export function applyReRead(db: Sqlite, pending: PendingReview, reRead: ReRead, actor: { userId: number; nowIso: string }, note: string): ReReadOutcome {
  const prepared = statements(db);
  const { validation } = reRead;
  const cleared = validation.findings.length === 0;
  prepared.replaceRead.run({
    readId: pending.readId, wholeReading: reRead.wholeReading, reading: reRead.reading, readDate: reRead.readDate, usageHcf: validation.usageHcf,
    estimated: reRead.estimated ? 1 : 0, status: cleared ? 'ok' : 'review', at: actor.nowIso, userId: actor.userId,
  });
  const shared = { exceptionId: pending.exceptionId, reading: reRead.reading, readDate: reRead.readDate, usageHcf: validation.usageHcf };
  if (cleared) {
    prepared.clearException.run({ ...shared, at: actor.nowIso, userId: actor.userId });
  } else {
    const primary = primaryFinding(validation.findings);
    prepared.refreshException.run({
      ...shared, type: primary.type, types: typesColumn(uniqueTypes(validation.findings)), severity: primary.severity, message: `Re-read: ${primary.message}`,
      findingsJson: JSON.stringify(validation.findings), priorHcf: validation.priorHcf, lastYearHcf: validation.lastYearHcf,
      averageHcf: validation.averageHcf, expectedLowHcf: validation.expectedLowHcf, expectedHighHcf: validation.expectedHighHcf,
    });
  }
  const outcome = cleared ? 'the read now passes every check' : `still flagged: ${primaryFinding(validation.findings).message}`;
  prepared.action.run(
    pending.exceptionId, actor.nowIso, actor.userId, note,
    `re-read ${pending.reading} → ${reRead.reading} on ${reRead.readDate} (${reRead.source}); use ${validation.usageHcf} HCF; ${outcome}`,
  );
  let workOrdersCompleted = 0;
  for (const workOrderId of prepared.openReReadOrders.all(pending.exceptionId)) {
    closeWorkOrder(db, actor.nowIso, actor.userId, { workOrderId, status: 'completed', notes: `Re-read ${reRead.reading} received (${reRead.source})` });
    workOrdersCompleted += 1;
  }
  return { cleared, workOrdersCompleted };
}

/**
 * A re-read keyed from the field slip for one exception. Where the exception has no reading yet
 * (no read, a faulted register) the re-read becomes the period's read.
 */
export function recordReRead(
  db: Sqlite,
  actor: { userId: number; nowIso: string },
  exception: ReadExceptionRow,
  input: { reading: string; readDate: string; note: string },
): ReReadOutcome {
  const meter = loadMeter(db, exception.meterId, exception.period, getReadValidationSettings(db));
  if (!meter) throw new Error(`Invariant violated: meter ${exception.meterId} of exception ${exception.exceptionId} exists`);
  const reading = normalizeDecimal(input.reading);
  if (new Big(reading).gte(new Big(10).pow(meter.dials))) {
    throw new OfficeError('INVALID_INPUT', `A ${meter.dials}-dial register cannot show ${reading}`, 'action.reading');
  }
  const validation = validateWithSummary(
    { reading, readDate: input.readDate, period: exception.period, estimated: false, leakFlag: false, fileMultiplier: null },
    meter, meter.accountActive, meter.summary, getReadValidationSettings(db),
  );
  const pending: PendingReview = { readId: exception.readId ?? insertPeriodRead(db, actor, exception, reading, input.readDate), exceptionId: exception.exceptionId, reading: exception.reading ?? 'none' };
  return applyReRead(db, pending, { reading, wholeReading: wholeReading(reading), readDate: input.readDate, estimated: false, validation, source: 'keyed from the field slip' }, actor, input.note);
}

function insertPeriodRead(db: Sqlite, actor: { nowIso: string }, exception: ReadExceptionRow, reading: string, readDate: string): number {
  const prepared = statements(db);
  const readId = Number(
    prepared.insertRead.run({
      meterId: exception.meterId, accountId: exception.accountId, readDate, reading: wholeReading(reading), at: actor.nowIso, readingText: reading,
      period: exception.period, cycle: exception.cycle,
    }).lastInsertRowid,
  );
  prepared.linkRead.run(readId, exception.exceptionId);
  return readId;
}
