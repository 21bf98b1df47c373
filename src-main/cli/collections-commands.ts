/**
 * Registers the collections commands (docs/cli.md, "Collections and shut-offs"): the SB 998
 * eligibility of an account, holds, arrangements, notices, shut-off and turn-on orders, the
 * yearly shut-off count, and the holiday calendar. The command module loads only when one runs.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { ARRANGEMENT_KINDS, FINANCIAL_PROGRAMS, HOLD_KINDS, NOTICE_KINDS } from '../../src-shared/contract/collections';
import type { GlobalOptions } from './office';

function positiveWhole(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) throw new InvalidArgumentError('Expected a whole number, 1 or more.');
  return Number(text.trim());
}

function isoDay(text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text.trim())) throw new InvalidArgumentError('Expected a date like 2026-11-02.');
  return text.trim();
}

function year(text: string): number {
  if (!/^\d{4}$/.test(text.trim())) throw new InvalidArgumentError('Expected a year like 2026.');
  return Number(text.trim());
}

const options = <T>(command: Command) => command.optsWithGlobals() as T & GlobalOptions;
const load = () => import('./commands/collections');
const requestId = (command: Command) => command.option('--request-id <id>', 'idempotency key (a retry with the same key does not record twice)');

export function addCollectionsCommands(program: Command): void {
  const collections = program.command('collections').description('shut-off eligibility (SB 998), holds, arrangements, notices and shut-off orders');
  collections
    .command('eligibility')
    .description('the earliest lawful shut-off date of an account and every rule behind it')
    .argument('<accountNumber>', 'the account')
    .option('--date <date>', 'the day to ask about (default today)', isoDay)
    .action(async (accountNumber: string, _o, command: Command) => (await load()).runEligibility(accountNumber, options(command)));
  collections
    .command('show')
    .description("an account's holds, arrangements and notices, with its eligibility today")
    .argument('<accountNumber>', 'the account')
    .action(async (accountNumber: string, _o, command: Command) => (await load()).runShow(accountNumber, options(command)));

  const hold = collections.command('hold').description('record or end an appeal, bill review, medical certificate or financial inability (technician)');
  requestId(
    hold
      .command('add')
      .description('record a hold on an account')
      .argument('<accountNumber>', 'the account')
      .addOption(new Option('--kind <kind>', 'what holds collections').choices(HOLD_KINDS).makeOptionMandatory())
      .addOption(new Option('--program <program>', 'for financial_inability: the program or test').choices(FINANCIAL_PROGRAMS))
      .requiredOption('--from <date>', 'the day it began', isoDay)
      .option('--to <date>', 'the first day it no longer applies (default: in force until ended)', isoDay)
      .option('--notes <text>', 'notes'),
  ).action(async (accountNumber: string, _o, command: Command) => (await load()).runHoldAdd(accountNumber, options(command)));
  requestId(
    hold
      .command('end')
      .description('end a hold from a date (the record stays)')
      .argument('<holdId>', 'the hold (No. in `collections show`)', positiveWhole)
      .requiredOption('--on <date>', 'the first day it no longer applies', isoDay)
      .option('--notes <text>', 'why (an appeal decided, a certificate lapsed)'),
  ).action(async (holdId: number, _o, command: Command) => (await load()).runHoldEnd(holdId, options(command)));

  const arrangement = collections.command('arrangement').description('record a payment arrangement, or mark one failed or completed (technician)');
  requestId(
    arrangement
      .command('add')
      .description('record an arrangement the customer accepted')
      .argument('<accountNumber>', 'the account')
      .addOption(new Option('--kind <kind>', 'the kind of arrangement').choices(ARRANGEMENT_KINDS).makeOptionMandatory())
      .requiredOption('--accepted <date>', 'the day the customer accepted it', isoDay)
      .requiredOption('--total <dollars>', 'the amount it covers, e.g. 412.50')
      .option('--notes <text>', 'notes'),
  ).action(async (accountNumber: string, _o, command: Command) => (await load()).runArrangementAdd(accountNumber, options(command)));
  for (const status of ['failed', 'completed'] as const) {
    requestId(
      arrangement
        .command(status === 'failed' ? 'fail' : 'complete')
        .description(status === 'failed' ? 'mark an arrangement failed (60+ days out of compliance)' : 'mark an arrangement completed')
        .argument('<arrangementId>', 'the arrangement (No. in `collections show`)', positiveWhole)
        .requiredOption('--on <date>', 'the day', isoDay)
        .option('--notes <text>', 'notes'),
    ).action(async (id: number, _o, command: Command) => (await load()).runArrangementEnd(id, status, options(command)));
  }

  requestId(
    collections
      .command('notice')
      .description('record a written notice, phone contact, posted final notice or door tag (technician)')
      .argument('<accountNumber>', 'the account')
      .addOption(new Option('--kind <kind>', 'what was given').choices(NOTICE_KINDS).makeOptionMandatory())
      .requiredOption('--date <date>', 'the day it was mailed, called or posted', isoDay)
      .option('--amount <dollars>', 'the amount delinquent it stated (default: past due now)')
      .option('--notes <text>', 'notes'),
  ).action(async (accountNumber: string, _o, command: Command) => (await load()).runNotice(accountNumber, options(command)));

  requestId(
    collections
      .command('shutoff')
      .description('order a shut-off for non-payment; refused, naming the rule and earliest lawful date, unless every rule allows it (technician)')
      .argument('<accountNumber>', 'the account')
      .option('--date <date>', 'the day field staff are to do it (default today)', isoDay)
      .option('--notes <text>', 'notes for field staff'),
  ).action(async (accountNumber: string, _o, command: Command) => (await load()).runOrder(accountNumber, 'shutoff', options(command)));
  requestId(
    collections
      .command('turn-on')
      .description('order service turned on again (technician)')
      .argument('<accountNumber>', 'the account')
      .option('--date <date>', 'the day (default today)', isoDay)
      .option('--notes <text>', 'notes for field staff'),
  ).action(async (accountNumber: string, _o, command: Command) => (await load()).runOrder(accountNumber, 'turn_on', options(command)));
  collections
    .command('shutoff-count')
    .description('completed shut-offs for non-payment per year, residential apart (the State Water Board figure)')
    .option('--from <year>', 'first year (default: four years ago)', year)
    .option('--to <year>', 'last year (default: this year)', year)
    .action(async (_o, command: Command) => (await load()).runShutoffCount(options(command)));

  const holidays = program.command('holidays').description('the days the office is closed besides weekends (business days skip them)');
  holidays
    .command('list')
    .description('holidays between two dates (default: this year)')
    .option('--from <date>', 'first day', isoDay)
    .option('--to <date>', 'last day', isoDay)
    .option('--removed', 'also show days removed from the calendar')
    .action(async (_o, command: Command) => (await load()).runHolidaysList(options(command)));
  requestId(
    holidays
      .command('add')
      .description('add a day the office is closed (supervisor)')
      .argument('<date>', 'the day', isoDay)
      .requiredOption('--name <text>', 'what it is'),
  ).action(async (date: string, _o, command: Command) => (await load()).runHolidaysAdd(date, options(command)));
  requestId(
    holidays
      .command('remove')
      .description('remove a holiday: the office is open that day (supervisor; the record stays)')
      .argument('<holidayId>', 'the holiday (No. in `holidays list`)', positiveWhole),
  ).action(async (holidayId: number, _o, command: Command) => (await load()).runHolidaysRemove(holidayId, options(command)));
}
