import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    // better-sqlite3 is a native module: separate processes keep each file's databases apart.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Test offices' audit keys (core/audit/keys.ts) go to a temp folder, never the user's data
    // folder, and stay in it: never in the user's own OS key store. The OS key store is tested
    // against a private one (tests/integration/audit-os-key-store.test.ts).
    env: { BILLING_OFFICE_AUDIT_KEYS: join(tmpdir(), 'billing-office-test-audit-keys'), BILLING_OFFICE_AUDIT_KEY_PROTECTION: 'file' },
  },
});
