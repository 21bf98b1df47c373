/**
 * Importing a bank lockbox file: parse (lockbox/), match each item's account number, and post
 * every item as its own payment — all or nothing, in the caller's one transaction. The same file
 * (SHA-256 of its bytes) is refused a second time. Lockbox money is already in the bank, so each
 * payment debits the operating bank account (1040) rather than a drawer.
 */
import type { LockboxFileInput, LockboxImportResult, LockboxLineView, LockboxPreview } from '../../../src-shared/contract/payments';
import { lockboxFileInput } from '../../../src-shared/contract/payments';
import { problemText } from '../../../src-shared/file-problems';
import { perConnection } from '../storage/prepared';
import { OfficeError } from '../errors';
import { derivedUuid } from '../hashing';
import type { Sqlite } from '../storage/database';
import type { Actor } from './actor';
import { isFinalised } from './end-of-day';
import { typeCodesFor } from './lockbox-settings';
import { parseLockboxFile } from './lockbox';
import { recordPayment } from './posting';
import type { TenderSettlement } from './tenders';
import { parseInput } from './validate';

const statements = perConnection((db: Sqlite) => ({
  duplicate: db.prepare<[string], { importId: number; fileName: string; importedAt: string }>(
    'SELECT id AS importId, file_name AS fileName, imported_at AS importedAt FROM lockbox_imports WHERE file_sha256 = ?',
  ),
  accountByNumber: db.prepare<[string], number>('SELECT id FROM accounts WHERE account_number = ?').pluck(),
  insert: db.prepare(
    `INSERT INTO lockbox_imports (file_name, format, file_sha256, item_count, total_cents, business_date, imported_at, imported_by_user_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
}));

function decodeBase64(contentBase64: string): Buffer {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(contentBase64.replace(/\s+/g, ''))) {
    throw new OfficeError('INVALID_INPUT', 'contentBase64: the file is not base64-encoded', 'contentBase64');
  }
  return Buffer.from(contentBase64, 'base64');
}

/** The account a bank's scan line names: as written, or run together ("00123401" for "001234-01"). */
function accountIdOf(db: Sqlite, accountNumber: string): number | null {
  const exact = statements(db).accountByNumber.get(accountNumber);
  if (exact !== undefined) return exact;
  const runTogether = /^(\d{6,})(\d{2})$/.exec(accountNumber);
  return runTogether ? (statements(db).accountByNumber.get(`${runTogether[1]}-${runTogether[2]}`) ?? null) : null;
}

/** Parses and matches a lockbox file; nothing is saved. */
export function previewLockbox(db: Sqlite, rawInput: LockboxFileInput): LockboxPreview {
  const input = parseInput(lockboxFileInput, rawInput);
  if (input.itemCodes !== undefined && input.format !== 'bai2') {
    throw new OfficeError('INVALID_INPUT', 'itemCodes: item type codes are for BAI2 files only; leave them out for this format', 'itemCodes');
  }
  // BAI2 only: which 16 records are payments (the office setting, or this file's own codes).
  const typeCodes = input.format === 'bai2' ? typeCodesFor(db, input.itemCodes) : null;
  const parsed = parseLockboxFile(decodeBase64(input.contentBase64), input.format, typeCodes ? { bai2: { itemTypeCodes: typeCodes.itemCodes, depositTypeCodes: typeCodes.depositCodes } } : {});
  const problems = [...parsed.problems];
  const items: LockboxLineView[] = parsed.items.map((item) => {
    const accountId = accountIdOf(db, item.accountNumber);
    if (accountId === null && problems.length < 100) problems.push({ line: item.line, field: 'Account number', message: `No account ${item.accountNumber}: correct the number or post this item by hand and remove it from the file` });
    return { line: item.line, accountNumber: item.accountNumber, accountId, amountCents: item.amountCents, checkNumber: item.checkNumber, depositDate: item.depositDate };
  });
  problems.sort((a, b) => a.line - b.line);
  const duplicateOf = statements(db).duplicate.get(parsed.fileSha256) ?? null;
  return {
    fileName: input.fileName,
    format: input.format,
    typeCodes,
    fileSha256: parsed.fileSha256,
    itemCount: parsed.itemCount,
    totalCents: parsed.itemTotalCents,
    items,
    problems,
    notes: parsed.notes,
    duplicateOf,
    canImport: problems.length === 0 && duplicateOf === null && items.length > 0,
  };
}

/** Imports the whole file or nothing; refuses a duplicate and a file with any problem, naming the lines. */
export function importLockbox(db: Sqlite, actor: Actor, rawInput: LockboxFileInput): LockboxImportResult {
  const preview = previewLockbox(db, rawInput);
  if (preview.duplicateOf) {
    throw new OfficeError('CONFLICT', `This file was already imported as lockbox import ${preview.duplicateOf.importId} (${preview.duplicateOf.fileName}, ${preview.duplicateOf.importedAt}); nothing was imported`);
  }
  if (preview.problems.length > 0) {
    const shown = preview.problems.slice(0, 5).map(problemText);
    throw new OfficeError('INVALID_INPUT', `The file has ${preview.problems.length} problem(s) and nothing was imported: ${shown.join('; ')}${preview.problems.length > 5 ? '; …' : ''}`);
  }
  if (preview.items.length === 0) throw new OfficeError('INVALID_INPUT', 'The file holds no payments; nothing was imported');
  if (isFinalised(db, actor.today)) throw new OfficeError('CONFLICT', `The end of day of ${actor.today} is finalised: import the file on the next business day`);
  const importId = Number(
    statements(db).insert.run(preview.fileName, preview.format, preview.fileSha256, preview.itemCount, preview.totalCents, actor.today, actor.nowIso, actor.userId).lastInsertRowid,
  );
  const receipts = preview.items.map((item) => {
    const tender = { kind: 'check' as const, amountCents: item.amountCents, checkNumber: item.checkNumber ?? '', bank: 'Lockbox' };
    // A bank item is exactly its amount: no change, no credit (the check number may be absent,
    // which a counter check may not, so it is not put through settleTenders).
    const settlement: TenderSettlement = {
      amountCents: item.amountCents,
      tenders: [tender],
      tenderedCents: item.amountCents,
      tenderedByKind: { cash: 0, check: item.amountCents, card: 0, money_order: 0 },
      changeCents: 0,
      paymentCents: item.amountCents,
      creditCents: 0,
      cashKeptCents: 0,
    };
    return recordPayment(db, actor, {
      paymentUid: derivedUuid(`lockbox:${preview.fileSha256}:${item.line}`),
      channel: 'lockbox',
      drawerId: null,
      batchId: null,
      lockboxImportId: importId,
      sourceLine: item.line,
      payerName: '',
      settlement,
      accounts: [{ accountId: item.accountId as number, amountCents: item.amountCents }],
      contentHash: `lockbox:${preview.fileSha256}:${item.line}`,
      bankDirect: true,
    }).receiptNumber;
  });
  return { importId, fileName: preview.fileName, itemCount: preview.itemCount, totalCents: preview.totalCents, firstReceiptNumber: receipts[0] as string, lastReceiptNumber: receipts[receipts.length - 1] as string };
}
