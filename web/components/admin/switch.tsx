'use client';

import { useId } from 'react';

/**
 * An on/off switch (WAI-ARIA switch pattern): a button with role="switch" and aria-checked,
 * named by its visible label, with its state also written as On / Off.
 */
export function Switch({ label, hint, checked, onChange }: { label: string; hint?: string; checked: boolean; onChange(checked: boolean): void }) {
  const id = useId();
  return (
    <div className="field su-switch-field">
      <span id={`${id}-label`} className="su-field-label">
        {label}
      </span>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <button
        type="button"
        role="switch"
        className="su-switch"
        aria-checked={checked}
        aria-labelledby={`${id}-label`}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onClick={() => onChange(!checked)}
      >
        <span className="su-switch-track" aria-hidden="true">
          <span className="su-switch-thumb" />
        </span>
        <span className="su-switch-state">{checked ? 'On' : 'Off'}</span>
      </button>
    </div>
  );
}
