/**
 * Runs the real `billing-office` command (node bin/billing-office.mjs) the way an operator's
 * script does: no terminal (so it never prompts), none of the caller's BILLING_OFFICE_*
 * variables, and a data folder that does not exist (so nothing falls back to a real database).
 * The one exception is the audit key folder and its protection: the CLI and the tests' in-process
 * offices are front ends on one PC, so they find the same office keys (core/audit/keys.ts).
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';

const BIN = resolve(__dirname, '../../bin/billing-office.mjs');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(folder: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('BILLING_OFFICE_'))) as Record<string, string>;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: folder,
      env: {
        ...base,
        BILLING_OFFICE_DATA: join(folder, 'no-default-data-folder'),
        ...(process.env.BILLING_OFFICE_AUDIT_KEYS ? { BILLING_OFFICE_AUDIT_KEYS: process.env.BILLING_OFFICE_AUDIT_KEYS } : {}),
        ...(process.env.BILLING_OFFICE_AUDIT_KEY_PROTECTION ? { BILLING_OFFICE_AUDIT_KEY_PROTECTION: process.env.BILLING_OFFICE_AUDIT_KEY_PROTECTION } : {}),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** The exit code, with stderr in the failure message when it is not the one expected. */
export function expectExit(run: CliRun, code: number): void {
  expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code });
}
