'use client';

import { useEffect, useId, useRef, useState } from 'react';

export interface FilterOption {
  value: string;
  label: string;
}

/**
 * A filter menu: a button that says what is chosen ("Type: Returns", "Language: 2 selected")
 * and opens a group of checkboxes. Escape or a click elsewhere closes it.
 */
export function MultiSelectFilter({
  label,
  options,
  selected,
  onChange,
}: {
  label: string;
  options: FilterOption[];
  selected: string[];
  onChange(selected: string[]): void;
}) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    rootRef.current?.querySelector<HTMLInputElement>('input[type="checkbox"]')?.focus();
    const onPointer = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, [open]);

  const chosen = options.filter((option) => selected.includes(option.value));
  // A value in the URL that no case has any more still shows, so it can be unticked.
  const stale = selected.filter((value) => !options.some((option) => option.value === value)).map((value) => ({ value, label: value }));
  const all = [...options, ...stale];
  const summary = selected.length === 0 ? 'All' : selected.length === 1 ? (chosen[0]?.label ?? selected[0]) : `${selected.length} selected`;

  const toggle = (value: string) => onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value]);

  return (
    <div
      ref={rootRef}
      className="tc-filter"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className={`button tc-filter-button${selected.length ? ' tc-filter-active' : ''}`}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((value) => !value)}
      >
        {label}: {summary} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div id={panelId} className="tc-filter-panel" role="group" aria-label={`${label} filter`}>
          {all.length === 0 ? (
            <p className="muted">No values yet.</p>
          ) : (
            <div className="checkbox-list">
              {all.map((option) => (
                <label key={option.value}>
                  <input type="checkbox" checked={selected.includes(option.value)} onChange={() => toggle(option.value)} />
                  {option.label}
                </label>
              ))}
            </div>
          )}
          {selected.length > 0 && (
            <button type="button" className="button-link" onClick={() => onChange([])}>
              Clear {label.toLowerCase()}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
