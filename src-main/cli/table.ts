/** Plain aligned text tables for a terminal: no borders, numbers and money right-aligned. */

export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  align?: 'left' | 'right';
  /** Longer cells are cut with "…" so one long memo does not wreck the table. */
  maxWidth?: number;
}

const GAP = '  ';

function cut(text: string, maxWidth: number | undefined): string {
  const oneLine = text.replace(/\s+/g, ' ');
  if (maxWidth === undefined || [...oneLine].length <= maxWidth) return oneLine;
  return `${[...oneLine].slice(0, Math.max(1, maxWidth - 1)).join('')}…`;
}

const width = (text: string) => [...text].length;

export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = rows.map((row) => columns.map((column) => cut(column.value(row), column.maxWidth)));
  const widths = columns.map((column, index) => Math.max(width(column.header), ...cells.map((line) => width(line[index] ?? ''))));
  const pad = (text: string, index: number) => {
    const fill = ' '.repeat((widths[index] ?? 0) - width(text));
    return columns[index]?.align === 'right' ? fill + text : text + fill;
  };
  const lines = [
    columns.map((column, index) => pad(column.header, index)).join(GAP),
    widths.map((size) => '-'.repeat(size)).join(GAP),
    ...cells.map((line) => line.map((text, index) => pad(text, index)).join(GAP)),
  ];
  return lines.map((line) => line.trimEnd()).join('\n');
}

/** "Label:  value" lines with the values aligned. */
export function renderFields(fields: readonly (readonly [string, string])[]): string {
  const labelWidth = Math.max(...fields.map(([label]) => width(label))) + 1;
  return fields.map(([label, value]) => `${`${label}:`.padEnd(labelWidth + 1)} ${value}`.trimEnd()).join('\n');
}
