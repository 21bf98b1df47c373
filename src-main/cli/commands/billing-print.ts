/**
 * `billing export <runId> --format csv|fixed --out <file>`, `billing bill <billId> --pdf <file>` and
 * `billing pdf <runId> --out <file>`: billing.export, billing.billPdf and billing.runPdf, the same
 * operations as the Bill runs screens. Files are written new (never over an existing file).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BillPrintFormat } from '../../../src-shared/contract';
import { formatCents } from '../../../src-shared/money';
import { CliError } from '../errors';
import { EXIT } from '../exit-codes';
import { printLine, printResult } from '../io';
import { withSession, type GlobalOptions } from '../office';
import { renderFields } from '../table';

/** The path to write, refused before any work when the file is already there. */
function newFile(path: string): string {
  const out = resolve(path);
  if (existsSync(out)) throw new CliError(EXIT.failed, `${path} already exists; choose a new file name`);
  return out;
}

export async function runBillingExport(runId: number, options: GlobalOptions & { format: BillPrintFormat; out: string }): Promise<void> {
  const out = newFile(options.out);
  await withSession(options, async (session) => {
    const exported = await session.call('billing.export', { runId, format: options.format });
    // The fixed-width file is ASCII by construction; the CSV keeps customers' names in UTF-8.
    writeFileSync(out, exported.content, { flag: 'wx', encoding: options.format === 'fixed' ? 'latin1' : 'utf8' });
    const { content: _content, ...summary } = exported;
    printResult(options.json === true, { ...summary, writtenTo: out }, () =>
      printLine(
        renderFields([
          ['Written', `${out} (${options.format === 'csv' ? 'CSV' : 'fixed width'})`],
          ['Bills', exported.controlTotals.recordCount.toLocaleString('en-US')],
          ['Current charges', formatCents(exported.controlTotals.currentChargesCents)],
          ['Amount due', formatCents(exported.controlTotals.amountDueCents)],
        ]),
      ),
    );
  });
}

export async function runBillingBillPdf(billId: number, options: GlobalOptions & { pdf: string }): Promise<void> {
  const out = newFile(options.pdf);
  await withSession(options, async (session) => {
    const { fileName, pdfBase64 } = await session.call('billing.billPdf', { billId });
    const pdf = Buffer.from(pdfBase64, 'base64');
    writeFileSync(out, pdf, { flag: 'wx' });
    printResult(options.json === true, { fileName, bytes: pdf.length, writtenTo: out }, () => printLine(`Wrote bill ${billId} to ${out} (${pdf.length.toLocaleString('en-US')} bytes).`));
  });
}

export async function runBillingRunPdf(runId: number, options: GlobalOptions & { out: string; limit: number }): Promise<void> {
  const out = newFile(options.out);
  await withSession(options, async (session) => {
    const { pdfBase64, ...batch } = await session.call('billing.runPdf', { runId, limit: options.limit });
    const pdf = Buffer.from(pdfBase64, 'base64');
    writeFileSync(out, pdf, { flag: 'wx' });
    printResult(options.json === true, { ...batch, bytes: pdf.length, writtenTo: out }, () =>
      printLine(`Wrote ${batch.billCount} of the run's ${batch.totalBills} bills to ${out}${batch.billCount < batch.totalBills ? ' (raise --limit for more)' : ''}.`),
    );
  });
}
