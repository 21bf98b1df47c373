/**
 * `billing charge-fee <accountNumber> --code CODE [--base <dollars>] [--note <text>]`:
 * billing.chargeFee, the account page's "Charge a fee". The amount comes from the fee table of the
 * rates in force (`rates show`), never typed; --base is the amount a percentage fee is taken of.
 */
import { formatCents, parseDollars } from '../../../src-shared/money';
import { usageError } from '../errors';
import { printLine, printResult } from '../io';
import { withSession, type GlobalOptions } from '../office';
import { renderFields } from '../table';

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
