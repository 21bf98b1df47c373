/**
 * The desktop shell's wiring, with a fake `electron` module (the Electron binary cannot run in
 * every environment that runs tests): src-main/shell/main.ts is imported as Electron would run
 * it, and the test checks what it asked Electron for — window preferences, IPC handlers, CSP,
 * permission and navigation policy, the menu — and that the menu's backup works and is audited.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcChannelFor, NAVIGATE_CHANNEL } from '../../src-shared/bridge';
import { OPERATION_NAMES } from '../../src-shared/contract';
import { RENDERER_CSP } from '../../src-main/transports/security';

type AnyFunction = (...args: any[]) => any;

const fake = vi.hoisted(() => {
  const listeners = new Map<string, AnyFunction[]>();
  const paths = new Map<string, string>();
  const state = {
    windows: [] as any[],
    ipcHandlers: new Map<string, AnyFunction>(),
    menuTemplate: undefined as any[] | undefined,
    headersListener: undefined as AnyFunction | undefined,
    permissionRequest: undefined as AnyFunction | undefined,
    permissionCheck: undefined as AnyFunction | undefined,
    saveDialogPath: undefined as string | undefined,
    messages: [] as { message: string; detail: string }[],
    errors: [] as string[],
  };
  let nextId = 1;

  class FakeWebContents {
    readonly id = nextId++;
    readonly sent: [string, unknown][] = [];
    url = '';
    send(channel: string, ...args: unknown[]) {
      this.sent.push([channel, args[0]]);
    }
    getURL() {
      return this.url;
    }
    on() {
      return this;
    }
    /** One-time listeners by event (the shell warms the PDF renderer once the first screen has loaded). */
    readonly onceListeners = new Map<string, () => void>();
    once(event: string, listener: () => void) {
      this.onceListeners.set(event, listener);
      return this;
    }
  }

  class FakeBrowserWindow {
    static getAllWindows = () => state.windows;
    readonly webContents = new FakeWebContents();
    loaded: { url?: string; file?: string } = {};
    constructor(readonly options: any) {
      state.windows.push(this);
    }
    once() {
      return this;
    }
    on() {
      return this;
    }
    loadURL(url: string) {
      this.loaded = { url };
      this.webContents.url = url;
      return Promise.resolve();
    }
    loadFile(file: string) {
      this.loaded = { file };
      this.webContents.url = `file://${file}`;
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    restore() {}
    show() {}
    focus() {}
  }

  const app = {
    isPackaged: true,
    getPath: (name: string) => paths.get(name) ?? `/fake/${name}`,
    setPath: (name: string, value: string) => paths.set(name, value),
    requestSingleInstanceLock: () => true,
    on(event: string, listener: AnyFunction) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return app;
    },
    emit(event: string, ...args: unknown[]) {
      for (const listener of listeners.get(event) ?? []) listener(...args);
    },
    whenReady: () => Promise.resolve(),
    getVersion: () => '0.0.0-test',
    quit() {},
    exit() {},
  };

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: (channel: string, handler: AnyFunction) => state.ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => state.ipcHandlers.delete(channel),
    },
    Menu: {
      buildFromTemplate: (template: any[]) => ({ template }),
      setApplicationMenu: (menu: { template: any[] }) => {
        state.menuTemplate = menu.template;
      },
    },
    dialog: {
      showErrorBox: (_title: string, message: string) => state.errors.push(message),
      showMessageBox: async (...args: any[]) => {
        const options = args.length > 1 ? args[1] : args[0];
        state.messages.push({ message: options.message, detail: options.detail });
        return { response: 0 };
      },
      showSaveDialog: async () => ({ canceled: state.saveDialogPath === undefined, filePath: state.saveDialogPath }),
    },
    session: {
      defaultSession: {
        webRequest: {
          onHeadersReceived: (listener: AnyFunction) => {
            state.headersListener = listener;
          },
        },
        setPermissionRequestHandler: (handler: AnyFunction) => {
          state.permissionRequest = handler;
        },
        setPermissionCheckHandler: (handler: AnyFunction) => {
          state.permissionCheck = handler;
        },
        setDevicePermissionHandler: () => {},
      },
    },
  };
  return { state, app, electron, FakeWebContents };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const dataFolder = mkdtempSync(join(tmpdir(), 'billing-office-shell-'));
const window = () => fake.state.windows[0];
const appEvent = (senderId: number) => ({ senderFrame: { url: window().webContents.url, parent: null }, sender: { id: senderId } });
const menuItem = (menu: string, label: string) =>
  fake.state.menuTemplate?.find((item) => item.label?.replace('&', '') === menu)?.submenu.find((item: any) => item.label === label);

beforeAll(async () => {
  process.env.BILLING_OFFICE_DATA = dataFolder;
  process.env.BILLING_OFFICE_DEMO_ACCOUNTS = '15';
  await import('../../src-main/shell/main');
  await vi.waitFor(() => expect(fake.state.windows).toHaveLength(1), { timeout: 30_000, interval: 50 });
}, 60_000);

afterAll(() => {
  fake.app.emit('will-quit');
  rmSync(dataFolder, { recursive: true, force: true });
});

describe('the desktop shell (main.ts) with a fake Electron', () => {
  it('opens the office in the data folder and keeps userData where the CLI and browser mode look', () => {
    expect(fake.app.getPath('userData')).toBe(join('/fake/appData', 'Billing Office'));
    expect(existsSync(join(dataFolder, 'billing-office.sqlite'))).toBe(true);
    expect(fake.state.errors).toEqual([]);
    // The PDF renderer is warmed after the first screen has loaded, not during start-up.
    expect(window().webContents.onceListeners.has('did-finish-load')).toBe(true);
  });

  it('creates a locked-down window that loads the built renderer with our preload', () => {
    const { webPreferences } = window().options;
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    // Resolved beside the main module: out/main/index.js → out/preload, out/renderer in the build.
    expect(webPreferences.preload).toMatch(/[\\/]preload[\\/]index\.cjs$/);
    expect(window().loaded.file).toMatch(/[\\/]renderer[\\/]index\.html$/);
  });

  it('serves every operation over IPC, and only to the window', async () => {
    expect([...fake.state.ipcHandlers.keys()].sort()).toEqual(OPERATION_NAMES.map((name) => ipcChannelFor(name)).sort());
    const handler = fake.state.ipcHandlers.get(ipcChannelFor('system.info'));
    const stranger = await handler?.({ senderFrame: { url: 'https://example.com/', parent: null }, sender: { id: 99 } }, { input: {} });
    expect(stranger).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const ours = await handler?.(appEvent(window().webContents.id), { input: {} });
    expect(ours).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });
  });

  it('puts the strict CSP on responses and grants no permissions', () => {
    let headers: Record<string, string[]> | undefined;
    fake.state.headersListener?.({ responseHeaders: { 'X-Other': ['1'] } }, (response: any) => {
      headers = response.responseHeaders;
    });
    expect(headers).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [RENDERER_CSP] });

    const granted: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      fake.state.permissionRequest?.(window().webContents, permission, (answer: boolean) => granted.push(answer));
    }
    expect(granted).toEqual([false, false, false, false]);
    expect(fake.state.permissionCheck?.(window().webContents, 'media')).toBe(false);
  });

  it('blocks navigation away from the app, new windows and webviews in every web contents', () => {
    const handlers = new Map<string, AnyFunction>();
    let openHandler: AnyFunction | undefined;
    const contents = {
      on: (event: string, listener: AnyFunction) => handlers.set(event, listener),
      setWindowOpenHandler: (handler: AnyFunction) => {
        openHandler = handler;
      },
    };
    fake.app.emit('web-contents-created', {}, contents);
    const navigate = (url: string) => {
      const event = { url, preventDefault: vi.fn() };
      handlers.get('will-navigate')?.(event);
      return event.preventDefault.mock.calls.length > 0;
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(navigate('https://phishing.example/login')).toBe(true);
    expect(navigate(pathToFileURL('/etc/passwd').href)).toBe(true);
    expect(navigate(window().webContents.url)).toBe(false);
    expect(openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    handlers.get('will-attach-webview')?.(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('has File, Edit, View and Help menus; no reload or devtools in a packaged app', () => {
    const labels = fake.state.menuTemplate?.map((item) => item.label ?? item.role);
    expect(labels).toEqual(expect.arrayContaining(['&File', 'editMenu', '&View', '&Help']));
    const view = fake.state.menuTemplate?.find((item) => item.label === '&View');
    const roles = view.submenu.map((item: any) => item.role).filter(Boolean);
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom']));
  });

  it('File › Restore… and Help › Verify navigate the renderer', () => {
    menuItem('File', 'Restore…').click();
    menuItem('Help', 'Verify the Books…').click();
    expect(window().webContents.sent).toEqual([
      [NAVIGATE_CHANNEL, '/settings/backups'],
      [NAVIGATE_CHANNEL, '/reports/verify'],
    ]);
  });

  it("File › Back Up Now… backs up as the window's supervisor, audited, and refuses a clerk", async () => {
    const login = fake.state.ipcHandlers.get(ipcChannelFor('session.login'));
    const senderId = window().webContents.id;
    const backupPath = join(dataFolder, 'usb', 'office-copy.sqlite');
    fake.state.saveDialogPath = backupPath;

    const clerk = await login?.(appEvent(senderId), { input: { username: 'clerk', password: 'demo-password' } });
    expect(clerk.ok).toBe(true);
    menuItem('File', 'Back Up Now…').click();
    await vi.waitFor(() => expect(fake.state.messages.at(-1)?.message).toBe('A supervisor must do this'));
    expect(existsSync(backupPath)).toBe(false);

    const supervisor = await login?.(appEvent(senderId), { input: { username: 'super', password: 'demo-password' } });
    expect(supervisor.ok).toBe(true);
    menuItem('File', 'Back Up Now…').click();
    await vi.waitFor(() => expect(fake.state.messages.at(-1)?.message).toBe('Backup complete'), { timeout: 10_000 });
    expect(existsSync(backupPath)).toBe(true);

    const audit = await fake.state.ipcHandlers.get(ipcChannelFor('audit.recent'))?.(appEvent(senderId), {
      input: { limit: 5 },
      sessionToken: supervisor.value.token,
    });
    expect(audit.value.find((row: any) => row.operation === 'system.backup')).toMatchObject({ username: 'super' });

    // A second backup to the same name is refused rather than overwriting anything.
    menuItem('File', 'Back Up Now…').click();
    await vi.waitFor(() => expect(fake.state.messages.at(-1)?.message).toBe('Choose a new file name'));
  });
});
