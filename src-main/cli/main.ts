/**
 * `billing-office`: the command-line front end over the same operation table as the window.
 * Every command logs in with session.login and calls operations through OfficeRuntime.call,
 * except `init` and `demo`, which create the database and its first users.
 *
 * Command modules are imported when their command runs, so `--help` is instant and works even
 * when the native SQLite module is broken. See docs/cli.md for every command and exit code.
 */
import { readFileSync } from 'node:fs';
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { addAgingCommands } from './aging-commands';
import { CliError, DEBUG_HINT } from './errors';
import { EXIT } from './exit-codes';
import { ENV, printError, printFailureJson } from './io';
import type { GlobalOptions } from './office';
import { setInternalErrorReporter } from '../operations/internal-errors';
import { addCollectionsCommands } from './collections-commands';
import { addPaymentsCommands } from './payments-commands';
import { CMEP_METER_ID_FIELDS, COURTESY_CALL_OUTCOMES, READ_EXCEPTION_STATUSES, READ_EXCEPTION_TYPES, READ_WORK_ORDER_TYPES, WORK_ORDER_STATUSES } from '../../src-shared/contract/reads';

const ROLES = ['clerk', 'technician', 'supervisor'] as const;

function appVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function wholeNumber(min: number, max: number) {
  return (text: string): number => {
    if (!/^\d+$/.test(text.trim())) throw new InvalidArgumentError(`Expected a whole number from ${min} to ${max}.`);
    const value = Number(text.trim());
    if (value < min || value > max) throw new InvalidArgumentError(`Expected a whole number from ${min} to ${max}.`);
    return value;
  };
}

function yesNo(text: string): boolean {
  const answer = text.trim().toLowerCase();
  if (['yes', 'y', 'true', '1'].includes(answer)) return true;
  if (['no', 'n', 'false', '0'].includes(answer)) return false;
  throw new InvalidArgumentError('Say yes or no.');
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Options of the command plus the global ones (--db, --user, --password-file, --json). */
function allOptions<T>(command: Command): T & GlobalOptions {
  return command.optsWithGlobals() as T & GlobalOptions;
}

const HELP_FOOTER = `
Environment:
  ${ENV.user}          user name (instead of --user)
  ${ENV.password}      password of that user (else --password-file, else a hidden prompt)
  ${ENV.newPassword}  password for a user being added or changed (else --new-password-file, else a prompt)
  ${ENV.database}            the database file (instead of --db)
  ${ENV.dataFolder}          the data folder holding billing-office.sqlite (the default --db)
  ${ENV.debug}         1: on an internal error, print its details (as --debug does)

Exit codes:
  0 done   1 refused or failed (reason on stderr)   2 usage error   3 verify found problems
  4 database cannot be opened or created   5 internal error (a bug; --debug shows its details)
  130 cancelled at a prompt

Examples:
  billing-office --db office.sqlite init --district "Valley Water District" --supervisor sofia
  billing-office --db office.sqlite --user sofia users add carla --name "Carla Mendoza" --role clerk
  billing-office --db office.sqlite --user sofia verify
  billing-office --db office.sqlite --user sofia backup /media/usb/office-2026-11-30.sqlite

Full documentation: docs/cli.md`;

export function buildProgram(state: { exitCode: number }): Command {
  const program = new Command('billing-office');
  program
    .description('Billing Office from the command line: set up, users, accounts, verify, backup and restore.')
    .version(appVersion(), '-V, --version')
    .option('--db <file>', `office database file (default: ${ENV.database}, else billing-office.sqlite in the user data folder)`)
    .option('-u, --user <name>', `log in as this user (default: ${ENV.user}, else asked)`)
    .option('--password-file <file>', `read the password from the first line of this file (default: ${ENV.password}, else asked)`)
    .option('--json', 'print the result as JSON ({"ok":true,"value":...} or {"ok":false,"error":...})')
    .option('--debug', `on an internal error (exit 5), print its details and stack (also: ${ENV.debug}=1)`)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', HELP_FOOTER);

  program
    .command('init')
    .description('create a new office database with its district name and first supervisor')
    .requiredOption('--district <name>', 'the district name, as printed on bills')
    .requiredOption('--supervisor <user>', 'user name of the first supervisor')
    .option('--name <full name>', "the supervisor's full name (default: the user name)")
    .addHelpText('after', `\nThe supervisor's password comes from ${ENV.password}, --password-file, or is asked twice.`)
    .action(async (_options, command: Command) => {
      const { runInit } = await import('./commands/setup');
      await runInit(allOptions(command));
    });

  program
    .command('demo')
    .description('create a demo district (practice data) in a new database')
    .option('--accounts <n>', 'number of accounts', wholeNumber(1, 500_000), 500)
    .option('--seed <n>', 'random seed (the same seed makes the same district)', wholeNumber(0, Number.MAX_SAFE_INTEGER), 2026)
    .action(async (_options, command: Command) => {
      const { runDemo } = await import('./commands/setup');
      await runDemo(allOptions(command));
    });

  program
    .command('info')
    .description('the district, database, schema version and number of accounts')
    .action(async (_options, command: Command) => {
      const { runInfo } = await import('./commands/system');
      await runInfo(allOptions(command));
    });

  program
    .command('verify')
    .description('prove the books: entries balance, balances match the control account, audit chain intact (exit 3 if not)')
    .option('--full', 're-read every row of the books, not only what came after the last verify that passed')
    .action(async (options: { full?: boolean }, command: Command) => {
      const { runVerify } = await import('./commands/system');
      state.exitCode = await runVerify(allOptions(command), options.full === true);
    });

  program
    .command('backup')
    .description('online backup of the database to <file> (default: a new file in the backups folder); supervisor')
    .argument('[file]', 'where to write the backup; an existing file is never overwritten')
    .action(async (file: string | undefined, _options, command: Command) => {
      const { runBackup } = await import('./commands/system');
      await runBackup(file, allOptions(command));
    });

  program
    .command('restore')
    .description('replace the database with a backup file, after a safety backup; supervisor. Close the app first.')
    .argument('<file>', 'the backup file to restore')
    .action(async (file: string, _options, command: Command) => {
      const { runRestore } = await import('./commands/system');
      await runRestore(file, allOptions(command));
    });

  const auditKey = program.command('audit-key').description("carry the office's audit key to another PC that writes the same database");
  auditKey
    .command('export')
    .description("write the office's audit keys to a new file (in clear: delete it once imported); supervisor, audited")
    .argument('<file>', 'the new key file; an existing file is never overwritten')
    .action(async (file: string, _options, command: Command) => {
      const { runAuditKeyExport } = await import('./commands/system');
      await runAuditKeyExport(file, allOptions(command));
    });
  auditKey
    .command('import')
    .description("take the office's audit keys from an exported file into this PC's key store; run it before this PC's first sign-in")
    .argument('<file>', 'the file written by `audit-key export`')
    .action(async (file: string, _options, command: Command) => {
      const { runAuditKeyImport } = await import('./commands/system');
      await runAuditKeyImport(file, allOptions(command));
    });

  addAuditCommands(program);
  addWorkOrderCommands(program);

  const users = program.command('users').description('list, add and change users (supervisor)');
  users
    .command('list')
    .description('every user with role, status and last login')
    .action(async (_options, command: Command) => {
      const { runUsersList } = await import('./commands/users');
      await runUsersList(allOptions(command));
    });
  users
    .command('add')
    .description('add a user; the password comes from BILLING_OFFICE_NEW_PASSWORD, --new-password-file, or is asked twice')
    .argument('<username>', '2–32 letters, digits, dots or dashes, starting with a letter')
    .requiredOption('--name <full name>', "the user's full name")
    .addOption(new Option('--role <role>', 'what the user may do').choices(ROLES).makeOptionMandatory())
    .option('--new-password-file <file>', "read the new user's password from this file")
    .action(async (username: string, _options, command: Command) => {
      const { runUsersAdd } = await import('./commands/users');
      await runUsersAdd(username, allOptions(command));
    });
  users
    .command('set')
    .description("change a user's name, role, active status or password")
    .argument('<username>', 'the user to change')
    .option('--name <full name>', 'new full name')
    .addOption(new Option('--role <role>', 'new role').choices(ROLES))
    .option('--active <yes|no>', 'no deactivates the user (they can no longer log in); yes reactivates', yesNo)
    .option('--new-password', `set a new password (from ${ENV.newPassword}, --new-password-file, or asked twice)`)
    .option('--new-password-file <file>', 'read the new password from this file (implies --new-password)')
    .action(async (username: string, _options, command: Command) => {
      const { runUsersSet } = await import('./commands/users');
      const options = allOptions<{ newPassword?: boolean; newPasswordFile?: string }>(command);
      await runUsersSet(username, { ...options, newPassword: options.newPassword === true || options.newPasswordFile !== undefined });
    });

  const settings = program.command('settings').description("the district's security settings: how long a login session lasts (supervisor)");
  settings
    .command('show')
    .description('the session lifetime (session-max-hours) and the idle limit')
    .action(async (_options, command: Command) => {
      const { runSettingsShow } = await import('./commands/settings');
      await runSettingsShow(allOptions(command));
    });
  settings
    .command('set')
    .description('change a setting; session-max-hours: whole hours from 1 to 24, for sessions opened from now on')
    .addArgument(new Argument('<setting>', 'the setting to change').choices(['session-max-hours'] as const))
    .argument('<value>', 'its new value')
    .action(async (setting: 'session-max-hours', value: string, _options, command: Command) => {
      const { runSettingsSet } = await import('./commands/settings');
      await runSettingsSet(setting, value, allOptions(command));
    });

  const accounts = program.command('accounts').description('find, show and open customer accounts');
  accounts
    .command('search')
    .description('find accounts by name, service address, account number, meter serial or phone')
    .argument('<text>', 'what to look for')
    .option('--limit <n>', 'at most this many matches', wholeNumber(1, 200), 25)
    .option('--open-only', 'leave out closed accounts')
    .action(async (text: string, _options, command: Command) => {
      const { runAccountsSearch } = await import('./commands/accounts');
      await runAccountsSearch(text, allOptions(command));
    });
  accounts
    .command('show')
    .description('an account with its customer, meters, services, balance and recent ledger')
    .argument('<accountNumber>', 'the account number')
    .option('--lines <n>', 'ledger lines to show', wholeNumber(1, 500), 10)
    .action(async (accountNumber: string, _options, command: Command) => {
      const { runAccountsShow } = await import('./commands/accounts');
      await runAccountsShow(accountNumber, allOptions(command));
    });
  accounts
    .command('create')
    .description('open an account from flags or from a JSON file (validated like the Open Account form)')
    .option('--from-json <file>', 'the whole accounts.create input as JSON (see docs/cli.md)')
    .option('--request-id <id>', 'idempotency key: repeating the command with the same id opens the account once')
    .option('--existing-customer <id>', 'open it for this existing customer id instead of a new customer', wholeNumber(1, Number.MAX_SAFE_INTEGER))
    .option('--first <name>', "person's first name")
    .option('--last <name>', "person's last name")
    .option('--business <name>', 'business name (makes the customer a business)')
    .option('--phone <number>', 'primary phone')
    .option('--alt-phone <number>', 'alternate phone')
    .option('--email <address>', 'email address')
    .option('--language <code>', 'notice language: en, es, zh, tl, vi or ko (default en)')
    .option('--mailing-street <text>', 'mailing street (default: the service address)')
    .option('--mailing-city <text>', 'mailing city')
    .option('--mailing-state <XX>', 'mailing state')
    .option('--mailing-zip <zip>', 'mailing ZIP, or the postal code of a foreign address')
    .option('--mailing-country <XX>', 'mailing country, two-letter code (default US)')
    .option('--street <text>', 'service address street')
    .option('--unit <text>', 'service address unit')
    .option('--city <text>', 'service address city')
    .option('--state <XX>', 'service address state (default CA)')
    .option('--zip <zip>', 'service address ZIP')
    .option('--apn <parcel>', "assessor's parcel number")
    .option('--route <route>', 'meter reading route')
    .option('--sequence <n>', 'position on the route')
    .option('--cycle <n>', 'billing cycle')
    .option('--meter-serial <serial>', 'meter serial (omit for no meter)')
    .option('--meter-size <size>', 'meter size, e.g. 5/8, 3/4, 1 (default 5/8)')
    .option('--meter-dials <n>', 'register dials, 3 to 9 (default 6)')
    .option('--meter-unit <unit>', 'register unit: CF, HCF, GAL or KGAL (default HCF)')
    .option('--meter-multiplier <x>', 'register multiplier (default 1)')
    .option('--meter-installed <date>', 'meter install date (default: the opening date)')
    .option('--meter-reading <n>', 'initial register reading (default 0)')
    .option('--service <kind>', 'water, wastewater or private_fire; repeat for several (default water)', collect)
    .option('--rate-class <class>', 'residential, multi_family, commercial or irrigation (default residential)')
    .option('--dwelling-units <n>', 'dwelling units (default 1)')
    .option('--opened <date>', 'opening date YYYY-MM-DD (default today)')
    .option('--deposit <dollars>', 'deposit held, e.g. 150.00')
    .option('--autopay', 'enrol in autopay')
    .action(async (_options, command: Command) => {
      const { runAccountsCreate } = await import('./commands/accounts');
      await runAccountsCreate(allOptions(command));
    });

  addReadsCommands(program, state);
  addPaymentsCommands(program, state);
  addCollectionsCommands(program);
  addBillingCommands(program);
  // After the shut-off commands (when present): aging joins their `collections` group.
  addAgingCommands(program);

  return program;
}

const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
function billingPeriod(text: string): string {
  if (!PERIOD_PATTERN.test(text.trim())) throw new InvalidArgumentError('Expected a month like 2026-11.');
  return text.trim();
}

const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
function isoDateArgument(text: string): string {
  if (!ISO_DATE_PATTERN.test(text)) throw new InvalidArgumentError('use a date like 2026-11-12');
  return text;
}

function addBillingCommands(program: Command): void {
  const rates = program.command('rates').description('the district\'s rates: show, import or export the rate document (docs/formats/rates.md)');
  rates.command('show').description('the schedules in force').action(async (_options, command: Command) => {
    const { runRatesShow } = await import('./commands/billing');
    await runRatesShow(allOptions(command));
  });
  rates
    .command('import')
    .description('validate a rate document and save it as the rates in force (supervisor)')
    .argument('<file>', 'the rate document (JSON)')
    .option('--note <text>', 'why (resolution, hearing date)')
    .option('--request-id <id>', 'idempotency key')
    .action(async (file: string, _options, command: Command) => {
      const { runRatesImport } = await import('./commands/billing');
      await runRatesImport(file, allOptions(command));
    });
  rates
    .command('export')
    .description('the rate document in force, as JSON')
    .option('--out <file>', 'write to this new file (default: standard output)')
    .action(async (_options, command: Command) => {
      const { runRatesExport } = await import('./commands/billing');
      await runRatesExport(allOptions(command));
    });

  const billing = program.command('billing').description('bill runs: create, review, approve, post, cancel; explain a bill; hold an account; charge a fee');
  const runId = (command: Command) => command.argument('<runId>', 'the run', wholeNumber(1, Number.MAX_SAFE_INTEGER));
  billing
    .command('runs')
    .description('bill runs, newest first')
    .option('--cycle <n>', 'only this cycle', wholeNumber(1, 99))
    .action(async (_options, command: Command) => {
      const { runBillingRuns } = await import('./commands/billing');
      await runBillingRuns(allOptions(command));
    });
  billing
    .command('create')
    .description('draft the bills of a cycle for a period (technician); no ledger effect until posted')
    .requiredOption('--cycle <n>', 'billing cycle', wholeNumber(1, 99))
    .requiredOption('--period <YYYY-MM>', 'the month the cycle was read for', billingPeriod)
    .requiredOption('--bill-date <date>', 'the bills\' date', isoDateArgument)
    .requiredOption('--due-date <date>', 'the due date', isoDateArgument)
    .option('--request-id <id>', 'idempotency key')
    .action(async (_options, command: Command) => {
      const { runBillingCreate } = await import('./commands/billing');
      await runBillingCreate(allOptions(command));
    });
  runId(billing.command('review').description('register, comparison with the last run, bills to look at, every account billed/held/blocked'))
    .action(async (id: number, _options, command: Command) => {
      const { runBillingReview } = await import('./commands/billing');
      await runBillingReview(id, allOptions(command));
    });
  runId(billing.command('recompute').description('compute a draft run again from the current reads, holds and rates'))
    .option('--request-id <id>', 'idempotency key')
    .action(async (id: number, _options, command: Command) => {
      const { runBillingRecompute } = await import('./commands/billing');
      await runBillingRecompute(id, allOptions(command));
    });
  runId(billing.command('approve').description('approve a reviewed draft run (supervisor)'))
    .option('--note <text>', 'what was checked')
    .option('--request-id <id>', 'idempotency key')
    .action(async (id: number, _options, command: Command) => {
      const { runBillingApprove } = await import('./commands/billing');
      await runBillingApprove(id, allOptions(command));
    });
  runId(billing.command('post').description('post an approved run to the ledger, all bills in one transaction'))
    .option('--request-id <id>', 'idempotency key: repeating the command with the same id posts once')
    .action(async (id: number, _options, command: Command) => {
      const { runBillingPost } = await import('./commands/billing');
      await runBillingPost(id, allOptions(command));
    });
  runId(billing.command('cancel').description('cancel a run that has not posted'))
    .requiredOption('--reason <text>', 'why')
    .option('--request-id <id>', 'idempotency key')
    .action(async (id: number, _options, command: Command) => {
      const { runBillingCancel } = await import('./commands/billing');
      await runBillingCancel(id, allOptions(command));
    });
  runId(billing.command('bills').description('the bills of a run'))
    .option('--query <text>', 'account number or name')
    .option('--limit <n>', 'at most this many rows', wholeNumber(1, 500), 100)
    .action(async (id: number, _options, command: Command) => {
      const { runBillingBills } = await import('./commands/billing');
      await runBillingBills(id, allOptions(command));
    });
  billing
    .command('bill')
    .description('one bill; --explain shows each line\'s arithmetic')
    .argument('<billId>', 'the bill', wholeNumber(1, Number.MAX_SAFE_INTEGER))
    .option('--explain', 'show how each charge was computed')
    .option('--pdf <file>', 'write the bill as the customer received it, as a PDF, to this new file (reprint or resend)')
    .action(async (id: number, _options, command: Command) => {
      const options = allOptions<{ pdf?: string }>(command);
      if (options.pdf) {
        const { runBillingBillPdf } = await import('./commands/billing-print');
        await runBillingBillPdf(id, { ...options, pdf: options.pdf });
        return;
      }
      const { runBillingBill } = await import('./commands/billing');
      await runBillingBill(id, allOptions(command));
    });
  runId(billing.command('export').description('the print vendor\'s file of a posted run, with its record count and control totals (docs/formats/bill-print.md)'))
    .addOption(new Option('--format <format>', 'csv, or fixed (fixed width)').choices(['csv', 'fixed']).makeOptionMandatory())
    .requiredOption('--out <file>', 'write the file to this new file')
    .action(async (id: number, _options, command: Command) => {
      const { runBillingExport } = await import('./commands/billing-print');
      await runBillingExport(id, allOptions(command));
    });
  runId(billing.command('pdf').description('the bills of a posted run as one PDF, a page per bill, for reprints'))
    .requiredOption('--out <file>', 'write the PDF to this new file')
    .option('--limit <n>', 'at most this many bills, in route order', wholeNumber(1, 200), 50)
    .action(async (id: number, _options, command: Command) => {
      const { runBillingRunPdf } = await import('./commands/billing-print');
      await runBillingRunPdf(id, allOptions(command));
    });
  billing
    .command('cancel-bill')
    .description('cancel a posted bill by reversing its entry and rebill it from the current reads (supervisor)')
    .argument('<billId>', 'the bill', wholeNumber(1, Number.MAX_SAFE_INTEGER))
    .requiredOption('--reason <text>', 'why')
    .option('--no-rebill', 'cancel only')
    .option('--request-id <id>', 'idempotency key')
    .action(async (id: number, _options, command: Command) => {
      const { runBillingCancelBill } = await import('./commands/billing');
      await runBillingCancelBill(id, allOptions(command));
    });
  billing
    .command('move-out')
    .description('close an account: final read, prorated final bill posted, deposit applied (technician)')
    .argument('<accountNumber>', 'the account')
    .requiredOption('--date <date>', 'the move-out day (the final read\'s date)', isoDateArgument)
    .requiredOption('--reading <n>', 'the final reading')
    .option('--keep-deposit', 'do not apply the deposit to the final balance')
    .option('--request-id <id>', 'idempotency key')
    .action(async (accountNumber: string, _options, command: Command) => {
      const { runBillingMoveOut } = await import('./commands/billing');
      await runBillingMoveOut(accountNumber, allOptions(command));
    });
  billing
    .command('account-bills')
    .description("an account's bills, newest first")
    .argument('<accountNumber>', 'the account')
    .action(async (accountNumber: string, _options, command: Command) => {
      const { runBillingAccountBills } = await import('./commands/billing-fees');
      await runBillingAccountBills(accountNumber, allOptions(command));
    });
  billing
    .command('open-items')
    .description("an account's unpaid charges, oldest first, by bucket (penalty, past due, current), and how payments apply")
    .argument('<accountNumber>', 'the account')
    .action(async (accountNumber: string, _options, command: Command) => {
      const { runBillingOpenItems } = await import('./commands/billing-fees');
      await runBillingOpenItems(accountNumber, allOptions(command));
    });
  billing
    .command('charge-fee')
    .description("charge a fee from the rates' fee table (SETUP, RECONNECT, LATE…) to an account (technician)")
    .argument('<accountNumber>', 'the account')
    .requiredOption('--code <code>', 'the fee code, as in `rates show --json` (fees)')
    .option('--base <dollars>', 'for a percentage fee: the amount it is a percentage of, e.g. 84.20')
    .option('--note <text>', 'why (kept in the ledger memo)')
    .option('--request-id <id>', 'idempotency key: repeating the command with the same id charges once')
    .action(async (accountNumber: string, _options, command: Command) => {
      const { runBillingChargeFee } = await import('./commands/billing-fees');
      await runBillingChargeFee(accountNumber, allOptions(command));
    });
  billing
    .command('hold')
    .description('hold an account out of bill runs, or --release it')
    .argument('<accountNumber>', 'the account')
    .option('--reason <text>', 'why it is held')
    .option('--release', 'bill it again')
    .option('--request-id <id>', 'idempotency key')
    .action(async (accountNumber: string, _options, command: Command) => {
      const { runBillingHold } = await import('./commands/billing');
      await runBillingHold(accountNumber, allOptions(command));
    });
}

function addWorkOrderCommands(program: Command): void {
  const orders = program.command('work-orders').description('field work orders: re-reads, leak checks, high-usage checks');
  orders
    .command('list')
    .description('work orders, newest first')
    .addOption(new Option('--status <status>', 'only open, completed or cancelled ones').choices(WORK_ORDER_STATUSES))
    .option('--account <number>', "only this account's")
    .option('--limit <n>', 'at most this many', wholeNumber(1, 1000), 200)
    .action(async (_options, command: Command) => {
      const { runWorkOrdersList } = await import('./commands/reads-resolve');
      await runWorkOrdersList(allOptions(command));
    });
  for (const [name, status, what] of [['done', 'completed', 'mark a work order completed'], ['cancel', 'cancelled', 'cancel a work order']] as const) {
    orders
      .command(name)
      .description(`${what} (technician)`)
      .argument('<workOrderId>', 'the work order (No. in `work-orders list`)', wholeNumber(1, Number.MAX_SAFE_INTEGER))
      .option('--notes <text>', 'what was found or why')
      .option('--request-id <id>', 'idempotency key')
      .action(async (id: number, _options, command: Command) => {
        const { runWorkOrdersSetStatus } = await import('./commands/reads-resolve');
        await runWorkOrdersSetStatus(id, status, allOptions(command));
      });
  }
}

function addAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the audit trail in words: who did what to which account (supervisor)');
  audit
    .command('list')
    .description('records newest first, as sentences; narrow by user, operation, account and days')
    .option('--by <user>', 'only what this user did (their user name; --user is who logs in)')
    .option('--operation <name>', 'only this operation, e.g. payments.take or reads.resolve (docs/cli.md lists them)')
    .option('--account <number>', 'only records that touched this account')
    .option('--from <date>', 'from this day (YYYY-MM-DD, office time)', isoDateArgument)
    .option('--to <date>', 'through this day (YYYY-MM-DD, office time)', isoDateArgument)
    .option('--limit <n>', 'at most this many records', wholeNumber(1, 500), 50)
    .option('--before <no>', 'only records older than this record number (the next page)', wholeNumber(1, Number.MAX_SAFE_INTEGER))
    .action(async (_options, command: Command) => {
      const { runAuditList } = await import('./commands/audit');
      await runAuditList(allOptions(command));
    });
  audit
    .command('show')
    .description('one record in full: the sentence, and its input and result as stored')
    .argument('<no>', 'the record number (No. in `audit list`)', wholeNumber(1, Number.MAX_SAFE_INTEGER))
    .action(async (seq: number, _options, command: Command) => {
      const { runAuditShow } = await import('./commands/audit');
      await runAuditShow(seq, allOptions(command));
    });
}

const READ_FORMATS = ['badger-beacon', 'itron-register', 'sensus-cmep', 'csv'] as const;

function addReadsCommands(program: Command, state: { exitCode: number }): void {
  const reads = program.command('reads').description('meter reads: import files, route export, the exception worklist (show, resolve, bulk-accept), unread meters, cycle status, every cycle');
  const cycleOptions = (command: Command) =>
    command
      .requiredOption('--cycle <n>', 'billing cycle', wholeNumber(1, 99))
      .requiredOption('--period <YYYY-MM>', 'the month the cycle is read for', billingPeriod);
  cycleOptions(
    reads
      .command('import')
      .description('import a read file for a cycle (technician); --dry-run shows the preview and imports nothing')
      .argument('<file>', 'the read file')
      .addOption(new Option('--format <format>', 'file format').choices(READ_FORMATS).makeOptionMandatory()),
  )
    .option('--profile <name|id>', 'saved CSV column-mapping profile (with --format csv)')
    .option('--crosswalk <file>', 'Sensus CMEP meter id → meter serial, one "id,serial" per line')
    .addOption(new Option('--meter-id-field <field>', 'Sensus CMEP field that carries the meter id (default meterId)').choices(CMEP_METER_ID_FIELDS))
    .option('--skip-unmatched', 'import the matched reads and list the unmatched ones (default: refuse the file)')
    .option('--dry-run', 'preview only: counts, matched/unmatched meters, exceptions, problems (exit 1 if it cannot be imported)')
    .option('--request-id <id>', 'idempotency key: repeating the command with the same id imports once')
    .action(async (file: string, _options, command: Command) => {
      const { runReadsImport } = await import('./commands/reads');
      state.exitCode = await runReadsImport(file, allOptions(command));
    });
  cycleOptions(reads.command('route-export').description('the reads a cycle (or route) still needs, as CSV for the handheld / AMR software'))
    .option('--route <route>', 'only this route')
    .option('--out <file>', 'write the CSV to this new file (default: standard output)')
    .action(async (_options, command: Command) => {
      const { runReadsRouteExport } = await import('./commands/reads');
      await runReadsRouteExport(allOptions(command));
    });
  cycleOptions(reads.command('exceptions').description('the abnormal-read worklist of a cycle'))
    .option('--route <route>', 'only this route')
    .addOption(new Option('--type <type>', 'only this exception type (repeat for several)').choices(READ_EXCEPTION_TYPES).argParser(collectChoice(READ_EXCEPTION_TYPES)))
    .addOption(new Option('--status <status>', 'open, held or resolved (repeat for several)').choices(READ_EXCEPTION_STATUSES).argParser(collectChoice(READ_EXCEPTION_STATUSES)))
    .option('--limit <n>', 'at most this many rows', wholeNumber(1, 100_000), 500)
    .action(async (_options, command: Command) => {
      const { runReadsExceptions } = await import('./commands/reads');
      await runReadsExceptions(allOptions(command));
    });
  cycleOptions(reads.command('unread').description('active meters of a cycle (or route) with no read for the period'))
    .option('--route <route>', 'only this route')
    .action(async (_options, command: Command) => {
      const { runReadsUnread } = await import('./commands/reads');
      await runReadsUnread(allOptions(command));
    });
  cycleOptions(reads.command('status').description('whether a cycle is ready to bill: unread meters, open and held exceptions'))
    .action(async (_options, command: Command) => {
      const { runReadsStatus } = await import('./commands/reads');
      await runReadsStatus(allOptions(command));
    });
  const exceptionId = (command: Command) => command.argument('<exceptionId>', 'the exception (Id in `reads exceptions`)', wholeNumber(1, Number.MAX_SAFE_INTEGER));
  exceptionId(reads.command('exception').description('one abnormal read: account, meter, read, expected range and every check that fired'))
    .action(async (id: number, _options, command: Command) => {
      const { runReadsException } = await import('./commands/reads-resolve');
      await runReadsException(id, allOptions(command));
    });
  exceptionId(reads.command('resolve').description('accept, correct, estimate, record a re-read, hold or reopen an abnormal read (technician)'))
    .option('--accept', 'accept the read as it is')
    .option('--correct <reading>', 'replace the reading (a keying error); needs --reason')
    .addOption(new Option('--estimate <method>', 'bill an estimate instead: average or last_year').choices(['average', 'last_year'] as const))
    .option('--re-read <reading>', 'the reading field staff found (with --read-date); checked again')
    .option('--read-date <date>', 'the day of the re-read', isoDateArgument)
    .option('--hold', 'keep it out of billing for now; needs --reason')
    .option('--reopen', 'put a resolved one back on the worklist; needs --reason')
    .option('--reason <text>', 'why (kept with the exception and in the audit trail)')
    .option('--request-id <id>', 'idempotency key')
    .action(async (id: number, _options, command: Command) => {
      const { runReadsResolve } = await import('./commands/reads-resolve');
      await runReadsResolve(id, allOptions(command));
    });
  reads
    .command('bulk-accept')
    .description('accept many abnormal reads at once: open ones with a reading; held ones and ones with an open work order are skipped (technician)')
    .argument('<exceptionId...>', 'the exceptions (Id in `reads exceptions`)', (value: string, previous: number[] | undefined) => [...(previous ?? []), wholeNumber(1, Number.MAX_SAFE_INTEGER)(value)])
    .option('--reason <text>', 'why (default "bulk accept")')
    .option('--request-id <id>', 'idempotency key')
    .action(async (ids: number[], _options, command: Command) => {
      const { runReadsBulkAccept } = await import('./commands/reads-resolve');
      await runReadsBulkAccept(ids, allOptions(command));
    });
  cycleOptions(reads.command('flag-unread').description("put the cycle's (or route's) unread meters on the worklist as no-read exceptions, to estimate or re-read (technician)"))
    .option('--route <route>', 'only this route')
    .option('--request-id <id>', 'idempotency key')
    .action(async (_options, command: Command) => {
      const { runReadsFlagUnread } = await import('./commands/reads-resolve');
      await runReadsFlagUnread(allOptions(command));
    });
  exceptionId(reads.command('work-order').description('order a re-read, leak check or high-usage check for field staff on an abnormal read (technician)'))
    .addOption(new Option('--type <type>', 'what field staff are to do').choices(READ_WORK_ORDER_TYPES).makeOptionMandatory())
    .option('--notes <text>', 'for field staff')
    .option('--request-id <id>', 'idempotency key')
    .action(async (id: number, _options, command: Command) => {
      const { runReadsWorkOrder } = await import('./commands/reads-resolve');
      await runReadsWorkOrder(id, allOptions(command));
    });
  exceptionId(reads.command('courtesy-call').description('log a courtesy call to the customer about high use, with its outcome (also in the contact log; technician)'))
    .addOption(new Option('--outcome <outcome>', 'how the call went').choices(COURTESY_CALL_OUTCOMES).makeOptionMandatory())
    .option('--contact <name>', 'who was reached')
    .option('--notes <text>', 'what was said')
    .option('--request-id <id>', 'idempotency key')
    .action(async (id: number, _options, command: Command) => {
      const { runReadsCourtesyCall } = await import('./commands/reads-resolve');
      await runReadsCourtesyCall(id, allOptions(command));
    });
  reads
    .command('cycles')
    .description('every cycle of a period (default: this month): read day, meters read and unread, open and held exceptions, ready to bill')
    .option('--period <YYYY-MM>', 'the month the cycles are read for (default: this month)', billingPeriod)
    .action(async (_options, command: Command) => {
      const { runReadsCycles } = await import('./commands/reads');
      await runReadsCycles(allOptions(command));
    });
}

/** A repeatable option limited to `choices`, collected into a list. */
function collectChoice<T extends string>(choices: readonly T[]) {
  return (value: string, previous: T[] | undefined): T[] => {
    if (!choices.includes(value as T)) throw new InvalidArgumentError(`Expected one of ${choices.join(', ')}.`);
    return [...(previous ?? []), value as T];
  };
}

function wantsJson(argv: readonly string[]): boolean {
  return argv.includes('--json');
}

/** --debug anywhere on the line, or BILLING_OFFICE_DEBUG=1: a bug's stack is printed. */
function wantsDebug(argv: readonly string[]): boolean {
  return argv.includes('--debug') || process.env[ENV.debug] === '1';
}

/** A bug's details, for --debug: the stack when there is one. */
function describeBug(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}

/** One line for an error nobody planned for: what happened, and how to see more. */
function unexpectedFailure(error: unknown, argv: readonly string[]): number {
  const summary = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split('\n')[0];
  const message = `Something went wrong inside Billing Office (${summary}).`;
  if (wantsJson(argv)) printFailureJson({ code: 'INTERNAL', message });
  printError(`error: ${message} ${wantsDebug(argv) ? 'Details follow.' : DEBUG_HINT}`);
  if (wantsDebug(argv)) printError(describeBug(error));
  return EXIT.internal;
}

/** Runs the CLI with process.argv-style arguments; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const state = { exitCode: EXIT.ok as number };
  const program = buildProgram(state);
  // An operation's bug comes back as INTERNAL (exit 5, one line); its stack only under --debug.
  setInternalErrorReporter(wantsDebug(argv) ? (where, error) => printError(`[billing-office] ${where} failed: ${describeBug(error)}`) : () => undefined);
  try {
    await program.parseAsync([...argv]);
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (or the help / version).
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
      return EXIT.usage;
    }
    if (error instanceof CliError) {
      if (wantsJson(argv) && error.error) printFailureJson(error.error);
      printError(`error: ${error.message}`);
      return error.exitCode;
    }
    return unexpectedFailure(error, argv);
  }
}
