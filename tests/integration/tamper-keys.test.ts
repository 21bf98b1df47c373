/**
 * The office's audit key, where it can go missing: a database restored on a PC without its key
 * file, a key the process cannot open (the desktop app's OS key store seen from the CLI). Verify
 * must say so plainly, never pass silently; writes must not quietly fall back to an unkeyed chain.
 */
import { copyFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditKeyStore, configureAuditKeyStore, defaultAuditKeyFolder, FileKeyStore, fileProtector, forgetKeyring, loadKeyring } from '../../src-main/core/audit/keys';
import { sealAuditHead, sealProblem, type AuditSeal } from '../../src-main/core/audit/seal';
import { readBackupManifest } from '../../src-main/core/storage/backup';
import { verifyBooks } from '../../src-main/core/ledger/verify';
import { OfficeRuntime } from '../../src-main/operations/runtime';
import type { Sqlite } from '../../src-main/core/storage/database';
import { TEST_PASSWORD, TEST_USERS, type TestOffice } from '../support/office';
import { createTestOffice } from './payments-support';

const NOW = '2026-11-02T18:00:00.000Z';
let office: TestOffice;
let db: Sqlite;

beforeEach(async () => {
  office = await createTestOffice();
  db = office.runtime.database.sqlite;
});
afterEach(async () => {
  configureAuditKeyStore(new FileKeyStore(defaultAuditKeyFolder()));
  await office.cleanup();
});

const keyCheck = () => verifyBooks(db, NOW).checks.find((check) => check.name === 'The audit key is on this PC');
const login = () => office.runtime.call({ op: 'session.login', input: { username: TEST_USERS.clerk, password: TEST_PASSWORD } });

describe('a database whose key file is not on this PC', () => {
  it('says which records cannot be checked and where the key file belongs; records written here from then on are checked', async () => {
    const keyring = loadKeyring(db);
    const location = keyring?.location as string;
    const keyedBefore = db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number;
    renameSync(location, `${location}.elsewhere`);
    forgetKeyring(db);

    const missing = keyCheck();
    expect(missing?.ok).toBe(false);
    expect(missing?.detail).toBe(
      `the office's key file ${location} is not on this PC; ${keyedBefore} keyed audit records (1–${keyedBefore}) were written with a key this PC does not hold, so changes to them cannot be detected here; import the office's key from the PC this database came from (billing-office audit-key export there, audit-key import here).`,
    );

    // The office keeps working: a new key is made from the last record on.
    expect((await login()).ok).toBe(true);
    const after = keyCheck();
    expect(after?.detail).toBe(
      `${keyedBefore} keyed audit records (1–${keyedBefore}) were written with a key this PC does not hold, so changes to them cannot be detected here; import the office's key from the PC this database came from (billing-office audit-key export there, audit-key import here).`,
    );
    expect(loadKeyring(db)?.keys.map((key) => key.keyedAfterSeq)).toEqual([keyedBefore]);
    expect(verifyBooks(db, NOW).checks.find((check) => check.name === 'Audit trail hash chain is intact')).toMatchObject({ ok: true, detail: `${keyedBefore + 1} audit records chained (1 of them keyed with the office's audit key)` });
  });
});

describe('a key this process cannot open', () => {
  it('refuses to write rather than chain an unkeyed record, and verify says why', async () => {
    const store = auditKeyStore() as FileKeyStore;
    const refusing = new FileKeyStore(store.folder, {
      protect: fileProtector.protect,
      unprotect: () => 'it is protected by the desktop app’s OS key store, which the command line and browser mode cannot open',
    });
    configureAuditKeyStore(refusing);
    const before = db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get();
    const adjusted = await office.as('supervisor').call('users.create', { username: 'newclerk', displayName: 'New Clerk', role: 'clerk', password: 'a-long-enough-password' });
    expect(adjusted).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(db.prepare("SELECT COUNT(*) FROM users WHERE username = 'newclerk'").pluck().get()).toBe(0);
    const failedLogin = await login();
    expect(failedLogin).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(failedLogin.ok || failedLogin.error.message).toMatch(/^Nothing was saved: the audit key of this office \(.*\) cannot be opened here \(it is protected by the desktop app’s OS key store/);
    expect(db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(before);
    expect(keyCheck()?.detail).toMatch(/^key [0-9a-f]{16} in .* cannot be opened here: it is protected by the desktop app’s OS key store/);
  });
});

describe('seals', () => {
  it('are refused when forged or altered, and name the record a seal no longer finds', () => {
    const seal = sealAuditHead(db, 'test', NOW);
    expect(sealProblem(db, seal)).toBeNull();
    expect(sealProblem(db, { ...seal, seq: seal.seq - 1 })).toBe('its seal is not genuine (altered, or not made by this office)');
    expect(sealProblem(db, { ...seal, keyId: '0123456789abcdef' })).toBe('it was sealed with audit key 0123456789abcdef, which this PC does not hold, so it cannot be checked');
    expect(loadKeyring(db)?.lastSeal).toMatchObject({ ...seal, purpose: 'test', at: NOW });
  });
});

describe('backups, restore and closing the app', () => {
  it('seal the head into the key file: a backup’s head, then the restored chain’s, then the head at close', async () => {
    const supervisor = office.as('supervisor');
    const headBeforeBackup = db.prepare('SELECT MAX(seq) FROM audit_log').pluck().get();
    const backup = await supervisor.must('system.backup', { label: 'seal' });
    expect(loadKeyring(db)?.lastSeal).toMatchObject({ seq: headBeforeBackup, purpose: `backup ${backup.fileName}` });
    // The manifest beside the backup carries the same sealed head, genuine against the live chain.
    const manifestSeal = readBackupManifest(backup.path)?.auditSeal;
    expect(manifestSeal).toMatchObject({ seq: headBeforeBackup, keyId: loadKeyring(db)?.keys.at(-1)?.keyId });
    expect(sealProblem(db, manifestSeal as AuditSeal)).toBeNull();
    expect(sealProblem(db, { ...(manifestSeal as AuditSeal), seq: (manifestSeal as AuditSeal).seq - 1 })).toMatch(/not genuine/);
    await login();
    await login();
    await supervisor.must('system.restore', { fileName: backup.fileName });
    db = office.runtime.database.sqlite;
    expect(loadKeyring(db)?.lastSeal?.purpose).toBe(`restore from ${backup.fileName}`);
    expect(verifyBooks(db, NOW).checks.filter((check) => !check.ok)).toEqual([]);
    const head = db.prepare('SELECT MAX(seq) FROM audit_log').pluck().get();
    office.runtime.close();
    const sealed = new FileKeyStore(defaultAuditKeyFolder()).read(loadKeyring(db)?.officeId as string)?.lastSeals[office.databasePath];
    expect(sealed).toMatchObject({ seq: head, purpose: 'app closed' });
  });
});

describe('a copy of the database at another path', () => {
  it('keeps its own seal in the key file: writing to the copy does not make the original fail', async () => {
    office.runtime.close();
    const copyPath = join(office.folder, 'training-copy.sqlite');
    copyFileSync(office.databasePath, copyPath);
    const copy = await OfficeRuntime.open({ databasePath: copyPath, mode: 'test' });
    for (let n = 0; n < 3; n += 1) expect((await copy.call({ op: 'session.login', input: { username: TEST_USERS.clerk, password: TEST_PASSWORD } })).ok).toBe(true);
    copy.close();
    const reopened = await OfficeRuntime.open({ databasePath: office.databasePath, mode: 'test' });
    try {
      expect(verifyBooks(reopened.database.sqlite, NOW).checks.filter((check) => !check.ok)).toEqual([]);
      expect(loadKeyring(reopened.database.sqlite)?.lastSeal?.purpose).toBe('app closed');
    } finally {
      reopened.close();
    }
  });
});

describe('an app from before the keyed chain', () => {
  it('cannot append an unkeyed record after keyed ones: the database refuses it (migration 0017)', async () => {
    await login();
    const last = db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1').get() as Record<string, unknown>;
    expect(last.hash_version).toBe(3);
    const unkeyed = { ...last, seq: (last.seq as number) + 1, idempotency_key: null, prev_hash: last.hash, hash_version: 2 };
    const insert = db.prepare(`INSERT INTO audit_log (${Object.keys(unkeyed).join(', ')}) VALUES (${Object.keys(unkeyed).map((name) => `@${name}`).join(', ')})`);
    expect(() => insert.run(unkeyed)).toThrow(/the audit trail is keyed/);
    expect(() => insert.run({ ...unkeyed, hash_version: 3 })).not.toThrow();
  });
});

describe('restoring a backup against its sealed manifest', () => {
  it('refuses a backup whose manifest seal was rewritten without the key, and restores the genuine one', async () => {
    const supervisor = office.as('supervisor');
    await login();
    const backup = await supervisor.must('system.backup', { label: 'sealed' });
    const manifestPath = `${backup.path}.manifest.json`;
    const genuine = readFileSync(manifestPath, 'utf8');
    const manifest = JSON.parse(genuine) as { auditSeal: AuditSeal };
    // Claims a later head than the backup holds (as if its tail had been cut), sealed by guesswork.
    const forged = { ...manifest, auditSeal: { ...manifest.auditSeal, seq: manifest.auditSeal.seq + 5, seal: 'f'.repeat(64) } };
    writeFileSync(manifestPath, JSON.stringify(forged));
    const refused = await supervisor.call('system.restore', { fileName: backup.fileName });
    expect(refused.ok || refused.error).toMatchObject({ code: 'CONFLICT', field: 'fileName', message: expect.stringMatching(/does not match the audit seal in its manifest \(its seal is not genuine/) });
    writeFileSync(manifestPath, genuine);
    expect((await supervisor.call('system.restore', { fileName: backup.fileName })).ok).toBe(true);
    expect(verifyBooks(office.runtime.database.sqlite, NOW).checks.filter((check) => !check.ok)).toEqual([]);
  });
});
