/**
 * Issue #13 through the operations: the BAI2 type codes as an office setting (read, changed,
 * refused when wrong, shown in the preview, overridden for one file), and the BAI lockbox
 * transmission format imported all or nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestOffice } from '../support/office';
import { accountsWithBalances, balanceOf, createTestOffice, glBalance } from './payments-support';

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/lockbox', name), 'utf8');
const upload = (format: 'bai2' | 'bai-lockbox' | 'lockbox-csv', content: string, extra: { itemCodes?: string[] } = {}) => ({
  format,
  fileName: `lockbox.${format}`,
  contentBase64: Buffer.from(content).toString('base64'),
  ...extra,
});
const count = (office: TestOffice, sql: string) => office.runtime.database.sqlite.prepare(sql).pluck().get() as number;

/** Three accounts numbered as the samples' scan lines name them, owing what the samples pay. */
function sampleAccounts(office: TestOffice): number[] {
  const ids = accountsWithBalances(office, [12_659, 8_000, 21_175]);
  const rename = office.runtime.database.sqlite.prepare('UPDATE accounts SET account_number = ? WHERE id = ?');
  ['001234-01', '001877-01', '000452-02'].forEach((number, index) => rename.run(number, ids[index]));
  return ids;
}

/** The BAI2 sample as a bank that reports lockbox items as 117 and deposit totals as 105 sends it. */
const BAI2_117 = fixture('lockbox-good.bai').replace(/^16,116,/gm, '16,117,').replace('16,115,', '16,105,');

describe('BAI2 type codes as an office setting (item 5)', () => {
  it('defaults to 116 items and 115 deposit totals, shown in the preview', async () => {
    office = await createTestOffice();
    sampleAccounts(office);
    const technician = office.as('technician');
    expect(await technician.must('lockbox.settings', {})).toEqual({ itemCodes: ['116'], depositCodes: ['115'] });
    const preview = await technician.must('lockbox.preview', upload('bai2', fixture('lockbox-good.bai')));
    expect(preview).toMatchObject({ canImport: true, itemCount: 3, typeCodes: { itemCodes: ['116'], depositCodes: ['115'], fromSetting: true } });
    expect((await technician.must('lockbox.preview', upload('bai-lockbox', fixture('lockbox-good-bai-lockbox.txt')))).typeCodes).toBeNull();
  });

  it('a changed setting decides which records are payments; the preview and import use it', async () => {
    office = await createTestOffice();
    const ids = sampleAccounts(office);
    const technician = office.as('technician');
    const before = await technician.must('lockbox.preview', upload('bai2', BAI2_117));
    expect(before).toMatchObject({ canImport: false, itemCount: 0 });

    expect(await technician.must('lockbox.updateSettings', { itemCodes: [' 117'], depositCodes: ['105'] })).toEqual({ itemCodes: ['117'], depositCodes: ['105'] });
    const after = await technician.must('lockbox.preview', upload('bai2', BAI2_117));
    expect(after).toMatchObject({ canImport: true, itemCount: 3, totalCents: 41_834, typeCodes: { itemCodes: ['117'], depositCodes: ['105'], fromSetting: true } });
    expect(after.notes).toEqual(["The bank's lockbox deposit record (105) total $418.34, the same as the payments."]);
    await technician.must('lockbox.import', upload('bai2', BAI2_117));
    expect(ids.map((id) => balanceOf(office as TestOffice, id))).toEqual([0, 0, 0]);
  });

  it('takes item codes for one file without changing the setting; refuses them for other formats', async () => {
    office = await createTestOffice();
    sampleAccounts(office);
    const technician = office.as('technician');
    const preview = await technician.must('lockbox.preview', upload('bai2', BAI2_117, { itemCodes: ['117'] }));
    expect(preview).toMatchObject({ canImport: true, itemCount: 3, typeCodes: { itemCodes: ['117'], depositCodes: ['115'], fromSetting: false } });
    expect(await technician.must('lockbox.settings', {})).toEqual({ itemCodes: ['116'], depositCodes: ['115'] });
    const csv = await technician.call('lockbox.preview', upload('lockbox-csv', 'Account_Number,Amount,Check_Number,Deposit_Date\n001234-01,1.00,,2026-11-02\nTRAILER,1,1.00\n', { itemCodes: ['117'] }));
    expect(csv).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'itemCodes' } });
    const bad = await technician.call('lockbox.preview', upload('bai2', BAI2_117, { itemCodes: ['11x'] }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses wrong codes in the main process, saving nothing, and refuses a clerk', async () => {
    office = await createTestOffice();
    const technician = office.as('technician');
    const refusals = [
      { itemCodes: [], depositCodes: ['115'] },
      { itemCodes: ['116', '116'], depositCodes: [] },
      { itemCodes: ['016'], depositCodes: [] },
      { itemCodes: ['116'], depositCodes: ['116'] },
      { itemCodes: ['1160'], depositCodes: [] },
    ];
    for (const input of refusals) {
      const result = await technician.call('lockbox.updateSettings', input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    const both = await technician.call('lockbox.updateSettings', { itemCodes: ['116'], depositCodes: ['116'] });
    expect(both.ok ? '' : both.error.message).toContain('116 cannot be both a payment (item) code and a deposit-total code');
    expect(await office.as('clerk').call('lockbox.updateSettings', { itemCodes: ['117'], depositCodes: [] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await technician.must('lockbox.settings', {})).toEqual({ itemCodes: ['116'], depositCodes: ['115'] });
    expect(count(office, "SELECT COUNT(*) FROM settings WHERE key LIKE 'lockbox%'")).toBe(0);
  });
});

describe('BAI lockbox transmission import (item 6)', () => {
  it('imports the hand-written sample, each payment to its scan-line account, and refuses it a second time', async () => {
    office = await createTestOffice();
    const ids = sampleAccounts(office);
    const technician = office.as('technician');
    const content = fixture('lockbox-good-bai-lockbox.txt');
    const preview = await technician.must('lockbox.preview', upload('bai-lockbox', content));
    expect(preview.items.map((item) => [item.line, item.accountId, item.amountCents, item.checkNumber, item.depositDate])).toEqual([
      [4, ids[0], 12_659, '4417', '2026-03-05'],
      [5, ids[1], 8_000, null, '2026-03-05'],
      [10, ids[2], 21_175, '10293', '2026-03-05'],
    ]);
    const imported = await technician.must('lockbox.import', upload('bai-lockbox', content));
    expect(imported).toMatchObject({ itemCount: 3, totalCents: 41_834 });
    expect(ids.map((id) => balanceOf(office as TestOffice, id))).toEqual([0, 0, 0]);
    expect(glBalance(office, '1040')).toBe(41_834);
    expect(office.runtime.database.sqlite.prepare('SELECT format FROM lockbox_imports').pluck().all()).toEqual(['bai-lockbox']);
    expect(await technician.call('lockbox.import', upload('bai-lockbox', content))).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
