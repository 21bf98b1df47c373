/**
 * `reads import | route-export | exceptions | unread | status | cycles`: reads.preview /
 * reads.import, reads.routeExport, reads.exceptions, reads.unread, reads.cycleStatus,
 * reads.cycles — the same operations as the Meter reads screens.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import {
  MAX_READ_FILE_BYTES,
  READ_EXCEPTION_LABELS,
  type CmepMeterIdField,
  type InputOf,
  type ReadImportPreview,
  type ReadExceptionStatus,
  type ReadExceptionType,
} from '../../../src-shared/contract';
import { parseCrosswalk } from '../../../src-shared/reads-crosswalk';
import { CliError, usageError } from '../errors';
import { printFileNotes, printFileProblems } from '../file-report';
import { EXIT } from '../exit-codes';
import { printError, printLine, printResult } from '../io';
import { withSession, type CliSession, type GlobalOptions } from '../office';
import { renderFields, renderTable } from '../table';

export interface CycleOptions extends GlobalOptions {
  cycle: number;
  period: string;
  route?: string;
}

export interface ImportOptions extends CycleOptions {
  format: 'badger-beacon' | 'itron-register' | 'sensus-cmep' | 'csv';
  profile?: string;
  crosswalk?: string;
  meterIdField?: CmepMeterIdField;
  dryRun?: boolean;
  skipUnmatched?: boolean;
  requestId?: string;
}

/** A Sensus crosswalk file: "cmep meter id,office meter serial" per line (a header line is allowed). */
function readCrosswalk(path: string): Record<string, string> {
  const parsed = parseCrosswalk(readFileSync(resolve(path), 'utf8'));
  if (!parsed.ok) throw usageError(`${path} line ${parsed.problem.line}: ${parsed.problem.message}`);
  return parsed.entries;
}

async function profileFor(session: CliSession, options: ImportOptions): Promise<InputOf<'reads.preview'>['profile']> {
  // Sensus options on another format would be ignored without a word: say so instead.
  if (options.format !== 'sensus-cmep' && (options.crosswalk || options.meterIdField)) {
    throw usageError(`--crosswalk and --meter-id-field are for --format sensus-cmep, not ${options.format}`);
  }
  switch (options.format) {
    case 'badger-beacon':
    case 'itron-register':
      return { kind: options.format };
    case 'sensus-cmep':
      return {
        kind: 'sensus-cmep',
        ...(options.crosswalk ? { crosswalk: readCrosswalk(options.crosswalk) } : {}),
        ...(options.meterIdField ? { meterIdField: options.meterIdField } : {}),
      };
    case 'csv': {
      if (!options.profile) throw usageError('A CSV file needs --profile <name or id> of a saved column-mapping profile');
      const profiles = await session.call('reads.profiles', {});
      const wanted = options.profile.trim().toLowerCase();
      const found = profiles.find((item) => String(item.profileId) === wanted || item.name.toLowerCase() === wanted);
      if (!found) {
        throw new CliError(EXIT.failed, `There is no saved profile "${options.profile}"; saved: ${profiles.map((item) => item.name).join(', ') || 'none'}`);
      }
      return { kind: 'csv', profileId: found.profileId };
    }
  }
}

function printPreview(preview: ReadImportPreview, heading: string): void {
  printLine(
    renderFields([
      [heading, `${preview.fileName} (${preview.format}), cycle ${preview.cycle}, ${preview.period}`],
      ['Rows', String(preview.rowCount)],
      ['Reads', `${preview.readCount} (${preview.estimatedCount} estimated)`],
      ['Matched meters', String(preview.matchedCount)],
      ['Unmatched', String(preview.unmatched.length)],
      ['Faulted registers', String(preview.faultedCount)],
      ['Exceptions', String(preview.exceptionCount)],
    ]),
  );
  const byType = Object.entries(preview.exceptionsByType) as [ReadExceptionType, number][];
  if (byType.length > 0) {
    printLine('');
    printLine(renderTable(byType, [
      { header: 'Exception', value: ([type]) => READ_EXCEPTION_LABELS[type] },
      { header: 'Count', value: ([, n]) => String(n), align: 'right' },
    ]));
  }
  for (const item of preview.unmatched.slice(0, 20)) printLine(item.message);
  if (preview.unmatched.length > 20) printLine(`… and ${preview.unmatched.length - 20} more unmatched`);
  printFileProblems(preview.problems);
  printFileNotes(preview.notes);
}

export async function runReadsImport(file: string, options: ImportOptions): Promise<number> {
  const path = resolve(file);
  if (!existsSync(path)) throw usageError(`There is no file ${file}`);
  const size = statSync(path).size;
  if (size > MAX_READ_FILE_BYTES) throw new CliError(EXIT.failed, `${file} is larger than 5 MB; split it by route`);
  const content = readFileSync(path);
  return withSession(options, async (session) => {
    const input: InputOf<'reads.preview'> = {
      fileName: basename(path),
      contentBase64: content.toString('base64'),
      profile: await profileFor(session, options),
      cycle: options.cycle,
      period: options.period,
      skipUnmatched: options.skipUnmatched === true,
    };
    if (options.dryRun) {
      const preview = await session.call('reads.preview', input);
      printResult(options.json === true, preview, () => printPreview(preview, 'Preview'));
      // A dry run that finds the file cannot be imported says so with exit 1, for scripts.
      if (!preview.canImport) {
        printError(`error: ${preview.blockedReason ?? 'this file cannot be imported'}`);
        return EXIT.failed;
      }
      return EXIT.ok;
    }
    const result = await session.call('reads.import', input, options.requestId);
    printResult(options.json === true, result, () => printPreview(result, `Imported (import ${result.importId})`));
    return EXIT.ok;
  });
}

export interface RouteExportOptions extends CycleOptions {
  out?: string;
}

export async function runReadsRouteExport(options: RouteExportOptions): Promise<void> {
  const out = options.out ? resolve(options.out) : undefined;
  if (out && existsSync(out)) throw new CliError(EXIT.failed, `${options.out} already exists; choose a new file name`);
  await withSession(options, async (session) => {
    const exported = await session.call('reads.routeExport', { cycle: options.cycle, period: options.period, ...(options.route ? { route: options.route } : {}) });
    if (out) writeFileSync(out, exported.csv, { flag: 'wx' });
    if (options.json) printResult(true, out ? { fileName: exported.fileName, rowCount: exported.rowCount, writtenTo: out } : exported, () => undefined);
    else if (out) printLine(`Wrote ${exported.rowCount} meters to ${out}.`);
    else process.stdout.write(exported.csv);
  });
}

export interface ExceptionsOptions extends CycleOptions {
  type?: ReadExceptionType[];
  status?: ReadExceptionStatus[];
  limit: number;
}

export async function runReadsExceptions(options: ExceptionsOptions): Promise<void> {
  await withSession(options, async (session) => {
    const result = await session.call('reads.exceptions', {
      cycle: options.cycle,
      period: options.period,
      limit: options.limit,
      ...(options.route ? { route: options.route } : {}),
      ...(options.type ? { types: options.type } : {}),
      ...(options.status ? { statuses: options.status } : {}),
    });
    printResult(options.json === true, result, () => {
      if (result.rows.length === 0) {
        printLine(`No exceptions for cycle ${options.cycle}, ${options.period}.`);
        return;
      }
      printLine(
        renderTable(result.rows, [
          { header: 'Id', value: (row) => String(row.exceptionId), align: 'right' },
          { header: 'Status', value: (row) => row.status },
          { header: 'Exception', value: (row) => READ_EXCEPTION_LABELS[row.type], maxWidth: 28 },
          { header: 'Route', value: (row) => `${row.route}/${row.sequence}` },
          { header: 'Account', value: (row) => row.accountNumber ?? '—' },
          { header: 'Meter', value: (row) => row.meterSerial },
          { header: 'Reading', value: (row) => row.reading ?? '—', align: 'right' },
          { header: 'Use HCF', value: (row) => row.usageHcf ?? '—', align: 'right' },
          { header: 'Expected', value: (row) => (row.expectedLowHcf ? `${row.expectedLowHcf}–${row.expectedHighHcf}` : '—') },
          { header: 'Why', value: (row) => row.message, maxWidth: 60 },
        ]),
      );
      if (result.truncated) printLine(`(first ${result.rows.length} of ${result.total}; filter or raise --limit)`);
    });
  });
}

export async function runReadsUnread(options: CycleOptions): Promise<void> {
  await withSession(options, async (session) => {
    const result = await session.call('reads.unread', { cycle: options.cycle, period: options.period, ...(options.route ? { route: options.route } : {}) });
    printResult(options.json === true, result, () => {
      if (result.rows.length === 0) {
        printLine(`Every active meter of cycle ${options.cycle}${options.route ? ` route ${options.route}` : ''} has a read for ${options.period}.`);
        return;
      }
      printLine(
        renderTable(result.rows, [
          { header: 'Route', value: (row) => `${row.route}/${row.sequence}` },
          { header: 'Account', value: (row) => row.accountNumber },
          { header: 'Customer', value: (row) => row.customerName, maxWidth: 28 },
          { header: 'Service address', value: (row) => row.serviceAddress, maxWidth: 32 },
          { header: 'Meter', value: (row) => row.meterSerial },
          { header: 'Last read', value: (row) => (row.lastReadDate ? `${row.lastReading} on ${row.lastReadDate}` : '—') },
          { header: 'Worklist', value: (row) => row.exceptionStatus ?? '—' },
        ]),
      );
      printLine(`${result.total} unread meter${result.total === 1 ? '' : 's'}.`);
    });
  });
}

export async function runReadsStatus(options: CycleOptions): Promise<void> {
  await withSession(options, async (session) => {
    const status = await session.call('reads.cycleStatus', { cycle: options.cycle, period: options.period });
    printResult(options.json === true, status, () => {
      printLine(
        renderFields([
          ['Cycle', `${status.cycle}, ${status.period}`],
          ['Active meters', String(status.activeMeters)],
          ['Read', String(status.readMeters)],
          ['Unread', String(status.unreadCount)],
          ['Open exceptions', String(status.openExceptions)],
          ['Held', String(status.heldExceptions)],
          ['Resolved', String(status.resolvedExceptions)],
          ['Ready to bill', status.readyToBill ? 'yes' : 'no'],
        ]),
      );
      for (const reason of status.reasons) printLine(`- ${reason}`);
    });
  });
}

export interface CyclesOptions extends GlobalOptions {
  period?: string;
}

/** "9th" for a read day. */
function dayOfMonth(day: number): string {
  const tens = day % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][day % 10] ?? 'th');
  return `${day}${suffix}`;
}

export async function runReadsCycles(options: CyclesOptions): Promise<void> {
  await withSession(options, async (session) => {
    const result = await session.call('reads.cycles', options.period ? { period: options.period } : {});
    printResult(options.json === true, result, () => {
      if (result.cycles.length === 0) {
        printLine('The district has no service locations, so no cycles yet.');
        return;
      }
      printLine(`Cycles for ${result.period}:`);
      printLine(
        renderTable(result.cycles, [
          { header: 'Cycle', value: (row) => String(row.cycle), align: 'right' },
          {
            header: 'Read day',
            value: (row) => (row.readDay === null ? '—' : `${dayOfMonth(row.readDay)}${row.readDayPeriod !== result.period ? ` (as in ${row.readDayPeriod})` : ''}`),
          },
          { header: 'Meters', value: (row) => String(row.activeMeters), align: 'right' },
          { header: 'Read', value: (row) => String(row.readMeters), align: 'right' },
          { header: 'Unread', value: (row) => String(row.unreadCount), align: 'right' },
          { header: 'Open', value: (row) => String(row.openExceptions), align: 'right' },
          { header: 'Held', value: (row) => String(row.heldExceptions), align: 'right' },
          { header: 'Ready to bill', value: (row) => (row.readyToBill ? 'yes' : 'no') },
        ]),
      );
    });
  });
}
