/**
 * Printing HTML to PDF on one Chromium page kept open between documents.
 *
 * Why not jsreport's chrome-pdf recipe: its chrome-pool keeps the browser but opens a new page
 * per render (a renderer process, request interception, an exposed function, a temp file and a
 * navigation each time). Measured on this 2-core machine (docs/performance.md, "Receipt PDF"),
 * that alone cost about 300–450 ms a receipt, while printing on a page kept open cost 130 ms.
 * So jsreport renders the template to HTML (its handlebars engine, in its sandbox) and this
 * prints it, one document at a time, on the same page.
 *
 * The page runs no script (templates hold no logic) and loads nothing: every request but the
 * document itself is refused, so a template cannot reach the network or the file system.
 * A page or browser that fails is dropped; the next print starts a new one.
 */
import type { Browser, Page, PDFOptions } from 'puppeteer';

/** Headless, no GPU, nothing phoning home; --no-sandbox because the office may run as root in a container. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];

/** What a print needs besides the HTML: the paper (US Letter or a roll's CSS lengths), no margins (the templates' CSS sets them). */
export type PrintPaper = { format: 'Letter' } | { width: string; height: string };

export class PagePrinter {
  private browser: Promise<Browser> | null = null;
  private page: Promise<Page> | null = null;
  /** Prints run one after another on the one page: the tail of the queue. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly executablePath: string,
    private readonly timeoutMs: number,
    /** Told of each request refused (a template asking for a file or a URL): a template bug to fix. */
    private readonly onRefused: (url: string) => void = () => undefined,
  ) {}

  /** Launches Chromium and opens the page now (a warm-up), instead of on the first print. */
  async open(): Promise<void> {
    await this.pageNow();
  }

  print(html: string, paper: PrintPaper): Promise<Buffer> {
    const run = this.queue.then(() => this.printNow(html, paper));
    // The next print waits for this one, whether it worked or not.
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    const browser = this.browser;
    this.browser = null;
    this.page = null;
    if (browser) await (await browser.catch(() => null))?.close().catch(() => undefined);
  }

  private async printNow(html: string, paper: PrintPaper): Promise<Buffer> {
    if (this.closed) throw new Error('The PDF printer is closed');
    try {
      const page = await this.pageNow();
      await page.setContent(html, { timeout: this.timeoutMs, waitUntil: 'load' });
      const options: PDFOptions = { ...paper, printBackground: true, margin: { top: '0', right: '0', bottom: '0', left: '0' }, timeout: this.timeoutMs };
      return Buffer.from(await page.pdf(options));
    } catch (error) {
      // A crashed page or a lost browser is not reused: the next print starts afresh.
      await this.dropPage();
      throw error;
    }
  }

  private pageNow(): Promise<Page> {
    if (!this.page) {
      this.page = this.newPage().catch((error: unknown) => {
        this.page = null;
        throw error;
      });
    }
    return this.page;
  }

  private async newPage(): Promise<Page> {
    const browser = await this.browserNow();
    const page = await browser.newPage();
    page.setDefaultTimeout(this.timeoutMs);
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      // setContent's own document is about:blank; anything else (an image, a font, a file) is refused.
      if (request.url().startsWith('about:') || request.url().startsWith('data:')) void request.continue();
      else {
        this.onRefused(request.url());
        void request.abort('accessdenied');
      }
    });
    page.on('error', () => void this.dropPage());
    return page;
  }

  private browserNow(): Promise<Browser> {
    if (!this.browser) {
      this.browser = (async () => {
        const { default: puppeteer } = await import('puppeteer');
        const browser = await puppeteer.launch({ executablePath: this.executablePath, headless: true, args: CHROMIUM_ARGS });
        browser.on('disconnected', () => {
          this.browser = null;
          this.page = null;
        });
        return browser;
      })().catch((error: unknown) => {
        this.browser = null;
        throw error;
      });
    }
    return this.browser;
  }

  private async dropPage(): Promise<void> {
    const page = this.page;
    this.page = null;
    if (page) await (await page.catch(() => null))?.close().catch(() => undefined);
  }
}
