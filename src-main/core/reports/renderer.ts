/**
 * One jsreport instance per process, started on the first PDF (it takes ~2 s and a Chromium),
 * shared by every render after it, and closed with the office (OfficeRuntime.close). Chromium is
 * Debian's /usr/bin/chromium unless BILLING_OFFICE_CHROMIUM names another; puppeteer's own
 * download is never used.
 */
import { accessSync, constants } from 'node:fs';
import { OfficeError } from '../errors';

export const CHROMIUM_ENV = 'BILLING_OFFICE_CHROMIUM';
const DEFAULT_CHROMIUM = '/usr/bin/chromium';
/** A bill renders in about a second; a batch of 200 in well under a minute. */
const REPORT_TIMEOUT_MS = 120_000;
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];

type Reporter = import('@jsreport/jsreport-core').Reporter;

let starting: Promise<Reporter> | null = null;

/** The browser jsreport drives: BILLING_OFFICE_CHROMIUM, else /usr/bin/chromium; refused when it is not there. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const path = env[CHROMIUM_ENV]?.trim() || DEFAULT_CHROMIUM;
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new OfficeError(
      'INTERNAL',
      `PDFs need the Chromium browser, and there is none at ${path}. Install it (Debian/Ubuntu: apt install chromium) or set ${CHROMIUM_ENV} to the browser's path, then try again.`,
    );
  }
  return path;
}

async function start(executablePath: string): Promise<Reporter> {
  // Loaded on first use: jsreport is heavy, and most runs of the office never print.
  const [{ default: JsReport }, { default: chromePdf }, { default: handlebars }] = await Promise.all([
    import('@jsreport/jsreport-core'),
    import('@jsreport/jsreport-chrome-pdf'),
    import('@jsreport/jsreport-handlebars'),
  ]);
  const reporter = JsReport({
    logger: { silent: true },
    // Templates are the office's own code, never a user's; no remote resources are loaded.
    sandbox: {},
    workers: { numberOfWorkers: 1 },
    reportTimeout: REPORT_TIMEOUT_MS,
    store: { provider: 'memory' },
    discover: false,
    extensions: { 'chrome-pdf': { strategy: 'chrome-pool', numberOfWorkers: 1, launchOptions: { executablePath, args: CHROMIUM_ARGS } } },
  });
  reporter.use(chromePdf());
  reporter.use(handlebars());
  await reporter.init();
  return reporter;
}

function reporter(): Promise<Reporter> {
  if (!starting) {
    const path = chromiumPath();
    starting = start(path).catch((error: unknown) => {
      starting = null;
      throw error;
    });
  }
  return starting;
}

/** A page size other than US Letter (a receipt printer's 80 mm roll), as CSS lengths. */
export interface PaperSize {
  width: string;
  height: string;
}

/** Renders handlebars HTML with its data to a PDF (US Letter unless a paper size is given). */
export async function renderPdf(html: string, data: unknown, paper?: PaperSize): Promise<Buffer> {
  const instance = await reporter();
  const size = paper ? { width: paper.width, height: paper.height } : { format: 'Letter' };
  const response = await instance.render({
    template: {
      content: html,
      engine: 'handlebars',
      recipe: 'chrome-pdf',
      chrome: { ...size, printBackground: true, marginTop: '0', marginBottom: '0', marginLeft: '0', marginRight: '0' },
    },
    data,
  });
  return response.output.getBuffer();
}

/** Closes the shared instance and its Chromium, if one was started; the next render starts another. */
export async function closeReportRenderer(): Promise<void> {
  const current = starting;
  starting = null;
  if (!current) return;
  try {
    await (await current).close();
  } catch {
    // It failed to start, or is already closed: there is nothing left to close.
  }
}
