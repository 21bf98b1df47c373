/**
 * The facts the shut-off guard reads, recorded by hand now (the delinquency steps and the
 * arrangements work will write them in batches later): holds (`collection_holds`), payment
 * arrangements (`payment_arrangements`) and notices (`collection_notices`). Nothing is deleted:
 * a hold ends, an arrangement fails or completes, by dating its row (triggers in migration 0021).
 *
 * Facts are dated no later than today: a hold or notice dated ahead would let today's answer
 * about a later shut-off change by itself, which the guard's "earliest lawful date" rules out.
 */
import type {
  ArrangementKind,
  CollectionHold,
  CollectionNotice,
  FinancialProgram,
  HoldKind,
  NoticeKind,
  PaymentArrangement,
} from '../../../src-shared/contract/collections';
import { OfficeError, notFound } from '../errors';
import type { Sqlite } from '../storage/database';
import { perConnection } from '../storage/prepared';

const HOLD_SELECT = `SELECT h.id AS holdId, h.account_id AS accountId, h.kind, h.program, h.started_on AS startedOn, h.ended_on AS endedOn, h.notes,
  h.created_at AS createdAt, cu.display_name AS createdBy, eu.display_name AS endedBy
  FROM collection_holds h JOIN users cu ON cu.id = h.created_by_user_id LEFT JOIN users eu ON eu.id = h.ended_by_user_id`;
const ARRANGEMENT_SELECT = `SELECT p.id AS arrangementId, p.account_id AS accountId, p.kind, p.accepted_on AS acceptedOn, p.status, p.failed_on AS failedOn,
  p.completed_on AS completedOn, p.total_cents AS totalCents, p.notes, p.created_at AS createdAt, cu.display_name AS createdBy
  FROM payment_arrangements p JOIN users cu ON cu.id = p.created_by_user_id`;
const NOTICE_SELECT = `SELECT n.id AS noticeId, n.account_id AS accountId, n.kind, n.notice_date AS noticeDate, n.amount_delinquent_cents AS amountDelinquentCents,
  n.notes, n.created_at AS createdAt, cu.display_name AS createdBy
  FROM collection_notices n JOIN users cu ON cu.id = n.created_by_user_id`;

const statements = perConnection((db: Sqlite) => ({
  account: db.prepare<[number], number>('SELECT id FROM accounts WHERE id = ?').pluck(),
  holdsOf: db.prepare<[number], CollectionHold>(`${HOLD_SELECT} WHERE h.account_id = ? ORDER BY h.started_on, h.id`),
  hold: db.prepare<[number], CollectionHold>(`${HOLD_SELECT} WHERE h.id = ?`),
  insertHold: db.prepare(
    `INSERT INTO collection_holds (account_id, kind, program, started_on, ended_on, notes, created_at, created_by_user_id, ended_at, ended_by_user_id)
     VALUES (@accountId, @kind, @program, @startedOn, @endedOn, @notes, @nowIso, @userId, CASE WHEN @endedOn IS NULL THEN NULL ELSE @nowIso END, CASE WHEN @endedOn IS NULL THEN NULL ELSE @userId END)`,
  ),
  endHold: db.prepare(
    `UPDATE collection_holds SET ended_on = @endedOn, ended_at = @nowIso, ended_by_user_id = @userId,
       notes = CASE WHEN @notes = '' THEN notes WHEN notes = '' THEN @notes ELSE notes || char(10) || @notes END
     WHERE id = @holdId AND ended_on IS NULL`,
  ),
  arrangementsOf: db.prepare<[number], PaymentArrangement>(`${ARRANGEMENT_SELECT} WHERE p.account_id = ? ORDER BY p.accepted_on, p.id`),
  arrangement: db.prepare<[number], PaymentArrangement>(`${ARRANGEMENT_SELECT} WHERE p.id = ?`),
  insertArrangement: db.prepare(
    `INSERT INTO payment_arrangements (account_id, kind, accepted_on, status, total_cents, notes, created_at, created_by_user_id)
     VALUES (@accountId, @kind, @acceptedOn, 'active', @totalCents, @notes, @nowIso, @userId)`,
  ),
  endArrangement: db.prepare(
    `UPDATE payment_arrangements SET status = @status, failed_on = @failedOn, completed_on = @completedOn, ended_at = @nowIso, ended_by_user_id = @userId,
       notes = CASE WHEN @notes = '' THEN notes WHEN notes = '' THEN @notes ELSE notes || char(10) || @notes END
     WHERE id = @arrangementId AND status = 'active'`,
  ),
  noticesOf: db.prepare<[number], CollectionNotice>(`${NOTICE_SELECT} WHERE n.account_id = ? ORDER BY n.notice_date, n.id`),
  notice: db.prepare<[number], CollectionNotice>(`${NOTICE_SELECT} WHERE n.id = ?`),
  insertNotice: db.prepare(
    `INSERT INTO collection_notices (account_id, kind, notice_date, amount_delinquent_cents, notes, created_at, created_by_user_id)
     VALUES (@accountId, @kind, @noticeDate, @amountDelinquentCents, @notes, @nowIso, @userId)`,
  ),
}));

export interface Recorder {
  nowIso: string;
  today: string;
  userId: number;
}

function requireAccount(db: Sqlite, accountId: number): void {
  if (statements(db).account.get(accountId) === undefined) throw notFound(`Account ${accountId}`, 'accountId');
}

function notAhead(date: string, today: string, field: string, what: string): void {
  if (date > today) throw new OfficeError('INVALID_INPUT', `${what} cannot be later than today (${today})`, field);
}

export function holdsOf(db: Sqlite, accountId: number): CollectionHold[] {
  return statements(db).holdsOf.all(accountId);
}

export function arrangementsOf(db: Sqlite, accountId: number): PaymentArrangement[] {
  return statements(db).arrangementsOf.all(accountId);
}

export function noticesOf(db: Sqlite, accountId: number): CollectionNotice[] {
  return statements(db).noticesOf.all(accountId);
}

export function addHold(
  db: Sqlite,
  by: Recorder,
  input: { accountId: number; kind: HoldKind; program?: FinancialProgram | undefined; startedOn: string; endedOn?: string | undefined; notes: string },
): CollectionHold {
  requireAccount(db, input.accountId);
  notAhead(input.startedOn, by.today, 'startedOn', 'The start date');
  const info = statements(db).insertHold.run({ ...input, program: input.program ?? null, endedOn: input.endedOn ?? null, nowIso: by.nowIso, userId: by.userId });
  return statements(db).hold.get(Number(info.lastInsertRowid))!;
}

export function endHold(db: Sqlite, by: Recorder, input: { holdId: number; endedOn: string; notes: string }): CollectionHold {
  const hold = statements(db).hold.get(input.holdId);
  if (!hold) throw notFound(`Hold ${input.holdId}`, 'holdId');
  if (hold.endedOn !== null) throw new OfficeError('CONFLICT', `This ${hold.kind.replace('_', ' ')} hold already ended on ${hold.endedOn}`, 'holdId');
  if (input.endedOn <= hold.startedOn) throw new OfficeError('INVALID_INPUT', `The end date must be after the hold began (${hold.startedOn})`, 'endedOn');
  statements(db).endHold.run({ ...input, nowIso: by.nowIso, userId: by.userId });
  return statements(db).hold.get(input.holdId)!;
}

export function recordArrangement(
  db: Sqlite,
  by: Recorder,
  input: { accountId: number; kind: ArrangementKind; acceptedOn: string; totalCents: number; notes: string },
): PaymentArrangement {
  requireAccount(db, input.accountId);
  notAhead(input.acceptedOn, by.today, 'acceptedOn', 'The acceptance date');
  const info = statements(db).insertArrangement.run({ ...input, nowIso: by.nowIso, userId: by.userId });
  return statements(db).arrangement.get(Number(info.lastInsertRowid))!;
}

export function endArrangement(db: Sqlite, by: Recorder, input: { arrangementId: number; status: 'failed' | 'completed'; on: string; notes: string }): PaymentArrangement {
  const arrangement = statements(db).arrangement.get(input.arrangementId);
  if (!arrangement) throw notFound(`Arrangement ${input.arrangementId}`, 'arrangementId');
  if (arrangement.status !== 'active') throw new OfficeError('CONFLICT', `This arrangement is already ${arrangement.status}`, 'arrangementId');
  notAhead(input.on, by.today, 'on', `The ${input.status === 'failed' ? 'failure' : 'completion'} date`);
  if (input.on <= arrangement.acceptedOn) throw new OfficeError('INVALID_INPUT', `The date must be after the arrangement was accepted (${arrangement.acceptedOn})`, 'on');
  statements(db).endArrangement.run({
    arrangementId: input.arrangementId,
    status: input.status,
    failedOn: input.status === 'failed' ? input.on : null,
    completedOn: input.status === 'completed' ? input.on : null,
    notes: input.notes,
    nowIso: by.nowIso,
    userId: by.userId,
  });
  return statements(db).arrangement.get(input.arrangementId)!;
}

export function recordNotice(
  db: Sqlite,
  by: Recorder,
  input: { accountId: number; kind: NoticeKind; noticeDate: string; amountDelinquentCents: number; notes: string },
): CollectionNotice {
  requireAccount(db, input.accountId);
  notAhead(input.noticeDate, by.today, 'noticeDate', 'The notice date');
  const info = statements(db).insertNotice.run({ ...input, nowIso: by.nowIso, userId: by.userId });
  return statements(db).notice.get(Number(info.lastInsertRowid))!;
}
