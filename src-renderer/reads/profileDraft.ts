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

export interface ProfileDraft {
  name: string;
  delimiter: string;
  hasHeader: boolean;
  skipLines: string;
  dateFormat: string;
  columns: Record<ColumnKey, string>;
  fixedUnit: string;
}

export const EMPTY: ProfileDraft = {
  name: '',
  delimiter: ',',
  hasHeader: true,
  skipLines: '0',
  dateFormat: 'MM/DD/YYYY',
  columns: { meterSerial: '', reading: '', readDate: '', readTime: '', accountNumber: '', unit: '' },
  fixedUnit: 'HCF',
};

/** A column typed as "3" is the third column; anything else is a header name. */
const columnRef = (text: string): number | string => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : text.trim());

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
  };
}

