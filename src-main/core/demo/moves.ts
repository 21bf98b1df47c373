/**
 * A move at a demo location, as an office records one: the previous occupant's account closes
 * and the new one opens on the move day, and the meter is read that day — the previous account's
 * final read and the new account's start read, the same register value. Without those reads the
 * demo could not bill either account (issue #14): the new account had no earlier read of its own
 * to measure its first period from, and a previous account closed in the period had no read in it.
 *
 * The register is taken not to have moved since the read before (the home stood empty between
 * occupants), so both move reads show zero use and the read after the move keeps its use, which
 * is all the new occupant's: no use is split, and so no unit conversion is done here.
 */
import { addDays, daysBetween, monthOf } from './calendar';
import type { LocationUse } from './places';
import type { PlannedRead } from './usage';
import type { Random } from './random';

/** Sources of the two move reads (the app's own move-out stores its final read as 'final'). */
export const MOVE_READ_SOURCES = { final: 'final', start: 'start' } as const;

/** Fewest days between a move and the cycle's newest read: the newest read is the new occupant's. */
const MIN_DAYS_BEFORE_LAST_READ = 20;
const MAX_DAYS_BEFORE_LAST_READ = 400;

/**
 * Classes whose wastewater the demo's rates bill on the winter average (valle-verde.json: the
 * commercial class). A new account of such a class cannot be billed until it has a winter read
 * of its own, so its move is put on or before the last winter read (December–March) before the
 * newest read: from then on it has one.
 */
const WINTER_AVERAGE_USES: ReadonlySet<LocationUse> = new Set(['commercial']);

/**
 * The move day, drawn once (one random draw, as before): 20 to 400 days before the cycle's newest
 * read, never on a read day (a move read and a cycle read of one day would make a zero-day period).
 */
export function drawMoveDate(random: Random, use: LocationUse, readDates: readonly string[]): string {
  const newest = readDates[readDates.length - 1] as string;
  const lastWinterRead = [...readDates.slice(0, -1)].reverse().find((date) => [12, 1, 2, 3].includes(monthOf(date)));
  const fewestDays = WINTER_AVERAGE_USES.has(use) && lastWinterRead !== undefined ? daysBetween(lastWinterRead, newest) + 1 : MIN_DAYS_BEFORE_LAST_READ;
  const moveDate = addDays(newest, -random.int(Math.min(fewestDays, MAX_DAYS_BEFORE_LAST_READ), MAX_DAYS_BEFORE_LAST_READ));
  return readDates.includes(moveDate) ? addDays(moveDate, -1) : moveDate;
}

/** A read and the account it is billed to. */
export interface OwnedRead extends PlannedRead {
  owner: 'previous' | 'current';
}

/**
 * The location's reads with the move's two reads put in on the move day: reads before it are the
 * previous account's, reads from it on the new account's. A move before the first read (no
 * register value known for that day) adds none: the new account then holds every read.
 */
export function readsAcrossMove(reads: readonly PlannedRead[], moveDate: string): OwnedRead[] {
  const before = reads.filter((read) => read.readDate < moveDate);
  const after = reads.filter((read) => read.readDate >= moveDate);
  const last = before[before.length - 1];
  const owned: OwnedRead[] = before.map((read) => ({ ...read, owner: 'previous' }));
  if (last) {
    const moveRead = { readDate: moveDate, reading: last.reading, usageHcf: '0', estimated: false };
    owned.push({ ...moveRead, source: MOVE_READ_SOURCES.final, owner: 'previous' }, { ...moveRead, source: MOVE_READ_SOURCES.start, owner: 'current' });
  }
  return [...owned, ...after.map((read): OwnedRead => ({ ...read, owner: 'current' }))];
}
