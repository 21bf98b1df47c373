/**
 * The print vendor's file of a posted run, as CSV or fixed width. Like a balance assertion, the
 * file's own count and totals (read back from what was written) must equal the run's — the run as
 * computed less cancelled bills plus their rebills, the ledger's receivable lines for those bills,
 * and the bills' amounts due — or nothing is exported and the refusal names each difference.
 */
import { formatCents } from '../../../../src-shared/money';
import { OfficeError } from '../../errors';
import type { Sqlite } from '../../storage/database';
import { getSetting } from '../../storage/settings';
import { formatCsv } from './csv';
import { DETAIL_FIELDS, HEADER_FIELDS, TRAILER_FIELDS, formatRecord, totalsOfDetails } from './fixed-width';
import { expectedTotals, loadPrintRecords, postedRun, type ControlTotals, type PrintRecord, type PrintRun } from './records';

export type PrintFormat = 'csv' | 'fixed';

export interface PrintExport {
  fileName: string;
  content: string;
  recordCount: number;
  controlTotals: ControlTotals;
}

const recordName = (record: PrintRecord) => `account ${record.accountNumber} (bill ${record.billId})`;

function fixedWidth(records: readonly PrintRecord[], run: PrintRun, districtName: string, createdAtIso: string): { content: string; totals: ControlTotals } {
  const details = records.map((record) => formatRecord(DETAIL_FIELDS, record, recordName(record)));
  const totals = totalsOfDetails(details);
  const header = formatRecord(HEADER_FIELDS, { run, districtName, createdAtIso }, 'the header');
  const trailer = formatRecord(TRAILER_FIELDS, { run, totals }, 'the trailer');
  return { content: `${[header, ...details, trailer].join('\r\n')}\r\n`, totals };
}

function sumRecords(records: readonly PrintRecord[]): ControlTotals {
  return {
    recordCount: records.length,
    currentChargesCents: records.reduce((sum, record) => sum + record.currentChargesCents, 0),
    amountDueCents: records.reduce((sum, record) => sum + record.amountDueCents, 0),
  };
}

const signed = (cents: number) => (cents > 0 ? `+${formatCents(cents)}` : formatCents(cents));

/** Each way the file disagrees with the run, in words; empty when it agrees. */
export function totalsDifferences(file: ControlTotals, expected: ReturnType<typeof expectedTotals>): string[] {
  const differences: string[] = [];
  if (file.recordCount !== expected.recordCount) {
    differences.push(`${file.recordCount} bills in the file, ${expected.recordCount} by the run (difference ${file.recordCount - expected.recordCount})`);
  }
  const money: [string, number, number, string][] = [
    ['current charges', file.currentChargesCents, expected.currentChargesCents, 'by the run'],
    ['current charges', file.currentChargesCents, expected.ledgerChargesCents, 'in the ledger'],
    ['amount due', file.amountDueCents, expected.amountDueCents, 'on the bills'],
  ];
  for (const [what, inFile, other, where] of money) {
    if (inFile !== other) differences.push(`${what} ${formatCents(inFile)} in the file, ${formatCents(other)} ${where} (difference ${signed(inFile - other)})`);
  }
  return differences;
}

export function exportRun(db: Sqlite, runId: number, format: PrintFormat, createdAtIso: string): PrintExport {
  const run = postedRun(db, runId);
  const records = loadPrintRecords(db, run);
  const written =
    format === 'csv'
      ? (() => { const totals = sumRecords(records); return { content: formatCsv(records, totals, run), totals }; })()
      : fixedWidth(records, run, getSetting(db, 'districtName'), createdAtIso);
  const differences = totalsDifferences(written.totals, expectedTotals(db, run));
  if (differences.length > 0) {
    throw new OfficeError('CONFLICT', `Run ${runId}'s print file does not match the run, so nothing was exported: ${differences.join('; ')}. Run verify and call your supervisor.`, 'runId');
  }
  const fileName = `bill-print-run${runId}-cycle${String(run.cycle).padStart(2, '0')}-${run.period}.${format === 'csv' ? 'csv' : 'txt'}`;
  return { fileName, content: written.content, recordCount: written.totals.recordCount, controlTotals: written.totals };
}
