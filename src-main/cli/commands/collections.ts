/**
 * `collections eligibility|show|hold|arrangement|notice|shutoff|turn-on|shutoff-count` and
 * `holidays list|add|remove`: the same operations as the account page's Collections panel.
 * A refused shut-off exits 1 with the operation's own sentence (every blocking rule and the
 * earliest lawful date); the CLI adds nothing to it.
 */
import {
  ARRANGEMENT_KIND_LABELS,
  FINANCIAL_PROGRAM_LABELS,
  HOLD_KIND_LABELS,
  NOTICE_KIND_LABELS,
  WORK_ORDER_TYPE_LABELS,
  type ArrangementKind,
  type FinancialProgram,
  type HoldKind,
  type NoticeKind,
  type ShutoffEligibility,
} from '../../../src-shared/contract';
import { formatCents, parseDollars } from '../../../src-shared/money';
import { usageError } from '../errors';
import { printLine, printResult } from '../io';
import { withSession, type CliSession, type GlobalOptions } from '../office';
import { renderFields, renderTable } from '../table';

interface Written {
  notes?: string;
  requestId?: string;
}

const accountIdOf = async (session: CliSession, accountNumber: string) => (await session.call('accounts.findByNumber', { accountNumber })).accountId;

function dollars(text: string, option: string): number {
  const cents = parseDollars(text);
  if (cents === null || cents < 0) throw usageError(`${option} must be an amount in dollars, like 412.50`);
  return cents;
}

function printEligibility(accountNumber: string, eligibility: ShutoffEligibility): void {
  printLine(
    renderFields([
      ['Account', `${accountNumber} (${eligibility.residential ? 'residential: SB 998' : "non-residential: the district's schedule"})`],
      ['On', eligibility.date],
      ['Days delinquent', eligibility.oldestUnpaidDueDate ? `${eligibility.daysDelinquent} (oldest unpaid due ${eligibility.oldestUnpaidDueDate})` : 'none'],
      ['Past due', formatCents(eligibility.amountDelinquentCents)],
      ['Shut-off that day', eligibility.allowed ? 'allowed' : 'NOT allowed'],
      ['Earliest lawful date', eligibility.earliestLawfulDate ?? 'none yet'],
      ['Set by', eligibility.settingRule ?? '—'],
    ]),
  );
  printLine();
  printLine(
    renderTable(eligibility.rules, [
      { header: 'Rule', value: (rule) => rule.rule },
      { header: 'Blocks', value: (rule) => (rule.blocks ? 'yes' : 'no') },
      { header: 'Lawful from', value: (rule) => rule.lawfulFrom ?? '—' },
    ]),
  );
  // The reasons are the law's words for this account: printed whole, never cut to a column.
  printLine();
  for (const rule of eligibility.rules) printLine(`${rule.rule}: ${rule.detail}`);
}

export async function runEligibility(accountNumber: string, options: GlobalOptions & { date?: string }): Promise<void> {
  await withSession(options, async (session) => {
    const accountId = await accountIdOf(session, accountNumber);
    const eligibility = await session.call('collections.shutoffEligibility', { accountId, ...(options.date ? { date: options.date } : {}) });
    printResult(options.json === true, eligibility, () => printEligibility(accountNumber, eligibility));
  });
}

export async function runShow(accountNumber: string, options: GlobalOptions): Promise<void> {
  await withSession(options, async (session) => {
    const accountId = await accountIdOf(session, accountNumber);
    const view = await session.call('collections.account', { accountId });
    printResult(options.json === true, view, () => {
      printEligibility(accountNumber, view.eligibility);
      printLine();
      printLine('Holds');
      printLine(
        view.holds.length === 0
          ? '  none'
          : renderTable(view.holds, [
              { header: 'No.', value: (hold) => String(hold.holdId), align: 'right' },
              { header: 'Kind', value: (hold) => `${HOLD_KIND_LABELS[hold.kind]}${hold.program ? ` (${FINANCIAL_PROGRAM_LABELS[hold.program]})` : ''}` },
              { header: 'From', value: (hold) => hold.startedOn },
              { header: 'Until', value: (hold) => hold.endedOn ?? 'in force' },
              { header: 'Recorded by', value: (hold) => hold.createdBy },
            ]),
      );
      printLine('Arrangements');
      printLine(
        view.arrangements.length === 0
          ? '  none'
          : renderTable(view.arrangements, [
              { header: 'No.', value: (a) => String(a.arrangementId), align: 'right' },
              { header: 'Kind', value: (a) => ARRANGEMENT_KIND_LABELS[a.kind] },
              { header: 'Accepted', value: (a) => a.acceptedOn },
              { header: 'Status', value: (a) => `${a.status}${a.failedOn ? ` ${a.failedOn}` : a.completedOn ? ` ${a.completedOn}` : ''}` },
              { header: 'Total', value: (a) => formatCents(a.totalCents), align: 'right' },
            ]),
      );
      printLine('Notices');
      printLine(
        view.notices.length === 0
          ? '  none'
          : renderTable(view.notices, [
              { header: 'Date', value: (n) => n.noticeDate },
              { header: 'Kind', value: (n) => NOTICE_KIND_LABELS[n.kind] },
              { header: 'Delinquent', value: (n) => formatCents(n.amountDelinquentCents), align: 'right' },
              { header: 'By', value: (n) => n.createdBy },
            ]),
      );
    });
  });
}

export async function runHoldAdd(accountNumber: string, options: GlobalOptions & Written & { kind: HoldKind; program?: FinancialProgram; from: string; to?: string }): Promise<void> {
  await withSession(options, async (session) => {
    const accountId = await accountIdOf(session, accountNumber);
    const hold = await session.call(
      'collections.addHold',
      { accountId, kind: options.kind, startedOn: options.from, notes: options.notes ?? '', ...(options.program ? { program: options.program } : {}), ...(options.to ? { endedOn: options.to } : {}) },
      options.requestId,
    );
    printResult(options.json === true, hold, () => printLine(`Hold ${hold.holdId}: ${HOLD_KIND_LABELS[hold.kind]} from ${hold.startedOn}${hold.endedOn ? ` until ${hold.endedOn}` : ''} on account ${accountNumber}`));
  });
}

export async function runHoldEnd(holdId: number, options: GlobalOptions & Written & { on: string }): Promise<void> {
  await withSession(options, async (session) => {
    const hold = await session.call('collections.endHold', { holdId, endedOn: options.on, notes: options.notes ?? '' }, options.requestId);
    printResult(options.json === true, hold, () => printLine(`Hold ${hold.holdId} (${HOLD_KIND_LABELS[hold.kind]}) ends ${hold.endedOn}`));
  });
}

export async function runArrangementAdd(accountNumber: string, options: GlobalOptions & Written & { kind: ArrangementKind; accepted: string; total: string }): Promise<void> {
  const totalCents = dollars(options.total, '--total');
  await withSession(options, async (session) => {
    const accountId = await accountIdOf(session, accountNumber);
    const arrangement = await session.call('collections.recordArrangement', { accountId, kind: options.kind, acceptedOn: options.accepted, totalCents, notes: options.notes ?? '' }, options.requestId);
    printResult(options.json === true, arrangement, () =>
      printLine(`Arrangement ${arrangement.arrangementId}: ${ARRANGEMENT_KIND_LABELS[arrangement.kind]} of ${formatCents(arrangement.totalCents)} accepted ${arrangement.acceptedOn}`),
    );
  });
}

export async function runArrangementEnd(arrangementId: number, status: 'failed' | 'completed', options: GlobalOptions & Written & { on: string }): Promise<void> {
  await withSession(options, async (session) => {
    const arrangement = await session.call('collections.endArrangement', { arrangementId, status, on: options.on, notes: options.notes ?? '' }, options.requestId);
    printResult(options.json === true, arrangement, () => printLine(`Arrangement ${arrangement.arrangementId} ${arrangement.status} on ${options.on}`));
  });
}

export async function runNotice(accountNumber: string, options: GlobalOptions & Written & { kind: NoticeKind; date: string; amount?: string }): Promise<void> {
  const amount = options.amount === undefined ? {} : { amountDelinquentCents: dollars(options.amount, '--amount') };
  await withSession(options, async (session) => {
    const accountId = await accountIdOf(session, accountNumber);
    const notice = await session.call('collections.recordNotice', { accountId, kind: options.kind, noticeDate: options.date, notes: options.notes ?? '', ...amount }, options.requestId);
    printResult(options.json === true, notice, () =>
      printLine(`${NOTICE_KIND_LABELS[notice.kind]} of ${notice.noticeDate} recorded on account ${accountNumber} (${formatCents(notice.amountDelinquentCents)} delinquent)`),
    );
  });
}

export async function runOrder(accountNumber: string, type: 'shutoff' | 'turn_on', options: GlobalOptions & Written & { date?: string }): Promise<void> {
  await withSession(options, async (session) => {
    const accountId = await accountIdOf(session, accountNumber);
    const order = await session.call('workOrders.create', { accountId, type, notes: options.notes ?? '', ...(options.date ? { scheduledFor: options.date } : {}) }, options.requestId);
    printResult(options.json === true, order, () => printLine(`Work order ${order.workOrderId}: ${WORK_ORDER_TYPE_LABELS[order.type]} on ${order.scheduledFor}, account ${accountNumber}`));
  });
}

export async function runShutoffCount(options: GlobalOptions & { from?: number; to?: number }): Promise<void> {
  await withSession(options, async (session) => {
    const counts = await session.call('collections.shutoffCounts', { ...(options.from ? { fromYear: options.from } : {}), ...(options.to ? { toYear: options.to } : {}) });
    printResult(options.json === true, counts, () => {
      if (counts.length === 0) return printLine('No shut-offs for non-payment were completed in those years.');
      printLine(
        renderTable(counts, [
          { header: 'Year', value: (row) => String(row.year) },
          { header: 'Residential', value: (row) => String(row.residential), align: 'right' },
          { header: 'Other', value: (row) => String(row.nonResidential), align: 'right' },
        ]),
      );
    });
  });
}

export async function runHolidaysList(options: GlobalOptions & { from?: string; to?: string; removed?: boolean }): Promise<void> {
  await withSession(options, async (session) => {
    const thisYear = session.runtime.clock.today().slice(0, 4);
    const holidays = await session.call('holidays.list', { fromDate: options.from ?? `${thisYear}-01-01`, toDate: options.to ?? `${thisYear}-12-31`, includeRemoved: options.removed === true });
    printResult(options.json === true, holidays, () => {
      if (holidays.length === 0) return printLine('No holidays in those dates.');
      printLine(
        renderTable(holidays, [
          { header: 'No.', value: (h) => String(h.holidayId), align: 'right' },
          { header: 'Date', value: (h) => h.date },
          { header: 'Name', value: (h) => h.name },
          { header: 'Source', value: (h) => h.source },
          { header: 'Removed', value: (h) => (h.removedAt ? h.removedAt.slice(0, 10) : '') },
        ]),
      );
    });
  });
}

export async function runHolidaysAdd(date: string, options: GlobalOptions & Written & { name: string }): Promise<void> {
  await withSession(options, async (session) => {
    const holiday = await session.call('holidays.add', { date, name: options.name }, options.requestId);
    printResult(options.json === true, holiday, () => printLine(`Holiday ${holiday.holidayId}: ${holiday.date} ${holiday.name} — the office is closed`));
  });
}

export async function runHolidaysRemove(holidayId: number, options: GlobalOptions & Written): Promise<void> {
  await withSession(options, async (session) => {
    const holiday = await session.call('holidays.remove', { holidayId }, options.requestId);
    printResult(options.json === true, holiday, () => printLine(`Removed ${holiday.date} ${holiday.name}: the office is open that day`));
  });
}
