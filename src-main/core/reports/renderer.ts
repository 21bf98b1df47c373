/**
 * One PDF renderer per process, shared by every render and closed with the office
 * (OfficeRuntime.close): jsreport renders the handlebars template to HTML (in its sandbox), and a
 * Chromium page kept open prints it (printer.ts; jsreport's chrome-pdf opened a new page per
 * render, which was most of a warm receipt's time). Starting takes seconds (jsreport, its worker,
 * a Chromium), so the desktop app and browser mode warm it in the background once they are up
 * (warmReportRenderer) and keep it warm; a CLI command or a test starts it on its first PDF.
 * Chromium is Debian's /usr/bin/chromium unless BILLING_OFFICE_CHROMIUM names another;
 * puppeteer's own download is never used.
 */
import { accessSync, constants } from 'node:fs';
import { OfficeError } from '../errors';
import { PagePrinter, type PrintPaper } from './printer';

export const CHROMIUM_ENV = 'BILLING_OFFICE_CHROMIUM';
const DEFAULT_CHROMIUM = '/usr/bin/chromium';
/** A bill renders in about a second; a batch of 200 in well under a minute. */
const REPORT_TIMEOUT_MS = 120_000;

type Reporter = import('@jsreport/jsreport-core').Reporter;
/** jsreport (templates to HTML) and the kept Chromium page (HTML to PDF). */
interface Renderer {
  reporter: Reporter;
  printer: PagePrinter;
  close(): Promise<void>;
}

let starting: Promise<Renderer> | null = null;
/** When the last render (a real one or a keep-warm one) finished, for the keep-warm timer. */
let lastRenderAt = 0;
/** Renders finished since the process started (real and warm-up), for tests and diagnostics. */
let renderCount = 0;
let keepWarmTimer: NodeJS.Timeout | null = null;
let pendingWarmUp: { timer: NodeJS.Timeout; resolve: () => void } | null = null;
/** Counts closes: a warm-up that finishes after a close must not schedule keep-warm renders. */
let closes = 0;

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

async function start(executablePath: string): Promise<Renderer> {
  const printer = new PagePrinter(executablePath, REPORT_TIMEOUT_MS);
  // Chromium launches while jsreport loads: the two are independent.
  const launching = printer.open();
  try {
    // Loaded on first use: jsreport is heavy, and most runs of the office never print.
    const [{ default: JsReport }, { default: handlebars }] = await Promise.all([import('@jsreport/jsreport-core'), import('@jsreport/jsreport-handlebars')]);
    const reporter = JsReport({
      logger: { silent: true },
      // Templates are the office's own code, never a user's; no remote resources are loaded.
      sandbox: {},
      workers: { numberOfWorkers: 1 },
      reportTimeout: REPORT_TIMEOUT_MS,
      store: { provider: 'memory' },
      discover: false,
    });
    reporter.use(handlebars());
    await reporter.init();
    await launching;
    return { reporter, printer, close: async () => void (await Promise.allSettled([reporter.close(), printer.close()])) };
  } catch (error) {
    await launching.catch(() => undefined);
    await printer.close();
    throw error;
  }
}

function renderer(): Promise<Renderer> {
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
  const { reporter, printer } = await renderer();
  const response = await reporter.render({ template: { content: html, engine: 'handlebars', recipe: 'html' }, data });
  const size: PrintPaper = paper ? { width: paper.width, height: paper.height } : { format: 'Letter' };
  const pdf = await printer.print((await response.output.getBuffer()).toString('utf8'), size);
  lastRenderAt = Date.now();
  renderCount += 1;
  return pdf;
}

/** A document to print while warming: the office's most urgent one (a receipt), with made-up data. */
export interface WarmUpSample {
  html: string;
  data: unknown;
  paper?: PaperSize;
}

export interface WarmUpOptions {
  /** What to print while warming; fonts, layout and the template are warm too when it is the real template. */
  sample: WarmUpSample;
  /** Wait this long first, so the window's first screen is not competing for the CPU. */
  delayMs?: number;
  /** Print the sample again after this long without a PDF, so Chromium stays loaded. */
  keepWarmEveryMs?: number;
  /** Told of a failure (no Chromium, say); the office runs on and the first PDF says why. */
  onError?: (error: unknown) => void;
}

export const WARM_UP_DELAY_MS = 1_500;
export const KEEP_WARM_EVERY_MS = 10 * 60_000;

/**
 * Starts jsreport and Chromium and prints the sample; resolves when they are warm. Twice: the
 * first print still runs jsreport's and Chromium's code for the first time (measured: the first
 * real receipt after one warm-up print took about twice a warm one).
 */
export async function warmUpNow(sample: WarmUpSample, prints = 2): Promise<void> {
  for (let print = 0; print < prints; print += 1) await renderPdf(sample.html, sample.data, sample.paper);
}

/**
 * Warms the PDF renderer in the background once the app is up (after `delayMs`), then keeps it
 * warm: an office prints while a customer waits, and a cold start took 8 s. Never throws; the
 * timers do not keep the process alive. Returns a promise for tests and benchmarks to await.
 */
export function warmReportRenderer(options: WarmUpOptions): Promise<void> {
  const { sample, delayMs = WARM_UP_DELAY_MS, keepWarmEveryMs = KEEP_WARM_EVERY_MS, onError = () => undefined } = options;
  cancelWarmUp();
  const closesAtStart = closes;
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      pendingWarmUp = null;
      warmUpNow(sample)
        // A warm-up cut short by the office closing is no failure worth reporting.
        .catch((error: unknown) => (closes === closesAtStart ? onError(error) : undefined))
        .finally(() => {
          if (closes === closesAtStart) scheduleKeepWarm(sample, keepWarmEveryMs, onError);
          resolve();
        });
    }, delayMs);
    timer.unref();
    pendingWarmUp = { timer, resolve };
  });
}

/** A warm-up not started yet is dropped (the office is closing); its promise resolves. */
function cancelWarmUp(): void {
  if (pendingWarmUp) {
    clearTimeout(pendingWarmUp.timer);
    pendingWarmUp.resolve();
    pendingWarmUp = null;
  }
  if (keepWarmTimer) clearInterval(keepWarmTimer);
  keepWarmTimer = null;
}

function scheduleKeepWarm(sample: WarmUpSample, everyMs: number, onError: (error: unknown) => void): void {
  if (keepWarmTimer) clearInterval(keepWarmTimer);
  keepWarmTimer = setInterval(() => {
    // Only when idle: a real PDF in the last interval kept it warm already.
    if (Date.now() - lastRenderAt < everyMs) return;
    warmUpNow(sample, 1).catch(onError);
  }, everyMs);
  keepWarmTimer.unref();
}

/** Whether a jsreport instance is started (or starting), how many renders it has done, and whether a keep-warm timer runs. */
export function reportRendererStatus(): { started: boolean; renders: number; keepingWarm: boolean; warmUpPending: boolean } {
  return { started: starting !== null, renders: renderCount, keepingWarm: keepWarmTimer !== null, warmUpPending: pendingWarmUp !== null };
}

/** Closes the shared instance and its Chromium, if one was started; the next render starts another. */
export async function closeReportRenderer(): Promise<void> {
  closes += 1;
  cancelWarmUp();
  const current = starting;
  starting = null;
  if (!current) return;
  try {
    await (await current).close();
  } catch {
    // It failed to start, or is already closed: there is nothing left to close.
  }
}
