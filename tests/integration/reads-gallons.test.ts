/**
 * Gallon registers read and billed, to the cent. Two meters of the read cycle (reads-support.ts)
 * register gallons: their past readings are the HCF ones × 748 (130 HCF → 97,240 gal). A CMEP file
 * written by hand (tests/fixtures/reads/cmep-gallons.txt) reads M-1 on its GALREG channel
 * (105,540 gal) and M-2 on a KGALREG channel (105.540 kgal = 105,540 gal). Hand-computed:
 *   8,300 gal ÷ 748 = 11.096256… → 11.0963 HCF (4 places, half-up)
 *   Demo rates (2026-07-01): $38.55 + 10 × $5.145 + 1.0963 × $10.0275
 *     = 38.55 + (51.45 + 10.99314825 = 62.44314825 → $62.44) = $100.99
 *   M-3, M-4 (HCF): 141 − 130 = 11 HCF → $38.55 + $61.48 = $100.03
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src-main/core/clock';
import { createTestOffice, type TestOffice } from '../support/office';
import { PERIOD, createCycle } from './reads-support';

const RATES = readFileSync(resolve(__dirname, '../../src-main/core/rates/samples/valle-verde.json'), 'utf8');
const FILE = readFileSync(resolve(__dirname, '../fixtures/reads/cmep-gallons.txt'));

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

describe('gallon meters', () => {
  it('imports GALREG and KGALREG reads on gallon registers and bills 8,300 gal as 11.0963 HCF, $100.99', async () => {
    office = await createTestOffice({ clock: fixedClock('2026-11-12T17:00:00.000Z') });
    const fixture = await createCycle(office);
    const db = office.runtime.database.sqlite;
    db.prepare("UPDATE meters SET unit = 'GAL', dials = 7 WHERE serial IN ('M-1', 'M-2')").run();
    db.prepare("UPDATE meter_reads SET reading = reading * 748 WHERE meter_id IN (SELECT id FROM meters WHERE serial IN ('M-1', 'M-2'))").run();
    await office.as('supervisor').must('rates.import', { documentJson: RATES, note: 'FY 2026-27' });

    const tech = office.as('technician');
    const request = { fileName: 'cmep-gallons.txt', contentBase64: FILE.toString('base64'), profile: { kind: 'sensus-cmep' as const }, cycle: 1, period: PERIOD };
    const imported = await tech.must('reads.import', request);
    expect(imported).toMatchObject({ readCount: 4, problems: [], exceptionCount: 0 });
    const reads = db
      .prepare('SELECT m.serial, r.reading_text, r.usage_hcf FROM meter_reads r JOIN meters m ON m.id = r.meter_id WHERE r.period = ? ORDER BY m.serial')
      .raw()
      .all(PERIOD);
    // The KGAL reading is stored in the register's gallons, exactly.
    expect(reads).toEqual([
      ['M-1', '105540', '11.0963'],
      ['M-2', '105540', '11.0963'],
      ['M-3', '141', '11'],
      ['M-4', '141', '11'],
    ]);

    const { run } = await tech.must('billing.createRun', { cycle: 1, period: PERIOD, billDate: '2026-11-12', dueDate: '2026-12-02' });
    const bills = (await office.as('clerk').must('billing.bills', { runId: run.runId })).rows;
    expect(Object.fromEntries(bills.map((bill) => [bill.accountNumber, bill.totalCents]))).toEqual({
      [fixture.accountNumbers['M-1']!]: 10_099,
      [fixture.accountNumbers['M-2']!]: 10_099,
      [fixture.accountNumbers['M-3']!]: 10_003,
      [fixture.accountNumbers['M-4']!]: 10_003,
    });

    const gallonBill = await office.as('clerk').must('billing.bill', { billId: bills.find((bill) => bill.accountNumber === fixture.accountNumbers['M-1'])!.billId });
    expect(gallonBill.computed.usageHcf).toBe('11.0963');
    expect(gallonBill.computed.lines.find((line) => line.kind === 'usage')).toMatchObject({ amountCents: 6_244, explanation: { exactAmount: '62.44314825' } });
    expect(gallonBill.usageNote).toBe(
      'Meter registers gallons: 105,540 − 97,240 = 8,300 gal ÷ 748 gal per HCF = 11.0963 HCF (11.096256…, rounded half-up to 4 places). The next bill is measured from this reading, so every gallon is billed once; only the rounding (under 0.04 gal) is not carried over.',
    );
    const hcfBill = await office.as('clerk').must('billing.bill', { billId: bills.find((bill) => bill.accountNumber === fixture.accountNumbers['M-3'])!.billId });
    expect(hcfBill.usageNote).toBeNull();
  });
});
