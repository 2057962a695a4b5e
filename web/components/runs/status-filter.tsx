'use client';

import { useEffect, useId, useRef } from 'react';
import { RUN_STATUS_LABELS } from '../../lib/format';

export const RUN_STATUSES = Object.keys(RUN_STATUS_LABELS);

/**
 * The Status filter: a disclosure holding one checkbox per status, so several can be chosen.
 * Its button says what is chosen; Escape or a click elsewhere closes it.
 */
export function StatusFilter({ value, onChange }: { value: string[]; onChange(next: string[]): void }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const labelId = useId();

  useEffect(() => {
    const onPointer = (event: MouseEvent) => {
      if (ref.current?.open && !ref.current.contains(event.target as Node)) ref.current.open = false;
    };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, []);

  const toggle = (status: string, checked: boolean) =>
    onChange(RUN_STATUSES.filter((s) => (s === status ? checked : value.includes(s))));

  const chosen = value.length === 0 ? 'All' : value.map((s) => RUN_STATUS_LABELS[s] ?? s).join(', ');

  return (
    <div className="field">
      <span className="runs-field-label" id={labelId}>
        Status
      </span>
      <details
        ref={ref}
        className="runs-multi-select"
        onKeyDown={(event) => {
          if (event.key === 'Escape' && ref.current?.open) {
            ref.current.open = false;
            ref.current.querySelector('summary')?.focus();
          }
        }}
      >
        <summary aria-describedby={labelId}>Status: {chosen}</summary>
        <fieldset className="runs-multi-select-options">
          <legend className="visually-hidden">Show runs with status</legend>
          {RUN_STATUSES.map((status) => (
            <label key={status}>
              <input type="checkbox" checked={value.includes(status)} onChange={(event) => toggle(status, event.target.checked)} />
              {RUN_STATUS_LABELS[status]}
            </label>
          ))}
          {value.length > 0 && (
            <button type="button" className="button-link" onClick={() => onChange([])}>
              Show all statuses
            </button>
          )}
        </fieldset>
      </details>
    </div>
  );
}
