/**
 * The two ways to reach the main process: the preload's `window.officeApi` in the desktop app,
 * or HTTP on 127.0.0.1 in browser mode (with the per-launch secret from the URL fragment).
 */
import {
  BRIDGE_GLOBAL, HTTP_SECRET_HEADER, LAUNCH_FRAGMENT_KEY, httpPathFor, type OfficeBridge, type OperationCall,
} from '../../src-shared/bridge';
import type { OperationName } from '../../src-shared/contract';
import { fail, type Result } from '../../src-shared/result';

export type Transport = (name: OperationName, call: OperationCall) => Promise<Result<unknown>>;

const SECRET_STORAGE_KEY = 'billing-office.launch-secret';
const NOT_ANSWERING = 'Billing Office is not answering. Check that it is still running, then try again.';

export function desktopBridge(): OfficeBridge | undefined {
  return (window as unknown as Record<string, OfficeBridge | undefined>)[BRIDGE_GLOBAL];
}

/**
 * Takes browser mode's secret out of the address bar (so it is not bookmarked, shared or left
 * in history) and keeps it in this tab's sessionStorage, where a reload still finds it.
 */
export function takeLaunchSecret(): string {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const fromUrl = fragment.get(LAUNCH_FRAGMENT_KEY);
  if (fromUrl) {
    window.sessionStorage.setItem(SECRET_STORAGE_KEY, fromUrl);
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
  }
  return window.sessionStorage.getItem(SECRET_STORAGE_KEY) ?? '';
}

export function desktopTransport(bridge: OfficeBridge): Transport {
  return (name, call) =>
    (bridge[name](call) as Promise<Result<unknown>>).catch(() => fail('INTERNAL', NOT_ANSWERING));
}


/** `secret` is asked on every call: opening a newer printed address in the same tab brings a new one. */
export function httpTransport(secret: () => string): Transport {
  return async (name, call) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', [HTTP_SECRET_HEADER]: secret() };
    if (call.sessionToken) headers.authorization = `Bearer ${call.sessionToken}`;
    const body = JSON.stringify({ input: call.input, idempotencyKey: call.idempotencyKey, approval: call.approval });
    let response: Response;
    try {
      response = await fetch(httpPathFor(name), { method: 'POST', headers, body });
    } catch {
      return fail('INTERNAL', NOT_ANSWERING);
    }
    try {
      return (await response.json()) as Result<unknown>;
    } catch {
      return fail('INTERNAL', `${NOT_ANSWERING} (It answered with status ${response.status}.)`);
    }
  };
}

/** Whichever transport this window has. */
export function detectTransport(): Transport {
  const bridge = desktopBridge();
  return bridge ? desktopTransport(bridge) : httpTransport(takeLaunchSecret);
}
