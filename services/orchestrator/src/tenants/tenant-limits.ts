import type { FieldError } from '@sim/errors';

/** What a new tenant gets unless the platform admin says otherwise. */
export const DEFAULT_TENANT_SETTINGS = {
  simulationsEnabled: true,
  maxActiveRuns: 3,
  maxCasesPerRun: 200,
  defaultMaxTurns: 12,
};

/** Bounds a platform admin can set; the UI shows them next to the fields. */
export const TENANT_LIMIT_BOUNDS = {
  maxActiveRuns: { min: 0, max: 100 },
  maxCasesPerRun: { min: 1, max: 1000 },
  defaultMaxTurns: { min: 2, max: 50 },
} as const;

export type TenantSettingsChanges = Partial<typeof DEFAULT_TENANT_SETTINGS>;

export function validateSettingsChanges(changes: TenantSettingsChanges): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, bounds] of Object.entries(TENANT_LIMIT_BOUNDS) as [keyof typeof TENANT_LIMIT_BOUNDS, { min: number; max: number }][]) {
    const value = changes[key];
    if (value === undefined || value === null) continue;
    if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) {
      errors.push({ field: key, message: `${key} must be a whole number from ${bounds.min} to ${bounds.max}` });
    }
  }
  return errors;
}
