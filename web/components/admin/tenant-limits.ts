/**
 * What a platform admin can limit per tenant, with the bounds the API enforces
 * (services/orchestrator tenant-limits) so the hints can say them before a save is refused.
 */
export const TENANT_LIMITS = [
  {
    key: 'maxActiveRuns',
    label: 'Max active runs',
    hint: 'Test runs the tenant may have queued or running at once; Run Test is refused beyond it. 0 to 100 (0 stops new runs).',
    min: 0,
    max: 100,
  },
  {
    key: 'maxCasesPerRun',
    label: 'Max test cases per run',
    hint: 'How many test cases one run may hold. 1 to 1000.',
    min: 1,
    max: 1000,
  },
  {
    key: 'defaultMaxTurns',
    label: 'Default max turns',
    hint: 'Where a conversation is cut off, unless the run sets its own limit. 2 to 50.',
    min: 2,
    max: 50,
  },
] as const;

export type TenantLimitKey = (typeof TENANT_LIMITS)[number]['key'];

/** What a new tenant gets unless the admin says otherwise (the API's defaults). */
export const DEFAULT_LIMITS: Record<TenantLimitKey, number> = { maxActiveRuns: 3, maxCasesPerRun: 200, defaultMaxTurns: 12 };

export const SIMULATIONS_HINT = 'The Testing section (test cases and runs). Off: the tenant sees a notice and cannot start runs.';
