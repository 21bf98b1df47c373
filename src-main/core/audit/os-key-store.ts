/**
 * The OS key store as a place for the office's audit key: the Windows Credential Manager, the
 * macOS Keychain, the Secret Service on Linux (gnome-keyring, KWallet, KeePassXC), reached from
 * plain Node through @napi-rs/keyring — so the desktop app, browser mode and the CLI on one PC
 * open the same key the same way, and scheduled CLI jobs keep working beside the desktop app.
 *
 * The key file (keys.ts) still names each key, says from which record it keys the chain and keeps
 * the seals; for a key kept here its `key` field is only a reference, and the 32 bytes are in the
 * OS key store under the service `Billing Office audit key` and the key's id.
 *
 * Which protection new keys get is `BILLING_OFFICE_AUDIT_KEY_PROTECTION`:
 * - `auto` (the default): the OS key store where it works, else the protected file, and the
 *   key file says why (verify shows it);
 * - `os-keystore`: the OS key store or nothing (the write is refused with the reason);
 * - `file`: the protected file only (a PC without a desktop session that must not depend on one).
 */
import { Entry } from '@napi-rs/keyring';
import { OfficeError } from '../errors';
import { fileProtector, type KeyProtector, keyIdOf, type StoredKey } from './keys';

export const KEY_PROTECTION_ENV = 'BILLING_OFFICE_AUDIT_KEY_PROTECTION';
export const OS_KEY_STORE_SERVICE = 'Billing Office audit key';
const REFERENCE_PREFIX = 'os-keystore:';

export type KeyProtectionChoice = 'auto' | 'os-keystore' | 'file';

export function keyProtectionChoice(env: NodeJS.ProcessEnv = process.env): KeyProtectionChoice {
  const value = (env[KEY_PROTECTION_ENV] ?? '').trim() || 'auto';
  if (value === 'auto' || value === 'os-keystore' || value === 'file') return value;
  throw new OfficeError('CONFLICT', `${KEY_PROTECTION_ENV} is "${value}"; it must be auto, os-keystore or file`);
}

/**
 * One entry of the OS key store. On Linux only the Secret Service will do: the kernel keyring
 * that @napi-rs/keyring would otherwise fall back to forgets everything at reboot, which would
 * lose the office's key.
 */
function entryFor(keyId: string): Entry {
  return new Entry(OS_KEY_STORE_SERVICE, keyId, { linux: { store: 'secret-service' } });
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();

/** Puts a key in the OS key store; the reason it cannot, or null when it is there (read back). */
function storeInOsKeyStore(keyId: string, key: Buffer): string | null {
  try {
    const entry = entryFor(keyId);
    entry.setPassword(key.toString('base64'));
    return entry.getPassword() === key.toString('base64') ? null : 'the key read back from it differs from the key written';
  } catch (error) {
    return reasonOf(error);
  }
}

function openFromOsKeyStore(stored: StoredKey): Buffer | string {
  let secret: string | null;
  try {
    secret = entryFor(stored.keyId).getPassword();
  } catch (error) {
    return `the OS key store cannot be reached in this session (${reasonOf(error)})`;
  }
  if (secret === null) return 'the OS key store of this user on this PC does not hold it; it was kept by another user or another PC';
  const key = Buffer.from(secret, 'base64');
  return keyIdOf(key) === stored.keyId ? key : 'the OS key store holds something else under its name';
}

/** Keys new keys as `choice` says; opens keys of either form. */
export function osKeyStoreProtector(choice: KeyProtectionChoice = keyProtectionChoice()): KeyProtector {
  return {
    protect(key) {
      if (choice === 'file') return { ...fileProtector.protect(key), fileBecause: `${KEY_PROTECTION_ENV} is file` };
      const keyId = keyIdOf(key);
      const problem = storeInOsKeyStore(keyId, key);
      if (problem === null) return { protection: 'os-keystore', key: `${REFERENCE_PREFIX}${OS_KEY_STORE_SERVICE}/${keyId}` };
      if (choice === 'os-keystore') {
        throw new OfficeError('CONFLICT', `Nothing was saved: the office's audit key must be kept in the OS key store (${KEY_PROTECTION_ENV}=os-keystore), which cannot take it here: ${problem}`);
      }
      return { ...fileProtector.protect(key), fileBecause: `no OS key store here (${problem})` };
    },
    unprotect: (stored) => (stored.protection === 'os-keystore' ? openFromOsKeyStore(stored) : fileProtector.unprotect(stored)),
  };
}

/** Removes a key from the OS key store (tests; an administrator retiring a PC uses the OS's own tools). */
export function deleteFromOsKeyStore(keyId: string): boolean {
  try {
    return entryFor(keyId).deletePassword();
  } catch {
    return false;
  }
}
