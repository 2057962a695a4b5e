import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { runMetrics, type Sample } from '@sim/observability';
import type { Database } from '@sim/persistence';
import { DATABASE } from '@sim/subgraph';

/** Every status a run can have, so each series exists (at 0) from the first scrape. */
export const RUN_STATUSES = ['QUEUED', 'RUNNING', 'COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED', 'CANCELLED'] as const;

/**
 * `sim_test_runs{status}`: the runs in the database by status, counted when Prometheus scrapes
 * (nothing to keep in step, and every replica reports the same number; take the max). It goes
 * tenant by tenant, as the sweeper does: under forced row-level security a system transaction
 * sees no run at all.
 */
@Injectable()
export class RunStatusMetrics implements OnApplicationBootstrap, OnApplicationShutdown {
  private removeSource: (() => void) | undefined;

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  onApplicationBootstrap(): void {
    this.removeSource = runMetrics().runs.addSource(() => this.countByStatus());
  }

  onApplicationShutdown(): void {
    this.removeSource?.();
  }

  async countByStatus(): Promise<Sample<'status'>[]> {
    const counts = new Map<string, number>(RUN_STATUSES.map((status) => [status, 0]));
    const tenants: { id: string }[] = await this.db.withSystem((manager) => manager.query('SELECT id FROM tenant'));
    for (const { id } of tenants) {
      const rows: { status: string; runs: number }[] = await this.db.withTenant(id, (manager) =>
        manager.query('SELECT status, count(*)::int AS runs FROM test_run GROUP BY status'),
      );
      for (const row of rows) counts.set(row.status, (counts.get(row.status) ?? 0) + row.runs);
    }
    return [...counts].map(([status, value]) => ({ labels: { status }, value }));
  }
}
