/**
 * computeBill: one account's bill for one period, from its service facts, its usage and the rate
 * book. Pure (no database, no clock): the same input gives the same lines, so a draft run, the
 * rate editor's sample bills and a reprint all agree. Each line is rounded once to cents by the
 * named rule; the total is the sum of the lines.
 */
import { METER_SIZES, RATE_CLASSES, SERVICE_KINDS } from '../../../src-shared/contract/accounts';
import { WASTEWATER_METHODS, type BillLine, type ComputedBill } from '../../../src-shared/contract/rates';
import { ROUNDING_RULE } from '../../../src-shared/money';
import { OfficeError } from '../errors';
import { segmentsOf } from './book';
import { fireLines, wastewaterLines, waterLines, type ServedService } from './charges';
import { dayNumberOrNull } from './dates';
import { Big, formatCentsText, plain } from './decimal';
import { feeLine } from './fees';
import type { BillContext } from './lines';
import type { BillInput, ServiceFacts } from './types';

/** A bill covers at most a quarter; anything longer is missed usage that needs a person. */
export const MAX_PERIOD_DAYS = 92;
export const MAX_SERVICES_PER_BILL = 20;
export const MAX_FEES_PER_BILL = 20;
const MAX_DWELLING_UNITS = 9999;
const HCF_TEXT = /^\d{1,7}(\.\d{1,4})?$/;

const invalid = (message: string, field: string) => new OfficeError('INVALID_INPUT', message, field);

function dayOf(date: string | undefined, field: string): number {
  const day = date === undefined ? null : dayNumberOrNull(date);
  if (day === null) throw invalid(`${field} must be a date like 2026-07-01, not ${JSON.stringify(date)}`, field);
  return day;
}

function hcfOf(text: string | undefined, field: string): Big {
  if (typeof text !== 'string' || !HCF_TEXT.test(text)) {
    throw invalid(`${field} must be HCF as a decimal string with at most 4 places, like "13" or "12.5", not ${JSON.stringify(text)}`, field);
  }
  return new Big(text);
}

/** Refuses facts that could not be billed, naming the field (services[1].meterSize). */
function checkFacts(facts: ServiceFacts, index: number): void {
  const at = (name: string) => `services[${index}].${name}`;
  if (!(SERVICE_KINDS as readonly string[]).includes(facts.service)) throw invalid(`Unknown service ${JSON.stringify(facts.service)}`, at('service'));
  if (!(RATE_CLASSES as readonly string[]).includes(facts.rateClass)) throw invalid(`Unknown rate class ${JSON.stringify(facts.rateClass)}`, at('rateClass'));
  const units = facts.dwellingUnits ?? 1;
  if (!Number.isInteger(units) || units < 1 || units > MAX_DWELLING_UNITS) throw invalid(`Dwelling units are a whole number from 1 to ${MAX_DWELLING_UNITS}`, at('dwellingUnits'));
  if (facts.service === 'water' && !(METER_SIZES as readonly string[]).includes(facts.meterSize ?? '')) {
    throw invalid(`A water service needs its meter's size (one of ${METER_SIZES.join(', ')})`, at('meterSize'));
  }
  if (facts.service === 'private_fire' && !(Number.isInteger(facts.fireLineSizeInches) && facts.fireLineSizeInches! >= 1 && facts.fireLineSizeInches! <= 12)) {
    throw invalid('A private fire service needs its line size in whole inches (1 to 12)', at('fireLineSizeInches'));
  }
  if (facts.wastewaterMethod !== undefined && !(WASTEWATER_METHODS as readonly string[]).includes(facts.wastewaterMethod)) {
    throw invalid(`Wastewater method is one of ${WASTEWATER_METHODS.join(', ')}`, at('wastewaterMethod'));
  }
}

/** The days of the period a service was served, cut at each rate change; null when none. */
function servedIn(input: BillInput, facts: ServiceFacts, index: number, fromDay: number, toDay: number): ServedService | null {
  const startDay = facts.startedOn === undefined ? fromDay : Math.max(fromDay, dayOf(facts.startedOn, `services[${index}].startedOn`));
  const endDay = facts.endedOn === undefined ? toDay : Math.min(toDay, dayOf(facts.endedOn, `services[${index}].endedOn`));
  if (endDay <= startDay) return null;
  const segments = segmentsOf(input.rates, startDay, endDay, 'period');
  return { facts, index, fromDay: startDay, toDay: endDay, days: endDay - startDay, segments };
}

function checkShape(input: BillInput, fromDay: number, toDay: number): void {
  const days = toDay - fromDay;
  if (days < 1) throw invalid(`The period must end after it starts (${input.period.fromDate} to ${input.period.toDate})`, 'period.toDate');
  if (days > MAX_PERIOD_DAYS) throw invalid(`A bill covers at most ${MAX_PERIOD_DAYS} days; this period has ${days}`, 'period.toDate');
  if (!Array.isArray(input.services) || input.services.length === 0) throw invalid('A bill needs at least one service', 'services');
  if (input.services.length > MAX_SERVICES_PER_BILL) throw invalid(`A bill has at most ${MAX_SERVICES_PER_BILL} services`, 'services');
  if ((input.fees?.length ?? 0) > MAX_FEES_PER_BILL) throw invalid(`A bill has at most ${MAX_FEES_PER_BILL} fees`, 'fees');
  input.services.forEach(checkFacts);
  for (const kind of ['water', 'wastewater'] as const) {
    const count = input.services.filter((facts) => facts.service === kind).length;
    if (count > 1) throw invalid(`A bill covers one metered ${kind} service; bill each meter on its own bill`, 'services');
  }
}

function linesOf(context: BillContext, served: ServedService, usageHcf: Big, winterAverageHcf: Big | null): BillLine[] {
  switch (served.facts.service) {
    case 'water':
      return waterLines(context, served, usageHcf);
    case 'wastewater':
      return wastewaterLines(context, served, winterAverageHcf);
    case 'private_fire':
      return fireLines(context, served);
  }
}

/** The bill of one account for one period. Throws OfficeError naming the input field at fault. */
export function computeBill(input: BillInput): ComputedBill {
  const fromDay = dayOf(input.period?.fromDate, 'period.fromDate');
  const toDay = dayOf(input.period?.toDate, 'period.toDate');
  checkShape(input, fromDay, toDay);
  const usageHcf = hcfOf(input.usageHcf, 'usageHcf');
  const winterAverageHcf = input.winterAverageHcf === undefined ? null : hcfOf(input.winterAverageHcf, 'winterAverageHcf');
  const estimated = input.estimated ?? false;
  const rounding = input.rounding ?? ROUNDING_RULE;
  const context: BillContext = { periodFromDay: fromDay, periodToDay: toDay, periodDays: toDay - fromDay, rounding, estimated };

  const served = input.services.map((facts, index) => servedIn(input, facts, index, fromDay, toDay));
  const water = served.find((entry) => entry?.facts.service === 'water');
  if (usageHcf.gt(0) && !water) throw invalid('There is usage but no water service served in the period to bill it on', 'usageHcf');
  const lines = served.flatMap((entry) => (entry ? linesOf(context, entry, usageHcf, winterAverageHcf) : []));
  (input.fees ?? []).forEach((request, index) => lines.push(feeLine(input.rates, context, request, toDay - 1, `fees[${index}]`)));

  const totalCents = lines.reduce((sum, line) => sum + line.amountCents, 0);
  return {
    fromDate: input.period.fromDate,
    toDate: input.period.toDate,
    periodDays: context.periodDays,
    usageHcf: plain(usageHcf),
    estimated,
    lines,
    totalCents,
    rounding,
    summary: `Total ${formatCentsText(totalCents)}${lines.length > 1 ? ` = ${lines.map((line) => formatCentsText(line.amountCents)).join(' + ')}` : ''}`,
  };
}
