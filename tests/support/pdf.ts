/**
 * Reading a PDF's title without PDF tools: Chromium writes the document's <title> into the Info
 * dictionary as "/Title <FEFF…>" (UTF-16BE in hex) or "/Title (text)" for plain ASCII.
 */
export function pdfTitle(pdf: Buffer): string | null {
  const text = pdf.toString('latin1');
  const hex = /\/Title\s*<FEFF([0-9A-Fa-f]*)>/.exec(text);
  if (hex) {
    const bytes = Buffer.from(hex[1] as string, 'hex');
    let title = '';
    for (let index = 0; index + 1 < bytes.length; index += 2) title += String.fromCharCode(bytes.readUInt16BE(index));
    return title;
  }
  const literal = /\/Title\s*\(((?:\\.|[^\\)])*)\)/.exec(text);
  return literal ? (literal[1] as string).replace(/\\(.)/g, '$1') : null;
}
