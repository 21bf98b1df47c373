import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { ipcChannelFor, NAVIGATE_CHANNEL } from '../../src-shared/bridge';
import { OPERATION_NAMES, type OperationRequest } from '../../src-shared/contract';
import { ok, type Result } from '../../src-shared/result';
import { createOfficeBridge } from '../../src-main/shell/bridge-api';
import {
  registerIpcTransport,
  rendererUrlCheck,
  WindowSessions,
  type IpcInvokeEventLike,
  type IpcMainLike,
} from '../../src-main/transports/electron-ipc';
import { createTestOffice, TEST_PASSWORD, TEST_USERS, type TestOffice } from '../support/office';

type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => unknown;

/** Records handlers the way ipcMain does: one per channel, a second registration is an error. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  async invoke(channel: string, event: IpcInvokeEventLike, ...args: unknown[]): Promise<Result<unknown>> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return (await handler(event, ...args)) as Result<unknown>;
  }
}

const rendererFolder = join(tmpdir(), 'billing-office-app', 'out', 'renderer');
const appPage = `${pathToFileURL(join(rendererFolder, 'index.html')).href}#/accounts`;
const fromApp = (senderId = 7): IpcInvokeEventLike => ({ senderFrame: { url: appPage, parent: null }, sender: { id: senderId } });
const fromUrl = (url: string): IpcInvokeEventLike => ({ senderFrame: { url, parent: null }, sender: { id: 9 } });

function fakeRuntime(answer: Result<unknown> = ok({ answered: true })) {
  const calls: OperationRequest[] = [];
  return { calls, call: async (request: OperationRequest) => (calls.push(request), answer) };
}

describe('rendererUrlCheck', () => {
  const check = rendererUrlCheck({ rendererFolder });
  const devCheck = rendererUrlCheck({ devServerUrl: 'http://localhost:5173/', rendererFolder });

  it('trusts the built renderer files, with or without a route in the fragment', () => {
    expect(check(appPage)).toBe(true);
    expect(check(pathToFileURL(join(rendererFolder, 'assets', 'index-abc.js')).href)).toBe(true);
  });

  it('refuses other files, other schemes and other origins', () => {
    expect(check(pathToFileURL(join(rendererFolder, '..', 'main', 'index.js')).href)).toBe(false);
    expect(check(pathToFileURL(join(tmpdir(), 'evil.html')).href)).toBe(false);
    expect(check(pathToFileURL(`${rendererFolder}-evil/index.html`).href)).toBe(false);
    expect(check('https://example.com/')).toBe(false);
    expect(check('about:blank')).toBe(false);
    expect(check('data:text/html,<script>alert(1)</script>')).toBe(false);
    expect(check('not a url')).toBe(false);
    expect(check(`file://evil-host${pathToFileURL(join(rendererFolder, 'index.html')).pathname}`)).toBe(false);
  });

  it('trusts the dev server origin only when one is given', () => {
    expect(devCheck('http://localhost:5173/#/accounts')).toBe(true);
    expect(devCheck('http://localhost:5174/')).toBe(false);
    expect(devCheck('http://127.0.0.1:5173/')).toBe(false);
    expect(check('http://localhost:5173/')).toBe(false);
  });
});

describe('registerIpcTransport', () => {
  it('registers exactly one handler per operation, on its own channel, and removes them again', () => {
    const ipc = new FakeIpcMain();
    const unregister = registerIpcTransport(ipc, fakeRuntime(), { isTrustedUrl: rendererUrlCheck({ rendererFolder }) });
    expect([...ipc.handlers.keys()].sort()).toEqual(OPERATION_NAMES.map((name) => ipcChannelFor(name)).sort());
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it('refuses a sender that is not our renderer, without calling the runtime', async () => {
    const ipc = new FakeIpcMain();
    const runtime = fakeRuntime();
    const warnings: string[] = [];
    registerIpcTransport(ipc, runtime, { isTrustedUrl: rendererUrlCheck({ rendererFolder }), warn: (line) => warnings.push(line) });
    const call = { input: {}, sessionToken: 'stolen' };
    for (const event of [
      fromUrl('https://attacker.example/'),
      fromUrl(pathToFileURL(join(tmpdir(), 'downloaded.html')).href),
      { senderFrame: null },
      { senderFrame: { url: appPage, parent: { url: appPage } } },
      {} as IpcInvokeEventLike,
    ]) {
      const result = await ipc.invoke(ipcChannelFor('users.list'), event, call);
      expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/not part of Billing Office/) } });
    }
    expect(runtime.calls).toEqual([]);
    expect(warnings).toHaveLength(5);
  });

  it("passes the renderer's call to the runtime as an OperationRequest and returns its result", async () => {
    const ipc = new FakeIpcMain();
    const runtime = fakeRuntime(ok({ answered: true }));
    registerIpcTransport(ipc, runtime, { isTrustedUrl: rendererUrlCheck({ rendererFolder }) });
    const result = await ipc.invoke(ipcChannelFor('ledger.adjust'), fromApp(), {
      op: 'users.create', // ignored: the channel names the operation
      input: { amountCents: 500 },
      sessionToken: 'token-1',
      idempotencyKey: 'key-12345678',
      approval: { username: 'sofia', password: 'pw', extra: 'dropped' },
      somethingElse: true,
    });
    expect(result).toEqual({ ok: true, value: { answered: true } });
    expect(runtime.calls).toEqual([
      {
        op: 'ledger.adjust',
        input: { amountCents: 500 },
        sessionToken: 'token-1',
        idempotencyKey: 'key-12345678',
        approval: { username: 'sofia', password: 'pw' },
      },
    ]);
  });

  it('refuses envelope fields of the wrong type with a field error, before the runtime sees them', async () => {
    const ipc = new FakeIpcMain();
    const runtime = fakeRuntime();
    registerIpcTransport(ipc, runtime, { isTrustedUrl: rendererUrlCheck({ rendererFolder }) });
    const cases: [object, string][] = [
      [{ input: {}, approval: { username: 1, password: 2 } }, 'approval'],
      [{ input: {}, approval: 'yes' }, 'approval'],
      [{ input: {}, sessionToken: 42 }, 'sessionToken'],
      [{ input: {}, idempotencyKey: {} }, 'idempotencyKey'],
    ];
    for (const [call, field] of cases) {
      const result = await ipc.invoke(ipcChannelFor('session.me'), fromApp(), call);
      expect(result, JSON.stringify(call)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field } });
    }
    // Null counts as absent; a message that is not an object is an empty call.
    await ipc.invoke(ipcChannelFor('session.me'), fromApp(), { input: {}, sessionToken: null, approval: null });
    await ipc.invoke(ipcChannelFor('session.me'), fromApp(), 'not an object');
    expect(runtime.calls).toEqual([
      { op: 'session.me', input: {} },
      { op: 'session.me', input: undefined },
    ]);
  });

  it('refuses an absurdly large message before validation', async () => {
    const ipc = new FakeIpcMain();
    const runtime = fakeRuntime();
    registerIpcTransport(ipc, runtime, { isTrustedUrl: rendererUrlCheck({ rendererFolder }) });
    const result = await ipc.invoke(ipcChannelFor('accounts.search'), fromApp(), { input: { query: 'x'.repeat(9 * 1024 * 1024) } });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(runtime.calls).toEqual([]);
  });
});

describe('the IPC transport over a real office', () => {
  let office: TestOffice | undefined;
  afterEach(() => office?.cleanup());

  it('logs in and runs operations for our window, remembers its session, and refuses a stranger', async () => {
    office = await createTestOffice();
    const ipc = new FakeIpcMain();
    const sessions = new WindowSessions();
    registerIpcTransport(ipc, office.runtime, { isTrustedUrl: rendererUrlCheck({ rendererFolder }), sessions, warn: () => {} });

    const login = await ipc.invoke(ipcChannelFor('session.login'), fromApp(7), {
      input: { username: TEST_USERS.supervisor, password: TEST_PASSWORD },
    });
    expect(login.ok).toBe(true);
    const token = (login as { value: { token: string } }).value.token;
    expect(sessions.tokenFor(7)).toBe(token);

    const verify = await ipc.invoke(ipcChannelFor('system.verify'), fromApp(7), { input: {}, sessionToken: token });
    expect(verify).toMatchObject({ ok: true, value: { ok: true } });

    const created = await ipc.invoke(ipcChannelFor('users.create'), fromApp(7), {
      input: { username: 'newclerk', displayName: 'New Clerk', role: 'clerk', password: 'long-enough-1' },
      sessionToken: token,
      idempotencyKey: 'e7d3c9a0-0000-4000-8000-000000000001',
    });
    expect(created).toMatchObject({ ok: true, value: { username: 'newclerk' } });

    // The same token from a page that is not ours gets nothing.
    const stolen = await ipc.invoke(ipcChannelFor('users.list'), fromUrl('https://attacker.example/'), { input: {}, sessionToken: token });
    expect(stolen).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // The dispatcher's own checks still apply behind the transport.
    const noSession = await ipc.invoke(ipcChannelFor('users.list'), fromApp(7), { input: {} });
    expect(noSession).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });

    await ipc.invoke(ipcChannelFor('session.logout'), fromApp(7), { input: {}, sessionToken: token });
    expect(sessions.tokenFor(7)).toBeUndefined();
  });
});

describe('the preload bridge object', () => {
  it('has one function per operation plus onNavigate, each invoking its own channel with a plain call', async () => {
    const invoked: [string, unknown][] = [];
    const subscriptions = new Map<string, (...args: unknown[]) => void>();
    const bridge = createOfficeBridge(
      OPERATION_NAMES,
      async (channel, call) => (invoked.push([channel, call]), ok('done')),
      (channel, listener) => subscriptions.set(channel, listener),
    );
    expect(Object.keys(bridge).sort()).toEqual([...OPERATION_NAMES, 'onNavigate'].sort());
    expect(Object.values(bridge).every((value) => typeof value === 'function')).toBe(true);

    const call = { input: { query: 'oak' }, sessionToken: 't', sneaky: () => 'no functions cross the bridge' };
    await expect(bridge['accounts.search'](call as never)).resolves.toEqual(ok('done'));
    expect(invoked).toEqual([[ipcChannelFor('accounts.search'), { input: { query: 'oak' }, sessionToken: 't' }]]);

    const paths: string[] = [];
    bridge.onNavigate((path) => paths.push(path));
    const deliver = subscriptions.get(NAVIGATE_CHANNEL);
    deliver?.('/settings/backups');
    deliver?.({ not: 'a path' });
    expect(paths).toEqual(['/settings/backups']);
  });
});
