/**
 * Closing an account at move-out, in one transaction: the final read is stored, the final bill is
 * computed (fixed charges prorated to the days in service of the regular monthly period, usage
 * from the last read to the final one) and posted, the deposit is applied to the balance, and
 * the account and its services end that day — leaving a balance due or a credit to refund.
 */
import type { MoveOutResult } from '../../../src-shared/contract/billing';
import { perConnection } from '../storage/prepared';
import { OfficeError, notFound } from '../errors';
import { derivedUuid } from '../hashing';
import { GL } from '../ledger/chart';
import { postEntryInTransaction } from '../ledger/journal';
import { computeBill, dayNumber } from '../rates';
import { Big, normalizeDecimal, registerUnitsToHcf, wholeReading } from '../reads/decimal';
import { getReadValidationSettings } from '../reads/settings';
import { usageBetween } from '../reads/validate';
import type { Sqlite } from '../storage/database';
import { getBillView } from './bills';
import { serviceFacts } from './draft';
import { loadCycleFacts } from './facts';
import { currentRates } from './rate-store';
import { inReadMonths, readMonthsFrom } from '../reads/read-keys';
import { postBill, storeBill, type Actor } from './runs';

interface AccountRow {
  accountId: number;
  accountNumber: string;
  status: string;
  cycle: number;
  depositHeldCents: number;
}

interface MeterRow {
  meterId: number;
  dials: number;
  unit: 'CF' | 'HCF' | 'GAL' | 'KGAL';
  multiplier: string;
  installedOn: string;
}

const statements = perConnection((db: Sqlite) => ({
  account: db.prepare<[number], AccountRow>(
    `SELECT a.id AS accountId, a.account_number AS accountNumber, a.status, l.cycle, a.deposit_held_cents AS depositHeldCents
     FROM accounts a JOIN service_locations l ON l.id = a.location_id WHERE a.id = ?`,
  ),
  meter: db.prepare<[number], MeterRow>(
    `SELECT m.id AS meterId, m.dials, m.unit, m.multiplier, m.installed_on AS installedOn FROM meters m JOIN accounts a ON a.location_id = m.location_id
     WHERE a.id = ? AND m.status = 'active' ORDER BY m.installed_on DESC, m.id DESC LIMIT 1`,
  ),
  // @readMonths: every read month (read-keys.ts), so the meter's reads are looked up month by month.
  priorRead: db.prepare<{ meterId: number; before: string; readMonths: string }, { readId: number; reading: string; readDate: string }>(
    `SELECT id AS readId, COALESCE(reading_text, CAST(reading AS TEXT)) AS reading, read_date AS readDate FROM meter_reads
     WHERE ${inReadMonths('meter_reads')} AND meter_id = @meterId AND read_date < @before
     ORDER BY read_date DESC, id DESC LIMIT 1`,
  ),
  insertRead: db.prepare(
    `INSERT INTO meter_reads (meter_id, account_id, read_date, reading, usage_hcf, estimated, source, created_at, reading_text, period, cycle, status, resolved_at, resolved_by_user_id)
     VALUES (@meterId, @accountId, @readDate, @reading, @usageHcf, 0, 'final', @at, @readingText, @period, @cycle, 'accepted', @at, @userId)`,
  ),
  close: db.prepare<[string, number, number]>(`UPDATE accounts SET status = 'closed', closed_on = ?, deposit_held_cents = deposit_held_cents - ? WHERE id = ?`),
  endServices: db.prepare(`UPDATE account_services SET ended_on = ? WHERE account_id = ? AND ended_on IS NULL`),
  balance: db.prepare<[number], number>('SELECT balance_cents FROM account_balances WHERE account_id = ?').pluck(),
}));

/** The same day a month later ("2026-10-09" → "2026-11-09"; the 31st falls back to the month's last day). */
function monthAfter(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(year, month, 1));
  const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  return `${next.getUTCFullYear()}-${String(next.getUTCMonth() + 1).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

/** The final read's use since the prior read, refusing a reading the register cannot show. */
function finalUse(meter: MeterRow, prior: { reading: string }, reading: string, db: Sqlite): string {
  const capacity = new Big(10).pow(meter.dials);
  if (new Big(reading).gte(capacity)) throw new OfficeError('INVALID_INPUT', `A ${meter.dials}-dial register cannot show ${reading}`, 'finalReading');
  const between = usageBetween(prior.reading, reading, meter);
  const limit = registerUnitsToHcf(capacity, meter.unit, meter.multiplier).times(getReadValidationSettings(db).capacityPercent).div(100);
  if (between.rolledOver && between.usageHcf.gt(limit)) {
    throw new OfficeError('INVALID_INPUT', `${reading} is below the last reading ${prior.reading} and too far for a rollover; check the final reading`, 'finalReading');
  }
  return between.usageHcf.toFixed();
}

export function moveOut(
  db: Sqlite,
  actor: Actor & { today: string; approvedByUserId: number | null },
  input: { accountId: number; moveOutDate: string; finalReading: string; applyDeposit: boolean },
): MoveOutResult {
  const prepared = statements(db);
  const account = prepared.account.get(input.accountId);
  if (!account) throw notFound(`Account ${input.accountId}`, 'accountId');
  if (account.status !== 'active') throw new OfficeError('CONFLICT', `Account ${account.accountNumber} is already closed`, 'accountId');
  const meter = prepared.meter.get(input.accountId);
  if (!meter) throw new OfficeError('CONFLICT', 'There is no meter in service at this location to take a final read from', 'accountId');
  const prior = prepared.priorRead.get({ meterId: meter.meterId, before: input.moveOutDate, readMonths: readMonthsFrom(db) });
  if (!prior) throw new OfficeError('CONFLICT', `Meter has no read before ${input.moveOutDate} to measure the final use from`, 'moveOutDate');
  const reading = normalizeDecimal(input.finalReading);
  const usageHcf = finalUse(meter, prior, reading, db);

  const rates = currentRates(db);
  const facts = loadCycleFacts(db, account.cycle, input.moveOutDate.slice(0, 7), { winterClasses: rates.winterClasses, accountId: input.accountId })[0];
  if (!facts) throw new Error(`Invariant violated: account ${input.accountId} is in its cycle's facts`);
  if (facts.billedThrough !== null && facts.billedThrough >= input.moveOutDate) {
    throw new OfficeError('CONFLICT', `The account is already billed through ${facts.billedThrough}; cancel that bill first`, 'moveOutDate');
  }
  const fromDate = facts.billedThrough !== null && facts.billedThrough > prior.readDate ? facts.billedThrough : prior.readDate;
  // Fixed charges are prorated to the days of the regular month the customer was served.
  const regularEnd = monthAfter(fromDate);
  const span = { fromDate, toDate: regularEnd > input.moveOutDate ? regularEnd : input.moveOutDate };
  const closing = { ...facts, status: 'closed' as const, closedOn: input.moveOutDate };
  const prorated = computeBill({
    rates: rates.book,
    period: span,
    services: serviceFacts(closing, span),
    usageHcf,
    ...(facts.winterAverageHcf !== null ? { winterAverageHcf: facts.winterAverageHcf } : {}),
  });
  // The charges are prorated over the regular month; the bill itself covers the days served, up
  // to the move-out day, which is what it prints and how far the account is billed through.
  const computed = { ...prorated, toDate: input.moveOutDate, periodDays: dayNumber(input.moveOutDate) - dayNumber(fromDate) };

  const readId = Number(
    prepared.insertRead.run({
      meterId: meter.meterId, accountId: input.accountId, readDate: input.moveOutDate, reading: wholeReading(reading), usageHcf, at: actor.nowIso,
      readingText: reading, period: input.moveOutDate.slice(0, 7), cycle: account.cycle, userId: actor.userId,
    }).lastInsertRowid,
  );
  const bill = { kind: 'final' as const, readId, priorReadId: prior.readId, computed, messageCodes: ['FINAL' as const] };
  const billId = storeBill(db, { runId: null, period: input.moveOutDate.slice(0, 7), rateBookId: rates.rateBookId }, input.accountId, facts.balanceCents, bill, actor.nowIso);
  postBill(db, actor, { billId, accountId: input.accountId, totalCents: computed.totalCents }, {
    effectiveDate: actor.today, memo: `Final bill ${billId}: move-out ${input.moveOutDate}`, approvedByUserId: actor.approvedByUserId,
  });

  const depositAppliedCents = input.applyDeposit ? account.depositHeldCents : 0;
  if (depositAppliedCents > 0) {
    postEntryInTransaction(db, actor.nowIso, {
      entryId: derivedUuid(`deposit-applied:${input.accountId}`),
      effectiveDate: actor.today,
      kind: 'deposit_applied',
      memo: `Deposit applied to the final bill at move-out (${input.moveOutDate})`,
      lines: [
        { glCode: GL.customerDeposits, amountCents: depositAppliedCents },
        { glCode: GL.accountsReceivable, accountId: input.accountId, amountCents: -depositAppliedCents },
      ],
      createdByUserId: actor.userId,
      approvedByUserId: actor.approvedByUserId,
    });
  }
  prepared.close.run(input.moveOutDate, depositAppliedCents, input.accountId);
  prepared.endServices.run(input.moveOutDate, input.accountId);
  const balanceCents = prepared.balance.get(input.accountId) ?? 0;
  return { finalBill: getBillView(db, billId), depositAppliedCents, balanceCents, refundDueCents: balanceCents < 0 ? -balanceCents : 0 };
}
