/**
 * BAI2 lockbox detail (BAI Cash Management Balance Reporting Specifications, version 2), as
 * documented in docs/formats/lockbox.md.
 *
 * Records: 01 file header, 02 group header, 03 account identifier, 16 transaction detail,
 * 88 continuation (continues the record before it), 49 account trailer, 98 group trailer,
 * 99 file trailer. Fields are comma-separated; "/" ends a record (a 16 record's text runs to
 * the end of the line, so only a final "/" is dropped there). An 88 continues the previous record
 * as if its fields followed a comma.
 *
 * Payments are the 16 records whose type code is an item code (default 116, "Item in Lockbox
 * Deposit"): amount in cents (two implied decimals), the customer reference is the check
 * number, the text's first word is the district account number, the bank reference is kept, and
 * the date is the group's as-of date. Other 16 records (115 "Lockbox Deposit" totals...) count in
 * the control totals but are not payments.
 *
 * Checked against the trailers, each at the lowest level where it shows (a parent is compared
 * with the totals its children declare, so one mistake is reported once):
 * - 49: the sum of the account's 03 and 16 amounts; the physical records from its 03 to its 49;
 * - 98: the sum of its 49 totals; the number of 03 records; 02 + its 49 record counts + 98;
 * - 99: the sum of its 98 totals; the number of 02 records; 01 + its 98 record counts + 99.
 * Continuation (88) records count as records. A file that ends before its 99 is truncated; one
 * that ends inside its last record is reported as cut there, never by the field the cut spoiled.
 */
import { textProblem } from '../../../../src-shared/contract/fields';
import { formatCents } from '../../../../src-shared/money';
import { ProblemList, shown } from '../../reads/formats/problems';
import { LOCKBOX_LIMITS } from './limits';
import { splitLines } from './text';
import type { Bai2FileHeader, LockboxItem } from './types';
import { accountNumber, bai2Date, checkNumber, impliedCentsPayment, signedImpliedCents, wholeCount, type Checked } from './values';

export interface Bai2Options {
  /** 16-record type codes that are payments (default ["116"]). */
  itemTypeCodes?: readonly string[];
  /** 16-record type codes that are the deposit's total, reported in a note (default ["115"]). */
  depositTypeCodes?: readonly string[];
}

/** Which 16 records are payments and which are deposit totals (the office's lockbox setting). */
interface TypeCodes {
  itemCodes: ReadonlySet<string>;
  depositCodes: ReadonlySet<string>;
}

export const BAI2_DEFAULT_ITEM_TYPE_CODES: readonly string[] = ['116'];
/** 115 "Lockbox Deposit": the deposit's total, reported in the notes. */
export const BAI2_LOCKBOX_DEPOSIT_TYPE_CODE = '115';
const RECORD_TYPES = new Set(['01', '02', '03', '16', '49', '88', '98', '99']);

/** One logical record: a physical record with its 88 continuations joined on. */
interface LogicalRecord {
  type: string;
  /** Line of the record's first physical line. */
  line: number;
  /** Fields after the record code. */
  fields: string[];
  /** Physical records it spans (1 + its continuations). */
  physical: number;
}

/**
 * What an envelope's children add up to, twice: as their trailers declare it and as their
 * records are. A parent trailer agreeing with either is not reported again: the child's own
 * trailer was already reported (as a wrong trailer, or as wrong records under it).
 */
interface Tally {
  declaredCents: bigint;
  computedCents: bigint;
  declaredRecords: number;
  computedRecords: number;
  /** False once an amount below could not be read: the computed sums are then unknown. */
  complete: boolean;
}

const emptyTally = (): Tally => ({ declaredCents: 0n, computedCents: 0n, declaredRecords: 0, computedRecords: 0, complete: true });

function addToTally(tally: Tally, declared: { cents: bigint | null; records: number | null }, computed: Omit<Tally, 'declaredCents' | 'declaredRecords'>): void {
  tally.declaredCents += declared.cents ?? computed.computedCents;
  tally.computedCents += computed.computedCents;
  tally.declaredRecords += declared.records ?? computed.computedRecords;
  tally.computedRecords += computed.computedRecords;
  tally.complete &&= computed.complete;
}

interface AccountState {
  line: number;
  accountNumber: string;
  records: number;
  sumCents: bigint;
  /** Every amount in the account could be read. */
  complete: boolean;
}

interface GroupState {
  line: number;
  asOfDate: string | null;
  records: number;
  accounts: number;
  children: Tally;
}

interface FileState {
  header: Bai2FileHeader | null;
  headerRecords: number;
  groups: number;
  children: Tally;
  account: AccountState | null;
  group: GroupState | null;
  ended: boolean;
  items: LockboxItem[];
  depositTotalCents: bigint;
  depositRecords: number;
  otherDetailRecords: number;
}

export interface Bai2Result {
  items: LockboxItem[];
  header: Bai2FileHeader | null;
  notes: string[];
}

/** Stops reading after a structural fault: what follows would only repeat it. */
class Stop extends Error {}

export function parseBai2(text: string, problems: ProblemList, options: Bai2Options = {}): Bai2Result {
  const itemCodes = new Set(options.itemTypeCodes ?? BAI2_DEFAULT_ITEM_TYPE_CODES);
  const depositCodes = new Set(options.depositTypeCodes ?? [BAI2_LOCKBOX_DEPOSIT_TYPE_CODE]);
  const state: FileState = {
    header: null,
    headerRecords: 0,
    groups: 0,
    children: emptyTally(),
    account: null,
    group: null,
    ended: false,
    items: [],
    depositTotalCents: 0n,
    depositRecords: 0,
    otherDetailRecords: 0,
  };
  const codes = { itemCodes, depositCodes };
  try {
    const { records, tail } = logicalRecords(text, problems);
    const last = records.at(-1);
    for (const record of records) {
      if (problems.full) throw new Stop();
      if (record === last && !state.ended && tail.mayBeCut(record)) readLastRecord(state, record, tail, codes, problems);
      else readRecord(state, record, codes, problems);
    }
    if (tail.fragmentLine !== null) refuseCut(state, null, tail.fragmentLine, problems);
    else if (!state.ended) refuseTruncated(state, tail.lastLine, problems);
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  }
  return { items: state.items, header: state.header, notes: notesOf(state, codes) };
}

/**
 * The file's last record, when nothing after it shows it whole (no file trailer follows it, or it
 * is a 99 without its "/" at the very end of the file): if it does not read cleanly, or the file
 * stops without a line break before the record's closing "/", the file was cut in the middle of
 * it, and that, not the cut field, is the problem.
 */
function readLastRecord(state: FileState, record: LogicalRecord, tail: FileTail, codes: TypeCodes, problems: ProblemList): void {
  const before = { account: state.account !== null, group: state.group !== null };
  const scratch = new ProblemList(LOCKBOX_LIMITS.maxProblems);
  try {
    readRecord(state, record, codes, scratch);
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  }
  if (scratch.count === 0 && !tail.unterminated) return;
  refuseCut(state, { record, before }, tail.lastLine, problems);
  throw new Stop();
}

// ---------------------------------------------------------------------------------------------
// Physical lines → logical records

/** Where the file ends, to tell a file cut short from one that is merely wrong. */
interface FileTail {
  /** Line of the file's last record (its last physical line). */
  lastLine: number;
  /** A last line too short to be any record (a cut inside the record code), when there is one. */
  fragmentLine: number | null;
  /** The file ends without a line break and its last record without its closing "/". */
  unterminated: boolean;
  /** True when the last record may be incomplete: no 99 ends the file, or the 99 itself lacks its end. */
  mayBeCut(record: LogicalRecord): boolean;
}

function logicalRecords(text: string, problems: ProblemList): { records: LogicalRecord[]; tail: FileTail } {
  const records: LogicalRecord[] = [];
  const { lines, endsWithLineBreak } = splitLines(text);
  let lastLine = 1;
  let lastContent = '';
  let fragmentLine: number | null = null;
  lines.forEach((raw, index) => {
    const line = index + 1;
    // Fixed-length senders pad records with spaces.
    const content = raw.trimEnd();
    if (content === '') return;
    lastLine = line;
    lastContent = content;
    const type = content.slice(0, 2);
    if (!RECORD_TYPES.has(type) || (content.length > 2 && content[2] !== ',' && content[2] !== '/')) {
      if (line === lines.length && !endsWithLineBreak && content.length <= 2 && [...RECORD_TYPES].some((code) => code.startsWith(content))) {
        fragmentLine = line;
        return;
      }
      problems.at(line, 'record code', `${shown(content.slice(0, 12))} is not a BAI2 record (01, 02, 03, 16, 49, 88, 98 or 99 then a comma). Is this a BAI2 file?`);
      throw new Stop();
    }
    const previous = records.at(-1);
    if (type === '88') {
      if (!previous) {
        problems.at(line, 'record code', 'a continuation record (88) cannot come first: there is nothing for it to continue.');
        throw new Stop();
      }
      previous.fields.push(...fieldsOf(content.slice(3), previous.type === '16'));
      previous.physical += 1;
      return;
    }
    records.push({ type, line, fields: fieldsOf(content.slice(3), type === '16'), physical: 1 });
  });
  const unterminated = fragmentLine === null && !endsWithLineBreak && !lastContent.endsWith('/');
  const mayBeCut = (record: LogicalRecord) => record.type !== '99' || unterminated;
  return { records, tail: { lastLine, fragmentLine, unterminated, mayBeCut } };
}

/**
 * Fields of a record's body. "/" ends a record; in a 16 record the text field may itself hold
 * slashes, so only a final "/" is taken off there.
 */
function fieldsOf(body: string, isDetail: boolean): string[] {
  const slash = body.indexOf('/');
  const content = isDetail ? body.replace(/\/$/, '') : slash === -1 ? body : body.slice(0, slash);
  return content.split(',');
}

// ---------------------------------------------------------------------------------------------
// The record sequence

function readRecord(state: FileState, record: LogicalRecord, codes: TypeCodes, problems: ProblemList): void {
  if (state.ended) outOfPlace(record, 'after the file trailer (99): the file must end there', problems);
  if (state.header === null && record.type !== '01') outOfPlace(record, 'before the file header: a BAI2 file starts with a 01 record', problems);
  switch (record.type) {
    case '01':
      if (state.header !== null) outOfPlace(record, 'a second time: a file has one 01 record', problems);
      return readFileHeader(state, record, problems);
    case '02':
      if (state.group !== null) outOfPlace(record, `inside the group that starts on line ${state.group.line}, which has not ended with a 98 record`, problems);
      return openGroup(state, record, problems);
    case '03':
      if (state.group === null) outOfPlace(record, 'outside a group: an account (03) must follow a group header (02)', problems);
      if (state.account !== null) outOfPlace(record, `inside the account that starts on line ${state.account.line}, which has not ended with a 49 record`, problems);
      return openAccount(state, record, problems);
    case '16':
      if (state.account === null) outOfPlace(record, 'outside an account: a detail (16) must follow an account identifier (03)', problems);
      return readDetail(state, record, codes, problems);
    case '49':
      if (state.account === null) outOfPlace(record, 'without an account identifier (03) before it', problems);
      return closeAccount(state, record, problems);
    case '98':
      if (state.account !== null) outOfPlace(record, `inside the account that starts on line ${state.account.line}, which has not ended with a 49 record`, problems);
      if (state.group === null) outOfPlace(record, 'without a group header (02) before it', problems);
      return closeGroup(state, record, problems);
    case '99':
      if (state.group !== null) outOfPlace(record, `inside the group that starts on line ${state.group.line}, which has not ended with a 98 record`, problems);
      return closeFile(state, record, problems);
  }
}

const RECORD_NAMES: Record<string, string> = {
  '01': 'file header (01)',
  '02': 'group header (02)',
  '03': 'account identifier (03)',
  '16': 'detail (16)',
  '49': 'account trailer (49)',
  '98': 'group trailer (98)',
  '99': 'file trailer (99)',
};

function outOfPlace(record: LogicalRecord, where: string, problems: ProblemList): never {
  problems.at(record.line, 'record code', `this ${RECORD_NAMES[record.type] ?? record.type} comes ${where}. The records are out of order; ask the bank to send the file again.`);
  throw new Stop();
}

function refuseTruncated(state: FileState, lastLine: number, problems: ProblemList): void {
  const inside = state.account
    ? `inside the account that starts on line ${state.account.line}`
    : state.group
      ? `inside the group that starts on line ${state.group.line}`
      : 'before the file trailer';
  const missing = missingTrailers({ account: state.account !== null, group: state.group !== null });
  problems.at(lastLine, undefined, `the file ends here, ${inside}, without its trailer records (${missing.join(', ')}): it is truncated. Ask the bank to send the whole file again.`);
}

/**
 * The file ends inside a record (`cut`, with what was open before it; null when only part of a
 * record code is there): named with the trailers that never came.
 */
function refuseCut(state: FileState, cut: { record: LogicalRecord; before: { account: boolean; group: boolean } } | null, lastLine: number, problems: ProblemList): void {
  const type = cut?.record.type ?? '';
  const open = cut
    ? {
        account: cut.before.account || ['03', '16', '49'].includes(type),
        group: (cut.before.group || ['02', '03', '16', '49', '98'].includes(type)) && type !== '99',
      }
    : { account: state.account !== null, group: state.group !== null };
  const missing = type === '99' ? [] : missingTrailers(open);
  const what = cut ? `record ${type} on line ${cut.record.line}` : `a record on line ${lastLine}`;
  const trailers = missing.length > 0 ? `; its trailer records (${missing.join(', ')}) are missing` : '';
  problems.at(lastLine, undefined, `the file ends in the middle of ${what}${trailers}: it is truncated. Ask the bank to send the whole file again.`);
}

function missingTrailers(open: { account: boolean; group: boolean }): string[] {
  return [...(open.account ? ['49'] : []), ...(open.group || open.account ? ['98'] : []), '99'];
}

/** Reports a field's problem; returns the value or null. */
function take<T>(checked: Checked<T>, line: number, field: string, problems: ProblemList): T | null {
  if (checked.ok) return checked.value;
  problems.at(line, field, checked.problem);
  return null;
}

// ---------------------------------------------------------------------------------------------
// 01 / 99

function readFileHeader(state: FileState, record: LogicalRecord, problems: ProblemList): void {
  const [senderId = '', receiverId = '', created = '', , fileId = '', , , version = ''] = record.fields.map((field) => field.trim());
  if (version !== '2') {
    problems.at(record.line, 'version number', `${shown(version)} is not BAI version 2; this import reads BAI2 only. Ask the bank for BAI2 (version 2).`);
    throw new Stop();
  }
  const createdDate = take(bai2Date(created), record.line, 'file creation date', problems) ?? '';
  state.header = { senderId, receiverId, createdDate, fileId };
  state.headerRecords = record.physical;
}

function closeFile(state: FileState, record: LogicalRecord, problems: ProblemList): void {
  const [total = '', groups = '', count = ''] = record.fields;
  const children = state.children;
  compareTotal(take(signedImpliedCents(total, null), record.line, 'control total', problems), children, record.line, 'file', 'its groups add up to', problems);
  compareCount(take(wholeCount(groups), record.line, 'number of groups', problems), [state.groups], record.line, 'number of groups', 'groups (02 records)', problems);
  const own = state.headerRecords + record.physical;
  const declaredRecords = take(wholeCount(count), record.line, 'number of records', problems);
  compareCount(declaredRecords, [own + children.computedRecords, own + children.declaredRecords], record.line, 'number of records', 'records (01 to 99, continuations included)', problems);
  state.ended = true;
}

// ---------------------------------------------------------------------------------------------
// 02 / 98

const GROUP_STATUS_REFUSED: Record<string, string> = {
  '2': 'a deletion (status 2) of an earlier file',
  '3': 'a correction (status 3) of an earlier file',
  '4': 'test data only (status 4)',
};

function openGroup(state: FileState, record: LogicalRecord, problems: ProblemList): void {
  const [, , status = '', asOf = '', , currency = ''] = record.fields.map((field) => field.trim());
  const refused = GROUP_STATUS_REFUSED[status];
  if (refused) problems.at(record.line, 'group status', `the group is ${refused}, not new payments (status 1). Import only the bank's original file.`);
  if (currency !== '' && currency.toUpperCase() !== 'USD') problems.at(record.line, 'currency code', `${shown(currency)}: only US dollars (USD) are taken.`);
  const asOfDate = take(bai2Date(asOf), record.line, 'as-of date', problems);
  state.group = { line: record.line, asOfDate, records: record.physical, accounts: 0, children: emptyTally() };
  state.groups += 1;
}

function closeGroup(state: FileState, record: LogicalRecord, problems: ProblemList): void {
  const group = state.group as GroupState;
  const [total = '', accounts = '', count = ''] = record.fields;
  const children = group.children;
  const declaredTotal = take(signedImpliedCents(total, null), record.line, 'control total', problems);
  compareTotal(declaredTotal, children, record.line, 'group', 'its accounts add up to', problems);
  compareCount(take(wholeCount(accounts), record.line, 'number of accounts', problems), [group.accounts], record.line, 'number of accounts', 'accounts (03 records)', problems);
  const own = group.records + record.physical;
  const declaredRecords = take(wholeCount(count), record.line, 'number of records', problems);
  compareCount(declaredRecords, [own + children.computedRecords, own + children.declaredRecords], record.line, 'number of records', 'records (02 to 98, continuations included)', problems);
  addToTally(state.children, { cents: declaredTotal, records: declaredRecords }, { computedCents: children.computedCents, computedRecords: own + children.computedRecords, complete: children.complete });
  state.group = null;
}

// ---------------------------------------------------------------------------------------------
// 03 / 49

function openAccount(state: FileState, record: LogicalRecord, problems: ProblemList): void {
  const [account = '', currency = '', ...summaries] = record.fields.map((field) => field.trim());
  if (currency !== '' && currency.toUpperCase() !== 'USD') problems.at(record.line, 'currency code', `${shown(currency)}: only US dollars (USD) are taken.`);
  const summary = summaryAmounts(summaries, record.line, problems);
  state.account = { line: record.line, accountNumber: account, records: record.physical, sumCents: summary.sumCents, complete: summary.complete };
  (state.group as GroupState).accounts += 1;
}

/** The 03 record's repeated (type code, amount, item count, funds type...) groups: the sum of their amounts. */
function summaryAmounts(fields: readonly string[], line: number, problems: ProblemList): { sumCents: bigint; complete: boolean } {
  let sum = 0n;
  let complete = true;
  let at = 0;
  while (at < fields.length) {
    const [typeCode = '', amount = '', itemCount = ''] = fields.slice(at, at + 3);
    if (typeCode === '' && amount === '') {
      // An empty summary group (",,,," padding) says nothing.
      at += 3 + fundsTypeFields(fields, at + 3, line, problems);
      continue;
    }
    if (!/^\d{3}$/.test(typeCode)) problems.at(line, 'type code', `${shown(typeCode)} is not a BAI2 type code (three digits).`);
    const amountCents = take(signedImpliedCents(amount, 0n), line, 'amount', problems);
    if (amountCents === null) complete = false;
    sum += amountCents ?? 0n;
    if (itemCount !== '' && !/^\d+$/.test(itemCount)) problems.at(line, 'item count', `${shown(itemCount)} is not a count (digits only).`);
    const funds = fundsTypeFields(fields, at + 3, line, problems);
    at += 3 + funds;
  }
  return { sumCents: sum, complete };
}

function closeAccount(state: FileState, record: LogicalRecord, problems: ProblemList): void {
  const account = state.account as AccountState;
  const group = state.group as GroupState;
  const [total = '', count = ''] = record.fields;
  const declaredTotal = take(signedImpliedCents(total, null), record.line, 'control total', problems);
  const computed = { declaredCents: account.sumCents, computedCents: account.sumCents, declaredRecords: 0, computedRecords: 0, complete: account.complete };
  compareTotal(declaredTotal, computed, record.line, `account ${account.accountNumber}`, 'its 03 and 16 amounts add up to', problems);
  const records = account.records + record.physical;
  const declaredRecords = take(wholeCount(count), record.line, 'number of records', problems);
  compareCount(declaredRecords, [records], record.line, 'number of records', `records (03 to 49, continuations included) in account ${account.accountNumber}`, problems);
  addToTally(group.children, { cents: declaredTotal, records: declaredRecords }, { computedCents: account.sumCents, computedRecords: records, complete: account.complete });
  state.account = null;
}

// ---------------------------------------------------------------------------------------------
// 16

/**
 * How many fields the funds type at `at` takes, its own code included: 0, 1, 2, Z or empty take
 * 1; V (then value date and time) 3; S (then immediate, one-day and two-or-more-day amounts) 4;
 * D (then a count n and n day/amount pairs) 2 + 2n.
 */
function fundsTypeFields(fields: readonly string[], at: number, line: number, problems: ProblemList): number {
  const code = (fields[at] ?? '').trim().toUpperCase();
  switch (code) {
    case '':
    case '0':
    case '1':
    case '2':
    case 'Z':
      return 1;
    case 'V':
      return 3;
    case 'S':
      return 4;
    case 'D': {
      const count = wholeCount(fields[at + 1] ?? '');
      if (!count.ok) {
        problems.at(line, 'funds type', `distributed availability (D) needs the number of distributions: ${count.problem}.`);
        throw new Stop();
      }
      return 2 + 2 * count.value;
    }
    default:
      problems.at(line, 'funds type', `${shown(code)} is not a BAI2 funds type (0, 1, 2, S, V, D or Z).`);
      throw new Stop();
  }
}

function readDetail(state: FileState, record: LogicalRecord, codes: TypeCodes, problems: ProblemList): void {
  const account = state.account as AccountState;
  account.records += record.physical;
  const fields = record.fields;
  const typeCode = (fields[0] ?? '').trim();
  if (!/^\d{3}$/.test(typeCode)) problems.at(record.line, 'type code', `${shown(typeCode)} is not a BAI2 type code (three digits).`);
  const isItem = codes.itemCodes.has(typeCode);
  const amountText = fields[1] ?? '';
  const after = 2 + fundsTypeFields(fields, 2, record.line, problems);
  const bankReference = (fields[after] ?? '').trim();
  const customerReference = fields[after + 1] ?? '';
  const text = fields.slice(after + 2).join(',').trim();

  if (!isItem) {
    const read = take(signedImpliedCents(amountText, 0n), record.line, 'amount', problems);
    if (read === null) account.complete = false;
    const amount = read ?? 0n;
    account.sumCents += amount;
    if (codes.depositCodes.has(typeCode)) {
      state.depositTotalCents += amount;
      state.depositRecords += 1;
    } else {
      state.otherDetailRecords += 1;
    }
    return;
  }
  const amountCents = take(impliedCentsPayment(amountText), record.line, 'amount', problems);
  if (amountCents === null) account.complete = false;
  else account.sumCents += BigInt(amountCents);
  const accountNo = take(accountNumber(text.split(/\s+/)[0] ?? ''), record.line, 'text (account number)', problems);
  const check = checkNumber(customerReference);
  if (!check.ok) problems.at(record.line, 'customer reference (check number)', check.problem);
  // The bank reference is kept and shown as it is: the typed-in text rule applies to it too.
  const referenceProblem = textProblem(bankReference);
  if (referenceProblem !== null) problems.at(record.line, 'bank reference', `${shown(bankReference)} holds an invisible control or text-direction character. Ask the bank to send the file again.`);
  const date = state.group?.asOfDate ?? null;
  if (state.items.length >= LOCKBOX_LIMITS.maxItems) {
    problems.at(record.line, undefined, `the file has more than ${LOCKBOX_LIMITS.maxItems.toLocaleString('en-US')} payments, the most one import takes.`);
    throw new Stop();
  }
  if (amountCents === null || accountNo === null || !check.ok || date === null || referenceProblem !== null) return;
  state.items.push({ line: record.line, accountNumber: accountNo, amountCents, checkNumber: check.value, depositDate: date, bankReference: bankReference === '' ? null : bankReference });
}

// ---------------------------------------------------------------------------------------------
// Comparisons and notes

/**
 * A trailer's control total against what is under it (or what the trailers under it declare).
 * Not compared when an amount under it could not be read: that amount is already reported.
 */
function compareTotal(declared: bigint | null, under: Tally, line: number, subject: string, basis: string, problems: ProblemList): void {
  if (declared === null || declared === under.declaredCents || (under.complete && declared === under.computedCents)) return;
  if (!under.complete) return;
  problems.at(line, 'control total', `the ${subject} control total is ${centsText(declared)} but ${basis} ${centsText(under.computedCents)}. Ask the bank to send the file again.`);
}

/** A trailer's count against the count found (the first of `accepted`) or declared below it. */
function compareCount(declared: number | null, accepted: readonly number[], line: number, field: string, what: string, problems: ProblemList): void {
  if (declared === null || accepted.includes(declared)) return;
  problems.at(line, field, `the trailer says ${declared} but the file has ${accepted[0]} ${what}. Records are missing or extra; ask the bank to send the file again.`);
}

/** Cents as dollars for a message; bigint so bank balances of any size print exactly. */
function centsText(value: bigint): string {
  const safe = value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER);
  if (safe) return formatCents(Number(value));
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  return `${negative ? '-' : ''}$${magnitude / 100n}.${String(magnitude % 100n).padStart(2, '0')}`;
}

function notesOf(state: FileState, codes: TypeCodes): string[] {
  const notes: string[] = [];
  if (state.depositRecords > 0) {
    const itemsCents = state.items.reduce((sum, item) => sum + BigInt(item.amountCents), 0n);
    const agreement = itemsCents === state.depositTotalCents ? 'the same as the payments' : `but the payments total ${centsText(itemsCents)}: compare with the bank's deposit advice`;
    notes.push(`The bank's lockbox deposit record${state.depositRecords === 1 ? '' : 's'} (${[...codes.depositCodes].join(', ')}) total ${centsText(state.depositTotalCents)}, ${agreement}.`);
  }
  if (state.otherDetailRecords > 0) {
    notes.push(`${state.otherDetailRecords} other detail record${state.otherDetailRecords === 1 ? '' : 's'} (not type ${[...codes.itemCodes, ...codes.depositCodes].join(', ')}) counted in the control totals but not imported.`);
  }
  return notes;
}
