import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { runMetrics, type Sample } from '@sim/observability';
import type { Database } from '@sim/persistence';
import { DATABASE } from '@sim/subgraph';
import { runCountsByStatus } from './across-tenants';

/** Every status a run can have, so each series exists (at 0) from the first scrape. */
export const RUN_STATUSES = ['QUEUED', 'RUNNING', 'COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED', 'CANCELLED'] as const;

/**
 * `sim_test_runs{status}`: the runs in the database by status, counted when Prometheus scrapes
 * (nothing to keep in step, and every replica reports the same number; take the max), in one
 * statement over every tenant.
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
    const counted = await runCountsByStatus(this.db);
    return RUN_STATUSES.map((status) => ({ labels: { status }, value: counted.get(status) ?? 0 }));
  }
}
