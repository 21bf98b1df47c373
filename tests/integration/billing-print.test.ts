/**
 * The print vendor's file and bill PDFs of a posted run, through the operations. The cycle of
 * billing-runs.test.ts (reads-support.ts; demo rates: $38.55 service charge, $5.145 to 10 HCF,
 * $10.0275 above), with M-2's high read accepted and M-5 held, so four bills post:
 *   M-1 11 HCF $100.03, after a $25.00 adjustment: previous balance $25.00, due $125.03, PAST_DUE
 *   M-2 22 HCF $210.33 (38.55 + 51.45 + 12 × 10.0275 = 120.33)
 *   M-3 12 HCF $110.06, autopay: AUTOPAY, no return envelope
 *   M-4  9 HCF  $84.86, customer renamed "José Núñez-Ibáñez", mailing PO Box 77, ZIP 95350-1234
 * Run: 4 bills, current charges $505.28, amount due $530.28.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src-main/core/clock';
import { billDocument } from '../../src-main/core/billing/print/bill-pdf';
import { DETAIL_FIELDS, RECORD_LENGTH, detailField } from '../../src-main/core/billing/print/fixed-width';
import { closeReportRenderer } from '../../src-main/core/reports/renderer';
import { pdfTitle } from '../support/pdf';
import { expectExit, runCli } from '../support/cli';
import { TEST_PASSWORD, TEST_USERS, createTestOffice, supervisorApproval, type TestOffice } from '../support/office';
import { PERIOD, createCycle, importRows, row, type CycleFixture } from './reads-support';

const RATES = readFileSync(resolve(__dirname, '../../src-main/core/rates/samples/valle-verde.json'), 'utf8');
const RUN = { cycle: 1, period: PERIOD, billDate: '2026-11-12', dueDate: '2026-12-02' };

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());
afterAll(() => closeReportRenderer());

async function postedRun(): Promise<{ office: TestOffice; fixture: CycleFixture; runId: number; billOf: (serial: string) => Promise<number> }> {
  office = await createTestOffice({ clock: fixedClock('2026-11-12T17:00:00.000Z') });
  const o = office;
  const fixture = await createCycle(o);
  const tech = o.as('technician');
  await o.as('supervisor').must('rates.import', { documentJson: RATES, note: 'FY 2026-27' });
  importRows(o, [row(2, 'M-1', '141'), row(3, 'M-2', '152'), row(4, 'M-3', '142'), row(5, 'M-4', '139')]);
  await o.as('supervisor').must('ledger.adjust', { entryId: randomUUID(), accountId: fixture.accountIds['M-1']!, amountCents: 2_500, glCode: '4900', reason: 'Returned check fee' });
  await o.as('clerk').must('accounts.setAutopay', { accountId: fixture.accountIds['M-3']!, autopay: true });
  await o.as('clerk').must('accounts.updateCustomer', {
    accountId: fixture.accountIds['M-4']!,
    customer: {
      kind: 'person', firstName: 'José', lastName: 'Núñez-Ibáñez', businessName: '', primaryPhone: '209-555-0100', altPhone: '', email: '',
      mailing: { street: 'PO Box 77', city: 'Valle Verde', state: 'CA', zip: '95350-1234' },
    },
  });
  const exceptionId = (await tech.must('reads.exceptions', { cycle: 1, period: PERIOD })).rows.find((item) => item.meterSerial === 'M-2')!.exceptionId;
  await tech.must('reads.resolve', { exceptionId, action: { kind: 'accept', reason: 'filled the pool' } });
  await tech.must('billing.setHold', { accountId: fixture.accountIds['M-5']!, reason: 'Gate locked' });
  const { run } = await tech.must('billing.createRun', RUN);
  await o.as('supervisor').must('billing.approve', { runId: run.runId });
  await tech.must('billing.post', { runId: run.runId });
  const billOf = async (serial: string) => (await o.as('clerk').must('billing.bills', { runId: run.runId, query: fixture.accountNumbers[serial]! })).rows[0]!.billId;
  return { office: o, fixture, runId: run.runId, billOf };
}

const details = (content: string) => content.split('\r\n').filter((line) => line.startsWith('D'));

describe('the print vendor\'s file', () => {
  it('writes a posted run as fixed width: header, a detail per bill, a trailer whose count and totals match the run', async () => {
    const { office: o, fixture, runId, billOf } = await postedRun();
    const exported = await o.as('technician').must('billing.export', { runId, format: 'fixed' });
    expect(exported.recordCount).toBe(4);
    expect(exported.controlTotals).toEqual({ recordCount: 4, currentChargesCents: 50_528, amountDueCents: 53_028 });
    expect(exported.fileName).toBe(`bill-print-run${runId}-cycle01-2026-11.txt`);

    expect(exported.content.endsWith('\r\n')).toBe(true);
    const lines = exported.content.slice(0, -2).split('\r\n');
    expect(lines).toHaveLength(6);
    // 1 record type + 253 published + 444 extension (bill, dates, money, flags, 8 line slots) + 229 BP02.
    expect(RECORD_LENGTH).toBe(927);
    for (const line of lines) expect(line).toHaveLength(927);
    expect(/^[\x20-\x7e]*$/.test(exported.content.replace(/\r\n/g, ''))).toBe(true);

    const header = lines[0]!;
    expect(header.slice(0, 16)).toBe('HBP0200927Test V');
    expect(header.slice(10, 50).trimEnd()).toBe('Test Valley Water District');
    expect(header.slice(50)).toMatch(new RegExp(`^${String(runId).padStart(10, '0')}01202611261112261202261112170000 +$`));

    const trailer = lines[5]!;
    expect(trailer.slice(0, 50)).toBe(`T${String(runId).padStart(10, '0')}000000004+00000000050528+00000000053028`);
    expect(trailer.slice(50).trim()).toBe('');

    // Route order: R1 (M-1, M-2, M-3), then R2 (M-4); M-5 is held and not billed.
    const [m1, m2, m3, m4] = details(exported.content);
    // The published 253 characters at positions 2–254, field for field.
    expect(m1!.slice(1, 254)).toBe(
      fixture.accountNumbers['M-1']!.padEnd(10) + 'Ana Reader1'.padEnd(30) + '1 Elm St'.padEnd(30) + '1 Elm St'.padEnd(30) + 'Valle Verde'.padEnd(20) + 'CA' +
        '95350    ' + 'M-1'.padEnd(15) + '261109' + '0000141' + '261009' + '0000130' + '0000011' + 'R1       ' + '0000000001' + ' '.repeat(55),
    );
    expect(detailField(m1!, 'billId')).toBe(String(await billOf('M-1')).padStart(10, '0'));
    expect([detailField(m1!, 'billDate'), detailField(m1!, 'dueDate'), detailField(m1!, 'periodFrom'), detailField(m1!, 'periodTo')]).toEqual(['261112', '261202', '261009', '261109']);
    expect(detailField(m1!, 'usageTenThousandthsHcf')).toBe('00000110000');
    expect([detailField(m1!, 'previousBalance'), detailField(m1!, 'currentCharges'), detailField(m1!, 'amountDue')]).toEqual(['+0000002500', '+0000010003', '+0000012503']);
    // FINAL AUTOPAY PAST_DUE ESTIMATED FIRST, then the return-envelope suppression.
    expect(['finalBill', 'autopay', 'pastDue', 'estimated', 'firstBill', 'suppressReturnEnvelope'].map((name) => detailField(m1!, name)).join('')).toBe('NNYNNN');
    expect(['finalBill', 'autopay', 'pastDue', 'estimated', 'firstBill', 'suppressReturnEnvelope'].map((name) => detailField(m3!, name)).join('')).toBe('NYNNNY');
    expect(detailField(m1!, 'lineCount')).toBe('02');
    // 32 characters in a 30-character field: whole words, then the marker (never "5/8\" met").
    expect(detailField(m1!, 'line1Description')).toBe('Water service charge, 5/8"... ');
    expect(detailField(m1!, 'line1Amount')).toBe('+0000003855');
    expect(detailField(m1!, 'line2Amount')).toBe('+0000006148');
    expect(detailField(m1!, 'line3Description') + detailField(m1!, 'line3Amount')).toBe(' '.repeat(41));
    expect(detailField(m2!, 'unitsUsed')).toBe('0000022');
    expect(detailField(m2!, 'currentCharges')).toBe('+0000021033');
    // Non-ASCII folded; the ZIP+4 as nine digits; the mailing street is not the service street.
    expect(detailField(m4!, 'name')).toBe('Jose Nunez-Ibanez'.padEnd(30));
    expect(detailField(m4!, 'mailingStreet')).toBe('PO Box 77'.padEnd(30));
    expect(detailField(m4!, 'serviceStreet')).toBe('4 Elm St'.padEnd(30));
    expect(detailField(m4!, 'mailingZip')).toBe('953501234');
    expect(detailField(m4!, 'route') + detailField(m4!, 'sequence')).toBe('R2       0000000004');
    // The documented layout adds up to the record length.
    expect(DETAIL_FIELDS.reduce((sum, field) => sum + field.length, 0)).toBe(927);
  });

  it('writes the same run as CSV with a trailer row', async () => {
    const { office: o, fixture, runId } = await postedRun();
    const exported = await o.as('technician').must('billing.export', { runId, format: 'csv' });
    expect(exported.controlTotals).toEqual({ recordCount: 4, currentChargesCents: 50_528, amountDueCents: 53_028 });
    const rows = exported.content.slice(0, -2).split('\r\n');
    expect(rows).toHaveLength(6);
    const columns = rows[0]!.split(',');
    const cell = (line: string, name: string) => line.split(',')[columns.indexOf(name)];
    expect(columns.slice(0, 6)).toEqual(['record_type', 'bill_id', 'replaces_bill_id', 'account', 'name', 'mailing_street']);
    const m1 = rows[1]!;
    expect([cell(m1, 'account'), cell(m1, 'name'), cell(m1, 'previous_reading'), cell(m1, 'current_reading'), cell(m1, 'usage_hcf')]).toEqual([
      fixture.accountNumbers['M-1'], 'Ana Reader1', '130', '141', '11',
    ]);
    expect([cell(m1, 'previous_balance'), cell(m1, 'current_charges'), cell(m1, 'amount_due'), cell(m1, 'due_date'), cell(m1, 'message_codes')]).toEqual([
      '25.00', '100.03', '125.03', '2026-12-02', 'PAST_DUE',
    ]);
    expect([cell(rows[3]!, 'message_codes'), cell(rows[3]!, 'suppress_return_envelope')]).toEqual(['AUTOPAY', 'Y']);
    // The line description holds a double quote (5/8" meter): quoted, the quote doubled.
    expect(m1).toContain(',"Water service charge, 5/8"" meter",38.55,');
    // UTF-8 in CSV: the name as the customer writes it.
    expect(cell(rows[4]!, 'name')).toBe('José Núñez-Ibáñez');
    const trailer = rows[5]!;
    expect(cell(trailer, 'record_type')).toBe('T');
    expect([cell(trailer, 'current_charges'), cell(trailer, 'amount_due')]).toEqual(['505.28', '530.28']);
    expect([cell(trailer, 'record_count'), cell(trailer, 'layout')]).toEqual(['4', 'BP02']);
  });

  it('leaves cancelled bills out and includes the rebill that replaces one', async () => {
    const { office: o, fixture, runId, billOf } = await postedRun();
    const tech = o.as('technician');
    const db = o.runtime.database.sqlite;
    const m2 = await billOf('M-2');
    // M-4 cancelled without a rebill; M-2's read corrected to 142 (12 HCF, $110.06) and rebilled.
    await tech.must('billing.cancelBill', { billId: await billOf('M-4'), reason: 'moved before the read', rebill: false }, { approval: supervisorApproval });
    db.prepare("UPDATE meter_reads SET reading = 142, reading_text = '142', usage_hcf = '12' WHERE meter_id = ? AND period = '2026-11'").run(fixture.meterIds['M-2']);
    const rebill = await tech.must('billing.cancelBill', { billId: m2, reason: 'misread: meter shows 142' }, { approval: supervisorApproval });

    const exported = await tech.must('billing.export', { runId, format: 'fixed' });
    // $100.03 + $110.06 (rebill) + $110.06; due $125.03 + $110.06 + $110.06.
    expect(exported.controlTotals).toEqual({ recordCount: 3, currentChargesCents: 32_015, amountDueCents: 34_515 });
    const [first, second, third] = details(exported.content);
    expect([first, second, third].map((line) => detailField(line!, 'account').trim())).toEqual([
      fixture.accountNumbers['M-1'], fixture.accountNumbers['M-2'], fixture.accountNumbers['M-3'],
    ]);
    expect(detailField(second!, 'billId')).toBe(String(rebill.billId).padStart(10, '0'));
    expect(detailField(second!, 'replacesBillId')).toBe(String(m2).padStart(10, '0'));
    expect(detailField(second!, 'currentReading') + detailField(second!, 'unitsUsed')).toBe('00001420000012');
    expect(detailField(second!, 'billDate') + detailField(second!, 'dueDate')).toBe('261112261202');
    const csv = await tech.must('billing.export', { runId, format: 'csv' });
    expect(csv.controlTotals).toEqual(exported.controlTotals);
    // Their PDFs say what they are: the cancelled bill carries a banner, the rebill names the bill it replaces.
    expect(billDocument(db, m2).banner).toBe('CANCELLED Nov 12, 2026 — this bill is no longer owed');
    expect(billDocument(db, rebill.billId)).toMatchObject({ banner: null, replaces: `This bill replaces bill ${m2}, which was cancelled.`, amountDue: '$110.06' });
  });

  it('refuses a run that has not posted, and a file whose totals disagree with the run', async () => {
    office = await createTestOffice({ clock: fixedClock('2026-11-12T17:00:00.000Z') });
    const o = office;
    const fixture = await createCycle(o);
    await o.as('supervisor').must('rates.import', { documentJson: RATES });
    importRows(o, [row(2, 'M-1', '141'), row(4, 'M-3', '142'), row(5, 'M-4', '139')]);
    for (const serial of ['M-2', 'M-5']) await o.as('technician').must('billing.setHold', { accountId: fixture.accountIds[serial]!, reason: 'Dispute' });
    const { run } = await o.as('technician').must('billing.createRun', RUN);
    const draft = await o.as('technician').call('billing.export', { runId: run.runId, format: 'csv' });
    expect(draft.ok || draft.error).toEqual({ code: 'CONFLICT', field: 'runId', message: `Run ${run.runId} is draft; only a posted run goes to the print vendor (approve and post it first)` });
    const badFormat = await o.as('technician').call('billing.export', { runId: run.runId, format: 'pdf' as 'csv' });
    expect(badFormat.ok || badFormat.error).toMatchObject({ code: 'INVALID_INPUT', field: 'format' });
    const clerk = await o.as('clerk').call('billing.export', { runId: run.runId, format: 'csv' });
    expect(clerk.ok || clerk.error.code).toBe('FORBIDDEN');

    await o.as('supervisor').must('billing.approve', { runId: run.runId });
    await o.as('technician').must('billing.post', { runId: run.runId });
    // 3 bills: $100.03 + $110.06 + $84.86 = $294.95. The run's stored total is made to disagree by $1.00.
    o.runtime.database.sqlite.prepare('UPDATE bill_runs SET total_cents = total_cents + 100 WHERE id = ?').run(run.runId);
    const refused = await o.as('technician').call('billing.export', { runId: run.runId, format: 'fixed' });
    expect(refused.ok || refused.error.message).toBe(
      `Run ${run.runId}'s print file does not match the run, so nothing was exported: current charges $294.95 in the file, $295.95 by the run (difference -$1.00). Run verify and call your supervisor.`,
    );
  });
});

describe('bill PDFs', () => {
  it('renders one bill and a batch of a run\'s bills as PDFs', async () => {
    const { office: o, runId, billOf } = await postedRun();
    const single = await o.as('clerk').must('billing.billPdf', { billId: await billOf('M-1') });
    const pdf = Buffer.from(single.pdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    expect(pdf.length).toBeLessThan(1_000_000);
    expect(single.fileName).toMatch(/^bill-\d+-000001-01\.pdf$/);
    const m1 = await o.as('clerk').must('billing.bill', { billId: await billOf('M-1') });
    expect(pdfTitle(pdf)).toBe(`Bill ${m1.billId} — ${m1.customerName}`);

    const batch = await o.as('technician').must('billing.runPdf', { runId, limit: 3 });
    expect(batch).toMatchObject({ billCount: 3, totalBills: 4 });
    const batchPdf = Buffer.from(batch.pdfBase64, 'base64');
    expect(batchPdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // One page per bill: the page tree counts 3.
    expect(batchPdf.toString('latin1')).toMatch(/\/Type\s*\/Pages[^>]*\/Count 3\b/);
    expect(pdfTitle(batchPdf)).toBe(`Bills of run ${runId} — cycle 1, ${PERIOD} (the first 3 of 4 bills)`);
  }, 60_000);

  it('says clearly when the browser is missing', async () => {
    await closeReportRenderer();
    const { office: o, billOf } = await postedRun();
    const before = process.env.BILLING_OFFICE_CHROMIUM;
    process.env.BILLING_OFFICE_CHROMIUM = '/nonexistent/chromium';
    try {
      const result = await o.as('clerk').call('billing.billPdf', { billId: await billOf('M-1') });
      expect(result.ok || result.error.message).toBe(
        'PDFs need the Chromium browser, and there is none at /nonexistent/chromium. Install it (Debian/Ubuntu: apt install chromium) or set BILLING_OFFICE_CHROMIUM to the browser\'s path, then try again.',
      );
    } finally {
      if (before === undefined) delete process.env.BILLING_OFFICE_CHROMIUM;
      else process.env.BILLING_OFFICE_CHROMIUM = before;
    }
  });
});

describe('billing-office billing export / bill --pdf / pdf', () => {
  it('writes the print file, a bill PDF and a run PDF to new files, and refuses to overwrite one', async () => {
    const { office: o, runId, billOf } = await postedRun();
    const billId = String(await billOf('M-1'));
    o.runtime.close();
    const env = { BILLING_OFFICE_USER: TEST_USERS.technician, BILLING_OFFICE_PASSWORD: TEST_PASSWORD };
    const cli = (args: string[]) => runCli(o.folder, ['--db', o.databasePath, ...args], env);
    const fixedOut = join(o.folder, 'cycle1.txt');
    const exported = await cli(['--json', 'billing', 'export', String(runId), '--format', 'fixed', '--out', fixedOut]);
    expectExit(exported, 0);
    expect(JSON.parse(exported.stdout).value).toMatchObject({ recordCount: 4, controlTotals: { recordCount: 4, currentChargesCents: 50_528, amountDueCents: 53_028 }, writtenTo: fixedOut });
    const written = readFileSync(fixedOut, 'latin1').split('\r\n');
    expect(written.filter((line) => line !== '').every((line) => line.length === 927)).toBe(true);
    const again = await cli(['billing', 'export', String(runId), '--format', 'csv', '--out', fixedOut]);
    expectExit(again, 1);
    expect(again.stderr).toContain('already exists; choose a new file name');
    expectExit(await cli(['billing', 'export', String(runId), '--format', 'pdf', '--out', join(o.folder, 'x')]), 2);

    const billPdf = join(o.folder, 'bill.pdf');
    const bill = await cli(['billing', 'bill', billId, '--pdf', billPdf]);
    expectExit(bill, 0);
    expect(bill.stdout).toMatch(new RegExp(`^Wrote bill ${billId} to ${billPdf.replace(/[.]/g, '\\.')} \\([\\d,]+ bytes\\)\\.`));
    expect(readFileSync(billPdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const runPdf = join(o.folder, 'run.pdf');
    const batch = await cli(['billing', 'pdf', String(runId), '--out', runPdf, '--limit', '2']);
    expectExit(batch, 0);
    expect(batch.stdout).toContain("Wrote 2 of the run's 4 bills");
  }, 90_000);
});
