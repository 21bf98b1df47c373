/**
 * One account's open items from a run of its receivable lines, by the district's application
 * rule — the same answer as `accountOpenItems` (core/payments/open-items.ts) gives from the whole
 * ledger, from any starting point where the account owed nothing.
 *
 * Why a starting point suffices: during the replay an open item and an unapplied credit never
 * coexist (a credit is applied to everything open when it arrives, and a waiting credit pays a new
 * charge at once), so whenever the running balance is ≤ 0 nothing is open and the unapplied credit
 * is exactly −balance. The state there is known without the lines before it, whatever the rule.
 *
 * This is a lean re-statement of `applyPayment` (core/payments/application.ts) for speed (no input
 * validation per credit: the lines come from the ledger); tests/integration/collections-aging-
 * properties.test.ts proves it equal to accountOpenItems over random ledgers and both rules.
 */
import type { PaymentApplicationRule } from '../../../src-shared/contract/payments';
import { assertInvariant } from '../errors';

/** One receivable (GL 1100) line of an account, with what the replay needs of its entry. */
export interface ReceivableLine {
  entryId: string;
  kind: string;
  effectiveDate: string;
  postedAt: string;
  lineId: number;
  amountCents: number;
  /**
   * The bill's due date for a bill's line, null when it is no bill (due on its effective date);
   * undefined when not read yet — `replayOpenItems` then asks its `dueDateOf` only when a rule
   * needs it (the penalties rule, a tie on the charge date, and the open items at the end).
   */
  dueDate?: string | null;
  reversesEntryId: string | null;
}

export interface ReplayedItem {
  entryId: string;
  chargeId: string;
  penalty: boolean;
  chargeDate: string;
  /** Read on first need (see ReceivableLine.dueDate); always set on the items a replay returns. */
  dueDate: string;
  originalCents: number;
  openCents: number;
}

/** Entry kinds whose receivable debits are penalties and fees (as open-items.ts). */
const PENALTY_KINDS = new Set(['fee']);

/** The ledger's replay order: effective date, then posting time, then line id. */
export function compareReplayOrder(a: ReceivableLine, b: ReceivableLine): number {
  return compareText(a.effectiveDate, b.effectiveDate) || compareText(a.postedAt, b.postedAt) || a.lineId - b.lineId;
}

/**
 * Leaves out every reversal and every entry a listed reversal undoes (the pair nets to nothing),
 * as open-items.ts does; `lines` are one account's lines up to the as-of date.
 */
export function withoutReversedPairs(lines: readonly ReceivableLine[]): ReceivableLine[] {
  const reversed = new Set<string>();
  for (const line of lines) if (line.reversesEntryId !== null) reversed.add(line.reversesEntryId);
  return lines.filter((line) => line.reversesEntryId === null && !reversed.has(line.entryId));
}

/**
 * Replays `lines` (in replay order, pairs already left out) from a state with nothing open and
 * `startCreditCents` waiting. Returns the items still open and the credit still unapplied.
 */
export function replayOpenItems(
  lines: readonly ReceivableLine[],
  startCreditCents: number,
  rule: PaymentApplicationRule,
  dueDateOf: (entryId: string) => string | null = () => null,
): { items: ReplayedItem[]; unappliedCents: number } {
  assertInvariant(startCreditCents >= 0, 'a replay starts from a credit of zero or more');
  const items: ReplayedItem[] = [];
  const due = (item: ReplayedItem): string => {
    if (item.dueDate === '') item.dueDate = dueDateOf(item.entryId) ?? item.chargeDate;
    return item.dueDate;
  };
  let unappliedCents = startCreditCents;
  for (const line of lines) {
    if (line.amountCents > 0) {
      items.push({
        entryId: line.entryId, chargeId: `${line.entryId}:${line.lineId}`, penalty: PENALTY_KINDS.has(line.kind), chargeDate: line.effectiveDate,
        // '' = not read yet (see `due`).
        dueDate: line.dueDate === undefined ? '' : (line.dueDate ?? line.effectiveDate), originalCents: line.amountCents, openCents: line.amountCents,
      });
      if (unappliedCents > 0) unappliedCents = applyCredit(items, unappliedCents, line.effectiveDate, rule, due);
    } else {
      unappliedCents = applyCredit(items, unappliedCents - line.amountCents, line.effectiveDate, rule, due);
    }
  }
  const open = items.filter((item) => item.openCents > 0);
  for (const item of open) due(item);
  return { items: open, unappliedCents };
}

/**
 * Spreads `creditCents` over the open items by the rule as of `asOf` (application.ts's order:
 * oldest = charge date, due date, then the charge id as text, open-items' ids being text); returns what is left.
 */
function applyCredit(items: ReplayedItem[], creditCents: number, asOf: string, rule: PaymentApplicationRule, due: (item: ReplayedItem) => string): number {
  const open = items.filter((item) => item.openCents > 0);
  const compareAge = (a: ReplayedItem, b: ReplayedItem) => compareText(a.chargeDate, b.chargeDate) || compareText(due(a), due(b)) || compareText(a.chargeId, b.chargeId);
  if (rule === 'oldest_first') open.sort(compareAge);
  else open.sort((a, b) => groupOf(a, asOf, due) - groupOf(b, asOf, due) || compareAge(a, b));
  let leftCents = creditCents;
  for (const item of open) {
    if (leftCents === 0) break;
    const appliedCents = Math.min(item.openCents, leftCents);
    item.openCents -= appliedCents;
    leftCents -= appliedCents;
  }
  return leftCents;
}

/** Penalties first, then past due (due before the payment's date), then current. */
function groupOf(item: ReplayedItem, asOf: string, due: (item: ReplayedItem) => string): number {
  if (item.penalty) return 0;
  return due(item) < asOf ? 1 : 2;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
