/**
 * Pure helpers for the Billing screens: the new run's default dates, the comparison with the last
 * run, words for statuses and message codes, an explanation's terms as arithmetic, and the rate
 * tiers as ranges. Money stays integer cents; rates stay the decimal strings they were published as.
 */
import type { BillKind, BillMessageCode, BillRunStatus, BillRunSummary } from '../../src-shared/contract/billing';
import type { ExplanationTerm, LineExplanation, RateTier } from '../../src-shared/contract/rates';
import { centsToDecimalString, formatCents } from '../../src-shared/money';

/** Days from the bill date to the due date the office usually gives. */
export const DEFAULT_DUE_DAYS = 20;

const pad = (value: number) => String(value).padStart(2, '0');

/** "2026-11-26" + 20 days → "2026-12-16", on the calendar (no time zone can shift it). */
export function addDaysIso(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const at = new Date(Date.UTC(year, month - 1, day + days));
  return `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
}

/** What the "New run" form starts with: this month's period, bills dated today, due in 20 days. */
export function defaultRunDates(todayIso: string): { period: string; billDate: string; dueDate: string } {
  return { period: todayIso.slice(0, 7), billDate: todayIso, dueDate: addDaysIso(todayIso, DEFAULT_DUE_DAYS) };
}

export const RUN_STATUS_LABELS: Record<BillRunStatus, string> = {
  draft: 'Draft',
  approved: 'Approved',
  posted: 'Posted',
  cancelled: 'Cancelled',
};

export const BILL_KIND_LABELS: Record<BillKind, string> = { regular: 'Regular', first: 'First bill', final: 'Final bill' };

export const MESSAGE_CODE_LABELS: Record<BillMessageCode, string> = {
  FINAL: 'Final bill',
  AUTOPAY: 'Paid by autopay',
  PAST_DUE: 'Past-due balance',
  ESTIMATED: 'Estimated read',
  FIRST: 'First bill',
};

/** "Run #3 · Cycle 1, 2026-11". */
export const runTitle = (run: Pick<BillRunSummary, 'runId' | 'cycle' | 'period'>) => `Run #${run.runId} · Cycle ${run.cycle}, ${run.period}`;

export const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/** A signed whole number: "+3", "-2", "0". */
export const signedCount = (value: number) => (value > 0 ? `+${value.toLocaleString('en-US')}` : value.toLocaleString('en-US'));

/** A signed amount: "+$205.20", "-$12.00", "$0.00". */
export const signedCents = (valueCents: number) => (valueCents > 0 ? `+${formatCents(valueCents)}` : formatCents(valueCents));

/**
 * The change from `previous` to `current` in percent with one decimal and its sign ("+2.4%",
 * "-10.0%", "0.0%"); "—" when there was nothing before to compare with. Integer arithmetic in
 * tenths of a percent, rounded half away from zero, so -0.05% reads "-0.1%" like +0.05% reads "+0.1%".
 */
export function percentChange(current: number, previous: number): string {
  if (previous === 0) return '—';
  const difference = current - previous;
  const tenths = Math.round((Math.abs(difference) * 1000) / Math.abs(previous));
  const sign = tenths === 0 ? '' : (difference < 0) !== (previous < 0) ? '-' : '+';
  return `${sign}${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

/**
 * Dollars for people, at the places a value truly has and at least cents: "38.5500" → "$38.55",
 * "5.1450" → "$5.145", "0.003271" → "$0.003271", "1234" → "$1,234.00". A published rate keeps every
 * significant digit; the zeros it was written with are not shown. (formatRate in
 * src-main/core/rates/decimal.ts words bills' explanations by the same rule.)
 */
export function dollars(decimal: string): string {
  const negative = decimal.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  const places = fraction.replace(/0+$/, '');
  const shown = places.length <= 2 ? places.padEnd(2, '0') : places;
  const grouped = (whole.replace(/^0+(?=\d)/, '') || '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const zero = /^0*$/.test(whole) && /^0*$/.test(fraction);
  return `${negative && !zero ? '-' : ''}$${grouped}.${shown}`;
}

const UNIT_WORDS: Record<ExplanationTerm['unit'], [string, string]> = {
  HCF: ['HCF', 'HCF'],
  month: ['month', 'months'],
  'dwelling unit': ['dwelling unit', 'dwelling units'],
  percent: ['%', '%'],
  dollars: ['dollars', 'dollars'],
};

/** "10 HCF × $4.9000 = $49.00" — one multiplication of a line's explanation. */
export function termArithmetic(term: ExplanationTerm): string {
  const [one, many] = UNIT_WORDS[term.unit];
  const unit = term.unit === 'percent' ? '%' : ` ${term.quantity === '1' ? one : many}`;
  return `${term.quantity}${unit} × ${dollars(term.rate)} = ${dollars(term.amount)}`;
}

/** "12 of 30 days", or null when the line charges a whole month. */
export function prorationText(explanation: Pick<LineExplanation, 'proration'>): string | null {
  const { proration } = explanation;
  if (!proration) return null;
  return proration.perDay ? `${proration.days} days at the daily rate (monthly × 12/365)` : `prorated ${proration.days} of ${proration.periodDays} days`;
}

/** "part of 13 HCF: 12 of 30 days served at these rates", or null when the usage is not split. */
export function usageSplitText(explanation: Pick<LineExplanation, 'usageSplit'>): string | null {
  const { usageSplit } = explanation;
  return usageSplit ? `the ${usageSplit.days} of ${usageSplit.servedDays} days at these rates, of ${usageSplit.wholeUsageHcf} HCF used` : null;
}

/** The inclining tiers as ranges: "0–10 HCF", "10–30 HCF", "over 30 HCF" (or "all use" for one tier). */
export function tierRanges(tiers: readonly RateTier[]): string[] {
  let from = '0';
  return tiers.map((tier) => {
    const range = tier.upToHcf === null ? (from === '0' ? 'All use' : `Over ${from} HCF`) : `${from}–${tier.upToHcf} HCF`;
    if (tier.upToHcf !== null) from = tier.upToHcf;
    return range;
  });
}

/** Which of a run's not-billed reasons are about reads, and where in Meter reads they are worked. */
export function readsPageFor(reason: string): 'review' | 'unread' | null {
  if (reason.startsWith('Open read exception') || reason.startsWith('The read is still under review')) return 'review';
  if (reason.startsWith('No read for')) return 'unread';
  return null;
}

/**
 * The schedule of a rate document that applies on a day ("in force"): the latest to start on or
 * before it, unless that one ended before it (a schedule without an end runs until the next starts).
 */
export function scheduleInForce<Schedule extends { effectiveFrom: string; effectiveThrough?: string | undefined }>(
  schedules: readonly Schedule[],
  onDate: string,
): Schedule | undefined {
  const latest = [...schedules].filter((schedule) => schedule.effectiveFrom <= onDate).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
  return latest && (latest.effectiveThrough === undefined || latest.effectiveThrough >= onDate) ? latest : undefined;
}

/** "12.3400" → "12.34", "5.000" → "5", "-0.50" → "-0.5": a decimal without its trailing zeros. */
function trimDecimal(decimal: string): string {
  return decimal.includes('.') ? decimal.replace(/0+$/, '').replace(/\.$/, '') : decimal;
}

/** True when a line's exact amount is not a whole number of cents, so rounding changed it. */
export function wasRounded(exactAmount: string, amountCents: number): boolean {
  return trimDecimal(exactAmount) !== trimDecimal(centsToDecimalString(amountCents));
}

export interface RateProblem {
  /** The JSON path ("schedules[0].water.classes.residential.tiers[1].ratePerHcf"), or "" for the whole document. */
  path: string;
  message: string;
}

const REFUSED_PREFIX = 'The rate document was refused: ';
const PROBLEM_START = /^(\(document\)|[A-Za-z_$][\w$]*(?:\[\d+\]|\.[A-Za-z_$][\w$]*|\["[^"]*"\])*): /;

/**
 * The problems of a refused rate document, one per entry with its JSON path, from the refusal
 * the main process words as "The rate document was refused: path: what; path: what; and 3 more".
 * Any other message comes back as one problem without a path.
 */
export function rateProblems(message: string): RateProblem[] {
  if (!message.startsWith(REFUSED_PREFIX)) return [{ path: '', message }];
  const problems: RateProblem[] = [];
  for (const part of message.slice(REFUSED_PREFIX.length).split('; ')) {
    const start = PROBLEM_START.exec(part);
    const last = problems.at(-1);
    if (start) problems.push({ path: start[1] === '(document)' ? '' : (start[1] ?? ''), message: part.slice(start[0].length) });
    else if (last && !/^and \d+ more$/.test(part)) last.message += `; ${part}`;
    else problems.push({ path: '', message: part });
  }
  return problems;
}
