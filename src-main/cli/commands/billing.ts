/**
 * `rates show | import | export` and `billing runs | create | review | recompute | approve | post |
 * cancel | bill | hold`: the same operations as the Billing screens (rates.*, billing.*).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BillRunReview, BillView } from '../../../src-shared/contract';
import type { BillLine } from '../../../src-shared/contract/rates';
import { formatCents } from '../../../src-shared/money';
import { CliError, usageError } from '../errors';
import { EXIT } from '../exit-codes';
import { printLine, printResult } from '../io';
import { withSession, type GlobalOptions } from '../office';
import { renderFields, renderTable } from '../table';

const money = (cents: number) => formatCents(cents as never);

export async function runRatesShow(options: GlobalOptions): Promise<void> {
  await withSession(options, async (session) => {
    const rates = await session.call('rates.current', {});
    printResult(options.json === true, rates, () => {
      printLine(renderFields([['Rates version', `${rates.rateBookId}, saved ${rates.savedAt.slice(0, 10)}${rates.note ? ` (${rates.note})` : ''}`]]));
      printLine(
        renderTable(rates.document.schedules, [
          { header: 'Effective', value: (schedule) => `${schedule.effectiveFrom}${schedule.effectiveThrough ? ` – ${schedule.effectiveThrough}` : ''}` },
          { header: 'Name', value: (schedule) => schedule.name, maxWidth: 40 },
          { header: 'Adopted by', value: (schedule) => schedule.adoptedBy ?? '', maxWidth: 50 },
        ]),
      );
    });
  });
}

export async function runRatesImport(file: string, options: GlobalOptions & { note?: string; requestId?: string }): Promise<void> {
  const path = resolve(file);
  if (!existsSync(path)) throw usageError(`There is no file ${file}`);
  await withSession(options, async (session) => {
    const saved = await session.call('rates.import', { documentJson: readFileSync(path, 'utf8'), note: options.note ?? '' }, options.requestId);
    printResult(options.json === true, saved, () => printLine(`Saved as rates version ${saved.rateBookId}: ${saved.document.schedules.length} schedule(s) now in force.`));
  });
}

export async function runRatesExport(options: GlobalOptions & { out?: string }): Promise<void> {
  const out = options.out ? resolve(options.out) : undefined;
  if (out && existsSync(out)) throw new CliError(EXIT.failed, `${options.out} already exists; choose a new file name`);
  await withSession(options, async (session) => {
    const rates = await session.call('rates.current', {});
    const json = `${JSON.stringify(rates.document, null, 2)}\n`;
    if (out) {
      writeFileSync(out, json, { flag: 'wx' });
      printLine(`Wrote rates version ${rates.rateBookId} to ${out}.`);
    } else {
      process.stdout.write(json);
    }
  });
}

export async function runBillingRuns(options: GlobalOptions & { cycle?: number }): Promise<void> {
  await withSession(options, async (session) => {
    const runs = await session.call('billing.runs', { ...(options.cycle ? { cycle: options.cycle } : {}), limit: 50 });
    printResult(options.json === true, runs, () => {
      if (runs.length === 0) return printLine('No bill runs yet.');
      printLine(
        renderTable(runs, [
          { header: 'Run', value: (run) => String(run.runId), align: 'right' },
          { header: 'Cycle', value: (run) => String(run.cycle), align: 'right' },
          { header: 'Period', value: (run) => run.period },
          { header: 'Status', value: (run) => run.status },
          { header: 'Bills', value: (run) => String(run.billCount), align: 'right' },
          { header: 'Total', value: (run) => money(run.totalCents), align: 'right' },
          { header: 'Held', value: (run) => String(run.heldCount), align: 'right' },
          { header: 'Blocked', value: (run) => String(run.blockedCount), align: 'right' },
          { header: 'Bill date', value: (run) => run.billDate },
        ]),
      );
    });
  });
}

function printReview(review: BillRunReview): void {
  const { run, accounting } = review;
  printLine(
    renderFields([
      ['Run', `${run.runId}: cycle ${run.cycle}, ${run.period} — ${run.status}`],
      ['Bill date / due', `${run.billDate} / ${run.dueDate}`],
      ['Bills', `${run.billCount}, total ${money(run.totalCents)}`],
      ['Previous run', review.previous ? `${review.previous.period}: ${review.previous.billCount} bills, ${money(review.previous.totalCents)}` : 'none'],
      ['Accounts', `${accounting.total}: ${accounting.billed} billed, ${accounting.held} held, ${accounting.blocked} blocked, ${accounting.unaccounted} unaccounted`],
      ['Zero / negative / very high', `${review.zeroBills.length} / ${review.negativeBills.length} / ${review.veryHighBills.length} (≥ ${money(review.veryHighBillCents)})`],
    ]),
  );
  printLine('');
  printLine(
    renderTable(review.register, [
      { header: 'Service', value: (row) => row.service },
      { header: 'Rate class', value: (row) => row.rateClass ?? '—' },
      { header: 'Bills', value: (row) => String(row.bills), align: 'right' },
      { header: 'Amount', value: (row) => money(row.amountCents), align: 'right' },
    ]),
  );
  if (accounting.notBilled.length > 0) {
    printLine('');
    printLine(
      renderTable(accounting.notBilled, [
        { header: 'Account', value: (row) => row.accountNumber },
        { header: 'Customer', value: (row) => row.customerName, maxWidth: 28 },
        { header: 'Held/blocked', value: (row) => row.disposition },
        { header: 'Why', value: (row) => row.reason, maxWidth: 70 },
      ]),
    );
  }
  for (const blocker of review.postBlockers) printLine(`Cannot post yet: ${blocker}`);
}

type RunOptions = GlobalOptions & { requestId?: string };

/** Runs one run-level operation and prints the review it returns. */
async function runReviewing(options: RunOptions, work: (session: Parameters<Parameters<typeof withSession>[1]>[0]) => Promise<BillRunReview>): Promise<void> {
  await withSession(options, async (session) => {
    const review = await work(session);
    printResult(options.json === true, review, () => printReview(review));
  });
}

export const runBillingCreate = (options: RunOptions & { cycle: number; period: string; billDate: string; dueDate: string }) =>
  runReviewing(options, (session) => session.call('billing.createRun', { cycle: options.cycle, period: options.period, billDate: options.billDate, dueDate: options.dueDate }, options.requestId));
export const runBillingReview = (runId: number, options: RunOptions) => runReviewing(options, (session) => session.call('billing.review', { runId }));
export const runBillingRecompute = (runId: number, options: RunOptions) => runReviewing(options, (session) => session.call('billing.recompute', { runId }, options.requestId));
export const runBillingApprove = (runId: number, options: RunOptions & { note?: string }) =>
  runReviewing(options, (session) => session.call('billing.approve', { runId, note: options.note ?? '' }, options.requestId));
export const runBillingPost = (runId: number, options: RunOptions) => runReviewing(options, (session) => session.call('billing.post', { runId }, options.requestId));

export async function runBillingCancel(runId: number, options: RunOptions & { reason: string }): Promise<void> {
  await withSession(options, async (session) => {
    const run = await session.call('billing.cancelRun', { runId, reason: options.reason }, options.requestId);
    printResult(options.json === true, run, () => printLine(`Run ${run.runId} cancelled.`));
  });
}

export async function runBillingBills(runId: number, options: GlobalOptions & { query?: string; limit: number }): Promise<void> {
  await withSession(options, async (session) => {
    const result = await session.call('billing.bills', { runId, limit: options.limit, ...(options.query ? { query: options.query } : {}) });
    printResult(options.json === true, result, () => {
      printLine(
        renderTable(result.rows, [
          { header: 'Bill', value: (row) => String(row.billId), align: 'right' },
          { header: 'Account', value: (row) => row.accountNumber },
          { header: 'Customer', value: (row) => row.customerName, maxWidth: 28 },
          { header: 'Kind', value: (row) => row.kind },
          { header: 'Use HCF', value: (row) => `${row.usageHcf}${row.estimated ? ' (est.)' : ''}`, align: 'right' },
          { header: 'Total', value: (row) => money(row.totalCents), align: 'right' },
          { header: 'Status', value: (row) => row.status },
        ]),
      );
      if (result.total > result.rows.length) printLine(`(first ${result.rows.length} of ${result.total}; narrow with --query or raise --limit)`);
    });
  });
}

function printBill(bill: BillView, explain: boolean): void {
  printLine(
    renderFields([
      ['Bill', `${bill.billId} (${bill.kind}, ${bill.status})${bill.replacesBillId ? `, replaces bill ${bill.replacesBillId}` : ''}${bill.replacedByBillId ? `, replaced by bill ${bill.replacedByBillId}` : ''}`],
      ['Account', `${bill.accountNumber} ${bill.customerName}`],
      ['Service address', bill.serviceAddress],
      ['Period', `${bill.computed.fromDate} to ${bill.computed.toDate} (${bill.computed.periodDays} days)`],
      ['Meter', bill.meterSerial ? `${bill.meterSerial}: ${bill.priorReading} on ${bill.priorReadDate} → ${bill.reading} on ${bill.readDate}` : '—'],
      ['Use', `${bill.computed.usageHcf} HCF${bill.computed.estimated ? ' (estimated)' : ''}`],
      ...(bill.usageNote ? [['Conversion', bill.usageNote] as const] : []),
      ['Previous balance', money(bill.previousBalanceCents)],
      ['Current charges', money(bill.computed.totalCents)],
      ['Amount due', `${money(bill.amountDueCents)}${bill.dueDate ? ` by ${bill.dueDate}` : ''}`],
      ...(bill.messageCodes.length ? [['Messages', bill.messageCodes.join(', ')] as const] : []),
      ...(bill.cancelled ? [['Cancelled', `${bill.cancelled.at.slice(0, 10)} by ${bill.cancelled.by}: ${bill.cancelled.reason}`] as const] : []),
    ]),
  );
  printLine('');
  printLine(
    renderTable(bill.computed.lines, [
      { header: '#', value: (line) => String(bill.computed.lines.indexOf(line) + 1), align: 'right' },
      // Never cut: a split line's dates are at the end of its description.
      { header: 'Charge', value: (line) => line.description },
      { header: 'Amount', value: (line) => money(line.amountCents), align: 'right' },
      ...(explain
        ? [
            { header: 'Schedule', value: (line: BillLine) => line.scheduleEffectiveFrom },
            { header: 'Estimated', value: (line: BillLine) => (line.estimated ? 'yes' : '') },
          ]
        : []),
    ]),
  );
  if (!explain) return;
  // The arithmetic of each line, whole, under the table (a column would cut it).
  printLine('');
  printLine('How each line was computed:');
  bill.computed.lines.forEach((line, index) => printLine(`${String(index + 1).padStart(3)}. ${line.explanation.sentence}`));
}

export async function runBillingBill(billId: number, options: GlobalOptions & { explain?: boolean }): Promise<void> {
  await withSession(options, async (session) => {
    const bill = await session.call('billing.bill', { billId });
    printResult(options.json === true, bill, () => printBill(bill, options.explain === true));
  });
}

export async function runBillingCancelBill(billId: number, options: RunOptions & { reason: string; rebill: boolean }): Promise<void> {
  await withSession(options, async (session) => {
    session.requireRole('supervisor', 'cancel a posted bill from the command line (it needs a supervisor\'s approval)');
    const bill = await session.call('billing.cancelBill', { billId, reason: options.reason, rebill: options.rebill }, options.requestId);
    printResult(options.json === true, bill, () => {
      printLine(bill.billId === billId ? `Bill ${billId} cancelled (no rebill).` : `Bill ${billId} cancelled and rebilled as bill ${bill.billId}:`);
      if (bill.billId !== billId) printBill(bill, false);
    });
  });
}

export async function runBillingHold(accountNumber: string, options: RunOptions & { reason?: string; release?: boolean }): Promise<void> {
  if (!options.release && !options.reason) throw usageError('Give --reason <why> to hold the account, or --release to bill it again');
  await withSession(options, async (session) => {
    const account = await session.call('accounts.findByNumber', { accountNumber });
    const result = await session.call('billing.setHold', { accountId: account.accountId, reason: options.release ? null : (options.reason ?? null) }, options.requestId);
    printResult(options.json === true, result, () =>
      printLine(result.billHoldReason ? `Account ${accountNumber} is held out of bill runs: ${result.billHoldReason}` : `Account ${accountNumber} is billed again.`),
    );
  });
}

export async function runBillingMoveOut(accountNumber: string, options: RunOptions & { date: string; reading: string; keepDeposit?: boolean }): Promise<void> {
  await withSession(options, async (session) => {
    const account = await session.call('accounts.findByNumber', { accountNumber });
    const result = await session.call(
      'billing.moveOut',
      { accountId: account.accountId, moveOutDate: options.date, finalReading: options.reading, applyDeposit: options.keepDeposit !== true },
      options.requestId,
    );
    printResult(options.json === true, result, () => {
      printBill(result.finalBill, true);
      printLine('');
      printLine(
        renderFields([
          ['Deposit applied', money(result.depositAppliedCents)],
          ['Balance', result.balanceCents >= 0 ? `${money(result.balanceCents)} due` : `${money(-result.balanceCents)} credit`],
          ...(result.refundDueCents > 0 ? [['Refund due', money(result.refundDueCents)] as const] : []),
        ]),
      );
    });
  });
}
