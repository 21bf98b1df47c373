/**
 * Where a bug's details go. An unexpected error becomes an INTERNAL result for the clerk; its
 * stack belongs in a log, not on their screen. The desktop app and browser mode keep the default
 * (the console, i.e. the terminal or log the process writes to); the CLI keeps the stack out of
 * an operator's output unless asked (--debug, or BILLING_OFFICE_DEBUG=1).
 */
export type InternalErrorReporter = (where: string, error: unknown) => void;

const toConsole: InternalErrorReporter = (where, error) => console.error(`[billing-office] ${where} failed:`, error);

let reporter: InternalErrorReporter = toConsole;

export function reportInternalError(where: string, error: unknown): void {
  reporter(where, error);
}

/** Replaces the reporter; returns the previous one (to restore it). */
export function setInternalErrorReporter(next: InternalErrorReporter): InternalErrorReporter {
  const previous = reporter;
  reporter = next;
  return previous;
}
