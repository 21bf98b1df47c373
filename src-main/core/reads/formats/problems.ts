/**
 * Collects the problems of one file, in file order, up to READ_FILE_LIMITS.maxProblems.
 * Messages are for a billing technician: what is wrong, where, and what to do.
 */
import { problemPlace } from '../../../../src-shared/file-problems';
import { READ_FILE_LIMITS } from './limits';
import type { FileProblem } from './types';

/** Line 0 means the file as a whole (too large, empty, not UTF-8 text from the start...). */
export const WHOLE_FILE = 0;

export class ProblemList {
  readonly items: FileProblem[] = [];
  private overflowed = false;

  constructor(private readonly max: number = READ_FILE_LIMITS.maxProblems) {}

  /** True once the list is full: the caller stops reading the file. */
  get full(): boolean {
    return this.overflowed;
  }

  get count(): number {
    return this.items.length;
  }

  /** Adds a problem; `message` is the complete sentence, starting with where it is. */
  add(line: number, field: string | undefined, message: string): void {
    if (this.overflowed) return;
    if (this.items.length >= this.max) {
      this.overflowed = true;
      this.items.push({
        line,
        message: `More than ${this.max} problems: the list stops here, at line ${line}. Fix these and check the file again.`,
      });
      return;
    }
    this.items.push(field === undefined ? { line, message } : { line, field, message });
  }

  /** Adds a problem located at a line and field: "Line 14, Read_Value: <what>". */
  at(line: number, field: string | undefined, what: string): void {
    this.add(line, field, `${where(line, field)}: ${what}`);
  }
}

/** "Line 14, Read_Value" — or "The file" for the whole file (the one rule, src-shared/file-problems.ts). */
export const where: (line: number, field?: string) => string = problemPlace;

/** A value as shown in a message: quoted, control characters made visible, long values cut. */
export function shown(value: string): string {
  const visible = value.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `"${visible.length > 40 ? `${visible.slice(0, 37)}...` : visible}"`;
}
