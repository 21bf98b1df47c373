/**
 * End-to-end tests in browser mode, in Debian's chromium. `npm run test:e2e` builds the
 * renderer first; the web server below only starts browser mode on a fresh demo database.
 */
import { defineConfig } from '@playwright/test';
import { BASE_URL, E2E_PORT, E2E_SECRET } from './tests/e2e/support';

export default defineConfig({
  testDir: 'tests/e2e',
  // *.spec.ts are the tests; *.shots.ts take screenshots for people to look at (npm run screenshots).
  testMatch: process.env.BILLING_OFFICE_SCREENSHOTS ? '**/*.shots.ts' : '**/*.spec.ts',
  // The tests share one database: run them one after another.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    baseURL: BASE_URL,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: `node tests/e2e/serve.mjs ${E2E_PORT} ${E2E_SECRET}`,
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    // Let browser mode close its PDF renderer: a killed server would leave its Chromium running.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
