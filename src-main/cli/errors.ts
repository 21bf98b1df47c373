import type { OperationError } from '../../src-shared/result';
import { EXIT, type ExitCode } from './exit-codes';

/**
 * A failure the CLI reports as one message on stderr and an exit code. When it came from an
 * operation, `error` is that operation's error (printed as the Result JSON under --json).
 */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    readonly error?: OperationError,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string) => new CliError(EXIT.usage, message);

/** How to see a bug's details (docs/cli.md). */
export const DEBUG_HINT = 'Run the command again with --debug (or BILLING_OFFICE_DEBUG=1) to see the details, and report them.';

/** An operation answered `{ ok: false }`: exit 1, or 5 when it was a bug (INTERNAL). */
export function operationFailed(error: OperationError, prefix = ''): CliError {
  if (error.code === 'INTERNAL') return new CliError(EXIT.internal, `${prefix}${error.message} ${DEBUG_HINT}`, error);
  const field = error.field && !error.message.startsWith(`${error.field}:`) ? ` (${error.field})` : '';
  return new CliError(EXIT.failed, `${prefix}${error.message}${field}`, error);
}
