/**
 * Inclining tiers: usage is cut at each tier's cumulative upper bound and each piece is charged
 * that tier's rate. Bounds are scaled by dwelling units (multi-family) and, for a part of a period
 * split at a rate change, by that part's share of the days (rounded to HCF precision).
 */
import type { PreparedTier } from './book';
import { Big, ZERO, hcfShare, plain } from './decimal';

export interface TierPortion {
  /** 1-based tier number, as a rate sheet counts them. */
  tier: number;
  fromHcf: Big;
  /** null for the open-ended last tier. */
  toHcf: Big | null;
  quantityHcf: Big;
  ratePerHcf: Big;
  /** quantity × rate, exact dollars. */
  amount: Big;
}

/** A part of the days served: `days` of `ofDays`, after `daysBefore` of earlier parts. */
export interface DayShare {
  days: number;
  ofDays: number;
  daysBefore: number;
}

/**
 * A bound's share for one part: cut at cumulative days and rounded to HCF precision at each cut
 * (half-up), so when the schedules agree the parts' bounds add up to the whole bound exactly.
 */
function shareOf(bound: Big, share: DayShare): Big {
  const end = share.daysBefore + share.days;
  const upper = end === share.ofDays ? bound : hcfShare(bound, end, share.ofDays);
  const lower = share.daysBefore === 0 ? ZERO : hcfShare(bound, share.daysBefore, share.ofDays);
  return upper.minus(lower);
}

/** Each tier's upper bound after scaling: × dwelling units, then its share of the days. */
export function scaledBounds(tiers: readonly PreparedTier[], units: number, share: DayShare | null): (Big | null)[] {
  return tiers.map(({ upToHcf }) => {
    if (upToHcf === null) return null;
    const perUnits = units === 1 ? upToHcf : upToHcf.times(units);
    return share === null || share.days === share.ofDays ? perUnits : shareOf(perUnits, share);
  });
}

/** The pieces of `usageHcf` that fall in each tier (only tiers with use). */
export function chargeTiers(usageHcf: Big, tiers: readonly PreparedTier[], bounds: readonly (Big | null)[]): TierPortion[] {
  const portions: TierPortion[] = [];
  let lower = ZERO;
  for (let index = 0; index < tiers.length && usageHcf.gt(lower); index += 1) {
    const upper = bounds[index] ?? null;
    const top = upper === null || usageHcf.lt(upper) ? usageHcf : upper;
    const quantityHcf = top.minus(lower);
    if (quantityHcf.gt(0)) {
      const ratePerHcf = tiers[index]!.ratePerHcf;
      portions.push({ tier: index + 1, fromHcf: lower, toHcf: upper, quantityHcf, ratePerHcf, amount: quantityHcf.times(ratePerHcf) });
    }
    if (upper === null) break;
    // A later bound at or below this one (a prorated width rounded to zero) adds nothing.
    if (upper.gt(lower)) lower = upper;
  }
  return portions;
}

/** "Tier 1 (up to 10 HCF)", "Tier 2 (10 to 30 HCF)", "Tier 3 (over 30 HCF)". */
export function tierLabel(portion: TierPortion): string {
  if (portion.toHcf === null) return portion.fromHcf.eq(0) ? `Tier ${portion.tier} (all use)` : `Tier ${portion.tier} (over ${plain(portion.fromHcf)} HCF)`;
  if (portion.fromHcf.eq(0)) return `Tier ${portion.tier} (up to ${plain(portion.toHcf)} HCF)`;
  return `Tier ${portion.tier} (${plain(portion.fromHcf)} to ${plain(portion.toHcf)} HCF)`;
}
