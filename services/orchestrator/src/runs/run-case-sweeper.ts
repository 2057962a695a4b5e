import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Database, OutboxRelay } from '@sim/persistence';
import { DATABASE, OUTBOX_RELAY } from '@sim/subgraph';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig } from '../orchestrator.config';
import { tenantsWithExpiredCases } from './across-tenants';
import { requestSimulation } from './run-events';
import { settleRun } from './run-settlement';
import { RunRepository } from './run.repository';

const BATCH_SIZE = 100;

interface ExpiredCase {
  id: string;
  run_id: string;
}

export interface SweepResult {
  redispatched: number;
  errored: number;
}

/**
 * So that no run hangs: a case still open past its deadline (its worker died, a message was
 * lost, the agent never answered) is dispatched again with the next attempt, and after the
 * last attempt ends as ERROR.
 *
 * One statement finds the tenants with an expired case (ADR 0026); only those are visited,
 * each in its own tenant transactions, as every change to a tenant's runs is made. Within a
 * tenant it takes expired cases in batches with FOR UPDATE ... SKIP LOCKED on the case and
 * its run, so several orchestrator processes share the work and the sweeper never waits on
 * (nor deadlocks with) a handler that holds a run.
 */
@Injectable()
export class RunCaseSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RunCaseSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<SweepResult> | undefined;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error) => this.logger.error(`sweep failed: ${(error as Error).message}`));
    }, this.config.sweepIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sweeping?.catch(() => undefined);
  }

  /** One pass over every expired case (one at a time per process). */
  sweep(now = new Date()): Promise<SweepResult> {
    this.sweeping ??= this.sweepAll(now).finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async sweepAll(now: Date): Promise<SweepResult> {
    const total: SweepResult = { redispatched: 0, errored: 0 };
    for (const id of await tenantsWithExpiredCases(this.db, now)) {
      try {
        const swept = await this.sweepTenant(id, now);
        total.redispatched += swept.redispatched;
        total.errored += swept.errored;
      } catch (error) {
        // One tenant's trouble must not keep the others' runs hanging.
        this.logger.error(`sweeping tenant ${id} failed: ${(error as Error).message}`);
      }
    }
    return total;
  }

  private async sweepTenant(tenantId: string, now: Date): Promise<SweepResult> {
    const total: SweepResult = { redispatched: 0, errored: 0 };
    for (;;) {
      const batch = await this.db.withTenant(tenantId, async (manager) => {
        const expired: ExpiredCase[] = await manager.query(
          `SELECT c.id, c.run_id
             FROM test_run_case c JOIN test_run r ON r.id = c.run_id AND r.tenant_id = c.tenant_id
            WHERE c.tenant_id = $1 AND c.status IN ('NOT_STARTED', 'RUNNING', 'EVALUATING') AND c.deadline_at < $2
            ORDER BY c.deadline_at
            LIMIT $3
            FOR UPDATE OF r, c SKIP LOCKED`,
          [tenantId, now, BATCH_SIZE],
        );
        const repo = new RunRepository(manager, tenantId);
        const outcomes: (keyof SweepResult)[] = [];
        for (const row of expired) outcomes.push(await this.expire(repo, manager, row, now));
        return outcomes;
      });
      for (const outcome of batch) total[outcome]++;
      if (batch.length > 0) this.relay.kick();
      if (batch.length < BATCH_SIZE) return total;
    }
  }

  private async expire(
    repo: RunRepository,
    manager: EntityManager,
    row: ExpiredCase,
    now: Date,
  ): Promise<keyof SweepResult> {
    const run = await repo.findRun(row.run_id);
    const runCase = await repo.findCase(row.id);
    if (!run || !runCase) throw new Error(`run case ${row.id} vanished while locked`);
    if (runCase.attempt < this.config.runCaseMaxAttempts) {
      const next = {
        ...runCase,
        status: 'NOT_STARTED' as const,
        attempt: runCase.attempt + 1,
        deadlineAt: new Date(now.getTime() + this.config.runCaseDeadlineMs),
        score: null,
        band: null,
        error: null,
        simulatorError: false,
      };
      await repo.updateCase(runCase.id, {
        status: next.status,
        attempt: next.attempt,
        deadlineAt: next.deadlineAt,
        score: null,
        band: null,
        error: null,
        simulatorError: false,
      });
      await requestSimulation(manager, run, next);
      await settleRun(manager, repo, run, { now });
      this.logger.warn(`run case ${runCase.id} passed its deadline; dispatched attempt ${next.attempt}`);
      return 'redispatched';
    }
    await repo.updateCase(runCase.id, {
      status: 'ERROR',
      error: `the test case did not finish within ${describeDuration(this.config.runCaseDeadlineMs)} (attempt ${runCase.attempt} of ${this.config.runCaseMaxAttempts})`,
      finishedAt: now,
      deadlineAt: null,
    });
    await settleRun(manager, repo, run, { now });
    return 'errored';
  }
}

/** "15 minutes", "1 minute", "30 seconds". */
export function describeDuration(ms: number): string {
  if (ms >= 60_000) {
    const minutes = Math.round(ms / 60_000);
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  const seconds = Math.max(1, Math.round(ms / 1000));
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}
