/**
 * Opening balances converted from the "previous system", in integer cents: most accounts owe
 * the bill just mailed, some are past due, a few are far behind, a few carry a credit.
 */
import type { LocationUse } from './places';
import type { Random } from './random';

type ActiveStanding = 'paid' | 'current' | 'pastDue' | 'delinquent' | 'credit';
const ACTIVE_STANDING: Readonly<Record<ActiveStanding, number>> = { paid: 30, current: 52, pastDue: 11, delinquent: 4, credit: 3 };
/** Autopay pays on the due date: such accounts owe at most the bill not yet due. */
const AUTOPAY_STANDING: Readonly<Record<ActiveStanding, number>> = { paid: 60, current: 40, pastDue: 0, delinquent: 0, credit: 0 };
const CLOSED_STANDING = { settled: 85, unpaidFinal: 12, refundDue: 3 } as const;
/** A late fee as the previous system charged it. */
const LATE_FEE_CENTS = 1_000;

/** Percent of a household's bill a location of this use runs to. */
function billScalePercent(random: Random, use: LocationUse, dwellingUnits: number): number {
  switch (use) {
    case 'single_family':
    case 'condo':
      return 100;
    case 'multi_family':
      return dwellingUnits * 60;
    case 'commercial':
      return random.int(200, 1_000);
    case 'irrigation':
      return random.int(100, 800);
  }
}

function monthlyBillCents(random: Random, scalePercent: number): number {
  const householdBillCents = random.int(5_500, 14_000);
  // Integer arithmetic, rounded half-up once: no float ever holds an amount.
  return Math.floor((householdBillCents * scalePercent + 50) / 100);
}

function billsCents(random: Random, scalePercent: number, count: number): number {
  let totalCents = 0;
  for (let bill = 0; bill < count; bill += 1) totalCents += monthlyBillCents(random, scalePercent);
  return totalCents;
}

export function openingBalanceCents(random: Random, use: LocationUse, dwellingUnits: number, autopay: boolean): number {
  const scalePercent = billScalePercent(random, use, dwellingUnits);
  switch (random.weighted(autopay ? AUTOPAY_STANDING : ACTIVE_STANDING)) {
    case 'paid':
      return 0;
    case 'current':
      return monthlyBillCents(random, scalePercent);
    case 'pastDue':
      return billsCents(random, scalePercent, 2) + LATE_FEE_CENTS;
    case 'delinquent':
      return billsCents(random, scalePercent, random.int(3, 6)) + 3 * LATE_FEE_CENTS;
    case 'credit':
      return -random.int(500, 12_000);
  }
}

/** A closed account: usually settled, sometimes an unpaid final bill, rarely a refund still owed. */
export function closedBalanceCents(random: Random, use: LocationUse, dwellingUnits: number): number {
  const scalePercent = billScalePercent(random, use, dwellingUnits);
  switch (random.weighted(CLOSED_STANDING)) {
    case 'settled':
      return 0;
    case 'unpaidFinal':
      return monthlyBillCents(random, scalePercent);
    case 'refundDue':
      return -random.int(1_000, 6_000);
  }
}
