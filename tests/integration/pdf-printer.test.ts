/**
 * The kept-page PDF printer (core/reports/printer.ts): prints queue on one page and each comes out
 * whole and in order; the page runs no script and loads nothing but the document; a closed printer
 * refuses. Text is read back with pdftotext (poppler), as a person would read the page.
 */
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { PagePrinter } from '../../src-main/core/reports/printer';
import { chromiumPath } from '../../src-main/core/reports/renderer';

const textOf = (pdf: Buffer) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
const doc = (body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`;

let printer: PagePrinter | undefined;
afterEach(async () => printer?.close());

describe('PagePrinter', () => {
  it('prints documents sent at once one after another, each whole, on US Letter or a roll', async () => {
    printer = new PagePrinter(chromiumPath(), 60_000);
    const pdfs = await Promise.all([
      printer.print(doc('<p>Receipt one</p>'), { format: 'Letter' }),
      printer.print(doc('<p>Receipt two</p>'), { width: '80mm', height: '120mm' }),
      printer.print(doc('<p>Receipt three</p>'), { format: 'Letter' }),
    ]);
    expect(pdfs.map((pdf) => pdf.subarray(0, 5).toString())).toEqual(['%PDF-', '%PDF-', '%PDF-']);
    expect(pdfs.map((pdf) => textOf(pdf).trim())).toEqual(['Receipt one', 'Receipt two', 'Receipt three']);
    // 80 mm = 226.77 pt wide: the roll's page size, not Letter's 612 pt.
    const mediaBoxes = pdfs.map((pdf) => /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'))?.slice(1).map(Number));
    expect(mediaBoxes[0]).toEqual([612, 792]);
    expect(mediaBoxes[1]?.[0]).toBeCloseTo(226.77, 0);
  }, 60_000);

  it('runs no script and refuses every request but the document', async () => {
    const refused: string[] = [];
    printer = new PagePrinter(chromiumPath(), 60_000, (url) => refused.push(url));
    const pdf = await printer.print(
      doc(`<p id="p">as written</p><img src="file:///etc/hostname"><img src="http://127.0.0.1:9/x.png"><script>document.getElementById('p').textContent = 'scripted'</script>`),
      { format: 'Letter' },
    );
    expect(textOf(pdf)).toContain('as written');
    expect(textOf(pdf)).not.toContain('scripted');
    // The network request reaches the printer's guard and is refused there; Chromium itself never
    // lets about:blank ask for a file:// URL, so that one does not even get as far.
    expect(refused).toEqual(['http://127.0.0.1:9/x.png']);
  }, 60_000);

  it('a closed printer refuses to print', async () => {
    printer = new PagePrinter(chromiumPath(), 60_000);
    await printer.print(doc('<p>one</p>'), { format: 'Letter' });
    await printer.close();
    await expect(printer.print(doc('<p>two</p>'), { format: 'Letter' })).rejects.toThrow('The PDF printer is closed');
  }, 60_000);
});
