/**
 * `billing account-bills <accountNumber>` and `billing open-items <accountNumber>` (billing.accountBills,
 * billing.openItems: the account page's bills and open charges), and
 * `billing charge-fee <accountNumber> --code CODE [--base <dollars>] [--note <text>]`:
 * billing.chargeFee, the account page's "Charge a fee". The amount comes from the fee table of the
 * rates in force (`rates show`), never typed; --base is the amount a percentage fee is taken of.
 */
import { formatCents, parseDollars } from '../../../src-shared/money';
import { usageError } from '../errors';
import { printLine, printResult } from '../io';
import { withSession, type GlobalOptions } from '../office';
import { renderFields, renderTable } from '../table';

export interface ChargeFeeOptions extends GlobalOptions {
  code: string;
  base?: string;
  note?: string;
  requestId?: string;
}

function baseCents(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const cents = parseDollars(text);
  if (cents === null || cents < 0) throw usageError(`--base: "${text}" is not an amount in dollars and cents, like 84.20`);
  return cents;
}

export async function runBillingChargeFee(accountNumber: string, options: ChargeFeeOptions): Promise<void> {
  const base = baseCents(options.base);
  await withSession(options, async (session) => {
    const account = await session.call('accounts.findByNumber', { accountNumber });
    const fee = await session.call(
      'billing.chargeFee',
      { accountId: account.accountId, code: options.code.trim().toUpperCase(), note: options.note ?? '', ...(base !== undefined ? { baseCents: base } : {}) },
      options.requestId,
    );
    printResult(options.json === true, fee, () =>
      printLine(
        renderFields([
          ['Charged', `${fee.description} ${formatCents(fee.amountCents)} to account ${fee.accountNumber}`],
          ['How', fee.explanation],
          ['Balance', fee.balanceCents >= 0 ? `${formatCents(fee.balanceCents)} due` : `${formatCents(-fee.balanceCents)} credit`],
        ]),
      ),
    );
  });
}

/** `billing account-bills <accountNumber>`: billing.accountBills, the account page's bills. */
export async function runBillingAccountBills(accountNumber: string, options: GlobalOptions): Promise<void> {
  await withSession(options, async (session) => {
    const account = await session.call('accounts.findByNumber', { accountNumber });
    const bills = await session.call('billing.accountBills', { accountId: account.accountId });
    printResult(options.json === true, bills, () => {
      if (bills.length === 0) return printLine(`Account ${accountNumber} has no bills yet.`);
      printLine(
        renderTable(bills, [
          { header: 'Bill', value: (bill) => String(bill.billId), align: 'right' },
          { header: 'Period', value: (bill) => bill.period },
          { header: 'Days billed', value: (bill) => `${bill.fromDate} – ${bill.toDate}` },
          { header: 'Kind', value: (bill) => bill.kind },
          { header: 'Use HCF', value: (bill) => `${bill.usageHcf}${bill.estimated ? ' (est.)' : ''}`, align: 'right' },
          { header: 'Total', value: (bill) => formatCents(bill.totalCents), align: 'right' },
          { header: 'Status', value: (bill) => bill.status },
        ]),
      );
    });
  });
}

/** `billing open-items <accountNumber>`: billing.openItems, what is still owed charge by charge and how a payment would apply. */
export async function runBillingOpenItems(accountNumber: string, options: GlobalOptions): Promise<void> {
  await withSession(options, async (session) => {
    const account = await session.call('accounts.findByNumber', { accountNumber });
    const open = await session.call('billing.openItems', { accountId: account.accountId });
    printResult(options.json === true, open, () => {
      if (open.items.length > 0) {
        printLine(
          renderTable(open.items, [
            { header: 'Charged', value: (item) => item.chargeDate },
            { header: 'Due', value: (item) => item.dueDate },
            { header: 'Charge', value: (item) => item.description, maxWidth: 44 },
            { header: 'Original', value: (item) => formatCents(item.originalCents), align: 'right' },
            { header: 'Open', value: (item) => formatCents(item.openCents), align: 'right' },
            { header: 'Bucket', value: (item) => item.bucket.replace('_', ' ') },
          ]),
        );
        printLine('');
      }
      printLine(
        renderFields([
          ['As of', open.asOf],
          ['Penalties / past due / current', `${formatCents(open.penaltyCents)} / ${formatCents(open.pastDueCents)} / ${formatCents(open.currentCents)}`],
          ['Unused credit', formatCents(open.creditCents)],
          ['Balance', formatCents(open.balanceCents)],
          ['Payments apply', open.rule.replace(/_/g, ' ')],
        ]),
      );
    });
  });
}
