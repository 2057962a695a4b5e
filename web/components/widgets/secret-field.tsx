'use client';

import { useId } from 'react';
import { Badge } from '../ui/badge';
import { Field } from '../ui/field';

/** keep: leave what is stored; replace: send the new value; remove: send "" (the API deletes it). */
export type SecretChange = { mode: 'keep' } | { mode: 'replace'; value: string } | { mode: 'remove' };

export const KEEP_SECRET: SecretChange = { mode: 'keep' };

/**
 * The input's value for a secret: undefined keeps the stored one (or sets none), a string
 * replaces it, "" removes it.
 */
export function secretInputValue(change: SecretChange): string | undefined {
  if (change.mode === 'remove') return '';
  if (change.mode === 'replace' && change.value !== '') return change.value;
  return undefined;
}

/**
 * A write-only secret. A stored one is never shown (the API does not return it): the field
 * says it is stored and offers to replace or remove it.
 */
export function SecretField({
  label,
  hint,
  stored,
  change,
  onChange,
  error,
}: {
  label: string;
  hint: string;
  stored: boolean;
  change: SecretChange;
  onChange(change: SecretChange): void;
  error?: string | null;
}) {
  const labelId = useId();
  if (stored && change.mode !== 'replace') {
    const removing = change.mode === 'remove';
    return (
      <div className={`field secret-field${error ? ' field-invalid' : ''}`} role="group" aria-labelledby={labelId}>
        <span id={labelId} className="su-field-label">
          {label}
        </span>
        <p className="secret-state">
          {removing ? <Badge tone="warn">Removed when you save</Badge> : <Badge tone="good">Stored</Badge>}
          <span className="muted">{removing ? ' The widget will have none.' : ' It is kept encrypted and never shown.'}</span>
        </p>
        <div className="secret-actions">
          {removing ? (
            <button type="button" className="button button-small" onClick={() => onChange(KEEP_SECRET)}>
              Keep the stored {label.toLowerCase()}
            </button>
          ) : (
            <>
              <button type="button" className="button button-small" onClick={() => onChange({ mode: 'replace', value: '' })}>
                Replace {label.toLowerCase()}
              </button>
              <button type="button" className="button button-small" onClick={() => onChange({ mode: 'remove' })}>
                Remove {label.toLowerCase()}
              </button>
            </>
          )}
        </div>
        {error && <p className="field-error">{error}</p>}
      </div>
    );
  }
  return (
    <Field label={stored ? `New ${label.toLowerCase()}` : label} hint={stored ? `${hint} Leave empty to keep the stored one.` : hint} error={error}>
      {(props) => (
        <div className="secret-input">
          <input
            {...props}
            type="password"
            autoComplete="new-password"
            spellCheck={false}
            value={change.mode === 'replace' ? change.value : ''}
            onChange={(event) => onChange({ mode: 'replace', value: event.target.value })}
          />
          {stored && (
            <button type="button" className="button button-small" onClick={() => onChange(KEEP_SECRET)}>
              Cancel
            </button>
          )}
        </div>
      )}
    </Field>
  );
}
