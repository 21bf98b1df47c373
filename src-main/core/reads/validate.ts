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
import { Big, registerUnitsToHcf } from './decimal';
import { UNITS_PER_HCF, divideHalfUp, formatHcfUnits, hundredthsText, parseHcfUnits } from './fixed';

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

/** A meter's past as the checks need it (see history.ts for how it is loaded in bulk). */
export interface HistorySummary {
  /**
   * The newest reads before the period, newest first, whatever their dates: recentCount(settings)
   * of them (history.ts), fewer only when the meter has fewer — repeated use and estimates in a row
   * look at reads in sequence, so a meter read 2, 5 and 9 months ago has those three in a row.
   */
  recent: HistoryRead[];
  /** Sum (ten-thousandths of an HCF) and count of usable reads dated in the N months before the period. */
  averageSum: number;
  averageCount: number;
  /** Use read in the same month last year (ten-thousandths), when read (the larger, if read twice). */
  lastYearUnits: number | null;
}

const usable = (item: HistoryRead) => !item.baseline && item.usageHcf.charCodeAt(0) !== 45;

/** The summary of a full history list (newest first, all before `period`), as history.ts loads it in bulk. */
export function summarizeHistory(history: readonly HistoryRead[], period: string, settings: ReadValidationSettings): HistorySummary {
  const periodStart = `${period}-01`;
  const averageFrom = `${periodMinusMonths(period, settings.averagePeriods)}-01`;
  const lastYearFrom = `${periodMinusMonths(period, 12)}-01`;
  const lastYearTo = `${periodMinusMonths(period, 11)}-01`;
  let averageSum = 0;
  let averageCount = 0;
  let lastYearUnits: number | null = null;
  for (const item of history) {
    if (!usable(item) || item.readDate >= periodStart) continue;
    const units = parseHcfUnits(item.usageHcf);
    if (item.readDate >= averageFrom) {
      averageSum += units;
      averageCount += 1;
    }
    if (item.readDate >= lastYearFrom && item.readDate < lastYearTo && (lastYearUnits === null || units > lastYearUnits)) lastYearUnits = units;
  }
  const recent = history.slice(0, Math.max(settings.repeatedUsePeriods - 1, settings.maxConsecutiveEstimates, 1) + 1);
  return { recent, averageSum, averageCount, lastYearUnits };
}

export interface ReadToValidate {
  /** In the meter's register units, exact. */
  reading: string;
  readDate: string;
  period: string;
  estimated: boolean;
  leakFlag: boolean;
  /** The file's multiplier (a CMEP record's calculation constant), as written; null when the file states none. */
  fileMultiplier: string | null;
}

/**
 * The multiplier a read's use is measured with — the one rule for a file's calculation constant
 * (docs/formats/reads.md, "Calculation constant"):
 * - no constant, or a constant of 1 (what a head-end writes when it knows none): the meter's
 *   multiplier on file;
 * - a constant equal to the meter's multiplier: that multiplier (they agree);
 * - any other constant: the file's constant is applied, as the protocol says, and the read is a
 *   conflict for review (a meter_changed exception), so it is never billed without a look.
 */
export function measuringMultiplier(fileMultiplier: string | null, meterMultiplier: string): { multiplier: string; conflict: boolean } {
  if (fileMultiplier === null) return { multiplier: meterMultiplier, conflict: false };
  const constant = new Big(fileMultiplier);
  if (constant.eq(1) || constant.eq(meterMultiplier)) return { multiplier: meterMultiplier, conflict: false };
  return { multiplier: constant.toFixed(), conflict: true };
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

const WHOLE_READING = /^\d{1,15}$/;
const WHOLE_MULTIPLIER = /^\d{1,6}$/;

/**
 * The same as usageBetween, in ten-thousandths of an HCF: forward use, the use if the register
 * rolled over, and the (negative) use if it did not. Whole readings on CF/HCF registers with a
 * whole multiplier (nearly every meter) take an integer path; anything else goes through big.js.
 */
function usageUnitsBetween(prior: string, current: string, meter: MeterFacts): { forward: number; rollover: number } {
  if ((meter.unit === 'HCF' || meter.unit === 'CF') && WHOLE_READING.test(prior) && WHOLE_READING.test(current) && WHOLE_MULTIPLIER.test(meter.multiplier)) {
    const factor = (meter.unit === 'HCF' ? UNITS_PER_HCF : UNITS_PER_HCF / 100) * Number(meter.multiplier);
    const priorValue = Number(prior);
    const currentValue = Number(current);
    const forward = (currentValue - priorValue) * factor;
    const rollover = (10 ** meter.dials - priorValue + currentValue) * factor;
    if (Number.isSafeInteger(forward) && Number.isSafeInteger(rollover)) return { forward, rollover };
  }
  const forward = parseHcfUnits(registerUnitsToHcf(new Big(current).minus(prior), meter.unit, meter.multiplier).toFixed());
  const rollover = parseHcfUnits(registerUnitsToHcf(new Big(10).pow(meter.dials).minus(prior).plus(current), meter.unit, meter.multiplier).toFixed());
  return { forward, rollover };
}

/** What a register can count, in ten-thousandths of an HCF (a float only beyond 2^53, where comparing is all it is used for). */
const capacityCache = new Map<string, number>();
function capacityUnits(meter: MeterFacts): number {
  // Nearly every meter is a whole-multiplier HCF register: its capacity without building a key.
  if (meter.unit === 'HCF' && meter.multiplier === '1' && meter.dials <= 12) return 10 ** meter.dials * UNITS_PER_HCF;
  const key = `${meter.dials}|${meter.unit}|${meter.multiplier}`;
  let units = capacityCache.get(key);
  if (units === undefined) {
    units = Number(registerUnitsToHcf(new Big(10).pow(meter.dials), meter.unit, meter.multiplier).times(UNITS_PER_HCF).round(0, Big.roundDown).toFixed(0));
    capacityCache.set(key, units);
  }
  return units;
}

/** A benchmark as a fraction of ten-thousandths: numerator / denominator (an average is sum / count). */
interface Benchmark {
  numerator: number;
  denominator: number;
}

const benchmarkText = (benchmark: Benchmark) => hundredthsText(benchmark.numerator, benchmark.denominator);

/** Whole-percent deviation of `usage` from the benchmark (> 0), half away from zero. */
function deviationPercent(usage: number, benchmark: Benchmark): number {
  return divideHalfUp((usage * benchmark.denominator - benchmark.numerator) * 100, benchmark.numerator);
}

function finding(type: ReadExceptionType, message: string, basis: UsageBenchmark | null = null, benchmarkHcf: string | null = null, deviation: number | null = null): ReadFinding {
  return { type, severity: SEVERITY[type], basis, benchmarkHcf, deviationPercent: deviation, message };
}

/** validateRead over a full history list (tests, single reads). */
export function validateRead(
  read: ReadToValidate,
  meter: MeterFacts,
  accountActive: boolean,
  /** Prior reads of this meter, newest first, all before read.period. */
  history: readonly HistoryRead[],
  settings: ReadValidationSettings,
): ValidationResult {
  return validateWithSummary(read, meter, accountActive, summarizeHistory(history, read.period, settings), settings);
}

/**
 * Every check on one read. Average = the usable reads dated in the N months before the period (not
 * install baselines, not unresolved negative uses); benchmarks under the minimum are not compared.
 */
export function validateWithSummary(
  read: ReadToValidate,
  onFile: MeterFacts,
  accountActive: boolean,
  summary: HistorySummary,
  settings: ReadValidationSettings,
): ValidationResult {
  const findings: ReadFinding[] = [];
  const constant = measuringMultiplier(read.fileMultiplier, onFile.multiplier);
  // The meter as this read is measured: with the multiplier the rule chose.
  const meter = constant.conflict ? { ...onFile, multiplier: constant.multiplier } : onFile;
  const history = summary.recent;
  const prior = history[0] ?? null;
  const benchmarks = benchmarksOf(summary);
  const { prior: priorBenchmark, lastYear, average } = benchmarks;
  const capacity = capacityUnits(meter);
  const capacityLimit = (capacity * settings.capacityPercent) / 100;

  let usage = 0;
  let rolledOver = false;
  if (!prior) {
    findings.push(finding('meter_changed', 'First read of this meter: there is no prior reading to measure use from; check the install reading'));
  } else {
    const between = usageUnitsBetween(prior.reading, read.reading, meter);
    if (between.forward >= 0) {
      usage = between.forward;
    } else {
      // Rollover use above the factor × average, or above the capacity share, cannot be real: a misread.
      const tooMuchForAverage = average !== null && average.numerator > 0 && between.rollover * average.denominator > average.numerator * settings.rolloverAverageFactor;
      if (tooMuchForAverage || between.rollover > capacityLimit) {
        usage = between.forward;
        findings.push(
          finding(
            'negative_use',
            `Reading ${read.reading} is below last period's ${prior.reading}: a rollover would mean ${hundredthsText(between.rollover)} HCF, far more than this meter uses — probably a misread`,
            'prior',
          ),
        );
      } else {
        usage = between.rollover;
        rolledOver = true;
        findings.push(
          finding('rollover', `The register rolled over past ${'9'.repeat(meter.dials)}: use is ${hundredthsText(usage)} HCF`, 'capacity', hundredthsText(capacity)),
        );
      }
    }
  }

  if (read.reading.length > meter.dials && new Big(read.reading).gte(new Big(10).pow(meter.dials))) {
    findings.push(
      finding('over_capacity', `Reading ${read.reading} has more digits than this ${meter.dials}-dial register shows: a misread or the wrong meter`, 'capacity', hundredthsText(capacity)),
    );
  } else if (usage > capacityLimit) {
    findings.push(
      finding('over_capacity', `Use of ${hundredthsText(usage)} HCF is more than ${settings.capacityPercent}% of what this ${meter.dials}-dial register can count`, 'capacity', hundredthsText(capacity)),
    );
  }
  if (!accountActive && usage > 0) {
    findings.push(finding('use_on_inactive', `${hundredthsText(usage)} HCF used on a closed account: someone may be using water without an account`));
  }
  if (accountActive && settings.flagZeroUse && prior && usage === 0) {
    findings.push(finding('zero_use', 'No use this period on an active account: check for a stopped meter or a vacant home'));
  }

  // High / low: outside the expected range (the same range the worklist, chart and route file show).
  if (prior && !findings.some((item) => item.type === 'negative_use')) {
    const range = expectedRangeOf(benchmarks, settings);
    if (range) compareWithRange(findings, usage, range, settings);
  }

  // The same non-zero use period after period: a reader copying the last figure, or a stuck estimate.
  const repeatNeeded = settings.repeatedUsePeriods - 1;
  if (prior && usage > 0 && history.length >= repeatNeeded) {
    let same = true;
    for (let index = 0; index < repeatNeeded && same; index += 1) {
      const item = history[index] as HistoryRead;
      same = !item.baseline && parseHcfUnits(item.usageHcf) === usage;
    }
    if (same) {
      findings.push(finding('repeated_use', `The same use (${hundredthsText(usage)} HCF) ${settings.repeatedUsePeriods} periods in a row: check the reading is real`, 'history'));
    }
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
  if (constant.conflict) findings.push(constantConflict(read, onFile, prior, usage, rolledOver));
  if (read.leakFlag) findings.push(finding('leak_reported', 'The meter endpoint reports a leak (continuous flow)'));

  const figures = figuresOf(benchmarks, settings);
  return {
    usageHcf: formatHcfUnits(usage),
    rolledOver,
    findings,
    priorHcf: figures.priorHcf,
    lastYearHcf: figures.lastYearHcf,
    averageHcf: figures.averageHcf,
    expectedLowHcf: figures.expectedLowHcf,
    expectedHighHcf: figures.expectedHighHcf,
  };
}

/** The meter_changed finding of a file constant that is neither 1 nor the meter's multiplier on file. */
function constantConflict(read: ReadToValidate, onFile: MeterFacts, prior: HistoryRead | null, usage: number, rolledOver: boolean): ReadFinding {
  const constant = new Big(read.fileMultiplier as string).toFixed();
  let measured = '';
  if (prior) {
    // The same reading measured with the meter's own multiplier, so the reviewer sees both figures.
    const between = usageUnitsBetween(prior.reading, read.reading, onFile);
    const withOnFile = rolledOver ? between.rollover : between.forward;
    measured = `: ${hundredthsText(usage)} HCF (${hundredthsText(withOnFile)} HCF with the meter's ${onFile.multiplier})`;
  }
  return finding(
    'meter_changed',
    `The file's calculation constant is ${constant} but this meter's multiplier on file is ${onFile.multiplier}. Use is measured with the file's ${constant}${measured}. If the register really multiplies by ${constant}, change the meter's multiplier; otherwise correct this read`,
  );
}

type Basis = 'prior' | 'last_year' | 'average';

interface Compared {
  basis: Basis;
  benchmark: Benchmark;
}

/**
 * The expected range: the one definition of "expected" the checks, the worklist row, the chart
 * and the route file share. Each benchmark that is switched on and at least the minimum (prior
 * use, use a year ago, average) is a use the district accepts as normal; the range runs from the
 * lowest of them less `lowPercent` to the highest plus `highPercent`, in hundredths of an HCF
 * (half-up, as shown). A use shown inside it raises no high or low finding.
 */
export interface ExpectedRange {
  lowHundredths: number;
  highHundredths: number;
  lowest: Compared;
  highest: Compared;
}

/** Usage units (1/10,000 HCF) in a hundredth of an HCF, the precision the range is shown at. */
const UNITS_PER_HUNDREDTH = UNITS_PER_HCF / 100;

const valueOrder = (a: Compared, b: Compared) => a.benchmark.numerator * b.benchmark.denominator - b.benchmark.numerator * a.benchmark.denominator;

export function expectedRangeOf(benchmarks: ReturnType<typeof benchmarksOf>, settings: ReadValidationSettings): ExpectedRange | null {
  const minimum = parseHcfUnits(settings.minimumBenchmarkHcf);
  const candidates: [Basis, Benchmark | null, boolean][] = [
    ['prior', benchmarks.prior, settings.compareWithPrior],
    ['last_year', benchmarks.lastYear, settings.compareWithLastYear],
    ['average', benchmarks.average, settings.compareWithAverage],
  ];
  const compared = candidates
    .filter(([, benchmark, on]) => on && benchmark !== null && benchmark.numerator > 0 && benchmark.numerator >= minimum * benchmark.denominator)
    .map(([basis, benchmark]) => ({ basis, benchmark: benchmark as Benchmark }))
    .sort(valueOrder);
  const lowest = compared[0];
  const highest = compared.at(-1);
  if (!lowest || !highest) return null;
  return {
    lowHundredths: divideHalfUp(lowest.benchmark.numerator * (100 - settings.lowPercent), lowest.benchmark.denominator * 100 * UNITS_PER_HUNDREDTH),
    highHundredths: divideHalfUp(highest.benchmark.numerator * (100 + settings.highPercent), highest.benchmark.denominator * 100 * UNITS_PER_HUNDREDTH),
    lowest,
    highest,
  };
}

const rangeText = (range: ExpectedRange) => `${hundredthsText(range.lowHundredths * UNITS_PER_HUNDREDTH)}–${hundredthsText(range.highHundredths * UNITS_PER_HUNDREDTH)} HCF`;

/** A very high, high or low finding when the use, as shown, is outside the expected range. */
function compareWithRange(findings: ReadFinding[], usage: number, range: ExpectedRange, settings: ReadValidationSettings): void {
  const usageHundredths = divideHalfUp(usage, UNITS_PER_HUNDREDTH);
  if (usageHundredths >= range.lowHundredths && usageHundredths <= range.highHundredths) return;
  const { basis, benchmark } = usageHundredths > range.highHundredths ? range.highest : range.lowest;
  const deviation = deviationPercent(usage, benchmark);
  const shown = benchmarkText(benchmark);
  const words = `${hundredthsText(usage)} HCF against ${shown} HCF ${BASIS_WORDS[basis]}`;
  const expected = `expected ${rangeText(range)}`;
  if (usageHundredths < range.lowHundredths) findings.push(finding('low_usage', `Low: ${words} (${deviation}%; ${expected})`, basis, shown, deviation));
  else if (deviation > settings.veryHighPercent) findings.push(finding('very_high_usage', `Very high: ${words} (+${deviation}%; ${expected})`, basis, shown, deviation));
  else findings.push(finding('high_usage', `High: ${words} (+${deviation}%; ${expected})`, basis, shown, deviation));
}

/** The meter's prior use, use a year ago and average, from its history summary. */
function benchmarksOf(summary: HistorySummary): { prior: Benchmark | null; lastYear: Benchmark | null; average: Benchmark | null } {
  const prior = summary.recent[0] ?? null;
  return {
    prior: prior && usable(prior) ? { numerator: parseHcfUnits(prior.usageHcf), denominator: 1 } : null,
    lastYear: summary.lastYearUnits === null ? null : { numerator: summary.lastYearUnits, denominator: 1 },
    average: summary.averageCount > 0 ? { numerator: summary.averageSum, denominator: summary.averageCount } : null,
  };
}

export type BenchmarkFigures = Pick<ValidationResult, 'priorHcf' | 'lastYearHcf' | 'averageHcf' | 'expectedLowHcf' | 'expectedHighHcf'>;

/**
 * The figures a reviewer compares a read with, and the expected range (expectedRangeOf), in
 * hundredths of an HCF. A meter with no read this period has them too, so its chart, its
 * estimate and the route file have something to go by.
 */
export function benchmarkFigures(summary: HistorySummary, settings: ReadValidationSettings): BenchmarkFigures {
  return figuresOf(benchmarksOf(summary), settings);
}

/** The expected range of a meter from its history summary (route file, chart). */
export function expectedRangeFromSummary(summary: HistorySummary, settings: ReadValidationSettings): ExpectedRange | null {
  return expectedRangeOf(benchmarksOf(summary), settings);
}

function figuresOf(benchmarks: ReturnType<typeof benchmarksOf>, settings: ReadValidationSettings): BenchmarkFigures {
  const { prior, lastYear, average } = benchmarks;
  const range = expectedRangeOf(benchmarks, settings);
  return {
    priorHcf: prior ? benchmarkText(prior) : null,
    lastYearHcf: lastYear ? benchmarkText(lastYear) : null,
    averageHcf: average ? benchmarkText(average) : null,
    expectedLowHcf: range ? hundredthsText(range.lowHundredths * UNITS_PER_HUNDREDTH) : null,
    expectedHighHcf: range ? hundredthsText(range.highHundredths * UNITS_PER_HUNDREDTH) : null,
  };
}

export function uniqueTypes(findings: readonly ReadFinding[]): ReadExceptionType[] {
  return [...new Set(findings.map((item) => item.type))];
}

/** ",high_usage,repeated_use," — a type filter is then `types LIKE '%,high_usage,%'`. */
export const typesColumn = (types: readonly ReadExceptionType[]) => `,${types.join(',')},`;
