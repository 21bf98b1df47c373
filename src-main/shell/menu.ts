/**
 * The application menu. Commands that belong to a screen (restore, verify) navigate the
 * renderer there over NAVIGATE_CHANNEL, so they run with the logged-in user's session and
 * role like any other click; "Back up now…" asks for a file with a save dialog and calls the
 * system.backup operation with the window's session (backup-command.ts).
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

/** App paths the renderer's router understands (see src-shared/bridge.ts onNavigate). */
export const MENU_PATHS = {
  backups: '/settings/backups',
  verify: '/reports/verify',
} as const;

export interface MenuActions {
  /** Reload and developer tools appear only while developing. */
  dev: boolean;
  backUpNow(): void;
  navigate(path: string): void;
  showAbout(): void;
}

export function buildApplicationMenu(actions: MenuActions): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Back Up Now…', accelerator: 'CmdOrCtrl+Shift+B', click: () => actions.backUpNow() },
        { label: 'Restore…', click: () => actions.navigate(MENU_PATHS.backups) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', label: 'Quit' },
      ],
    },
    // Without an Edit menu, copy and paste shortcuts do not work on macOS.
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        ...(actions.dev
          ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[])
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: '&Help',
      submenu: [
        { label: 'Verify the Books…', click: () => actions.navigate(MENU_PATHS.verify) },
        { type: 'separator' },
        { label: 'About Billing Office', click: () => actions.showAbout() },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
