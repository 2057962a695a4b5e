import { Inject, Injectable } from '@nestjs/common';
import type { BusMessage, MessageBus, SubscribeOptions } from '@sim/bus';
import { Topics } from '@sim/contracts';
import { handleOnce, messageOnce, type Database, type OutboxRelay } from '@sim/persistence';
import { DATABASE, MESSAGE_BUS, OUTBOX_RELAY } from '@sim/subgraph';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig } from '../../orchestrator.config';
import { RunAnnouncer } from '../run-announcer';
import { RunProgress, type ProgressOutcome } from '../run-progress';
import { BusConsumer, decodeOrDeadLetter } from './bus-consumer';

export const PipelineGroups = {
  starts: 'orchestrator.starts',
  simulations: 'orchestrator.simulations',
  evaluations: 'orchestrator.evaluations',
} as const;

/**
 * Moves run cases along as simulation and evaluation report (RunProgress): conversation
 * started -> RUNNING, conversation over -> EVALUATING (or ERROR, or the whole run FAILED), verdict ->
 * COMPLETED (or ERROR). The case's own state machine drops anything stale, so redeliveries
 * change nothing. Messages that carry usage are also handled once (on their message id): a
 * stale one still adds its tokens, which must not be counted twice.
 */
@Injectable()
export class PipelineConsumer extends BusConsumer {
  private readonly progress: RunProgress;

  constructor(
    @Inject(MESSAGE_BUS) bus: MessageBus,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    announcer: RunAnnouncer,
  ) {
    super(bus);
    this.progress = new RunProgress(db, announcer);
  }

  protected consumers(): SubscribeOptions[] {
    const common = { fromBeginning: true, partitionConcurrency: this.config.partitionConcurrency };
    return [
      { ...common, groupId: PipelineGroups.starts, topics: [Topics.simulationStarted], handler: (m) => this.onStarted(m).then(() => undefined) },
      { ...common, groupId: PipelineGroups.simulations, topics: [Topics.simulationCompleted], handler: (m) => this.onSimulationCompleted(m).then(() => undefined) },
      { ...common, groupId: PipelineGroups.evaluations, topics: [Topics.evaluationCompleted], handler: (m) => this.onEvaluationCompleted(m).then(() => undefined) },
    ];
  }

  onStarted(message: BusMessage): Promise<ProgressOutcome | 'duplicate'> {
    const started = decodeOrDeadLetter(Topics.simulationStarted, message.value);
    // Not handled once: it carries no usage, and a case becomes RUNNING once by its own state.
    return this.reported(message, this.progress.started(started));
  }

  onSimulationCompleted(message: BusMessage): Promise<ProgressOutcome | 'duplicate'> {
    const completed = decodeOrDeadLetter(Topics.simulationCompleted, message.value);
    if (completed.runCannotProceed) {
      let outcome = 'duplicate' as ProgressOutcome | 'duplicate';
      const handled = handleOnce(this.db, PipelineGroups.simulations, message, async (manager, tenantId) => {
        outcome = await this.progress.runCannotProceed(manager, tenantId, completed);
      });
      return this.reported(message, handled.then(() => outcome));
    }
    const { tenantId, once } = messageOnce(PipelineGroups.simulations, message);
    return this.reported(message, this.progress.simulationCompleted(tenantId, completed, once));
  }

  onEvaluationCompleted(message: BusMessage): Promise<ProgressOutcome | 'duplicate'> {
    const evaluated = decodeOrDeadLetter(Topics.evaluationCompleted, message.value);
    const { tenantId, once } = messageOnce(PipelineGroups.evaluations, message);
    return this.reported(message, this.progress.evaluationCompleted(tenantId, evaluated, once));
  }

  /** Sends on what an applied change enqueued, and notes anything else in the debug log. */
  private async reported(message: BusMessage, handled: Promise<ProgressOutcome | 'duplicate'>): Promise<ProgressOutcome | 'duplicate'> {
    const outcome = await handled;
    if (outcome === 'applied') this.relay.kick();
    else if (outcome !== 'duplicate') this.logger.debug(`${message.topic} ${message.key}: ${outcome}`);
    return outcome;
  }
}
