/**
 * The desktop app's key protection (shell/audit-key.ts) with Electron's safeStorage stood in for:
 * keys wrapped by the OS key store only when asked, both forms read, and a key another user's
 * key store wrapped is said plainly — through the same key files and verify as everywhere else.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const osKeyStore = vi.hoisted(() => ({ available: true, backend: 'gnome_libsecret', secret: 'this-user' }));
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => osKeyStore.available,
    getSelectedStorageBackend: () => osKeyStore.backend,
    encryptString: (text: string) => Buffer.from(`${osKeyStore.secret}:${text}`),
    decryptString: (data: Buffer) => {
      const [owner, text] = data.toString().split(':');
      if (owner !== osKeyStore.secret) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return text as string;
    },
  },
}));

const { osKeyStoreProtector, installDesktopAuditKeyStore, KEY_PROTECTION_ENV } = await import('../../src-main/shell/audit-key');
const { auditKeyStore, configureAuditKeyStore, defaultAuditKeyFolder, FileKeyStore, keyIdOf } = await import('../../src-main/core/audit/keys');

afterEach(() => {
  delete process.env[KEY_PROTECTION_ENV];
  Object.assign(osKeyStore, { available: true, backend: 'gnome_libsecret', secret: 'this-user' });
  configureAuditKeyStore(new FileKeyStore(defaultAuditKeyFolder()));
});

const key = Buffer.alloc(32, 7);
const stored = (wrap: boolean) => ({ keyId: keyIdOf(key), keyedAfterSeq: 0, createdAt: '2026-11-02T17:00:00.000Z', ...osKeyStoreProtector(wrap).protect(key) });

describe('the desktop app’s key protection', () => {
  it('keeps new keys in the shared file form unless the OS key store is asked for', () => {
    expect(stored(false)).toMatchObject({ protection: 'file', key: key.toString('base64') });
    const wrapped = stored(true);
    expect(wrapped.protection).toBe('os-keystore');
    expect(wrapped.key).not.toBe(key.toString('base64'));
    expect(osKeyStoreProtector(false).unprotect(wrapped)).toEqual(key);
    expect(osKeyStoreProtector(false).unprotect(stored(false))).toEqual(key);
  });

  it('never wraps with Linux’s fixed-password fallback, and says why a key cannot be opened', () => {
    osKeyStore.backend = 'basic_text';
    expect(stored(true).protection).toBe('file');
    osKeyStore.backend = 'gnome_libsecret';
    const wrapped = stored(true);
    osKeyStore.secret = 'another-user';
    expect(osKeyStoreProtector(false).unprotect(wrapped)).toMatch(/^the OS key store cannot open it \(.*\); it was protected by another user or another PC$/);
    osKeyStore.available = false;
    expect(osKeyStoreProtector(false).unprotect(wrapped)).toBe('the OS key store is not available in this session');
  });

  it('is installed over the key files of the data folder, wrapping new keys when the variable says so', () => {
    const folder = mkdtempSync(join(tmpdir(), 'billing-office-desktop-keys-'));
    const previous = process.env.BILLING_OFFICE_AUDIT_KEYS;
    delete process.env.BILLING_OFFICE_AUDIT_KEYS;
    try {
      process.env[KEY_PROTECTION_ENV] = 'os-keystore';
      installDesktopAuditKeyStore(folder);
      const store = auditKeyStore() as InstanceType<typeof FileKeyStore>;
      expect(store.folder).toBe(join(folder, 'audit-keys'));
      expect(store.protector.protect(key).protection).toBe('os-keystore');
    } finally {
      process.env.BILLING_OFFICE_AUDIT_KEYS = previous;
    }
  });
});
