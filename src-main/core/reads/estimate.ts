/**
 * An estimated read: the use to bill (the average of the meter's last N actual reads before the
 * period, or its use in the same period last year) turned into whole register units after the
 * prior reading. One function, planEstimate, serves both the estimate action (resolve.ts) and its
 * preview (reads.estimatePreview), so the figure the technician confirms is the figure stored.
 */
import type { EstimateMethod, ReadExceptionRow } from '../../../src-shared/contract/reads';
import { perConnection } from '../storage/prepared';
import { OfficeError } from '../errors';
import type { Sqlite } from '../storage/database';
import { Big, hcfText, hcfToRegisterUnits, registerUnitsToHcf } from './decimal';
import { inReadPeriods, readPeriodsBetween } from './read-keys';
import { getReadValidationSettings } from './settings';
import { periodMinusMonths, type MeterFacts } from './validate';

const statements = perConnection((db: Sqlite) => ({
  meter: db.prepare<[number], MeterFacts>(`SELECT dials, multiplier, unit, installed_on AS installedOn FROM meters WHERE id = ?`),
  // @periods: every period up to the exception's (read-keys.ts), so the meter's reads are looked up month by month.
  priorRead: db.prepare<{ meterId: number; period: string; periods: string; readId: number }, PriorRead>(
    `SELECT COALESCE(reading_text, CAST(reading AS TEXT)) AS reading, read_date AS readDate FROM meter_reads
     WHERE ${inReadPeriods('meter_reads')} AND meter_id = @meterId
       AND COALESCE(period, substr(read_date, 1, 7)) < @period AND id <> @readId ORDER BY read_date DESC, id DESC LIMIT 1`,
  ),
  // Actual reads only: not estimates, not the install baseline, not an unresolved negative use.
  actualUsages: db.prepare<{ meterId: number; period: string; periods: string; limit: number }, BasisRead>(
    `SELECT COALESCE(period, substr(read_date, 1, 7)) AS period, usage_hcf AS usageHcf FROM meter_reads
     WHERE ${inReadPeriods('meter_reads')} AND meter_id = @meterId
       AND COALESCE(period, substr(read_date, 1, 7)) < @period AND estimated = 0 AND source <> 'install'
       AND usage_hcf NOT LIKE '-%' ORDER BY read_date DESC, id DESC LIMIT @limit`,
  ),
  periodUsage: db.prepare<[number, string], string>(
    `SELECT usage_hcf FROM meter_reads WHERE meter_id = ? AND COALESCE(period, substr(read_date, 1, 7)) = ? AND source <> 'install' ORDER BY id DESC LIMIT 1`,
  ).pluck(),
}));

export interface PriorRead {
  reading: string;
  readDate: string;
}

interface BasisRead {
  period: string;
  usageHcf: string;
}

export interface PlannedEstimate {
  /** The reading to store, exact, in register units (wrapped at the register's capacity). */
  reading: string;
  /** The use to store, exact, in HCF: the whole register units converted back. */
  usageHcf: string;
  prior: PriorRead;
  /** The use estimated from, exact (an average may have many decimals). */
  targetHcf: Big;
  basisReads: BasisRead[];
  /** "average of the last 3 actual reads (12 HCF)", "same period last year (10 HCF)". */
  basis: string;
}

export function meterFacts(db: Sqlite, meterId: number): MeterFacts {
  const meter = statements(db).meter.get(meterId);
  if (!meter) throw new Error(`Invariant violated: meter ${meterId} of an exception exists`);
  return meter;
}

/** The meter's newest read before the exception's period (other than the exception's own read). */
export function priorReadOf(db: Sqlite, exception: Pick<ReadExceptionRow, 'meterId' | 'period' | 'readId'>): PriorRead | undefined {
  return statements(db).priorRead.get({ meterId: exception.meterId, period: exception.period, periods: readPeriodsBetween(db, null, exception.period), readId: exception.readId ?? -1 });
}

function averageTarget(db: Sqlite, exception: ReadExceptionRow): { targetHcf: Big; basisReads: BasisRead[]; basis: string } {
  const periods = getReadValidationSettings(db).estimateAveragePeriods;
  const basisReads = statements(db).actualUsages.all({ meterId: exception.meterId, period: exception.period, periods: readPeriodsBetween(db, null, exception.period), limit: periods });
  if (basisReads.length === 0) {
    throw new OfficeError('CONFLICT', 'This meter has no actual reads to average; estimate from last year, or enter the reading', 'action.method');
  }
  const targetHcf = basisReads.reduce((sum, read) => sum.plus(read.usageHcf), new Big(0)).div(basisReads.length);
  const count = basisReads.length;
  return { targetHcf, basisReads, basis: `average of the last ${count} actual read${count === 1 ? '' : 's'} (${hcfText(targetHcf)} HCF)` };
}

function lastYearTarget(db: Sqlite, exception: ReadExceptionRow): { targetHcf: Big; basisReads: BasisRead[]; basis: string } {
  const lastYearPeriod = periodMinusMonths(exception.period, 12);
  const usage = statements(db).periodUsage.get(exception.meterId, lastYearPeriod);
  if (usage === undefined || usage.startsWith('-')) {
    throw new OfficeError('CONFLICT', `This meter has no read for ${lastYearPeriod}; estimate from the average instead`, 'action.method');
  }
  const targetHcf = new Big(usage);
  return { targetHcf, basisReads: [{ period: lastYearPeriod, usageHcf: usage }], basis: `same period last year (${hcfText(targetHcf)} HCF)` };
}

/**
 * What an estimate of this exception's read stores. The use is rounded once, to whole register
 * units (half-up), because a register shows whole units; the stored use is those units in HCF.
 * Throws a CONFLICT naming what is missing when there is nothing to estimate from.
 */
export function planEstimate(db: Sqlite, exception: ReadExceptionRow, method: EstimateMethod): PlannedEstimate {
  const target = method === 'average' ? averageTarget(db, exception) : lastYearTarget(db, exception);
  const prior = priorReadOf(db, exception);
  if (!prior) throw new OfficeError('CONFLICT', 'This meter has no prior reading to estimate from; enter the reading instead', 'action.method');
  const meter = meterFacts(db, exception.meterId);
  const units = hcfToRegisterUnits(target.targetHcf, meter.unit, meter.multiplier);
  const capacity = new Big(10).pow(meter.dials);
  let reading = new Big(prior.reading).plus(units);
  if (reading.gte(capacity)) reading = reading.minus(capacity);
  return {
    reading: reading.toFixed(),
    usageHcf: registerUnitsToHcf(units, meter.unit, meter.multiplier).toFixed(),
    prior,
    ...target,
  };
}
