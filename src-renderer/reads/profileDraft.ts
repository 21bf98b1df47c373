/** A CSV read profile as the editor holds it, and the definition the main process checks. */
export const COLUMNS = [
  { key: 'meterSerial', label: 'Meter serial', required: true },
  { key: 'reading', label: 'Reading', required: true },
  { key: 'readDate', label: 'Read date', required: true },
  { key: 'readTime', label: 'Read time', required: false },
  { key: 'accountNumber', label: 'Account number', required: false },
  { key: 'unit', label: 'Unit', required: false },
] as const;
export type ColumnKey = (typeof COLUMNS)[number]['key'];

export const DELIMITER_LABELS: Record<string, string> = { ',': 'Comma ,', ';': 'Semicolon ;', '\t': 'Tab', '|': 'Pipe |' };

/** The yes/no columns a profile can name: whether a read is an estimate, and whether the endpoint reports a leak. */
export const FLAGS = [
  { key: 'estimated', label: 'Estimated', yesExample: 'Y, E', hint: 'the reader or head-end estimated the read (stored marked as an estimate)' },
  { key: 'leak', label: 'Leak', yesExample: 'Y, 1', hint: 'the endpoint reports continuous flow (the read goes to the worklist as a leak)' },
] as const;
export type FlagKey = (typeof FLAGS)[number]['key'];

/** A yes/no column as typed: the column, and the values meaning yes and no, comma-separated. */
export interface FlagDraft {
  column: string;
  yes: string;
  /** Empty: any value that is not a yes means no. "(empty)" stands for an empty cell. */
  no: string;
}

export const EMPTY_CELL_WORD = '(empty)';

export interface ProfileDraft {
  name: string;
  delimiter: string;
  hasHeader: boolean;
  skipLines: string;
  dateFormat: string;
  columns: Record<ColumnKey, string>;
  fixedUnit: string;
  flags: Record<FlagKey, FlagDraft>;
}

export const EMPTY: ProfileDraft = {
  name: '',
  delimiter: ',',
  hasHeader: true,
  skipLines: '0',
  dateFormat: 'MM/DD/YYYY',
  columns: { meterSerial: '', reading: '', readDate: '', readTime: '', accountNumber: '', unit: '' },
  fixedUnit: 'HCF',
  flags: { estimated: { column: '', yes: '', no: '' }, leak: { column: '', yes: '', no: '' } },
};

/** A column typed as "3" is the third column; anything else is a header name. */
const columnRef = (text: string): number | string => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : text.trim());

/** "Y, E" → ["Y", "E"]; "(empty)" is the empty cell. */
export function flagValues(text: string): string[] {
  return text
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value !== '')
    .map((value) => (value.toLowerCase() === EMPTY_CELL_WORD ? '' : value));
}

/** A flag column's definition, or nothing when no column is named. */
function flagDefinition(flag: FlagDraft): Record<string, unknown> | null {
  if (flag.column.trim() === '') return null;
  const no = flagValues(flag.no);
  return { column: columnRef(flag.column), trueValues: flagValues(flag.yes), ...(flag.no.trim() !== '' ? { falseValues: no } : {}) };
}

/** The stored flag back as typed. */
export function flagDraftOf(stored: unknown): FlagDraft {
  const flag = (stored ?? {}) as { column?: string | number; trueValues?: string[]; falseValues?: string[] };
  const words = (values: string[] | undefined) => (values ?? []).map((value) => (value === '' ? EMPTY_CELL_WORD : value)).join(', ');
  return { column: flag.column === undefined ? '' : String(flag.column), yes: words(flag.trueValues), no: words(flag.falseValues) };
}

/** The draft as the definition the main process checks (empty optional columns left out). */
export function profileDefinition(draft: ProfileDraft): Record<string, unknown> {
  const columns: Record<string, number | string> = {};
  for (const { key, required } of COLUMNS) {
    const text = draft.columns[key];
    if (required || text.trim() !== '') columns[key] = columnRef(text);
  }
  return {
    name: draft.name.trim(),
    delimiter: draft.delimiter,
    hasHeader: draft.hasHeader,
    skipLines: Number(draft.skipLines) || 0,
    dateFormat: draft.dateFormat,
    columns,
    ...(draft.fixedUnit && draft.columns.unit.trim() === '' ? { fixedUnit: draft.fixedUnit } : {}),
    ...Object.fromEntries(FLAGS.flatMap(({ key }) => {
      const definition = flagDefinition(draft.flags[key]);
      return definition ? [[key, definition]] : [];
    })),
  };
}

