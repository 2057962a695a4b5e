import type { Database } from '@sim/persistence';
import { OPEN_CASE_STATUSES } from './domain/run-status';

/**
 * The orchestrator's reads across every tenant, each one statement in a system transaction
 * (the login role's policy lets it see every tenant's rows: migration 1732510100000). Each
 * replaces a loop that opened one transaction per tenant in the registry, every time: the
 * sweeper's every five seconds grew with the number of tenants, busy or not.
 */

/** The tenants with an open case past its deadline at `now`: the only ones the sweeper needs to visit. */
export async function tenantsWithExpiredCases(db: Database, now: Date): Promise<string[]> {
  // Written out, so that PostgreSQL sees the partial index on open cases apply: it holds only
  // the cases in flight.
  const open = `(${OPEN_CASE_STATUSES.map((status) => `'${status}'`).join(', ')})`;
  const rows: { tenant_id: string }[] = await db.withSystem((manager) =>
    manager.query(`SELECT DISTINCT tenant_id FROM test_run_case WHERE status IN ${open} AND deadline_at < $1 ORDER BY tenant_id`, [now]),
  );
  return rows.map((row) => row.tenant_id);
}

/** Runs changed since their last announcement, in every tenant (after a process stopped mid-way). */
export async function unannouncedRuns(db: Database): Promise<{ tenantId: string; runId: string }[]> {
  const rows: { tenant_id: string; id: string }[] = await db.withSystem((manager) =>
    manager.query('SELECT tenant_id, id FROM test_run WHERE version > announced_version ORDER BY tenant_id, id'),
  );
  return rows.map((row) => ({ tenantId: row.tenant_id, runId: row.id }));
}

/** How many runs there are in each status, over every tenant. */
export async function runCountsByStatus(db: Database): Promise<Map<string, number>> {
  const rows: { status: string; runs: number }[] = await db.withSystem((manager) =>
    manager.query('SELECT status, count(*)::int AS runs FROM test_run GROUP BY status'),
  );
  return new Map(rows.map((row) => [row.status, row.runs]));
}
