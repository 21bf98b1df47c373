/**
 * `audit list [--by U] [--operation OP] [--account N] [--from D] [--to D] [--limit N] [--before NO]`
 * and `audit show <no.>`: audit.recent and audit.record, the Audit trail screen (supervisor).
 * Each record is a sentence ("Carla Mendoza took a $45.00 cash payment on account …"); `show`
 * prints the record as stored.
 */
import type { AuditRow } from '../../../src-shared/contract';
import { printLine, printResult } from '../io';
import { withSession, type GlobalOptions } from '../office';
import { renderFields, renderTable } from '../table';

export interface AuditOptions extends GlobalOptions {
  by?: string;
  operation?: string;
  account?: string;
  from?: string;
  to?: string;
  limit: number;
  before?: number;
}

const when = (iso: string) => iso.replace('T', ' ').slice(0, 16);

export async function runAuditList(options: AuditOptions): Promise<void> {
  await withSession(options, async (session) => {
    const rows = await session.call('audit.recent', {
      limit: options.limit,
      ...(options.by ? { username: options.by } : {}),
      ...(options.operation ? { operation: options.operation } : {}),
      ...(options.account ? { accountNumber: options.account } : {}),
      ...(options.from ? { from: options.from } : {}),
      ...(options.to ? { to: options.to } : {}),
      ...(options.before ? { beforeSeq: options.before } : {}),
    });
    printResult(options.json === true, rows, () => {
      if (rows.length === 0) return printLine('No audit records match.');
      printLine(
        renderTable(rows, [
          { header: 'No.', value: (row: AuditRow) => String(row.seq), align: 'right' },
          { header: 'When (UTC)', value: (row) => when(row.at) },
          { header: 'What happened', value: (row) => `${row.sentence}${row.approvedBy ? ` (approved by ${row.approvedBy})` : ''}`, maxWidth: 140 },
        ]),
      );
      const oldest = rows[rows.length - 1];
      if (rows.length === options.limit && oldest) printLine(`(the newest ${rows.length}; older ones: --before ${oldest.seq})`);
    });
  });
}

export async function runAuditShow(seq: number, options: GlobalOptions): Promise<void> {
  await withSession(options, async (session) => {
    const record = await session.call('audit.record', { seq });
    printResult(options.json === true, record, () => {
      printLine(
        renderFields([
          ['Record', `${record.seq}, ${when(record.at)} UTC`],
          ['What happened', record.sentence],
          ['User', `${record.userDisplayName} (${record.username})`],
          ['Operation', `${record.operationLabel} (${record.operation})`],
          ['Approved by', record.approvedBy ?? '—'],
          ['Accounts', record.accounts.map((account) => `${account.accountNumber} ${account.customerName}`).join('; ') || '—'],
          ['Hash', record.hash],
        ]),
      );
      printLine('');
      printLine('Input as stored:');
      printLine(record.inputJson);
      printLine('Result as stored:');
      printLine(record.resultJson);
    });
  });
}
