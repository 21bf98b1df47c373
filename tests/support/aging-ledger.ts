/**
 * Receivable history written straight into a test or bench database, for the aging's property
 * test and benchmark: accounts with their services, bills (a posted run and bill row giving the
 * due date, a journal entry Dr 1100 / Cr 4000 water + 4100 wastewater), payments (a payments row
 * and its entry Dr 1040 / Cr 1100, as a lockbox payment is), fees, adjustments and reversals.
 * Entries go through `postEntry` (which keeps account_balances) unless `raw` is set, when the
 * caller recomputes balances at the end (`settleBalances`): 50,000 accounts' 13 months in seconds.
 */
import { newRequestId } from '../../src-shared/ids';
import { billEntryId } from '../../src-main/core/billing/runs';
import { GL } from '../../src-main/core/ledger/chart';
import { postEntry, reverseEntry, type PostingLine } from '../../src-main/core/ledger/journal';
import type { Sqlite } from '../../src-main/core/storage/database';

export type TestRateClass = 'residential' | 'multi_family' | 'commercial' | 'irrigation';

export class AgingLedger {
  private sequence = 0;
  private rateBookId: number;
  private userId: number;
  private readonly insert;

  constructor(private readonly db: Sqlite, private readonly raw = false) {
    // Runs are numbered on from those already there (one live run per cycle and period).
    this.sequence = db.prepare('SELECT COALESCE(MAX(cycle), 0) FROM bill_runs').pluck().get() as number;
    this.userId = db.prepare('SELECT MIN(id) FROM users').pluck().get() as number;
    this.rateBookId =
      (db.prepare('SELECT MIN(id) FROM rate_books').pluck().get() as number | null) ??
      Number(db.prepare(`INSERT INTO rate_books (document_json, sha256, note, saved_at) VALUES ('{}', 'test', 'aging test', '2025-01-01T00:00:00Z')`).run().lastInsertRowid);
    this.insert = {
      customer: db.prepare(`INSERT INTO customers (kind, last_name, first_name, mailing_street, mailing_city, mailing_state, mailing_zip, created_at) VALUES ('person', ?, ?, '1 Main St', 'Valle Verde', 'CA', '95350', '2025-01-01T00:00:00Z')`),
      location: db.prepare(`INSERT INTO service_locations (street, city, state, zip, route, sequence, cycle) VALUES (?, 'Valle Verde', 'CA', '95350', 'R001', ?, 1)`),
      account: db.prepare(`INSERT INTO accounts (account_number, customer_id, location_id, status, opened_on, created_at) VALUES (?, ?, ?, 'active', '2025-01-01', '2025-01-01T00:00:00Z')`),
      balance: db.prepare('INSERT INTO account_balances (account_id, balance_cents) VALUES (?, 0)'),
      service: db.prepare(`INSERT INTO account_services (account_id, service, rate_class, dwelling_units, started_on) VALUES (?, ?, ?, 1, '2025-01-01')`),
      run: db.prepare(
        `INSERT INTO bill_runs (cycle, period, status, rate_book_id, bill_date, due_date, created_at, created_by_user_id, computed_at, posted_at) VALUES (?, ?, 'posted', ?, ?, ?, ?, ?, ?, ?)`,
      ),
      bill: db.prepare(
        `INSERT INTO bills (run_id, account_id, kind, status, period, from_date, to_date, period_days, usage_hcf, total_cents, journal_entry_id, rate_book_id, created_at)
         VALUES (?, ?, 'regular', 'posted', ?, ?, ?, 30, '10', ?, ?, ?, ?)`,
      ),
      payment: db.prepare(
        `INSERT INTO payments (id, payment_uid, receipt_number, channel, clerk_user_id, business_date, received_at, amount_cents, tendered_cents, change_cents, credit_cents, payment_cents, content_hash, journal_entry_id, status)
         VALUES (?, ?, printf('R%07d', ?), 'mail', ?, ?, ?, ?, ?, 0, 0, ?, 'test', ?, 'posted')`,
      ),
      nextBillId: db.prepare('SELECT COALESCE(MAX(id), 0) + 1 FROM bills').pluck(),
      nextPaymentId: db.prepare('SELECT COALESCE(MAX(id), 0) + 1 FROM payments').pluck(),
      entry: db.prepare(`INSERT INTO journal_entries (id, posted_at, effective_date, kind, memo, created_by_user_id, reverses_entry_id, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, 'raw')`),
      line: db.prepare('INSERT INTO journal_lines (entry_id, line_no, gl_code, account_id, amount_cents) VALUES (?, ?, ?, ?, ?)'),
    };
  }

  /** A new account with water and wastewater in the rate class; returns its id. */
  addAccount(number: string, rateClass: TestRateClass): number {
    const customerId = Number(this.insert.customer.run(`Customer ${number}`, 'Test').lastInsertRowid);
    const locationId = Number(this.insert.location.run(`${number} Oak St`, Number(customerId)).lastInsertRowid);
    const accountId = Number(this.insert.account.run(number, customerId, locationId).lastInsertRowid);
    this.insert.balance.run(accountId);
    this.insert.service.run(accountId, 'water', rateClass);
    this.insert.service.run(accountId, 'wastewater', rateClass);
    return accountId;
  }

  /** A posted run (one per bill date and due date): its id. */
  addRun(billDate: string, dueDate: string): number {
    this.sequence += 1;
    const at = `${billDate}T12:00:00.000Z`;
    return Number(this.insert.run.run(this.sequence, `${billDate}#${this.sequence}`, this.rateBookId, billDate, dueDate, at, this.userId, at, at).lastInsertRowid);
  }

  /** A bill on the run: water + wastewater cents; returns its entry id. */
  addBill(runId: number, accountId: number, billDate: string, waterCents: number, wastewaterCents: number, postedAt = this.postedAt(billDate)): string {
    // The app's bill entry ids (the bill's id in hex), so the bench's index locality is the app's.
    const entryId = billEntryId(this.insert.nextBillId.get() as number);
    const lines: PostingLine[] = [{ glCode: GL.accountsReceivable, accountId, amountCents: waterCents + wastewaterCents }];
    if (waterCents !== 0) lines.push({ glCode: GL.waterRevenue, amountCents: -waterCents });
    if (wastewaterCents !== 0) lines.push({ glCode: GL.wastewaterRevenue, amountCents: -wastewaterCents });
    this.post(entryId, postedAt, billDate, 'bill', lines);
    this.insert.bill.run(runId, accountId, billDate.slice(0, 7), billDate, billDate, waterCents + wastewaterCents, entryId, this.rateBookId, postedAt);
    return entryId;
  }

  /** A payment by mail on the day: a payments row and its entry; returns the entry id. */
  addPayment(accountId: number, day: string, cents: number, postedAt = this.postedAt(day)): string {
    const entryId = newRequestId();
    this.post(entryId, postedAt, day, 'payment', [
      { glCode: GL.bankOperating, amountCents: cents },
      { glCode: GL.accountsReceivable, accountId, amountCents: -cents },
    ]);
    const id = this.insert.nextPaymentId.get() as number;
    this.insert.payment.run(id, entryId, id, this.userId, day, postedAt, cents, cents, cents, entryId);
    return entryId;
  }

  /** A fee (a penalty under the penalties-first rule), due the day it is charged. */
  addFee(accountId: number, day: string, cents: number): string {
    const entryId = newRequestId();
    this.post(entryId, this.postedAt(day), day, 'fee', [
      { glCode: GL.accountsReceivable, accountId, amountCents: cents },
      { glCode: GL.feeRevenue, amountCents: -cents },
    ]);
    return entryId;
  }

  /** A billing adjustment: positive charges the account, negative credits it. */
  addAdjustment(accountId: number, day: string, cents: number): string {
    const entryId = newRequestId();
    this.post(entryId, this.postedAt(day), day, 'adjustment', [
      { glCode: GL.accountsReceivable, accountId, amountCents: cents },
      { glCode: GL.billingAdjustments, amountCents: -cents },
    ]);
    return entryId;
  }

  reverse(originalEntryId: string, day: string): string {
    const entryId = newRequestId();
    reverseEntry(this.db, this.postedAt(day), { entryId, originalEntryId, reason: 'test', effectiveDate: day, createdByUserId: this.userId });
    return entryId;
  }

  /** After raw writes: each account's cached balance = the sum of its receivable lines. */
  settleBalances(): void {
    this.db.exec(`UPDATE account_balances SET balance_cents = COALESCE((SELECT SUM(amount_cents) FROM journal_lines l WHERE l.account_id = account_balances.account_id AND l.gl_code = '${GL.accountsReceivable}'), 0)`);
  }

  private postedSeconds = 0;
  /** Posting times rise through the day, so the replay order is the order of the calls. */
  private postedAt(day: string): string {
    this.postedSeconds = (this.postedSeconds + 1) % 80_000;
    return `${day}T${new Date(this.postedSeconds * 1000).toISOString().slice(11, 19)}.000Z`;
  }

  private post(entryId: string, postedAt: string, effectiveDate: string, kind: string, lines: PostingLine[]): void {
    if (!this.raw) {
      postEntry(this.db, postedAt, { entryId, effectiveDate, kind, memo: kind, lines, createdByUserId: this.userId });
      return;
    }
    this.insert.entry.run(entryId, postedAt, effectiveDate, kind, kind, this.userId, null);
    lines.forEach((line, index) => this.insert.line.run(entryId, index + 1, line.glCode, line.accountId ?? null, line.amountCents));
  }
}
