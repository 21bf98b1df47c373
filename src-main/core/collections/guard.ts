/**
 * The shut-off guard: for an account and a day, whether water may lawfully be shut off for
 * non-payment that day, the earliest day it may, and every rule behind the answer. Pure: the
 * facts come from shutoff-facts.ts, the business days from calendar.ts.
 *
 * Residential service (SB 998, H&S Code 116900–116926):
 * - sixty_days_delinquent: the oldest unpaid charge (fees aside) is at least 60 days past due;
 * - notice_seven_business_days: at least 7 business days after a written notice or phone contact
 *   given on or after that charge's due date;
 * - appeal_pending: never while an appeal or bill review is pending;
 * - medical_protection: never while a medical certificate, financial inability and an accepted
 *   arrangement all hold;
 * - failed_arrangement_final_notice: once an arrangement has failed, not before 5 business days
 *   after a final notice posted at the residence on or after the failure.
 * The district's own (issue #16 item 9): arrangement_active — never while an arrangement is kept.
 * Non-residential service: the district's schedule (days delinquent, business days after notice),
 * and the same appeal and arrangement holds.
 *
 * Every rule is monotone in the day asked about once the facts are fixed (a rule that allows day
 * D allows every later day), which is what makes "earliest lawful date" = the latest of the
 * rules' dates.
 */
import { SHUTOFF_RULE_LABELS, SHUTOFF_RULES, type HoldKind, type NoticeKind, type ShutoffEligibility, type ShutoffRule, type ShutoffRuleCheck } from '../../../src-shared/contract/collections';
import { addBusinessDays, addDays, daysBetween, type BusinessCalendar } from './calendar';

export const RESIDENTIAL_DAYS_DELINQUENT = 60;
export const RESIDENTIAL_NOTICE_BUSINESS_DAYS = 7;
export const FINAL_NOTICE_BUSINESS_DAYS = 5;

export interface HoldFact {
  kind: HoldKind;
  startedOn: string;
  endedOn: string | null;
}

export interface ArrangementFact {
  acceptedOn: string;
  /** The day it failed or was completed; null while active. */
  failedOn: string | null;
  completedOn: string | null;
}

export interface NoticeFact {
  kind: NoticeKind;
  noticeDate: string;
}

export interface ShutoffFacts {
  accountId: number;
  residential: boolean;
  /** Due date of the oldest charge still unpaid (fees aside), past due or not; null: nothing owed. */
  oldestUnpaidDueDate: string | null;
  /** What is past due on the day asked about, fees included. */
  amountDelinquentCents: number;
  holds: readonly HoldFact[];
  arrangements: readonly ArrangementFact[];
  notices: readonly NoticeFact[];
}

/** The district's schedule for non-residential service (settings). */
export interface DistrictSchedule {
  nonResidentialDaysDelinquent: number;
  nonResidentialNoticeBusinessDays: number;
}

type Check = Omit<ShutoffRuleCheck, 'label'>;

const latest = (dates: readonly string[]): string => dates.reduce((a, b) => (b > a ? b : a));
const earliest = (dates: readonly string[]): string => dates.reduce((a, b) => (b < a ? b : a));

/** In force on `date`: begun by then and not yet ended. */
function holdInForce(hold: { startedOn: string; endedOn: string | null }, date: string): boolean {
  return hold.startedOn <= date && (hold.endedOn === null || hold.endedOn > date);
}

function arrangementEnd(arrangement: ArrangementFact): string | null {
  return arrangement.failedOn ?? arrangement.completedOn;
}

function arrangementInForce(arrangement: ArrangementFact, date: string): boolean {
  return holdInForce({ startedOn: arrangement.acceptedOn, endedOn: arrangementEnd(arrangement) }, date);
}

/** When the in-force items all end (null if one has no end yet). */
function endOfAll(ends: readonly (string | null)[]): string | null {
  return ends.includes(null) ? null : latest(ends as string[]);
}

function delinquencyRule(rule: ShutoffRule, facts: ShutoffFacts, date: string, days: number): Check {
  if (facts.oldestUnpaidDueDate === null) return { rule, blocks: true, lawfulFrom: null, detail: 'Nothing is owed past due' };
  const lawfulFrom = addDays(facts.oldestUnpaidDueDate, days);
  const late = Math.max(0, daysBetween(facts.oldestUnpaidDueDate, date));
  return { rule, blocks: date < lawfulFrom, lawfulFrom, detail: `The oldest unpaid charge fell due ${facts.oldestUnpaidDueDate}: ${late} days delinquent on ${date}; ${days} needed` };
}

function noticeRule(rule: ShutoffRule, calendar: BusinessCalendar, facts: ShutoffFacts, date: string, businessDays: number): Check {
  const since = facts.oldestUnpaidDueDate ?? '0000-00-00';
  const given = facts.notices
    .filter((notice) => (notice.kind === 'written_notice' || notice.kind === 'phone_contact') && notice.noticeDate >= since && notice.noticeDate <= date)
    .map((notice) => notice.noticeDate);
  if (given.length === 0) return { rule, blocks: true, lawfulFrom: null, detail: 'No written notice or phone contact recorded since the oldest unpaid charge fell due' };
  const first = earliest(given);
  const lawfulFrom = addBusinessDays(calendar, first, businessDays);
  return { rule, blocks: date < lawfulFrom, lawfulFrom, detail: `Notice given ${first}; ${businessDays} business days later is ${lawfulFrom}` };
}

function appealRule(facts: ShutoffFacts, date: string): Check {
  const pending = facts.holds.filter((hold) => (hold.kind === 'appeal' || hold.kind === 'bill_review') && holdInForce(hold, date));
  if (pending.length === 0) return { rule: 'appeal_pending', blocks: false, lawfulFrom: null, detail: 'No appeal or bill review pending' };
  const lawfulFrom = endOfAll(pending.map((hold) => hold.endedOn));
  return { rule: 'appeal_pending', blocks: true, lawfulFrom, detail: lawfulFrom ? `An appeal or bill review is pending until ${lawfulFrom}` : 'An appeal or bill review is pending' };
}

function medicalRule(facts: ShutoffFacts, date: string): Check {
  const inForce = (kind: HoldKind) => facts.holds.filter((hold) => hold.kind === kind && holdInForce(hold, date));
  const certificates = inForce('medical_certificate');
  const inability = inForce('financial_inability');
  const arrangements = facts.arrangements.filter((arrangement) => arrangementInForce(arrangement, date));
  if (certificates.length === 0 || inability.length === 0 || arrangements.length === 0) {
    return { rule: 'medical_protection', blocks: false, lawfulFrom: null, detail: 'Medical certificate, financial inability and an accepted arrangement do not all hold' };
  }
  // The protection lapses when the first of the three does.
  const ends = [
    endOfAll(certificates.map((hold) => hold.endedOn)),
    endOfAll(inability.map((hold) => hold.endedOn)),
    endOfAll(arrangements.map(arrangementEnd)),
  ].filter((end): end is string => end !== null);
  const lawfulFrom = ends.length === 0 ? null : earliest(ends);
  return { rule: 'medical_protection', blocks: true, lawfulFrom, detail: 'A medical certificate, financial inability and an accepted arrangement all hold' };
}

function arrangementRule(facts: ShutoffFacts, date: string): Check {
  const kept = facts.arrangements.filter((arrangement) => arrangementInForce(arrangement, date));
  if (kept.length === 0) return { rule: 'arrangement_active', blocks: false, lawfulFrom: null, detail: 'No payment arrangement in force' };
  const lawfulFrom = endOfAll(kept.map(arrangementEnd));
  return { rule: 'arrangement_active', blocks: true, lawfulFrom, detail: `A payment arrangement accepted ${earliest(kept.map((a) => a.acceptedOn))} is in force` };
}

function failedArrangementRule(calendar: BusinessCalendar, facts: ShutoffFacts, date: string): Check {
  const since = facts.oldestUnpaidDueDate ?? '9999-12-31';
  // A failure counts while the debt it covered is still the oldest unpaid (it failed on or after that due date).
  const failures = facts.arrangements.map((a) => a.failedOn).filter((on): on is string => on !== null && on >= since && on <= date);
  if (failures.length === 0) return { rule: 'failed_arrangement_final_notice', blocks: false, lawfulFrom: null, detail: 'No failed arrangement' };
  const failedOn = latest(failures);
  const posted = facts.notices.filter((notice) => notice.kind === 'final_notice_posted' && notice.noticeDate >= failedOn && notice.noticeDate <= date).map((n) => n.noticeDate);
  if (posted.length === 0) return { rule: 'failed_arrangement_final_notice', blocks: true, lawfulFrom: null, detail: `The arrangement failed ${failedOn}; no final notice posted at the residence since` };
  const first = earliest(posted);
  const lawfulFrom = addBusinessDays(calendar, first, FINAL_NOTICE_BUSINESS_DAYS);
  return { rule: 'failed_arrangement_final_notice', blocks: date < lawfulFrom, lawfulFrom, detail: `The arrangement failed ${failedOn}; final notice posted ${first}` };
}

export function evaluateShutoff(calendar: BusinessCalendar, schedule: DistrictSchedule, facts: ShutoffFacts, date: string): ShutoffEligibility {
  const checks: Check[] = facts.residential
    ? [
        delinquencyRule('sixty_days_delinquent', facts, date, RESIDENTIAL_DAYS_DELINQUENT),
        noticeRule('notice_seven_business_days', calendar, facts, date, RESIDENTIAL_NOTICE_BUSINESS_DAYS),
        appealRule(facts, date),
        medicalRule(facts, date),
        arrangementRule(facts, date),
        failedArrangementRule(calendar, facts, date),
      ]
    : [
        appealRule(facts, date),
        arrangementRule(facts, date),
        delinquencyRule('district_days_delinquent', facts, date, schedule.nonResidentialDaysDelinquent),
        noticeRule('district_notice', calendar, facts, date, schedule.nonResidentialNoticeBusinessDays),
      ];
  const rules = checks.map((check) => ({ ...check, label: SHUTOFF_RULE_LABELS[check.rule] })).sort((a, b) => ORDER[a.rule] - ORDER[b.rule]);
  const undated = rules.find((check) => check.blocks && check.lawfulFrom === null);
  const dated = rules.filter((check) => check.lawfulFrom !== null);
  const earliestLawfulDate = undated || dated.length === 0 ? null : latest(dated.map((check) => check.lawfulFrom!));
  const settingRule = undated?.rule ?? dated.find((check) => check.lawfulFrom === earliestLawfulDate)?.rule ?? null;
  return {
    accountId: facts.accountId,
    date,
    residential: facts.residential,
    oldestUnpaidDueDate: facts.oldestUnpaidDueDate,
    daysDelinquent: facts.oldestUnpaidDueDate === null ? 0 : Math.max(0, daysBetween(facts.oldestUnpaidDueDate, date)),
    amountDelinquentCents: facts.amountDelinquentCents,
    allowed: rules.every((check) => !check.blocks),
    earliestLawfulDate,
    settingRule,
    rules,
  };
}

const ORDER = Object.fromEntries(SHUTOFF_RULES.map((rule, index) => [rule, index])) as Record<ShutoffRule, number>;

/** The refusal a shut-off order gets, naming every blocking rule and the earliest lawful date. */
export function refusalMessage(eligibility: ShutoffEligibility): string {
  const blocking = eligibility.rules.filter((check) => check.blocks);
  const when = eligibility.earliestLawfulDate
    ? `The earliest lawful shut-off date is ${eligibility.earliestLawfulDate}.`
    : 'No lawful shut-off date can be set yet.';
  const reasons = blocking.map((check) => `${check.label} [${check.rule}]${check.lawfulFrom ? ` — not before ${check.lawfulFrom}` : ''}: ${check.detail}.`);
  return `A shut-off on ${eligibility.date} is not allowed. ${when} ${reasons.join(' ')}`;
}
