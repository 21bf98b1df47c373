/**
 * Building read files for the demo district from its own data: the route export of an unread
 * cycle says which meters need a read, their last reading and the range a normal reading falls
 * in; the tests turn that into a Badger BEACON file with a few abnormal reads.
 */
import { expect, type APIRequestContext } from '@playwright/test';
import { callOperation } from './support';

export interface RouteRow {
  route: string;
  sequence: number;
  account: string;
  customer: string;
  meterSerial: string;
  dials: number;
  unit: string;
  multiplier: string;
  priorReading: string;
  low: string;
  high: string;
}

/** RFC 4180 fields of one CSV line (quotes doubled inside quoted fields). */
export function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

export function parseRouteExport(csv: string): RouteRow[] {
  const [header = '', ...lines] = csv.split(/\r?\n/).filter((line) => line.trim() !== '');
  const names = csvFields(header);
  const at = (fields: string[], name: string) => fields[names.indexOf(name)] ?? '';
  return lines.map((line) => {
    const fields = csvFields(line);
    return {
      route: at(fields, 'Route'),
      sequence: Number(at(fields, 'Sequence')),
      account: at(fields, 'Account'),
      customer: at(fields, 'Customer'),
      meterSerial: at(fields, 'Meter_Serial'),
      dials: Number(at(fields, 'Dials')),
      unit: at(fields, 'Unit'),
      multiplier: at(fields, 'Multiplier'),
      priorReading: at(fields, 'Prior_Reading'),
      low: at(fields, 'Expected_Low_Reading'),
      high: at(fields, 'Expected_High_Reading'),
    };
  });
}

const pad = (value: number) => String(value).padStart(2, '0');
export const todayIso = (now = new Date()) => `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
const nextMonth = (period: string) => {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01` : `${year}-${pad(month + 1)}`;
};

/**
 * A cycle and period with active meters and no read yet: this month, or else one of the next
 * `monthsAhead` months (a test that comes after another on the same cycle looks further).
 */
export async function unreadCycle(request: APIRequestContext, token: string, cycle: number, monthsAhead = 1): Promise<{ cycle: number; period: string; activeMeters: number }> {
  const periods = [todayIso().slice(0, 7)];
  while (periods.length <= monthsAhead) periods.push(nextMonth(periods.at(-1)!));
  for (const period of periods) {
    const status = await callOperation(request, 'reads.cycleStatus', { cycle, period }, token);
    expect(status.ok, JSON.stringify(status.error)).toBe(true);
    const value = status.value as { activeMeters: number; readMeters: number };
    if (value.activeMeters > 0 && value.readMeters === 0) return { cycle, period, activeMeters: value.activeMeters };
  }
  throw new Error(`Cycle ${cycle} has no unread period in ${periods.join(', ')}`);
}

export async function routeRows(request: APIRequestContext, token: string, cycle: number, period: string): Promise<RouteRow[]> {
  const exported = await callOperation(request, 'reads.routeExport', { cycle, period }, token);
  expect(exported.ok, JSON.stringify(exported.error)).toBe(true);
  return parseRouteExport((exported.value as { csv: string }).csv);
}

const BADGER_UNITS: Record<string, string> = { HCF: 'CCF', CF: 'CF', GAL: 'GAL', KGAL: 'KGAL' };

/** A reading `steps` of the register past the prior one, kept within the dials (rolls over). */
function readingPlus(row: RouteRow, add: number): string {
  const capacity = 10 ** row.dials;
  return String((Math.round(Number(row.priorReading)) + Math.round(add)) % capacity);
}

export interface PlannedRead {
  row: RouteRow;
  reading: string;
  kind: 'normal' | 'high' | 'zero';
}

/** The reading in the middle of the range the office expects (a normal read). */
export function middleReading(row: RouteRow): string {
  const middle = (Number(row.low) + Number(row.high)) / 2;
  return readingPlus(row, middle - Number(row.priorReading));
}

/**
 * One read per meter with an expected range: in the middle of it, except the first such meter
 * reads far above it (very high use) and the second reads its prior reading again (zero use).
 */
export function planReads(rows: readonly RouteRow[]): PlannedRead[] {
  const usable = rows.filter((row) => row.priorReading !== '' && row.low !== '' && row.high !== '' && Number(row.high) > Number(row.low));
  return usable.map((row, index) => {
    const prior = Number(row.priorReading);
    const span = Number(row.high) - prior;
    if (index === 0) return { row, reading: readingPlus(row, Math.max(span * 6, 50)), kind: 'high' };
    if (index === 1) return { row, reading: row.priorReading, kind: 'zero' };
    return { row, reading: middleReading(row), kind: 'normal' };
  });
}

export function badgerFile(reads: readonly PlannedRead[], readDate: string): string {
  const lines = ['Account_ID,Meter_ID,Read,Read_Unit,Read_Time,Estimated_Flag,Current_Leak_Rate'];
  for (const { row, reading } of reads) {
    lines.push([row.account, row.meterSerial, reading, BADGER_UNITS[row.unit] ?? row.unit, `${readDate} 07:15:00`, 'N', '0'].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
