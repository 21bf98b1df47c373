/**
 * How the CLI prints what an import preview found in a file — its problems and its notes — for
 * read files and lockbox files alike. A problem's text comes from the one formatter
 * (src-shared/file-problems.ts), so its place ("Line 20, control total") is printed once.
 */
import { problemText, type LocatedProblem } from '../../src-shared/file-problems';
import { printLine } from './io';

/** Problems shown before "… and N more" (the preview carries up to 100; --json has them all). */
const PROBLEMS_SHOWN = 20;

export function printFileProblems(problems: readonly LocatedProblem[]): void {
  for (const problem of problems.slice(0, PROBLEMS_SHOWN)) printLine(problemText(problem));
  if (problems.length > PROBLEMS_SHOWN) printLine(`… and ${problems.length - PROBLEMS_SHOWN} more problems (--json lists them all)`);
}

/** Remarks that do not stop the import (records skipped on purpose, totals that agree): one line each. */
export function printFileNotes(notes: readonly string[]): void {
  for (const note of notes) printLine(`Note: ${note}`);
}
