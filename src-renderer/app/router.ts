/**
 * Hash routes ("#/accounts/12/ledger"): they work the same when the app is loaded from files
 * in the desktop build and from 127.0.0.1 in browser mode, and a reload keeps the place.
 */
import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** Anything that is not an app path (such as browser mode's "#launch=…") means the start page. */
export const currentPath = (): string => (window.location.hash.startsWith('#/') ? window.location.hash.slice(1) : '/');

/** The current app path, e.g. "/accounts/12/ledger". */
export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

export function navigate(path: string): void {
  window.location.hash = path;
}

/** The path's parts: "/accounts/12/ledger" → ["accounts", "12", "ledger"]. */
export const pathParts = (path: string) => path.split('/').filter(Boolean);
