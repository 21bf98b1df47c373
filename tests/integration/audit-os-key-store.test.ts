/**
 * The office's audit key in the OS key store (core/audit/os-key-store.ts), against a real one:
 * gnome-keyring's Secret Service on a private D-Bus session (tests/support/secret-service.ts).
 * The CLI (plain Node, as browser mode) and the desktop app's store open the same key; a PC
 * whose store does not hold it, or that has none, is said plainly and never writes unkeyed.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Entry } from '@napi-rs/keyring';
import { configureAuditKeyStore, defaultAuditKeyFolder, FileKeyStore, keyIdOf, type AuditKeyFile } from '../../src-main/core/audit/keys';
import { deleteFromOsKeyStore, keyProtectionChoice, OS_KEY_STORE_SERVICE, osKeyStoreProtector } from '../../src-main/core/audit/os-key-store';
import { verifyBooks } from '../../src-main/core/ledger/verify';
import type { Sqlite } from '../../src-main/core/storage/database';
import { OfficeRuntime } from '../../src-main/operations/runtime';
import { installDesktopAuditKeyStore } from '../../src-main/shell/audit-key';
import { expectExit, runCli } from '../support/cli';
import { startSecretService, type SecretService } from '../support/secret-service';

const SUPERVISOR_PASSWORD = 'supervisor-pass-1';
const KEY_CHECK = 'The audit key is on this PC';
let service: SecretService;
let folder: string;

beforeAll(async () => {
  service = await startSecretService();
  // This process (the desktop app's store below) talks to the same private key store.
  process.env.DBUS_SESSION_BUS_ADDRESS = service.address;
  folder = mkdtempSync(join(tmpdir(), 'billing-office-os-key-store-'));
});
afterAll(() => {
  service?.stop();
  rmSync(folder, { recursive: true, force: true });
});
afterEach(() => configureAuditKeyStore(new FileKeyStore(defaultAuditKeyFolder())));

/** A PC: its own key folder, with or without an OS key store, and a protection choice. */
function pc(name: string, options: { keyStore: boolean | SecretService; protection?: string; db?: string }) {
  const keys = join(folder, name, 'audit-keys');
  const env = {
    BILLING_OFFICE_AUDIT_KEYS: keys,
    BILLING_OFFICE_AUDIT_KEY_PROTECTION: options.protection ?? 'auto',
    // A bus address nobody listens on: a PC without a desktop session.
    DBUS_SESSION_BUS_ADDRESS: options.keyStore === false ? `unix:path=${join(folder, 'no-bus')}` : options.keyStore === true ? service.address : options.keyStore.address,
  };
  const db = options.db ?? join(folder, `${name}.sqlite`);
  const cli = (args: string[], extra: Record<string, string> = {}) =>
    runCli(folder, ['--db', db, ...args], { ...env, BILLING_OFFICE_USER: 'sofia', BILLING_OFFICE_PASSWORD: SUPERVISOR_PASSWORD, ...extra });
  const init = () => runCli(folder, ['--db', db, 'init', '--district', 'Key Store Water District', '--supervisor', 'sofia', '--name', 'Sofia Supervisor'], { ...env, BILLING_OFFICE_PASSWORD: SUPERVISOR_PASSWORD });
  const keyFile = (): AuditKeyFile => {
    const officeId = JSON.parse(new Database(db, { readonly: true }).prepare("SELECT value_json FROM settings WHERE key = 'auditOfficeId'").pluck().get() as string) as string;
    return JSON.parse(readFileSync(join(keys, `${officeId}.json`), 'utf8')) as AuditKeyFile;
  };
  const auditCount = () => new Database(db, { readonly: true }).prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number;
  return { keys, db, cli, init, keyFile, auditCount };
}

describe('an office on a PC with an OS key store', () => {
  it('keeps the key in the OS key store (the key file only names it), and the CLI and the desktop app open the same key', async () => {
    const counter = pc('counter', { keyStore: true });
    expectExit(await counter.init(), 0);
    const [stored] = counter.keyFile().keys;
    expect(stored).toMatchObject({ protection: 'os-keystore', key: `os-keystore:${OS_KEY_STORE_SERVICE}/${stored?.keyId}` });
    const secret = new Entry(OS_KEY_STORE_SERVICE, stored?.keyId as string, { linux: { store: 'secret-service' } }).getPassword() as string;
    expect(keyIdOf(Buffer.from(secret, 'base64'))).toBe(stored?.keyId);
    expect(readFileSync(join(counter.keys, `${counter.keyFile().officeId}.json`), 'utf8')).not.toContain(secret);

    const verified = await counter.cli(['verify']);
    expectExit(verified, 0);
    expect(verified.stdout).toMatch(/\[ok\]\s+The audit key is on this PC: .*the key itself is in the OS key store/);

    // The desktop app's store over the same folders (its data folder holds audit-keys).
    const testKeys = process.env.BILLING_OFFICE_AUDIT_KEYS;
    process.env.BILLING_OFFICE_AUDIT_KEYS = counter.keys;
    installDesktopAuditKeyStore(join(folder, 'counter'));
    const desktop = await OfficeRuntime.open({ databasePath: counter.db, mode: 'test' });
    try {
      expect(verifyBooks(desktop.database.sqlite, '2026-12-08T12:00:00.000Z').checks.filter((check) => !check.ok)).toEqual([]);
      const login = await desktop.call({ op: 'session.login', input: { username: 'sofia', password: SUPERVISOR_PASSWORD } });
      expect(login.ok).toBe(true);
    } finally {
      desktop.close();
      process.env.BILLING_OFFICE_AUDIT_KEYS = testKeys;
    }
    expectExit(await counter.cli(['verify']), 0);
  }, 120_000);

  it('refuses to write and fails verify plainly when the OS key store no longer holds the key (another user, another PC)', async () => {
    const counter = pc('moved', { keyStore: true });
    expectExit(await counter.init(), 0);
    const keyId = counter.keyFile().keys[0]?.keyId as string;
    expect(deleteFromOsKeyStore(keyId)).toBe(true);
    const before = counter.auditCount();

    // Even signing in writes an audit record, so it is refused with the reason.
    const write = await counter.cli(['users', 'add', 'carla', '--name', 'Carla Clerk', '--role', 'clerk'], { BILLING_OFFICE_NEW_PASSWORD: 'clerk-pass-1234' });
    expect(write.code).not.toBe(0);
    expect(write.stderr).toMatch(/Nothing was saved: the audit key of this office .* cannot be opened here \(the OS key store of this user on this PC does not hold it/);

    // The books themselves say why (the administrator's verify, as the CLI's would).
    process.env.DBUS_SESSION_BUS_ADDRESS = service.address;
    const books = new Database(counter.db, { readonly: true });
    configureAuditKeyStore(new FileKeyStore(counter.keys, osKeyStoreProtector('auto')));
    const keyCheck = verifyBooks(books as Sqlite, '2026-12-08T12:00:00.000Z').checks.find((check) => check.name === KEY_CHECK);
    expect(keyCheck).toMatchObject({ ok: false });
    expect(keyCheck?.detail).toContain(`key ${keyId} in ${join(counter.keys, `${counter.keyFile().officeId}.json`)} cannot be opened here: the OS key store of this user on this PC does not hold it`);
    expect(counter.auditCount()).toBe(before);
    expect(new Database(counter.db, { readonly: true }).prepare("SELECT COUNT(*) FROM users WHERE username = 'carla'").pluck().get()).toBe(0);
  });
});

describe('a second PC writing the same database file', () => {
  it('takes the office key exported by the first (audited), so each PC checks what the other wrote', async () => {
    const first = pc('first', { keyStore: true });
    expectExit(await first.init(), 0);
    const transfer = join(folder, 'first-key.json');
    const exported = await first.cli(['audit-key', 'export', transfer]);
    expectExit(exported, 0);
    expect(exported.stdout).toContain(`Wrote 1 audit key(s) of office ${first.keyFile().officeId} to ${transfer}.`);
    expect(statSync(transfer).mode & 0o777).toBe(0o600);
    const exportRecord = new Database(first.db, { readonly: true }).prepare("SELECT username, input_json FROM audit_log WHERE operation = 'system.exportAuditKey'").get() as { username: string; input_json: string };
    expect(exportRecord.username).toBe('sofia');
    expect(JSON.parse(exportRecord.input_json)).toMatchObject({ path: transfer, via: 'cli' });
    const again = await first.cli(['audit-key', 'export', transfer]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${transfer} already exists; choose a new file name`);

    // The second PC: its own key folder and its own OS key store, the same database file.
    const otherStore = await startSecretService();
    try {
      const second = pc('second', { keyStore: otherStore, db: first.db });
      const imported = await second.cli(['audit-key', 'import', transfer]);
      expectExit(imported, 0);
      expect(imported.stdout).toContain(`Imported 1 audit key(s) of office ${first.keyFile().officeId} into ${join(second.keys, `${first.keyFile().officeId}.json`)}.`);
      expect(second.keyFile().keys.map((key) => [key.keyId, key.protection])).toEqual(first.keyFile().keys.map((key) => [key.keyId, 'os-keystore']));
      const again = await second.cli(['audit-key', 'import', transfer]);
      expect(again.stdout).toContain('Imported 0 audit key(s)');
      expect(again.stdout).toContain('(1 already here)');

      expectExit(await second.cli(['users', 'add', 'carla', '--name', 'Carla Clerk', '--role', 'clerk'], { BILLING_OFFICE_NEW_PASSWORD: 'clerk-pass-1234' }), 0);
      expect(first.keyFile().keys).toHaveLength(1);
      expectExit(await first.cli(['verify']), 0);
      expectExit(await second.cli(['verify']), 0);
    } finally {
      otherStore.stop();
    }
  }, 180_000);

  it('refuses a key file of another office, and a file that is not one', async () => {
    const office = pc('office-a', { keyStore: true });
    const other = pc('office-b', { keyStore: true });
    expectExit(await office.init(), 0);
    expectExit(await other.init(), 0);
    const transfer = join(folder, 'office-b-key.json');
    expectExit(await other.cli(['audit-key', 'export', transfer]), 0);
    const wrongOffice = await office.cli(['audit-key', 'import', transfer]);
    expect(wrongOffice.code).toBe(1);
    expect(wrongOffice.stderr).toContain(`holds the audit keys of another office (${other.keyFile().officeId}); this database is office ${office.keyFile().officeId}`);
    const notOne = join(folder, 'not-a-key.json');
    writeFileSync(notOne, '{"hello": 1}');
    const refused = await office.cli(['audit-key', 'import', notOne]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not an audit key file exported by Billing Office');
  }, 120_000);
});

describe('an office on a PC without an OS key store', () => {
  it('keeps the key in the protected file when left to choose, and says why', async () => {
    const server = pc('server', { keyStore: false });
    expectExit(await server.init(), 0);
    const [stored] = server.keyFile().keys;
    expect(stored?.protection).toBe('file');
    expect(stored?.fileBecause).toMatch(/^no OS key store here \(.+\)$/);
    expect(keyIdOf(Buffer.from(stored?.key as string, 'base64'))).toBe(stored?.keyId);
    const verified = await server.cli(['verify']);
    expectExit(verified, 0);
    expect(verified.stdout).toMatch(/The audit key is on this PC: .*the key itself is in that file, protected by its permissions \(no OS key store here/);
  }, 120_000);

  it('refuses to make a key at all when the office requires the OS key store', async () => {
    const strict = pc('strict', { keyStore: false, protection: 'os-keystore' });
    const init = await strict.init();
    expect(init.code).not.toBe(0);
    expect(init.stderr).toMatch(/the office's audit key must be kept in the OS key store \(BILLING_OFFICE_AUDIT_KEY_PROTECTION=os-keystore\), which cannot take it here/);
    expect(existsSync(strict.keys) ? readdirSync(strict.keys) : []).toEqual([]);
  });

  it('file: never touches the OS key store even where there is one', async () => {
    const plain = pc('plain', { keyStore: true, protection: 'file' });
    expectExit(await plain.init(), 0);
    expect(plain.keyFile().keys[0]).toMatchObject({ protection: 'file', fileBecause: 'BILLING_OFFICE_AUDIT_KEY_PROTECTION is file' });
  });
});

describe('the protection setting', () => {
  it('names the values it accepts', () => {
    expect(keyProtectionChoice({})).toBe('auto');
    expect(keyProtectionChoice({ BILLING_OFFICE_AUDIT_KEY_PROTECTION: 'file' })).toBe('file');
    expect(() => keyProtectionChoice({ BILLING_OFFICE_AUDIT_KEY_PROTECTION: 'keychain' })).toThrow(
      'BILLING_OFFICE_AUDIT_KEY_PROTECTION is "keychain"; it must be auto, os-keystore or file',
    );
  });
});
