'use client';

import { Field } from '../ui/field';
import { Switch } from './switch';
import { SIMULATIONS_HINT, TENANT_LIMITS, type TenantLimitKey } from './tenant-limits';

/** The settings as typed: limits as text so a half-typed or empty field can be told apart. */
export interface SettingsDraft {
  simulationsEnabled: boolean;
  limits: Record<TenantLimitKey, string>;
}

export const SETTINGS_FIELDS = ['simulationsEnabled', ...TENANT_LIMITS.map((l) => l.key)] as const;

/** Errors for limits that are not whole numbers; the API checks the bounds and names the field. */
export function draftErrors(draft: SettingsDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const limit of TENANT_LIMITS) {
    if (!/^-?\d+$/.test(draft.limits[limit.key].trim())) errors[limit.key] = `${limit.label}: enter a whole number from ${limit.min} to ${limit.max}.`;
  }
  return errors;
}

/** The feature switch and the limits, each with what it means. */
export function TenantSettingsFields({ draft, errors, onChange }: { draft: SettingsDraft; errors: Record<string, string>; onChange(next: SettingsDraft): void }) {
  return (
    <>
      <Switch
        label="Conversation Simulations"
        hint={SIMULATIONS_HINT}
        checked={draft.simulationsEnabled}
        onChange={(simulationsEnabled) => onChange({ ...draft, simulationsEnabled })}
      />
      {errors.simulationsEnabled && <p className="field-error">{errors.simulationsEnabled}</p>}
      {TENANT_LIMITS.map((limit) => (
        <Field key={limit.key} label={limit.label} hint={limit.hint} required error={errors[limit.key]}>
          {(props) => (
            <input
              {...props}
              type="number"
              inputMode="numeric"
              min={limit.min}
              max={limit.max}
              step={1}
              value={draft.limits[limit.key]}
              onChange={(e) => onChange({ ...draft, limits: { ...draft.limits, [limit.key]: e.target.value } })}
            />
          )}
        </Field>
      ))}
    </>
  );
}
