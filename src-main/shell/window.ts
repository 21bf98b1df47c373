/** The office window: isolated, sandboxed, no Node in the page, our preload only. */
import { BrowserWindow } from 'electron';

export type RendererSource = { url: string } | { file: string };

export interface OfficeWindowOptions {
  preloadPath: string;
  source: RendererSource;
  /** Developer tools and reload only while developing. */
  dev: boolean;
}

export function createOfficeWindow(options: OfficeWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Billing Office',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      devTools: options.dev,
    },
  });
  window.once('ready-to-show', () => window.show());
  // Bills and receipts will print to PDF with window.webContents.printToPDF({...}) from the
  // main process (no print dialog needed for a file); that work is not done yet.
  if ('url' in options.source) void window.loadURL(options.source.url);
  else void window.loadFile(options.source.file);
  return window;
}

/** Brings the window forward (second launch, menu command). */
export function focusWindow(window: BrowserWindow | null | undefined): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
