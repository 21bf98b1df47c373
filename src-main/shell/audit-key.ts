/**
 * The desktop app's audit key store: the same key files as browser mode and the CLI, in the
 * desktop app's data folder (`<user data folder>/audit-keys/<office id>.json`, core/audit/keys.ts),
 * with the keys themselves in the OS key store where there is one (core/audit/os-key-store.ts) —
 * reached the same way from plain Node, so the CLI and browser mode on this PC open them too.
 */
import { join } from 'node:path';
import { AUDIT_KEYS_ENV, configureAuditKeyStore, FileKeyStore } from '../core/audit/keys';
import { osKeyStoreProtector } from '../core/audit/os-key-store';

/** Called before the office opens. */
export function installDesktopAuditKeyStore(dataFolder: string): void {
  const folder = process.env[AUDIT_KEYS_ENV] || join(dataFolder, 'audit-keys');
  configureAuditKeyStore(new FileKeyStore(folder, osKeyStoreProtector()));
}
