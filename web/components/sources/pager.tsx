'use client';

import { useCallback, useState } from 'react';

/**
 * Cursor paging as a stack of `after` cursors: Next pushes the page's end cursor, Previous
 * pops it. Changing what is listed (a filter, another collection) starts again at page 1.
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const next = useCallback((endCursor: string | null | undefined) => {
    if (endCursor) setCursors((stack) => [...stack, endCursor]);
  }, []);
  const previous = useCallback(() => setCursors((stack) => (stack.length > 1 ? stack.slice(0, -1) : stack)), []);
  const reset = useCallback(() => setCursors([null]), []);
  return { after: cursors[cursors.length - 1], pageIndex: cursors.length - 1, next, previous, reset };
}

/** "21–36 of 36" with Previous and Next. */
export function Pager({
  label,
  pageIndex,
  pageSize,
  shown,
  total,
  hasNext,
  onPrevious,
  onNext,
}: {
  label: string;
  pageIndex: number;
  pageSize: number;
  shown: number;
  total: number;
  hasNext: boolean;
  onPrevious(): void;
  onNext(): void;
}) {
  const first = pageIndex * pageSize + 1;
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <span aria-live="polite" data-testid="pager-summary">{shown === 0 ? `0 of ${total}` : `${first}–${first + shown - 1} of ${total}`}</span>
      <span className="su-pager-buttons">
        <button type="button" className="button button-small" onClick={onPrevious} disabled={pageIndex === 0}>
          Previous
        </button>
        <button type="button" className="button button-small" onClick={onNext} disabled={!hasNext}>
          Next
        </button>
      </span>
    </nav>
  );
}
