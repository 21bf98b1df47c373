/**
 * A Sensus CMEP crosswalk as the office keeps it: a small CSV, one "CMEP meter id,meter serial"
 * per line (a header line is allowed), turned into the map reads.preview / reads.import take.
 * One rule for the import page and the CLI's --crosswalk file.
 */
import { MAX_CROSSWALK_ENTRIES } from './contract/reads';

/** The contract's limits on one entry (readFileProfile's crosswalk). */
const MAX_ID_LENGTH = 60;
const MAX_SERIAL_LENGTH = 30;

export interface CrosswalkProblem {
  /** 1-based line of the crosswalk text. */
  line: number;
  message: string;
}

export type ParsedCrosswalk =
  | { ok: true; entries: Record<string, string>; count: number; sample: [string, string] | null }
  | { ok: false; problem: CrosswalkProblem };

/** "SPS:177-2231,SNS-1005"; a tab or semicolon works as the comma (spreadsheets save those). */
const splitLine = (line: string) => line.split(/[,;\t]/).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1').trim());

const NOT_A_PAIR = 'expected "meter id,meter serial" (two fields)';

function checkPair(fields: string[]): string | null {
  const [id, serial] = fields;
  if (fields.length !== 2 || !id || !serial) return NOT_A_PAIR;
  if (id.length > MAX_ID_LENGTH) return `the meter id is longer than ${MAX_ID_LENGTH} characters`;
  if (serial.length > MAX_SERIAL_LENGTH) return `the meter serial is longer than ${MAX_SERIAL_LENGTH} characters`;
  return null;
}

/** Looks like "meter id,serial" column names rather than a mapping. */
const isHeader = (fields: string[]) => fields.length === 2 && /(^|\b)(id|meter|cmep|endpoint)/i.test(fields[0] ?? '') && /serial/i.test(fields[1] ?? '');

/** The crosswalk in `text`, or its first problem with its line. Blank lines are skipped. */
export function parseCrosswalk(text: string): ParsedCrosswalk {
  const map = new Map<string, { serial: string; line: number }>();
  const lines = text.split(/\r?\n/);
  const headerLine = lines.findIndex((line) => line.trim() !== '') + 1;
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    if (raw.trim() === '') continue;
    const fields = splitLine(raw);
    const problem = checkPair(fields);
    // The first line may name the columns: in words we know, or not as a pair at all.
    if (line === headerLine && (problem === NOT_A_PAIR || isHeader(fields))) continue;
    if (problem) return { ok: false, problem: { line, message: problem } };
    const [id, serial] = fields as [string, string];
    const earlier = map.get(id);
    if (earlier && earlier.serial !== serial) {
      return { ok: false, problem: { line, message: `meter id ${id} is already mapped to ${earlier.serial} on line ${earlier.line}` } };
    }
    map.set(id, { serial, line });
    if (map.size > MAX_CROSSWALK_ENTRIES) return { ok: false, problem: { line, message: `a crosswalk has at most ${MAX_CROSSWALK_ENTRIES.toLocaleString('en-US')} entries` } };
  }
  const entries = Object.fromEntries([...map].map(([id, { serial }]) => [id, serial]));
  const first = map.entries().next();
  return { ok: true, entries, count: map.size, sample: first.done ? null : [first.value[0], first.value[1].serial] };
}

