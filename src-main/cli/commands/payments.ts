/**
 * `drawer open | close | list | show`, `pay`, `receipt`, `void`, `batch open | show | close`,
 * `lockbox import`, `deposit`, `end-of-day`: the cash drawer and payments through the same
 * operations as the counter screens (drawer.*, payments.*, batches.*, lockbox.*, deposit.create,
 * endOfDay.*), `payments find` (payments.search). Money is typed in dollars ("140.00") and sent as integer cents.
 */
import { newRequestId } from '../../../src-shared/ids';
import { printFileNotes, printFileProblems } from '../file-report';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import {
  DENOMINATION_CODES,
  MAX_LOCKBOX_FILE_BYTES,
  type LockboxFormat,
  type LockboxTypeCodes,
  TENDER_KIND_LABELS,
  type DrawerReconciliationView,
  type DrawerView,
  type EndOfDayReport,
  type InputOf,
  type OperationName,
  type Receipt,
  type ResultOf,
} from '../../../src-shared/contract';
import { formatCents, parseDollars } from '../../../src-shared/money';
import { CliError, usageError } from '../errors';
import { EXIT } from '../exit-codes';
import { printError, printLine, printResult, readSecret } from '../io';
import { withSession, type CliSession, type GlobalOptions } from '../office';
import { renderFields, renderTable } from '../table';

type Tender = InputOf<'payments.take'>['tenders'][number];
type Counts = InputOf<'drawer.open'>['floatCounts'];

function dollars(text: string, what: string): number {
  const cents = parseDollars(text);
  if (cents === null || cents < 0) throw usageError(`${what}: "${text}" is not an amount in dollars and cents, like 126.59`);
  return cents;
}

/** "bill_20=5,coin_25=16" (or the option repeated) → counts by denomination. */
export function parseCounts(values: readonly string[], option: string): Counts {
  const counts: Record<string, number> = {};
  for (const part of values.flatMap((value) => value.split(','))) {
    if (part.trim() === '') continue;
    const match = /^\s*([a-z0-9_]+)\s*=\s*(\d+)\s*$/.exec(part);
    if (!match) throw usageError(`${option}: "${part}" is not denomination=count, like bill_20=5`);
    const code = match[1] as string;
    if (!(DENOMINATION_CODES as readonly string[]).includes(code)) throw usageError(`${option}: "${code}" is not a denomination; use ${DENOMINATION_CODES.join(', ')}`);
    counts[code] = (counts[code] ?? 0) + Number(match[2]);
  }
  return counts as Counts;
}

/** "<first>:<middle…>:<dollars>" (the middle may hold colons or be empty). */
function splitTender(text: string, option: string, shape: string): [string, string, number] {
  const parts = text.split(':');
  if (parts.length < 3) throw usageError(`${option}: "${text}" is not ${shape}`);
  return [parts[0]?.trim() ?? '', parts.slice(1, -1).join(':').trim(), dollars(parts[parts.length - 1] as string, option)];
}

export interface PayOptions extends GlobalOptions {
  account: string[];
  cash?: string;
  check?: string[];
  card?: string[];
  moneyOrder?: string[];
  changeAsCredit?: boolean;
  creditAccount?: string;
  channel?: 'counter' | 'mail' | 'dropbox';
  batch?: number;
  payer?: string;
  paymentId?: string;
}

function tendersOf(options: PayOptions): Tender[] {
  const tenders: Tender[] = [];
  if (options.cash !== undefined) tenders.push({ kind: 'cash', amountCents: dollars(options.cash, '--cash') });
  for (const text of options.check ?? []) {
    const [checkNumber, bank, amountCents] = splitTender(text, '--check', 'number:bank:dollars, like 1043:Valley Bank:80.00');
    tenders.push({ kind: 'check', checkNumber, bank, amountCents });
  }
  for (const text of options.card ?? []) {
    const [lastFour, authorizationCode, amountCents] = splitTender(text, '--card', 'last4:auth:dollars, like 1111:0A12B:45.50');
    tenders.push({ kind: 'card', lastFour, authorizationCode, amountCents });
  }
  for (const text of options.moneyOrder ?? []) {
    const [serialNumber, issuer, amountCents] = splitTender(text, '--money-order', 'serial:issuer:dollars, like MO-77:USPS:25.00');
    tenders.push({ kind: 'money_order', serialNumber, issuer, amountCents });
  }
  if (tenders.length === 0) throw usageError('Give at least one tender: --cash, --check, --card or --money-order');
  return tenders;
}

async function accountIdOf(session: CliSession, accountNumber: string): Promise<number> {
  return (await session.call('accounts.findByNumber', { accountNumber })).accountId;
}

function printReceipt(receipt: Receipt): void {
  printLine(
    renderFields([
      [receipt.reprint ? 'Receipt (REPRINT)' : 'Receipt', `${receipt.receiptNumber}${receipt.status === 'posted' ? '' : ` — ${receipt.status.toUpperCase()}`}`],
      ['Taken', `${receipt.receivedAt} by ${receipt.clerk}${receipt.workstation ? ` at ${receipt.workstation}` : ''} (${receipt.channel})`],
      ...(receipt.payerName ? [['Payer', receipt.payerName] as const] : []),
    ]),
  );
  printLine('');
  printLine(renderTable(receipt.accounts, [
    { header: 'Account', value: (line) => line.accountNumber },
    { header: 'Customer', value: (line) => line.customerName, maxWidth: 30 },
    { header: 'Paid', value: (line) => formatCents(line.amountCents), align: 'right' },
    { header: 'Balance after', value: (line) => formatCents(line.balanceAfterCents), align: 'right' },
  ]));
  printLine('');
  for (const tender of receipt.tenders) printLine(`  ${tender.description}`);
  printLine(
    renderFields([
      ['Tendered', formatCents(receipt.tenderedCents)],
      ['CHANGE', formatCents(receipt.changeCents)],
      ...(receipt.creditCents > 0 ? [['Credit on account', formatCents(receipt.creditCents)] as const] : []),
      ['Paid', formatCents(receipt.paymentCents)],
    ]),
  );
  if (receipt.voided) printLine(`Voided ${receipt.voided.at} by ${receipt.voided.by}, approved by ${receipt.voided.approvedBy ?? '—'}: ${receipt.voided.reason}`);
  if (receipt.replayed) printLine('(already posted: this is the first posting, nothing new was written)');
}

/** --account number=dollars, each looked up. */
async function accountsOf(session: CliSession, texts: readonly string[]): Promise<{ accountId: number; amountCents: number }[]> {
  if (texts.length === 0) throw usageError('Give the account(s) paid: --account 001234-01=126.59');
  const accounts = [];
  for (const text of texts) {
    const [number, amount] = text.split('=');
    if (!number || amount === undefined) throw usageError(`--account: "${text}" is not number=dollars, like 001234-01=126.59`);
    accounts.push({ accountId: await accountIdOf(session, number.trim()), amountCents: dollars(amount, '--account') });
  }
  return accounts;
}

/**
 * `batch correct <receipt>`: an entry of a batch that is still open, keyed again as it should
 * have been (the same options as pay); the entry is replaced by a new receipt, no approval.
 */
export async function runBatchCorrect(receiptNumber: string, options: PayOptions): Promise<void> {
  if (options.account.length === 0) throw usageError('Give the account(s) paid: --account 001234-01=126.59');
  const tenders = tendersOf(options);
  await withSession(options, async (session) => {
    const entry = await session.call('payments.receipt', { receiptNumber });
    const accounts = await accountsOf(session, options.account);
    const receipt = await session.call('batches.correctEntry', {
      paymentId: entry.paymentId,
      entryId: newRequestId(),
      newPaymentId: options.paymentId ?? newRequestId(),
      accounts,
      tenders,
      changeAsCredit: options.changeAsCredit === true,
      ...(options.creditAccount ? { creditAccountId: await accountIdOf(session, options.creditAccount) } : {}),
      payerName: options.payer ?? '',
    });
    printResult(options.json === true, receipt, () => {
      printLine(`Receipt ${entry.receiptNumber} is replaced by ${receipt.receiptNumber}.`);
      printReceipt(receipt);
    });
  });
}

export async function runPay(options: PayOptions): Promise<void> {
  if (options.account.length === 0) throw usageError('Give the account(s) paid: --account 001234-01=126.59');
  const tenders = tendersOf(options);
  await withSession(options, async (session) => {
    const accounts = await accountsOf(session, options.account);
    const receipt = await session.call('payments.take', {
      paymentId: options.paymentId ?? newRequestId(),
      channel: options.channel ?? 'counter',
      ...(options.batch !== undefined ? { batchId: options.batch } : {}),
      accounts,
      tenders,
      changeAsCredit: options.changeAsCredit === true,
      ...(options.creditAccount ? { creditAccountId: await accountIdOf(session, options.creditAccount) } : {}),
      payerName: options.payer ?? '',
    }, options.paymentId);
    printResult(options.json === true, receipt, () => printReceipt(receipt));
  });
}

/** A new file for a PDF (never overwrites), checked before any work is done. */
function pdfTarget(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const out = resolve(path);
  if (existsSync(out)) throw new CliError(EXIT.failed, `${path} already exists; choose a new file name`);
  return out;
}

function writePdf(out: string, pdfBase64: string): void {
  const pdf = Buffer.from(pdfBase64, 'base64');
  writeFileSync(out, pdf, { flag: 'wx' });
  printError(`Wrote ${out} (${pdf.length.toLocaleString('en-US')} bytes).`);
}

export async function runReceipt(receiptNumber: string, options: GlobalOptions & { reprint?: boolean; pdf?: string; roll?: boolean }): Promise<void> {
  const out = pdfTarget(options.pdf);
  await withSession(options, async (session) => {
    const found = await session.call('payments.receipt', { receiptNumber });
    const receipt = options.reprint ? await session.call('payments.reprint', { paymentId: found.paymentId }) : found;
    printResult(options.json === true, receipt, () => printReceipt(receipt));
    if (out) {
      const { pdfBase64 } = await session.call('payments.receiptPdf', { paymentId: found.paymentId, layout: options.roll ? 'roll80' : 'letter', reprint: options.reprint === true });
      writePdf(out, pdfBase64);
    }
  });
}

export interface VoidOptions extends GlobalOptions {
  reason: string;
  approver?: string;
  approverPasswordFile?: string;
}

/** Runs a write that needs a supervisor: the caller if a supervisor, else --approver's credentials. */
async function callApproved<Name extends OperationName>(session: CliSession, op: Name, input: InputOf<Name>, options: VoidOptions): Promise<ResultOf<Name>> {
  const approval =
    options.approver === undefined
      ? undefined
      : { username: options.approver, password: await readSecret({ envName: 'BILLING_OFFICE_APPROVER_PASSWORD', file: options.approverPasswordFile, prompt: `Password for ${options.approver}: ` }) };
  return session.call(op, input, undefined, approval);
}

export async function runVoid(receiptNumber: string, options: VoidOptions): Promise<void> {
  await withSession(options, async (session) => {
    const found = await session.call('payments.receipt', { receiptNumber });
    const receipt = await callApproved(session, 'payments.void', { paymentId: found.paymentId, entryId: newRequestId(), reason: options.reason }, options);
    printResult(options.json === true, receipt, () => printReceipt(receipt));
  });
}

export async function runReturnCheck(receiptNumber: string, options: VoidOptions): Promise<void> {
  await withSession(options, async (session) => {
    const found = await session.call('payments.receipt', { receiptNumber });
    const receipt = await callApproved(session, 'payments.returnCheck', { paymentId: found.paymentId, entryId: newRequestId(), feeEntryId: newRequestId(), reason: options.reason }, options);
    printResult(options.json === true, receipt, () => printReceipt(receipt));
  });
}

export interface FindOptions extends GlobalOptions {
  receipt?: string;
  check?: string;
  account?: string;
  from?: string;
  to?: string;
  limit?: number;
}

const STATUS_WORDS: Record<Receipt['status'], string> = { posted: 'posted', voided: 'VOIDED', returned: 'RETURNED' };

/** `payments find`: past receipts by receipt, check or money-order number, account, day range. */
export async function runPaymentsFind(options: FindOptions): Promise<void> {
  if ([options.receipt, options.check, options.account, options.from, options.to].every((value) => value === undefined)) {
    throw usageError('Say what to find: --receipt R, --check N, --account A and/or --from D --to D');
  }
  await withSession(options, async (session) => {
    const receipts = await session.call('payments.search', {
      ...(options.receipt !== undefined ? { receiptNumber: options.receipt } : {}),
      ...(options.check !== undefined ? { checkNumber: options.check } : {}),
      ...(options.account !== undefined ? { accountId: await accountIdOf(session, options.account) } : {}),
      ...(options.from !== undefined ? { fromDate: options.from } : {}),
      ...(options.to !== undefined ? { toDate: options.to } : {}),
      ...(options.limit !== undefined ? { limit: options.limit } : {}),
    });
    printResult(options.json === true, receipts, () =>
      printLine(
        receipts.length === 0
          ? 'No payment matches.'
          : renderTable(receipts, [
              { header: 'Date', value: (receipt) => receipt.businessDate },
              { header: 'Receipt', value: (receipt) => receipt.receiptNumber },
              { header: 'Accounts', value: (receipt) => receipt.accounts.map((line) => line.accountNumber).join(' ') },
              { header: 'Tenders', value: (receipt) => receipt.tenders.map((tender) => tender.description).join('; '), maxWidth: 48 },
              { header: 'Amount', value: (receipt) => formatCents(receipt.paymentCents), align: 'right' },
              { header: 'Status', value: (receipt) => STATUS_WORDS[receipt.status] },
            ]),
      ),
    );
  });
}

function printDrawer(drawer: DrawerView): void {
  const totals = drawer.totals;
  printLine(
    renderFields([
      ['Drawer', `${drawer.drawerId} — ${drawer.clerk} at ${drawer.workstation}, ${drawer.businessDate} (${drawer.status})`],
      ['Float', formatCents(totals.openingFloatCents)],
      ['Cash expected', `${formatCents(totals.expectedCashCents)} (float + cash in ${formatCents(totals.cashInCents)} − change ${formatCents(totals.changeOutCents)})`],
      ['Checks', formatCents(totals.checkCents)],
      ['Money orders', formatCents(totals.moneyOrderCents)],
      ['Card', formatCents(totals.cardCents)],
      ['Receipts', `${totals.paymentCount} (${totals.voidedCount} voided)`],
      ...(drawer.reconciliation ? [['Over/short', `${formatCents(drawer.reconciliation.overShortCents)}${drawer.overShortReason ? ` — ${drawer.overShortReason}` : ''}`] as const] : []),
      ...(drawer.depositId !== null ? [['Deposit', String(drawer.depositId)] as const] : []),
    ]),
  );
}

function printReconciliation(view: DrawerReconciliationView): void {
  printLine(renderTable(view.comparisons, [
    { header: 'Tender', value: (line) => TENDER_KIND_LABELS[line.tender] },
    { header: 'Expected', value: (line) => formatCents(line.expectedCents), align: 'right' },
    { header: 'Counted', value: (line) => (line.countedCents === null ? '—' : formatCents(line.countedCents)), align: 'right' },
    { header: 'Over/short', value: (line) => (line.overShortCents === null ? '—' : formatCents(line.overShortCents)), align: 'right' },
  ]));
  for (const finding of view.findings) printLine(finding);
  printLine(view.balanced ? 'The drawer balances.' : `Over/short: ${formatCents(view.overShortCents)}`);
}

export async function runDrawerOpen(options: GlobalOptions & { workstation: string; float?: string[] }): Promise<void> {
  await withSession(options, async (session) => {
    const drawer = await session.call('drawer.open', { workstation: options.workstation, floatCounts: parseCounts(options.float ?? [], '--float') });
    printResult(options.json === true, drawer, () => printDrawer(drawer));
  });
}

export interface CloseOptions extends GlobalOptions {
  drawer?: number;
  cash?: string[];
  item?: string[];
  cardBatch?: string;
  reason?: string;
  dryRun?: boolean;
}

function closeCount(options: CloseOptions): InputOf<'drawer.close'>['count'] {
  const items = (options.item ?? []).map((text) => {
    const [kind, number, amount] = text.split(':');
    if ((kind !== 'check' && kind !== 'money_order') || !number || amount === undefined) throw usageError(`--item: "${text}" is not check|money_order:number:dollars, like check:1043:80.00`);
    return { kind, number, amountCents: dollars(amount, '--item') } as const;
  });
  return { cash: parseCounts(options.cash ?? [], '--cash'), items, cardBatchTotalCents: options.cardBatch === undefined ? null : dollars(options.cardBatch, '--card-batch') };
}

export async function runDrawerClose(options: CloseOptions): Promise<number> {
  return withSession(options, async (session) => {
    const drawerId = options.drawer ?? (await session.call('drawer.current', {}))?.drawerId;
    if (drawerId === undefined) throw new CliError(EXIT.failed, 'You have no open drawer; give --drawer <id>');
    const count = closeCount(options);
    if (options.dryRun) {
      const preview = await session.call('drawer.closePreview', { drawerId, count });
      printResult(options.json === true, preview, () => printReconciliation(preview));
      return EXIT.ok;
    }
    const closed = await session.call('drawer.close', { drawerId, count, entryId: newRequestId(), overShortReason: options.reason ?? '' });
    printResult(options.json === true, closed, () => {
      if (closed.reconciliation) printReconciliation(closed.reconciliation);
      printLine('');
      printDrawer(closed);
    });
    return EXIT.ok;
  });
}

export async function runDrawerList(options: GlobalOptions & { status?: 'open' | 'closed' | 'deposited' | 'all'; date?: string }): Promise<void> {
  await withSession(options, async (session) => {
    const drawers = await session.call('drawer.list', { status: options.status ?? 'open', ...(options.date ? { businessDate: options.date } : {}) });
    printResult(options.json === true, drawers, () =>
      printLine(renderTable(drawers, [
        { header: 'Drawer', value: (drawer) => String(drawer.drawerId), align: 'right' },
        { header: 'Date', value: (drawer) => drawer.businessDate },
        { header: 'Clerk', value: (drawer) => drawer.clerk },
        { header: 'Workstation', value: (drawer) => drawer.workstation },
        { header: 'Status', value: (drawer) => drawer.status },
        { header: 'Receipts', value: (drawer) => String(drawer.totals.paymentCount), align: 'right' },
        { header: 'Cash expected', value: (drawer) => formatCents(drawer.totals.expectedCashCents), align: 'right' },
      ])),
    );
  });
}

export async function runBatchOpen(options: GlobalOptions & { channel: 'mail' | 'dropbox'; count: number; total: string; note?: string }): Promise<void> {
  await withSession(options, async (session) => {
    const batch = await session.call('batches.open', { channel: options.channel, controlCount: options.count, controlTotalCents: dollars(options.total, '--total'), note: options.note ?? '' });
    printResult(options.json === true, batch, () => printLine(`Batch ${batch.batchId} open (${batch.channel}): ${batch.controlCount} payments, ${formatCents(batch.controlTotalCents)}. Key each with: pay --channel ${batch.channel} --batch ${batch.batchId} …`));
  });
}

export async function runBatchShowOrClose(batchId: number, close: boolean, options: GlobalOptions): Promise<void> {
  await withSession(options, async (session) => {
    const batch = close ? await session.call('batches.close', { batchId }) : await session.call('batches.get', { batchId });
    printResult(options.json === true, batch, () =>
      printLine(renderFields([
        ['Batch', `${batch.batchId} (${batch.channel}, ${batch.status})`],
        ['Control', `${batch.controlCount} payments, ${formatCents(batch.controlTotalCents)}`],
        ['Keyed', `${batch.entryCount} payments, ${formatCents(batch.entryTotalCents)}`],
        ['Difference', `${batch.countDifference} payments, ${formatCents(batch.totalDifferenceCents)}`],
      ])),
    );
  });
}

export async function runLockboxImport(file: string, options: GlobalOptions & { format: LockboxFormat; itemCodes?: string[]; dryRun?: boolean }): Promise<number> {
  const path = resolve(file);
  if (!existsSync(path)) throw usageError(`There is no file ${file}`);
  if (statSync(path).size > MAX_LOCKBOX_FILE_BYTES) throw new CliError(EXIT.failed, `${file} is larger than 5 MB`);
  const input = {
    format: options.format,
    fileName: basename(path),
    contentBase64: readFileSync(path).toString('base64'),
    ...(options.itemCodes !== undefined ? { itemCodes: options.itemCodes } : {}),
  };
  return withSession(options, async (session) => {
    const preview = await session.call('lockbox.preview', input);
    if (options.dryRun || !preview.canImport) {
      printResult(options.json === true, preview, () => {
        printLine(`${preview.fileName}: ${preview.itemCount} payments, ${formatCents(preview.totalCents)}`);
        if (preview.typeCodes) printLine(typeCodesLine(preview.typeCodes));
        printFileProblems(preview.problems);
        printFileNotes(preview.notes);
        if (preview.duplicateOf) printLine(`Already imported as lockbox import ${preview.duplicateOf.importId} (${preview.duplicateOf.fileName}, ${preview.duplicateOf.importedAt})`);
      });
      if (!preview.canImport) {
        printError('error: the file cannot be imported; nothing was imported');
        return EXIT.failed;
      }
      return EXIT.ok;
    }
    const imported = await session.call('lockbox.import', input);
    printResult(options.json === true, imported, () => {
      printLine(`Imported ${imported.fileName}: ${imported.itemCount} payments, ${formatCents(imported.totalCents)}, receipts ${imported.firstReceiptNumber}–${imported.lastReceiptNumber} (lockbox import ${imported.importId})`);
      // The preview's notes hold for the file imported (the same bytes): say them here too.
      printFileNotes(preview.notes);
    });
    return EXIT.ok;
  });
}

function typeCodesLine(codes: LockboxTypeCodes & { fromSetting?: boolean }): string {
  const source = codes.fromSetting === false ? ' (given for this file)' : codes.fromSetting ? ' (office setting)' : '';
  return `Type codes: payments ${codes.itemCodes.join(', ')}; deposit totals ${codes.depositCodes.length > 0 ? codes.depositCodes.join(', ') : 'none'}${source}`;
}

/** `lockbox codes [--item-codes …] [--deposit-codes …]`: shows the office's BAI2 type codes, or changes them. */
export async function runLockboxCodes(options: GlobalOptions & { itemCodes?: string[]; depositCodes?: string[] }): Promise<void> {
  await withSession(options, async (session) => {
    const current = await session.call('lockbox.settings', {});
    const changing = options.itemCodes !== undefined || options.depositCodes !== undefined;
    const codes = changing
      ? await session.call('lockbox.updateSettings', { itemCodes: options.itemCodes ?? current.itemCodes, depositCodes: options.depositCodes ?? current.depositCodes })
      : current;
    printResult(options.json === true, codes, () => printLine(`${changing ? 'Set. ' : ''}${typeCodesLine(codes)}`));
  });
}

export async function runDeposit(drawerIds: number[], options: GlobalOptions & { requestId?: string; pdf?: string }): Promise<void> {
  const out = pdfTarget(options.pdf);
  await withSession(options, async (session) => {
    const slip = await session.call('deposit.create', { depositId: options.requestId ?? newRequestId(), drawerIds }, options.requestId);
    if (out) writePdf(out, (await session.call('deposit.slipPdf', { depositId: slip.depositId })).pdfBase64);
    printResult(options.json === true, slip, () => {
      printLine(renderFields([
        ['Deposit', `${slip.depositId} (${slip.businessDate}), drawers ${slip.drawerIds.join(', ')}`],
        ['Currency', formatCents(slip.currencyCents)],
        ['Coin', formatCents(slip.coinCents)],
        ['Checks and money orders', `${slip.items.length}, ${formatCents(slip.itemsCents)}`],
        ['Total deposit', formatCents(slip.totalCents)],
      ]));
      if (slip.items.length > 0) {
        printLine('');
        printLine(renderTable(slip.items, [
          { header: 'Kind', value: (item) => TENDER_KIND_LABELS[item.kind] },
          { header: 'Number', value: (item) => item.number },
          { header: 'Drawn on', value: (item) => item.drawnOn, maxWidth: 30 },
          { header: 'Amount', value: (item) => formatCents(item.amountCents), align: 'right' },
        ]));
      }
    });
  });
}

function printEndOfDay(report: EndOfDayReport): void {
  printLine(`End of day ${report.businessDate}${report.finalised ? ` — finalised ${report.finalised.at} by ${report.finalised.by}` : ''}`);
  printLine('');
  printLine(renderTable(report.byTender, [
    { header: 'Tender', value: (line) => TENDER_KIND_LABELS[line.tender] },
    { header: 'Count', value: (line) => String(line.count), align: 'right' },
    { header: 'Amount', value: (line) => formatCents(line.amountCents), align: 'right' },
  ]));
  printLine(`Change given ${formatCents(report.changeCents)}; payments ${formatCents(report.paymentRegisterCents)}; over/short ${formatCents(report.overShortCents)}; voids ${report.voids.length}`);
  printLine('');
  printLine(renderTable(report.postingsByGl, [
    { header: 'GL', value: (line) => line.glCode },
    { header: 'Account', value: (line) => line.glName, maxWidth: 34 },
    { header: 'Debits', value: (line) => formatCents(line.debitCents), align: 'right' },
    { header: 'Credits', value: (line) => formatCents(line.creditCents), align: 'right' },
  ]));
  printLine('');
  for (const line of report.assertions) printLine(`${line.ok ? 'ok ' : 'NO '} ${line.name}${line.ok ? '' : `: ${line.detail}`}`);
}

export async function runEndOfDay(options: GlobalOptions & { date?: string; finalise?: boolean; pdf?: string }): Promise<number> {
  const out = pdfTarget(options.pdf);
  return withSession(options, async (session) => {
    const report = options.finalise
      ? await session.call('endOfDay.finalise', { businessDate: options.date ?? (await session.call('endOfDay.report', {})).businessDate })
      : await session.call('endOfDay.report', options.date ? { businessDate: options.date } : {});
    printResult(options.json === true, report, () => printEndOfDay(report));
    if (out) writePdf(out, (await session.call('endOfDay.pdf', { businessDate: report.businessDate })).pdfBase64);
    return report.balanced ? EXIT.ok : EXIT.failed;
  });
}
