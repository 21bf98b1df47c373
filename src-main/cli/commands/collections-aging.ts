/**
 * `collections aging [--as-of D] [--class C] [--service S] [--accounts BUCKET [--limit N]]`:
 * collections.aging, the receivable aging with its control-account check line; and
 * `collections aging-buckets [--set 1,31,61,91,121]`: collections.agingBuckets / setAgingBuckets.
 */
import { AGING_RATE_CLASS_LABELS, AGING_SERVICE_LABELS, type AgingReport } from '../../../src-shared/contract/collections-aging';
import { formatCents } from '../../../src-shared/money';
import { printLine, printResult } from '../io';
import { withSession, type GlobalOptions } from '../office';
import { renderFields, renderTable } from '../table';

export interface AgingOptions extends GlobalOptions {
  asOf?: string;
  class?: AgingReport['filter']['rateClass'];
  service?: AgingReport['filter']['service'];
  accounts?: string;
  limit?: number;
}

/** The check line, as the screen shows it. */
export function controlLine(report: AgingReport): string {
  const { control } = report;
  return `Open items ${formatCents(control.openItemsCents)} − credit balances ${formatCents(control.creditBalancesCents)} = ${formatCents(control.netCents)}; receivable control account ${control.glCode} as of ${report.asOf}: ${formatCents(control.controlAccountCents)} — ${control.agrees ? 'agrees' : 'DOES NOT AGREE'}`;
}

export async function runAging(options: AgingOptions): Promise<void> {
  await withSession(options, async (session) => {
    const asOf = options.asOf ?? session.runtime.clock.today();
    const report = await session.call('collections.aging', {
      asOf,
      ...(options.class ? { rateClass: options.class } : {}),
      ...(options.service ? { service: options.service } : {}),
      ...(options.accounts ? { accountsIn: options.accounts } : {}),
    });
    const limit = options.limit ?? 50;
    const shown = options.accounts && report.accounts ? { ...report, accounts: report.accounts.slice(0, limit) } : report;
    printResult(options.json === true, shown, () => printReport(report, limit));
  });
}

function printReport(report: AgingReport, limit: number): void {
  const filters = [report.filter.rateClass && AGING_RATE_CLASS_LABELS[report.filter.rateClass], report.filter.service && AGING_SERVICE_LABELS[report.filter.service]].filter(Boolean);
  printLine(`Receivable aging as of ${report.asOf}${filters.length > 0 ? ` (${filters.join(', ')} only)` : ''}; payments applied ${report.rule.replace(/_/g, ' ')}`);
  printLine('');
  const bucketColumns = report.buckets.map((bucket, index) => ({ header: bucket.label, value: (row: { cents: number[] }) => formatCents(row.cents[index]!), align: 'right' as const }));
  const rows = [
    ...report.rows.map((row) => ({ label: `${AGING_RATE_CLASS_LABELS[row.rateClass]} · ${row.service === 'other' ? 'Other' : AGING_SERVICE_LABELS[row.service]}`, cents: row.bucketCents, total: row.totalCents })),
    { label: 'Total', cents: report.bucketTotalsCents, total: report.openTotalCents },
  ];
  printLine(renderTable(rows, [{ header: 'Class · service', value: (row) => row.label }, ...bucketColumns, { header: 'Total', value: (row) => formatCents(row.total), align: 'right' }]));
  printLine('');
  printLine(
    renderFields([
      ['Accounts owing', report.openAccountCount.toLocaleString('en-US')],
      ['Credit balances', `${formatCents(report.creditTotalCents)} on ${report.credits.reduce((sum, row) => sum + row.accountCount, 0).toLocaleString('en-US')} accounts${report.credits.length > 0 ? ` (${report.credits.map((row) => `${AGING_RATE_CLASS_LABELS[row.rateClass]} ${formatCents(row.creditCents)}`).join(', ')})` : ''}`],
      ['Control check', controlLine(report)],
    ]),
  );
  if (report.accounts) {
    printLine('');
    const bucket = report.filter.accountsIn === 'credit' ? 'credit balances' : (report.buckets.find((row) => row.key === report.filter.accountsIn)?.label ?? '');
    if (report.accounts.length === 0) return printLine(`No account in ${bucket}.`);
    printLine(`Accounts in ${bucket} (${report.accounts.length.toLocaleString('en-US')}${report.accounts.length > limit ? `, the first ${limit}` : ''}):`);
    printLine(
      renderTable(report.accounts.slice(0, limit), [
        { header: 'Account', value: (row) => row.accountNumber },
        { header: 'Name', value: (row) => row.name, maxWidth: 32 },
        { header: 'Class', value: (row) => AGING_RATE_CLASS_LABELS[row.rateClass] },
        { header: report.filter.accountsIn === 'credit' ? 'Credit' : 'In bucket', value: (row) => formatCents(row.bucketCents), align: 'right' },
        { header: 'All open', value: (row) => formatCents(row.openCents), align: 'right' },
        { header: 'Oldest (days)', value: (row) => String(row.oldestDaysPastDue), align: 'right' },
      ]),
    );
  }
}

export interface AgingBucketsOptions extends GlobalOptions {
  set?: number[];
  requestId?: string;
}

export async function runAgingBuckets(options: AgingBucketsOptions): Promise<void> {
  await withSession(options, async (session) => {
    const setting = options.set ? await session.call('collections.setAgingBuckets', { starts: options.set }, options.requestId) : await session.call('collections.agingBuckets', {});
    printResult(options.json === true, setting, () => printLine(`Aging buckets: ${setting.buckets.map((bucket) => bucket.label).join(', ')} (days past due)`));
  });
}
