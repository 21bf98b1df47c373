/**
 * Demo geography: streets of a fictional Central Valley town walked in meter-reading order, cut
 * into routes, each route in one of four monthly read cycles; and the meter at each location.
 */
import type { MeterSize, MeterUnit, ServiceLocation } from '../../../src-shared/contract/accounts';
import { addDays } from './calendar';
import { STREET_DIRECTIONS, STREET_NAMES, STREET_SUFFIXES } from './names';
import { DEMO_CITY, DEMO_STATE } from './people';
import type { Random } from './random';

export type LocationUse = 'single_family' | 'condo' | 'multi_family' | 'commercial' | 'irrigation';

/** Address slots by use; a condo slot holds several units, so condos end up ~7% of locations. */
const USE_WEIGHTS: Readonly<Record<LocationUse, number>> = {
  single_family: 830,
  condo: 15,
  multi_family: 30,
  commercial: 80,
  irrigation: 20,
};

export const CYCLE_COUNT = 4;
/** Day of the month each cycle is read: a week apart so the office bills a cycle a week. */
export const CYCLE_READ_DAYS: readonly number[] = [2, 9, 16, 23];
const ZIPS = ['95396', '95397'] as const;

export interface PlannedLocation extends Omit<ServiceLocation, 'locationId'> {
  use: LocationUse;
  dwellingUnits: number;
  /** Drive-by AMR routes or handheld routes: the source recorded on their reads. */
  readSource: 'amr' | 'handheld';
}

export interface PlannedMeter {
  serial: string;
  size: MeterSize;
  dials: number;
  multiplier: string;
  unit: MeterUnit;
  installedOn: string;
}

interface RouteState {
  routeNo: number;
  remaining: number;
  sequence: number;
  readSource: 'amr' | 'handheld';
}

/** Hands out locations street by street, house by house, in reading order. */
export class LocationPlanner {
  private readonly streets: string[];
  private streetIndex = -1;
  private housesLeft = 0;
  private houseNo = 0;
  private locationCount = 0;
  private route: RouteState = { routeNo: 0, remaining: 0, sequence: 0, readSource: 'amr' };

  /**
   * @param typicalRouteSize locations on an average route: a big district has routes of a few
   * hundred, a small demo shorter ones so that all four cycles still have routes.
   */
  constructor(
    private readonly random: Random,
    private readonly typicalRouteSize: number,
  ) {
    const plain = STREET_NAMES.flatMap((name) => STREET_SUFFIXES.map((suffix) => `${name} ${suffix}`));
    // Plain names first in a shuffled order; directional variants only for very large districts.
    this.streets = STREET_DIRECTIONS.flatMap((direction) => random.shuffle(plain).map((street) => `${direction}${street}`));
  }

  /** The next address slot: one location, or the units of one condo building. */
  nextSlot(): PlannedLocation[] {
    this.advanceHouse();
    const use = this.random.weighted(USE_WEIGHTS);
    if (use !== 'condo') return [this.location(use, '', use === 'multi_family' ? this.random.int(3, 48) : 1)];
    const unitCount = this.random.int(2, 8);
    const numbered = this.random.chance(0.5);
    return Array.from({ length: unitCount }, (_, index) =>
      this.location('condo', numbered ? String(101 + index) : String.fromCharCode(65 + index), 1),
    );
  }

  private advanceHouse(): void {
    if (this.housesLeft === 0) {
      this.streetIndex += 1;
      if (this.streetIndex >= this.streets.length) throw new Error('Invariant violated: the demo town ran out of streets');
      this.housesLeft = this.random.int(30, 200);
      this.houseNo = this.random.int(1, 9) * 100;
    }
    this.housesLeft -= 1;
    // Lots a few numbers apart, like real blocks; strictly increasing, so addresses never repeat.
    this.houseNo += this.random.int(2, 12);
  }

  private nextInRoute(): RouteState {
    if (this.route.remaining === 0) {
      this.route = {
        routeNo: this.route.routeNo + 1,
        remaining: this.random.int(Math.ceil(this.typicalRouteSize * 0.7), Math.ceil(this.typicalRouteSize * 1.3)),
        sequence: 0,
        readSource: this.random.chance(0.7) ? 'amr' : 'handheld',
      };
    }
    this.route.remaining -= 1;
    this.route.sequence += 10;
    return this.route;
  }

  private location(use: LocationUse, unit: string, dwellingUnits: number): PlannedLocation {
    const route = this.nextInRoute();
    const index = this.locationCount;
    this.locationCount += 1;
    const street = this.streets[this.streetIndex] as string;
    return {
      street: `${this.houseNo} ${street}`,
      unit,
      city: DEMO_CITY,
      state: DEMO_STATE,
      zip: ZIPS[this.streetIndex % ZIPS.length] as string,
      // County assessor style book-page-parcel, unique per location.
      parcelNumber: `${String(10 + Math.floor(index / 2000)).padStart(3, '0')}-${String(Math.floor(index / 20) % 100).padStart(3, '0')}-${String((index % 20) * 3 + 1).padStart(3, '0')}`,
      route: `R${String(route.routeNo).padStart(3, '0')}`,
      sequence: route.sequence,
      cycle: ((route.routeNo - 1) % CYCLE_COUNT) + 1,
      use,
      dwellingUnits,
      readSource: route.readSource,
    };
  }
}

const SIZE_WEIGHTS: Readonly<Record<LocationUse, Partial<Record<MeterSize, number>>>> = {
  single_family: { '5/8': 65, '3/4': 30, '1': 5 },
  condo: { '5/8': 90, '3/4': 10 },
  multi_family: { '1': 30, '1-1/2': 40, '2': 30 },
  commercial: { '3/4': 25, '1': 30, '1-1/2': 20, '2': 15, '3': 6, '4': 4 },
  irrigation: { '1': 40, '1-1/2': 35, '2': 25 },
};
const SMALL_SIZES: ReadonlySet<string> = new Set(['5/8', '3/4', '1']);
const MANUFACTURER_PREFIXES = { BD: 40, SN: 30, NP: 20, IT: 10 } as const;

/** One meter in GALLON_METER_EVERY registers gallons (meter numbers ≡ GALLON_METER_AT): about 3%. */
export const GALLON_METER_EVERY = 31;
const GALLON_METER_AT = 5;

/**
 * A meter for a location. Registers count CF or HCF, and about 3% count gallons (usage in HCF is
 * then rounded: 748 gal to the HCF, docs/formats/reads.md "Converting to HCF"). Big CF meters count
 * tens of cubic feet (multiplier 10). Which meters count gallons follows the meter number, not the
 * random stream, so every other draw of a seed stays what it was before gallon meters existed.
 */
export function planMeter(random: Random, use: LocationUse, meterNo: number, installedBefore: string): PlannedMeter {
  const size = random.weighted(SIZE_WEIGHTS[use] as Record<MeterSize, number>);
  const small = SMALL_SIZES.has(size);
  const register: MeterUnit = random.chance(0.2) ? 'CF' : 'HCF';
  const registerDials = register === 'HCF' ? (small && random.chance(0.4) ? 5 : 6) : small && random.chance(0.7) ? 6 : 7;
  const gallons = meterNo % GALLON_METER_EVERY === GALLON_METER_AT;
  const unit: MeterUnit = gallons ? 'GAL' : register;
  // A gallon register shows 748 times the HCF figure: two more dials than an HCF one.
  const dials = gallons ? (small ? 7 : 8) : registerDials;
  const installedOn = addDays(installedBefore, -random.int(30, 6000));
  // Unique by construction: the meter number is part of the serial.
  const serial = `${random.weighted(MANUFACTURER_PREFIXES)}${installedOn.slice(2, 4)}${String(meterNo).padStart(6, '0')}`;
  const multiplier = unit === 'CF' && (size === '3' || size === '4') ? '10' : '1';
  return { serial, size, dials, multiplier, unit, installedOn };
}
