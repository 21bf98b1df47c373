/**
 * `reads exception <id>`, `reads resolve <id> --accept|--correct|--estimate|--re-read|--hold|--reopen`
 * and `reads bulk-accept <id>…`: reads.exception, reads.resolve and reads.bulkAccept, the same
 * operations as the read worklist's buttons. A CLI-only office releases an account blocked by an
 * abnormal read with these, then recomputes the bill run.
 */
import { READ_EXCEPTION_LABELS, type ReadExceptionDetail, type ResolveAction } from '../../../src-shared/contract';
import { usageError } from '../errors';
import { printLine, printResult } from '../io';
import { withSession, type GlobalOptions } from '../office';
import { renderFields } from '../table';

export interface ResolveOptions extends GlobalOptions {
  accept?: boolean;
  correct?: string;
  estimate?: 'average' | 'last_year';
  reRead?: string;
  readDate?: string;
  hold?: boolean;
  reopen?: boolean;
  reason?: string;
  requestId?: string;
}

const ACTION_FLAGS = ['--accept', '--correct', '--estimate', '--re-read', '--hold', '--reopen'] as const;

/** The one action the flags ask for; a usage error when there is none or more than one. */
export function resolveActionFrom(options: ResolveOptions): ResolveAction {
  const given = [options.accept, options.correct, options.estimate, options.reRead, options.hold, options.reopen].filter((value) => value !== undefined && value !== false);
  if (given.length !== 1) throw usageError(`Give exactly one of ${ACTION_FLAGS.join(', ')}`);
  if (options.reRead === undefined && options.readDate !== undefined) throw usageError('--read-date goes with --re-read');
  const reason = options.reason ?? '';
  if (options.accept) return { kind: 'accept', reason };
  if (options.correct !== undefined) return { kind: 'correct', reading: options.correct, reason };
  if (options.estimate !== undefined) return { kind: 'estimate', method: options.estimate, reason };
  if (options.reRead !== undefined) {
    if (!options.readDate) throw usageError('--re-read needs --read-date <YYYY-MM-DD>, the day field staff read the meter');
    return { kind: 're_read', reading: options.reRead, readDate: options.readDate, reason };
  }
  if (options.hold) return { kind: 'hold', reason };
  return { kind: 'reopen', reason };
}

function printException(detail: ReadExceptionDetail): void {
  const { exception, account, read } = detail;
  printLine(
    renderFields([
      ['Exception', `${exception.exceptionId}: ${READ_EXCEPTION_LABELS[exception.type]} — ${exception.status}${exception.resolution ? ` (${exception.resolution})` : ''}`],
      ['Account', account ? `${account.accountNumber} ${account.customerName}, ${account.serviceAddress}` : '—'],
      ['Meter', `${detail.meter.serial} (${detail.meter.size}), cycle ${exception.cycle}, ${exception.period}, route ${exception.route}/${exception.sequence}`],
      ['Read', read ? `${read.reading} on ${read.readDate}: ${read.usageHcf} HCF${read.estimated ? ' (estimated)' : ''}${read.originalReading ? `, first read ${read.originalReading}` : ''}` : 'no read'],
      ['Expected', exception.expectedLowHcf ? `${exception.expectedLowHcf}–${exception.expectedHighHcf} HCF` : '—'],
    ]),
  );
  for (const finding of detail.findings) printLine(`- ${finding.message}`);
}

export async function runReadsException(exceptionId: number, options: GlobalOptions): Promise<void> {
  await withSession(options, async (session) => {
    const detail = await session.call('reads.exception', { exceptionId });
    printResult(options.json === true, detail, () => printException(detail));
  });
}

export async function runReadsResolve(exceptionId: number, options: ResolveOptions): Promise<void> {
  const action = resolveActionFrom(options);
  await withSession(options, async (session) => {
    const detail = await session.call('reads.resolve', { exceptionId, action }, options.requestId);
    printResult(options.json === true, detail, () => printException(detail));
  });
}

export async function runReadsBulkAccept(exceptionIds: number[], options: GlobalOptions & { reason?: string; requestId?: string }): Promise<void> {
  await withSession(options, async (session) => {
    const result = await session.call('reads.bulkAccept', { exceptionIds, reason: options.reason ?? '' }, options.requestId);
    printResult(options.json === true, result, () =>
      printLine(`Accepted ${result.accepted} read${result.accepted === 1 ? '' : 's'}${result.skipped > 0 ? `; skipped ${result.skipped} (held, no reading, an open work order, or already resolved)` : ''}.`),
    );
  });
}
