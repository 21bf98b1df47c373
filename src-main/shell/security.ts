/**
 * Electron's security checklist, applied in one place: a strict CSP on every response, no
 * permissions, no navigation away from the app, no new windows, no <webview>.
 * The window's own webPreferences (context isolation, sandbox, no Node) are in window.ts.
 */
import type { App, Session } from 'electron';
import type { TrustedUrlCheck } from '../transports/electron-ipc';
import { RENDERER_CSP } from '../transports/security';

/**
 * The renderer's CSP. The Vite dev server (development only) needs one inline script, the
 * React refresh preamble; the built app gets the strict policy unchanged.
 */
export function rendererCsp(devServer: boolean): string {
  return devServer ? RENDERER_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'") : RENDERER_CSP;
}

/**
 * CSP header on every HTTP response (the dev server). Pages loaded from file:// get no
 * headers, so the production build also carries the policy in a <meta> tag that
 * electron.vite.config.ts injects into index.html.
 */
export function installSessionSecurity(session: Session, csp: string, isTrustedUrl: TrustedUrlCheck): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  // Camera, microphone, location, notifications, HID/USB/serial...: none of it is needed.
  // Writing to the clipboard ("copy account number") from our own page is the one exception.
  session.setPermissionRequestHandler((webContents, permission, callback) => {
    callback(permission === 'clipboard-sanitized-write' && isTrustedUrl(webContents.getURL()));
  });
  session.setPermissionCheckHandler((webContents, permission) =>
    permission === 'clipboard-sanitized-write' && webContents !== null && isTrustedUrl(webContents.getURL()),
  );
  session.setDevicePermissionHandler(() => false);
}

/** Every web contents the app ever creates: stays on app URLs, opens no windows, hosts no webviews. */
export function hardenAllWebContents(app: App, isTrustedUrl: TrustedUrlCheck): void {
  app.on('web-contents-created', (_created, contents) => {
    contents.on('will-navigate', (event) => {
      if (!isTrustedUrl(event.url)) {
        event.preventDefault();
        console.warn(`[billing-office] blocked navigation to ${event.url}`);
      }
    });
    contents.on('will-redirect', (event) => {
      if (!isTrustedUrl(event.url)) event.preventDefault();
    });
    // No pop-ups and no links out: the office works offline and shows everything in its one
    // window. (If a help link is ever wanted, open https: URLs with shell.openExternal here.)
    contents.setWindowOpenHandler(({ url }) => {
      console.warn(`[billing-office] blocked a new window for ${url}`);
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
