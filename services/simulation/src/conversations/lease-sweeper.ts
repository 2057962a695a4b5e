import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Database, OutboxRelay } from '@sim/persistence';
import { DATABASE, OUTBOX_RELAY } from '@sim/subgraph';
import type { SimulationConfig } from '../simulation.config';
import { SIMULATION_CONFIG } from '../simulation.tokens';
import { enqueueStep } from './conversation-events';
import { ConversationSteps } from './conversation-steps';

const BATCH_SIZE = 200;
/** A step re-issued this often without finishing (its worker dies each time) ends the conversation as ERROR. */
export const MAX_REDISPATCHES = 3;

interface ExpiredLease {
  run_case_id: string;
  tenant_id: string;
  run_id: string;
  attempt: number;
  next_step: number;
  redispatches: number;
}

/**
 * Re-dispatches the current step of conversations whose lease expired: the worker running
 * it died. A lease exists only while a worker holds the step: a step still waiting in its
 * partition (or for a free step slot, in a large run) has none, so queueing is never
 * mistaken for a dead worker; the bus delivers a queued step at least once. The re-issued step carries the same number, so if the
 * first worker was only slow, whichever finishes second writes nothing. A step that keeps
 * dying ends its conversation as ERROR rather than looping until the deadline.
 *
 * Finding candidates is cross-tenant (withSystem; SKIP LOCKED lets replicas sweep side by
 * side); ending a conversation is tenant-scoped work like any step.
 */
@Injectable()
export class LeaseSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('simulation');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(SIMULATION_CONFIG) private readonly config: SimulationConfig,
    private readonly steps: ConversationSteps,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep()
        .catch((error) => this.logger.error(`lease sweep failed: ${(error as Error).message}`))
        .finally(() => (this.running = undefined));
    }, this.config.sweepIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns how many steps were dispatched again and how many conversations were given up. */
  async sweep(): Promise<{ redispatched: number; abandoned: number }> {
    const exhausted = await this.db.withSystem(async (manager) => {
      const expired: ExpiredLease[] = await manager.query(
        `SELECT run_case_id, tenant_id, run_id, attempt, next_step, redispatches FROM conversation
          WHERE status = 'ACTIVE' AND lease_expires_at < now()
          ORDER BY lease_expires_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      if (expired.length === 0) return { redispatched: 0, exhausted: [] as ExpiredLease[] };
      // The re-issued step is unclaimed again (no lease) until a worker takes it; the
      // exhausted ones too, so no other sweeper takes them meanwhile.
      await manager.query(
        `UPDATE conversation SET lease_expires_at = NULL,
                redispatches = redispatches + CASE WHEN redispatches < $2 THEN 1 ELSE 0 END
          WHERE run_case_id = ANY($1::uuid[])`,
        [expired.map((row) => row.run_case_id), MAX_REDISPATCHES],
      );
      const retry = expired.filter((row) => row.redispatches < MAX_REDISPATCHES);
      for (const row of retry) await enqueueStep(manager, keyOf(row), row.next_step);
      return { redispatched: retry.length, exhausted: expired.filter((row) => row.redispatches >= MAX_REDISPATCHES) };
    });
    if (exhausted.redispatched > 0) {
      this.logger.warn(`re-dispatched ${exhausted.redispatched} conversation step(s) whose lease expired`);
      this.relay.kick();
    }
    let abandoned = 0;
    for (const row of exhausted.exhausted) {
      const reason = `step ${row.next_step} of the conversation did not finish after ${MAX_REDISPATCHES} re-dispatches (its worker kept failing)`;
      if (await this.steps.abandon({ ...keyOf(row), step: row.next_step }, reason)) abandoned++;
    }
    if (abandoned > 0) this.logger.warn(`ended ${abandoned} conversation(s) whose step kept failing`);
    return { redispatched: exhausted.redispatched, abandoned };
  }
}

function keyOf(row: ExpiredLease) {
  return { tenantId: row.tenant_id, runId: row.run_id, runCaseId: row.run_case_id, attempt: row.attempt };
}
