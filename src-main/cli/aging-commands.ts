/**
 * Registers `collections aging` and `collections aging-buckets` (docs/cli.md, "Receivable aging").
 * The `collections` group is shared with the shut-off commands (collections-commands.ts): this adds
 * to it when it is already there, so the order the two are registered in does not matter.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { AGING_RATE_CLASSES, AGING_SERVICES } from '../../src-shared/contract/collections-aging';
import type { GlobalOptions } from './office';

function isoDay(text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text.trim())) throw new InvalidArgumentError('Expected a date like 2026-11-30.');
  return text.trim();
}

function dayList(text: string): number[] {
  const days = text.split(',').map((part) => part.trim());
  if (days.some((day) => !/^\d+$/.test(day))) throw new InvalidArgumentError('Expected whole days separated by commas, like 1,31,61,91,121.');
  return days.map(Number);
}

const options = <T>(command: Command) => command.optsWithGlobals() as T & GlobalOptions;
const load = () => import('./commands/collections-aging');

export function addAgingCommands(program: Command): void {
  const collections =
    program.commands.find((command) => command.name() === 'collections') ?? program.command('collections').description('receivable aging, shut-off eligibility and the collections work');
  collections
    .command('aging')
    .description('receivable aging as of a date: open items by days past due, by rate class and service, credit balances, and the control-account check')
    .option('--as-of <date>', 'the day to age as of (default today)', isoDay)
    .addOption(new Option('--class <rateClass>', 'only this rate class').choices([...AGING_RATE_CLASSES]))
    .addOption(new Option('--service <service>', 'only this service').choices([...AGING_SERVICES]))
    .option('--accounts <bucket>', 'list the accounts in a bucket (current, 1-30, 31-60, 61-90, 91+ … or credit), largest first')
    .option('--limit <n>', 'with --accounts: at most this many (default 50)', (text) => {
      if (!/^\d+$/.test(text) || Number(text) < 1) throw new InvalidArgumentError('Expected a whole number, 1 or more.');
      return Number(text);
    })
    .action(async (_o, command: Command) => (await load()).runAging(options(command)));
  collections
    .command('aging-buckets')
    .description('where the aging buckets start, in days past due; --set changes them (supervisor)')
    .option('--set <days>', 'bucket starts, comma-separated, e.g. 1,31,61,91,121 for "over 120"', dayList)
    .option('--request-id <id>', 'idempotency key (a retry with the same key does not change twice)')
    .action(async (_o, command: Command) => (await load()).runAgingBuckets(options(command)));
}
