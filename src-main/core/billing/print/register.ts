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

const cache = new WeakMap<PrintRecord, RegisterFigures>();

export function registerFigures(record: PrintRecord): RegisterFigures {
  let figures = cache.get(record);
  if (!figures) {
    figures = compute(record);
    cache.set(record, figures);
  }
  return figures;
}

const DECIMAL = /^\d+(?:\.\d+)?$/;

function compute(record: PrintRecord): RegisterFigures {
  const register = record.register;
  const none = { unitsUsed: null, rolledOver: false, usageFromRegister: false };
  if (!register) return { unit: null, multiplier: null, dials: null, ...none };
  const base = { unit: register.unit, multiplier: register.multiplier, dials: register.dials };
  const { reading, priorReading } = record;
  if (!record.sameMeter || reading === null || priorReading === null || !DECIMAL.test(reading.trim()) || !DECIMAL.test(priorReading.trim())) return { ...base, ...none };
  const delta = new Big(reading.trim()).minus(priorReading.trim());
  const rolledOver = delta.lt(0);
  const unitsUsed = rolledOver ? delta.plus(new Big(10).pow(register.dials)) : delta;
  return { ...base, unitsUsed: unitsUsed.toFixed(), rolledOver, usageFromRegister: inHcf(unitsUsed, register)?.eq(record.usageHcf) ?? false };
}

function inHcf(units: Big, register: { unit: MeterUnit; multiplier: string }): Big | null {
  try {
    return toHcf(units.toFixed(), register.unit, register.multiplier);
  } catch {
    return null; // a value beyond the converter's range: the vendor is told not to check
  }
}
