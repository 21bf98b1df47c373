/**
 * Issue #13, item 8: the print vendor's file as a vendor reads it. Both files of a posted run are
 * read by tests/support/bill-print-reader.ts — a reader written from docs/formats/bill-print.md
 * alone — which checks every length, field, trailer total and count and that the CSV and the
 * fixed-width file agree bill by bill. Then one test per gap the issue found.
 *
 * The run: the cycle of reads-support.ts (4-dial HCF registers at 130 on 2026-10-09) with
 *   M-1 141 (11 HCF), M-2 152 (22 HCF, accepted), M-3 142 (12 HCF), M-4 139.5 (9.5 HCF: the
 *   published readings 139 − 130 = 9 beside unitsUsed 10), M-5 held; M-2's customer a business with
 *   a 78-character name; and a new account, opened 2026-10-20 (after the cycle's last read) on a
 *   7-dial cubic-foot meter installed at 9419662 and read 9420611 on 2026-11-09: 949 CF = 9.49 HCF,
 *   a long name, a service street with a unit, a mailing address in Mexico — its first bill.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { billDocument } from '../../src-main/core/billing/print/bill-pdf';
import { fixedClock } from '../../src-main/core/clock';
import { closeReportRenderer } from '../../src-main/core/reports/renderer';
import { agree, readCsv, readFixed, readSpec, type Row } from '../support/bill-print-reader';
import { createTestOffice, type TestOffice } from '../support/office';
import { PERIOD, createCycle, importRows, row } from './reads-support';

const RATES = readFileSync(resolve(__dirname, '../../src-main/core/rates/samples/valle-verde.json'), 'utf8');
const RUN = { cycle: 1, period: PERIOD, billDate: '2026-11-12', dueDate: '2026-12-02' };
const SPEC = readSpec();

const NEW_NAME = { firstName: 'María de la Santísima Trinidad', lastName: 'González-Fernández' };
const BUSINESS = 'Valle Verde Orchard and Vineyard Irrigation Cooperative Association of Growers';
const MEXICO = { street: 'Av. Paseo de la Reforma 505 Piso 12', city: 'Ciudad de México', state: 'CDMX', zip: '06500', country: 'MX' };

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());
afterAll(() => closeReportRenderer());

interface Posted {
  office: TestOffice;
  runId: number;
  newAccount: string;
  billOf: (accountNumber: string) => Promise<number>;
  accountNumbers: Record<string, string>;
}

async function postedRun(): Promise<Posted> {
  office = await createTestOffice({ clock: fixedClock('2026-11-12T17:00:00.000Z') });
  const o = office;
  const fixture = await createCycle(o);
  const created = await o.as('clerk').must('accounts.create', {
    customer: { kind: 'person', ...NEW_NAME, primaryPhone: '209-555-0177', mailing: MEXICO },
    location: { street: '1234 Northwestern Boulevard', unit: 'Apt 5 A', city: 'Valle Verde', zip: '95350', route: 'R2', sequence: 6, cycle: 1 },
    meter: { serial: 'CF-77', size: '5/8', dials: 7, unit: 'CF', installedOn: '2026-10-20', initialReading: 9_419_662 },
    services: [{ service: 'water', rateClass: 'residential' }],
    openedOn: '2026-10-20',
  });
  await o.as('clerk').must('accounts.updateCustomer', {
    accountId: fixture.accountIds['M-2']!,
    customer: { kind: 'business', businessName: BUSINESS, primaryPhone: '209-555-0102', mailing: { street: '2 Elm St', city: 'Valle Verde', state: 'CA', zip: '95350' } },
  });
  await o.as('supervisor').must('rates.import', { documentJson: RATES, note: 'FY 2026-27' });
  importRows(o, [row(2, 'M-1', '141'), row(3, 'M-2', '152'), row(4, 'M-3', '142'), row(5, 'M-4', '139.5'), row(6, 'CF-77', '9420611')]);
  const tech = o.as('technician');
  for (const exception of (await tech.must('reads.exceptions', { cycle: 1, period: PERIOD })).rows) {
    if (exception.meterSerial !== 'M-5') await tech.must('reads.resolve', { exceptionId: exception.exceptionId, action: { kind: 'accept', reason: 'checked' } });
  }
  await tech.must('billing.setHold', { accountId: fixture.accountIds['M-5']!, reason: 'Gate locked' });
  const { run } = await tech.must('billing.createRun', RUN);
  await o.as('supervisor').must('billing.approve', { runId: run.runId });
  await tech.must('billing.post', { runId: run.runId });
  const billOf = async (accountNumber: string) => (await o.as('clerk').must('billing.bills', { runId: run.runId, query: accountNumber })).rows[0]!.billId;
  return { office: o, runId: run.runId, newAccount: created.accountNumber, billOf, accountNumbers: fixture.accountNumbers };
}

async function bothFiles(posted: Posted) {
  const tech = posted.office.as('technician');
  const fixed = (await tech.must('billing.export', { runId: posted.runId, format: 'fixed' })).content;
  const csv = (await tech.must('billing.export', { runId: posted.runId, format: 'csv' })).content;
  return { fixed, csv, fixedFile: readFixed(SPEC, fixed), csvFile: readCsv(SPEC, csv) };
}

const byAccount = (rows: Row[], key: 'account', accountNumber: string) => rows.find((item) => item[key]!.trim() === accountNumber)!;

describe('the print file, read by a vendor\'s reader written from docs/formats/bill-print.md', () => {
  it('passes every check of the document in both layouts, and the two files agree bill by bill', async () => {
    const posted = await postedRun();
    const { fixedFile, csvFile } = await bothFiles(posted);
    expect(SPEC.layout).toBe('BP02');
    expect(fixedFile.header.layout).toBe('BP02');
    expect(fixedFile.details).toHaveLength(5);
    // 11 + 22 + 12 + 9.5 HCF of the demo rates, and the new account's prorated first bill.
    expect(Number(fixedFile.trailer.recordCount)).toBe(5);
    expect(csvFile.trailer.record_count).toBe('5');
    expect(() => agree(fixedFile, csvFile)).not.toThrow();
  });

  it('reads the document\'s own samples: both pass every rule and agree bill by bill (the five-bill run, a foreign first bill among them)', () => {
    const markdown = readFileSync(resolve(__dirname, '../../docs/formats/bill-print.md'), 'utf8');
    const [fixedSample, csvSample] = markdown.split('### Sample\n').slice(1).map((section) => section.split('```\n')[1]!);
    const fixed = `${fixedSample!.trimEnd().split('\n').map((line) => line.padEnd(SPEC.recordLength)).join('\r\n')}\r\n`;
    const csv = `${csvSample!.trimEnd().split('\n').join('\r\n')}\r\n`;
    const fixedFile = readFixed(SPEC, fixed);
    const csvFile = readCsv(SPEC, csv);
    expect(() => agree(fixedFile, csvFile)).not.toThrow();
    expect(fixedFile.details.map((bill) => `${bill.firstBill}${bill.usageFromRegister}${bill.mailingCountry}`)).toEqual(['NYUS', 'NYUS', 'NYUS', 'NYUS', 'YYMX']);
  });

  it('refuses, with a line number, a file with a record removed, duplicated or cut', async () => {
    const posted = await postedRun();
    const { fixed } = await bothFiles(posted);
    const lines = fixed.slice(0, -2).split('\r\n');
    const file = (records: string[]) => `${records.join('\r\n')}\r\n`;
    expect(() => readFixed(SPEC, file([...lines.slice(0, 2), ...lines.slice(3)]))).toThrow(/^Line 6, recordCount 5, but the file has 4 detail records$/);
    expect(() => readFixed(SPEC, file([...lines.slice(0, 3), lines[2]!, ...lines.slice(3)]))).toThrow(/^Line 8, recordCount 5, but the file has 6 detail records$/);
    expect(() => readFixed(SPEC, file([...lines.slice(0, 3), lines[3]!.slice(0, 400), ...lines.slice(4)]))).toThrow(/^Line 4, the record is 400 characters, the layout says 927$/);
    expect(() => readFixed(SPEC, file(lines.slice(0, -1)))).toThrow(/^Line 6, the last record is not the trailer/);
  });
});

describe('BP02: what a vendor stumbled on', () => {
  it('FIRST: a new account\'s first bill carries firstBill Y and the FIRST code; accounts billed before (converted ones) do not', async () => {
    const posted = await postedRun();
    const { fixedFile, csvFile } = await bothFiles(posted);
    const fresh = byAccount(fixedFile.details, 'account', posted.newAccount);
    expect(fresh.firstBill).toBe('Y');
    expect(byAccount(csvFile.bills, 'account', posted.newAccount).message_codes).toBe('FIRST');
    for (const serial of ['M-1', 'M-2', 'M-3', 'M-4']) expect(byAccount(fixedFile.details, 'account', posted.accountNumbers[serial]!).firstBill).toBe('N');
    const pdf = billDocument(posted.office.runtime.database.sqlite, await posted.billOf(posted.newAccount));
    expect(pdf.kindLabel).toBe('First bill');
    expect(pdf.messages[0]).toMatch(/^Welcome! This is the first bill for your new account/);
  });

  it('the register: a cubic-foot meter 9419662 → 9420611 is 949 CF = 9.49 HCF; a fractional HCF read 130 → 139.5 is 9.5 HCF', async () => {
    const posted = await postedRun();
    const { fixedFile, csvFile } = await bothFiles(posted);
    const cf = byAccount(fixedFile.details, 'account', posted.newAccount);
    // Hand-computed: 9420611 − 9419662 = 949 CF; × 1; ÷ 100 = 9.49 HCF; whole HCF half-up 9.
    expect([cf.previousReading, cf.currentReading, cf.unitsUsed, cf.usageTenThousandthsHcf]).toEqual(['9419662', '9420611', '0000009', '00000094900']);
    expect([cf.registerUnit, cf.registerMultiplier, cf.registerDials]).toEqual(['CF  ', '000001000000', '07']);
    expect([cf.previousReadingExact, cf.currentReadingExact, cf.registerUnitsUsed]).toEqual(['000009419662000000', '000009420611000000', '000000000949000000']);
    expect([cf.rollover, cf.usageFromRegister]).toEqual(['N', 'Y']);
    const cfCsv = byAccount(csvFile.bills, 'account', posted.newAccount);
    expect([cfCsv.register_unit, cfCsv.register_multiplier, cfCsv.register_dials, cfCsv.register_units_used, cfCsv.usage_hcf]).toEqual(['CF', '1', '7', '949', '9.49']);
    // Fractional: the published whole readings differ by 9 beside unitsUsed 10 (9.5 half-up); the exact ones by 9.5.
    const half = byAccount(fixedFile.details, 'account', posted.accountNumbers['M-4']!);
    expect([half.previousReading, half.currentReading, half.unitsUsed, half.usageTenThousandthsHcf]).toEqual(['0000130', '0000139', '0000010', '00000095000']);
    expect([half.registerUnit, half.registerDials, half.previousReadingExact, half.currentReadingExact, half.registerUnitsUsed, half.usageFromRegister]).toEqual([
      'HCF ', '04', '000000000130000000', '000000000139500000', '000000000009500000', 'Y',
    ]);
  });

  it('a long name or street is shortened at a word boundary, the unit kept whole, the same in both files and on the reprint PDF', async () => {
    const posted = await postedRun();
    const { fixedFile, csvFile } = await bothFiles(posted);
    const db = posted.office.runtime.database.sqlite;
    // Two lines, nothing lost: the name and the service street (its unit on the second line).
    const fresh = byAccount(fixedFile.details, 'account', posted.newAccount);
    expect([fresh.name, fresh.nameLine2]).toEqual(['Maria de la Santisima Trinidad', 'Gonzalez-Fernandez'.padEnd(30)]);
    expect([fresh.serviceStreet, fresh.serviceStreetLine2]).toEqual(['1234 Northwestern Boulevard'.padEnd(30), 'Apt 5 A'.padEnd(30)]);
    expect(fresh.shortened).toBe('N');
    const freshCsv = byAccount(csvFile.bills, 'account', posted.newAccount);
    expect([freshCsv.name, freshCsv.name_line_2, freshCsv.service_street, freshCsv.service_street_line_2]).toEqual([
      'María de la Santísima Trinidad', 'González-Fernández', '1234 Northwestern Boulevard', 'Apt 5 A',
    ]);
    const freshPdf = billDocument(db, await posted.billOf(posted.newAccount));
    expect(freshPdf.mailingNameLines).toEqual(['María de la Santísima Trinidad', 'González-Fernández']);
    expect(freshPdf.serviceAddress).toBe('1234 Northwestern Boulevard Apt 5 A, Valle Verde');
    // The PDF wraps only between these pieces (each kept whole), so "Apt 5 A" is never split.
    expect(freshPdf.serviceAddressParts).toEqual(['1234 Northwestern Boulevard', 'Apt 5 A,', 'Valle Verde']);
    // 78 characters: whole words on two lines, then the marker — never "Vineyard Irrigation Coope".
    const business = byAccount(fixedFile.details, 'account', posted.accountNumbers['M-2']!);
    expect([business.name, business.nameLine2, business.shortened]).toEqual(['Valle Verde Orchard and'.padEnd(30), 'Vineyard Irrigation...'.padEnd(30), 'Y']);
    const businessCsv = byAccount(csvFile.bills, 'account', posted.accountNumbers['M-2']!);
    expect([businessCsv.name, businessCsv.name_line_2, businessCsv.shortened]).toEqual(['Valle Verde Orchard and', 'Vineyard Irrigation...', 'Y']);
    const businessPdf = billDocument(db, await posted.billOf(posted.accountNumbers['M-2']!));
    expect(businessPdf.mailingNameLines).toEqual(['Valle Verde Orchard and', 'Vineyard Irrigation...']);
    expect(businessPdf.mailingName).toBe('Valle Verde Orchard and Vineyard Irrigation...');
  });

  it('the rendered reprint PDF prints the name lines the print file carries, and never splits a unit', async () => {
    const posted = await postedRun();
    const { fixedFile } = await bothFiles(posted);
    const pdfText = async (accountNumber: string) => {
      const pdf = await posted.office.as('clerk').must('billing.billPdf', { billId: await posted.billOf(accountNumber) });
      const path = join(posted.office.folder, `bill-${accountNumber}.pdf`);
      writeFileSync(path, Buffer.from(pdf.pdfBase64, 'base64'));
      return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    };
    const fresh = await pdfText(posted.newAccount);
    expect(fresh).toContain('Apt 5 A,');
    expect(fresh).toContain('MEXICO');
    const text = await pdfText(posted.accountNumbers['M-2']!);
    const business = byAccount(fixedFile.details, 'account', posted.accountNumbers['M-2']!);
    // The envelope block is printed in capitals; each of the file's lines is a line of the PDF.
    const pdfLines = text.split('\n').map((line) => line.trim().replace(/\s{2,}.*$/, ''));
    expect(pdfLines).toContain(business.name!.trim().toUpperCase());
    expect(pdfLines).toContain(business.nameLine2!.trim().toUpperCase());
    expect(text).toContain('Valle Verde Orchard and Vineyard Irrigation...');
    expect(text).not.toContain('Cooperative');
  }, 60_000);

  it('a foreign mailing address keeps its postal code and province, names its country, and leaves the US state and ZIP blank', async () => {
    const posted = await postedRun();
    const { fixedFile, csvFile } = await bothFiles(posted);
    const fresh = byAccount(fixedFile.details, 'account', posted.newAccount);
    expect([fresh.mailingStreet, fresh.mailingStreetLine2, fresh.mailingCity]).toEqual(['Av. Paseo de la Reforma 505'.padEnd(30), 'Piso 12'.padEnd(30), 'Ciudad de Mexico'.padEnd(20)]);
    expect([fresh.mailingState, fresh.mailingZip]).toEqual(['  ', ' '.repeat(9)]);
    expect([fresh.mailingCountry, fresh.mailingRegion!.trim(), fresh.mailingPostalCode!.trim(), fresh.mailingCountryName!.trim()]).toEqual(['MX', 'CDMX', '06500', 'MEXICO']);
    const csv = byAccount(csvFile.bills, 'account', posted.newAccount);
    expect([csv.mailing_state, csv.mailing_zip, csv.mailing_country, csv.mailing_region, csv.mailing_postal_code, csv.mailing_country_name]).toEqual(['', '', 'MX', 'CDMX', '06500', 'MEXICO']);
    // A US address is unchanged: state and ZIP in the published fields, country US, no country line.
    const home = byAccount(fixedFile.details, 'account', posted.accountNumbers['M-1']!);
    expect([home.mailingState, home.mailingZip, home.mailingCountry, home.mailingPostalCode!.trim(), home.mailingCountryName!.trim()]).toEqual(['CA', '95350    ', 'US', '95350', '']);
    const pdf = billDocument(posted.office.runtime.database.sqlite, await posted.billOf(posted.newAccount));
    expect(pdf.mailingLines).toEqual(['Av. Paseo de la Reforma 505', 'Piso 12', 'Ciudad de México CDMX 06500', 'MEXICO']);
  });

  it('the mailing address\'s country decides its rules: a US ZIP for the US, a postal code as written abroad, a known country code', async () => {
    office = await createTestOffice({ clock: fixedClock('2026-11-12T17:00:00.000Z') });
    const open = (mailing: Record<string, string>) =>
      office!.as('clerk').call('accounts.create', {
        customer: { kind: 'person', firstName: 'Jean', lastName: 'Tremblay', primaryPhone: '209-555-0188', mailing: mailing as never },
        location: { street: '9 Oak St', city: 'Valle Verde', zip: '95350', route: 'R1', sequence: 9, cycle: 1 },
        services: [{ service: 'wastewater', rateClass: 'residential' }],
        openedOn: '2026-11-01',
      });
    const ottawa = { street: '111 Wellington St', city: 'Ottawa', state: 'ON', zip: 'K1A 0A9' };
    const asUs = await open(ottawa);
    expect(asUs.ok || asUs.error).toMatchObject({ code: 'INVALID_INPUT', field: 'customer.mailing.zip' });
    const canada = await open({ ...ottawa, country: 'ca' });
    expect(canada.ok).toBe(true);
    if (canada.ok) expect(canada.value.customer.mailing).toEqual({ ...ottawa, country: 'CA' });
    const unknown = await open({ ...ottawa, country: 'XX' });
    expect(unknown.ok || unknown.error).toMatchObject({ code: 'INVALID_INPUT', field: 'customer.mailing.country' });
  });

  it('a line feed or TAB inside a CSV cell is folded to a space, as in the fixed-width file: one row per line', async () => {
    const posted = await postedRun();
    const db = posted.office.runtime.database.sqlite;
    // Older rows can hold what today's forms refuse: a serial and a route with a line break and a tab.
    db.prepare("UPDATE meters SET serial = 'M-3' || char(13, 10) || 'B' WHERE serial = 'M-3'").run();
    db.prepare("UPDATE service_locations SET route = 'R1' || char(9) || 'B' WHERE route = 'R1' AND sequence = 3").run();
    const { csv, fixedFile, csvFile } = await bothFiles(posted);
    expect(csv).not.toMatch(/\t|\n(?<!\r\n)|\r\n(?=[^DTr])/);
    expect(csv.slice(0, -2).split('\r\n')).toHaveLength(1 + 5 + 1);
    const m3 = byAccount(csvFile.bills, 'account', posted.accountNumbers['M-3']!);
    expect([m3.meter, m3.route]).toEqual(['M-3 B', 'R1 B']);
    const m3Fixed = byAccount(fixedFile.details, 'account', posted.accountNumbers['M-3']!);
    expect([m3Fixed.meter!.trim(), m3Fixed.route!.trim()]).toEqual(['M-3 B', 'R1 B']);
  });
});
