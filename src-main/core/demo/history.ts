/**
 * The demo district's billing history: every cycle's bill runs from its reads (all but the newest
 * read month, which is left for the office to bill), approved and posted as a supervisor would,
 * and the payments that followed each bill, with each customer's habits (prompt, late, far
 * behind, stopped paying, paying ahead), so that aging and collections have real work.
 *
 * Bills are decided and computed exactly as a bill run does (the run's own facts query, `decide`
 * and the rate engine), but written in bulk with prepared statements: the runs of a year through
 * createRun/approveRun/postRun would take most of a minute at 10,000 accounts. The rows are the
 * ones postRun leaves (posted bills, lines, shared explanations, dispositions, one journal entry
 * per bill with the id `billEntryId` gives), and payments are the rows a bank file import leaves
 * (lockbox imports, payments, tenders, receipts' accounts, one journal entry each, bank 1040
 * against receivable). `system.verify` and its cross-checks hold.
 */
import { GL } from '../ledger/chart';
import { postEntryInTransaction, type PostingLine } from '../ledger/journal';
import { billEntryId } from '../billing/runs';
import { decide, type PlannedBill, type RunContext } from '../billing/draft';
import { loadCycleFacts, type AccountFacts } from '../billing/facts';
import { currentRates } from '../billing/rate-store';
import { sha256Hex } from '../hashing';
import type { Sqlite } from '../storage/database';
import { addDays } from './calendar';
import type { Random } from './random';

/** A bill goes out two days after its read; it is due three weeks later. */
export const BILL_DAYS_AFTER_READ = 2;
export const DUE_DAYS_AFTER_BILL = 21;

/** How an account's customer pays (drawn once per account, from the payment stream). */
export type PayerHabit = 'autopay' | 'prompt' | 'late' | 'slow30' | 'slow60' | 'stopped' | 'sporadic' | 'ahead';
const HABITS: Readonly<Record<Exclude<PayerHabit, 'autopay'>, number>> = {
  prompt: 58, late: 18, slow30: 7, slow60: 5, stopped: 5, sporadic: 4, ahead: 3,
};
/** What becomes of a closed account's final bill. */
const FINAL_BILL_OUTCOME = { paid: 75, unpaid: 20, paidTwice: 5 } as const;
/** "Paying ahead": each payment is the bill rounded up to the next $25, so a credit builds. */
const AHEAD_ROUNDING_CENTS = 2_500;

export interface HistoryTotals {
  billRuns: number;
  bills: number;
  billedCents: number;
  payments: number;
  paidCents: number;
  bankFiles: number;
  /** Accounts a run held (not yet open on the read day, or not billable that month). */
  heldAccounts: number;
}

interface CycleRun {
  cycle: number;
  period: string;
  readDate: string;
  billDate: string;
  dueDate: string;
}

interface PlannedPayment {
  date: string;
  accountId: number;
  amountCents: number;
  autopay: boolean;
}

const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

/** Banks credit on business days: a Saturday or Sunday item lands on Monday. */
function nextBusinessDay(date: string): string {
  const day = weekday(date);
  return day === 6 ? addDays(date, 2) : day === 0 ? addDays(date, 1) : date;
}

function prepareStatements(db: Sqlite) {
  return {
    insertRun: db.prepare(
      `INSERT INTO bill_runs (id, cycle, period, status, rate_book_id, bill_date, due_date, bill_count, total_cents, created_at, created_by_user_id,
         computed_at, approved_at, approved_by_user_id, posted_at, posted_by_user_id, note)
       VALUES (?, ?, ?, 'posted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')`,
    ),
    insertBill: db.prepare(
      `INSERT INTO bills (id, run_id, account_id, kind, status, period, from_date, to_date, period_days, read_id, prior_read_id, usage_hcf, estimated,
         total_cents, previous_balance_cents, amount_due_cents, message_codes, summary, journal_entry_id, rate_book_id, created_at)
       VALUES (?, ?, ?, ?, 'posted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertLine: db.prepare(
      `INSERT INTO bill_lines (bill_id, line_no, kind, service, rate_class, gl_code, description, amount_cents, from_date, to_date, explanation_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    explanationId: db.prepare<[string], number>('SELECT id FROM bill_line_explanations WHERE explanation_json = ?').pluck(),
    insertExplanation: db.prepare<[string]>('INSERT INTO bill_line_explanations (explanation_json) VALUES (?)'),
    insertDisposition: db.prepare('INSERT INTO bill_run_accounts (run_id, account_id, disposition, reason) VALUES (?, ?, ?, ?)'),
    insertImport: db.prepare(
      `INSERT INTO lockbox_imports (id, file_name, format, file_sha256, item_count, total_cents, business_date, imported_at, imported_by_user_id)
       VALUES (?, ?, 'lockbox-csv', ?, ?, ?, ?, ?, ?)`,
    ),
    insertPayment: db.prepare(
      `INSERT INTO payments (id, payment_uid, receipt_number, channel, drawer_id, batch_id, lockbox_import_id, source_line, clerk_user_id,
         business_date, received_at, payer_name, amount_cents, tendered_cents, change_cents, credit_cents, payment_cents, content_hash,
         journal_entry_id, status)
       VALUES (?, ?, ?, 'lockbox', NULL, NULL, ?, ?, ?, ?, ?, '', ?, ?, 0, 0, ?, ?, ?, 'posted')`,
    ),
    insertTender: db.prepare(
      `INSERT INTO payment_tenders (payment_id, line_no, kind, amount_cents, item_number, drawn_on, card_last_four, card_authorization)
       VALUES (?, 1, 'check', ?, ?, ?, NULL, NULL)`,
    ),
    insertPaymentAccount: db.prepare('INSERT INTO payment_accounts (payment_id, line_no, account_id, amount_cents, balance_after_cents) VALUES (?, 1, ?, ?, ?)'),
    balance: db.prepare<[number], number>('SELECT balance_cents FROM account_balances WHERE account_id = ?').pluck(),
  };
}

/**
 * Writes the history. `readDatesByCycle`: each cycle's monthly read dates, oldest first; the
 * first has no read before it (nothing to bill) and the newest is left unbilled.
 */
export class DemoHistory {
  private readonly statements;
  private readonly habits = new Map<number, PayerHabit>();
  /** When a "stopped" payer made its last payment. */
  private readonly stopsOn = new Map<number, string>();
  private pending: PlannedPayment[] = [];
  /** Explanation ids by text: the history writes each text once and never looks it up again. */
  private readonly explanationIds = new Map<string, number>();
  private nextBillId = 1;
  private nextPaymentId = 1;
  private nextImportId = 1;
  readonly totals: HistoryTotals = { billRuns: 0, bills: 0, billedCents: 0, payments: 0, paidCents: 0, bankFiles: 0, heldAccounts: 0 };

  constructor(
    private readonly db: Sqlite,
    private readonly today: string,
    private readonly seed: number,
    private readonly random: Random,
    private readonly checkRandom: Random,
    private readonly users: { clerk: number; technician: number; supervisor: number },
  ) {
    this.statements = prepareStatements(db);
  }

  build(readDatesByCycle: ReadonlyMap<number, readonly string[]>): void {
    const runs: CycleRun[] = [];
    // The rates cover what they cover: a month that began before the first schedule is not billed
    // (the demo invents no older rates; the demo's sample starts on 2026-01-01).
    const ratesFrom = currentRates(this.db).document.schedules.reduce((first, schedule) => (schedule.effectiveFrom < first ? schedule.effectiveFrom : first), '9999-12-31');
    for (const [cycle, readDates] of readDatesByCycle) {
      // Index 0 has no read before it; the newest (last) is this month's work, left unbilled.
      for (let index = 1; index < readDates.length - 1; index += 1) {
        if ((readDates[index - 1] as string) < ratesFrom) continue;
        const readDate = readDates[index] as string;
        const billDate = addDays(readDate, BILL_DAYS_AFTER_READ);
        runs.push({ cycle, period: readDate.slice(0, 7), readDate, billDate, dueDate: addDays(billDate, DUE_DAYS_AFTER_BILL) });
      }
    }
    runs.sort((a, b) => (a.billDate < b.billDate ? -1 : a.billDate > b.billDate ? 1 : a.cycle - b.cycle));
    for (const run of runs) {
      // Payments that came in before the bill date are on the account when the bill is computed.
      this.payBefore(run.billDate);
      this.postRun(run);
    }
    this.payBefore(this.today);
  }

  private postRun(run: CycleRun): void {
    const rates = currentRates(this.db);
    const context: RunContext = { cycle: run.cycle, period: run.period, billDate: run.billDate, rates: rates.book, computed: new Map() };
    const explanationIds = new Map<object, number>();
    const runId = this.totals.billRuns + 1;
    const at = (time: string) => `${run.billDate}T${time}.000Z`;
    const billed: { facts: AccountFacts; bill: PlannedBill }[] = [];
    const held: { facts: AccountFacts; reason: string }[] = [];
    for (const facts of loadCycleFacts(this.db, run.cycle, run.period, { winterClasses: rates.winterClasses })) {
      // The facts are today's: an account opened after this read day (a move) was not there yet.
      // The office held it, and its first bill comes from its start read next month.
      if (facts.openedOn > run.readDate) {
        held.push({ facts, reason: `Opened ${facts.openedOn}, after the read: billed from its start read next month` });
        continue;
      }
      const decision = decide(facts, context);
      if (!decision.bill) {
        // What the office did with an account the run could not bill (a new winter-average tenant
        // with no winter read yet): held it, and billed the month with the next one.
        held.push({ facts, reason: `Held by the office: ${decision.reason}` });
        continue;
      }
      billed.push({ facts, bill: decision.bill });
    }
    const totalCents = billed.reduce((sum, { bill }) => sum + bill.computed.totalCents, 0);
    // The run as postRun leaves it: created by the technician, approved and posted by the supervisor.
    this.statements.insertRun.run(
      runId, run.cycle, run.period, rates.rateBookId, run.billDate, run.dueDate, billed.length, totalCents, at('16:00:00'), this.users.technician,
      at('16:00:00'), at('17:00:00'), this.users.supervisor, at('18:00:00'), this.users.supervisor,
    );
    for (const { facts, bill } of billed) {
      const { computed } = bill;
      const billId = this.nextBillId++;
      const entryId = this.postBillEntry(billId, facts.accountId, computed.totalCents, computed.lines, run, at('18:00:00'));
      const codes = bill.messageCodes;
      this.statements.insertBill.run(
        billId, runId, facts.accountId, bill.kind, run.period, computed.fromDate, computed.toDate, computed.periodDays, bill.readId,
        bill.priorReadId, computed.usageHcf, computed.estimated ? 1 : 0, computed.totalCents, facts.balanceCents,
        facts.balanceCents + computed.totalCents, `,${codes.join(',')}${codes.length ? ',' : ''}`, computed.summary, entryId, rates.rateBookId, at('16:00:00'),
      );
      computed.lines.forEach((line, index) => {
        this.statements.insertLine.run(
          billId, index + 1, line.kind, line.service, line.rateClass, line.glCode, line.description, line.amountCents, line.fromDate, line.toDate,
          this.explanationId(explanationIds, line.explanation),
        );
      });
      this.statements.insertDisposition.run(runId, facts.accountId, 'billed', '');
      // The bill up to the move-out read is the account's last (the run calls it regular: the services end on its last day).
      const lastBill = facts.status === 'closed' && facts.closedOn !== null && facts.closedOn <= computed.toDate;
      this.planPayments(facts.accountId, facts.autopay, lastBill, computed.totalCents, run);
    }
    for (const { facts, reason } of held) this.statements.insertDisposition.run(runId, facts.accountId, 'held', reason);
    this.totals.heldAccounts += held.length;
    this.totals.billRuns += 1;
    this.totals.bills += billed.length;
    this.totals.billedCents += totalCents;
  }

  /** The bill's journal entry, as postRun posts it: receivable up by the total, each revenue account credited. */
  private postBillEntry(billId: number, accountId: number, totalCents: number, lines: readonly { glCode: string; amountCents: number }[], run: CycleRun, postedAt: string): string | null {
    const revenueByGl = new Map<string, number>();
    for (const line of lines) revenueByGl.set(line.glCode, (revenueByGl.get(line.glCode) ?? 0) + line.amountCents);
    const posting: PostingLine[] = [];
    if (totalCents !== 0) posting.push({ glCode: GL.accountsReceivable, accountId, amountCents: totalCents });
    for (const [glCode, amountCents] of revenueByGl) if (amountCents !== 0) posting.push({ glCode, amountCents: -amountCents });
    if (posting.length === 0) return null;
    const entryId = billEntryId(billId);
    postEntryInTransaction(
      this.db,
      postedAt,
      { entryId, effectiveDate: run.billDate, kind: 'bill', memo: `Bill ${billId}: cycle ${run.cycle}, ${run.period}`, lines: posting, createdByUserId: this.users.supervisor },
      { fresh: true },
    );
    return entryId;
  }

  /** The stored explanation's id, by object within a run (bills computed alike share one) and by text across runs. */
  private explanationId(known: Map<object, number>, explanation: object): number {
    const id = known.get(explanation);
    if (id !== undefined) return id;
    const text = JSON.stringify(explanation);
    let stored = this.explanationIds.get(text);
    if (stored === undefined) {
      stored = this.statements.explanationId.get(text) ?? Number(this.statements.insertExplanation.run(text).lastInsertRowid);
      this.explanationIds.set(text, stored);
    }
    known.set(explanation, stored);
    return stored;
  }

  private habitOf(accountId: number, autopay: boolean): PayerHabit {
    let habit = this.habits.get(accountId);
    if (!habit) {
      habit = autopay ? 'autopay' : this.random.weighted(HABITS);
      this.habits.set(accountId, habit);
      // A stopped payer's last payment: 100 to 260 days before today, so its oldest unpaid bill is 90+ days past due.
      if (habit === 'stopped') this.stopsOn.set(accountId, addDays(this.today, -this.random.int(100, 260)));
    }
    return habit;
  }

  /** The payment(s) this bill will get, by the customer's habit; none dated today or later are made. */
  private planPayments(accountId: number, autopay: boolean, lastBill: boolean, totalCents: number, run: CycleRun): void {
    if (totalCents <= 0) return;
    const random = this.random;
    const habit = this.habitOf(accountId, autopay);
    const plan = (date: string, amountCents: number, byAutopay = false) =>
      this.pending.push({ date: nextBusinessDay(date), accountId, amountCents, autopay: byAutopay });
    if (lastBill) {
      const outcome = random.weighted(FINAL_BILL_OUTCOME);
      if (outcome === 'unpaid') return;
      plan(addDays(run.billDate, random.int(10, 40)), totalCents);
      // A second check for the same final bill: the office owes a refund.
      if (outcome === 'paidTwice') plan(addDays(run.billDate, random.int(41, 60)), totalCents);
      return;
    }
    switch (habit) {
      case 'autopay':
        plan(run.dueDate, totalCents, true);
        return;
      case 'prompt':
        plan(addDays(run.billDate, random.int(4, DUE_DAYS_AFTER_BILL)), totalCents);
        return;
      case 'late':
        plan(addDays(run.dueDate, random.int(1, 20)), totalCents);
        return;
      case 'slow30':
        plan(addDays(run.dueDate, random.int(15, 30)), totalCents);
        return;
      case 'slow60':
        plan(addDays(run.dueDate, random.int(35, 58)), totalCents);
        return;
      case 'stopped': {
        const date = addDays(run.billDate, random.int(5, 25));
        if (date <= (this.stopsOn.get(accountId) as string)) plan(date, totalCents);
        return;
      }
      case 'sporadic':
        if (random.chance(0.65)) plan(addDays(run.billDate, random.int(5, 45)), totalCents);
        return;
      case 'ahead':
        plan(addDays(run.billDate, random.int(3, 15)), Math.ceil(totalCents / AHEAD_ROUNDING_CENTS) * AHEAD_ROUNDING_CENTS);
        return;
    }
  }

  /** Posts every planned payment dated before `date`, day by day: one bank file a day for lockbox mail, one for autopay. */
  private payBefore(date: string): void {
    const due = this.pending.filter((payment) => payment.date < date);
    if (due.length === 0) return;
    this.pending = this.pending.filter((payment) => payment.date >= date);
    // Stable: the same day's payments keep the order they were planned in.
    due.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    let start = 0;
    while (start < due.length) {
      let end = start;
      while (end < due.length && (due[end] as PlannedPayment).date === (due[start] as PlannedPayment).date) end += 1;
      const day = due.slice(start, end);
      this.postBankFile(day.filter((payment) => !payment.autopay), 'lockbox');
      this.postBankFile(day.filter((payment) => payment.autopay), 'autopay');
      start = end;
    }
  }

  /** One day's bank file as an import would record it: the file, then each item as a lockbox payment. */
  private postBankFile(items: readonly PlannedPayment[], kind: 'lockbox' | 'autopay'): void {
    if (items.length === 0) return;
    const date = (items[0] as PlannedPayment).date;
    const importId = this.nextImportId++;
    const fileName = kind === 'lockbox' ? `lockbox-${date}.csv` : `autopay-ach-${date}.csv`;
    // No file exists: the hash names the demo's file for that day and seed, unique as the table requires.
    const fileSha256 = sha256Hex(`demo ${this.seed} ${fileName}`);
    const totalCents = items.reduce((sum, item) => sum + item.amountCents, 0);
    const importedAt = `${date}T15:${kind === 'lockbox' ? '00' : '30'}:00.000Z`;
    this.statements.insertImport.run(importId, fileName, fileSha256, items.length, totalCents, date, importedAt, this.users.clerk);
    items.forEach((item, index) => this.postPayment(item, importId, index + 1, fileSha256, kind, importedAt));
    this.totals.bankFiles += 1;
  }

  private postPayment(item: PlannedPayment, importId: number, line: number, fileSha256: string, kind: 'lockbox' | 'autopay', at: string): void {
    const id = this.nextPaymentId++;
    const receiptNumber = `R${String(id).padStart(7, '0')}`;
    const paymentUid = this.checkRandom.uuid();
    postEntryInTransaction(
      this.db,
      at,
      {
        entryId: paymentUid,
        effectiveDate: item.date,
        kind: 'payment',
        memo: `Receipt ${receiptNumber} (lockbox)`,
        createdByUserId: this.users.clerk,
        lines: [
          { glCode: GL.bankOperating, amountCents: item.amountCents },
          { glCode: GL.accountsReceivable, accountId: item.accountId, amountCents: -item.amountCents },
        ],
      },
      { fresh: true },
    );
    this.statements.insertPayment.run(
      id, paymentUid, receiptNumber, importId, line, this.users.clerk, item.date, at, item.amountCents, item.amountCents, item.amountCents,
      `lockbox:${fileSha256}:${line}`, paymentUid,
    );
    // An autopay debit carries no check number; a mailed check its own.
    const checkNumber = kind === 'autopay' ? null : String(this.checkRandom.int(1001, 9999));
    this.statements.insertTender.run(id, item.amountCents, checkNumber, kind === 'autopay' ? 'ACH autopay' : 'Lockbox');
    this.statements.insertPaymentAccount.run(id, item.accountId, item.amountCents, this.statements.balance.get(item.accountId) ?? 0);
    this.totals.payments += 1;
    this.totals.paidCents += item.amountCents;
  }
}
