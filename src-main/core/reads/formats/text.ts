/**
 * Turns a read file's bytes into text, or says why it cannot: too large, UTF-16, NUL bytes, not
 * valid UTF-8 (located at its first bad line), empty. A UTF-8 byte-order mark is accepted.
 */
import { isUtf8 } from 'node:buffer';
import { READ_FILE_LIMITS } from './limits';
import { shown, WHOLE_FILE } from './problems';
import type { FileProblem } from './types';

export type DecodedFile = { ok: true; text: string } | { ok: false; problem: FileProblem };

const SAVE_AS_UTF8 = 'Save the file as UTF-8 ("CSV UTF-8" in Excel) and import it again.';
const LF = 0x0a;

export function decodeReadFile(content: Buffer): DecodedFile {
  const bytes = content.byteLength;
  if (bytes > READ_FILE_LIMITS.maxFileBytes) {
    const limit = `${READ_FILE_LIMITS.maxFileBytes / (1024 * 1024)} MB`;
    return refuse(WHOLE_FILE, `The file is larger than the ${limit} limit (${bytes.toLocaleString('en-US')} bytes). Split it (by route or cycle) and import the parts.`);
  }
  if (bytes >= 2 && ((content[0] === 0xff && content[1] === 0xfe) || (content[0] === 0xfe && content[1] === 0xff))) {
    return refuse(WHOLE_FILE, `The file is saved as UTF-16 ("Unicode") text, which this import does not read. ${SAVE_AS_UTF8}`);
  }
  const nul = content.indexOf(0);
  if (nul !== -1) return refuseNul(content, nul);

  const hasBom = bytes >= 3 && content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf;
  const body = hasBom ? content.subarray(3) : content;
  if (!isUtf8(body)) return refuseNotUtf8(body);

  const text = body.toString('utf8');
  if (text.trim() === '') return refuse(WHOLE_FILE, 'The file is empty: there are no reads in it. Check that you picked the right file.');
  return { ok: true, text };
}

function refuse(line: number, message: string): DecodedFile {
  return { ok: false, problem: { line, message } };
}

/** 1-based line of a byte offset: one more than the line feeds before it. */
function lineOfOffset(content: Buffer, offset: number): number {
  let line = 1;
  for (let at = content.indexOf(LF); at !== -1 && at < offset; at = content.indexOf(LF, at + 1)) line += 1;
  return line;
}

function refuseNul(content: Buffer, firstNul: number): DecodedFile {
  // UTF-16 text without a byte-order mark: every other byte of plain letters is 0.
  const sample = content.subarray(0, Math.min(content.byteLength, 512));
  let nuls = 0;
  for (const byte of sample) if (byte === 0) nuls += 1;
  if (nuls * 4 >= sample.byteLength) {
    return refuse(WHOLE_FILE, `The file looks like UTF-16 ("Unicode") text, which this import does not read. ${SAVE_AS_UTF8}`);
  }
  const line = lineOfOffset(content, firstNul);
  return refuse(line, `Line ${line}: the file contains a NUL byte, so it is not a text file (or it is damaged). Export the reads again as a CSV text file.`);
}

/** Finds the first line that is not valid UTF-8 and the character where it goes wrong. */
function refuseNotUtf8(body: Buffer): DecodedFile {
  // A line feed byte never occurs inside a multi-byte UTF-8 sequence, so lines can be checked alone.
  let line = 1;
  let start = 0;
  while (start <= body.byteLength) {
    const end = body.indexOf(LF, start);
    const stop = end === -1 ? body.byteLength : end;
    const bytes = body.subarray(start, stop);
    if (!isUtf8(bytes)) {
      const decoded = bytes.toString('utf8');
      const column = decoded.indexOf('\ufffd');
      const validPrefix = Buffer.byteLength(decoded.slice(0, Math.max(column, 0)), 'utf8');
      const bad = bytes[validPrefix] ?? 0;
      const hint = bad >= 0x80 && bad <= 0xff ? ', often an accented letter saved as Windows-1252 or Latin-1' : '';
      const context = column > 0 ? ` after ${shown(decoded.slice(Math.max(0, column - 20), column))}` : '';
      return refuse(
        line,
        `Line ${line}: the file is not UTF-8 text (byte 0x${bad.toString(16).toUpperCase().padStart(2, '0')} at character ${column + 1}${context}${hint}). ${SAVE_AS_UTF8}`,
      );
    }
    if (end === -1) break;
    start = end + 1;
    line += 1;
  }
  // isUtf8 refused the whole but accepted every line: cannot happen; report the file as a whole.
  return refuse(WHOLE_FILE, `The file is not UTF-8 text. ${SAVE_AS_UTF8}`);
}
