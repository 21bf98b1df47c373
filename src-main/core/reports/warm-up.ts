/**
 * Warming the PDF renderer once the desktop app or browser mode is up, so the first receipt of
 * the day prints in about the time of every other (issue #15: it took 8.3 s cold). What warms is
 * a receipt — the document a customer waits for — with made-up data, so jsreport's worker, the
 * receipt template, Chromium, its fonts and its print path are all loaded when the clerk prints.
 * Nothing is saved and nothing is shown.
 */
import { RECEIPT_LETTER_TEMPLATE } from './payment-templates';
import { warmReportRenderer, type WarmUpOptions, type WarmUpSample } from './renderer';

/** A receipt's fields as receiptDocument formats them, made up. */
export const WARM_UP_RECEIPT: WarmUpSample = {
  html: RECEIPT_LETTER_TEMPLATE,
  data: {
    title: 'Receipt R0000000 — warm-up',
    district: { name: 'Warm-up', addressLines: ['1 Main St', 'Valley, CA 95000'], phone: '(209) 555-0100' },
    receiptNumber: 'R0000000',
    banner: 'REPRINT',
    receivedAt: 'Jan 1, 2026 9:00 AM',
    channel: 'Counter',
    clerk: 'Warm-up',
    workstation: 'Counter 1',
    payerName: '',
    accounts: [{ accountNumber: '000000-000', customerName: 'Warm-up', serviceAddress: '1 Main St', amount: '$0.00', balanceAfter: '$0.00', balance: '$0.00' }],
    balanceHeading: 'Balance now',
    tenders: [{ kind: 'Cash', detail: '', amount: '$0.00' }],
    amount: '$0.00',
    tendered: '$0.00',
    change: '$0.00',
    credit: null,
    multipleAccounts: false,
  },
};

/**
 * Warms the renderer in the background after the app is up and keeps it warm (renderer.ts);
 * a failure (no Chromium) is only reported: the first real PDF says what to do.
 */
export function warmPdfRenderer(options: Omit<WarmUpOptions, 'sample'> = {}): Promise<void> {
  return warmReportRenderer({ sample: WARM_UP_RECEIPT, ...options });
}
