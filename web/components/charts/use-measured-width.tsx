'use client';

import { useLayoutEffect, useRef, useState } from 'react';

/**
 * The width an element is drawn at, followed as it resizes. Charts use it as their SVG width,
 * so labels keep their size on a phone instead of shrinking with a scaled picture.
 */
export function useMeasuredWidth<T extends HTMLElement>(fallback: number, minimum = 220) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  // Measured before the first paint, so the chart is not drawn once at the fallback width.
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(Math.max(minimum, element.clientWidth || fallback));
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(minimum, Math.round(entry.contentRect.width))));
    observer.observe(element);
    return () => observer.disconnect();
  }, [minimum, fallback]);
  return [ref, width] as const;
}
