/**
 * The charges of one account service over the days it was served in a period, one line per
 * schedule segment: water (service charge by meter size, tiered usage, minimum), wastewater (flat
 * per dwelling unit or on the winter average, minimum) and private fire service (by line size).
 *
 * Proration rules (README.md): a monthly charge is × days/periodDays for the part it covers; usage
 * across a rate change is split by the days each schedule was in effect, and so are that part's
 * tier widths; a first or final bill prorates monthly charges only, never the tiers.
 */
import type { BillLine, RevenueGlCode } from '../../../src-shared/contract/rates';
import { roundToCents } from '../../../src-shared/money';
import { OfficeError } from '../errors';
import { GL } from '../ledger/chart';
import { scheduleLabel, type PreparedSchedule, type PreparedWastewaterClass, type ScheduleSegment } from './book';
import { Big, ZERO, formatCentsText, hcfShare } from './decimal';
import { finishLine, formatRate, monthShare, plain, prorate, prorationPrefix, term, type BillContext, type LineFields } from './lines';
import { chargeTiers, scaledBounds, tierLabel, type DayShare } from './tiers';
import type { ServiceFacts } from './types';

/** One account service and the days of the period it was served. */
export interface ServedService {
  facts: ServiceFacts;
  /** Position in the input's services, for messages ("services[1].meterSize"). */
  index: number;
  fromDay: number;
  toDay: number;
  days: number;
  segments: readonly ScheduleSegment[];
}

const RATE_CLASS_LABELS = { residential: 'residential', multi_family: 'multi-family', commercial: 'commercial', irrigation: 'irrigation' } as const;
const segmentDays = (segment: ScheduleSegment) => segment.toDay - segment.fromDay;
const field = (served: ServedService, name: string) => `services[${served.index}].${name}`;
/** A rate the account needs that the schedule lacks: what is missing and the two ways out. */
const missingRate = (schedule: PreparedSchedule, what: string, at: string) =>
  new OfficeError('INVALID_INPUT', `${scheduleLabel(schedule)} has no ${what}: add it to the schedule, or correct the account's service`, at);
const unitsText = (units: number) => `${units} ${units === 1 ? 'unit' : 'units'}`;

function fieldsFor(served: ServedService, segment: ScheduleSegment, kind: LineFields['kind'], glCode: RevenueGlCode, description: string): LineFields {
  return {
    kind,
    service: served.facts.service,
    serviceId: served.facts.serviceId ?? null,
    rateClass: served.facts.rateClass,
    description,
    glCode,
    fromDay: segment.fromDay,
    toDay: segment.toDay,
    schedule: segment.schedule,
  };
}

/** A fixed monthly charge for one segment, prorated when it covers less than the period. */
function monthlyLine(context: BillContext, fields: LineFields, monthly: Big, head: string, terms: ReturnType<typeof term>[]): BillLine {
  const days = fields.toDay - fields.fromDay;
  const proration = monthShare(context, days);
  const sentence = (amountText: string) =>
    proration === null ? `${head}: ${formatRate(monthly)} a month` : `${head}: ${prorationPrefix(proration)}${formatRate(monthly)} = ${amountText}`;
  return finishLine(context, fields, prorate(monthly, proration), { terms, proration, usageSplit: null, sentence });
}

// ---------------------------------------------------------------------------------------------
// Water

function waterClassOf(served: ServedService, schedule: PreparedSchedule) {
  const rates = schedule.water.get(served.facts.rateClass);
  if (!rates) throw missingRate(schedule, `water rates for the ${served.facts.rateClass} class`, field(served, 'rateClass'));
  return rates;
}

function serviceChargeLine(context: BillContext, served: ServedService, segment: ScheduleSegment): BillLine {
  const size = served.facts.meterSize!;
  const monthly = segment.schedule.serviceCharge.get(size);
  if (!monthly) throw missingRate(segment.schedule, `water service charge for a ${size}" meter`, field(served, 'meterSize'));
  const fields = fieldsFor(served, segment, 'service_charge', GL.waterRevenue, `Water service charge, ${size}" meter`);
  return monthlyLine(context, fields, monthly, `${size}" meter`, [term(`Service charge, ${size}" meter`, new Big(1), 'month', monthly)]);
}

/**
 * The usage of each segment: cut by cumulative days and rounded to HCF precision at each cut, so
 * the parts add up to the metered usage exactly.
 */
export function splitUsage(usageHcf: Big, segments: readonly ScheduleSegment[], servedDays: number): Big[] {
  let cumulativeDays = 0;
  let previous = ZERO;
  return segments.map((segment) => {
    cumulativeDays += segmentDays(segment);
    const boundary = cumulativeDays === servedDays ? usageHcf : hcfShare(usageHcf, cumulativeDays, servedDays);
    const part = boundary.minus(previous);
    previous = boundary;
    return part;
  });
}

function usageLine(context: BillContext, served: ServedService, segment: ScheduleSegment, partHcf: Big, wholeHcf: Big): BillLine {
  const rates = waterClassOf(served, segment.schedule);
  const units = rates.tierWidthsPerDwellingUnit ? (served.facts.dwellingUnits ?? 1) : 1;
  const days = segmentDays(segment);
  const share: DayShare | null = served.segments.length === 1 ? null : { days, ofDays: served.days, daysBefore: segment.fromDay - served.fromDay };
  const portions = chargeTiers(partHcf, rates.tiers, scaledBounds(rates.tiers, units, share));
  const exact = portions.reduce((sum, portion) => sum.plus(portion.amount), ZERO);
  const notes = [...(units === 1 ? [] : [`tiers × ${units} dwelling units`]), ...(share ? [`tiers × ${days}/${served.days}`] : [])];
  const head = `${share ? `${days}/${served.days} of ${plain(wholeHcf)} HCF = ` : ''}${plain(partHcf)} HCF${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
  const arithmetic = portions.map((portion) => `${plain(portion.quantityHcf)} × ${formatRate(portion.ratePerHcf)}`).join(' + ');
  const estimatedNote = context.estimated ? ' (estimated read)' : '';
  const fields: LineFields = {
    ...fieldsFor(served, segment, 'usage', GL.waterRevenue, `Water use, ${RATE_CLASS_LABELS[served.facts.rateClass]}`),
    estimated: context.estimated,
  };
  return finishLine(context, fields, exact, {
    terms: portions.map((portion) => term(tierLabel(portion), portion.quantityHcf, 'HCF', portion.ratePerHcf, portion.amount)),
    proration: null,
    usageSplit: share ? { wholeUsageHcf: plain(wholeHcf), days, servedDays: served.days } : null,
    sentence: (amountText) => (portions.length === 0 ? `${head}: no usage charge${estimatedNote}` : `${head}: ${arithmetic} = ${amountText}${estimatedNote}`),
  });
}

export function waterLines(context: BillContext, served: ServedService, usageHcf: Big): BillLine[] {
  const charges = served.segments.map((segment) => serviceChargeLine(context, served, segment));
  const parts = splitUsage(usageHcf, served.segments, served.days);
  const uses = served.segments.map((segment, index) => usageLine(context, served, segment, parts[index]!, usageHcf));
  const lines = [...charges, ...uses];
  const minimum = minimumLine(context, served, lines, GL.waterRevenue, 'Water', (schedule) => waterClassOf(served, schedule).monthlyMinimum);
  return minimum ? [...lines, minimum] : lines;
}

// ---------------------------------------------------------------------------------------------
// Minimum charge

/**
 * When a service's lines come to less than its minimum for the days served (each schedule's
 * monthly minimum × days/periodDays, rounded once), a line makes up the difference.
 */
function minimumLine(
  context: BillContext,
  served: ServedService,
  charged: readonly BillLine[],
  glCode: RevenueGlCode,
  serviceLabel: string,
  minimumOf: (schedule: PreparedSchedule) => Big | null,
): BillLine | null {
  let exact = ZERO;
  const parts: string[] = [];
  let first: ScheduleSegment | null = null;
  for (const segment of served.segments) {
    const monthly = minimumOf(segment.schedule);
    if (monthly === null) continue;
    first ??= segment;
    const proration = monthShare(context, segmentDays(segment));
    exact = exact.plus(prorate(monthly, proration));
    parts.push(`${prorationPrefix(proration)}${formatRate(monthly)}`);
  }
  if (first === null) return null;
  const minimumCents: number = roundToCents(exact.times(100), context.rounding);
  const chargedCents = charged.reduce((sum, line) => sum + line.amountCents, 0);
  if (chargedCents >= minimumCents) return null;
  const minimumDollars = new Big(minimumCents).div(100);
  const chargedDollars = new Big(chargedCents).div(100);
  const minimumText = parts.length === 1 && served.days === context.periodDays && served.segments.length === 1 ? `${parts[0]} a month` : `${parts.join(' + ')} = ${formatCentsText(minimumCents)}`;
  const fields: LineFields = {
    ...fieldsFor(served, first, 'minimum', glCode, `${serviceLabel} minimum charge`),
    fromDay: served.fromDay,
    toDay: served.toDay,
  };
  return finishLine(context, fields, minimumDollars.minus(chargedDollars), {
    terms: [term('Minimum for the days served', new Big(1), 'dollars', minimumDollars), term('Less the charges above', new Big(-1), 'dollars', chargedDollars)],
    proration: null,
    usageSplit: null,
    sentence: (amountText) => `Minimum ${minimumText}, less charges of ${formatCentsText(chargedCents)} = ${amountText}`,
  });
}

// ---------------------------------------------------------------------------------------------
// Wastewater

function wastewaterClassOf(served: ServedService, schedule: PreparedSchedule): PreparedWastewaterClass {
  const rates = schedule.wastewater.get(served.facts.rateClass);
  if (!rates) throw missingRate(schedule, `wastewater rates for the ${served.facts.rateClass} class`, field(served, 'rateClass'));
  return rates;
}

function flatWastewaterLine(context: BillContext, served: ServedService, segment: ScheduleSegment, rates: PreparedWastewaterClass): BillLine {
  const perUnit = rates.monthlyChargePerUnit;
  if (perUnit === null) {
    throw missingRate(segment.schedule, `flat wastewater charge for the ${served.facts.rateClass} class`, field(served, 'wastewaterMethod'));
  }
  const units = served.facts.dwellingUnits ?? 1;
  const monthly = perUnit.times(units);
  const proration = monthShare(context, segmentDays(segment));
  const fields = fieldsFor(served, segment, 'wastewater', GL.wastewaterRevenue, `Wastewater, ${RATE_CLASS_LABELS[served.facts.rateClass]} (flat per dwelling unit)`);
  return finishLine(context, fields, prorate(monthly, proration), {
    terms: [term('Per dwelling unit (or EDU)', new Big(units), 'dwelling unit', perUnit)],
    proration,
    usageSplit: null,
    sentence: (amountText) => `${prorationPrefix(proration)}${unitsText(units)} × ${formatRate(perUnit)} = ${amountText}`,
  });
}

function winterAverageLine(context: BillContext, served: ServedService, segment: ScheduleSegment, rates: PreparedWastewaterClass, winterHcf: Big): BillLine {
  const winter = rates.winterAverage;
  if (winter === null) {
    throw missingRate(segment.schedule, `winter-average wastewater rates for the ${served.facts.rateClass} class`, field(served, 'wastewaterMethod'));
  }
  const capped = winter.capHcf !== null && winterHcf.gt(winter.capHcf);
  const billedHcf = capped ? winter.capHcf! : winterHcf;
  const monthly = winter.monthlyBaseCharge.plus(billedHcf.times(winter.ratePerHcf));
  const proration = monthShare(context, segmentDays(segment));
  const volume = capped ? `${plain(billedHcf)} HCF (winter average ${plain(winterHcf)} HCF, capped at ${plain(billedHcf)})` : `${plain(billedHcf)} HCF winter average`;
  const arithmetic = `${formatRate(winter.monthlyBaseCharge)} + ${volume} × ${formatRate(winter.ratePerHcf)}`;
  const fields = fieldsFor(served, segment, 'wastewater', GL.wastewaterRevenue, `Wastewater, ${RATE_CLASS_LABELS[served.facts.rateClass]} (winter average)`);
  return finishLine(context, fields, prorate(monthly, proration), {
    terms: [term('Base charge', new Big(1), 'month', winter.monthlyBaseCharge), term(capped ? 'Winter average, capped' : 'Winter average', billedHcf, 'HCF', winter.ratePerHcf)],
    proration,
    usageSplit: null,
    sentence: (amountText) => `${proration === null ? arithmetic : `${prorationPrefix(proration)}(${arithmetic})`} = ${amountText}`,
  });
}

export function wastewaterLines(context: BillContext, served: ServedService, winterAverageHcf: Big | null): BillLine[] {
  const lines = served.segments.map((segment) => {
    const rates = wastewaterClassOf(served, segment.schedule);
    const method = served.facts.wastewaterMethod ?? rates.method;
    if (method === 'flat_per_unit') return flatWastewaterLine(context, served, segment, rates);
    if (winterAverageHcf === null) {
      throw new OfficeError('INVALID_INPUT', 'Wastewater on the winter average needs the winter average use (winterAverageHcf)', 'winterAverageHcf');
    }
    return winterAverageLine(context, served, segment, rates, winterAverageHcf);
  });
  const minimum = minimumLine(context, served, lines, GL.wastewaterRevenue, 'Wastewater', (schedule) => wastewaterClassOf(served, schedule).monthlyMinimum);
  return minimum ? [...lines, minimum] : lines;
}

// ---------------------------------------------------------------------------------------------
// Private fire service

export function fireLines(context: BillContext, served: ServedService): BillLine[] {
  const inches = served.facts.fireLineSizeInches!;
  return served.segments.map((segment) => {
    const monthly = segment.schedule.fireByLineSize.get(inches);
    if (!monthly) throw missingRate(segment.schedule, `private fire charge for a ${inches}" line`, field(served, 'fireLineSizeInches'));
    const fields = fieldsFor(served, segment, 'fire_service', GL.fireServiceRevenue, `Private fire service, ${inches}" line`);
    return monthlyLine(context, fields, monthly, `${inches}" fire line`, [term(`Fire service, ${inches}" line`, new Big(1), 'month', monthly)]);
  });
}
