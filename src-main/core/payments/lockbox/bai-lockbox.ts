/**
 * The BAI lockbox transmission format: fixed-width records of 80 characters, as lockbox banks
 * send remittance detail (layout, positions and checks: docs/formats/lockbox.md, "BAI lockbox").
 *
 * Records (the first character is the record type):
 *   1 immediate address header, 2 service record,
 *   5 detail header (opens a batch of a lockbox), 6 detail (one payment), 4 overflow (continues
 *   the 6 before it), 7 batch total, 8 detail (lockbox) total, 9 destination trailer.
 * Order: 1 2 (5 (6 4*)+ 7)+ 8 ... 9 — a lockbox is one or more batches, then its 8.
 *
 * Payments are the 6 records: amount in cents (two implied decimals), the check number, and the
 * remitter's district account number from the scan line (not the check's MICR account, which is
 * the payer's bank account); the deposit date is the batch header's. Checked: each 7 against its
 * batch's 6 records (count, total), each 8 against its lockbox (count, total), the 9 against the
 * file's records; batch, item and overflow sequence numbers. A file that ends before its 9 is
 * truncated.
 */
import { formatCents } from '../../../../src-shared/money';
import { ProblemList, shown } from '../../reads/formats/problems';
import { LOCKBOX_LIMITS } from './limits';
import { splitLines } from './text';
import type { LockboxItem } from './types';
import { accountNumber, bai2Date, checkNumber, impliedCentsPayment, type Checked } from './values';

/** Record length of the layout; shorter lines are read as if padded with spaces (trailing blanks are often stripped in transfer). */
export const BAI_LOCKBOX_RECORD_CHARS = 80;

/** A field: 1-based first position and length, as the layout in docs/formats/lockbox.md gives them. */
interface Field {
  name: string;
  from: number;
  length: number;
}
const field = (name: string, from: number, length: number): Field => ({ name, from, length });

/** The layout this reader implements (the doc's tables are this, position for position). */
export const BAI_LOCKBOX_LAYOUT = {
  header: { destination: field('immediate destination', 4, 10), origin: field('immediate origin', 14, 10), date: field('transmission date', 24, 6) },
  service: { recordSize: field('record size', 35, 3) },
  batchHeader: { batch: field('batch number', 2, 3), lockbox: field('lockbox number', 8, 7), date: field('deposit date', 15, 6) },
  detail: {
    batch: field('batch number', 2, 3),
    item: field('item number', 5, 3),
    amount: field('remittance amount', 8, 10),
    check: field('check number', 37, 10),
    account: field('remitter account (scan line)', 47, 20),
  },
  overflow: { batch: field('batch number', 2, 3), item: field('item number', 5, 3), type: field('overflow record type', 8, 1), sequence: field('overflow sequence number', 9, 2), last: field('overflow indicator', 11, 1) },
  batchTotal: { batch: field('batch number', 2, 3), lockbox: field('lockbox number', 8, 7), date: field('deposit date', 15, 6), count: field('number of payments', 21, 3), total: field('batch total', 24, 10) },
  lockboxTotal: { lockbox: field('lockbox number', 8, 7), date: field('deposit date', 15, 6), count: field('number of payments', 21, 4), total: field('lockbox total', 25, 10) },
  trailer: { records: field('number of records', 2, 6) },
} as const;
const L = BAI_LOCKBOX_LAYOUT;

const RECORD_NAMES: Record<string, string> = {
  '1': 'immediate address header (1)',
  '2': 'service record (2)',
  '5': 'detail header (5)',
  '6': 'detail (6)',
  '4': 'overflow (4)',
  '7': 'batch total (7)',
  '8': 'lockbox total (8)',
  '9': 'destination trailer (9)',
};
const RESEND = 'Ask the bank to send the file again.';

interface Rec {
  type: string;
  line: number;
  /** The line padded with spaces to 80 characters. */
  text: string;
  /** Characters written before the padding (trailing blanks not counted). */
  written: number;
}

interface Batch {
  line: number;
  batch: string;
  lockbox: string;
  date: string | null;
  payments: number;
  totalCents: number;
  /** Every amount in the batch could be read (else its total is not compared: the amount is already reported). */
  complete: boolean;
  lastItem: number;
  /**
   * The last 6 record, which 4 records may continue: `closed` once one is marked last (9 in
   * position 11); `morePromised` while the last one said more follow (0).
   */
  overflow: { item: string; nextSequence: number; closed: boolean; morePromised: boolean } | null;
}

interface Lockbox {
  line: number;
  lockbox: string;
  declaredPayments: number;
  declaredCents: number;
  payments: number;
  totalCents: number;
  complete: boolean;
}

interface State {
  headerSeen: boolean;
  serviceSeen: boolean;
  batch: Batch | null;
  lockbox: Lockbox | null;
  ended: boolean;
  records: number;
  items: LockboxItem[];
}

/** Stops reading after a structural fault: what follows would only repeat it. */
class Stop extends Error {}

export function parseBaiLockbox(text: string, problems: ProblemList): { items: LockboxItem[]; notes: string[] } {
  const state: State = { headerSeen: false, serviceSeen: false, batch: null, lockbox: null, ended: false, records: 0, items: [] };
  const { lines, endsWithLineBreak } = splitLines(text);
  const records = recordsOf(lines, problems);
  try {
    if (records === null) throw new Stop();
    const last = records.at(-1);
    for (const record of records) {
      if (problems.full) throw new Stop();
      if (record === last && !state.ended) readLastRecord(state, record, endsWithLineBreak, problems);
      else readRecord(state, record, problems);
    }
    if (records.length > 0 && !state.ended) {
      problems.at((last as Rec).line, undefined, `the file ends here, after record ${(last as Rec).type}, without its trailer records (${missingTrailers(state).join(', ')}): it is truncated. Ask the bank to send the whole file again.`);
    }
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  }
  return { items: state.items, notes: [] };
}

/** The non-blank lines as records; a line longer than 80 characters, or of no known type, stops the reading. */
function recordsOf(lines: readonly string[], problems: ProblemList): Rec[] | null {
  const records: Rec[] = [];
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const content = raw.trimEnd();
    if (content === '') continue;
    if (content.length > BAI_LOCKBOX_RECORD_CHARS) {
      problems.at(line, undefined, `the record is ${content.length} characters long; BAI lockbox records are ${BAI_LOCKBOX_RECORD_CHARS}. Is this a BAI lockbox file?`);
      return null;
    }
    const type = content[0] as string;
    if (!(type in RECORD_NAMES)) {
      problems.at(line, 'record type (position 1)', `${shown(content.slice(0, 12))} is not a BAI lockbox record (1, 2, 5, 6, 4, 7, 8 or 9 in position 1). Is this a BAI lockbox file?`);
      return null;
    }
    records.push({ type, line, text: content.padEnd(BAI_LOCKBOX_RECORD_CHARS, ' '), written: content.length });
  }
  return records;
}

/**
 * The file's last record. Not the trailer: the file was cut; if the record reads with problems,
 * or the file stops without a line break, the cut is inside it, and that (not the cut field) is
 * what is reported. The trailer itself was cut when the file stops before the end of its record
 * count (a whole count that is wrong is reported as wrong).
 */
function readLastRecord(state: State, record: Rec, endsWithLineBreak: boolean, problems: ProblemList): void {
  const missing = record.type === '9' ? [] : missingTrailers(state, record.type);
  const scratch = new ProblemList(LOCKBOX_LIMITS.maxProblems);
  try {
    readRecord(state, record, scratch);
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  }
  const countEnd = L.trailer.records.from + L.trailer.records.length - 1;
  const cut = record.type === '9' ? !endsWithLineBreak && record.written < countEnd : scratch.count > 0 || !endsWithLineBreak;
  if (!cut) {
    for (const problem of scratch.items) problems.add(problem.line, problem.field, problem.message);
    if (scratch.count > 0) throw new Stop();
    return;
  }
  const trailers = missing.length > 0 ? `; its trailer records (${missing.join(', ')}) are missing` : '';
  problems.at(record.line, undefined, `the file ends in the middle of record ${record.type} on line ${record.line}${trailers}: it is truncated. Ask the bank to send the whole file again.`);
  throw new Stop();
}

/** The trailers that never came: the batch's 7, the lockbox's 8, the file's 9. */
function missingTrailers(state: State, cutType?: string): string[] {
  const batchOpen = state.batch !== null || cutType === '5' || cutType === '6' || cutType === '4' || cutType === '7';
  const lockboxOpen = batchOpen || state.lockbox !== null || cutType === '8';
  return [...(batchOpen ? ['7'] : []), ...(lockboxOpen ? ['8'] : []), '9'];
}

function readRecord(state: State, record: Rec, problems: ProblemList): void {
  if (state.ended) outOfPlace(record, 'after the destination trailer (9): the file must end there', problems);
  if (!state.headerSeen && record.type !== '1') outOfPlace(record, 'before the immediate address header: a BAI lockbox file starts with a 1 record', problems);
  state.records += 1;
  switch (record.type) {
    case '1':
      if (state.headerSeen) outOfPlace(record, 'a second time: a file has one 1 record', problems);
      return readHeader(state, record, problems);
    case '2':
      if (state.serviceSeen) outOfPlace(record, 'a second time: a file has one service record', problems);
      return readService(state, record, problems);
    case '5':
      if (!state.serviceSeen) outOfPlace(record, 'before the service record (2)', problems);
      if (state.batch) outOfPlace(record, `inside the batch that starts on line ${state.batch.line}, which has not ended with a batch total (7)`, problems);
      return openBatch(state, record, problems);
    case '6':
      if (!state.batch) outOfPlace(record, 'outside a batch: a detail (6) must follow a detail header (5)', problems);
      return readDetail(state, record, problems);
    case '4':
      if (!state.batch?.overflow || state.batch.overflow.closed) outOfPlace(record, 'without a detail (6) to continue, or after the overflow marked last (9 in position 11)', problems);
      return readOverflow(state, record, problems);
    case '7':
      if (!state.batch) outOfPlace(record, 'without a detail header (5) before it', problems);
      return closeBatch(state, record, problems);
    case '8':
      if (state.batch) outOfPlace(record, `inside the batch that starts on line ${state.batch.line}, which has not ended with a batch total (7)`, problems);
      if (!state.lockbox) outOfPlace(record, 'without a batch before it', problems);
      return closeLockbox(state, record, problems);
    case '9':
      if (state.batch || state.lockbox) outOfPlace(record, `inside the lockbox that starts on line ${(state.lockbox as Lockbox).line}, which has not ended with a lockbox total (8)`, problems);
      if (!state.serviceSeen) outOfPlace(record, 'before the service record (2)', problems);
      return closeFile(state, record, problems);
  }
}

const payments = (count: number) => `${count} payment${count === 1 ? '' : 's'}`;

function outOfPlace(record: Rec, where: string, problems: ProblemList): never {
  problems.at(record.line, 'record type (position 1)', `this ${RECORD_NAMES[record.type]} comes ${where}. The records are out of order or missing; ${RESEND.toLowerCase()}`);
  throw new Stop();
}

// ---------------------------------------------------------------------------------------------
// Fields

function raw(record: Rec, at: Field): string {
  return record.text.slice(at.from - 1, at.from - 1 + at.length);
}

function fieldName(at: Field): string {
  return at.length === 1 ? `${at.name} (position ${at.from})` : `${at.name} (positions ${at.from}-${at.from + at.length - 1})`;
}

function take<T>(checked: Checked<T>, record: Rec, at: Field, problems: ProblemList): T | null {
  if (checked.ok) return checked.value;
  problems.at(record.line, fieldName(at), checked.problem);
  return null;
}

/** A zero-padded number filling its field: "007". */
function digits(record: Rec, at: Field, problems: ProblemList): number | null {
  const value = raw(record, at);
  if (/^\d+$/.test(value)) return Number(value);
  problems.at(record.line, fieldName(at), `${shown(value)} is not ${at.length} digits (numbers are zero-padded, like ${'1'.padStart(at.length, '0')}).`);
  return null;
}

/** An amount in cents filling its field, zero-padded: "0000012659" is $126.59. */
function cents(record: Rec, at: Field, problems: ProblemList): number | null {
  const value = raw(record, at);
  if (/^\d+$/.test(value)) return Number(value);
  problems.at(record.line, fieldName(at), `${shown(value)} is not an amount: ${at.length} digits of whole cents, zero-padded (0000012659 is $126.59).`);
  return null;
}

/** The same value as the header's field (batch number, lockbox number, deposit date). */
function sameAs(record: Rec, at: Field, expected: string, header: string, problems: ProblemList): void {
  const value = raw(record, at).trim();
  if (value !== expected.trim()) problems.at(record.line, fieldName(at), `${shown(value)} is not ${shown(expected.trim())}, the ${at.name} of ${header}. ${RESEND}`);
}

// ---------------------------------------------------------------------------------------------
// Records

function readHeader(state: State, record: Rec, problems: ProblemList): void {
  state.headerSeen = true;
  take(bai2Date(raw(record, L.header.date)), record, L.header.date, problems);
}

function readService(state: State, record: Rec, problems: ProblemList): void {
  state.serviceSeen = true;
  const size = raw(record, L.service.recordSize).trim();
  if (size !== '' && size !== '080') problems.at(record.line, fieldName(L.service.recordSize), `${shown(size)}: this import reads 80-character records (080). Ask the bank for the 80-character BAI lockbox layout.`);
}

function openBatch(state: State, record: Rec, problems: ProblemList): void {
  const batch = raw(record, L.batchHeader.batch);
  digits(record, L.batchHeader.batch, problems);
  const lockbox = raw(record, L.batchHeader.lockbox);
  if (!/^[A-Za-z0-9]+ *$/.test(lockbox)) problems.at(record.line, fieldName(L.batchHeader.lockbox), `${shown(lockbox)} is not a lockbox number (letters and digits).`);
  const date = take(bai2Date(raw(record, L.batchHeader.date)), record, L.batchHeader.date, problems);
  if (state.lockbox && state.lockbox.lockbox.trim() !== lockbox.trim()) {
    problems.at(record.line, fieldName(L.batchHeader.lockbox), `${shown(lockbox.trim())} is another lockbox than ${shown(state.lockbox.lockbox.trim())}, whose batches start on line ${state.lockbox.line}: that lockbox has not ended with a lockbox total (8). ${RESEND}`);
    throw new Stop();
  }
  state.lockbox ??= { line: record.line, lockbox, declaredPayments: 0, declaredCents: 0, payments: 0, totalCents: 0, complete: true };
  state.batch = { line: record.line, batch, lockbox, date, payments: 0, totalCents: 0, complete: true, lastItem: 0, overflow: null };
}

function readDetail(state: State, record: Rec, problems: ProblemList): void {
  const batch = state.batch as Batch;
  if (batch.overflow?.morePromised) {
    problems.at(record.line, 'record type (position 1)', `a detail (6) comes where the overflow of item ${batch.overflow.item} continues (its last overflow said more follow, 0 in position 11). A record is missing; ${RESEND.toLowerCase()}`);
  }
  sameAs(record, L.detail.batch, batch.batch, `the batch header on line ${batch.line}`, problems);
  const item = digits(record, L.detail.item, problems);
  if (item !== null && item !== batch.lastItem + 1) {
    problems.at(record.line, fieldName(L.detail.item), `item ${item} comes after item ${batch.lastItem}; items are numbered 1, 2, 3… in each batch, so one is missing or repeated. ${RESEND}`);
  }
  batch.lastItem = item ?? batch.lastItem + 1;
  batch.payments += 1;
  batch.overflow = { item: raw(record, L.detail.item), nextSequence: 1, closed: false, morePromised: false };
  const amountCents = take(impliedCentsPayment(raw(record, L.detail.amount)), record, L.detail.amount, problems);
  if (amountCents === null) batch.complete = false;
  else batch.totalCents += amountCents;
  const account = take(accountNumber(raw(record, L.detail.account)), record, L.detail.account, problems);
  const check = take(checkNumber(raw(record, L.detail.check)), record, L.detail.check, problems);
  if (state.items.length >= LOCKBOX_LIMITS.maxItems) {
    problems.at(record.line, undefined, `the file has more than ${LOCKBOX_LIMITS.maxItems.toLocaleString('en-US')} payments, the most one import takes.`);
    throw new Stop();
  }
  if (amountCents === null || account === null || (check === null && raw(record, L.detail.check).trim() !== '') || batch.date === null) return;
  state.items.push({
    line: record.line,
    accountNumber: account,
    amountCents,
    checkNumber: check,
    depositDate: batch.date,
    // Where the bank can find the item: lockbox, batch and item number.
    bankReference: `${batch.lockbox.trim()}-${batch.batch}-${raw(record, L.detail.item)}`,
  });
}

function readOverflow(state: State, record: Rec, problems: ProblemList): void {
  const batch = state.batch as Batch;
  const overflow = batch.overflow as NonNullable<Batch['overflow']>;
  sameAs(record, L.overflow.batch, batch.batch, `the batch header on line ${batch.line}`, problems);
  sameAs(record, L.overflow.item, overflow.item, 'the detail (6) it continues', problems);
  if (raw(record, L.overflow.type) !== '6') problems.at(record.line, fieldName(L.overflow.type), `${shown(raw(record, L.overflow.type))}: an overflow continues a detail, so this is 6.`);
  const sequence = digits(record, L.overflow.sequence, problems);
  if (sequence !== null && sequence !== overflow.nextSequence) {
    problems.at(record.line, fieldName(L.overflow.sequence), `overflow ${sequence} of item ${overflow.item.trim()} comes where ${overflow.nextSequence} belongs; one is missing or repeated. ${RESEND}`);
  }
  overflow.nextSequence += 1;
  const last = raw(record, L.overflow.last);
  if (last !== '0' && last !== '9') problems.at(record.line, fieldName(L.overflow.last), `${shown(last)}: the overflow indicator is 9 on an item's last overflow record, else 0.`);
  overflow.closed = last !== '0';
  overflow.morePromised = last === '0';
}

function closeBatch(state: State, record: Rec, problems: ProblemList): void {
  const batch = state.batch as Batch;
  const lockbox = state.lockbox as Lockbox;
  if (batch.overflow?.morePromised) {
    problems.at(record.line, 'record type (position 1)', `the batch total comes where the overflow of item ${batch.overflow.item} continues (its last overflow said more follow, 0 in position 11). A record is missing; ${RESEND.toLowerCase()}`);
  }
  const header = `the batch header on line ${batch.line}`;
  sameAs(record, L.batchTotal.batch, batch.batch, header, problems);
  sameAs(record, L.batchTotal.lockbox, batch.lockbox, header, problems);
  const count = digits(record, L.batchTotal.count, problems);
  if (count !== null && count !== batch.payments) {
    problems.at(record.line, fieldName(L.batchTotal.count), `the batch total counts ${payments(count)} but batch ${batch.batch} has ${batch.payments} detail (6) record${batch.payments === 1 ? '' : 's'}. Records are missing or extra; ${RESEND.toLowerCase()}`);
  }
  const total = cents(record, L.batchTotal.total, problems);
  if (total !== null && batch.complete && total !== batch.totalCents) {
    problems.at(record.line, fieldName(L.batchTotal.total), `the batch total is ${formatCents(total)} but batch ${batch.batch}'s payments add up to ${formatCents(batch.totalCents)}. ${RESEND}`);
  }
  lockbox.payments += batch.payments;
  lockbox.totalCents += batch.totalCents;
  lockbox.complete &&= batch.complete;
  // What the 7 declares, so a mistake already reported here is not reported again at the 8.
  lockbox.declaredPayments += count ?? batch.payments;
  lockbox.declaredCents += total ?? batch.totalCents;
  state.batch = null;
}

function closeLockbox(state: State, record: Rec, problems: ProblemList): void {
  const lockbox = state.lockbox as Lockbox;
  sameAs(record, L.lockboxTotal.lockbox, lockbox.lockbox, `its batches (from line ${lockbox.line})`, problems);
  const count = digits(record, L.lockboxTotal.count, problems);
  if (count !== null && count !== lockbox.payments && count !== lockbox.declaredPayments) {
    problems.at(record.line, fieldName(L.lockboxTotal.count), `the lockbox total counts ${payments(count)} but lockbox ${lockbox.lockbox.trim()} has ${lockbox.payments}. Records are missing or extra; ${RESEND.toLowerCase()}`);
  }
  const total = cents(record, L.lockboxTotal.total, problems);
  if (total !== null && lockbox.complete && total !== lockbox.totalCents && total !== lockbox.declaredCents) {
    problems.at(record.line, fieldName(L.lockboxTotal.total), `the lockbox total is ${formatCents(total)} but lockbox ${lockbox.lockbox.trim()}'s payments add up to ${formatCents(lockbox.totalCents)}. ${RESEND}`);
  }
  state.lockbox = null;
}

function closeFile(state: State, record: Rec, problems: ProblemList): void {
  const declared = digits(record, L.trailer.records, problems);
  if (declared !== null && declared !== state.records) {
    problems.at(record.line, fieldName(L.trailer.records), `the trailer says ${declared} records but the file has ${state.records} (1 to 9, overflow records included). Records are missing or extra; ${RESEND.toLowerCase()}`);
  }
  state.ended = true;
}
