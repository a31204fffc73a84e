import { useCallback, useEffect, useRef, useState } from 'react';

/** Rows [first, last) that overlap the viewport, widened by `overscan` rows each way for smooth scrolling. */
export function visibleRange(scrollTop: number, viewport: number, rowHeight: number, count: number, overscan: number): { first: number; last: number } {
  const first = Math.min(count, Math.max(0, Math.floor(scrollTop / rowHeight) - overscan));
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { first, last: Math.max(first, last) };
}

/**
 * Windowing without a library: which rows of a fixed-height list are in view (plus a margin),
 * so 10,000 recordings cost as much DOM as the twenty on screen.
 */
export function useWindow(count: number, rowHeight: number, overscan = 6) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [width, setWidth] = useState(800);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      setHeight(el.clientHeight || 600);
      setWidth(el.clientWidth || 800);
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const onScroll = useCallback(() => setScrollTop(ref.current?.scrollTop ?? 0), []);
  const { first, last } = visibleRange(scrollTop, height, rowHeight, count, overscan);
  return { ref, onScroll, first, last, width, totalHeight: count * rowHeight };
}
