/**
 * One-off fees by code (account set-up, returned check, reconnection, late charge, door tag...)
 * from the schedule in effect on the day they are charged. Fees are never prorated.
 */
import type { BillLine } from '../../../src-shared/contract/rates';
import { ROUNDING_RULE, type RoundingRule } from '../../../src-shared/money';
import { OfficeError } from '../errors';
import { GL } from '../ledger/chart';
import { scheduleLabel, scheduleOn, type RateBook } from './book';
import { dayNumberOrNull } from './dates';
import { Big, formatCentsText } from './decimal';
import { finishLine, formatRate, term, type BillContext } from './lines';
import type { FeeRequest } from './types';

/** A base for a percentage fee: whole cents, at most a billion dollars. */
const MAX_BASE_CENTS = 100_000_000_000;

/** The fee line for `request` on `day`, in a bill context (its period frames the line's dates). */
export function feeLine(rates: RateBook, context: BillContext, request: FeeRequest, day: number, field: string): BillLine {
  const schedule = scheduleOn(rates, day, field);
  const fee = schedule.fees.get(request.code);
  if (!fee) throw new OfficeError('INVALID_INPUT', `${scheduleLabel(schedule)} has no fee with the code ${request.code}`, `${field}.code`);
  const fields = {
    kind: 'fee' as const,
    service: 'fee' as const,
    serviceId: null,
    rateClass: null,
    description: fee.description,
    glCode: GL.feeRevenue,
    fromDay: context.periodFromDay,
    toDay: context.periodToDay,
    schedule,
  };
  if (fee.kind === 'flat') {
    const amount = new Big(fee.amount);
    return finishLine(context, fields, amount, {
      terms: [term(fee.description, new Big(1), 'dollars', amount)],
      proration: null,
      usageSplit: null,
      sentence: () => `${fee.description}: ${formatRate(amount)}`,
    });
  }
  const base = request.baseCents;
  if (base === undefined || !Number.isSafeInteger(base) || base < 0 || base > MAX_BASE_CENTS) {
    throw new OfficeError('INVALID_INPUT', `${fee.description} is ${fee.percent}% of an amount: give that amount as whole cents (baseCents)`, `${field}.baseCents`);
  }
  const baseDollars = new Big(base).div(100);
  const percentAmount = baseDollars.times(fee.percent).div(100);
  const floor = fee.minimumAmount === undefined ? null : new Big(fee.minimumAmount);
  const useFloor = floor !== null && percentAmount.lt(floor);
  const exact = useFloor ? floor : percentAmount;
  const minimumNote = floor === null ? '' : useFloor ? `, below the minimum of ${formatRate(floor)}` : ` (minimum ${formatRate(floor)})`;
  return finishLine(context, fields, exact, {
    terms: useFloor ? [term(`Minimum ${fee.description.toLowerCase()}`, new Big(1), 'dollars', floor)] : [term(fee.description, baseDollars, 'dollars', new Big(fee.percent).div(100))],
    proration: null,
    usageSplit: null,
    sentence: (amountText) =>
      useFloor
        ? `${fee.percent}% of ${formatCentsText(base)} = ${formatRate(percentAmount)}${minimumNote}: ${amountText}`
        : `${fee.percent}% of ${formatCentsText(base)} = ${amountText}${minimumNote}`,
  });
}

/**
 * A fee charged on its own (not on a bill), on `date` "YYYY-MM-DD": a returned check, a door tag,
 * a late charge on `baseCents`. The line's dates are that one day.
 */
export function computeFee(rates: RateBook, request: FeeRequest & { date: string }, rounding: RoundingRule = ROUNDING_RULE): BillLine {
  const day = dayNumberOrNull(request.date);
  if (day === null) throw new OfficeError('INVALID_INPUT', `The fee's date "${request.date}" is not a date like 2026-07-01`, 'date');
  const context: BillContext = { periodFromDay: day, periodToDay: day + 1, periodDays: 1, rounding, estimated: false };
  return feeLine(rates, context, request, day, 'fee');
}
