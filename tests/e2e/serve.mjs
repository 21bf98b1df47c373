/**
 * The e2e server: browser mode on a fresh data folder, so every run starts from the same new
 * demo district.  node tests/e2e/serve.mjs <port> <secret>
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [port, secret] = process.argv.slice(2);
if (!port || !secret) {
  console.error('usage: node tests/e2e/serve.mjs <port> <secret>');
  process.exit(2);
}
const dataFolder = join(tmpdir(), `billing-office-e2e-${port}`);
rmSync(dataFolder, { recursive: true, force: true });
mkdirSync(dataFolder, { recursive: true });

const server = spawn(
  process.execPath,
  ['--import', 'tsx', 'src-main/transports/browser-mode.ts', '--data', dataFolder, '--port', port, '--secret', secret],
  // A small demo district keeps start-up to a few seconds; its audit key stays in the data
  // folder, never in the user's own OS key store.
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      BILLING_OFFICE_DEMO_ACCOUNTS: process.env.BILLING_OFFICE_DEMO_ACCOUNTS ?? '200',
      BILLING_OFFICE_AUDIT_KEY_PROTECTION: process.env.BILLING_OFFICE_AUDIT_KEY_PROTECTION ?? 'file',
      // TEST HOOK (src-main/operations/jobs.ts): while this file exists, each count of a job
      // sleeps the milliseconds it holds; only tests/e2e/jobs.spec.ts writes it, and removes it.
      BILLING_OFFICE_TEST_SLOW_JOBS_FILE: join(dataFolder, 'slow-jobs-ms'),
    },
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
