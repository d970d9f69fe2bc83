import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';

/**
 * Until a list has been laid out (and wherever there is no layout at all, like jsdom) its
 * measured size is 0×0, which would render no rows; assume a typical column instead.
 */
export const FALLBACK_RECT = { width: 360, height: 640 };

const observeRectWithFallback: typeof observeElementRect = (instance, cb) =>
  observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : FALLBACK_RECT));

/**
 * The rows of a virtualised listbox of fixed-height rows keyed by id, kept scrolled so the
 * active row (arrow keys move it) is on screen.
 */
export function useVirtualRows(items: readonly { id: string }[], rowHeight: number, activeIndex: number) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer: Virtualizer<HTMLDivElement, Element> = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    getItemKey: (index) => items[index]?.id ?? index,
    initialRect: FALLBACK_RECT,
    observeElementRect: observeRectWithFallback,
    overscan: 6,
  });
  useEffect(() => {
    if (activeIndex >= 0 && activeIndex < items.length) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, items.length, virtualizer]);
  return { scrollRef, virtualizer };
}
