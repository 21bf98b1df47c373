/**
 * Lockbox imports through the operations: a good file posts every item to the bank account,
 * a malformed one (a bad amount, an unknown account, a missing trailer) imports nothing and names the lines, and the
 * same file twice is refused.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestOffice } from '../support/office';
import { accountsWithBalances, balanceOf, createTestOffice, glBalance } from './payments-support';

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

const file = (text: string) => ({ format: 'lockbox-csv' as const, fileName: 'lbx-1102.csv', contentBase64: Buffer.from(text).toString('base64') });
const count = (office: TestOffice, sql: string) => office.runtime.database.sqlite.prepare(sql).pluck().get() as number;

const GOOD = ['Account_Number,Amount,Check_Number,Deposit_Date', 'T000000,126.59,4417,2026-11-02', 'T000001,80.00,,2026-11-02', 'TRAILER,2,206.59', ''].join('\n');

describe('lockbox import', () => {
  it('imports a good file, every item to the bank, and refuses the same file again', async () => {
    office = await createTestOffice();
    const [a1, a2] = accountsWithBalances(office, [12_659, 10_000]) as [number, number];
    const technician = office.as('technician');
    const preview = await technician.must('lockbox.preview', file(GOOD));
    expect(preview).toMatchObject({ canImport: true, itemCount: 2, totalCents: 20_659, problems: [], duplicateOf: null });
    expect(preview.items.map((item) => [item.line, item.accountId, item.amountCents, item.checkNumber])).toEqual([
      [2, a1, 12_659, '4417'],
      [3, a2, 8_000, null],
    ]);
    const imported = await technician.must('lockbox.import', file(GOOD));
    expect(imported).toMatchObject({ itemCount: 2, totalCents: 20_659, firstReceiptNumber: 'R0000001', lastReceiptNumber: 'R0000002' });
    expect([balanceOf(office, a1), balanceOf(office, a2), glBalance(office, '1040')]).toEqual([0, 2_000, 20_659]);
    const receipt = await technician.must('payments.receipt', { receiptNumber: 'R0000002' });
    expect(receipt).toMatchObject({ channel: 'lockbox', drawerId: null, lockboxImportId: imported.importId, tenders: [{ kind: 'check', description: 'Check (no number, Lockbox) $80.00' }] });

    const again = await technician.call('lockbox.import', { ...file(GOOD), fileName: 'renamed.csv' });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(again.ok ? '' : again.error.message).toContain(`already imported as lockbox import ${imported.importId} (lbx-1102.csv`);
    expect((await technician.must('lockbox.preview', file(GOOD))).duplicateOf?.importId).toBe(imported.importId);
    expect(count(office, 'SELECT COUNT(*) FROM payments')).toBe(2);
    const report = await office.as('supervisor').must('endOfDay.report', { businessDate: '2026-11-02' });
    expect(report).toMatchObject({ balanced: true, paymentRegisterCents: 20_659, lockbox: [{ importId: imported.importId, itemCount: 2, totalCents: 20_659 }] });
  });

  it('imports nothing from a malformed file and names each line at fault', async () => {
    office = await createTestOffice();
    accountsWithBalances(office, [5_000, 5_000]);
    const technician = office.as('technician');
    const bad = ['Account_Number,Amount,Check_Number,Deposit_Date', 'T000000,50.00,1,2026-11-02', 'T000001,80.0O,2,2026-11-02', 'NOSUCH-01,10.00,3,2026-11-02', 'TRAILER,3,140.00', ''].join('\n');
    const preview = await technician.must('lockbox.preview', file(bad));
    expect(preview.canImport).toBe(false);
    expect(preview.problems.map((problem) => [problem.line, problem.field])).toEqual([
      [3, 'Amount'],
      [4, 'Account number'],
    ]);
    expect(preview.problems[1]?.message).toBe('No account NOSUCH-01: correct the number or post this item by hand and remove it from the file');
    const refused = await technician.call('lockbox.import', file(bad));
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/^The file has 2 problem\(s\) and nothing was imported: Line 3, Amount: "80\.0O" is not an amount; [^;]*; Line 4, Account number: No account NOSUCH-01: /);
    expect(count(office, 'SELECT COUNT(*) FROM payments') + count(office, 'SELECT COUNT(*) FROM lockbox_imports')).toBe(0);
    const truncated = await technician.call('lockbox.import', file(GOOD.split('\n').slice(0, 3).join('\n')));
    expect(truncated).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(count(office, "SELECT COUNT(*) FROM journal_entries WHERE kind = 'payment'")).toBe(0);
  });

  it('imports the BAI2 sample, matching account numbers as the bank wrote them', async () => {
    office = await createTestOffice();
    const ids = accountsWithBalances(office, [12_659, 8_000, 21_175]);
    // The sample's scan lines name 001234-01, 001877-01 and 000452-02.
    const rename = office.runtime.database.sqlite.prepare('UPDATE accounts SET account_number = ? WHERE id = ?');
    ['001234-01', '001877-01', '000452-02'].forEach((number, index) => rename.run(number, ids[index]));
    const content = readFileSync(join(__dirname, '../fixtures/lockbox/lockbox-good.bai'));
    const imported = await office.as('technician').must('lockbox.import', { format: 'bai2', fileName: 'lockbox-good.bai', contentBase64: content.toString('base64') });
    expect(imported).toMatchObject({ itemCount: 3, totalCents: 41_834 });
    expect(ids.map((accountId) => balanceOf(office as TestOffice, accountId))).toEqual([0, 0, 0]);
  });
});
