/**
 * Registers the cash-drawer and payment commands (docs/cli.md, "Payments and the cash drawer").
 * Like main.ts, the command module is imported only when one of these commands runs.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { GlobalOptions } from './office';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function positiveWhole(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) throw new InvalidArgumentError('Expected a whole number, 1 or more.');
  return Number(text.trim());
}

function isoDay(text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text.trim())) throw new InvalidArgumentError('Expected a date like 2026-11-02.');
  return text.trim();
}

/** "116,117" → ["116", "117"]; "none" → []. The codes themselves are checked by the operation. */
const codeList = (text: string): string[] => (text.trim().toLowerCase() === 'none' ? [] : text.split(',').map((code) => code.trim()));

const options = <T>(command: Command) => command.optsWithGlobals() as T & GlobalOptions;
const load = () => import('./commands/payments');

const approvalOptions = (command: Command) =>
  command
    .requiredOption('--reason <text>', 'why (kept with the reversal and in the audit log)')
    .option('--approver <user>', 'a supervisor approving on the spot (not needed when you are one)')
    .option('--approver-password-file <file>', "the approver's password (else BILLING_OFFICE_APPROVER_PASSWORD, else asked)");

export function addPaymentsCommands(program: Command, state: { exitCode: number }): void {
  const drawer = program.command('drawer').description('open, close and list cash drawers');
  drawer
    .command('open')
    .description('open your drawer for today with its starting float')
    .requiredOption('--workstation <name>', 'the counter position, e.g. "Counter 1"')
    .option('--float <counts>', 'the float by denomination, e.g. bill_20=5,bill_10=5,coin_25=40 (repeatable)', collect)
    .action(async (_o, command: Command) => (await load()).runDrawerOpen(options(command)));
  drawer
    .command('close')
    .description('count and close a drawer (default: your open one); over/short needs --reason; --dry-run compares only')
    .option('--drawer <id>', 'the drawer (a supervisor may close any)', positiveWhole)
    .option('--cash <counts>', 'cash counted by denomination, float included (repeatable)', collect)
    .option('--item <kind:number:dollars>', 'a check or money order in the drawer, e.g. check:1043:80.00 (repeat for each)', collect)
    .option('--card-batch <dollars>', "the card terminal's batch total")
    .option('--reason <text>', 'why the drawer is over or short')
    .option('--dry-run', 'show expected vs counted and save nothing')
    .action(async (_o, command: Command) => {
      state.exitCode = await (await load()).runDrawerClose(options(command));
    });
  drawer
    .command('list')
    .description('drawers: yours, or every clerk’s for a supervisor')
    .addOption(new Option('--status <status>', 'which drawers').choices(['open', 'closed', 'deposited', 'all']).default('open'))
    .option('--date <YYYY-MM-DD>', 'only this business day', isoDay)
    .action(async (_o, command: Command) => (await load()).runDrawerList(options(command)));

  program
    .command('pay')
    .description('take a payment: one receipt, one or several accounts, split tenders')
    .requiredOption('--account <number=dollars>', 'an account and what it is paid, e.g. 001234-01=126.59 (repeat for several)', collect)
    .option('--cash <dollars>', 'cash handed over (change is computed)')
    .option('--check <number:bank:dollars>', 'a check, e.g. 1043:Valley Bank:80.00 (repeatable)', collect)
    .option('--card <last4:auth:dollars>', 'a card payment: last four digits and authorisation code only (repeatable)', collect)
    .option('--money-order <serial:issuer:dollars>', 'a money order (repeatable)', collect)
    .option('--change-as-credit', 'leave the change on the account as a credit')
    .option('--credit-account <number>', 'the account that gets any credit (default: the first)')
    .addOption(new Option('--channel <channel>', 'how it came').choices(['counter', 'mail', 'dropbox']).default('counter'))
    .option('--batch <id>', 'the open mail or drop-box batch', positiveWhole)
    .option('--payer <name>', 'who paid (printed on the receipt)')
    .option('--payment-id <uuid>', 'the payment’s id: repeating the command with the same id posts it once')
    .action(async (_o, command: Command) => (await load()).runPay(options(command)));

  program
    .command('receipt')
    .description('show a receipt; --reprint prints it as a reprint (audited)')
    .argument('<receipt>', 'the receipt number, e.g. R0000123')
    .option('--reprint', 'record and print a reprint')
    .option('--pdf <file>', 'also write the receipt as a PDF to this new file')
    .option('--roll', 'with --pdf: the 80 mm receipt-printer layout (default: half a letter page)')
    .action(async (receipt: string, _o, command: Command) => (await load()).runReceipt(receipt, options(command)));

  approvalOptions(program.command('void').description("void today's payment by reversal (a supervisor approves)").argument('<receipt>', 'the receipt number')).action(
    async (receipt: string, _o, command: Command) => (await load()).runVoid(receipt, options(command)),
  );
  approvalOptions(
    program.command('return-check').description('record a returned (NSF) check: reverse the payment, charge the fee, note the account').argument('<receipt>', 'the receipt number'),
  ).action(async (receipt: string, _o, command: Command) => (await load()).runReturnCheck(receipt, options(command)));

  const payments = program.command('payments').description('find past payments');
  payments
    .command('find')
    .description('past receipts, newest first: by receipt, check or money-order number, account, business-day range (all given must match)')
    .option('--receipt <number>', 'the receipt number, e.g. R0000123 (or 123)')
    .option('--check <number>', 'a check number or money-order serial as printed (leading zeros do not matter)')
    .option('--account <number>', 'the account number, e.g. 001234-01')
    .option('--from <YYYY-MM-DD>', 'first business day', isoDay)
    .option('--to <YYYY-MM-DD>', 'last business day', isoDay)
    .option('--limit <n>', 'at most this many receipts (default 50, at most 500)', positiveWhole)
    .action(async (_o, command: Command) => (await load()).runPaymentsFind(options(command)));

  const batch = program.command('batch').description('mail and drop-box batches');
  batch
    .command('open')
    .description('open a batch with its control count and total (from the adding-machine tape)')
    .addOption(new Option('--channel <channel>', 'mail or drop box').choices(['mail', 'dropbox']).makeOptionMandatory())
    .requiredOption('--count <n>', 'how many payments', positiveWhole)
    .requiredOption('--total <dollars>', 'their total')
    .option('--note <text>', 'a note')
    .action(async (_o, command: Command) => (await load()).runBatchOpen(options(command)));
  batch
    .command('show')
    .argument('<id>', 'the batch', positiveWhole)
    .description('entries keyed against the control figures')
    .action(async (id: number, _o, command: Command) => (await load()).runBatchShowOrClose(id, false, options(command)));
  batch
    .command('correct')
    .argument('<receipt>', 'the entry keyed wrong, e.g. R0000123')
    .description('key an entry of an open batch again as it should have been (it is replaced; no approval while the batch is open)')
    .requiredOption('--account <number=dollars>', 'an account and what it is paid (repeat for several)', collect)
    .option('--cash <dollars>', 'cash')
    .option('--check <number:bank:dollars>', 'a check, e.g. 1043:Valley Bank:80.00 or 1043::80.00 without the bank (repeatable)', collect)
    .option('--card <last4:auth:dollars>', 'a card payment (repeatable)', collect)
    .option('--money-order <serial:issuer:dollars>', 'a money order (repeatable)', collect)
    .option('--credit-account <number>', 'the account that gets any credit (default: the first)')
    .option('--payer <name>', 'who paid')
    .option('--payment-id <uuid>', 'the corrected payment’s id')
    .action(async (receipt: string, _o, command: Command) => (await load()).runBatchCorrect(receipt, options(command)));
  batch
    .command('close')
    .argument('<id>', 'the batch', positiveWhole)
    .description('close a batch (refused until its entries match)')
    .action(async (id: number, _o, command: Command) => (await load()).runBatchShowOrClose(id, true, options(command)));

  const lockbox = program.command('lockbox').description('bank lockbox files');
  lockbox
    .command('import')
    .description('import a lockbox file all-or-nothing (technician); --dry-run previews')
    .argument('<file>', 'the bank file')
    .addOption(new Option('--format <format>', 'file format').choices(['lockbox-csv', 'bai2', 'bai-lockbox']).makeOptionMandatory())
    .option('--item-codes <codes>', 'BAI2 only: the 16-record type codes that are payments in this file, e.g. 116,117 (default: the office setting, see `lockbox codes`)', codeList)
    .option('--dry-run', 'show items and problems; import nothing')
    .action(async (file: string, _o, command: Command) => {
      state.exitCode = await (await load()).runLockboxImport(file, options(command));
    });
  lockbox
    .command('codes')
    .description("the office's BAI2 lockbox type codes: which 16 records are payments and which the deposit's total (technician); with options, change them")
    .option('--item-codes <codes>', 'the payment (item) type codes, e.g. 116 or 116,117', codeList)
    .option('--deposit-codes <codes>', 'the deposit-total type codes, e.g. 115; "none" for none', codeList)
    .action(async (_o, command: Command) => (await load()).runLockboxCodes(options(command)));

  program
    .command('deposit')
    .description('prepare the bank deposit of closed drawers and mark them deposited (supervisor)')
    .argument('<drawerIds...>', 'the closed drawers', (value: string, previous: number[] = []) => [...previous, positiveWhole(value)])
    .option('--request-id <uuid>', 'idempotency key: repeating with the same id makes the deposit once')
    .option('--pdf <file>', 'also write the deposit slip as a PDF to this new file')
    .action(async (drawerIds: number[], _o, command: Command) => (await load()).runDeposit(drawerIds, options(command)));

  program
    .command('end-of-day')
    .description('the end-of-day report with its balance checks (exit 1 when it does not balance); --finalise (supervisor)')
    .option('--date <YYYY-MM-DD>', 'the business day (default today)', isoDay)
    .option('--finalise', 'finalise the day (refused unless it balances)')
    .option('--pdf <file>', 'also write the report as a PDF to this new file')
    .action(async (_o, command: Command) => {
      state.exitCode = await (await load()).runEndOfDay(options(command));
    });
}
