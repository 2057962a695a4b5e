import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { enqueueOutbox, type Database, type OutboxRelay } from '@sim/persistence';
import { DATABASE, OUTBOX_RELAY } from '@sim/subgraph';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig } from '../orchestrator.config';
import { unannouncedRuns } from './across-tenants';
import { runUpdatedMessage } from './run-events';
import { RunRepository } from './run.repository';

/** Where a case's progress says that its run changed. */
export interface RunChanges {
  changed(tenantId: string, runId: string): void;
}

/**
 * Announces runs whose cases moved (`run.updated`), a few at a time: every change of a run
 * bumps its version, and the announcer sends each changed run's latest state once, after
 * `announceDelayMs`, instead of one message per case change (ADR 0015). A thousand-case run
 * made three thousand announcements, which every gateway replica and the simulation service
 * consumed, and each cost its case's transaction one more write.
 *
 * What was announced is kept in the run (`announced_version`), so the announcement happens
 * however the process fares: `changed` may be called inside the changing transaction (the
 * announcer's UPDATE waits for that transaction's lock on the run and then reads what it
 * committed), a failed pass keeps its runs for the next one, and a process that starts
 * announces what a stopped one left unannounced.
 */
@Injectable()
export class RunAnnouncer implements RunChanges, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RunAnnouncer.name);
  /** Runs changed since the last pass, by tenant. */
  private pending = new Map<string, Set<string>>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.recover();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    // What changed last is announced now rather than by the next process to start.
    await this.announce();
  }

  changed(tenantId: string, runId: string): void {
    let runs = this.pending.get(tenantId);
    if (!runs) this.pending.set(tenantId, (runs = new Set()));
    runs.add(runId);
    this.schedule();
  }

  /** Announces every pending run now (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    await this.announce();
  }

  /** Marks the runs changed since their last announcement, in every tenant (after a process stopped mid-way). */
  async recover(): Promise<void> {
    for (const { tenantId, runId } of await unannouncedRuns(this.db)) this.changed(tenantId, runId);
  }

  private schedule(): void {
    if (this.timer || this.running || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.announce().finally(() => {
          this.running = undefined;
          if (this.pending.size > 0) this.schedule();
        });
    }, this.config.announceDelayMs);
  }

  /** One pass over the pending runs; a tenant's runs that fail stay pending for the next pass. */
  private async announce(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    let announced = 0;
    for (const [tenantId, runs] of batch) {
      try {
        announced += await this.announceTenant(tenantId, [...runs]);
      } catch (error) {
        for (const runId of runs) this.changed(tenantId, runId);
        this.logger.error(`announcing runs of tenant ${tenantId} failed, trying again: ${(error as Error).message}`);
      }
    }
    if (announced > 0) this.relay.kick();
  }

  private announceTenant(tenantId: string, runIds: string[]): Promise<number> {
    return this.db.withTenant(tenantId, async (manager) => {
      const runs = await new RunRepository(manager, tenantId).takeUnannounced(runIds);
      const at = new Date();
      await enqueueOutbox(manager, runs.map((run) => runUpdatedMessage(run, at)));
      return runs.length;
    });
  }
}
