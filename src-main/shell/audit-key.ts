/**
 * The desktop app's audit key store: the same key files as browser mode and the CLI
 * (`<user data folder>/audit-keys/<office id>.json`, core/audit/keys.ts), with Electron's
 * safeStorage able to wrap the key in the OS key store (DPAPI on Windows, the Keychain on macOS,
 * libsecret/kwallet on Linux).
 *
 * New keys are wrapped only when BILLING_OFFICE_AUDIT_KEY_PROTECTION=os-keystore: the command
 * line and browser mode are plain Node and cannot open the OS key store, and an office that runs
 * them beside the desktop app (scheduled jobs) needs them to find the same key. A desktop-only PC
 * sets the variable once, before its first start (core/audit/README.md, "Where the key lives").
 * Keys already in the file are read in either form.
 */
import { safeStorage } from 'electron';
import { join } from 'node:path';
import { AUDIT_KEYS_ENV, configureAuditKeyStore, FileKeyStore, fileProtector, type KeyProtector } from '../core/audit/keys';

export const KEY_PROTECTION_ENV = 'BILLING_OFFICE_AUDIT_KEY_PROTECTION';

/** Linux without a keyring falls back to a fixed password ("basic_text"): that protects nothing. */
function osKeyStoreUsable(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

export function osKeyStoreProtector(wrapNewKeys: boolean): KeyProtector {
  return {
    protect: (key) =>
      wrapNewKeys && osKeyStoreUsable()
        ? { protection: 'os-keystore', key: safeStorage.encryptString(key.toString('base64')).toString('base64') }
        : fileProtector.protect(key),
    unprotect: (stored) => {
      if (stored.protection === 'file') return fileProtector.unprotect(stored);
      if (!safeStorage.isEncryptionAvailable()) return 'the OS key store is not available in this session';
      try {
        return Buffer.from(safeStorage.decryptString(Buffer.from(stored.key, 'base64')), 'base64');
      } catch (error) {
        return `the OS key store cannot open it (${(error as Error).message}); it was protected by another user or another PC`;
      }
    },
  };
}

/** Called once the app is ready (safeStorage needs it), before the office opens. */
export function installDesktopAuditKeyStore(dataFolder: string): void {
  const folder = process.env[AUDIT_KEYS_ENV] || join(dataFolder, 'audit-keys');
  configureAuditKeyStore(new FileKeyStore(folder, osKeyStoreProtector(process.env[KEY_PROTECTION_ENV] === 'os-keystore')));
}
