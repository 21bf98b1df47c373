/** Keyboard shortcuts for the whole office: Alt+1..8 opens an area, Ctrl+K or "/" finds an account. */
import { useEffect } from 'react';
import { requestAccountSearchFocus } from '../accounts/searchFocus';
import { AREAS, areaPath } from './areas';
import { currentPath, navigate, pathParts } from './router';

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

function findAccount(): void {
  // On an account page the search sits above it; elsewhere, go to Accounts first.
  if ((pathParts(currentPath())[0] ?? 'accounts') !== 'accounts') navigate('/accounts');
  requestAccountSearchFocus();
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && !event.metaKey && /^Digit[1-9]$/.test(event.code)) {
        const area = AREAS[Number(event.code.slice(5)) - 1];
        if (area) {
          event.preventDefault();
          navigate(areaPath(area));
        }
        return;
      }
      if ((event.ctrlKey && event.key.toLowerCase() === 'k') || (event.key === '/' && !isTyping(event.target))) {
        event.preventDefault();
        findAccount();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
