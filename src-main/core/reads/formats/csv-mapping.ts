/**
 * A generic CSV read file, read by the column-mapping profile the office saved for its source
 * (see profiles.ts for the schema and docs/formats/reads.md for an example).
 */
import { checkFieldCount, checkId, fieldAt, noReads, ReadRows, RowCheck } from './columns';
import type { ColumnRef, CsvMappingProfile } from './profiles';
import type { ProblemList } from './problems';
import { readRecords } from './records';
import type { ParsedReadRow } from './types';
import { checkDate, checkDecimal, checkIsoTimestamp, checkTime, checkUnit, FlagValues } from './values';

type Purpose = 'meterSerial' | 'reading' | 'readDate' | 'readTime' | 'accountNumber' | 'unit' | 'estimated' | 'leak';

const PURPOSE_LABELS: Record<Purpose, string> = {
  meterSerial: 'meter serial',
  reading: 'reading',
  readDate: 'read date',
  readTime: 'read time',
  accountNumber: 'account number',
  unit: 'unit',
  estimated: 'estimated flag',
  leak: 'leak flag',
};

interface Column {
  index: number;
  /** How problems name the column: its header, or "column 3 (reading)". */
  label: string;
}

type Resolved = Partial<Record<Purpose, Column>>;

/** How a problem names a mapped column: its label, or the purpose when it could not be found. */
const label = (column: Column | undefined, purpose: Purpose) => column?.label ?? PURPOSE_LABELS[purpose];

function wantedColumns(profile: CsvMappingProfile): [Purpose, ColumnRef][] {
  const wanted: [Purpose, ColumnRef | undefined][] = [
    ['meterSerial', profile.columns.meterSerial],
    ['reading', profile.columns.reading],
    ['readDate', profile.columns.readDate],
    ['readTime', profile.columns.readTime],
    ['accountNumber', profile.columns.accountNumber],
    ['unit', profile.columns.unit],
    ['estimated', profile.estimated?.column],
    ['leak', profile.leak?.column],
  ];
  return wanted.filter((entry): entry is [Purpose, ColumnRef] => entry[1] !== undefined);
}

/** Resolves the profile's columns against the header (or the first line); null when one is missing. */
function resolveColumns(profile: CsvMappingProfile, first: string[], line: number, problems: ProblemList): Resolved | null {
  const header = profile.hasHeader ? first.map((name) => name.trim()) : null;
  const resolved: Resolved = {};
  let usable = true;
  for (const [purpose, ref] of wantedColumns(profile)) {
    if (typeof ref === 'number') {
      if (ref > first.length) {
        problems.at(line, PURPOSE_LABELS[purpose], `the profile takes the ${PURPOSE_LABELS[purpose]} from column ${ref}, but ${header ? 'the header' : 'the first line'} has only ${first.length} columns. Check the profile's delimiter and columns.`);
        usable = false;
        continue;
      }
      const name = header?.[ref - 1];
      resolved[purpose] = { index: ref - 1, label: name ? name : `column ${ref} (${PURPOSE_LABELS[purpose]})` };
      continue;
    }
    const wanted = ref.toUpperCase();
    const matches = (header ?? []).flatMap((name, index) => (name.toUpperCase() === wanted ? [index] : []));
    if (matches.length === 1) {
      resolved[purpose] = { index: matches[0] as number, label: ref };
    } else if (matches.length === 0) {
      problems.at(line, ref, `the header has no column "${ref}" (the profile's ${PURPOSE_LABELS[purpose]}). The header has: ${(header ?? []).slice(0, 20).join(', ')}.`);
      usable = false;
    } else {
      problems.at(line, ref, `the header has the column "${ref}" ${matches.length} times; name the column by its number in the profile instead.`);
      usable = false;
    }
  }
  return usable ? resolved : null;
}

export function parseMappedCsv(text: string, profile: CsvMappingProfile, problems: ProblemList): ParsedReadRow[] {
  const reads = new ReadRows();
  const check = new RowCheck(problems);
  const estimatedValues = profile.estimated ? new FlagValues(profile.estimated.trueValues, profile.estimated.falseValues) : null;
  const leakValues = profile.leak ? new FlagValues(profile.leak.trueValues, profile.leak.falseValues) : null;
  let columns: Resolved | null = null;
  let width = 0;
  let sawFirst = false;

  readRecords(text, { delimiter: profile.delimiter, skipLines: profile.skipLines }, problems, (fields, line, cutShort) => {
    if (!sawFirst) {
      sawFirst = true;
      columns = resolveColumns(profile, fields, line, problems);
      width = fields.length;
      if (columns === null) return false;
      if (profile.hasHeader) return true;
    }
    if (columns === null) return false;
    if (!checkFieldCount(fields, width, line, cutShort, profile.hasHeader ? 'the header' : 'the first line', problems)) return !problems.full;

    check.start(line);
    const { meterSerial: serialColumn, reading: readingColumn, readDate: dateColumn, readTime, accountNumber: accountColumn, unit: unitColumn, estimated: estimatedColumn, leak: leakColumn } = columns;

    const meterSerial = check.take(label(serialColumn, 'meterSerial'), checkId(fieldAt(fields, serialColumn?.index), true, 'meter serial'));
    const reading = check.take(label(readingColumn, 'reading'), checkDecimal(fieldAt(fields, readingColumn?.index)));
    const dateText = fieldAt(fields, dateColumn?.index);
    let readDate: string | undefined;
    let readAt: string | null = null;
    if (profile.dateFormat === 'ISO') {
      const stamp = check.take(label(dateColumn, 'readDate'), checkIsoTimestamp(dateText));
      readDate = stamp?.date;
      readAt = stamp?.at ?? null;
    } else {
      readDate = check.take(label(dateColumn, 'readDate'), checkDate(dateText, profile.dateFormat));
      const timeText = fieldAt(fields, readTime?.index);
      if (readTime !== undefined && timeText !== '') {
        const time = check.take(readTime.label, checkTime(timeText));
        if (time !== undefined && readDate !== undefined) readAt = `${readDate}T${time}`;
      }
    }
    const accountNumber = accountColumn === undefined ? null : check.take(accountColumn.label, checkId(fieldAt(fields, accountColumn.index), false, 'account number'));
    const unit = unitColumn !== undefined ? check.take(unitColumn.label, checkUnit(fieldAt(fields, unitColumn.index))) : (profile.fixedUnit ?? null);
    const estimated = estimatedValues && estimatedColumn ? check.take(estimatedColumn.label, estimatedValues.check(fieldAt(fields, estimatedColumn.index))) : false;
    const leakFlag = leakValues && leakColumn ? check.take(leakColumn.label, leakValues.check(fieldAt(fields, leakColumn.index))) : false;

    if (
      check.good &&
      meterSerial &&
      reading !== undefined &&
      readDate !== undefined &&
      unit !== undefined &&
      accountNumber !== undefined &&
      estimated !== undefined &&
      leakFlag !== undefined
    ) {
      const row: ParsedReadRow = { line, meterSerial, accountNumber, readDate, readAt, reading, unit, multiplier: null, estimated, faulted: false, leakFlag, dials: null };
      if (!reads.push(row, problems)) return false;
    }
    return !problems.full;
  });

  if (reads.rows.length === 0 && problems.count === 0) noReads(problems, sawFirst && profile.hasHeader ? ' (only a header line)' : '');
  return reads.rows;
}
