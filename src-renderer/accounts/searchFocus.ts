/**
 * "Find an account" from anywhere (Ctrl+K, "/"): the request survives a change of area, so
 * the search box takes the focus as soon as it is on screen.
 */
import { useEffect, type RefObject } from 'react';

const FOCUS_EVENT = 'billing-office:find-account';
let focusRequested = false;

export function requestAccountSearchFocus(): void {
  focusRequested = true;
  window.dispatchEvent(new Event(FOCUS_EVENT));
}

export function useAccountSearchFocus(input: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const focus = () => {
      if (!input.current) return;
      input.current.focus();
      input.current.select();
      focusRequested = false;
    };
    if (focusRequested) focus();
    window.addEventListener(FOCUS_EVENT, focus);
    return () => window.removeEventListener(FOCUS_EVENT, focus);
  }, [input]);
}
