'use client';

import { useEffect, useRef } from 'react';
import { Field } from '../ui/field';
import { factErrorKey, LIMITS, newFactRow, type FactRow, type FormErrors } from './test-case-form-model';

/**
 * Name/value rows the simulated customer can quote. Each row is a labelled group ("Fact 2") so
 * a screen reader says which fact a field or a Remove button belongs to.
 */
export function PersonaFactsEditor({
  facts,
  errors,
  disabled,
  onChange,
}: {
  facts: FactRow[];
  errors: FormErrors;
  disabled?: boolean;
  onChange(facts: FactRow[]): void;
}) {
  const listRef = useRef<HTMLDivElement>(null);
  const focusKey = useRef<string | null>(null);

  // A newly added row takes the focus, so keyboard users can type straight away.
  useEffect(() => {
    if (!focusKey.current) return;
    listRef.current?.querySelector<HTMLInputElement>(`[data-fact="${focusKey.current}"] input`)?.focus();
    focusKey.current = null;
  }, [facts]);

  const update = (key: string, change: Partial<FactRow>) => onChange(facts.map((row) => (row.key === key ? { ...row, ...change } : row)));

  return (
    <div ref={listRef}>
      {facts.length === 0 && <p className="muted">No facts yet.</p>}
      {facts.map((row, index) => (
        <div key={row.key} className="fact-row" role="group" aria-label={`Fact ${index + 1}`} data-fact={row.key}>
          <Field label="Fact name" required error={errors[factErrorKey(row, 'name')]}>
            {(props) => (
              <input type="text" {...props} value={row.name} placeholder="order_number" autoComplete="off" onChange={(e) => update(row.key, { name: e.target.value })} />
            )}
          </Field>
          <Field label="Fact value" required error={errors[factErrorKey(row, 'value')]}>
            {(props) => <input type="text" {...props} value={row.value} placeholder="DG-882341" autoComplete="off" onChange={(e) => update(row.key, { value: e.target.value })} />}
          </Field>
          {!disabled && (
            <button type="button" className="button button-small tc-fact-remove" aria-label={`Remove fact ${index + 1}`} onClick={() => onChange(facts.filter((other) => other.key !== row.key))}>
              Remove
            </button>
          )}
        </div>
      ))}
      {errors.facts && <p className="field-error">{errors.facts}</p>}
      {!disabled && facts.length < LIMITS.facts && (
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            const row = newFactRow();
            focusKey.current = row.key;
            onChange([...facts, row]);
          }}
        >
          + Add fact
        </button>
      )}
    </div>
  );
}
