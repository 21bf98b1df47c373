/** The CLI's exit codes (documented in docs/cli.md; scripts rely on them — never renumber). */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** The office refused or could not do it (wrong password, role, invalid input, conflict); the reason is on stderr. */
  failed: 1,
  /** The command line itself is wrong (unknown command or option, missing argument, no password available). */
  usage: 2,
  /** `verify` ran and found problems in the books. */
  verifyProblems: 3,
  /** The database could not be opened or created (missing file, newer version, native module not built for Node). */
  database: 4,
  /** A bug: something unexpected went wrong inside Billing Office. */
  internal: 5,
  /** Stopped at a prompt with Ctrl+C or Ctrl+D. */
  cancelled: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
