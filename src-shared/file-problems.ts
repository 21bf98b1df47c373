/**
 * The one place a file problem (a read file's or a lockbox file's) becomes text for a person.
 *
 * A problem is { line, field?, message }. The parsers write `message` as a whole sentence that
 * already begins with where it is ("Line 14, Read_Value: …", "The file is …"), so a front end
 * that put "Line 14, Read_Value:" in front again printed the place twice. Checks made after
 * parsing (a meter read twice, an unknown account) write the sentence alone. `problemText`
 * gives either kind its place exactly once; the CLI, the import refusals and the screens use it.
 */
export interface LocatedProblem {
  /** 1-based line of the file; 0 = the file as a whole. */
  line: number;
  field?: string;
  message: string;
}

/** "Line 14, Read_Value", "Line 14", or "The file" (line 0). */
export function problemPlace(line: number, field?: string): string {
  const place = line === 0 ? 'The file' : `Line ${line}`;
  return field === undefined || field === '' ? place : `${place}, ${field}`;
}

/** True when the message already starts with its own line ("Line 14…") or speaks of the whole file. */
function locatesItself(problem: LocatedProblem): boolean {
  const { message, line } = problem;
  if (line === 0) return /^the file\b/i.test(message);
  return new RegExp(`^line ${line}\\b`, 'i').test(message);
}

/** The problem as one sentence with its place once: "Line 20, control total: the … total is …". */
export function problemText(problem: LocatedProblem): string {
  return locatesItself(problem) ? problem.message : `${problemPlace(problem.line, problem.field)}: ${problem.message}`;
}
