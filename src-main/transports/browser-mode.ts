/**
 * Browser mode entry: the office served to a browser on 127.0.0.1 when the Electron binary is
 * not available. `npm start` runs this (through scripts/start.mjs) and prints the address.
 *
 *   node --import tsx src-main/transports/browser-mode.ts [--port N] [--data DIR] [--db FILE] [--no-open]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD, DEMO_USERS } from '../core/demo';
import { warmPdfRenderer } from '../core/reports/warm-up';
import { findProjectRoot } from '../core/storage/paths';
import { startOffice } from '../operations/startup';
import { startHttpServer } from './http';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.BILLING_OFFICE_PORT ?? '0' },
      data: { type: 'string' },
      db: { type: 'string' },
      renderer: { type: 'string' },
      secret: { type: 'string' },
    },
  });
  const office = await startOffice({
    mode: 'browser',
    ...(values.data ? { dataFolder: values.data } : {}),
    ...(values.db ? { databasePath: values.db } : {}),
    // Long steps in a worker thread, so the server answers (progress, other counters) meanwhile.
    jobs: { mode: 'worker', ...(process.env.BILLING_OFFICE_TEST_SLOW_JOBS_FILE ? { testSlowJobsFile: process.env.BILLING_OFFICE_TEST_SLOW_JOBS_FILE } : {}) },
  });
  const server = await startHttpServer(office.runtime, {
    port: Number(values.port),
    rendererFolder: values.renderer ?? join(findProjectRoot(), 'out', 'renderer'),
    ...(values.secret ? { secret: values.secret } : {}),
  });
  const lines = [
    '',
    'Billing Office is running in BROWSER MODE (the Electron desktop window is not available on this machine).',
    `Database: ${office.databasePath}${office.createdDemo ? ` (new demo district created: log in as ${DEMO_USERS.map((user) => user.username).join(' / ')}, password ${DEMO_PASSWORD})` : ''}`,
    '',
    `Open this address in a browser on this computer:  ${server.launchUrl}`,
    '',
    'It answers only on 127.0.0.1. Press Ctrl+C to stop.',
    '',
  ];
  console.log(lines.join('\n'));
  // A line that tools (tests, scripts) can read without parsing prose.
  console.log(`BILLING_OFFICE_URL=${server.launchUrl}`);
  // The job worker loads its modules now, not when the first bill run is waiting for it.
  void office.runtime.jobs.warm();
  // The first receipt of the day must not wait for Chromium: warm the PDF renderer now that the
  // office answers (after a short delay, so the login screen loads first), and keep it warm.
  void warmPdfRenderer({ onError: (error) => console.warn(`PDF renderer not warmed: ${error instanceof Error ? error.message : String(error)}`) });
  // Once: a signal can arrive twice (to the process group, and forwarded by a parent), and a
  // second shutdown must not cut the first one short.
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      // The PDF renderer's Chromium first: waiting on open connections (a browser's keep-alive)
      // must not leave it running when the process is killed after a grace period.
      await office.runtime.shutdown();
      await Promise.race([server.close(), new Promise((resolve) => setTimeout(resolve, 2_000))]);
      process.exit(0);
    })());
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('SIGHUP', () => void stop());
  // Started by scripts/start.mjs with an IPC channel: when the launcher is gone, however it
  // went (even SIGKILL), the channel closes and we stop too rather than run on unseen.
  if (process.channel) {
    process.channel.unref();
    process.on('disconnect', () => void stop());
  }
}

main().catch((error: unknown) => {
  console.error(`Billing Office could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
