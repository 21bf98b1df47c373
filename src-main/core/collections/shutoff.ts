/**
 * The guard's data reader and its use: shut-off eligibility of an account on a day (facts from
 * the ledger's open items, the account's services, holds, arrangements and notices), the check
 * every shut-off work order passes through, and the yearly count of shut-offs done.
 */
import type { AccountCollections, ShutoffEligibility, ShutoffYearCount } from '../../../src-shared/contract/collections';
import type { WorkOrder } from '../../../src-shared/contract/reads';
import { OfficeError, notFound } from '../errors';
import { accountOpenItems } from '../payments/open-items';
import type { Sqlite } from '../storage/database';
import { perConnection } from '../storage/prepared';
import { getSetting } from '../storage/settings';
import { createWorkOrder } from '../work-orders';
import { OutsideCalendarError } from './calendar';
import { arrangementsOf, holdsOf, noticesOf } from './facts';
import { evaluateShutoff, refusalMessage, type DistrictSchedule, type ShutoffFacts } from './guard';
import { loadBusinessCalendar } from './holidays';

/**
 * Rate classes SB 998 protects. Multi-family counts: the law covers residential service to
 * multi-unit residences where the owner or manager is the customer (H&S Code 116918), so a
 * landlord's account gets every residential rule. (116918's notice to the tenants themselves,
 * 10 days ahead, is not yet modelled; the notices work should add it.)
 */
export const PROTECTED_RATE_CLASSES = ['residential', 'multi_family'] as const;

const statements = perConnection((db: Sqlite) => ({
  account: db.prepare<[number], { status: string }>('SELECT status FROM accounts WHERE id = ?'),
  // Services in force on the day, else (a closed account) every service it had.
  residential: db.prepare<{ accountId: number; date: string }, number>(
    `SELECT COALESCE(
       (SELECT MAX(rate_class IN ('residential', 'multi_family')) FROM account_services
        WHERE account_id = @accountId AND started_on <= @date AND (ended_on IS NULL OR ended_on > @date)),
       (SELECT MAX(rate_class IN ('residential', 'multi_family')) FROM account_services WHERE account_id = @accountId),
       0)`,
  ).pluck(),
  counts: db.prepare<{ fromYear: number; toYear: number }, ShutoffYearCount>(
    `SELECT CAST(substr(COALESCE(w.closed_at, w.created_at), 1, 4) AS INTEGER) AS year,
            SUM(EXISTS (SELECT 1 FROM account_services s WHERE s.account_id = w.account_id AND s.rate_class IN ('residential', 'multi_family'))) AS residential,
            SUM(NOT EXISTS (SELECT 1 FROM account_services s WHERE s.account_id = w.account_id AND s.rate_class IN ('residential', 'multi_family'))) AS nonResidential
     FROM work_orders w
     WHERE w.type = 'shutoff' AND w.status = 'completed'
       AND CAST(substr(w.closed_at, 1, 4) AS INTEGER) BETWEEN @fromYear AND @toYear
     GROUP BY year ORDER BY year`,
  ),
}));

export function districtSchedule(db: Sqlite): DistrictSchedule {
  return {
    nonResidentialDaysDelinquent: getSetting(db, 'collectionsNonResidentialDaysDelinquent'),
    nonResidentialNoticeBusinessDays: getSetting(db, 'collectionsNonResidentialNoticeBusinessDays'),
  };
}

/** Everything the guard needs about an account, as of `date`. */
export function readShutoffFacts(db: Sqlite, accountId: number, date: string): ShutoffFacts {
  if (!statements(db).account.get(accountId)) throw notFound(`Account ${accountId}`, 'accountId');
  const open = accountOpenItems(db, accountId, date);
  const charges = open.items.filter((item) => !item.penalty);
  const oldestUnpaidDueDate = charges.length === 0 ? null : charges.reduce((oldest, item) => (item.dueDate < oldest ? item.dueDate : oldest), charges[0]!.dueDate);
  return {
    accountId,
    residential: statements(db).residential.get({ accountId, date }) === 1,
    oldestUnpaidDueDate,
    amountDelinquentCents: open.pastDueCents + open.penaltyCents,
    holds: holdsOf(db, accountId),
    arrangements: arrangementsOf(db, accountId).map((a) => ({ acceptedOn: a.acceptedOn, failedOn: a.failedOn, completedOn: a.completedOn })),
    notices: noticesOf(db, accountId),
  };
}

export function shutoffEligibility(db: Sqlite, accountId: number, date: string): ShutoffEligibility {
  const facts = readShutoffFacts(db, accountId, date);
  try {
    return evaluateShutoff(loadBusinessCalendar(db), districtSchedule(db), facts, date);
  } catch (error) {
    if (error instanceof OutsideCalendarError) throw new OfficeError('INVALID_INPUT', error.message, 'date');
    throw error;
  }
}

export function accountCollections(db: Sqlite, accountId: number, today: string): AccountCollections {
  return { eligibility: shutoffEligibility(db, accountId, today), holds: holdsOf(db, accountId), arrangements: arrangementsOf(db, accountId), notices: noticesOf(db, accountId) };
}

/**
 * Orders a shut-off for non-payment or a turn-on. A shut-off is refused — whatever front end
 * asks — unless every rule allows it on its scheduled day; the refusal names each blocking
 * rule and the earliest lawful date. A shut-off is never scheduled in the past (the guard
 * answers from the facts known today) nor twice while one is open.
 */
export function orderCollectionsWorkOrder(
  db: Sqlite,
  by: { nowIso: string; today: string; userId: number },
  input: { accountId: number; type: 'shutoff' | 'turn_on'; scheduledFor?: string | undefined; notes: string },
): WorkOrder {
  const scheduledFor = input.scheduledFor ?? by.today;
  if (scheduledFor < by.today) throw new OfficeError('INVALID_INPUT', `The scheduled day cannot be before today (${by.today})`, 'scheduledFor');
  if (input.type === 'shutoff') {
    const open = db.prepare("SELECT id FROM work_orders WHERE account_id = ? AND type = 'shutoff' AND status = 'open'").pluck().get(input.accountId) as number | undefined;
    if (open !== undefined) throw new OfficeError('CONFLICT', `Work order ${open} already orders a shut-off of this account; complete or cancel it first`, 'accountId');
    const eligibility = shutoffEligibility(db, input.accountId, scheduledFor);
    if (!eligibility.allowed) throw new OfficeError('CONFLICT', refusalMessage(eligibility), 'scheduledFor');
  } else if (!statements(db).account.get(input.accountId)) {
    throw notFound(`Account ${input.accountId}`, 'accountId');
  }
  return createWorkOrder(db, by.nowIso, by.userId, { type: input.type, accountId: input.accountId, meterId: null, exceptionId: null, notes: input.notes, scheduledFor });
}

/** Completed shut-offs for non-payment by the year they were done; residential (and multi-family) apart. */
export function shutoffCounts(db: Sqlite, range: { fromYear: number; toYear: number }): ShutoffYearCount[] {
  return statements(db).counts.all(range);
}
