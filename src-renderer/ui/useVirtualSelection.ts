import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';

/**
 * A virtualized, keyboard-driven list with one chosen row: ↑/↓ (or j/k), Page Up/Down, Home/End
 * move the choice and keep it in view under the sticky header; Enter calls `onEnter`. Shared by
 * the tables a technician works through all day, so they all move alike.
 */
export function useVirtualSelection(count: number, scrollRef: RefObject<HTMLDivElement | null>, rowHeight: number, onEnter: (index: number) => void) {
  const [selected, setSelected] = useState(0);
  useEffect(() => setSelected((index) => Math.min(index, Math.max(count - 1, 0))), [count]);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 16,
    // The sticky header sits over the first row's place: keep a chosen row clear of it.
    scrollPaddingStart: rowHeight,
  });
  const lastScrolled = useRef(-1);
  useEffect(() => {
    if (selected === lastScrolled.current) return;
    lastScrolled.current = selected;
    virtualizer.scrollToIndex(selected, { align: 'auto' });
  }, [selected, virtualizer]);

  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / rowHeight) - 2);
    const moves: Record<string, number> = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1, PageDown: page, PageUp: -page, Home: -count, End: count };
    const step = moves[event.key];
    if (step !== undefined) {
      event.preventDefault();
      setSelected((index) => Math.min(Math.max(index + step, 0), count - 1));
    } else if (event.key === 'Enter' && count > 0) {
      event.preventDefault();
      onEnter(selected);
    }
  };

  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return { virtualizer, items, padTop, padBottom, selected, setSelected, onKey };
}
