/**
 * A voided receipt says what happened and the balance as it stands (issue #15, item 11), and
 * the PDF renderer is warmed in the background and kept warm (item 4).
 *   A1 owes $120.00; R0000001 pays $120.00 cash → A1 $0.00 after the payment.
 *   The payment is voided (Carla, approved by Sofia) → A1 owes $120.00 again: the receipt must
 *   say "Balance today $120.00", not "Balance now $0.00".
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptDocument, receiptTitle } from '../../src-main/core/reports/payment-pdfs';
import { closeReportRenderer, reportRendererStatus } from '../../src-main/core/reports/renderer';
import { warmPdfRenderer } from '../../src-main/core/reports/warm-up';
import { supervisorApproval, type TestOffice } from '../support/office';
import { pdfTitle } from '../support/pdf';
import { accountsWithBalances, createTestOffice, FLOAT_200 } from './payments-support';

let office: TestOffice;
let paymentId: string;

beforeAll(async () => {
  office = await createTestOffice();
  const [a1] = accountsWithBalances(office, [12_000]) as [number];
  const clerk = office.as('clerk');
  await clerk.must('drawer.open', { workstation: 'Counter 1', floatCounts: FLOAT_200 });
  paymentId = randomUUID();
  await clerk.must('payments.take', { paymentId, accounts: [{ accountId: a1, amountCents: 12_000 }], tenders: [{ kind: 'cash', amountCents: 12_000 }] });
}, 60_000);
afterAll(async () => {
  await office?.cleanup();
  await closeReportRenderer();
});

describe('a receipt before and after its void', () => {
  it('prints the balance just after the payment while the payment stands', () => {
    const document = receiptDocument(office.runtime.database.sqlite, paymentId, false);
    expect(document).toMatchObject({ title: 'Receipt R0000001 — Customer0, Test', banner: null, balanceHeading: 'Balance now' });
    expect(document.accounts[0]).toMatchObject({ balance: '$0.00' });
    // A reprint names the same figure for what it is: the balance after that payment.
    expect(receiptDocument(office.runtime.database.sqlite, paymentId, true)).toMatchObject({ banner: 'REPRINT', balanceHeading: 'Balance after payment' });
  });

  it('once voided, says by whom and who approved, and prints the balance as it stands', async () => {
    const voided = await office.as('clerk').must('payments.void', { paymentId, entryId: randomUUID(), reason: 'Keyed to the wrong account' }, { approval: supervisorApproval });
    expect(voided.status).toBe('voided');
    const document = receiptDocument(office.runtime.database.sqlite, paymentId, false);
    expect(document.banner).toMatch(/^VOIDED .+ by Carla Clerk, approved by Sofia Supervisor — Keyed to the wrong account$/);
    expect(document.balanceHeading).toBe('Balance today');
    expect(document.accounts[0]).toMatchObject({ balance: '$120.00', balanceAfter: '$0.00' });
    expect(document.title).toBe('Receipt R0000001 — Customer0, Test (voided)');

    const pdf = await office.as('clerk').must('payments.receiptPdf', { paymentId, layout: 'roll80' });
    expect(pdfTitle(Buffer.from(pdf.pdfBase64, 'base64'))).toBe('Receipt R0000001 — Customer0, Test (voided)');
  }, 60_000);

  it('titles a receipt of several accounts by the first and a count of the others', () => {
    const line = (customerName: string) => ({ accountId: 1, accountNumber: '1', customerName, serviceAddress: '', amountCents: 1, balanceAfterCents: 0 });
    expect(receiptTitle({ receiptNumber: 'R0000123', status: 'posted', accounts: [line('Smith, Donna'), line('Smith, Al'), line('Oak LLC')] })).toBe('Receipt R0000123 — Smith, Donna and 2 more');
    expect(receiptTitle({ receiptNumber: 'R0000124', status: 'returned', accounts: [line('Smith, Donna')] })).toBe('Receipt R0000124 — Smith, Donna (check returned)');
  });
});

describe('the PDF renderer warmed in the background', () => {
  it('starts jsreport and Chromium with a receipt after its delay, then keeps them warm while idle', async () => {
    await closeReportRenderer();
    const before = reportRendererStatus();
    expect(before.started).toBe(false);
    const warmed = warmPdfRenderer({ delayMs: 50, keepWarmEveryMs: 400 });
    // Nothing starts during the delay: the app's first screen has the CPU.
    expect(reportRendererStatus()).toMatchObject({ started: false, warmUpPending: true });
    await warmed;
    const after = reportRendererStatus();
    expect(after).toMatchObject({ started: true, keepingWarm: true, warmUpPending: false });
    expect(after.renders).toBe(before.renders + 2);
    // Idle: the keep-warm timer prints its sample again.
    await expect.poll(() => reportRendererStatus().renders, { timeout: 15_000, interval: 100 }).toBeGreaterThanOrEqual(after.renders + 1);
    await closeReportRenderer();
    expect(reportRendererStatus()).toMatchObject({ started: false, keepingWarm: false });
  }, 60_000);

  it('drops a warm-up not yet started when the office closes, and starts nothing', async () => {
    const warming = warmPdfRenderer({ delayMs: 60_000 });
    await closeReportRenderer();
    await warming;
    expect(reportRendererStatus()).toMatchObject({ started: false, keepingWarm: false, warmUpPending: false });
  });

  it('reports a missing browser without throwing, and the office runs on', async () => {
    const saved = process.env.BILLING_OFFICE_CHROMIUM;
    process.env.BILLING_OFFICE_CHROMIUM = '/nonexistent/chromium';
    try {
      const errors: string[] = [];
      await warmPdfRenderer({ delayMs: 0, onError: (error) => errors.push(error instanceof Error ? error.message : String(error)) });
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/PDFs need the Chromium browser, and there is none at \/nonexistent\/chromium/);
    } finally {
      if (saved === undefined) delete process.env.BILLING_OFFICE_CHROMIUM;
      else process.env.BILLING_OFFICE_CHROMIUM = saved;
      await closeReportRenderer();
    }
  });
});
