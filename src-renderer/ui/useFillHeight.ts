import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The height that takes an element from where it starts down to the bottom of the window
 * (less `gap`), so a long list scrolls inside itself and the page around it stays put.
 * Measured again when the window is resized.
 */
export function useFillHeight(ref: RefObject<HTMLElement | null>, gap = 16, minimum = 280): number {
  const [height, setHeight] = useState(minimum);
  useLayoutEffect(() => {
    const measure = () => {
      const element = ref.current;
      if (!element) return;
      const top = element.getBoundingClientRect().top + window.scrollY;
      setHeight(Math.max(minimum, Math.floor(window.innerHeight - top - gap)));
    };
    measure();
    window.addEventListener('resize', measure);
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => {
      window.removeEventListener('resize', measure);
      observer.disconnect();
    };
  }, [ref, gap, minimum]);
  return height;
}
