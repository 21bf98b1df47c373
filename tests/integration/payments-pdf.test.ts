/**
 * The cash drawer's PDFs through the operations: a receipt (half letter and the 80 mm roll), the
 * deposit slip and the end-of-day report. A small day, every figure by hand:
 * float $200.00; A1 owes $120.00, A2 $80.00.
 *   R0000001 A1 $120.00, cash $150.00 → change $30.00, A1 $0.00
 *   R0000002 A2 $80.00, check 501 (Valley Bank) → A2 $0.00
 * Close: cash counted $320.00 exactly (200 + 150 − 30), check 501 listed → balanced.
 * Deposit: cash 320 − 200 float = $120.00, items $80.00 → $200.00.
 * The PDFs' words are checked on the formatted documents the templates print (no PDF text tools in
 * tests); the PDFs themselves must be PDFs of the right page size. Set PAYMENT_PDF_DIR to keep them.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeReportRenderer } from '../../src-main/core/reports/renderer';
import { depositDocument, endOfDayDocument, receiptDocument, rollHeightMm } from '../../src-main/core/reports/payment-pdfs';
import type { TestOffice } from '../support/office';
import { pdfTitle } from '../support/pdf';
import { accountsWithBalances, createTestOffice, DAY, FLOAT_200 } from './payments-support';

let office: TestOffice;
let cashPaymentId: string;
let depositId: number;

const keep = (fileName: string, base64: string) => {
  const folder = process.env.PAYMENT_PDF_DIR;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, fileName), Buffer.from(base64, 'base64'));
};

/** Chromium writes each page's box as "/MediaBox [0 0 width height]" in points. */
const mediaBoxes = (pdf: Buffer) => [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((match) => [Number(match[1]), Number(match[2])]);

beforeAll(async () => {
  office = await createTestOffice();
  const [a1, a2] = accountsWithBalances(office, [12_000, 8_000]) as [number, number];
  const clerk = office.as('clerk');
  const drawer = await clerk.must('drawer.open', { workstation: 'Counter 1', floatCounts: FLOAT_200 });
  cashPaymentId = randomUUID();
  await clerk.must('payments.take', { paymentId: cashPaymentId, accounts: [{ accountId: a1, amountCents: 12_000 }], tenders: [{ kind: 'cash', amountCents: 15_000 }] });
  await clerk.must('payments.take', {
    paymentId: randomUUID(),
    accounts: [{ accountId: a2, amountCents: 8_000 }],
    tenders: [{ kind: 'check', amountCents: 8_000, checkNumber: '501', bank: 'Valley Bank' }],
  });
  await clerk.must('drawer.close', {
    drawerId: drawer.drawerId,
    entryId: randomUUID(),
    count: { cash: { bill_100: 3, bill_20: 1 }, items: [{ kind: 'check', number: '501', amountCents: 8_000 }] },
  });
  const slip = await office.as('supervisor').must('deposit.create', { depositId: randomUUID(), drawerIds: [drawer.drawerId] });
  depositId = slip.depositId;
}, 60_000);
afterAll(async () => {
  office?.cleanup();
  // The renderer's Chromium must not outlive the test run.
  await closeReportRenderer();
});

describe('receipt', () => {
  it('prints the receipt number, account, amounts, tender, change, balance after and clerk', () => {
    const document = receiptDocument(office.runtime.database.sqlite, cashPaymentId, false);
    expect(document).toMatchObject({
      receiptNumber: 'R0000001',
      banner: null,
      clerk: 'Carla Clerk',
      workstation: 'Counter 1',
      amount: '$120.00',
      tendered: '$150.00',
      change: '$30.00',
      credit: null,
      tenders: [{ kind: 'Cash', detail: '', amount: '$150.00' }],
    });
    expect(document.accounts).toHaveLength(1);
    expect(document.accounts[0]).toMatchObject({ amount: '$120.00', balanceAfter: '$0.00' });
    expect(receiptDocument(office.runtime.database.sqlite, cashPaymentId, true).banner).toBe('REPRINT');
  });

  it('renders a letter PDF and an 80 mm roll as tall as its lines', async () => {
    const letter = await office.as('clerk').must('payments.receiptPdf', { paymentId: cashPaymentId, layout: 'letter' });
    const roll = await office.as('clerk').must('payments.receiptPdf', { paymentId: cashPaymentId, layout: 'roll80', reprint: true });
    keep(letter.fileName, letter.pdfBase64);
    keep(roll.fileName, roll.pdfBase64);
    expect([letter.fileName, roll.fileName]).toEqual(['receipt-R0000001.pdf', 'receipt-R0000001-80mm.pdf']);
    const letterPdf = Buffer.from(letter.pdfBase64, 'base64');
    const rollPdf = Buffer.from(roll.pdfBase64, 'base64');
    expect(letterPdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(rollPdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(mediaBoxes(letterPdf)).toEqual([[612, 792]]);
    // Titled for people (a viewer's title bar, the print queue), not by a temp file's UUID.
    expect(pdfTitle(letterPdf)).toBe('Receipt R0000001 — Customer0, Test');
    expect(pdfTitle(rollPdf)).toBe('Receipt R0000001 — Customer0, Test');
    // 80 mm = 226.77 pt; one account, one tender, the REPRINT banner: 92 + 17 + 9 + 12 = 130 mm = 368.5 pt.
    expect(rollHeightMm(1, 1, true, false)).toBe(130);
    const [[width, height]] = mediaBoxes(rollPdf) as [[number, number]];
    expect(width).toBeCloseTo(226.77, 0);
    // Chromium rounds the page to whole CSS pixels (0.75 pt each).
    expect(Math.abs(height - 368.5)).toBeLessThan(1);
  }, 60_000);

  it('refuses an unknown payment, naming it', async () => {
    const missing = await office.as('clerk').call('payments.receiptPdf', { paymentId: randomUUID() });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('deposit slip and end of day', () => {
  it('lists the cash and each check of the deposit', async () => {
    const document = depositDocument(office.runtime.database.sqlite, depositId);
    expect(document).toMatchObject({ currency: '$120.00', coin: '$0.00', cash: '$120.00', itemsTotal: '$80.00', total: '$200.00', itemCount: 1 });
    expect(document.items).toEqual([{ line: 1, kind: 'Check', number: '501', drawnOn: 'Valley Bank', receiptNumber: 'R0000002', amount: '$80.00' }]);
    const pdf = await office.as('supervisor').must('deposit.slipPdf', { depositId });
    keep(pdf.fileName, pdf.pdfBase64);
    expect(pdf.fileName).toBe(`deposit-${depositId}.pdf`);
    expect(Buffer.from(pdf.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfTitle(Buffer.from(pdf.pdfBase64, 'base64'))).toBe(`Deposit slip ${depositId} — Nov 2, 2026`);
  }, 60_000);

  it('reports the day with its balance checks, all passing', async () => {
    const document = endOfDayDocument(office.runtime.database.sqlite, DAY);
    expect(document.state.kind).toBe('draft');
    expect(document.byTender.filter((row) => row.count > 0)).toEqual([
      { tender: 'Cash', count: 1, amount: '$150.00' },
      { tender: 'Check', count: 1, amount: '$80.00' },
    ]);
    expect(document.change).toBe('$30.00');
    expect(document.paymentRegister).toBe('$200.00');
    expect(document.assertions.every((row) => row.ok)).toBe(true);
    expect(document.assertions.find((row) => row.name.startsWith('Every drawer'))).toMatchObject({ left: '1 drawer', right: '1 drawer' });
    expect(document.byDrawer).toEqual([expect.objectContaining({ clerk: 'Carla Clerk', paymentCount: 2, payments: '$200.00', overShort: 'even', deposit: `#${depositId}` })]);
    const pdf = await office.as('clerk').must('endOfDay.pdf', { businessDate: DAY });
    keep(pdf.fileName, pdf.pdfBase64);
    expect(pdf.fileName).toBe(`end-of-day-${DAY}.pdf`);
    expect(Buffer.from(pdf.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfTitle(Buffer.from(pdf.pdfBase64, 'base64'))).toBe('End-of-day report — Nov 2, 2026 (not finalised)');
  }, 60_000);
});
