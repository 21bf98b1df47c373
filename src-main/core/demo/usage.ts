/**
 * Demo water use and meter reads. Use is drawn as a rough figure, then turned into a whole
 * number of register increments; the stored reading and the HCF string both come from that
 * integer (gallons converted by toHcf, as an import would), so no float ever reaches the database.
 */
import type { MeterSize, MeterUnit } from '../../../src-shared/contract/accounts';
import { GALLONS_PER_HCF, toHcf } from '../reads/formats/units';
import { monthOf } from './calendar';
import type { LocationUse, PlannedMeter } from './places';
import type { Random } from './random';

/** Share of an average month's use, January to December: hot, dry Central Valley summers. */
const SEASON: readonly number[] = [0.65, 0.62, 0.7, 0.85, 1.1, 1.4, 1.65, 1.6, 1.35, 1.05, 0.8, 0.68];
/** Landscape-only meters: next to nothing in winter rains, most of the year's water in summer. */
const IRRIGATION_SEASON: readonly number[] = [0.05, 0.05, 0.2, 0.6, 1.2, 1.9, 2.4, 2.3, 1.7, 0.9, 0.3, 0.08];

/** Average monthly HCF [low, high] of a business by meter size. */
const BUSINESS_BASE_HCF: Readonly<Partial<Record<MeterSize, [number, number]>>> = {
  '3/4': [6, 20],
  '1': [10, 40],
  '1-1/2': [20, 80],
  '2': [40, 150],
  '3': [100, 300],
  '4': [150, 500],
};

export interface UsageProfile {
  baseHcf: number;
  seasonal: readonly number[];
  /** A vacant or shut-in home: zero use every month (the "zero use on active account" exception). */
  vacant: boolean;
  /** Index of the read with a leak (four times normal use), or -1. */
  leakReadIndex: number;
}

export interface PlannedRead {
  readDate: string;
  reading: number;
  usageHcf: string;
  estimated: boolean;
  source: string;
}

const between = (random: Random, [low, high]: [number, number]) => random.int(low * 10, high * 10) / 10;

function baseHcf(random: Random, use: LocationUse, dwellingUnits: number, size: MeterSize): number {
  switch (use) {
    case 'single_family':
      return between(random, [5, 16]);
    case 'condo':
      return between(random, [3, 8]);
    case 'multi_family':
      return dwellingUnits * between(random, [3.5, 6]);
    case 'commercial':
    case 'irrigation':
      return between(random, BUSINESS_BASE_HCF[size] ?? [10, 40]);
  }
}

export function planUsageProfile(random: Random, use: LocationUse, dwellingUnits: number, size: MeterSize, readCount: number): UsageProfile {
  return {
    baseHcf: baseHcf(random, use, dwellingUnits, size),
    seasonal: use === 'irrigation' ? IRRIGATION_SEASON : SEASON,
    vacant: use !== 'irrigation' && random.chance(0.01),
    leakReadIndex: random.chance(0.005) ? random.int(0, readCount - 1) : -1,
  };
}

/** Hundredths as an exact decimal without trailing zeros: 1230 → "12.3", 1200 → "12". */
export function hundredthsToDecimal(hundredths: number): string {
  const whole = Math.floor(hundredths / 100);
  const fraction = hundredths % 100;
  if (fraction === 0) return String(whole);
  return `${whole}.${String(fraction).padStart(2, '0').replace(/0$/, '')}`;
}

/** Register increments for one month: season of the month before the read (the read closes it). */
function monthlyIncrements(random: Random, meter: PlannedMeter, profile: UsageProfile, readDate: string, leak: boolean): number {
  if (profile.vacant) return 0;
  const previousMonth = (monthOf(readDate) + 10) % 12;
  const noise = 0.85 + 0.3 * random.next();
  const hcf = profile.baseHcf * (profile.seasonal[previousMonth] as number) * noise * (leak ? 4 : 1);
  return Math.round((hcf * UNITS_PER_HCF[meter.unit]) / Number(meter.multiplier));
}

/** Register units in one HCF (gallons by the billing convention, GALLONS_PER_HCF). */
const UNITS_PER_HCF: Record<MeterUnit, number> = { CF: 100, HCF: 1, GAL: Number(GALLONS_PER_HCF), KGAL: Number(GALLONS_PER_HCF) / 1000 };

/** A month's use in HCF as stored: exact for CF and HCF; gallons by the import's one rounding rule (toHcf). */
function usageText(meter: PlannedMeter, meterUnits: number): string {
  if (meter.unit === 'CF') return hundredthsToDecimal(meterUnits);
  if (meter.unit === 'HCF') return String(meterUnits);
  return toHcf(String(meterUnits), meter.unit).toFixed();
}

/**
 * One read per date. Registers roll over at 10^dials, as real ones do, so a few demo meters
 * show a reading lower than the month before.
 */
export function planReads(
  random: Random,
  meter: PlannedMeter,
  profile: UsageProfile,
  readDates: readonly string[],
  readSource: string,
): PlannedRead[] {
  const capacity = 10 ** meter.dials;
  const multiplier = Number(meter.multiplier);
  // One old register in fifty starts just below its top, so the demo has rollovers to handle.
  let reading = random.chance(0.02) ? capacity - random.int(1, 20 * UNITS_PER_HCF[meter.unit]) : random.int(0, capacity - 1);
  return readDates.map((readDate, index) => {
    const increments = monthlyIncrements(random, meter, profile, readDate, index === profile.leakReadIndex);
    reading = (reading + increments) % capacity;
    const meterUnits = increments * multiplier;
    const estimated = random.chance(0.015);
    return {
      readDate,
      reading,
      usageHcf: usageText(meter, meterUnits),
      estimated,
      source: estimated ? 'estimate' : readSource,
    };
  });
}
