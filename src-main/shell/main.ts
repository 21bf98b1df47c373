/**
 * Electron entry of the desktop app: one instance, the office database in the user's data
 * folder, one hardened window, the application menu, and the IPC transport serving the same
 * operation table as every other front end.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NAVIGATE_CHANNEL } from '../../src-shared/bridge';
import { warmPdfRenderer } from '../core/reports/warm-up';
import { APP_FOLDER_NAME, startOffice, type StartedOffice } from '../operations/startup';
import { registerIpcTransport, rendererUrlCheck, WindowSessions } from '../transports/electron-ipc';
import { installDesktopAuditKeyStore } from './audit-key';
import { backUpFromMenu } from './backup-command';
import { buildApplicationMenu } from './menu';
import { hardenAllWebContents, installSessionSecurity, rendererCsp } from './security';
import { createOfficeWindow, focusWindow } from './window';

// electron-vite's dev server, only while developing (never honoured in a packaged app).
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const rendererFolder = fileURLToPath(new URL('../renderer/', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const isTrustedUrl = rendererUrlCheck({ devServerUrl, rendererFolder });

// The same folder the CLI and browser mode use by default (operations/startup.ts).
app.setPath('userData', join(app.getPath('appData'), APP_FOLDER_NAME));

let office: StartedOffice | undefined;
let mainWindow: BrowserWindow | undefined;
const windowSessions = new WindowSessions();

function navigate(path: string): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  focusWindow(mainWindow);
  mainWindow.webContents.send(NAVIGATE_CHANNEL, path);
}

async function showAbout(): Promise<void> {
  const detail = [
    `Database: ${office?.databasePath ?? 'not open'}`,
    `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
  ].join('\n');
  await dialog.showMessageBox({ type: 'info', title: 'About Billing Office', message: `Billing Office ${app.getVersion()}`, detail });
}

function openWindow(started: StartedOffice): void {
  mainWindow = createOfficeWindow({
    preloadPath,
    source: devServerUrl ? { url: devServerUrl } : { file: join(rendererFolder, 'index.html') },
    dev: !app.isPackaged,
  });
  const contentsId = mainWindow.webContents.id;
  mainWindow.on('closed', () => {
    windowSessions.forget(contentsId);
    mainWindow = undefined;
  });
  Menu.setApplicationMenu(
    buildApplicationMenu({
      dev: !app.isPackaged,
      navigate,
      showAbout: () => void showAbout(),
      backUpNow: () => {
        if (mainWindow) void backUpFromMenu(mainWindow, started.runtime, windowSessions.tokenFor(contentsId));
      },
    }),
  );
}

async function start(): Promise<void> {
  installSessionSecurity(session.defaultSession, rendererCsp(devServerUrl !== undefined), isTrustedUrl);
  const dataFolder = process.env.BILLING_OFFICE_DATA ?? app.getPath('userData');
  installDesktopAuditKeyStore(dataFolder);
  // Long steps in a worker thread (out/main/job-worker.js), so the window keeps answering.
  office = await startOffice({ mode: 'desktop', dataFolder, jobs: { mode: 'worker', workerUrl: new URL('./job-worker.js', import.meta.url) } });
  const started = office;
  const unregister = registerIpcTransport(ipcMain, started.runtime, { isTrustedUrl, sessions: windowSessions });
  app.on('will-quit', () => {
    unregister();
    started.runtime.close();
  });
  openWindow(started);
  // The first receipt of the day must not wait for Chromium: warm the PDF renderer once the
  // first screen has loaded (and a moment after), not during start-up.
  mainWindow?.webContents.once('did-finish-load', () => {
    void started.runtime.jobs.warm();
    void warmPdfRenderer({ onError: (error) => console.warn(`PDF renderer not warmed: ${error instanceof Error ? error.message : String(error)}`) });
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow(started);
  });
}

if (!app.requestSingleInstanceLock()) {
  // Two windows on one ledger file invite confusion; the running one comes forward instead.
  app.quit();
} else {
  hardenAllWebContents(app, isTrustedUrl);
  app.on('second-instance', () => focusWindow(mainWindow));
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start).catch((error: unknown) => {
    dialog.showErrorBox('Billing Office could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}
