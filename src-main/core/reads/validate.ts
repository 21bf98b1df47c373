/**
 * The abnormal-read checks: a pure function of the read, its meter, the account's status, the
 * meter's prior reads and the district's thresholds. No database here, so every rule is tested
 * with hand-computed numbers. Usage comes out as an exact HCF decimal string.
 */
import type { MeterUnit } from '../../../src-shared/contract/accounts';
import {
  READ_EXCEPTION_TYPES,
  type ReadExceptionSeverity,
  type ReadExceptionType,
  type ReadFinding,
  type ReadValidationSettings,
  type UsageBenchmark,
} from '../../../src-shared/contract/reads';
import { Big, hcfText, registerUnitsToHcf } from './decimal';

export const SEVERITY: Record<ReadExceptionType, ReadExceptionSeverity> = {
  no_read: 'critical',
  faulted_register: 'critical',
  negative_use: 'critical',
  over_capacity: 'critical',
  use_on_inactive: 'critical',
  very_high_usage: 'critical',
  high_usage: 'warning',
  low_usage: 'warning',
  zero_use: 'warning',
  rollover: 'info',
  repeated_use: 'warning',
  consecutive_estimates: 'warning',
  meter_changed: 'warning',
  leak_reported: 'warning',
};

const PRIORITY = new Map<ReadExceptionType, number>(READ_EXCEPTION_TYPES.map((type, index) => [type, index]));

/** The type an exception is listed under: the first of its findings in READ_EXCEPTION_TYPES order. */
export function primaryFinding(findings: readonly ReadFinding[]): ReadFinding {
  const [first, ...rest] = findings;
  if (!first) throw new Error('Invariant violated: an exception has at least one finding');
  return rest.reduce((best, finding) => ((PRIORITY.get(finding.type) ?? 99) < (PRIORITY.get(best.type) ?? 99) ? finding : best), first);
}

export interface MeterFacts {
  dials: number;
  multiplier: string;
  unit: MeterUnit;
  installedOn: string;
}

/** A prior read of the same meter, newest first in `history`. */
export interface HistoryRead {
  period: string;
  readDate: string;
  reading: string;
  usageHcf: string;
  estimated: boolean;
  /** An install (baseline) read: a reading to measure from, not a period's use. */
  baseline: boolean;
}

export interface ReadToValidate {
  /** In the meter's register units, exact. */
  reading: string;
  readDate: string;
  period: string;
  estimated: boolean;
  leakFlag: boolean;
  /** The file's multiplier when it states one that differs from the meter's. */
  fileMultiplier: string | null;
}

export interface ValidationResult {
  usageHcf: string;
  rolledOver: boolean;
  findings: ReadFinding[];
  priorHcf: string | null;
  lastYearHcf: string | null;
  averageHcf: string | null;
  expectedLowHcf: string | null;
  expectedHighHcf: string | null;
}

/** "2026-11" minus 12 months → "2025-11". */
export function periodMinusMonths(period: string, months: number): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function finding(type: ReadExceptionType, message: string, basis: UsageBenchmark | null = null, benchmark: Big | null = null, deviation: number | null = null): ReadFinding {
  return { type, severity: SEVERITY[type], basis, benchmarkHcf: benchmark ? hcfText(benchmark) : null, deviationPercent: deviation, message };
}

const BASIS_WORDS: Record<'prior' | 'last_year' | 'average', string> = {
  prior: 'last period',
  last_year: 'the same period last year',
  average: 'the average',
};

/** Usage and rollover from two readings: a reading below the prior one rolled over or was misread. */
export function usageBetween(prior: string, current: string, meter: MeterFacts): { units: Big; usageHcf: Big; rolledOver: boolean } {
  const delta = new Big(current).minus(prior);
  if (delta.gte(0)) return { units: delta, usageHcf: registerUnitsToHcf(delta, meter.unit, meter.multiplier), rolledOver: false };
  const capacity = new Big(10).pow(meter.dials);
  const units = capacity.minus(prior).plus(current);
  return { units, usageHcf: registerUnitsToHcf(units, meter.unit, meter.multiplier), rolledOver: true };
}

/** Average usage of up to `count` reads (newest first), or null with none. */
function averageOf(reads: readonly HistoryRead[], count: number): Big | null {
  const used = reads.slice(0, count);
  if (used.length === 0) return null;
  let total = new Big(0);
  for (const read of used) total = total.plus(read.usageHcf);
  return total.div(used.length);
}

/** Whole-percent deviation of `value` from `benchmark` (benchmark > 0), half-up. */
function deviationPercent(value: Big, benchmark: Big): number {
  return Number(value.minus(benchmark).times(100).div(benchmark).round(0, Big.roundHalfUp).toFixed(0));
}

export function validateRead(
  read: ReadToValidate,
  meter: MeterFacts,
  accountActive: boolean,
  /** Prior reads of this meter, newest first, all before read.period. */
  history: readonly HistoryRead[],
  settings: ReadValidationSettings,
): ValidationResult {
  const findings: ReadFinding[] = [];
  const prior = history[0] ?? null;
  const usable = history.filter((item) => !item.baseline && !item.usageHcf.startsWith('-'));
  const priorHcf = prior && !prior.baseline && !prior.usageHcf.startsWith('-') ? new Big(prior.usageHcf) : null;
  const lastYearPeriod = periodMinusMonths(read.period, 12);
  const lastYear = usable.find((item) => item.period === lastYearPeriod) ?? null;
  const lastYearHcf = lastYear ? new Big(lastYear.usageHcf) : null;
  const averageHcf = averageOf(usable, settings.averagePeriods);
  const capacity = new Big(10).pow(meter.dials);
  const capacityHcf = registerUnitsToHcf(capacity, meter.unit, meter.multiplier);
  const capacityLimitHcf = capacityHcf.times(settings.capacityPercent).div(100);

  let usage = new Big(0);
  let rolledOver = false;
  if (!prior) {
    findings.push(finding('meter_changed', 'First read of this meter: there is no prior reading to measure use from; check the install reading'));
  } else {
    const between = usageBetween(prior.reading, read.reading, meter);
    if (between.rolledOver) {
      const tooMuchForAverage = averageHcf !== null && averageHcf.gt(0) && between.usageHcf.gt(averageHcf.times(settings.rolloverAverageFactor));
      if (tooMuchForAverage || between.usageHcf.gt(capacityLimitHcf)) {
        usage = registerUnitsToHcf(new Big(read.reading).minus(prior.reading), meter.unit, meter.multiplier);
        findings.push(
          finding(
            'negative_use',
            `Reading ${read.reading} is below last period's ${prior.reading}: a rollover would mean ${hcfText(between.usageHcf)} HCF, far more than this meter uses — probably a misread`,
            'prior',
          ),
        );
      } else {
        usage = between.usageHcf;
        rolledOver = true;
        findings.push(finding('rollover', `The register rolled over past ${capacity.minus(1).toFixed()}: use is ${hcfText(usage)} HCF`, 'capacity', capacityHcf));
      }
    } else {
      usage = between.usageHcf;
    }
  }

  if (new Big(read.reading).gte(capacity)) {
    findings.push(finding('over_capacity', `Reading ${read.reading} has more digits than this ${meter.dials}-dial register shows: a misread or the wrong meter`, 'capacity', capacityHcf));
  } else if (usage.gt(capacityLimitHcf)) {
    findings.push(
      finding('over_capacity', `Use of ${hcfText(usage)} HCF is more than ${settings.capacityPercent}% of what this ${meter.dials}-dial register can count`, 'capacity', capacityHcf),
    );
  }
  if (!accountActive && usage.gt(0)) {
    findings.push(finding('use_on_inactive', `${hcfText(usage)} HCF used on a closed account: someone may be using water without an account`));
  }
  if (accountActive && settings.flagZeroUse && prior && usage.eq(0)) {
    findings.push(finding('zero_use', 'No use this period on an active account: check for a stopped meter or a vacant home'));
  }

  // High / low against each benchmark that is on and large enough to compare with.
  const minimum = new Big(settings.minimumBenchmarkHcf);
  const benchmarks: ['prior' | 'last_year' | 'average', Big | null, boolean][] = [
    ['prior', priorHcf, settings.compareWithPrior],
    ['last_year', lastYearHcf, settings.compareWithLastYear],
    ['average', averageHcf, settings.compareWithAverage],
  ];
  if (prior && !findings.some((item) => item.type === 'negative_use')) {
    for (const [basis, benchmark, enabled] of benchmarks) {
      if (!enabled || benchmark === null || benchmark.lt(minimum) || benchmark.eq(0)) continue;
      const deviation = deviationPercent(usage, benchmark);
      const words = `${hcfText(usage)} HCF against ${hcfText(benchmark)} HCF ${BASIS_WORDS[basis]}`;
      if (deviation > settings.veryHighPercent) findings.push(finding('very_high_usage', `Very high: ${words} (+${deviation}%)`, basis, benchmark, deviation));
      else if (deviation > settings.highPercent) findings.push(finding('high_usage', `High: ${words} (+${deviation}%)`, basis, benchmark, deviation));
      else if (deviation < -settings.lowPercent) findings.push(finding('low_usage', `Low: ${words} (${deviation}%)`, basis, benchmark, deviation));
    }
  }

  // The same non-zero use period after period: a reader copying the last figure, or a stuck estimate.
  const repeatNeeded = settings.repeatedUsePeriods - 1;
  const recent = history.slice(0, repeatNeeded);
  if (prior && usage.gt(0) && recent.length === repeatNeeded && recent.every((item) => !item.baseline && new Big(item.usageHcf).eq(usage))) {
    findings.push(finding('repeated_use', `The same use (${hcfText(usage)} HCF) ${settings.repeatedUsePeriods} periods in a row: check the reading is real`, 'history'));
  }
  if (read.estimated) {
    let run = 1;
    for (const item of history) {
      if (!item.estimated) break;
      run += 1;
    }
    if (run > settings.maxConsecutiveEstimates) {
      findings.push(finding('consecutive_estimates', `${run} estimates in a row (more than ${settings.maxConsecutiveEstimates}): the meter needs an actual read`, 'history'));
    }
  }
  if (prior && meter.installedOn > prior.readDate) {
    findings.push(finding('meter_changed', `Meter installed ${meter.installedOn}, after the prior read of ${prior.readDate}: check the exchange readings`));
  }
  if (read.fileMultiplier !== null && !new Big(read.fileMultiplier).eq(meter.multiplier)) {
    findings.push(finding('meter_changed', `The file gives multiplier ${read.fileMultiplier}; the meter record has ${meter.multiplier}: check the register`));
  }
  if (read.leakFlag) findings.push(finding('leak_reported', 'The meter endpoint reports a leak (continuous flow)'));

  const expectedBase = averageHcf ?? priorHcf;
  return {
    usageHcf: usage.toFixed(),
    rolledOver,
    findings,
    priorHcf: priorHcf ? hcfText(priorHcf) : null,
    lastYearHcf: lastYearHcf ? hcfText(lastYearHcf) : null,
    averageHcf: averageHcf ? hcfText(averageHcf) : null,
    expectedLowHcf: expectedBase ? hcfText(expectedBase.times(100 - settings.lowPercent).div(100)) : null,
    expectedHighHcf: expectedBase ? hcfText(expectedBase.times(100 + settings.highPercent).div(100)) : null,
  };
}
