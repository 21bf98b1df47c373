/**
 * A lockbox file's bytes to text and lines, or the reason it cannot be read: too large, UTF-16,
 * NUL bytes, not UTF-8 (at its first bad line), empty, a line too long. Bank files are plain
 * ASCII; a UTF-8 byte-order mark is accepted. Line breaks may be LF, CRLF or lone CR.
 */
import { isUtf8 } from 'node:buffer';
import { WHOLE_FILE } from '../../reads/formats/problems';
import { LOCKBOX_LIMITS } from './limits';
import type { FileProblem } from './types';

export type DecodedLockbox = { ok: true; text: string } | { ok: false; problem: FileProblem };

const RESEND = 'Ask the bank to send the file again, or download it again from the bank portal.';
const LF = 0x0a;

export function decodeLockboxFile(content: Uint8Array): DecodedLockbox {
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  if (bytes.byteLength > LOCKBOX_LIMITS.maxFileBytes) {
    return refuse(WHOLE_FILE, `The file is larger than the ${LOCKBOX_LIMITS.maxFileBytes / (1024 * 1024)} MB limit (${bytes.byteLength.toLocaleString('en-US')} bytes). Ask the bank for one file per deposit day.`);
  }
  if (bytes.byteLength >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return refuse(WHOLE_FILE, `The file is UTF-16 ("Unicode") text; lockbox files are plain text. ${RESEND}`);
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const line = lineOfOffset(bytes, nul);
    return refuse(line, `Line ${line}: the file contains a NUL byte, so it is not a text file (or it is damaged). ${RESEND}`);
  }
  const hasBom = bytes.byteLength >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  if (!isUtf8(body)) {
    const line = firstBadLine(body);
    return refuse(line, `Line ${line}: the file is not plain text (bytes that are not UTF-8). ${RESEND}`);
  }
  const text = body.toString('utf8');
  if (text.trim() === '') return refuse(WHOLE_FILE, 'The file is empty: there are no payments in it. Check that you picked the right file.');
  const long = firstLongLine(text);
  if (long !== null) {
    return refuse(long.line, `Line ${long.line}: the line is ${long.length.toLocaleString('en-US')} characters long; the limit is ${LOCKBOX_LIMITS.maxLineChars.toLocaleString('en-US')}. This is not a lockbox file of the chosen format, or its line breaks are missing.`);
  }
  return { ok: true, text };
}

/** The file's lines (LF, CRLF or CR), without their breaks; a final break adds no empty line. */
export function splitLines(text: string): { lines: string[]; endsWithLineBreak: boolean } {
  const lines = text.split(/\r\n|\n|\r/);
  const endsWithLineBreak = lines.length > 1 && lines[lines.length - 1] === '';
  if (endsWithLineBreak) lines.pop();
  return { lines, endsWithLineBreak };
}

function refuse(line: number, message: string): DecodedLockbox {
  return { ok: false, problem: { line, message } };
}

function lineOfOffset(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let at = bytes.indexOf(LF); at !== -1 && at < offset; at = bytes.indexOf(LF, at + 1)) line += 1;
  return line;
}

/** A line feed never occurs inside a multi-byte UTF-8 sequence, so lines can be checked alone. */
function firstBadLine(body: Buffer): number {
  let line = 1;
  let start = 0;
  for (;;) {
    const end = body.indexOf(LF, start);
    if (!isUtf8(body.subarray(start, end === -1 ? body.byteLength : end))) return line;
    if (end === -1) return WHOLE_FILE;
    start = end + 1;
    line += 1;
  }
}

function firstLongLine(text: string): { line: number; length: number } | null {
  if (text.length <= LOCKBOX_LIMITS.maxLineChars) return null;
  const { lines } = splitLines(text);
  const index = lines.findIndex((line) => line.length > LOCKBOX_LIMITS.maxLineChars);
  return index === -1 ? null : { line: index + 1, length: lines[index]?.length ?? 0 };
}
