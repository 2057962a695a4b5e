import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type BusMessage, type MessageBus, type Subscription } from '@sim/bus';
import { TestRunStatus, Topics } from '@sim/contracts';
import type { Database } from '@sim/persistence';
import { DATABASE, MESSAGE_BUS } from '@sim/subgraph';
import type { SimulationConfig } from '../simulation.config';
import { SIMULATION_CONFIG } from '../simulation.tokens';
import { ConversationStarter } from './conversation-starter';
import { ConversationSteps } from './conversation-steps';
import { ConversationStore } from './conversation.store';
import { decodeMessage } from './request-codec';

/** Consumer groups of the simulation service (one per job, so each scales and lags on its own). */
export const ConsumerGroups = {
  requests: 'simulation.requests',
  steps: 'simulation.steps',
  runStatus: 'simulation.run-status',
} as const;

/**
 * Subscribes the pipeline to its topics: requests start conversations, steps advance them
 * one exchange at a time, and a cancelled run stops its conversations. Every handler is
 * idempotent by the conversation's own state (attempt, next step, status).
 */
@Injectable()
export class ConversationConsumers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('simulation');
  private subscriptions: Subscription[] = [];

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(SIMULATION_CONFIG) private readonly config: SimulationConfig,
    private readonly starter: ConversationStarter,
    private readonly steps: ConversationSteps,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscriptions = await Promise.all([
      this.bus.subscribe({
        groupId: ConsumerGroups.requests,
        topics: [Topics.simulationRequested],
        fromBeginning: true,
        partitionConcurrency: this.config.partitionConcurrency,
        handler: (message) => this.starter.start(decodeMessage(Topics.simulationRequested, message)).then(() => undefined),
      }),
      this.bus.subscribe({
        groupId: ConsumerGroups.steps,
        topics: [Topics.simulationStep],
        fromBeginning: true,
        partitionConcurrency: this.config.partitionConcurrency,
        // Steps are keyed by run-case id: many conversations of a partition advance side by side.
        maxInFlightPerPartition: this.config.maxInFlightPerPartition,
        handler: (message) => this.handleStep(message),
      }),
      this.bus.subscribe({
        groupId: ConsumerGroups.runStatus,
        topics: [Topics.runUpdated],
        fromBeginning: true,
        handler: (message) => this.handleRunUpdated(message),
      }),
    ]);
  }

  async onApplicationShutdown(): Promise<void> {
    const subscriptions = this.subscriptions;
    this.subscriptions = [];
    await Promise.all(subscriptions.map((s) => s.close()));
    await this.steps.stop();
  }

  private async handleStep(message: BusMessage): Promise<void> {
    const step = decodeMessage(Topics.simulationStep, message);
    await this.steps.run({ tenantId: step.tenantId, runId: step.runId, runCaseId: step.runCaseId, attempt: step.attempt, step: step.step });
  }

  private async handleRunUpdated(message: BusMessage): Promise<void> {
    const update = decodeMessage(Topics.runUpdated, message);
    if (update.status !== TestRunStatus.CANCELLED) return;
    const cancelled = await this.db.withTenant(update.tenantId, (manager) => new ConversationStore(manager, update.tenantId).cancelRun(update.runId));
    if (cancelled > 0) this.logger.log(`run ${update.runId}: stopped ${cancelled} conversation(s), the run was cancelled`);
  }
}
