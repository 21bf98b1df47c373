/**
 * The meter register behind a bill's usage, for the vendor's check "current − previous = units
 * used": the register's unit, multiplier and dials, the readings exactly as read, and the
 * difference in register units (a register that passed its last dial adds 10^dials). Whether that
 * difference, times the multiplier and converted to HCF by the reads' one rule (formats/units.ts:
 * 4 places, half-up), is the usage billed — it is not after a meter exchange inside the period or
 * a usage set by hand, and then the vendor is told not to check.
 */
import Big from 'big.js';
import type { MeterUnit } from '../../../../src-shared/contract/accounts';
import { toHcf } from '../../reads/formats/units';
import type { PrintRecord } from './records';

export interface RegisterFigures {
  unit: MeterUnit | null;
  multiplier: string | null;
  dials: number | null;
  /** Current − previous reading in register units (+ 10^dials when the register rolled over); null when it means nothing. */
  unitsUsed: string | null;
  rolledOver: boolean;
  /** unitsUsed × multiplier in HCF (4 places, half-up) is exactly the billed usage. */
  usageFromRegister: boolean;
}

/** The last record's figures: fields are written record by record, so one entry serves them all. */
let last: { record: PrintRecord; figures: RegisterFigures } | null = null;

export function registerFigures(record: PrintRecord): RegisterFigures {
  if (last?.record !== record) last = { record, figures: compute(record) };
  return last.figures;
}

const DECIMAL = /^\d+(?:\.\d+)?$/;

function compute(record: PrintRecord): RegisterFigures {
  const register = record.register;
  if (!register) return { unit: null, multiplier: null, dials: null, unitsUsed: null, rolledOver: false, usageFromRegister: false };
  const reading = record.reading?.trim() ?? '';
  const priorReading = record.priorReading?.trim() ?? '';
  if (!record.sameMeter || !DECIMAL.test(reading) || !DECIMAL.test(priorReading)) {
    return { unit: register.unit, multiplier: register.multiplier, dials: register.dials, unitsUsed: null, rolledOver: false, usageFromRegister: false };
  }
  const { unitsUsed, rolledOver } = difference(priorReading, reading, register.dials);
  return { unit: register.unit, multiplier: register.multiplier, dials: register.dials, unitsUsed, rolledOver, usageFromRegister: matchesUsage(unitsUsed, register, record.usageHcf) };
}

/** current − previous in register units, + 10^dials when the register passed its last dial. Integers for whole readings. */
function difference(prior: string, current: string, dials: number): { unitsUsed: string; rolledOver: boolean } {
  if (WHOLE.test(prior) && WHOLE.test(current)) {
    const delta = BigInt(current) - BigInt(prior);
    return delta < 0n ? { unitsUsed: (delta + 10n ** BigInt(dials)).toString(), rolledOver: true } : { unitsUsed: delta.toString(), rolledOver: false };
  }
  const delta = new Big(current).minus(prior);
  return delta.lt(0) ? { unitsUsed: delta.plus(new Big(10).pow(dials)).toFixed(), rolledOver: true } : { unitsUsed: delta.toFixed(), rolledOver: false };
}

const WHOLE = /^\d{1,12}$/;
/** Ten-thousandths of an HCF per whole register unit, for the registers that convert exactly (CF, HCF). */
const EXACT_TEN_THOUSANDTHS: Partial<Record<MeterUnit, bigint>> = { HCF: 10_000n, CF: 100n };

/**
 * Whether `unitsUsed` register units are the usage billed. Whole units on a CF or HCF register with
 * a whole multiplier (nearly every meter) convert exactly in integers; anything else goes through
 * the reads' converter.
 */
function matchesUsage(text: string, register: { unit: MeterUnit; multiplier: string }, usageHcf: string): boolean {
  const perUnit = EXACT_TEN_THOUSANDTHS[register.unit];
  const usage = /^(\d+)(?:\.(\d{1,4}))?$/.exec(usageHcf.trim());
  if (perUnit !== undefined && usage && WHOLE.test(text) && WHOLE.test(register.multiplier)) {
    const billed = BigInt(usage[1]!) * 10_000n + BigInt((usage[2] ?? '').padEnd(4, '0'));
    return BigInt(text) * BigInt(register.multiplier) * perUnit === billed;
  }
  return inHcf(new Big(text), register)?.eq(usageHcf) ?? false;
}

function inHcf(units: Big, register: { unit: MeterUnit; multiplier: string }): Big | null {
  try {
    return toHcf(units.toFixed(), register.unit, register.multiplier);
  } catch {
    return null; // a value beyond the converter's range: the vendor is told not to check
  }
}
