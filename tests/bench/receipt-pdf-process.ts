/**
 * One run of the receipt-PDF benchmark in a process of its own (receipt-pdf.bench.ts starts it),
 * so every scenario starts as the office does each morning: jsreport not yet loaded, no Chromium.
 *
 *   node --import tsx tests/bench/receipt-pdf-process.ts <scenario> <warm count>
 *
 * scenarios:
 *   warmed     the app's way: the renderer warmed in the background as the front ends do once the
 *              app is up (warmPdfRenderer), while the clerk logs in and takes a payment; then
 *              the first receipt PDF, then <warm count> more
 *   cold       as before the warm-up: the first receipt PDF starts jsreport and Chromium itself
 *   reference  the raw floor, same machine and minute: puppeteer driving the same Chromium with
 *              the receipt's HTML, no jsreport: on one page kept open (setContent, pdf: what the
 *              office's printer does) and, for comparison, on a new page per print (what
 *              jsreport's chrome-pool did)
 *
 * Prints one line of JSON: { firstMs, warmMs[], newPageMs?, warmUpMs?, loopStallMs? }.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { OperationRequest } from '../../src-shared/contract';
import { newRequestId } from '../../src-shared/ids';
import { initializeOffice } from '../../src-main/core/setup/initialize';
import { createUser } from '../../src-main/core/users/users';
import { chromiumPath } from '../../src-main/core/reports/renderer';
import { warmPdfRenderer } from '../../src-main/core/reports/warm-up';
import { receiptDocument } from '../../src-main/core/reports/payment-pdfs';
import { RECEIPT_LETTER_TEMPLATE } from '../../src-main/core/reports/payment-templates';
import { OfficeRuntime } from '../../src-main/operations/runtime';
import { insertBareAccounts } from '../support/fixtures';

const PASSWORD = 'bench-password-1';
const [scenario = 'warmed', warmCountText = '30'] = process.argv.slice(2);
const warmCount = Number(warmCountText);

async function must(runtime: OfficeRuntime, request: OperationRequest): Promise<unknown> {
  const result = await runtime.call(request);
  if (!result.ok) throw new Error(`${request.op}: ${result.error.message}`);
  return result.value;
}

/** A fresh office with a clerk at an open drawer: what the clerk does before the first print. */
async function clerkTakesPayments(runtime: OfficeRuntime, count: number): Promise<{ token: string; paymentIds: string[] }> {
  const db = runtime.database.sqlite;
  const now = new Date().toISOString();
  initializeOffice(db, now, { districtName: 'Bench Water District', supervisor: { username: 'sofia', displayName: 'Bench Supervisor', password: PASSWORD } });
  createUser(db, now, { username: 'carla', displayName: 'Bench Clerk', role: 'clerk', password: PASSWORD });
  const accountIds = insertBareAccounts(db, count);
  const login = (await must(runtime, { op: 'session.login', input: { username: 'carla', password: PASSWORD } })) as { token: string };
  const token = login.token;
  await must(runtime, { op: 'drawer.open', input: { workstation: 'Counter 1', floatCounts: { bill_20: 10 } }, sessionToken: token, idempotencyKey: newRequestId() });
  const paymentIds: string[] = [];
  for (const accountId of accountIds) {
    const paymentId = newRequestId();
    const input = { paymentId, accounts: [{ accountId, amountCents: 4_250 }], tenders: [{ kind: 'cash', amountCents: 5_000 }] };
    await must(runtime, { op: 'payments.take', input, sessionToken: token, idempotencyKey: newRequestId() });
    paymentIds.push(paymentId);
  }
  return { token, paymentIds };
}

async function timedReceipt(runtime: OfficeRuntime, token: string, paymentId: string): Promise<number> {
  const started = performance.now();
  const pdf = (await must(runtime, { op: 'payments.receiptPdf', input: { paymentId, layout: 'letter' }, sessionToken: token })) as { pdfBase64: string };
  const elapsed = performance.now() - started;
  if (!Buffer.from(pdf.pdfBase64, 'base64').subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new Error('not a PDF');
  return elapsed;
}

async function office(warm: boolean): Promise<object> {
  const folder = mkdtempSync(join(tmpdir(), 'billing-office-bench-receipt-'));
  const runtime = await OfficeRuntime.open({ databasePath: join(folder, 'office.sqlite'), mode: 'test' });
  try {
    // "The app is up": the front ends call this once they serve (desktop window, browser mode).
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const warmStarted = performance.now();
    let warmUpMs: number | undefined;
    const warming = warm ? warmPdfRenderer({ delayMs: 0 }).then(() => (warmUpMs = performance.now() - warmStarted)) : Promise.resolve();
    // Meanwhile the clerk logs in, opens the drawer and takes payments (what comes before any print).
    const clerkStarted = performance.now();
    const { token, paymentIds } = await clerkTakesPayments(runtime, warmCount + 1);
    const clerkMs = performance.now() - clerkStarted;
    await warming;
    loop.disable();
    const [first, ...rest] = paymentIds as [string, ...string[]];
    const firstMs = await timedReceipt(runtime, token, first);
    const warmMs: number[] = [];
    for (const paymentId of rest) warmMs.push(await timedReceipt(runtime, token, paymentId));
    return { firstMs, warmMs, warmUpMs, clerkMs, loopStallMs: loop.max / 1e6 };
  } finally {
    await runtime.shutdown();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Puppeteer and Chromium alone, with the receipt's own HTML: what no wrapper can beat. */
async function reference(): Promise<object> {
  const folder = mkdtempSync(join(tmpdir(), 'billing-office-bench-receipt-ref-'));
  const runtime = await OfficeRuntime.open({ databasePath: join(folder, 'office.sqlite'), mode: 'test' });
  try {
    const { paymentIds } = await clerkTakesPayments(runtime, 1);
    const { default: Handlebars } = await import('handlebars');
    const html = Handlebars.compile(RECEIPT_LETTER_TEMPLATE)(receiptDocument(runtime.database.sqlite, paymentIds[0] as string, false));
    const started = performance.now();
    const { default: puppeteer } = await import('puppeteer');
    const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    // A new page per print (what jsreport's chrome-pool did), and one page kept open (what the office now does).
    const printOnNewPage = async () => {
      const page = await browser.newPage();
      await page.setContent(html);
      const pdf = await page.pdf({ format: 'Letter', printBackground: true });
      await page.close();
      return pdf;
    };
    const kept = await browser.newPage();
    const printOnKeptPage = async () => {
      await kept.setContent(html);
      return kept.pdf({ format: 'Letter', printBackground: true });
    };
    const timed = async (print: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let n = 0; n < warmCount; n += 1) {
        const warmStarted = performance.now();
        await print();
        times.push(performance.now() - warmStarted);
      }
      return times;
    };
    try {
      await printOnKeptPage();
      const firstMs = performance.now() - started;
      await printOnNewPage();
      // Alternating halves, so a busy minute on the machine falls on both.
      const warmMs = [...(await timed(printOnKeptPage))];
      const newPageMs = [...(await timed(printOnNewPage))];
      warmMs.push(...(await timed(printOnKeptPage)));
      newPageMs.push(...(await timed(printOnNewPage)));
      return { firstMs, warmMs, newPageMs };
      return { firstMs, warmMs };
    } finally {
      await browser.close();
    }
  } finally {
    await runtime.shutdown();
    rmSync(folder, { recursive: true, force: true });
  }
}

const result = scenario === 'reference' ? await reference() : await office(scenario === 'warmed');
console.log(JSON.stringify(result));
