/**
 * Terminal input and output: results to stdout (human text, or the Result JSON with --json),
 * messages and prompts to stderr, passwords never echoed and never taken from the command line.
 */
import { readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import type { OperationError } from '../../src-shared/result';
import { CliError, usageError } from './errors';
import { EXIT } from './exit-codes';

export const ENV = {
  user: 'BILLING_OFFICE_USER',
  password: 'BILLING_OFFICE_PASSWORD',
  newPassword: 'BILLING_OFFICE_NEW_PASSWORD',
  database: 'BILLING_OFFICE_DB',
  dataFolder: 'BILLING_OFFICE_DATA',
  debug: 'BILLING_OFFICE_DEBUG',
} as const;

const MAX_SECRET_FILE_BYTES = 4096;

export function printLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}

export function printError(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** A success: `{ ok: true, value }` under --json, otherwise whatever `human` prints. */
export function printResult(json: boolean, value: unknown, human: () => void): void {
  if (json) printLine(JSON.stringify({ ok: true, value }, null, 2));
  else human();
}

/** A failure's Result JSON (stdout, for scripts) under --json. */
export function printFailureJson(error: OperationError): void {
  printLine(JSON.stringify({ ok: false, error }, null, 2));
}

const interactive = () => process.stdin.isTTY === true;

/** Reads a line the user can see (a user name). */
export async function promptLine(question: string): Promise<string> {
  if (!interactive()) throw usageError(`${question.replace(/:\s*$/, '')} is needed and there is no terminal to ask on`);
  const reader = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    return (await reader.question(question)).trim();
  } finally {
    reader.close();
  }
}

/** Reads a secret without echoing it. Ctrl+C or Ctrl+D on an empty line cancels. */
export function promptHidden(question: string): Promise<string> {
  const input = process.stdin;
  if (!interactive()) return Promise.reject(usageError('A password is needed and there is no terminal to ask for it'));
  return new Promise((resolve, reject) => {
    let value = '';
    process.stderr.write(question);
    input.setRawMode(true);
    input.setEncoding('utf8');
    input.resume();
    const finish = (error?: CliError) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || (char === '\u0004' && value === '')) return finish(new CliError(EXIT.cancelled, 'Cancelled'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else if (char === '\u001b') return; // an arrow or function key: ignore the rest of its sequence
        else if (char >= ' ') value += char;
      }
    };
    input.on('data', onData);
  });
}

/** The first line of a small file holding a password (trailing newline removed). */
export function readSecretFile(path: string): string {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw usageError(`Cannot read the password file ${path}`);
  }
  if (!stats.isFile() || stats.size > MAX_SECRET_FILE_BYTES) throw usageError(`${path} is not a password file (a small text file holding one line)`);
  if (process.platform !== 'win32' && (stats.mode & 0o077) !== 0) {
    printError(`warning: ${path} can be read by other users of this computer; chmod 600 it`);
  }
  const [firstLine = ''] = readFileSync(path, 'utf8').split(/\r?\n/);
  if (firstLine === '') throw usageError(`The password file ${path} is empty`);
  return firstLine;
}

export interface SecretSources {
  envName: string;
  file?: string | undefined;
  prompt: string;
  /** Ask twice and compare (a password being set, not checked). */
  confirm?: boolean;
}

/** A password from the environment, a file, or a hidden prompt — in that order. */
export async function readSecret(sources: SecretSources): Promise<string> {
  const fromEnv = process.env[sources.envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (sources.file) return readSecretFile(sources.file);
  if (!interactive()) {
    throw usageError(`${sources.prompt.replace(/:\s*$/, '')} is needed: set ${sources.envName}, give a file with ${sources.envName === ENV.newPassword ? '--new-password-file' : '--password-file'}, or run in a terminal`);
  }
  const first = await promptHidden(sources.prompt);
  if (sources.confirm) {
    const second = await promptHidden('Type it again: ');
    if (first !== second) throw new CliError(EXIT.failed, 'The two passwords differ; nothing was changed');
  }
  return first;
}
